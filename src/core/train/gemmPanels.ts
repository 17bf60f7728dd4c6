/**
 * The packed panels the 4 × 4 blocks of kernels.ts read, and the copies that fill them. A panel is
 * a copy in the order the inner loop walks, so packing moves numbers and does no arithmetic: the
 * sums are the same whether a product reads the panels or its operands in place.
 */

// Packed panels for the 4 × 4 blocks: the four rows of A of a band interleaved, [depth][4], and B's
// columns in groups of four, [n / 4][depth][4]. The inner loop then reads both with one running index
// each and no stride arithmetic, an eighth faster at the toys' sizes than reading A and B in place
// (the copies are 1/m and 1/n of the multiply-adds). Fixed buffers made once, which V8 treats as
// constants (fewer registers held in the loop); a product too large for them (B over 32,768 numbers,
// e.g. 128 outputs by a batch of 256) reads its operands in place instead, with the same sums.
export const PANEL_A = new Float64Array(8192);
export const PANEL_B = new Float64Array(32768);

/** Whether a product of m rows, n4 = n rounded down to 4 columns and this depth fits the panels. */
export function fitsPanels(m: number, n4: number, depth: number): boolean {
  return m >= 4 && n4 > 0 && 4 * depth <= PANEL_A.length && n4 * depth <= PANEL_B.length;
}

/** Packs B's first n4 columns into PANEL_B, four columns at a time, B(k, o) = b[k·bks + o·bns]. */
export function packB(b: Float64Array, bks: number, bns: number, n4: number, depth: number): void {
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

/** Packs rows a0..a3 of A into PANEL_A, interleaved [depth][4]: one band of the 4 × 4 blocks. */
export function packA(a: Float64Array, a0: number, a1: number, a2: number, a3: number, aks: number, depth: number): void {
  const pa = PANEL_A;
  for (let k = 0, ak = 0, q = 0; k < depth; k++, ak += aks, q += 4) {
    pa[q] = a[a0 + ak];
    pa[q + 1] = a[a1 + ak];
    pa[q + 2] = a[a2 + ak];
    pa[q + 3] = a[a3 + ak];
  }
}
