/**
 * What the matrix product of kernels.ts does with each finished sum (its epilogue), kept apart from
 * the loops that make the sums: the codes the callers pass (shared with the WebAssembly kernels),
 * the store-or-accumulate of one sum, and the passes over a finished C that add a layer's bias and
 * apply its activation on the way forward, or f' on the way back. The blocked and zero-skipping
 * kernels store their sums through these (band4 in gemmPackedBand.ts inlines the ReLU-family ones
 * with the same roundings), which is what keeps their numbers those of the separate loops they
 * replace.
 */
import { LEAKY_SLOPE, sigmoid, type ActivationName } from './activations';

/** What the product does with each finished sum s of C[r][o] (the epilogue). */
export const Epilogue = {
  /** C = s. */
  store: 0,
  /** C += s (gradients of weights accumulate over calls). */
  accumulate: 1,
  /** C = s + bias[o] (the pre-activation), and out = f(C): a dense layer's forward pass. */
  forward: 2,
  /** C = s · f'(pre), the gradient through the activation of the layer below (out = f(pre)). */
  backward: 3,
} as const;
export type EpilogueCode = (typeof Epilogue)[keyof typeof Epilogue];

/** Activations by number, for the fused epilogues (the same numbering in the WebAssembly kernels). */
export const ActCode: Readonly<Record<ActivationName, number>> = { linear: 0, relu: 1, leakyRelu: 2, tanh: 3, sigmoid: 4 };

/** C[i] = s, or C[i] += s when the product accumulates (weight gradients). */
export function put(c: Float64Array, i: number, s: number, acc: boolean): void {
  if (acc) c[i] += s;
  else c[i] = s;
}

// The epilogues, each its own small loop so that V8 compiles each one tight: the same arithmetic
// as the bias loop and Activation.forward / Activation.backward they replace. The sign tests pick
// a value by index (0 or 1) instead of branching: the signs of a layer's pre-activations are a coin
// toss, and a branch on them mispredicts half the time, which made these passes cost a sixth of a
// step. Each pick gives exactly what the branch gave, NaN and ±0 included:
// - ReLU: PICK[1] holds v and PICK[0] holds 0, so PICK[+(v > 0)] is `v > 0 ? v : 0`;
// - leaky ReLU: v · SLOPE[+(v > 0)] is v · 1 = v or v · LEAKY_SLOPE, one rounding as before.

/** [LEAKY_SLOPE, 1]: leaky ReLU's slope, by the sign test. */
export const SLOPE = new Float64Array([LEAKY_SLOPE, 1]);
/** [0, the value at hand], for ReLU's pick. */
export const PICK = new Float64Array(2);

function biasRelu(c: Float64Array, y: Float64Array, r0: number, r1: number, o0: number, o1: number, n: number, bias: Float64Array): void {
  const pick = PICK;
  pick[0] = 0;
  for (let row = r0 * n, end = r1 * n; row < end; row += n) {
    for (let o = o0; o < o1; o++) {
      const v = c[row + o] + bias[o];
      c[row + o] = v;
      pick[1] = v;
      y[row + o] = pick[+(v > 0)];
    }
  }
}

function biasLeaky(c: Float64Array, y: Float64Array, r0: number, r1: number, o0: number, o1: number, n: number, bias: Float64Array): void {
  const slope = SLOPE;
  for (let row = r0 * n, end = r1 * n; row < end; row += n) {
    for (let o = o0; o < o1; o++) {
      const v = c[row + o] + bias[o];
      c[row + o] = v;
      y[row + o] = v * slope[+(v > 0)];
    }
  }
}

function biasLinear(c: Float64Array, y: Float64Array, r0: number, r1: number, o0: number, o1: number, n: number, bias: Float64Array): void {
  for (let row = r0 * n, end = r1 * n; row < end; row += n) {
    for (let o = o0; o < o1; o++) {
      const v = c[row + o] + bias[o];
      c[row + o] = v;
      y[row + o] = v;
    }
  }
}

/** The epilogue over rows [r0, r1) and columns [o0, o1) of C. */
export function finish(c: Float64Array, r0: number, r1: number, o0: number, o1: number, n: number, epilogue: number, act: number, x: Float64Array, y: Float64Array): void {
  if (epilogue === Epilogue.forward) {
    if (act === 1) biasRelu(c, y, r0, r1, o0, o1, n, x);
    else if (act === 2) biasLeaky(c, y, r0, r1, o0, o1, n, x);
    else {
      biasLinear(c, y, r0, r1, o0, o1, n, x);
      if (act === 3 || act === 4) {
        for (let row = r0 * n, end = r1 * n; row < end; row += n) {
          for (let i = row + o0; i < row + o1; i++) y[i] = act === 3 ? Math.tanh(c[i]) : sigmoid(c[i]);
        }
      }
    }
    return;
  }
  const pick = PICK;
  const slope = SLOPE;
  pick[0] = 0;
  for (let row = r0 * n, end = r1 * n; row < end; row += n) {
    if (act === 1) {
      for (let i = row + o0; i < row + o1; i++) {
        pick[1] = c[i];
        c[i] = pick[+(x[i] > 0)];
      }
    } else if (act === 2) {
      for (let i = row + o0; i < row + o1; i++) c[i] *= slope[+(x[i] > 0)];
    } else if (act === 3) {
      for (let i = row + o0; i < row + o1; i++) c[i] *= 1 - y[i] * y[i];
    } else if (act === 4) {
      for (let i = row + o0; i < row + o1; i++) c[i] *= y[i] * (1 - y[i]);
    }
  }
}
