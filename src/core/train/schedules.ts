/**
 * Noise schedules of a diffusion model: the variances β_1..β_T of the forward steps
 * q(x_t | x_{t-1}) = N(√(1-β_t) x_{t-1}, β_t I), and what follows from them, ᾱ_t = ∏_{s≤t}(1-β_s),
 * so that q(x_t | x_0) = N(√ᾱ_t x_0, (1-ᾱ_t) I) in closed form.
 */

/** `linear` is DDPM's (Ho et al. 2020); `cosine` is Nichol and Dhariwal's (2021). */
export type ScheduleName = 'linear' | 'cosine';

/** The names of the schedules, in the order a menu lists them. */
export const SCHEDULE_NAMES: readonly ScheduleName[] = ['linear', 'cosine'];

/** A schedule with T steps. Arrays are indexed by t from 0 to T; index 0 is the clean data. */
export interface NoiseSchedule {
  readonly name: ScheduleName;
  /** The number of forward steps T. */
  readonly steps: number;
  /** β_t (β_0 = 0). */
  readonly beta: Float64Array;
  /** α_t = 1 - β_t. */
  readonly alpha: Float64Array;
  /** ᾱ_t = ∏_{s≤t} α_s (ᾱ_0 = 1), strictly decreasing in t and inside (0, 1) for t ≥ 1. */
  readonly alphaBar: Float64Array;
  /** β̃_t = β_t (1-ᾱ_{t-1}) / (1-ᾱ_t), the variance of the posterior q(x_{t-1} | x_t, x_0) (β̃_1 = 0). */
  readonly posteriorVariance: Float64Array;
}

/** The cosine schedule's offset s, which keeps β_1 from being vanishingly small (the paper's 0.008). */
export const COSINE_OFFSET = 0.008;

/**
 * The cosine schedule clips β_t at this value: near t = T, ᾱ_t / ᾱ_{t-1} goes to 0 and β_t to 1,
 * which would make the last reverse step singular (the paper's 0.999).
 */
export const MAX_BETA = 0.999;

/**
 * The β_t of a schedule with T steps. The linear schedule's ends, 1e-4 and 0.02 for T = 1000,
 * are scaled by 1000 / T (as Nichol and Dhariwal do), so that a short chain still ends near pure
 * noise; the cosine one follows ᾱ_t = f(t)/f(0) with f(t) = cos²((t/T + s)/(1 + s) · π/2).
 */
export function makeSchedule(name: ScheduleName, steps: number): NoiseSchedule {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`a schedule needs a whole number of steps T ≥ 1, got ${steps}`);
  const T = steps;
  const beta = new Float64Array(T + 1);
  if (name === 'linear') {
    const scale = 1000 / T;
    const lo = Math.min(1e-4 * scale, MAX_BETA);
    const hi = Math.min(0.02 * scale, MAX_BETA);
    for (let t = 1; t <= T; t++) beta[t] = T === 1 ? hi : lo + ((hi - lo) * (t - 1)) / (T - 1);
  } else if (name === 'cosine') {
    const f = (t: number) => Math.cos((((t / T) + COSINE_OFFSET) / (1 + COSINE_OFFSET)) * (Math.PI / 2)) ** 2;
    for (let t = 1; t <= T; t++) beta[t] = Math.min(1 - f(t) / f(t - 1), MAX_BETA);
  } else {
    throw new RangeError(`unknown schedule '${String(name)}' (have: ${SCHEDULE_NAMES.join(', ')})`);
  }
  const alpha = new Float64Array(T + 1);
  const alphaBar = new Float64Array(T + 1);
  const posteriorVariance = new Float64Array(T + 1);
  alpha[0] = 1;
  alphaBar[0] = 1;
  for (let t = 1; t <= T; t++) {
    alpha[t] = 1 - beta[t];
    alphaBar[t] = alphaBar[t - 1] * alpha[t];
    posteriorVariance[t] = (beta[t] * (1 - alphaBar[t - 1])) / (1 - alphaBar[t]);
  }
  return { name, steps: T, beta, alpha, alphaBar, posteriorVariance };
}
