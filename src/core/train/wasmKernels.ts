/**
 * The WebAssembly SIMD version of kernels.ts's product (source wasm/gemm.ts, built by
 * scripts/build-wasm.mjs), and the choice between it and the JavaScript one.
 *
 * The module is compiled synchronously from bytes held in the bundle, once per thread (each
 * training worker has its own), and keeps its own memory: each product copies its operands in and
 * its result out. The copies are a few percent of the work at the toys' sizes (a 128 × 64 × 64
 * product moves 20 thousand numbers and does half a million multiply-adds), and they keep the
 * networks' buffers ordinary Float64Arrays that nothing can detach.
 *
 * Where WebAssembly or its SIMD instructions are missing, the module does not validate and the
 * JavaScript kernels serve instead; both give bit-for-bit the same numbers (see kernels.ts).
 */
import { Epilogue, jsKernels, type EpilogueCode, type Kernels } from './kernels';
import { sigmoid } from './activations';
import { GEMM_WASM_BASE64 } from './wasmKernelsBinary';

/** The little of the WebAssembly JS API used here (the project's `lib` setting does not declare it). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { readonly exports: object };
}

interface GemmExports {
  readonly memory: WasmMemory;
  gemm(a: number, ars: number, aks: number, b: number, c: number, m: number, depth: number, n: number, epilogue: number, act: number, x: number, y: number): void;
}

function decodeBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Doubles, rounded up to keep every operand 16-byte aligned. */
function slot(doubles: number): number {
  return (doubles + 1) & ~1;
}

class WasmKernels implements Kernels {
  readonly name = 'wasm-simd';
  readonly #exports: GemmExports;
  #heap: Float64Array;
  /**
   * Views of the heap by (offset, length), reused: a product copies out through one or two of
   * them, and making a fresh subarray for each cost more than some small products' copies.
   */
  #views = new Map<number, Float64Array>();

  constructor(exports: GemmExports) {
    this.#exports = exports;
    this.#heap = new Float64Array(exports.memory.buffer);
  }

  /** A view of at least `doubles` numbers of the module's memory (growing it, which detaches the old view). */
  #reserve(doubles: number): Float64Array {
    if (this.#heap.length < doubles) {
      const memory = this.#exports.memory;
      const pages = Math.ceil((doubles * 8 - memory.buffer.byteLength) / 65536);
      memory.grow(pages);
      this.#heap = new Float64Array(memory.buffer);
      this.#views.clear();
    }
    return this.#heap;
  }

  /** The heap's numbers [at, at + len), as a view made once per place (bounded in number). */
  #view(heap: Float64Array, at: number, len: number): Float64Array {
    const key = at * 0x1000000 + len;
    let v = this.#views.get(key);
    if (v === undefined) {
      if (this.#views.size >= 256) this.#views.clear();
      v = heap.subarray(at, at + len);
      this.#views.set(key, v);
    }
    return v;
  }

  gemm(a: Float64Array, ars: number, aks: number, b: Float64Array, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: number, x: Float64Array, y: Float64Array): void {
    if (m <= 0 || n <= 0) return;
    const aLen = depth > 0 ? (m - 1) * ars + (depth - 1) * aks + 1 : 0;
    const bLen = depth * n;
    const cLen = m * n;
    const forward = epilogue === Epilogue.forward;
    const backward = epilogue === Epilogue.backward;
    // The backward epilogue reads the pre-activation for ReLU and leaky ReLU, the output for tanh
    // and sigmoid, and neither for a linear layer: only what it reads is copied in.
    const xLen = forward ? n : backward && (act === 1 || act === 2) ? cLen : 0;
    const yLen = forward || (backward && (act === 3 || act === 4)) ? cLen : 0;
    // Layout in doubles: A | B | C | x | y.
    const pa = 0;
    const pb = pa + slot(aLen);
    const pc = pb + slot(bLen);
    const px = pc + slot(cLen);
    const py = px + slot(xLen);
    let heap: Float64Array;
    try {
      heap = this.#reserve(py + slot(yLen));
    } catch {
      // The module's memory could not grow (the engine's limit): this product in JavaScript.
      jsKernels.gemm(a, ars, aks, b, c, m, depth, n, epilogue, act, x, y);
      return;
    }
    copyIn(heap, pa, a, aLen);
    copyIn(heap, pb, b, bLen);
    if (epilogue === Epilogue.accumulate) copyIn(heap, pc, c, cLen);
    if (xLen > 0) copyIn(heap, px, x, xLen);
    if (backward && yLen > 0) copyIn(heap, py, y, yLen);
    // tanh and sigmoid are applied here with V8's Math, so the outputs match the JS kernel's bits.
    const transcendental = forward && (act === 3 || act === 4);
    this.#exports.gemm(pa * 8, ars, aks, pb * 8, pc * 8, m, depth, n, epilogue, transcendental ? 0 : act, px * 8, py * 8);
    c.set(this.#view(heap, pc, cLen));
    if (forward) {
      if (act === 3) for (let i = 0; i < cLen; i++) y[i] = Math.tanh(c[i]);
      else if (act === 4) for (let i = 0; i < cLen; i++) y[i] = sigmoid(c[i]);
      else y.set(this.#view(heap, py, yLen));
    }
  }
}

function copyIn(heap: Float64Array, at: number, src: Float64Array, len: number): void {
  heap.set(src.length === len ? src : src.subarray(0, len), at);
}

/** The WebAssembly SIMD kernels, or undefined where this runtime cannot run them. */
export function loadWasmKernels(): Kernels | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) return undefined;
  try {
    const bytes = decodeBase64(GEMM_WASM_BASE64);
    // A runtime without SIMD rejects the module here rather than failing later.
    if (!wasm.validate(bytes)) return undefined;
    const instance = new wasm.Instance(new wasm.Module(bytes), {});
    return new WasmKernels(instance.exports as GemmExports);
  } catch {
    return undefined;
  }
}

let wasmKernels: Kernels | null | undefined;
let chosen: Kernels | undefined;

/** This thread's WebAssembly kernels (one instance, made on first use), or undefined. */
function wasmOnce(): Kernels | undefined {
  if (wasmKernels === undefined) wasmKernels = loadWasmKernels() ?? null;
  return wasmKernels ?? undefined;
}

/** The kernels new networks use: WebAssembly SIMD where it loads, else JavaScript. */
export function defaultKernels(): Kernels {
  chosen ??= wasmOnce() ?? jsKernels;
  return chosen;
}

/**
 * Makes new networks use the named kernels ('wasm-simd' or 'js'), for benchmarks and the tests
 * that compare the two; returns the ones now in use (JavaScript when WebAssembly SIMD is missing).
 */
export function useKernels(name: Kernels['name']): Kernels {
  chosen = name === 'js' ? jsKernels : (wasmOnce() ?? jsKernels);
  return chosen;
}
