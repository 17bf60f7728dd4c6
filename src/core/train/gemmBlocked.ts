/**
 * The dense path of the JavaScript matrix product: C in 4 × 4 blocks of sums, from the packed
 * panels where the product fits them (band4, gemmPackedBand.ts) and from A and B where they lie
 * where it does not, then the rows and columns the blocks leave in smaller blocks, and the epilogue
 * on whatever band4 did not finish. Every sum runs over k upwards from 0, as a naive loop does.
 */
import { Epilogue, finish, put, type EpilogueCode } from './gemmEpilogue';
import { band4 } from './gemmPackedBand';
import { packA } from './gemmPanels';

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

/**
 * C (epilogue) A·B with B(k, o) = b[k·bks + o·bns], in blocks; `packed` says B's first columns are
 * already in PANEL_B (fitsPanels held, and the caller packed them), so A is packed band by band.
 */
export function blockedProduct(a: Float64Array, ars: number, aks: number, b: Float64Array, bks: number, bns: number, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array, packed: boolean): void {
  const acc = epilogue === Epilogue.accumulate;
  const n4 = n & ~3;
  const stride4 = 4 * depth;
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
      packA(a, a0, a1, a2, a3, aks, depth);
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
