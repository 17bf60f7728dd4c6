// AssemblyScript source of the WebAssembly SIMD kernel: the same product as gemm in
// src/core/train/kernels.ts (read its header first), two columns of C per f64x2 lane pair.
// Built by `node scripts/build-wasm.mjs` into src/core/train/wasmKernelsBinary.ts.
//
// Every sum runs over k from 0 upwards, one rounded multiply and one rounded add per step, as the
// JavaScript kernel does; WebAssembly has no fused multiply-add, so the results are bit-for-bit
// the same. Pointers are byte offsets into this module's memory; matrices are f64.

// Epilogues and activations: numbered as Epilogue and ActCode in kernels.ts.
const ACCUMULATE = 1;
const FORWARD = 2;
const BACKWARD = 3;
const RELU = 1;
const LEAKY = 2;
const TANH = 3;
const SIGMOID = 4;
const LEAKY_SLOPE: f64 = 0.2;

@inline function put(p: usize, s: f64, acc: bool): void {
  store<f64>(p, acc ? load<f64>(p) + s : s);
}

@inline function putv(p: usize, s: v128, acc: bool): void {
  v128.store(p, acc ? f64x2.add(v128.load(p), s) : s);
}

/**
 * The forward or backward epilogue over rows [r0, r1) of C (n columns), two numbers at a time:
 * the same operations as the scalar loops of kernels.ts, so the same bits. ReLU's `v > 0 ? v : 0`
 * is pmax(0, v) exactly (NaN and -0 included), and the selects are bitselects on v > 0.
 */
function finishRows(c: usize, r0: i32, r1: i32, n: i32, epilogue: i32, act: i32, x: usize, y: usize): void {
  const zero = f64x2.splat(0);
  const slope = f64x2.splat(LEAKY_SLOPE);
  const one = f64x2.splat(1);
  const row = <usize>n << 3;
  const even = n & ~1;
  for (let r = r0; r < r1; r++) {
    const pc = c + <usize>r * row;
    const py = y + <usize>r * row;
    if (epilogue == FORWARD) {
      // tanh and sigmoid are left to the caller: this module's Math is not V8's.
      let o = 0;
      for (; o < even; o += 2) {
        const off = <usize>o << 3;
        const v = f64x2.add(v128.load(pc + off), v128.load(x + off));
        v128.store(pc + off, v);
        let out = v;
        if (act == RELU) out = f64x2.pmax(zero, v);
        else if (act == LEAKY) out = v128.bitselect(v, f64x2.mul(slope, v), f64x2.gt(v, zero));
        v128.store(py + off, out);
      }
      if (o < n) {
        const off = <usize>o << 3;
        const v = load<f64>(pc + off) + load<f64>(x + off);
        store<f64>(pc + off, v);
        store<f64>(py + off, act == RELU ? (v > 0 ? v : 0) : act == LEAKY ? (v > 0 ? v : LEAKY_SLOPE * v) : v);
      }
    } else {
      const px = x + <usize>r * row;
      let o = 0;
      for (; o < even; o += 2) {
        const off = <usize>o << 3;
        const s = v128.load(pc + off);
        let v = s;
        if (act == RELU) v = v128.bitselect(s, zero, f64x2.gt(v128.load(px + off), zero));
        else if (act == LEAKY) v = v128.bitselect(s, f64x2.mul(s, slope), f64x2.gt(v128.load(px + off), zero));
        else if (act == TANH) {
          const t = v128.load(py + off);
          v = f64x2.mul(s, f64x2.sub(one, f64x2.mul(t, t)));
        } else if (act == SIGMOID) {
          const t = v128.load(py + off);
          v = f64x2.mul(s, f64x2.mul(t, f64x2.sub(one, t)));
        }
        v128.store(pc + off, v);
      }
      if (o < n) {
        const off = <usize>o << 3;
        const s = load<f64>(pc + off);
        let v = s;
        if (act == RELU) v = load<f64>(px + off) > 0 ? s : 0;
        else if (act == LEAKY) v = load<f64>(px + off) > 0 ? s : s * LEAKY_SLOPE;
        else if (act == TANH) {
          const t = load<f64>(py + off);
          v = s * (1 - t * t);
        } else if (act == SIGMOID) {
          const t = load<f64>(py + off);
          v = s * (t * (1 - t));
        }
        store<f64>(pc + off, v);
      }
    }
  }
}

/**
 * C[r][o] (epilogue) Σ_k A(r, k) B[k][o], A(r, k) at a + 8 (r ars + k aks), B row-major [depth][n].
 */
export function gemm(a: usize, ars: i32, aks: i32, b: usize, c: usize, m: i32, depth: i32, n: i32, epilogue: i32, act: i32, x: usize, y: usize): void {
  const acc = epilogue == ACCUMULATE;
  const fused = epilogue == FORWARD || epilogue == BACKWARD;
  const rs = <usize>ars << 3;
  const ks = <usize>aks << 3;
  const bs = <usize>n << 3;
  let r = 0;
  for (; r + 4 <= m; r += 4) {
    const a0 = a + <usize>r * rs;
    const c0 = c + (<usize>(r * n) << 3);
    const c1 = c0 + bs;
    const c2 = c1 + bs;
    const c3 = c2 + bs;
    let o = 0;
    // 4 rows × 4 columns: eight f64x2 sums.
    for (; o + 4 <= n; o += 4) {
      let s00 = f64x2.splat(0), s01 = f64x2.splat(0);
      let s10 = f64x2.splat(0), s11 = f64x2.splat(0);
      let s20 = f64x2.splat(0), s21 = f64x2.splat(0);
      let s30 = f64x2.splat(0), s31 = f64x2.splat(0);
      let pa = a0;
      let pb = b + (<usize>o << 3);
      for (let k = 0; k < depth; k++) {
        const w0 = v128.load(pb);
        const w1 = v128.load(pb, 16);
        const x0 = f64x2.splat(load<f64>(pa));
        const x1 = f64x2.splat(load<f64>(pa + rs));
        const x2 = f64x2.splat(load<f64>(pa + 2 * rs));
        const x3 = f64x2.splat(load<f64>(pa + 3 * rs));
        s00 = f64x2.add(s00, f64x2.mul(x0, w0));
        s01 = f64x2.add(s01, f64x2.mul(x0, w1));
        s10 = f64x2.add(s10, f64x2.mul(x1, w0));
        s11 = f64x2.add(s11, f64x2.mul(x1, w1));
        s20 = f64x2.add(s20, f64x2.mul(x2, w0));
        s21 = f64x2.add(s21, f64x2.mul(x2, w1));
        s30 = f64x2.add(s30, f64x2.mul(x3, w0));
        s31 = f64x2.add(s31, f64x2.mul(x3, w1));
        pa += ks;
        pb += bs;
      }
      const co = <usize>o << 3;
      putv(c0 + co, s00, acc);
      putv(c0 + co + 16, s01, acc);
      putv(c1 + co, s10, acc);
      putv(c1 + co + 16, s11, acc);
      putv(c2 + co, s20, acc);
      putv(c2 + co + 16, s21, acc);
      putv(c3 + co, s30, acc);
      putv(c3 + co + 16, s31, acc);
    }
    // 4 rows × 2 columns.
    for (; o + 2 <= n; o += 2) {
      let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
      let pa = a0;
      let pb = b + (<usize>o << 3);
      for (let k = 0; k < depth; k++) {
        const w = v128.load(pb);
        s0 = f64x2.add(s0, f64x2.mul(f64x2.splat(load<f64>(pa)), w));
        s1 = f64x2.add(s1, f64x2.mul(f64x2.splat(load<f64>(pa + rs)), w));
        s2 = f64x2.add(s2, f64x2.mul(f64x2.splat(load<f64>(pa + 2 * rs)), w));
        s3 = f64x2.add(s3, f64x2.mul(f64x2.splat(load<f64>(pa + 3 * rs)), w));
        pa += ks;
        pb += bs;
      }
      const co = <usize>o << 3;
      putv(c0 + co, s0, acc);
      putv(c1 + co, s1, acc);
      putv(c2 + co, s2, acc);
      putv(c3 + co, s3, acc);
    }
    // The last column: rows in pairs of lanes (a one-output layer is all of this).
    if (o < n) {
      let s01 = f64x2.splat(0), s23 = f64x2.splat(0);
      let pa = a0;
      let pb = b + (<usize>o << 3);
      for (let k = 0; k < depth; k++) {
        const w = f64x2.splat(load<f64>(pb));
        const x01 = f64x2.replace_lane(f64x2.splat(load<f64>(pa)), 1, load<f64>(pa + rs));
        const x23 = f64x2.replace_lane(f64x2.splat(load<f64>(pa + 2 * rs)), 1, load<f64>(pa + 3 * rs));
        s01 = f64x2.add(s01, f64x2.mul(x01, w));
        s23 = f64x2.add(s23, f64x2.mul(x23, w));
        pa += ks;
        pb += bs;
      }
      const co = <usize>o << 3;
      put(c0 + co, f64x2.extract_lane(s01, 0), acc);
      put(c1 + co, f64x2.extract_lane(s01, 1), acc);
      put(c2 + co, f64x2.extract_lane(s23, 0), acc);
      put(c3 + co, f64x2.extract_lane(s23, 1), acc);
    }
    if (fused) finishRows(c, r, r + 4, n, epilogue, act, x, y);
  }
  // Rows left over, one at a time.
  for (; r < m; r++) {
    const a0 = a + <usize>r * rs;
    const c0 = c + (<usize>(r * n) << 3);
    let o = 0;
    for (; o + 4 <= n; o += 4) {
      let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
      let pa = a0;
      let pb = b + (<usize>o << 3);
      for (let k = 0; k < depth; k++) {
        const v = f64x2.splat(load<f64>(pa));
        s0 = f64x2.add(s0, f64x2.mul(v, v128.load(pb)));
        s1 = f64x2.add(s1, f64x2.mul(v, v128.load(pb, 16)));
        pa += ks;
        pb += bs;
      }
      const co = <usize>o << 3;
      putv(c0 + co, s0, acc);
      putv(c0 + co + 16, s1, acc);
    }
    for (; o < n; o++) {
      let s: f64 = 0;
      let pa = a0;
      let pb = b + (<usize>o << 3);
      for (let k = 0; k < depth; k++) {
        s += load<f64>(pa) * load<f64>(pb);
        pa += ks;
        pb += bs;
      }
      put(c0 + (<usize>o << 3), s, acc);
    }
    if (fused) finishRows(c, r, r + 1, n, epilogue, act, x, y);
  }
}
