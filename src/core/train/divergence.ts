/**
 * One divergence detector for every trainer and optimizer. A NaN is the last sign of a step size
 * that is too large, not the first: a GAN under Adam at learning rate 10 has losses of 1e27 and no
 * NaN, and plain descent's iterates grow geometrically for many steps before they overflow. So a
 * run is flagged when its loss has grown far past the smallest it reached, or when a weight grows
 * past anything a toy model needs, as well as when a number stops being finite.
 */

/** A smoothed loss this many times the smallest smoothed loss so far is divergence... */
export const LOSS_GROWTH = 1e3;
/** ...counting from at least this scale, so a loss that falls towards 0 and wobbles is not flagged. */
export const LOSS_FLOOR = 1;
/** A weight beyond this is divergence: the toy models' weights stay within ±100 when they train. */
export const MAX_WEIGHT = 1e6;
/** The smoothing of the loss (an exponential moving average), so one noisy batch is not flagged. */
const SMOOTHING = 0.2;

function short(x: number): string {
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(1) : x.toPrecision(3);
}

/** Watches one run's losses and weights; `observe` says why it diverged, or null while it has not. */
export class DivergenceWatch {
  #smoothed = NaN;
  #best = Infinity;

  /**
   * Feeds the loss after a step (`step` counted from 1), and optionally the weights: the reason the
   * run diverged, or null. `what` names the loss in the message (say "D's loss").
   */
  observe(step: number, loss: number, weights?: readonly ArrayLike<number>[], what = 'the loss'): string | null {
    if (!Number.isFinite(loss)) return `diverged at step ${step}: ${what} is ${loss}; learning rate too high?`;
    if (weights) {
      for (const w of weights) {
        for (let i = 0; i < w.length; i++) {
          const v = w[i];
          if (!Number.isFinite(v)) return `diverged at step ${step}: a weight is ${v}; learning rate too high?`;
          if (Math.abs(v) > MAX_WEIGHT) return `diverged at step ${step}: a weight reached ${short(v)}; learning rate too high?`;
        }
      }
    }
    const a = Math.abs(loss);
    this.#smoothed = Number.isNaN(this.#smoothed) ? a : (1 - SMOOTHING) * this.#smoothed + SMOOTHING * a;
    if (this.#smoothed < this.#best) this.#best = this.#smoothed;
    const scale = Math.max(this.#best, LOSS_FLOOR);
    if (this.#smoothed > LOSS_GROWTH * scale) {
      return `diverged at step ${step}: ${what} grew from about ${short(this.#best)} to ${short(loss)}; learning rate too high?`;
    }
    return null;
  }

  /** Forgets the run (a restart). */
  reset(): void {
    this.#smoothed = NaN;
    this.#best = Infinity;
  }
}
