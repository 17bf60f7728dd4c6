/**
 * Update rules: which optimizer (or sampler) a formula's update lines are, and their letters.
 * The lines themselves are the definitions the derivation's claims are checked against.
 */
import type { Expr } from '../expr/types';
import { nodes, varName } from '../expr/walk';
import type { Reading } from '../read/reading';
import { contains, termsOf } from '../read/query';

/** The update variants. */
export type UpdateVariant = 'plain' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam' | 'langevin';

/** A gradient as the formula writes it: of a function at a point, or of a log-density (a score). */
export interface GradientUse {
  /** The whole gradient node. */
  readonly node: Expr;
  /** The loss or density letter. */
  readonly head: string;
  /** Where it is evaluated. */
  readonly point: Expr;
  /** True for the gradient of a log-density. */
  readonly score: boolean;
}

/** One line `lhs = rhs` that updates a quantity. */
export interface UpdateLine {
  readonly lhs: Expr;
  readonly rhs: Expr;
  /** The letter updated: `\theta`, `v`, `m`. */
  readonly base: string;
}

/** The letters of an update formula. */
export interface UpdateLetters {
  readonly lines: readonly UpdateLine[];
  /** The parameter line and its letter. */
  readonly param: UpdateLine;
  /** The time index letter (`t`) when the lines are indexed. */
  readonly t?: string;
  /** The gradient in the parameter's (or velocity's) line. */
  readonly gradient?: GradientUse;
  /** The velocity line of a momentum method. */
  readonly velocity?: UpdateLine;
  /** The coefficient of the old velocity and of the gradient in the velocity line. */
  readonly keep?: Expr;
  readonly push?: Expr;
  /** The factor on the gradient in a plain step (the learning rate, with its sign). */
  readonly rate?: Expr;
  /** Langevin: the drift coefficient (on the score) and the noise term's coefficient and noise letter. */
  readonly drift?: Expr;
  readonly spread?: Expr;
  readonly noise?: Expr;
}

/** A detected update. */
export interface UpdateDetected {
  readonly family: 'update';
  readonly name: UpdateVariant;
  readonly letters: UpdateLetters;
}

/** The gradients in `e`, in the shapes the reader gives them. */
export function gradients(e: Expr): GradientUse[] {
  const out: GradientUse[] = [];
  const inside = new Set<Expr>();
  for (const x of nodes(e)) {
    // The gradient inside an `at` node is the same gradient, already counted.
    if (inside.has(x)) continue;
    if (x.t === 'at') inside.add(x.body);
    if (x.t === 'at' && x.body.t === 'grad' && x.body.body.t === 'call') out.push({ node: x, head: x.body.body.head, point: x.value, score: false });
    else if (x.t === 'at' && x.body.t === 'grad' && x.body.body.t === 'fn' && x.body.body.f === 'log' && x.body.body.a.t === 'dens') out.push({ node: x, head: x.body.body.a.head, point: x.value, score: true });
    else if (x.t === 'grad') {
      const body = x.body.t === 'paren' ? x.body.a : x.body;
      if (body.t === 'call') out.push({ node: x, head: body.head, point: body.args[0] ?? x.wrt, score: false });
      else if (body.t === 'fn' && body.f === 'log' && body.a.t === 'dens') out.push({ node: x, head: body.a.head, point: body.a.main[0] ?? x.wrt, score: true });
      else if (body.t === 'at' && body.body.t === 'fn' && body.body.f === 'log' && body.body.a.t === 'dens') out.push({ node: x, head: body.body.a.head, point: body.value, score: true });
    }
  }
  return out;
}

function baseOf(e: Expr): string | undefined {
  if (e.t === 'idx') return e.base;
  if (e.t === 'sym') return e.name.replace(/'+$/, '');
  return undefined;
}

/** The index letter of an indexed left side (`t` in `\theta_{t+1}`). */
function indexLetter(e: Expr): string | undefined {
  if (e.t !== 'idx') return undefined;
  for (const x of nodes(e.index)) if (x.t === 'sym' && /^[a-zA-Z]$/.test(x.name)) return x.name;
  return undefined;
}

/** The update lines of a formula and the optimizer they make, or undefined when it has none. */
export function detectUpdate(r: Reading): UpdateDetected | undefined {
  const lines: UpdateLine[] = [];
  for (const l of r.lines) {
    const s = l.stmt;
    // An aligned line that continues `v &\leftarrow ...` reads as a first part and its right side.
    if (s.parts.length !== 2 || !['=', ':=', 'def='].includes(s.rels[0])) continue;
    const base = baseOf(s.parts[0]);
    if (!base) continue;
    lines.push({ lhs: s.parts[0], rhs: s.parts[1], base });
  }
  return detectUpdateLines(lines, r.symbols);
}

/** The optimizer a list of update lines makes. */
export function detectUpdateLines(lines: readonly UpdateLine[], symbols: ReadonlySet<string>): UpdateDetected | undefined {
  if (lines.length === 0) return undefined;
  const withGradient = lines.filter((l) => gradients(l.rhs).length > 0);
  const squares = lines.some((l) => contains(l.rhs, (x) => x.t === 'pow' && x.b.t === 'num' && x.b.v === 2));
  const roots = lines.some((l) => contains(l.rhs, (x) => x.t === 'fn' && x.f === 'sqrt'));
  // Adaptive methods often write the gradient as g_t: squared in an accumulator, divided by a root.
  if (withGradient.length === 0 && !lines.some((l) => /^\\hat\{[mv]\}/.test(l.base)) && !(squares && roots && lines.length >= 2)) return undefined;
  // The parameter line updates a letter from its own previous value.
  const selfRef = (l: UpdateLine) => contains(l.rhs, (x) => baseOf(x) === l.base && (x.t === 'idx' || x.t === 'sym'));
  const param = [...lines].reverse().find((l) => selfRef(l) && (gradients(l.rhs).length > 0 || lines.some((o) => o !== l && contains(l.rhs, (x) => baseOf(x) === o.base))))
    ?? withGradient[0];
  if (!param) return undefined;
  const t = indexLetter(param.lhs);
  const grads = gradients(param.rhs);
  const score = grads.find((g) => g.score);
  const hasSqrt = lines.some((l) => contains(l.rhs, (x) => x.t === 'fn' && x.f === 'sqrt'));
  if (score && selfRef(param)) {
    // Langevin: a step up the score plus scaled noise.
    const terms = termsOf(param.rhs);
    const driftTerm = terms.find((x) => contains(x.e, (y) => y === score.node));
    const noiseTerm = terms.find((x) => x !== driftTerm && x.e.t === 'mul' && x.e.fs.some((f) => f.t === 'fn' && f.f === 'sqrt'));
    if (driftTerm && noiseTerm && driftTerm.sign > 0 && noiseTerm.e.t === 'mul') {
      const drift = driftTerm.e.t === 'mul' ? driftTerm.e.fs.filter((f) => f !== score.node) : [];
      const spread = noiseTerm.e.fs.find((f) => f.t === 'fn' && f.f === 'sqrt') as Expr;
      const noise = noiseTerm.e.fs.find((f) => f !== spread);
      if (drift.length === 1 && noise && (noise.t === 'idx' || noise.t === 'sym')) {
        return { family: 'update', name: 'langevin', letters: { lines: [...lines], param, t, gradient: score, drift: drift[0], spread, noise } };
      }
    }
    return undefined;
  }
  if (symbols.has('\\hat{m}') || symbols.has('\\hat{v}') || (symbols.has('\\beta_1') && symbols.has('\\beta_2'))) {
    return { family: 'update', name: 'adam', letters: { lines: [...lines], param, t } };
  }
  const accumulator = lines.find((l) => l !== param && contains(l.rhs, (x) => x.t === 'pow' && x.b.t === 'num' && x.b.v === 2));
  if (hasSqrt && accumulator) {
    // AdaGrad adds squared gradients; RMSProp keeps a decaying average of them.
    const decays = termsOf(accumulator.rhs).some((x) => x.e.t === 'mul' && x.e.fs.some((f) => f.t === 'paren' || (f.t === 'add')));
    return { family: 'update', name: decays ? 'rmsprop' : 'adagrad', letters: { lines: [...lines], param, t, velocity: accumulator } };
  }
  const velocity = lines.find((l) => l !== param && gradients(l.rhs).length > 0 && contains(param.rhs, (x) => baseOf(x) === l.base));
  if (velocity) {
    const g = gradients(velocity.rhs)[0];
    const terms = termsOf(velocity.rhs);
    const old = terms.find((x) => contains(x.e, (y) => baseOf(y) === velocity.base));
    const pushTerm = terms.find((x) => contains(x.e, (y) => y === g.node));
    const keep = old ? factorWithout(old, (y) => baseOf(y) === velocity.base) : undefined;
    const push = pushTerm ? factorWithout(pushTerm, (y) => y === g.node) : undefined;
    // Nesterov evaluates the gradient at the point momentum is about to reach: a sum with the velocity.
    const lookAhead = contains(g.point, (y) => baseOf(y) === velocity.base) && g.point.t === 'add';
    return { family: 'update', name: lookAhead ? 'nesterov' : 'momentum', letters: { lines: [...lines], param, t, gradient: g, velocity, keep, push } };
  }
  const g = grads[0];
  if (!g) return undefined;
  const pointBase = [...nodes(g.point)].map(baseOf).find((b) => b !== undefined);
  if (selfRef(param) && pointBase && pointBase !== param.base && !lines.some((l) => l.base === pointBase)) {
    // `u_{k+1} = \beta u_k - \alpha \nabla f(w_k)`: a velocity, for parameters w updated elsewhere.
    const terms = termsOf(param.rhs);
    const old = terms.find((x) => contains(x.e, (y) => baseOf(y) === param.base && y.t === 'idx'));
    const pushTerm = terms.find((x) => contains(x.e, (y) => y === g.node));
    const keep = old ? factorWithout(old, (y) => baseOf(y) === param.base) : undefined;
    const push = pushTerm ? factorWithout(pushTerm, (y) => y === g.node) : undefined;
    const pseudo: UpdateLine = { lhs: g.point, rhs: g.point, base: pointBase };
    return { family: 'update', name: 'momentum', letters: { lines: [...lines], param: pseudo, t, gradient: g, velocity: param, keep, push } };
  }
  const gradTerm = termsOf(param.rhs).find((x) => contains(x.e, (y) => y === g.node));
  const rate = gradTerm ? factorWithout(gradTerm, (y) => y === g.node) : undefined;
  return { family: 'update', name: 'plain', letters: { lines: [...lines], param, t, gradient: g, rate } };
}

/** The signed coefficient of the factor `test` picks in a term. */
function factorWithout(term: { sign: 1 | -1; e: Expr }, test: (x: Expr) => boolean): Expr | undefined {
  let coef: Expr | undefined;
  if (test(term.e)) coef = { t: 'num', v: 1 };
  else if (term.e.t === 'mul') {
    const k = term.e.fs.findIndex((f) => test(f) || (f.t === 'idx' && test(f)));
    if (k < 0) return undefined;
    const rest = term.e.fs.filter((_, i) => i !== k);
    coef = rest.length === 1 ? rest[0] : { t: 'mul', fs: rest };
  } else return undefined;
  return term.sign < 0 ? (coef.t === 'num' ? { t: 'num', v: -coef.v } : { t: 'neg', a: coef }) : coef;
}

/** The letter names a variable expression stands for (for messages). */
export function letterOf(e: Expr): string {
  return varName(e);
}
