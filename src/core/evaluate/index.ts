/**
 * Numbers for formulas that have them: `evaluate(latex)` reads a formula with concrete
 * values (a KL of two Gaussians, an entropy of a Bernoulli, Bayes' rule with numbers, a
 * gradient step, plain arithmetic) and says what it equals and how it was computed.
 * Symbolic formulas get a clear error; `toyInstanceFor` gives them a toy instance instead.
 */
import { normalizeFormula } from '../recognize/normalize';
import { DomainError } from './distributions';
import { formatNumber } from '../text/numbers';
import { BudgetError, Evaluator, type EvalSettings } from './arithmetic';
import { DEFAULT_SAMPLES, MAX_SAMPLES } from './montecarlo';
import { contextAssignments, readGiven, splitGiven } from './given';
import { ReadError, SymbolicError, freeSymbols, isBareNumber, parseSide, splitSides, tokenize } from './reader';

export type { ToyInstance, ToyParameter, ToyResult } from './toy';

/** What a formula with numbers equals, and how that was found. */
export interface Evaluation {
  readonly value: number;
  /** How it was computed, in a few words: 'closed form', 'Monte Carlo', 'arithmetic'. */
  readonly method: 'closed form' | 'Monte Carlo' | 'arithmetic';
  /** Monte Carlo only: the standard error of the estimate (propagated through arithmetic to first order). */
  readonly standardError?: number;
  /** Monte Carlo only: the samples drawn per expectation (fewer than asked if the time budget ran out). */
  readonly samples?: number;
  /** One sentence for people: e.g. "KL divergence of two Gaussians, closed form (natural log, nats)". */
  readonly detail: string;
}

/** The answer of `evaluate`: an evaluation, or one clear line saying why there is none. */
export type EvalOutcome = { ok: true; evaluation: Evaluation } | { ok: false; error: string };

/** Options of `evaluate`. */
export interface EvaluateOptions {
  /** Seed of the Monte Carlo generator (default 1), so the same formula gives the same estimate. */
  readonly seed?: number;
  /** Monte Carlo samples per expectation (default 20,000, capped at 200,000). */
  readonly samples?: number;
  /**
   * Wall-clock budget in ms (default and maximum 150, at least 5). The extension host, where
   * no task should run past 50 ms, passes less; sampling then stops early and says so.
   */
  readonly timeBudgetMs?: number;
  /** The note's text right after the formula (the rest of its line and the next), where values may be given. */
  readonly context?: string;
}

/** Longer formulas are not written by hand; refusing them keeps every call fast. */
export const MAX_FORMULA_LENGTH = 5000;
/** Wall-clock budget per call, below the 200 ms any caller can afford. */
const TIME_BUDGET_MS = 150;

const SYMBOLIC = 'no concrete numbers to evaluate: the formula is symbolic';

/**
 * Evaluates `latex` (with or without `$` delimiters, or Unicode math). With an `=`, the
 * first side that has no unknowns is evaluated (`D_{KL}(...) = ?`, `\theta' = 0.5 - 0.1\cdot 2`).
 * Natural log unless the formula writes a base. Never throws; bounded time.
 */
export function evaluate(latex: string, options: EvaluateOptions = {}): EvalOutcome {
  try {
    if (typeof latex !== 'string') return fail('the formula must be a string');
    if (latex.length > MAX_FORMULA_LENGTH) return fail(`the formula is too long to evaluate (${latex.length.toLocaleString('en-US')} characters, at most ${MAX_FORMULA_LENGTH.toLocaleString('en-US')})`);
    const whole = normalizeFormula(latex);
    if (whole.trim() === '') return fail('the formula is empty');
    // Values written after the formula (`where p = (0.5, 0.5)`), in it or in the text that follows.
    const { formula: tex, assignments } = splitGiven(whole);
    const tokens = tokenize(tex);
    const sides = splitSides(tokens).filter((s) => s.length > 0 && !(s.length === 1 && s[0].t === 'op' && s[0].v === '?'));
    if (sides.length === 0) return fail('the formula has nothing to evaluate');
    const seed = Number.isFinite(options.seed) ? (options.seed as number) : 1;
    const samples = Number.isFinite(options.samples) ? Math.min(MAX_SAMPLES, Math.max(100, Math.floor(options.samples as number))) : DEFAULT_SAMPLES;
    const budget = Number.isFinite(options.timeBudgetMs) ? Math.min(TIME_BUDGET_MS, Math.max(5, options.timeBudgetMs as number)) : TIME_BUDGET_MS;
    const deadline = Date.now() + budget;
    const fromContext = typeof options.context === 'string' ? contextAssignments(options.context) : [];
    const free = new Set(freeSymbols(tokens).map((x) => x.replace(/^\\/, '\\')));
    const given = readGiven([...assignments, ...fromContext], { seed, samples, deadline, samplingDeadline: deadline });
    // Only values for letters the formula leaves free are used (and said to be used).
    const constants = new Map([...given.values].filter(([name]) => free.has(name) || free.has(name.replace(/_.*$/, ''))));
    const used = given.written.filter((w) => constants.has(w.split('=')[0].trim().replace(/\s+/g, '')) || [...constants.keys()].some((k) => w.startsWith(k)));
    // A side that is only a number is a stated result (`\theta_{MLE} = ... = 0.6`): it
    // answers only when no other side is a computation, as in a formula that is just `2`.
    const computing = sides.length > 1 ? sides.filter((s) => !isBareNumber(s)) : sides;
    let domainError: string | undefined;
    let readError: string | undefined;
    let symbolic: string[] | undefined;
    for (const side of computing) {
      // Sampling leaves a quarter of the budget for the arithmetic around it.
      const r = evaluateSide(side, { seed, samples, deadline, samplingDeadline: deadline - budget / 4, constants });
      if (r.ok) {
        if (used.length === 0) return r;
        return { ok: true, evaluation: { ...r.evaluation, detail: `${r.evaluation.detail}, with ${used.join(', ')} as the note gives ${used.length === 1 ? 'it' : 'them'}` } };
      }
      if (r.reason === 'symbolic') symbolic = [...new Set([...(symbolic ?? []), ...r.symbols])];
      else if (r.reason === 'read') readError ??= r.error;
      else {
        domainError ??= r.error;
        if (r.reason === 'budget') break;
      }
    }
    // A problem with the numbers themselves is the most useful thing to say; then that the
    // formula is symbolic; a reading problem only when neither applies.
    if (domainError !== undefined) return fail(domainError);
    if (symbolic !== undefined) {
      return fail(symbolic.length > 0 ? `${SYMBOLIC} (${symbolic.slice(0, 4).join(', ')} ${symbolic.length === 1 ? 'has' : 'have'} no value)` : SYMBOLIC);
    }
    return fail(readError ?? SYMBOLIC);
  } catch (err) {
    return fail(messageOf(err));
  }
}

type SideResult =
  | { ok: true; evaluation: Evaluation }
  | { ok: false; reason: 'symbolic'; error: string; symbols: string[] }
  | { ok: false; reason: 'read' | 'domain' | 'budget'; error: string };

function evaluateSide(side: Parameters<typeof parseSide>[0], settings: EvalSettings): SideResult {
  const ev = new Evaluator(settings);
  try {
    const tree = parseSide(side);
    const v = ev.scalar(tree);
    const value = typeof v === 'number' ? v : v.v;
    if (!Number.isFinite(value)) return { ok: false, reason: 'domain', error: `the value is not a finite number (${String(value)})` };
    // Numerical integration is deterministic but not a closed form: it reports as 'arithmetic'
    // and its detail sentence says "numerical integration".
    const method = ev.sampled ? 'Monte Carlo' : ev.closedForm && !ev.numeric ? 'closed form' : 'arithmetic';
    const detail = ev.details.length > 0 ? capitalize(ev.details.join('; ')) : 'Arithmetic on the numbers written (natural log unless a base is written)';
    const evaluation: Evaluation = typeof v === 'number' || !ev.sampled
      ? { value, method, detail }
      : { value, method, standardError: v.se, samples: v.n, detail };
    return { ok: true, evaluation };
  } catch (err) {
    const symbols = freeSymbols(side);
    if (err instanceof SymbolicError) {
      if (err.message.startsWith('\\') && !symbols.includes(err.message)) symbols.push(err.message);
      return { ok: false, reason: 'symbolic', error: SYMBOLIC, symbols };
    }
    // A construct the reader does not know, in a formula with letters: the letters are the
    // real reason there is no number, and "symbolic" is what a person needs to hear.
    if (err instanceof ReadError) return symbols.length > 0 ? { ok: false, reason: 'symbolic', error: SYMBOLIC, symbols } : { ok: false, reason: 'read', error: err.message };
    if (err instanceof BudgetError) return { ok: false, reason: 'budget', error: err.message };
    if (err instanceof DomainError) return { ok: false, reason: 'domain', error: err.message };
    return { ok: false, reason: 'read', error: messageOf(err) };
  }
}

function messageOf(err: unknown): string {
  if (err instanceof ReadError || err instanceof DomainError || err instanceof BudgetError) return err.message;
  if (err instanceof SymbolicError) return SYMBOLIC;
  // A RangeError from the engine (stack) or anything unforeseen: still one line, never thrown.
  return `cannot evaluate this formula (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`;
}

function fail(error: string): EvalOutcome {
  return { ok: false, error };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A value as the hover shows it: `0.4431`, `2`, `1.2 × 10⁻⁷` (plain scientific notation, as the panel writes it). */
export function formatValue(x: number): string {
  return formatNumber(x, 4);
}

/**
 * An evaluation in a few characters for a hover or a panel line: `= 0.4431 (closed form)`,
 * `≈ 1.683 ± 0.0166 (Monte Carlo, 20,000 samples)`.
 */
export function formatEvaluation(e: Evaluation): string {
  if (e.method === 'Monte Carlo' && e.standardError !== undefined) {
    const n = e.samples !== undefined ? `, ${e.samples.toLocaleString('en-US')} samples` : '';
    return `≈ ${formatValue(e.value)} ± ${formatValue(e.standardError)} (Monte Carlo${n})`;
  }
  return `= ${formatValue(e.value)} (${e.method})`;
}
