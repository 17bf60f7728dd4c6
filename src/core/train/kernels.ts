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
 * operands of those blocks are first copied into packed panels (see gemmPanels.ts), so the inner
 * loop reads two contiguous runs whatever the strides. The epilogue (bias and activation forward,
 * f' backward) runs in the same call: for ReLU, leaky ReLU and linear layers on each 4 × 4 block as
 * its sums are stored, so C is not read again; for tanh and sigmoid, and on the edges the blocks
 * leave, in one pass over the finished C (finish()). A product whose A is mostly exact zeros (a
 * ReLU layer's outputs, or a gradient that came back through one) skips them instead: row by row
 * over each row's nonzero numbers (sparseRows), and for ReLU's backward epilogue only over the
 * outputs it keeps (maskedRows). The forward pass of the JavaScript path reads W where it lies
 * (gemmWt).
 *
 * Exactness: each sum starts at 0 and runs over k upwards, one rounded multiply and one rounded add
 * per step, exactly as a naive loop does, and what happens to it afterwards (the bias, the
 * activation, f' on the way back) is the same arithmetic as the separate loops it replaces. So the
 * blocking changes the speed and nothing else, and so does skipping zeros of A (a ±0 term changes
 * no such sum; skipped only where B is all finite, see sparseRows): results are bit-for-bit those
 * of the naive loops, and the same for the WebAssembly kernels (WebAssembly has no fused
 * multiply-add to change a rounding). The unit tests hold both to exact equality.
 *
 * This file holds the public face (the Kernels set, gemm, gemmWt, and the transpose and column
 * sums a layer also needs) and the choice of path for each product. The paths' loops live beside
 * it: gemmPanels.ts (the packed panels and their copies), gemmPackedBand.ts (band4, the unrolled
 * 4 × 4 blocks with fused epilogues), gemmBlocked.ts (the dense product around band4, and the
 * edges its blocks leave), gemmZeroSkip.ts (sparseRows, maskedRows and the tests that choose them)
 * and gemmEpilogue.ts (the epilogue codes and finish()).
 */
import { Epilogue, finish, type EpilogueCode } from './gemmEpilogue';
import { blockedProduct } from './gemmBlocked';
import { fitsPanels, packB } from './gemmPanels';
import { finitePanel, maskedRows, sparseEnough, sparseRows, SPARSE_MIN_DEPTH } from './gemmZeroSkip';

export { ActCode, Epilogue, type EpilogueCode } from './gemmEpilogue';

/** A set of kernels: the plain-JavaScript one below, or the WebAssembly SIMD one. */
export interface Kernels {
  readonly name: 'js' | 'wasm-simd';
  gemm(a: Float64Array, ars: number, aks: number, b: Float64Array, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array): void;
  /** gemm with B = Wᵀ read from W [n][depth] in place, where a set has it (else the caller transposes). */
  gemmWt?(a: Float64Array, ars: number, aks: number, w: Float64Array, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array): void;
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
  const packed = fitsPanels(m, n4, depth);
  if (packed) packB(b, bks, bns, n4, depth);
  if (packed && n4 === n && depth >= SPARSE_MIN_DEPTH && sparseEnough(a, ars, aks, m, depth) && finitePanel(n * depth)) {
    if (epilogue === Epilogue.backward && act === 1) {
      maskedRows(a, ars, aks, c, m, depth, n, x);
      return;
    }
    sparseRows(a, ars, aks, c, m, depth, n, acc);
    if (epilogue === Epilogue.forward || epilogue === Epilogue.backward) finish(c, 0, m, 0, n, n, epilogue, act, x, y);
    return;
  }
  blockedProduct(a, ars, aks, b, bks, bns, c, m, depth, n, epilogue, act, x, y, packed);
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
