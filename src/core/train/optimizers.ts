/**
 * Optimizers over one flat parameter vector and its gradient (an MLP keeps all its weights in one
 * Float64Array), so an update is a single loop with no per-layer bookkeeping.
 */
export type OptimizerName = 'sgd' | 'momentum' | 'adam';

/** Settings shared by the optimizers; each reads the ones it uses. */
export interface OptimizerSettings {
  readonly learningRate: number;
  /** Momentum's decay of the velocity (0.9 by default). */
  readonly momentum?: number;
  /** Adam's decay of the first moment (0.5 by default: the GAN custom since DCGAN). */
  readonly beta1?: number;
  /** Adam's decay of the second moment (0.999 by default). */
  readonly beta2?: number;
  /** Adam's epsilon (1e-8 by default). */
  readonly epsilon?: number;
}

/** Updates params in place from grads. */
export interface Optimizer {
  readonly name: OptimizerName;
  learningRate: number;
  step(params: Float64Array, grads: Float64Array): void;
}

function checkLengths(params: Float64Array, grads: Float64Array, state: Float64Array): void {
  if (params.length !== grads.length || params.length !== state.length) {
    throw new RangeError(`optimizer shape mismatch: ${params.length} parameters, ${grads.length} gradients, state for ${state.length}`);
  }
}

/** Plain gradient descent: θ ← θ - η g. */
export class Sgd implements Optimizer {
  readonly name = 'sgd';
  constructor(public learningRate: number) {}
  step(params: Float64Array, grads: Float64Array): void {
    if (params.length !== grads.length) throw new RangeError(`optimizer shape mismatch: ${params.length} parameters, ${grads.length} gradients`);
    const lr = this.learningRate;
    for (let i = 0; i < params.length; i++) params[i] -= lr * grads[i];
  }
}

/** Heavy-ball momentum: v ← μ v + g, θ ← θ - η v. */
export class Momentum implements Optimizer {
  readonly name = 'momentum';
  readonly #velocity: Float64Array;
  constructor(size: number, public learningRate: number, public momentum = 0.9) {
    this.#velocity = new Float64Array(size);
  }
  step(params: Float64Array, grads: Float64Array): void {
    const v = this.#velocity;
    checkLengths(params, grads, v);
    const lr = this.learningRate;
    const mu = this.momentum;
    for (let i = 0; i < params.length; i++) {
      v[i] = mu * v[i] + grads[i];
      params[i] -= lr * v[i];
    }
  }
}

/** Adam (Kingma and Ba 2015) with bias correction. */
export class Adam implements Optimizer {
  readonly name = 'adam';
  readonly #m: Float64Array;
  readonly #v: Float64Array;
  #t = 0;
  constructor(size: number, public learningRate: number, public beta1 = 0.5, public beta2 = 0.999, public epsilon = 1e-8) {
    this.#m = new Float64Array(size);
    this.#v = new Float64Array(size);
  }
  step(params: Float64Array, grads: Float64Array): void {
    const m = this.#m;
    const v = this.#v;
    checkLengths(params, grads, m);
    this.#t++;
    const b1 = this.beta1;
    const b2 = this.beta2;
    // The bias corrections are folded into the step size, as the paper's section 2 suggests.
    const stepSize = (this.learningRate * Math.sqrt(1 - b2 ** this.#t)) / (1 - b1 ** this.#t);
    const eps = this.epsilon * Math.sqrt(1 - b2 ** this.#t);
    // The constants out of the loop (V8 does not hoist them), the moments read once and kept in
    // registers: the same operations in the same order, so the same bits.
    const c1 = 1 - b1;
    const c2 = 1 - b2;
    for (let i = 0, n = params.length; i < n; i++) {
      const g = grads[i];
      const mi = b1 * m[i] + c1 * g;
      const vi = b2 * v[i] + c2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] -= (stepSize * mi) / (Math.sqrt(vi) + eps);
    }
  }
}

/** A fresh optimizer (empty state) for a parameter vector of `size` numbers. */
export function createOptimizer(name: OptimizerName, size: number, settings: OptimizerSettings): Optimizer {
  switch (name) {
    case 'sgd':
      return new Sgd(settings.learningRate);
    case 'momentum':
      return new Momentum(size, settings.learningRate, settings.momentum ?? 0.9);
    case 'adam':
      return new Adam(size, settings.learningRate, settings.beta1 ?? 0.5, settings.beta2 ?? 0.999, settings.epsilon ?? 1e-8);
    default:
      throw new RangeError(`unknown optimizer '${String(name)}' (have: sgd, momentum, adam)`);
  }
}
