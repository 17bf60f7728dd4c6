/**
 * The concrete distributions a formula can name with numbers, their checks, densities,
 * entropies and samplers. `\mathcal{N}(μ, σ²)` takes the VARIANCE second, as the
 * generative-modelling literature writes it, so a Gaussian stores its variance.
 */
import type { Random } from '../train/random';

/** A one-dimensional Gaussian N(mean, variance). */
export interface Gaussian { readonly kind: 'gaussian'; readonly mean: number; readonly variance: number }
/** A Bernoulli distribution on {0, 1} with P(1) = p. */
export interface Bernoulli { readonly kind: 'bernoulli'; readonly p: number }
/** A categorical distribution on the outcomes 1..K with the given probabilities. */
export interface Categorical { readonly kind: 'categorical'; readonly probs: readonly number[] }
/** The continuous uniform distribution on [a, b]. */
export interface Uniform { readonly kind: 'uniform'; readonly a: number; readonly b: number }

/** Every distribution the evaluator knows. */
export type Distribution = Gaussian | Bernoulli | Categorical | Uniform;

/** A problem a formula's numbers have (a negative variance, probabilities that do not sum to 1). */
export class DomainError extends Error {}

const SUM_TOLERANCE = 1e-6;

/** N(mean, variance), checked: the variance must be positive and finite. */
export function gaussian(mean: number, variance: number): Gaussian {
  if (!Number.isFinite(mean)) throw new DomainError(`the Gaussian's mean must be a finite number, got ${mean}`);
  if (!(variance > 0) || !Number.isFinite(variance)) {
    throw new DomainError(`the Gaussian's second argument is its variance and must be positive, got ${variance}`);
  }
  return { kind: 'gaussian', mean, variance };
}

/** Bernoulli(p), checked: 0 <= p <= 1. */
export function bernoulli(p: number): Bernoulli {
  if (!(p >= 0 && p <= 1)) throw new DomainError(`a Bernoulli parameter must lie in [0, 1], got ${p}`);
  return { kind: 'bernoulli', p };
}

/** A categorical distribution, checked: non-negative entries that sum to 1. */
export function categorical(probs: readonly number[]): Categorical {
  if (probs.length < 1) throw new DomainError('a probability vector needs at least one entry');
  let sum = 0;
  for (const q of probs) {
    if (!(q >= 0 && q <= 1)) throw new DomainError(`probabilities must lie in [0, 1], got ${q}`);
    sum += q;
  }
  if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new DomainError(`probabilities must sum to 1, these sum to ${round(sum)}`);
  return { kind: 'categorical', probs: [...probs] };
}

/** Uniform(a, b), checked: a < b, both finite. */
export function uniform(a: number, b: number): Uniform {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !(a < b)) throw new DomainError(`a uniform distribution needs a < b, got (${a}, ${b})`);
  return { kind: 'uniform', a, b };
}

/** The outcome probabilities of a discrete distribution (Bernoulli as [1 - p, p]), or undefined. */
export function probabilities(d: Distribution): readonly number[] | undefined {
  if (d.kind === 'bernoulli') return [1 - d.p, d.p];
  if (d.kind === 'categorical') return d.probs;
  return undefined;
}

/** Name for people, used in the evaluation's one-line detail. */
export function describe(d: Distribution): string {
  switch (d.kind) {
    case 'gaussian': return 'Gaussian';
    case 'bernoulli': return 'Bernoulli';
    case 'categorical': return 'categorical';
    case 'uniform': return 'uniform';
  }
}

/** log N(x; mean, variance). */
export function gaussianLogPdf(x: number, mean: number, variance: number): number {
  const d = x - mean;
  return -0.5 * Math.log(2 * Math.PI * variance) - (d * d) / (2 * variance);
}

/** N(x; mean, variance). */
export function gaussianPdf(x: number, mean: number, variance: number): number {
  return Math.exp(gaussianLogPdf(x, mean, variance));
}

/** Entropy in nats, closed form: ½ log(2πeσ²), −Σ p log p, log(b − a). */
export function entropy(d: Distribution): number {
  switch (d.kind) {
    case 'gaussian': return 0.5 * Math.log(2 * Math.PI * Math.E * d.variance);
    case 'uniform': return Math.log(d.b - d.a);
    default: {
      let h = 0;
      // 0 log 0 = 0 (the limit), so an impossible outcome adds nothing.
      for (const q of probabilities(d) ?? []) if (q > 0) h -= q * Math.log(q);
      return h;
    }
  }
}

/** One draw from `d` (a categorical draws its outcome index 1..K). */
export function sample(d: Distribution, rng: Random): number {
  switch (d.kind) {
    case 'gaussian': return d.mean + Math.sqrt(d.variance) * rng.normal();
    case 'bernoulli': return rng.next() < d.p ? 1 : 0;
    case 'uniform': return d.a + (d.b - d.a) * rng.next();
    case 'categorical': {
      let u = rng.next();
      for (let i = 0; i < d.probs.length; i++) {
        u -= d.probs[i];
        if (u < 0) return i + 1;
      }
      return d.probs.length;
    }
  }
}

/**
 * E[x^k] in closed form, or undefined. Gaussian raw moments follow the recursion
 * m_k = μ m_{k-1} + (k − 1) σ² m_{k-2}; discrete ones are finite sums.
 */
export function rawMoment(d: Distribution, k: number): number | undefined {
  if (!Number.isInteger(k) || k < 0 || k > 64) return undefined;
  switch (d.kind) {
    case 'gaussian': {
      let prev = 1;
      let cur = d.mean;
      if (k === 0) return 1;
      for (let j = 2; j <= k; j++) {
        const next = d.mean * cur + (j - 1) * d.variance * prev;
        prev = cur;
        cur = next;
      }
      return cur;
    }
    case 'bernoulli': return k === 0 ? 1 : d.p;
    case 'categorical': return d.probs.reduce((s, q, i) => s + q * (i + 1) ** k, 0);
    case 'uniform': return (d.b ** (k + 1) - d.a ** (k + 1)) / ((k + 1) * (d.b - d.a));
  }
}

function round(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}
