/**
 * Maximum-likelihood formulas: which family's likelihood the formula writes (Bernoulli or
 * binomial counts, a Gaussian sample, categorical counts, a mixture, a negative log-likelihood
 * loss, or a generic i.i.d. likelihood) and its letters.
 */
import type { Expr } from '../expr/types';
import { nodes } from '../expr/walk';
import type { Reading } from '../read/reading';
import { every } from '../read/reading';
import { contains, mainExpr, signOf, termsOf } from '../read/query';

/** The MLE variants. */
export type MleVariant = 'bernoulli' | 'binomial' | 'gaussian' | 'categorical' | 'mixture' | 'nll' | 'generic';

/** Letters of a likelihood. */
export interface MleLetters {
  /** The parameter (θ of a Bernoulli, the model's parameter). */
  readonly theta?: string;
  /** Bernoulli: the success count and the number of trials, as the note writes them. */
  readonly k?: Expr;
  readonly n?: Expr;
  /** Bernoulli written per observation: the data letter and index (k = Σ x_i). */
  readonly x?: string;
  readonly i?: string;
  /** Gaussian: mean and standard-deviation letters (σ, with σ² as the variance). */
  readonly mu?: string;
  readonly sigma?: string;
  /** Categorical: count and probability letters, the number of categories and the index. */
  readonly counts?: string;
  readonly probs?: string;
  readonly K?: Expr;
  readonly j?: string;
  /** Mixture: weights, means and standard deviations by component, and the point. */
  readonly point?: Expr;
  /** A model density letter (`p_{\theta}`). */
  readonly model?: string;
  /** The note's name for its objective, when it defines one. */
  readonly objective?: Expr;
  /** The note's objective expression. */
  readonly expr?: Expr;
}

/** A detected MLE formula. */
export interface MleDetected {
  readonly family: 'mle';
  readonly name: MleVariant;
  readonly letters: MleLetters;
}

const isSym = (e: Expr): e is Extract<Expr, { t: 'sym' }> => e.t === 'sym';

/** `1 - θ` as the reader gives it (possibly in parentheses): θ, or undefined. */
function oneMinus(e: Expr): string | undefined {
  const a = e.t === 'paren' ? e.a : e;
  if (a.t === 'add' && a.terms.length === 2 && a.terms[0].t === 'num' && a.terms[0].v === 1 && a.terms[1].t === 'neg' && isSym(a.terms[1].a)) return a.terms[1].a.name;
  return undefined;
}

/** `n - k` in parentheses: [n, k]. */
function difference(e: Expr): [Expr, Expr] | undefined {
  const a = e.t === 'paren' ? e.a : e;
  if (a.t === 'add' && a.terms.length === 2 && a.terms[1].t === 'neg') return [a.terms[0], a.terms[1].a];
  return undefined;
}

/** The MLE variant of a formula, if it writes a likelihood. */
export function detectMle(r: Reading): MleDetected | undefined {
  const main = mainExpr(r);
  if (!main) return undefined;
  const def = r.lines.length === 1 && r.lines[0].stmt.parts.length === 2 && r.lines[0].stmt.rels[0] === '=' ? r.lines[0].stmt.parts[0] : undefined;
  const objective = def && (def.t === 'sym' || (def.t === 'call' && def.args.every((a) => a.t === 'sym'))) ? def : undefined;
  const logs = every(r, 'fn').filter((f) => f.f === 'log');
  // Bernoulli / binomial: k log θ + (n - k) log(1 - θ), or θ^k (1 - θ)^{n-k}.
  const logTheta = logs.find((l) => isSym(l.a));
  const logOne = logs.find((l) => oneMinus(l.a) !== undefined);
  const binomial = /\\[dt]?binom|\\choose/.test(r.tex);
  if (logTheta && logOne && isSym(logTheta.a) && oneMinus(logOne.a) === logTheta.a.name) {
    const theta = logTheta.a.name;
    const terms = termsOf(main.t === 'sum' ? main.body : main);
    const coef = (l: Expr): Expr | undefined => {
      const t = terms.find((x) => contains(x.e, (y) => y === l));
      if (!t || t.e.t !== 'mul') return undefined;
      const rest = t.e.fs.filter((f) => f !== l);
      return rest.length === 1 ? rest[0] : undefined;
    };
    const k = coef(logTheta);
    const nk = coef(logOne);
    const diff = nk ? difference(nk) : undefined;
    // Σ_i x_i log θ + (1 - x_i) log(1 - θ): one Bernoulli observation per term.
    if (main.t === 'sum' && k && k.t === 'idx' && k.index.t === 'sym' && k.index.name === main.v && main.hi) {
      return { family: 'mle', name: 'bernoulli', letters: { theta, x: k.base, i: main.v, n: main.hi, objective, expr: main } };
    }
    // One trial of a reconstruction (`x \log\hat x + (1 - x)\log(1 - \hat x)`) is a cross-entropy loss, not an estimate.
    const oneTrial = diff !== undefined && diff[0].t === 'num' && diff[0].v === 1;
    if (k && diff && !oneTrial && JSON.stringify(diff[1]) === JSON.stringify(k)) {
      return { family: 'mle', name: binomial ? 'binomial' : 'bernoulli', letters: { theta, k, n: diff[0], objective, expr: main } };
    }
  }
  const powTheta = every(r, 'pow').find((p) => isSym(p.a));
  const powOne = every(r, 'pow').find((p) => oneMinus(p.a) !== undefined);
  if (powTheta && powOne && isSym(powTheta.a) && oneMinus(powOne.a) === powTheta.a.name) {
    const diff = difference(powOne.b);
    if (diff && JSON.stringify(diff[1]) === JSON.stringify(powTheta.b)) {
      return { family: 'mle', name: binomial ? 'binomial' : 'bernoulli', letters: { theta: powTheta.a.name, k: powTheta.b, n: diff[0], objective, expr: main } };
    }
  }
  // Mixture: log Σ_k π_k N(x; μ_k, σ_k^2).
  const mixture = every(r, 'sum').find((s) => contains(s.body, (y) => y.t === 'normal' && !!y.at) && s.body.t === 'mul' && s.body.fs.some((f) => f.t === 'idx'));
  if (mixture && mixture.body.t === 'mul') {
    const w = mixture.body.fs.find((f) => f.t === 'idx') as Extract<Expr, { t: 'idx' }>;
    const nrm = mixture.body.fs.find((f) => f.t === 'normal') as Extract<Expr, { t: 'normal' }> | undefined;
    if (nrm && nrm.at && nrm.mean.t === 'idx') {
      const sd = nrm.var.t === 'pow' && nrm.var.a.t === 'idx' ? nrm.var.a.base : undefined;
      return { family: 'mle', name: 'mixture', letters: { probs: w.base, mu: nrm.mean.base, sigma: sd, point: nrm.at, j: mixture.v, K: mixture.hi, objective, expr: main } };
    }
  }
  // Categorical counts: Σ_k n_k log π_k.
  const cat = every(r, 'sum').find((s) => s.body.t === 'mul' && s.body.fs.length === 2 && s.body.fs[0].t === 'idx' && s.body.fs[1].t === 'fn' && s.body.fs[1].f === 'log' && s.body.fs[1].a.t === 'idx');
  if (cat && cat.body.t === 'mul' && cat.hi) {
    const counts = (cat.body.fs[0] as Extract<Expr, { t: 'idx' }>).base;
    const probs = ((cat.body.fs[1] as Extract<Expr, { t: 'fn' }>).a as Extract<Expr, { t: 'idx' }>).base;
    return { family: 'mle', name: 'categorical', letters: { counts, probs, K: cat.hi, j: cat.v, objective, expr: main } };
  }
  // Gaussian sample: N(x_i; μ, σ^2) or (x_i - μ)^2.
  const gauss = every(r, 'normal').find((g) => g.at && g.at.t === 'idx' && isSym(g.mean));
  const sumI = every(r, 'sum').find((s) => s.hi);
  if (gauss && gauss.at && gauss.at.t === 'idx' && isSym(gauss.mean) && sumI?.hi) {
    const sigma = gauss.var.t === 'pow' && isSym(gauss.var.a) ? gauss.var.a.name : undefined;
    if (sigma) return { family: 'mle', name: 'gaussian', letters: { x: gauss.at.base, i: sumI.v, n: sumI.hi, mu: gauss.mean.name, sigma, objective, expr: main } };
  }
  // Log-likelihoods of a model at data points: NLL when negated, generic otherwise.
  // The data point is `x_i`, or `x^{(i)}` as many notes write it (the reader keeps that as a name).
  const pointOf = (e: Expr): string | undefined => (e.t === 'idx' ? e.base : e.t === 'sym' ? /^(.+)\^\{\((\w+)\)\}$/.exec(e.name)?.[1] : undefined);
  const dataDens = every(r, 'dens').find((d) => d.main.length === 1 && pointOf(d.main[0]) !== undefined);
  const overData = every(r, 'sum').find((s) => s.hi && contains(s.body, (y) => y === dataDens)) ?? every(r, 'prod').find((s) => s.hi && contains(s.body, (y) => y === dataDens));
  const point = dataDens ? pointOf(dataDens.main[0]) : undefined;
  if (dataDens && overData && point && overData.hi) {
    const head = dataDens.head;
    const sub = /_\{?\\?([a-z]+)\}?$/.exec(head);
    const inCond = dataDens.cond.find(isSym);
    const theta = inCond?.name ?? (sub ? `\\${sub[1]}` : undefined);
    const negated = signOf(main, (y) => y === overData) < 0 || contains(main, (y) => y.t === 'argmin' || y.t === 'min');
    const letters: MleLetters = { theta, model: head, x: point, i: overData.v, n: overData.hi, objective, expr: main };
    return { family: 'mle', name: negated ? 'nll' : 'generic', letters };
  }
  void nodes;
  return undefined;
}
