/**
 * Losses of one prediction against a target, each an `{output, der}` pair (der is the derivative
 * with respect to the prediction), plus a batch form that writes the gradient of the mean loss.
 * Targets use one convention for every loss: 1 means "real", 0 means "fake".
 */
export type LossName = 'bceWithLogits' | 'squared' | 'wasserstein';

/** One loss function l(prediction, target). */
export interface Loss {
  readonly name: LossName;
  /** l(z, y). */
  output(z: number, y: number): number;
  /** dl/dz: the derivative of the loss with respect to the prediction z. */
  der(z: number, y: number): number;
  /**
   * The mean of `weight * l(pred[i], y)` over i < n; writes grad[i] = its derivative with respect
   * to pred[i] (that is weight * l'(pred[i], y) / n), overwriting grad.
   */
  batch(pred: Float64Array, y: number, grad: Float64Array, n: number, weight: number): number;
}

/**
 * Binary cross-entropy of a logit z (the probability is sigmoid(z)):
 * l = -y log σ(z) - (1 - y) log(1 - σ(z)), written as max(z, 0) - z y + log(1 + e^{-|z|})
 * so that it neither overflows nor loses precision for large |z|.
 */
const bceWithLogits: Loss = {
  name: 'bceWithLogits',
  output: (z, y) => Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z))),
  // dl/dz = σ(z) - y.
  der: (z, y) => sigmoidOf(z) - y,
  batch(pred, y, grad, n, weight) {
    let sum = 0;
    const g = weight / n;
    for (let i = 0; i < n; i++) {
      const z = pred[i];
      const e = Math.exp(-Math.abs(z));
      sum += Math.max(z, 0) - z * y + Math.log1p(e);
      // σ(z) from the same exponential: 1/(1+e) for z >= 0, e/(1+e) otherwise.
      const s = z >= 0 ? 1 / (1 + e) : e / (1 + e);
      grad[i] = g * (s - y);
    }
    return (weight * sum) / n;
  },
};

/** Squared error l = ½ (z - y)², as least-squares GANs use it. */
const squared: Loss = {
  name: 'squared',
  output: (z, y) => 0.5 * (z - y) * (z - y),
  // dl/dz = z - y.
  der: (z, y) => z - y,
  batch(pred, y, grad, n, weight) {
    let sum = 0;
    const g = weight / n;
    for (let i = 0; i < n; i++) {
      const d = pred[i] - y;
      sum += 0.5 * d * d;
      grad[i] = g * d;
    }
    return (weight * sum) / n;
  },
};

/**
 * The Wasserstein critic's loss: l = -z on real samples (y = 1) and +z on fake ones (y = 0),
 * i.e. (1 - 2y) z, so minimizing it maximizes E[D(real)] - E[D(fake)].
 */
const wasserstein: Loss = {
  name: 'wasserstein',
  output: (z, y) => (1 - 2 * y) * z,
  // dl/dz = 1 - 2y.
  der: (_z, y) => 1 - 2 * y,
  batch(pred, y, grad, n, weight) {
    let sum = 0;
    const s = 1 - 2 * y;
    const g = (weight * s) / n;
    for (let i = 0; i < n; i++) {
      sum += pred[i];
      grad[i] = g;
    }
    return (weight * s * sum) / n;
  },
};

function sigmoidOf(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Every loss by name. */
export const Losses: Readonly<Record<LossName, Loss>> = { bceWithLogits, squared, wasserstein };
