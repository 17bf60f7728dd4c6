/**
 * The two loops every layer is made of, on row-major Float64Array matrices. Measured here, a dot
 * product kernel with a 2 x 2 block of accumulators runs about twice as fast as the
 * "row += x * weights" form: four independent sums hide the latency of each addition, and
 * nothing is stored inside the innermost loop.
 */

/**
 * C = A Bᵀ (or C += A Bᵀ when `accumulate`), with A [m][k], B [n][k], C [m][n]: every C[r][o] is
 * the dot product of row r of A and row o of B, both contiguous.
 */
export function gemmABt(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number, accumulate: boolean): void {
  let r = 0;
  for (; r + 1 < m; r += 2) {
    const a0 = r * k;
    const a1 = a0 + k;
    const c0 = r * n;
    const c1 = c0 + n;
    let o = 0;
    for (; o + 1 < n; o += 2) {
      const b0 = o * k;
      const b1 = b0 + k;
      let s00 = 0;
      let s01 = 0;
      let s10 = 0;
      let s11 = 0;
      for (let i = 0; i < k; i++) {
        const x0 = a[a0 + i];
        const x1 = a[a1 + i];
        const w0 = b[b0 + i];
        const w1 = b[b1 + i];
        s00 += x0 * w0;
        s01 += x0 * w1;
        s10 += x1 * w0;
        s11 += x1 * w1;
      }
      if (accumulate) {
        c[c0 + o] += s00;
        c[c0 + o + 1] += s01;
        c[c1 + o] += s10;
        c[c1 + o + 1] += s11;
      } else {
        c[c0 + o] = s00;
        c[c0 + o + 1] = s01;
        c[c1 + o] = s10;
        c[c1 + o + 1] = s11;
      }
    }
    if (o < n) {
      const b0 = o * k;
      let s0 = 0;
      let s1 = 0;
      for (let i = 0; i < k; i++) {
        s0 += a[a0 + i] * b[b0 + i];
        s1 += a[a1 + i] * b[b0 + i];
      }
      c[c0 + o] = accumulate ? c[c0 + o] + s0 : s0;
      c[c1 + o] = accumulate ? c[c1 + o] + s1 : s1;
    }
  }
  if (r < m) {
    const a0 = r * k;
    const c0 = r * n;
    for (let o = 0; o < n; o++) {
      const b0 = o * k;
      let s = 0;
      for (let i = 0; i < k; i++) s += a[a0 + i] * b[b0 + i];
      c[c0 + o] = accumulate ? c[c0 + o] + s : s;
    }
  }
}

/** dst [cols][rows] = transpose of src [rows][cols]. */
export function transpose(src: Float64Array, rows: number, cols: number, dst: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const s = r * cols;
    for (let c = 0; c < cols; c++) dst[c * rows + r] = src[s + c];
  }
}

/** sums[o] += Σ_r m[r][o] for m [rows][cols]. */
export function addColumnSums(m: Float64Array, rows: number, cols: number, sums: Float64Array): void {
  for (let r = 0; r < rows; r++) {
    const s = r * cols;
    for (let c = 0; c < cols; c++) sums[c] += m[s + c];
  }
}
