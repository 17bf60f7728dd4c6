/**
 * A formula that is itself a derivation (an aligned block whose lines continue with `&=`, a chain
 * `a = b = c`, or one identity between two expressions): for each line, the rule that takes the
 * previous line to it, checked numerically on a toy instance where one exists, or said honestly
 * to be "not a step GenMath recognizes".
 */
import { formatNumber } from '../text/numbers';
import { TableJoint } from './check/models';
import { Numeric, Unevaluable } from './check/numeric';
import { makeWorld, real, type Getter, type World, type WorldFactory } from './check/world';
import { stmtTex } from './expr/tex';
import type { Expr, Rel, Stmt } from './expr/types';
import { exprKey, nodes } from './expr/walk';
import type { Reading } from './read/reading';
import { every } from './read/reading';
import { hasRaw } from './read/translate';
import type { DerivationStep } from './step';

/** The expressions of a chain and the relations between them. */
export interface Chain {
  readonly parts: readonly Expr[];
  readonly rels: readonly Rel[];
}

/**
 * A name being defined: a symbol, or a function of plain symbols. `L(G, D^*)` is not one: an
 * argument marked as an optimum (`D^*`, `\hat\theta`) means a function is being evaluated there.
 */
const isName = (e: Expr): boolean => e.t === 'sym' || e.t === 'idx'
  || (e.t === 'call' && e.args.every((a) => a.t === 'sym' && !/\^\{?\*|\^\{?\\ast|^\\hat|^\\tilde/.test(a.name)));

/**
 * The chain a formula writes, or undefined: several relations in a row (on one line or continued
 * on lines that start with a relation), or one relation between two expressions neither of which
 * is just a name being defined.
 */
export function chainOf(r: Reading): Chain | undefined {
  if (r.lines.length === 0) return undefined;
  const parts: Expr[] = [...r.lines[0].stmt.parts];
  const rels: Rel[] = [...r.lines[0].stmt.rels];
  for (const l of r.lines.slice(1)) {
    const s = l.stmt;
    const continues = s.parts[0]?.t === 'raw' && s.parts[0].tex === '' && s.rels.length > 0;
    if (!continues) return undefined;
    parts.push(...s.parts.slice(1));
    rels.push(...s.rels);
  }
  if (rels.length === 0 || rels.some((x) => x === ':=' || x === 'def=')) return undefined;
  if (rels.length === 1 && (isName(parts[0]) || parts[0].t === 'max' || parts[0].t === 'min')) return undefined;
  return { parts, rels };
}

/** True for an expectation, sum or integral of a log-ratio of `a` and `b` (a KL divergence written out). */
function isKlWritten(e: Expr, a: Expr, b: Expr): boolean {
  const heads = (x: Expr) => (x.t === 'dens' ? x.head : undefined);
  const ha = heads(a);
  const hb = heads(b);
  if (!ha || !hb) return false;
  const logs = [...nodes(e)].filter((x) => x.t === 'fn' && x.f === 'log');
  const uses = (h: string) => logs.some((l) => [...nodes(l)].some((y) => y.t === 'dens' && y.head === h));
  return (e.t === 'E' || e.t === 'sum' || e.t === 'int' || [...nodes(e)].some((y) => y.t === 'sum' || y.t === 'E' || y.t === 'int')) && uses(ha) && uses(hb);
}

/** The rule that takes `a` to `b` under `rel`, by the shapes of the two sides, or undefined. */
export function ruleBetween(a: Expr, b: Expr, rel: Rel): string | undefined {
  const kls = (e: Expr) => every([e], 'kl');
  const hs = (e: Expr) => every([e], 'H');
  const has = (e: Expr, t: Expr['t']) => [...nodes(e)].some((x) => x.t === t);
  const logOfE = (e: Expr) => [...nodes(e)].some((x) => x.t === 'fn' && x.f === 'log' && x.a.t === 'E');
  const eOfLog = (e: Expr) => [...nodes(e)].some((x) => x.t === 'E' && [...nodes(x.body)].some((y) => y.t === 'fn' && y.f === 'log'));
  if ((rel === '<=' || rel === '>=') && (logOfE(a) || logOfE(b)) && (eOfLog(a) || eOfLog(b))) return "Jensen's inequality";
  const logEvidence = (e: Expr) => e.t === 'fn' && e.f === 'log' && e.a.t === 'dens' && e.a.cond.every((c) => c.t !== 'sym' || !/^z/.test(c.name));
  const boundOf = (e: Expr) => [...nodes(e)].some((x) => x.t === 'E' && x.measure.t === 'dens' && /^[qQ]/.test(x.measure.head));
  if ((rel === '<=' || rel === '>=') && ((logEvidence(a) && boundOf(b)) || (logEvidence(b) && boundOf(a)))) return 'the evidence lower bound (Jensen\'s inequality)';
  const optimum = (e: Expr) => [...nodes(e)].some((x) => x.t === 'call' && x.args.some((y) => y.t === 'sym' && /\^\{?\*/.test(y.name)));
  if ((optimum(a) && has(b, 'jsd')) || (optimum(b) && has(a, 'jsd'))) return 'the value of the GAN game at the optimal discriminator';
  const sumOfLogs = (e: Expr) => [...nodes(e)].some((x) => (x.t === 'sum' || x.t === 'E') && [...nodes(x.body)].some((y) => y.t === 'fn' && y.f === 'log'));
  if ((hs(a).length > 0 && !hs(b).length && sumOfLogs(b)) || (hs(b).length > 0 && !hs(a).length && sumOfLogs(a))) return 'definitions of entropy and cross-entropy';
  for (const [x, y] of [[a, b], [b, a]] as const) {
    const k = kls(x)[0];
    if (k && !kls(y).some((k2) => exprKey(k2) === exprKey(k)) && isKlWritten(y, k.a, k.b)) return 'definition of the KL divergence';
    if (k && hs(y).length >= 2) return 'cross-entropy minus entropy';
    if (hs(x).length === 1 && !hs(y).length && [...nodes(y)].some((z) => z.t === 'fn' && z.f === 'log')) return 'definition of entropy';
    if (has(x, 'jsd') && !has(y, 'jsd') && kls(y).length >= 2) return 'definition of the Jensen-Shannon divergence';
    if (has(x, 'int') && !has(y, 'int') && [...nodes(x)].some((z) => z.t === 'int' && [...nodes(z.body)].some((w) => w.t === 'dens'))) return 'marginalization (sum rule)';
  }
  const densCond = (e: Expr) => every([e], 'dens').filter((d) => d.cond.length > 0).map((d) => `${d.main.map(exprKey)}|${d.cond.map(exprKey)}`);
  const ca = densCond(a);
  const cb = densCond(b);
  if (ca.some((k) => { const [m, c] = k.split('|'); return cb.includes(`${c}|${m}`); })) return "Bayes' rule";
  const logCount = (e: Expr) => [...nodes(e)].filter((x) => x.t === 'fn' && x.f === 'log').length;
  const logOfRatio = (e: Expr) => [...nodes(e)].some((x) => x.t === 'fn' && x.f === 'log' && (x.a.t === 'div' || x.a.t === 'mul'));
  if (logCount(a) !== logCount(b) && (logOfRatio(a) || logOfRatio(b))) return 'the log of a product (or ratio) is the sum (or difference) of the logs';
  const eCount = (e: Expr) => every([e], 'E').length;
  if (eCount(a) !== eCount(b) && eCount(a) > 0 && eCount(b) > 0) return 'linearity of expectation';
  return undefined;
}

/**
 * A toy instance for a formula without a detected variant: every density written without a
 * condition is a distribution on three outcomes of the variables it names; other symbols take
 * values in (0.2, 0.9). Conditional densities have no model, so lines that use them stay unchecked.
 */
export function genericWorld(r: Reading): WorldFactory {
  const heads = new Map<string, string[]>();
  for (const d of every(r, 'dens')) {
    if (d.cond.length > 0) continue;
    const vars = d.main.map((v) => (v.t === 'sym' ? v.name : '')).filter((v) => v !== '');
    const prev = heads.get(d.head);
    if (!prev || prev.length < vars.length) heads.set(d.head, vars.length > 0 ? vars : prev ?? ['x']);
  }
  const allVars = new Set([...heads.values()].flat());
  return (seed) => {
    const w = makeWorld(seed, {
      name: 'distributions on three outcomes',
      specs: { '#p': real(0.1, 1) },
      fallback: real(0.2, 0.9),
      domains: Object.fromEntries([...allVars].map((v) => [v, { kind: 'support', values: [1, 2, 3] }])),
      models: Object.fromEntries([...heads].map(([h, vars]) => [h, (get: Getter) => TableJoint.independent(vars.map((v) => {
        const w = [1, 2, 3].map((k) => get(`#p_{${h}${v}${k}}`) as number);
        const s = w.reduce((a, b) => a + b, 0);
        return { v, support: [1, 2, 3], probs: w.map((x) => x / s) };
      }))])),
    });
    return { ...w, value: (key, base) => w.value(key, key.startsWith('#p_') ? '#p' : base) } as World;
  };
}

function holds(a: unknown, b: unknown, rel: Rel): boolean | undefined {
  if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  const slack = 1e-5 * (1 + Math.max(Math.abs(a), Math.abs(b)));
  switch (rel) {
    case '=': return Math.abs(a - b) <= slack;
    case '<=': case '<': return a <= b + slack;
    case '>=': case '>': return a >= b - slack;
    default: return undefined;
  }
}

/** Numbers for a message. */
function fmt(x: unknown): string {
  return typeof x === 'number' ? formatNumber(x) : String(x);
}

/**
 * One explained step per relation of the chain, after the formula as written. `world` is the toy
 * instance of the formula's variant when it has one.
 */
export function chainSteps(r: Reading, world?: WorldFactory): DerivationStep[] | undefined {
  const chain = chainOf(r);
  if (!chain) return undefined;
  const factory = world ?? genericWorld(r);
  const out: DerivationStep[] = [{ latex: r.tex.trim(), why: chain.rels.length > 1 ? 'The note writes a derivation; each line below is one of its steps, with the rule that gives it.' : 'The note writes an identity; the line below names the rule behind it.', checked: 'as written', rule: 'the formula as the note writes it' }];
  for (let k = 0; k < chain.rels.length; k++) {
    const a = chain.parts[k];
    const b = chain.parts[k + 1];
    const rel = chain.rels[k];
    const s: Stmt = { parts: [a, b], rels: [rel] };
    const latex = stmtTex(s);
    const rule = ruleBetween(a, b, rel);
    let verdict: boolean | undefined;
    let detail = '';
    if (!hasRaw(a) && !hasRaw(b)) {
      verdict = true;
      try {
        for (const seed of [11, 23, 37]) {
          const n = new Numeric(factory(seed));
          const va = n.value(a);
          const vb = n.value(b);
          const ok = holds(va, vb, rel);
          if (ok === undefined) { verdict = undefined; break; }
          if (!ok) { verdict = false; detail = `${fmt(va)} and ${fmt(vb)}`; break; }
        }
      } catch (err) {
        if (!(err instanceof Unevaluable)) throw err;
        verdict = undefined;
      }
    }
    if (verdict === false) {
      out.push({ latex, why: `On a toy instance the two sides differ (${detail}): this step does not hold in general as written, or relies on an assumption stated elsewhere.`, checked: 'fails numerically', rule: rule ?? 'not a step GenMath recognizes' });
    } else if (rule) {
      out.push({ latex, why: verdict ? `${capitalize(rule)}; both sides agree on a toy instance.` : `${capitalize(rule)}; GenMath has no toy instance to check this line on.`, checked: verdict ? 'numerically' : 'not checked', rule });
    } else {
      out.push({ latex, why: verdict ? 'Not a step GenMath recognizes by name, but both sides agree on a toy instance.' : 'Not a step GenMath recognizes, and it has no toy instance to check it on.', checked: verdict ? 'numerically' : 'not checked', rule: 'not a step GenMath recognizes' });
    }
  }
  return out;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
