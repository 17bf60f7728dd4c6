/**
 * The zero-skipping path of the JavaScript matrix product, taken when A is mostly exact zeros (a
 * ReLU layer's outputs, or a gradient that came back through one): row by row over each row's
 * nonzero numbers, with B from the packed panel, instead of the dense 4 × 4 blocks. The tests that
 * choose it (enough zeros, B all finite) live here beside it; kernels.ts makes the choice.
 */
import { put } from './gemmEpilogue';
import { PANEL_B } from './gemmPanels';

// Zeros of A skipped. A ReLU layer's outputs, and the gradients that pass back through it, are
// about half exact zeros, and a term x · w with x = ±0 and w finite (a ±0) changes no sum: every
// sum starts at +0, adding to it never gives -0 (round to nearest gives -0 only for -0 + -0), and
// s + (±0) = s for every other s, infinities and NaN included. So a product
// whose A is mostly zeros runs row by row over each row's nonzero numbers only, in increasing k as
// the blocks do, and gives the same bits with about half the multiply-adds. Only where B is all
// finite (0 · ±Infinity would have been NaN), which finitePanel checks on the packed panel.

/** Below this depth the row-by-row pass does not pay for its gathering. */
export const SPARSE_MIN_DEPTH = 8;
/** The nonzero numbers of one row of A and their offsets in the packed panel (4 k). */
const NZ_X = new Float64Array(2048);
const NZ_Q = new Int32Array(2048);

/** Whether the first four rows of A are at least 3/8 zeros: a ReLU layer's numbers, not a dense one's. */
export function sparseEnough(a: Float64Array, ars: number, aks: number, m: number, depth: number): boolean {
  let zeros = 0;
  for (let r = 0; r < 4; r++) {
    for (let k = 0, i = r * ars; k < depth; k++, i += aks) zeros += +(a[i] === 0);
  }
  return 8 * zeros >= 3 * 4 * depth && m >= 4;
}

/** Whether the first `len` numbers of the packed B panel are all finite. */
export function finitePanel(len: number): boolean {
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
export function sparseRows(a: Float64Array, ars: number, aks: number, c: Float64Array, m: number, depth: number, n: number, acc: boolean): void {
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
export function maskedRows(a: Float64Array, ars: number, aks: number, c: Float64Array, m: number, depth: number, n: number, x: Float64Array): void {
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
