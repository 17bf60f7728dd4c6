/**
 * Monte Carlo estimates of expectations under a concrete distribution, with their standard
 * error, for integrands that have no closed form (E_{x~N(0,1)}[e^x], [log(1 + x²)], ...).
 */
import type { Random } from '../train/random';
import { DomainError, sample, type Distribution } from './distributions';

/** The cap on samples per expectation, so one evaluation stays well under 200 ms. */
export const MAX_SAMPLES = 200_000;
/** Samples when the caller does not ask for a number. */
export const DEFAULT_SAMPLES = 20_000;

/** A sample mean and its standard error s/√n. */
export interface MonteCarloEstimate {
  readonly mean: number;
  readonly standardError: number;
  readonly n: number;
}

/** Fewer samples than this give a standard error too rough to report. */
const MIN_SAMPLES = 100;

/**
 * E_{x~d}[f(x)] from `samples` draws (clamped to [100, MAX_SAMPLES]); Welford's update keeps
 * it stable. Sampling stops early at `stopAt` (a Date.now() time) so a slow integrand cannot
 * overrun the caller's time budget; the estimate then reports the draws it actually used.
 */
export function monteCarlo(d: Distribution, samples: number, rng: Random, f: (x: number) => number, stopAt = Infinity): MonteCarloEstimate {
  const cap = Math.min(MAX_SAMPLES, Math.max(MIN_SAMPLES, Math.floor(Number.isFinite(samples) ? samples : DEFAULT_SAMPLES)));
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 1; i <= cap; i++) {
    if ((i & 0x3ff) === 0 && Date.now() > stopAt) break;
    n = i;
    const y = f(sample(d, rng));
    if (!Number.isFinite(y)) throw new DomainError('the expectation\'s argument is not finite at a sampled point, so the expectation may not exist');
    const delta = y - mean;
    mean += delta / i;
    m2 += delta * (y - mean);
  }
  if (n < MIN_SAMPLES) throw new DomainError('the expectation is too slow to estimate here');
  const variance = m2 / (n - 1);
  return { mean, standardError: Math.sqrt(variance / n), n };
}
