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

/** The forward or backward epilogue over the elements [from, to) of C, whole rows of n. */
function finishRows(c: usize, from: i32, to: i32, n: i32, epilogue: i32, act: i32, x: usize, y: usize): void {
  if (epilogue == FORWARD) {
    let o = 0;
    for (let i = from; i < to; i++) {
      const p = c + (<usize>i << 3);
      store<f64>(p, load<f64>(p) + load<f64>(x + (<usize>o << 3)));
      o++;
      if (o == n) o = 0;
    }
    // tanh and sigmoid are left to the caller: Math.tanh and Math.exp here are not V8's.
    for (let i = from; i < to; i++) {
      const off = <usize>i << 3;
      const v = load<f64>(c + off);
      store<f64>(y + off, act == RELU ? (v > 0 ? v : 0) : act == LEAKY ? (v > 0 ? v : LEAKY_SLOPE * v) : v);
    }
  } else if (epilogue == BACKWARD) {
    for (let i = from; i < to; i++) {
      const off = <usize>i << 3;
      const s = load<f64>(c + off);
      let v = s;
      if (act == RELU) v = load<f64>(x + off) > 0 ? s : 0;
      else if (act == LEAKY) v = load<f64>(x + off) > 0 ? s : s * LEAKY_SLOPE;
      else if (act == TANH) {
        const t = load<f64>(y + off);
        v = s * (1 - t * t);
      } else if (act == SIGMOID) {
        const t = load<f64>(y + off);
        v = s * (t * (1 - t));
      }
      store<f64>(c + off, v);
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
    if (fused) finishRows(c, r * n, (r + 4) * n, n, epilogue, act, x, y);
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
    if (fused) finishRows(c, r * n, (r + 1) * n, n, epilogue, act, x, y);
  }
}
