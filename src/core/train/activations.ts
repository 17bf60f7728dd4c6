/**
 * Activation functions, each an `{output, der}` pair in the manner of tensorflow/playground's
 * nn.ts, plus batch loops over Float64Array for the hot path (one call per layer, not per number)
 * and the second derivative that the gradient penalty's double backprop needs.
 */
export type ActivationName = 'relu' | 'leakyRelu' | 'tanh' | 'sigmoid' | 'linear';

/** One activation function f. */
export interface Activation {
  readonly name: ActivationName;
  /** f(x). */
  output(x: number): number;
  /** f'(x): the derivative of the output with respect to the input. */
  der(x: number): number;
  /** f''(x): the second derivative, zero almost everywhere for the piecewise linear ones. */
  der2(x: number): number;
  /** True when f'' is zero everywhere it exists, so the double backprop can skip that path. */
  readonly piecewiseLinear: boolean;
  /** out[i] = f(pre[i]) for i < n. */
  forward(pre: Float64Array, out: Float64Array, n: number): void;
  /** grad[i] *= f'(pre[i]) for i < n, given out[i] = f(pre[i]) (cheaper for tanh and sigmoid). */
  backward(pre: Float64Array, out: Float64Array, grad: Float64Array, n: number): void;
  /** d[i] = f'(pre[i]) for i < n. */
  derivative(pre: Float64Array, out: Float64Array, d: Float64Array, n: number): void;
}

/** The slope of leaky ReLU for negative inputs (0.2, as DCGAN and most GAN code use). */
export const LEAKY_SLOPE = 0.2;

function sigmoid(x: number): number {
  // Two branches keep exp from overflowing for large |x|.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

const relu: Activation = {
  name: 'relu',
  output: (x) => (x > 0 ? x : 0),
  der: (x) => (x > 0 ? 1 : 0),
  der2: () => 0,
  piecewiseLinear: true,
  forward(pre, out, n) {
    for (let i = 0; i < n; i++) out[i] = pre[i] > 0 ? pre[i] : 0;
  },
  backward(pre, _out, grad, n) {
    for (let i = 0; i < n; i++) if (!(pre[i] > 0)) grad[i] = 0;
  },
  derivative(pre, _out, d, n) {
    for (let i = 0; i < n; i++) d[i] = pre[i] > 0 ? 1 : 0;
  },
};

const leakyRelu: Activation = {
  name: 'leakyRelu',
  output: (x) => (x > 0 ? x : LEAKY_SLOPE * x),
  der: (x) => (x > 0 ? 1 : LEAKY_SLOPE),
  der2: () => 0,
  piecewiseLinear: true,
  forward(pre, out, n) {
    for (let i = 0; i < n; i++) {
      const x = pre[i];
      out[i] = x > 0 ? x : LEAKY_SLOPE * x;
    }
  },
  backward(pre, _out, grad, n) {
    for (let i = 0; i < n; i++) if (!(pre[i] > 0)) grad[i] *= LEAKY_SLOPE;
  },
  derivative(pre, _out, d, n) {
    for (let i = 0; i < n; i++) d[i] = pre[i] > 0 ? 1 : LEAKY_SLOPE;
  },
};

const tanh: Activation = {
  name: 'tanh',
  output: Math.tanh,
  // tanh' = 1 - tanh².
  der: (x) => {
    const y = Math.tanh(x);
    return 1 - y * y;
  },
  // tanh'' = -2 tanh (1 - tanh²).
  der2: (x) => {
    const y = Math.tanh(x);
    return -2 * y * (1 - y * y);
  },
  piecewiseLinear: false,
  forward(pre, out, n) {
    for (let i = 0; i < n; i++) out[i] = Math.tanh(pre[i]);
  },
  backward(_pre, out, grad, n) {
    for (let i = 0; i < n; i++) grad[i] *= 1 - out[i] * out[i];
  },
  derivative(_pre, out, d, n) {
    for (let i = 0; i < n; i++) d[i] = 1 - out[i] * out[i];
  },
};

const sigmoidActivation: Activation = {
  name: 'sigmoid',
  output: sigmoid,
  // σ' = σ (1 - σ).
  der: (x) => {
    const y = sigmoid(x);
    return y * (1 - y);
  },
  // σ'' = σ (1 - σ) (1 - 2σ).
  der2: (x) => {
    const y = sigmoid(x);
    return y * (1 - y) * (1 - 2 * y);
  },
  piecewiseLinear: false,
  forward(pre, out, n) {
    for (let i = 0; i < n; i++) out[i] = sigmoid(pre[i]);
  },
  backward(_pre, out, grad, n) {
    for (let i = 0; i < n; i++) grad[i] *= out[i] * (1 - out[i]);
  },
  derivative(_pre, out, d, n) {
    for (let i = 0; i < n; i++) d[i] = out[i] * (1 - out[i]);
  },
};

const linear: Activation = {
  name: 'linear',
  output: (x) => x,
  der: () => 1,
  der2: () => 0,
  piecewiseLinear: true,
  forward(pre, out, n) {
    for (let i = 0; i < n; i++) out[i] = pre[i];
  },
  backward() {
    // f' = 1: the gradient passes through unchanged.
  },
  derivative(_pre, _out, d, n) {
    d.fill(1, 0, n);
  },
};

/** Every activation by name. */
export const Activations: Readonly<Record<ActivationName, Activation>> = {
  relu,
  leakyRelu,
  tanh,
  sigmoid: sigmoidActivation,
  linear,
};

/** The logistic function, numerically safe for any finite input. */
export { sigmoid };

/** The activation of a name, or a RangeError naming the ones there are. */
export function activation(name: string): Activation {
  const a = (Activations as Record<string, Activation | undefined>)[name];
  if (!a) throw new RangeError(`unknown activation '${name}' (have: ${Object.keys(Activations).join(', ')})`);
  return a;
}
