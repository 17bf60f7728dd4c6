/**
 * The step checker: every planned step is checked before it is shown, and a step that fails any
 * check is dropped (with the reason kept for tests and logs).
 *   (a) its free symbols come from the formula, from an assumption it states or from a definition;
 *   (b) divergences compare distributions over the same variables, and binders range over a
 *       variable their integrand uses;
 *   (c) each equality or inequality holds numerically on seeded toy instances.
 */
import type { Expr, Stmt } from '../expr/types';
import { freeOccurrences, mentions, nodes } from '../expr/walk';
import type { Checked, PlannedStep } from '../step';
import { Numeric, Unevaluable, type Definition } from './numeric';
import { canonical, symbolAllowed } from './symbols';
import { stepVariableProblems } from './variables';
import type { WorldFactory } from './world';

export { Unevaluable, type Definition } from './numeric';

/** What the checker needs besides the steps. */
export interface CheckContext {
  /** The formula's symbols, in canonical TeX (`formulaSymbols`). */
  readonly symbols: ReadonlySet<string>;
  /** The toy instance the derivation's claims are evaluated in, when it has one. */
  readonly world?: WorldFactory;
  /** Seeds of the toy instances (default three). */
  readonly seeds?: readonly number[];
  /** Definitions in force before the first step (the formula's own, read from the note). */
  readonly definitions?: readonly Definition[];
}

/** The checker's judgement of one step. */
export interface Verdict {
  readonly ok: boolean;
  readonly checked: Checked;
  /** Why the step was dropped (empty when it is shown). */
  readonly problems: readonly string[];
}

/** A planned step with its verdict. */
export interface CheckedStep {
  readonly step: PlannedStep;
  readonly verdict: Verdict;
}

const DEFAULT_SEEDS = [11, 23, 37];

/** True for a relation that defines its left side rather than claiming something about it. */
function isDefinition(s: Stmt, i: number): boolean {
  const r = s.rels[i];
  const lhs = s.parts[i];
  return (r === ':=' || r === 'def=') && i === 0 && (lhs.t === 'sym' || lhs.t === 'idx' || (lhs.t === 'call' && lhs.args.every((a) => a.t === 'sym')));
}

/** Names a step defines (left sides of its definitions). */
function definedNames(step: PlannedStep): string[] {
  const out: string[] = [];
  for (const s of step.math) {
    s.rels.forEach((_, i) => {
      if (!isDefinition(s, i)) return;
      const lhs = s.parts[0];
      out.push(lhs.t === 'sym' ? lhs.name : lhs.t === 'call' ? lhs.head : lhs.t === 'idx' ? lhs.base : '');
    });
  }
  return out.filter((n) => n !== '');
}

function scale(a: number, b: number): number {
  return 1 + Math.max(Math.abs(a), Math.abs(b));
}

/** Compares two values under a relation; vectors component by component. */
function holds(a: unknown, b: unknown, rel: string, tol: number): boolean {
  const as = typeof a === 'number' ? [a] : (a as number[]);
  const bs = typeof b === 'number' ? [b] : (b as number[]);
  if (as.length !== bs.length && as.length !== 1 && bs.length !== 1) return false;
  const len = Math.max(as.length, bs.length);
  for (let i = 0; i < len; i++) {
    const x = as[as.length === 1 ? 0 : i];
    const y = bs[bs.length === 1 ? 0 : i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    const slack = tol * scale(x, y);
    switch (rel) {
      case '=': if (Math.abs(x - y) > slack) return false; break;
      case '<=': case '<': if (x > y + slack) return false; break;
      case '>=': case '>': if (x < y - slack) return false; break;
      default: return false;
    }
  }
  return true;
}

function fmt(v: unknown): string {
  if (typeof v === 'number') return Number(v.toPrecision(6)).toString();
  if (Array.isArray(v)) return `(${v.map(fmt).join(', ')})`;
  return String(v);
}

/** The result of evaluating one step's claims in one world. */
interface Evaluated {
  readonly verified: number;
  readonly unevaluable: string[];
  readonly failures: string[];
  readonly definitions: Definition[];
}

function evaluateStep(step: PlannedStep, factory: WorldFactory, seed: number, defs: readonly Definition[]): Evaluated {
  const world = factory(seed);
  const definitions: Definition[] = [];
  const failures: string[] = [];
  const unevaluable: string[] = [];
  let verified = 0;
  const tol = step.tolerance ?? 1e-6;
  for (const s of step.math) {
    const numeric = new Numeric(world, [...defs, ...definitions]);
    const values = new Map<number, unknown>();
    const valueOf = (i: number): unknown => {
      if (!values.has(i)) values.set(i, numeric.value(s.parts[i]));
      return values.get(i);
    };
    s.rels.forEach((rel, i) => {
      if (isDefinition(s, i)) {
        // A definition followed by checked equalities (`\hat\mu := \arg\max ... = \bar x`) is
        // registered with its last form, which the checks below show equal and is cheaper to evaluate.
        const last = s.rels.every((r, k) => k === 0 || r === '=') ? s.parts[s.parts.length - 1] : s.parts[1];
        definitions.push({ lhs: s.parts[0], rhs: last });
        return;
      }
      if (rel === '\\propto' || rel === '\\approx') {
        unevaluable.push(`a "${rel}" relation is not checked numerically`);
        return;
      }
      const r = rel === ':=' || rel === 'def=' ? '=' : rel;
      try {
        const a = valueOf(i);
        const b = valueOf(i + 1);
        if (holds(a, b, r, tol)) verified++;
        else failures.push(`on a toy instance (${world.name}, seed ${seed}) the two sides of "${r}" are ${fmt(a)} and ${fmt(b)}`);
      } catch (err) {
        if (err instanceof Unevaluable) unevaluable.push(err.message);
        else throw err;
      }
    });
  }
  return { verified, unevaluable, failures, definitions };
}

/** Free symbols of a statement list. */
function occurrences(stmts: readonly Stmt[]): { name: string; role: string }[] {
  const parts: Expr[] = stmts.flatMap((s) => s.parts as Expr[]);
  return parts.flatMap(freeOccurrences);
}

/**
 * Checks steps in order and returns each with its verdict. Definitions and introduced symbols of
 * a shown step are in force for the later ones; those of a dropped step are not, so nothing can
 * lean on a line that was not shown.
 */
export function checkSteps(steps: readonly PlannedStep[], ctx: CheckContext): CheckedStep[] {
  const allowed = new Set<string>([...ctx.symbols].map(canonical));
  const defs: Definition[] = [...(ctx.definitions ?? [])];
  const seeds = ctx.seeds ?? DEFAULT_SEEDS;
  const out: CheckedStep[] = [];
  for (const step of steps) {
    const problems: string[] = [];
    const local = new Set(allowed);
    const defined = definedNames(step);
    for (const n of defined) local.add(canonical(n));
    if (step.introduces && step.introduces.length > 0) {
      if (step.assumption || step.example) for (const n of step.introduces) local.add(canonical(n));
      else problems.push(`introduces ${step.introduces.join(', ')} without stating an assumption`);
    }
    for (const o of occurrences(step.math)) {
      if (!symbolAllowed(o.name, local)) problems.push(`uses ${o.name}, which is neither in the formula nor introduced by an assumption`);
    }
    // A defined symbol depends on whatever its definition uses (`x_t` on the noise `\epsilon_t`).
    const depends = (e: Expr, name: string): boolean => mentions(e, name)
      || defs.some((d) => (d.lhs.t === 'sym' || d.lhs.t === 'idx') && [...nodes(e)].some((x) => (x.t === 'sym' && d.lhs.t === 'sym' && x.name === d.lhs.name) || (x.t === 'idx' && d.lhs.t === 'idx' && x.base === d.lhs.base)) && mentions(d.rhs, name));
    problems.push(...stepVariableProblems(step.math, depends));
    let checked: Checked = step.assumption ? 'assumption' : 'definition';
    const stepDefs: Definition[] = [];
    if (problems.length === 0) {
      const factory = step.world ?? ctx.world;
      let verified = 0;
      const unevaluable: string[] = [];
      const hasClaims = step.math.some((s) => s.rels.some((_, i) => !isDefinition(s, i)));
      if (hasClaims && !factory) unevaluable.push('no toy instance for this formula');
      else if (factory) {
        for (const seed of seeds) {
          const r = evaluateStep(step, factory, seed, defs);
          verified += r.verified;
          unevaluable.push(...r.unevaluable);
          problems.push(...r.failures);
          if (seed === seeds[0]) stepDefs.push(...r.definitions);
          if (r.failures.length > 0) break;
        }
      } else {
        for (const s of step.math) s.rels.forEach((_, i) => { if (isDefinition(s, i)) stepDefs.push({ lhs: s.parts[0], rhs: s.parts[1] }); });
      }
      if (problems.length === 0) {
        if (unevaluable.length > 0) {
          if (step.unchecked) checked = 'not checked';
          else problems.push(`cannot be checked: ${[...new Set(unevaluable)].join('; ')}`);
        } else if (verified > 0) checked = 'numerically';
      }
    }
    const ok = problems.length === 0;
    out.push({ step, verdict: { ok, checked, problems } });
    if (ok) {
      for (const n of local) allowed.add(n);
      defs.push(...stepDefs);
    }
  }
  return out;
}
