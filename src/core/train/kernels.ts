/**
 * The one matrix product every dense layer is made of, on row-major Float64Array matrices, in
 * plain JavaScript (the WebAssembly SIMD version in wasmKernels.ts computes the same thing in the
 * same order and is used where it loads).
 *
 *   C[r][o] = Σ_k A(r, k) · B[k][o],   r < m, o < n, k < depth,
 *
 * with A read through strides (A(r, k) = a[r·ars + k·aks]) so that A, or its transpose, is used
 * where it lies, and B row-major [depth][n]. The three products of a dense layer are all of this
 * form without copying anything:
 * - forward, A = H [batch][in], B = Wᵀ [in][out];
 * - dH = dA W, A = dA [batch][out], B = W [out][in];
 * - dW = dAᵀ H, A(o, r) = dA[r][o] (ars 1, aks out), B = H [batch][in].
 *
 * Speed: a 4 × 4 block of C is kept in sixteen local sums, so each step over k loads eight numbers
 * for sixteen multiply-adds, and the sixteen independent additions hide each other's latency. Both
 * operands of those blocks are first copied into packed panels (see PANEL_A), so the inner loop reads
 * two contiguous runs whatever the strides. The epilogue (bias and activation forward, f' backward)
 * runs in the same call: for ReLU, leaky ReLU and linear layers on each 4 × 4 block as its sums are
 * stored, so C is not read again; for tanh and sigmoid, and on the edges the blocks leave, in one
 * pass over the finished C (finish()). A product whose A is mostly exact zeros (a ReLU layer's
 * outputs, or a gradient that came back through one) skips them instead: row by row over each
 * row's nonzero numbers (sparseRows), and for ReLU's backward epilogue only over the outputs it
 * keeps (maskedRows). The forward pass of the JavaScript path reads W where it lies (gemmWt).
 *
 * Exactness: each sum starts at 0 and runs over k upwards, one rounded multiply and one rounded add
 * per step, exactly as a naive loop does, and what happens to it afterwards (the bias, the
 * activation, f' on the way back) is the same arithmetic as the separate loops it replaces. So the
 * blocking changes the speed and nothing else, and so does skipping zeros of A (a ±0 term changes
 * no such sum; skipped only where B is all finite, see sparseRows): results are bit-for-bit those
 * of the naive loops, and the same for the WebAssembly kernels (WebAssembly has no fused
 * multiply-add to change a rounding). The unit tests hold both to exact equality.
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

/** A set of kernels: the plain-JavaScript one below, or the WebAssembly SIMD one. */
export interface Kernels {
  readonly name: 'js' | 'wasm-simd';
  gemm(a: Float64Array, ars: number, aks: number, b: Float64Array, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array): void;
  /** gemm with B = Wᵀ read from W [n][depth] in place, where a set has it (else the caller transposes). */
  gemmWt?(a: Float64Array, ars: number, aks: number, w: Float64Array, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array): void;
}

function put(c: Float64Array, i: number, s: number, acc: boolean): void {
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
const SLOPE = new Float64Array([LEAKY_SLOPE, 1]);
/** [0, the value at hand], for ReLU's pick. */
const PICK = new Float64Array(2);

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
function finish(c: Float64Array, r0: number, r1: number, o0: number, o1: number, n: number, epilogue: number, act: number, x: Float64Array, y: Float64Array): void {
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

// Packed panels for the 4 × 4 blocks: the four rows of A of a band interleaved, [depth][4], and B's
// columns in groups of four, [n / 4][depth][4]. The inner loop then reads both with one running index
// each and no stride arithmetic, an eighth faster at the toys' sizes than reading A and B in place
// (the copies are 1/m and 1/n of the multiply-adds). Fixed buffers made once, which V8 treats as
// constants (fewer registers held in the loop); a product too large for them (B over 32,768 numbers,
// e.g. 128 outputs by a batch of 256) reads its operands in place instead, with the same sums.
const PANEL_A = new Float64Array(8192);
const PANEL_B = new Float64Array(32768);

/**
 * The 4 × 4 blocks of one band of four rows of C, from the packed panels: a function of its own so
 * that V8 compiles the inner loop alone (inside gemm it kept fewer sums in registers).
 */
function band4(c: Float64Array, c0: number, n: number, n4: number, stride4: number, epilogue: number, act: number, x: Float64Array, y: Float64Array): void {
  const acc = epilogue === Epilogue.accumulate;
  const fwd = epilogue === Epilogue.forward && act <= 2;
  const bwd = epilogue === Epilogue.backward && (act === 1 || act === 2);
  const pick = PICK;
  const slope = SLOPE;
  pick[0] = 0;
  const c1 = c0 + n;
  const c2 = c1 + n;
  const c3 = c2 + n;
  const pa = PANEL_A;
  const pb = PANEL_B;
  for (let o = 0; o < n4; o += 4) {
    let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
    let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
    let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    const bo = o * (stride4 >> 2);
    for (let q = 0; q < stride4; q += 4) {
      const x0 = pa[q];
      const x1 = pa[q + 1];
      const x2 = pa[q + 2];
      const x3 = pa[q + 3];
      const w0 = pb[bo + q];
      const w1 = pb[bo + q + 1];
      const w2 = pb[bo + q + 2];
      const w3 = pb[bo + q + 3];
      s00 += x0 * w0; s01 += x0 * w1; s02 += x0 * w2; s03 += x0 * w3;
      s10 += x1 * w0; s11 += x1 * w1; s12 += x1 * w2; s13 += x1 * w3;
      s20 += x2 * w0; s21 += x2 * w1; s22 += x2 * w2; s23 += x2 * w3;
      s30 += x3 * w0; s31 += x3 * w1; s32 += x3 * w2; s33 += x3 * w3;
    }
    if (fwd) {
      // Bias and activation on the finished sums, as biasRelu/biasLeaky/biasLinear do (same roundings).
      const b0 = x[o];
      const b1 = x[o + 1];
      const b2 = x[o + 2];
      const b3 = x[o + 3];
      s00 += b0;
      s01 += b1;
      s02 += b2;
      s03 += b3;
      s10 += b0;
      s11 += b1;
      s12 += b2;
      s13 += b3;
      s20 += b0;
      s21 += b1;
      s22 += b2;
      s23 += b3;
      s30 += b0;
      s31 += b1;
      s32 += b2;
      s33 += b3;
      c[c0 + o] = s00;
      c[c0 + o + 1] = s01;
      c[c0 + o + 2] = s02;
      c[c0 + o + 3] = s03;
      c[c1 + o] = s10;
      c[c1 + o + 1] = s11;
      c[c1 + o + 2] = s12;
      c[c1 + o + 3] = s13;
      c[c2 + o] = s20;
      c[c2 + o + 1] = s21;
      c[c2 + o + 2] = s22;
      c[c2 + o + 3] = s23;
      c[c3 + o] = s30;
      c[c3 + o + 1] = s31;
      c[c3 + o + 2] = s32;
      c[c3 + o + 3] = s33;
      if (act === 1) {
        pick[1] = s00;
        y[c0 + o] = pick[+(s00 > 0)];
        pick[1] = s01;
        y[c0 + o + 1] = pick[+(s01 > 0)];
        pick[1] = s02;
        y[c0 + o + 2] = pick[+(s02 > 0)];
        pick[1] = s03;
        y[c0 + o + 3] = pick[+(s03 > 0)];
        pick[1] = s10;
        y[c1 + o] = pick[+(s10 > 0)];
        pick[1] = s11;
        y[c1 + o + 1] = pick[+(s11 > 0)];
        pick[1] = s12;
        y[c1 + o + 2] = pick[+(s12 > 0)];
        pick[1] = s13;
        y[c1 + o + 3] = pick[+(s13 > 0)];
        pick[1] = s20;
        y[c2 + o] = pick[+(s20 > 0)];
        pick[1] = s21;
        y[c2 + o + 1] = pick[+(s21 > 0)];
        pick[1] = s22;
        y[c2 + o + 2] = pick[+(s22 > 0)];
        pick[1] = s23;
        y[c2 + o + 3] = pick[+(s23 > 0)];
        pick[1] = s30;
        y[c3 + o] = pick[+(s30 > 0)];
        pick[1] = s31;
        y[c3 + o + 1] = pick[+(s31 > 0)];
        pick[1] = s32;
        y[c3 + o + 2] = pick[+(s32 > 0)];
        pick[1] = s33;
        y[c3 + o + 3] = pick[+(s33 > 0)];
      } else if (act === 2) {
        y[c0 + o] = s00 * slope[+(s00 > 0)];
        y[c0 + o + 1] = s01 * slope[+(s01 > 0)];
        y[c0 + o + 2] = s02 * slope[+(s02 > 0)];
        y[c0 + o + 3] = s03 * slope[+(s03 > 0)];
        y[c1 + o] = s10 * slope[+(s10 > 0)];
        y[c1 + o + 1] = s11 * slope[+(s11 > 0)];
        y[c1 + o + 2] = s12 * slope[+(s12 > 0)];
        y[c1 + o + 3] = s13 * slope[+(s13 > 0)];
        y[c2 + o] = s20 * slope[+(s20 > 0)];
        y[c2 + o + 1] = s21 * slope[+(s21 > 0)];
        y[c2 + o + 2] = s22 * slope[+(s22 > 0)];
        y[c2 + o + 3] = s23 * slope[+(s23 > 0)];
        y[c3 + o] = s30 * slope[+(s30 > 0)];
        y[c3 + o + 1] = s31 * slope[+(s31 > 0)];
        y[c3 + o + 2] = s32 * slope[+(s32 > 0)];
        y[c3 + o + 3] = s33 * slope[+(s33 > 0)];
      } else {
        y[c0 + o] = s00;
        y[c0 + o + 1] = s01;
        y[c0 + o + 2] = s02;
        y[c0 + o + 3] = s03;
        y[c1 + o] = s10;
        y[c1 + o + 1] = s11;
        y[c1 + o + 2] = s12;
        y[c1 + o + 3] = s13;
        y[c2 + o] = s20;
        y[c2 + o + 1] = s21;
        y[c2 + o + 2] = s22;
        y[c2 + o + 3] = s23;
        y[c3 + o] = s30;
        y[c3 + o + 1] = s31;
        y[c3 + o + 2] = s32;
        y[c3 + o + 3] = s33;
      }
    } else if (bwd) {
      // f' of the layer below, as the backward epilogue in finish() applies it (same roundings).
      if (act === 1) {
        pick[1] = s00;
        c[c0 + o] = pick[+(x[c0 + o] > 0)];
        pick[1] = s01;
        c[c0 + o + 1] = pick[+(x[c0 + o + 1] > 0)];
        pick[1] = s02;
        c[c0 + o + 2] = pick[+(x[c0 + o + 2] > 0)];
        pick[1] = s03;
        c[c0 + o + 3] = pick[+(x[c0 + o + 3] > 0)];
        pick[1] = s10;
        c[c1 + o] = pick[+(x[c1 + o] > 0)];
        pick[1] = s11;
        c[c1 + o + 1] = pick[+(x[c1 + o + 1] > 0)];
        pick[1] = s12;
        c[c1 + o + 2] = pick[+(x[c1 + o + 2] > 0)];
        pick[1] = s13;
        c[c1 + o + 3] = pick[+(x[c1 + o + 3] > 0)];
        pick[1] = s20;
        c[c2 + o] = pick[+(x[c2 + o] > 0)];
        pick[1] = s21;
        c[c2 + o + 1] = pick[+(x[c2 + o + 1] > 0)];
        pick[1] = s22;
        c[c2 + o + 2] = pick[+(x[c2 + o + 2] > 0)];
        pick[1] = s23;
        c[c2 + o + 3] = pick[+(x[c2 + o + 3] > 0)];
        pick[1] = s30;
        c[c3 + o] = pick[+(x[c3 + o] > 0)];
        pick[1] = s31;
        c[c3 + o + 1] = pick[+(x[c3 + o + 1] > 0)];
        pick[1] = s32;
        c[c3 + o + 2] = pick[+(x[c3 + o + 2] > 0)];
        pick[1] = s33;
        c[c3 + o + 3] = pick[+(x[c3 + o + 3] > 0)];
      } else {
        c[c0 + o] = s00 * slope[+(x[c0 + o] > 0)];
        c[c0 + o + 1] = s01 * slope[+(x[c0 + o + 1] > 0)];
        c[c0 + o + 2] = s02 * slope[+(x[c0 + o + 2] > 0)];
        c[c0 + o + 3] = s03 * slope[+(x[c0 + o + 3] > 0)];
        c[c1 + o] = s10 * slope[+(x[c1 + o] > 0)];
        c[c1 + o + 1] = s11 * slope[+(x[c1 + o + 1] > 0)];
        c[c1 + o + 2] = s12 * slope[+(x[c1 + o + 2] > 0)];
        c[c1 + o + 3] = s13 * slope[+(x[c1 + o + 3] > 0)];
        c[c2 + o] = s20 * slope[+(x[c2 + o] > 0)];
        c[c2 + o + 1] = s21 * slope[+(x[c2 + o + 1] > 0)];
        c[c2 + o + 2] = s22 * slope[+(x[c2 + o + 2] > 0)];
        c[c2 + o + 3] = s23 * slope[+(x[c2 + o + 3] > 0)];
        c[c3 + o] = s30 * slope[+(x[c3 + o] > 0)];
        c[c3 + o + 1] = s31 * slope[+(x[c3 + o + 1] > 0)];
        c[c3 + o + 2] = s32 * slope[+(x[c3 + o + 2] > 0)];
        c[c3 + o + 3] = s33 * slope[+(x[c3 + o + 3] > 0)];
      }
    } else if (acc) {
      c[c0 + o] += s00;
      c[c0 + o + 1] += s01;
      c[c0 + o + 2] += s02;
      c[c0 + o + 3] += s03;
      c[c1 + o] += s10;
      c[c1 + o + 1] += s11;
      c[c1 + o + 2] += s12;
      c[c1 + o + 3] += s13;
      c[c2 + o] += s20;
      c[c2 + o + 1] += s21;
      c[c2 + o + 2] += s22;
      c[c2 + o + 3] += s23;
      c[c3 + o] += s30;
      c[c3 + o + 1] += s31;
      c[c3 + o + 2] += s32;
      c[c3 + o + 3] += s33;
    } else {
      c[c0 + o] = s00;
      c[c0 + o + 1] = s01;
      c[c0 + o + 2] = s02;
      c[c0 + o + 3] = s03;
      c[c1 + o] = s10;
      c[c1 + o + 1] = s11;
      c[c1 + o + 2] = s12;
      c[c1 + o + 3] = s13;
      c[c2 + o] = s20;
      c[c2 + o + 1] = s21;
      c[c2 + o + 2] = s22;
      c[c2 + o + 3] = s23;
      c[c3 + o] = s30;
      c[c3 + o + 1] = s31;
      c[c3 + o + 2] = s32;
      c[c3 + o + 3] = s33;
    }
  }
}

/** The same blocks as band4, reading A and B where they lie (for products too large for the panels). */
function band4InPlace(a: Float64Array, a0: number, ars: number, aks: number, b: Float64Array, bks: number, bns: number, c: Float64Array, c0: number, n: number, n4: number, depth: number, acc: boolean): void {
  const a1 = a0 + ars;
  const a2 = a1 + ars;
  const a3 = a2 + ars;
  const c1 = c0 + n;
  const c2 = c1 + n;
  const c3 = c2 + n;
  for (let o = 0; o < n4; o += 4) {
    let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
    let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
    let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
    let s30 = 0, s31 = 0, s32 = 0, s33 = 0;
    for (let k = 0, ak = 0, bk = o * bns; k < depth; k++, ak += aks, bk += bks) {
      const x0 = a[a0 + ak];
      const x1 = a[a1 + ak];
      const x2 = a[a2 + ak];
      const x3 = a[a3 + ak];
      const w0 = b[bk];
      const w1 = b[bk + bns];
      const w2 = b[bk + 2 * bns];
      const w3 = b[bk + 3 * bns];
      s00 += x0 * w0; s01 += x0 * w1; s02 += x0 * w2; s03 += x0 * w3;
      s10 += x1 * w0; s11 += x1 * w1; s12 += x1 * w2; s13 += x1 * w3;
      s20 += x2 * w0; s21 += x2 * w1; s22 += x2 * w2; s23 += x2 * w3;
      s30 += x3 * w0; s31 += x3 * w1; s32 += x3 * w2; s33 += x3 * w3;
    }
    put(c, c0 + o, s00, acc);
    put(c, c0 + o + 1, s01, acc);
    put(c, c0 + o + 2, s02, acc);
    put(c, c0 + o + 3, s03, acc);
    put(c, c1 + o, s10, acc);
    put(c, c1 + o + 1, s11, acc);
    put(c, c1 + o + 2, s12, acc);
    put(c, c1 + o + 3, s13, acc);
    put(c, c2 + o, s20, acc);
    put(c, c2 + o + 1, s21, acc);
    put(c, c2 + o + 2, s22, acc);
    put(c, c2 + o + 3, s23, acc);
    put(c, c3 + o, s30, acc);
    put(c, c3 + o + 1, s31, acc);
    put(c, c3 + o + 2, s32, acc);
    put(c, c3 + o + 3, s33, acc);
  }
}

// Zeros of A skipped. A ReLU layer's outputs, and the gradients that pass back through it, are
// about half exact zeros, and a term x · w with x = ±0 and w finite (a ±0) changes no sum: every
// sum starts at +0, adding to it never gives -0 (round to nearest gives -0 only for -0 + -0), and
// s + (±0) = s for every other s, infinities and NaN included. So a product
// whose A is mostly zeros runs row by row over each row's nonzero numbers only, in increasing k as
// the blocks do, and gives the same bits with about half the multiply-adds. Only where B is all
// finite (0 · ±Infinity would have been NaN), which finitePanel checks on the packed panel.

/** Below this depth the row-by-row pass does not pay for its gathering. */
const SPARSE_MIN_DEPTH = 8;
/** The nonzero numbers of one row of A and their offsets in the packed panel (4 k). */
const NZ_X = new Float64Array(2048);
const NZ_Q = new Int32Array(2048);

/** Whether the first four rows of A are at least 3/8 zeros: a ReLU layer's numbers, not a dense one's. */
function sparseEnough(a: Float64Array, ars: number, aks: number, m: number, depth: number): boolean {
  let zeros = 0;
  for (let r = 0; r < 4; r++) {
    for (let k = 0, i = r * ars; k < depth; k++, i += aks) zeros += +(a[i] === 0);
  }
  return 8 * zeros >= 3 * 4 * depth && m >= 4;
}

/** Whether the first `len` numbers of the packed B panel are all finite. */
function finitePanel(len: number): boolean {
  const pb = PANEL_B;
  // Infinity · 0 and NaN · 0 are NaN, any finite number · 0 is ±0: one NaN test at the end. Four
  // sums, so the additions do not wait on each other (the panel's length is a multiple of 4).
  let t0 = 0, t1 = 0, t2 = 0, t3 = 0;
  for (let i = 0; i < len; i += 4) {
    t0 += pb[i] * 0;
    t1 += pb[i + 1] * 0;
    t2 += pb[i + 2] * 0;
    t3 += pb[i + 3] * 0;
  }
  const t = t0 + t1 + t2 + t3;
  return t === t;
}

/** C (store or accumulate) A·B over A's nonzero numbers, one row at a time, B from the packed panel. */
function sparseRows(a: Float64Array, ars: number, aks: number, c: Float64Array, m: number, depth: number, n: number, acc: boolean): void {
  const pb = PANEL_B;
  const nzx = NZ_X;
  const nzq = NZ_Q;
  for (let r = 0; r < m; r++) {
    const cnt = gatherRow(a, r * ars, aks, depth);
    const c0 = r * n;
    let o = 0;
    // Eight columns (two panel groups) at a time: eight sums, each number of A loaded once for them.
    for (; o + 8 <= n; o += 8) {
      const g0 = o * depth;
      const g1 = g0 + 4 * depth;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
      for (let j = 0; j < cnt; j++) {
        const v = nzx[j];
        const q0 = g0 + nzq[j];
        const q1 = g1 + nzq[j];
        s0 += v * pb[q0]; s1 += v * pb[q0 + 1]; s2 += v * pb[q0 + 2]; s3 += v * pb[q0 + 3];
        s4 += v * pb[q1]; s5 += v * pb[q1 + 1]; s6 += v * pb[q1 + 2]; s7 += v * pb[q1 + 3];
      }
      put(c, c0 + o, s0, acc);
      put(c, c0 + o + 1, s1, acc);
      put(c, c0 + o + 2, s2, acc);
      put(c, c0 + o + 3, s3, acc);
      put(c, c0 + o + 4, s4, acc);
      put(c, c0 + o + 5, s5, acc);
      put(c, c0 + o + 6, s6, acc);
      put(c, c0 + o + 7, s7, acc);
    }
    for (; o < n; o += 4) {
      const g0 = o * depth;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let j = 0; j < cnt; j++) {
        const v = nzx[j];
        const q0 = g0 + nzq[j];
        s0 += v * pb[q0]; s1 += v * pb[q0 + 1]; s2 += v * pb[q0 + 2]; s3 += v * pb[q0 + 3];
      }
      put(c, c0 + o, s0, acc);
      put(c, c0 + o + 1, s1, acc);
      put(c, c0 + o + 2, s2, acc);
      put(c, c0 + o + 3, s3, acc);
    }
  }
}

/** Which columns of a row maskedRows computes, and their offsets in the packed panel. */
const LIVE_O = new Int32Array(8192);
const LIVE_Q = new Int32Array(8192);

/**
 * Gathers one row of A's nonzero numbers into NZ_X / NZ_Q (offsets 4 k), in increasing k; returns
 * how many. Without a branch on the (coin-toss) zero test: every number is written, and the count
 * moves on past the nonzero ones.
 */
function gatherRow(a: Float64Array, i0: number, aks: number, depth: number): number {
  const nzx = NZ_X;
  const nzq = NZ_Q;
  let cnt = 0;
  for (let k = 0, i = i0; k < depth; k++, i += aks) {
    const v = a[i];
    nzx[cnt] = v;
    nzq[cnt] = 4 * k;
    cnt += +(v !== 0);
  }
  return cnt;
}

/**
 * sparseRows with ReLU's backward epilogue, C = (A·B) · [x > 0]: an output whose x is not above 0
 * is +0 whatever its sum (the epilogue's pick never reads the sum there), so only the others are
 * summed. About half the outputs of half the terms for the gradient back through a ReLU layer.
 */
function maskedRows(a: Float64Array, ars: number, aks: number, c: Float64Array, m: number, depth: number, n: number, x: Float64Array): void {
  const pb = PANEL_B;
  const nzx = NZ_X;
  const nzq = NZ_Q;
  const liveO = LIVE_O;
  const liveQ = LIVE_Q;
  for (let r = 0; r < m; r++) {
    const cnt = gatherRow(a, r * ars, aks, depth);
    const c0 = r * n;
    // The live columns, gathered without a branch; every output is first set to +0.
    let live = 0;
    for (let o = 0; o < n; o++) {
      c[c0 + o] = 0;
      liveO[live] = c0 + o;
      liveQ[live] = (o >> 2) * 4 * depth + (o & 3);
      live += +(x[c0 + o] > 0);
    }
    let j = 0;
    for (; j + 4 <= live; j += 4) {
      const q0 = liveQ[j];
      const q1 = liveQ[j + 1];
      const q2 = liveQ[j + 2];
      const q3 = liveQ[j + 3];
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let t = 0; t < cnt; t++) {
        const v = nzx[t];
        const q = nzq[t];
        s0 += v * pb[q0 + q]; s1 += v * pb[q1 + q]; s2 += v * pb[q2 + q]; s3 += v * pb[q3 + q];
      }
      c[liveO[j]] = s0;
      c[liveO[j + 1]] = s1;
      c[liveO[j + 2]] = s2;
      c[liveO[j + 3]] = s3;
    }
    for (; j < live; j++) {
      const q0 = liveQ[j];
      let s0 = 0;
      for (let t = 0; t < cnt; t++) s0 += nzx[t] * pb[q0 + nzq[t]];
      c[liveO[j]] = s0;
    }
  }
}

/** C (epilogue) A·B, see the top of this file. */
export function gemm(a: Float64Array, ars: number, aks: number, b: Float64Array, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array): void {
  product(a, ars, aks, b, n, 1, c, m, depth, n, epilogue, act, x, y);
}

/**
 * The same with B = Wᵀ for W row-major [n][depth] (a layer's weights, one row per output), read
 * where it lies: the forward pass of the JavaScript path needs no transposed copy of W. Same sums,
 * same order, same bits as gemm on the transpose.
 */
export function gemmWt(a: Float64Array, ars: number, aks: number, w: Float64Array, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array): void {
  product(a, ars, aks, w, 1, depth, c, m, depth, n, epilogue, act, x, y);
}

/** gemm with B read through strides too: B(k, o) = b[k·bks + o·bns]. */
function product(a: Float64Array, ars: number, aks: number, b: Float64Array, bks: number, bns: number, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array): void {
  const acc = epilogue === Epilogue.accumulate;
  const n4 = n & ~3;
  const stride4 = 4 * depth;
  const packed = m >= 4 && n4 > 0 && stride4 <= PANEL_A.length && n4 * depth <= PANEL_B.length;
  if (packed) {
    const pb = PANEL_B;
    const b1 = bns;
    const b2 = 2 * bns;
    const b3 = 3 * bns;
    for (let o = 0, q = 0; o < n4; o += 4) {
      for (let k = 0, bk = o * bns; k < depth; k++, bk += bks, q += 4) {
        pb[q] = b[bk];
        pb[q + 1] = b[bk + b1];
        pb[q + 2] = b[bk + b2];
        pb[q + 3] = b[bk + b3];
      }
    }
  }
  if (packed && n4 === n && depth >= SPARSE_MIN_DEPTH && sparseEnough(a, ars, aks, m, depth) && finitePanel(n * depth)) {
    if (epilogue === Epilogue.backward && act === 1) {
      maskedRows(a, ars, aks, c, m, depth, n, x);
      return;
    }
    sparseRows(a, ars, aks, c, m, depth, n, acc);
    if (epilogue === Epilogue.forward || epilogue === Epilogue.backward) finish(c, 0, m, 0, n, n, epilogue, act, x, y);
    return;
  }
  let r = 0;
  for (; r + 4 <= m; r += 4) {
    const a0 = r * ars;
    const a1 = a0 + ars;
    const a2 = a1 + ars;
    const a3 = a2 + ars;
    const c0 = r * n;
    const c1 = c0 + n;
    const c2 = c1 + n;
    const c3 = c2 + n;
    if (packed) {
      const pa = PANEL_A;
      for (let k = 0, ak = 0, q = 0; k < depth; k++, ak += aks, q += 4) {
        pa[q] = a[a0 + ak];
        pa[q + 1] = a[a1 + ak];
        pa[q + 2] = a[a2 + ak];
        pa[q + 3] = a[a3 + ak];
      }
      band4(c, c0, n, n4, stride4, epilogue, act, x, y);
    } else {
      band4InPlace(a, a0, ars, aks, b, bks, bns, c, c0, n, n4, depth, acc);
    }
    let o = n4;
    // Columns left over: a 4 × 2 block (a two-output layer is all of this), so that each number of
    // A is loaded once for both columns, then 4 × 1 blocks (a one-output layer).
    if (o + 2 <= n) {
      let s00 = 0, s01 = 0, s10 = 0, s11 = 0, s20 = 0, s21 = 0, s30 = 0, s31 = 0;
      for (let k = 0, ak = 0, bk = o * bns; k < depth; k++, ak += aks, bk += bks) {
        const w0 = b[bk];
        const w1 = b[bk + bns];
        const x0 = a[a0 + ak];
        const x1 = a[a1 + ak];
        const x2 = a[a2 + ak];
        const x3 = a[a3 + ak];
        s00 += x0 * w0; s01 += x0 * w1;
        s10 += x1 * w0; s11 += x1 * w1;
        s20 += x2 * w0; s21 += x2 * w1;
        s30 += x3 * w0; s31 += x3 * w1;
      }
      put(c, c0 + o, s00, acc);
      put(c, c0 + o + 1, s01, acc);
      put(c, c1 + o, s10, acc);
      put(c, c1 + o + 1, s11, acc);
      put(c, c2 + o, s20, acc);
      put(c, c2 + o + 1, s21, acc);
      put(c, c3 + o, s30, acc);
      put(c, c3 + o + 1, s31, acc);
      o += 2;
    }
    for (; o < n; o++) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0, ak = 0, bk = o * bns; k < depth; k++, ak += aks, bk += bks) {
        const w = b[bk];
        s0 += a[a0 + ak] * w;
        s1 += a[a1 + ak] * w;
        s2 += a[a2 + ak] * w;
        s3 += a[a3 + ak] * w;
      }
      put(c, c0 + o, s0, acc);
      put(c, c1 + o, s1, acc);
      put(c, c2 + o, s2, acc);
      put(c, c3 + o, s3, acc);
    }
  }
  // Rows left over: two at a time in 2 × 4 blocks (a layer of two outputs has m = 2 in its weight
  // gradient), then one at a time in 1 × 4 blocks and single sums.
  for (; r + 2 <= m; r += 2) {
    const a0 = r * ars;
    const a1 = a0 + ars;
    const c0 = r * n;
    const c1 = c0 + n;
    let o = 0;
    for (; o + 4 <= n; o += 4) {
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0, ak = 0, bk = o * bns; k < depth; k++, ak += aks, bk += bks) {
        const x0 = a[a0 + ak];
        const x1 = a[a1 + ak];
        const w0 = b[bk];
        const w1 = b[bk + bns];
        const w2 = b[bk + 2 * bns];
        const w3 = b[bk + 3 * bns];
        s00 += x0 * w0; s01 += x0 * w1; s02 += x0 * w2; s03 += x0 * w3;
        s10 += x1 * w0; s11 += x1 * w1; s12 += x1 * w2; s13 += x1 * w3;
      }
      put(c, c0 + o, s00, acc);
      put(c, c0 + o + 1, s01, acc);
      put(c, c0 + o + 2, s02, acc);
      put(c, c0 + o + 3, s03, acc);
      put(c, c1 + o, s10, acc);
      put(c, c1 + o + 1, s11, acc);
      put(c, c1 + o + 2, s12, acc);
      put(c, c1 + o + 3, s13, acc);
    }
    for (; o < n; o++) {
      let s0 = 0, s1 = 0;
      for (let k = 0, ak = 0, bk = o * bns; k < depth; k++, ak += aks, bk += bks) {
        const w = b[bk];
        s0 += a[a0 + ak] * w;
        s1 += a[a1 + ak] * w;
      }
      put(c, c0 + o, s0, acc);
      put(c, c1 + o, s1, acc);
    }
  }
  for (; r < m; r++) {
    const a0 = r * ars;
    const c0 = r * n;
    let o = 0;
    for (; o + 4 <= n; o += 4) {
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let k = 0, ak = a0, bk = o * bns; k < depth; k++, ak += aks, bk += bks) {
        const v = a[ak];
        s0 += v * b[bk];
        s1 += v * b[bk + bns];
        s2 += v * b[bk + 2 * bns];
        s3 += v * b[bk + 3 * bns];
      }
      put(c, c0 + o, s0, acc);
      put(c, c0 + o + 1, s1, acc);
      put(c, c0 + o + 2, s2, acc);
      put(c, c0 + o + 3, s3, acc);
    }
    for (; o < n; o++) {
      let s = 0;
      for (let k = 0, ak = a0, bk = o * bns; k < depth; k++, ak += aks, bk += bks) s += a[ak] * b[bk];
      put(c, c0 + o, s, acc);
    }
  }
  if (epilogue === Epilogue.forward || epilogue === Epilogue.backward) {
    // band4 applied the ReLU-family epilogues to its blocks as it stored them; the rest here.
    const inBlocks = packed && (epilogue === Epilogue.forward ? act <= 2 : act === 1 || act === 2);
    if (!inBlocks) finish(c, 0, m, 0, n, n, epilogue, act, x, y);
    else {
      const m4 = m & ~3;
      if (n4 < n) finish(c, 0, m4, n4, n, n, epilogue, act, x, y);
      if (m4 < m) finish(c, m4, m, 0, n, n, epilogue, act, x, y);
    }
  }
}

/** The plain-JavaScript kernels: always there, the fallback where WebAssembly SIMD is not. */
export const jsKernels: Kernels = { name: 'js', gemm, gemmWt };

/** dst [cols][rows] = transpose of src [rows][cols]. */
export function transpose(src: Float64Array, rows: number, cols: number, dst: Float64Array): void {
  // Four source rows at a time, so each pass writes four neighbouring numbers of every dst row.
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const s0 = r * cols, s1 = s0 + cols, s2 = s1 + cols, s3 = s2 + cols;
    for (let c = 0, d = r; c < cols; c++, d += rows) {
      dst[d] = src[s0 + c];
      dst[d + 1] = src[s1 + c];
      dst[d + 2] = src[s2 + c];
      dst[d + 3] = src[s3 + c];
    }
  }
  for (; r < rows; r++) {
    const s = r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[s + c];
  }
}

/** sums[o] += Σ_r m[r][o] for m [rows][cols]. */
export function addColumnSums(m: Float64Array, rows: number, cols: number, sums: Float64Array): void {
  // Four columns at a time in local sums, down the rows: each column's additions are the same, in
  // the same order (its running sum, then rows 0, 1, ...), without a load and store of sums[c] for
  // every element.
  let c = 0;
  for (; c + 4 <= cols; c += 4) {
    let s0 = sums[c], s1 = sums[c + 1], s2 = sums[c + 2], s3 = sums[c + 3];
    for (let i = c, end = rows * cols; i < end; i += cols) {
      s0 += m[i];
      s1 += m[i + 1];
      s2 += m[i + 2];
      s3 += m[i + 3];
    }
    sums[c] = s0; sums[c + 1] = s1; sums[c + 2] = s2; sums[c + 3] = s3;
  }
  for (; c < cols; c++) {
    let s = sums[c];
    for (let i = c, end = rows * cols; i < end; i += cols) s += m[i];
    sums[c] = s;
  }
}
