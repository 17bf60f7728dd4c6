/**
 * A small multi-layer perceptron on Float64Array with hand-written backprop, in the manner of
 * tensorflow/playground's nn.ts but batched: a batch is a row-major matrix (one row per sample),
 * every layer is a few tight loops over it, and the buffers of each batch size are allocated once.
 *
 * Layer l maps sizes[l] inputs to sizes[l+1] outputs: A_l = H_l W_lᵀ + b_l, H_{l+1} = f_l(A_l),
 * with H_0 the input. W_l is stored row-major as [sizes[l+1]][sizes[l]] (one row per output). Every
 * product is one call of the kernel in kernels.ts (WebAssembly SIMD where it loads, see
 * wasmKernels.ts), with the bias and activation fused into the forward product and f' into the
 * backward one; the forward pass reads W in place where the kernels can (JavaScript), else a
 * transposed copy of W made at its start. All weights live in one vector `params` (and their
 * gradients in `grads`) so an optimizer is one loop.
 */
import { activation as activationOf, type Activation, type ActivationName } from './activations';
import { ActCode, addColumnSums, Epilogue, transpose, type Kernels } from './kernels';
import type { Random } from './random';
import { defaultKernels } from './wasmKernels';

/** Per batch size: every intermediate the backward passes need, allocated once. */
interface Workspace {
  readonly batch: number;
  /** The input of the last forward pass (the caller's array, not copied). */
  input: Float64Array;
  /** Pre-activations A_l, one per layer. */
  readonly pre: Float64Array[];
  /** Outputs H_{l+1} = f_l(A_l), one per layer. */
  readonly out: Float64Array[];
  /** dLoss/dA_l, one per layer. */
  readonly dPre: Float64Array[];
  /** dLoss/dH_0, the gradient with respect to the input. */
  readonly dInput: Float64Array;
  /** Buffers of the gradient penalty's double backprop, made on its first use. */
  gp?: PenaltyWorkspace;
}

interface PenaltyWorkspace {
  /** G_l = f_l'(A_l) ⊙ M_{l+1}: d(output)/dA_l. */
  readonly g: Float64Array[];
  /** M_l = G_l W_l: d(output)/dH_l; M_0 is the gradient with respect to the input. */
  readonly m: Float64Array[];
  /** f_l'(A_l). */
  readonly d1: Float64Array[];
  /** Adjoints of G_l and M_l (dPenalty/dG_l, dPenalty/dM_l). */
  readonly gBar: Float64Array[];
  readonly mBar: Float64Array[];
  /** dPenalty/dA_l through the second-derivative path. */
  readonly aBar: Float64Array[];
  readonly hBar: Float64Array[];
}

/** He normal (ReLU family) or Glorot normal (tanh, sigmoid, linear) weights; biases 0. */
function initScale(fanIn: number, fanOut: number, act: Activation): number {
  return act.name === 'relu' || act.name === 'leakyRelu' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut));
}

/** A fully connected network: sizes [in, hidden..., out], one activation per layer. */
export class Mlp {
  /** Layer widths, input first. */
  readonly sizes: readonly number[];
  /** The activation of each layer (sizes.length - 1 of them). */
  readonly activations: readonly Activation[];
  /** Every weight and bias, layer by layer (W_l as [out][in], then b_l). */
  readonly params: Float64Array;
  /** Gradients, laid out like `params`; backward passes add into them. */
  readonly grads: Float64Array;
  readonly #w: Float64Array[] = [];
  readonly #b: Float64Array[] = [];
  readonly #gw: Float64Array[] = [];
  readonly #gb: Float64Array[] = [];
  /** Transposed weights [in][out], refreshed at the start of each forward pass. */
  readonly #wt: Float64Array[] = [];
  /** The activations' numbers for the kernel's fused epilogues. */
  readonly #act: number[];
  readonly #kernels: Kernels;
  readonly #workspaces = new Map<number, Workspace>();

  /**
   * @param sizes widths from input to output, each a positive integer
   * @param activations one name per layer, or one name for the hidden layers and a second for the output
   * @param kernels the matrix kernels (by default WebAssembly SIMD where it loads, else JavaScript)
   */
  constructor(sizes: readonly number[], activations: readonly ActivationName[], rng: Random, kernels: Kernels = defaultKernels()) {
    if (sizes.length < 2) throw new RangeError(`an MLP needs at least an input and an output size, got [${sizes.join(', ')}]`);
    for (const s of sizes) if (!Number.isInteger(s) || s < 1) throw new RangeError(`layer sizes must be positive integers, got [${sizes.join(', ')}]`);
    const layers = sizes.length - 1;
    let acts: readonly ActivationName[];
    if (activations.length === layers) acts = activations;
    else if (activations.length === 2) acts = [...Array<ActivationName>(layers - 1).fill(activations[0]), activations[1]];
    else throw new RangeError(`expected ${layers} activations (or hidden + output), got ${activations.length}`);
    this.sizes = [...sizes];
    this.activations = acts.map(activationOf);
    this.#act = this.activations.map((a) => ActCode[a.name]);
    this.#kernels = kernels;
    let n = 0;
    for (let l = 0; l < layers; l++) n += sizes[l] * sizes[l + 1] + sizes[l + 1];
    this.params = new Float64Array(n);
    this.grads = new Float64Array(n);
    let at = 0;
    for (let l = 0; l < layers; l++) {
      const nw = sizes[l] * sizes[l + 1];
      this.#w.push(this.params.subarray(at, at + nw));
      this.#gw.push(this.grads.subarray(at, at + nw));
      at += nw;
      this.#b.push(this.params.subarray(at, at + sizes[l + 1]));
      this.#gb.push(this.grads.subarray(at, at + sizes[l + 1]));
      at += sizes[l + 1];
      this.#wt.push(new Float64Array(nw));
      const scale = initScale(sizes[l], sizes[l + 1], this.activations[l]);
      const w = this.#w[l];
      for (let i = 0; i < nw; i++) w[i] = scale * rng.normal();
    }
  }

  /** Which kernels this network computes with. */
  get kernels(): Kernels['name'] {
    return this.#kernels.name;
  }

  /** Number of inputs per sample. */
  get inputSize(): number {
    return this.sizes[0];
  }

  /** Number of outputs per sample. */
  get outputSize(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** Sets every gradient to zero (backward passes accumulate). */
  zeroGrad(): void {
    this.grads.fill(0);
  }

  /** Copies another network's weights (same sizes) into this one. */
  copyFrom(other: Mlp): void {
    if (other.params.length !== this.params.length) throw new RangeError(`cannot copy ${other.params.length} parameters into ${this.params.length}`);
    this.params.set(other.params);
  }

  #workspace(batch: number): Workspace {
    let ws = this.#workspaces.get(batch);
    if (!ws) {
      const L = this.sizes.length - 1;
      const per = (k: number) => Array.from({ length: L }, (_, l) => new Float64Array(batch * this.sizes[l + k]));
      ws = { batch, input: new Float64Array(0), pre: per(1), out: per(1), dPre: per(1), dInput: new Float64Array(batch * this.sizes[0]) };
      // Bounded, so a panel that tries many batch sizes does not keep them all.
      if (this.#workspaces.size >= 8) this.#workspaces.clear();
      this.#workspaces.set(batch, ws);
    }
    return ws;
  }

  #checkBatch(what: string, data: Float64Array, batch: number, width: number): void {
    if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`${what}: batch size must be a positive integer, got ${batch}`);
    if (data.length !== batch * width) {
      throw new RangeError(`${what}: expected ${batch} x ${width} = ${batch * width} numbers, got ${data.length}`);
    }
  }

  #refreshTransposes(): void {
    for (let l = 0; l < this.#w.length; l++) transpose(this.#w[l], this.sizes[l + 1], this.sizes[l], this.#wt[l]);
  }

  /**
   * The outputs for a batch (row-major [batch][inputSize]). The returned array is this network's
   * buffer for that batch size: read it before the next forward pass of the same size. `input`
   * must stay unchanged until the matching backward pass.
   */
  forward(input: Float64Array, batch: number): Float64Array {
    this.#checkBatch('forward', input, batch, this.sizes[0]);
    const ws = this.#workspace(batch);
    ws.input = input;
    const kern = this.#kernels;
    // Kernels that read Wᵀ where it lies (the JavaScript ones) need no transposed copy.
    const direct = kern.gemmWt !== undefined;
    if (!direct) this.#refreshTransposes();
    let h = input;
    for (let l = 0; l < this.activations.length; l++) {
      const nIn = this.sizes[l];
      const nOut = this.sizes[l + 1];
      // A_l = H_l W_lᵀ + b_l and H_{l+1} = f_l(A_l) in one call.
      if (direct) kern.gemmWt!(h, nIn, 1, this.#w[l], ws.pre[l], batch, nIn, nOut, Epilogue.forward, this.#act[l], this.#b[l], ws.out[l]);
      else kern.gemm(h, nIn, 1, this.#wt[l], ws.pre[l], batch, nIn, nOut, Epilogue.forward, this.#act[l], this.#b[l], ws.out[l]);
      h = ws.out[l];
    }
    return h;
  }

  /**
   * Backprop of the last forward pass of this batch size. `gradOutput` is dLoss/dOutput
   * ([batch][outputSize]); parameter gradients are added into `grads` unless `params` is false
   * (as when a generator only needs the gradient through a frozen discriminator). Returns
   * dLoss/dInput (this network's buffer) when `wantInput` is true, else undefined.
   */
  backward(gradOutput: Float64Array, batch: number, wantInput = false, params = true): Float64Array | undefined {
    this.#checkBatch('backward', gradOutput, batch, this.outputSize);
    const ws = this.#workspaces.get(batch);
    if (!ws || ws.input.length === 0) throw new Error(`backward: no forward pass of batch ${batch} to go back through`);
    const kern = this.#kernels;
    const L = this.activations.length;
    let d = ws.dPre[L - 1];
    d.set(gradOutput);
    this.activations[L - 1].backward(ws.pre[L - 1], ws.out[L - 1], d, batch * this.outputSize);
    for (let l = L - 1; l >= 0; l--) {
      const nIn = this.sizes[l];
      const nOut = this.sizes[l + 1];
      const h = l === 0 ? ws.input : ws.out[l - 1];
      if (params) {
        // dW[o][i] += Σ_r dA[r][o] H[r][i]: dAᵀ read in place through its strides.
        kern.gemm(d, 1, nOut, h, this.#gw[l], nOut, batch, nIn, Epilogue.accumulate, 0, d, d);
        addColumnSums(d, batch, nOut, this.#gb[l]);
      }
      if (l === 0 && !wantInput) break;
      if (l === 0) {
        // dH[r][i] = Σ_o dA[r][o] W[o][i].
        kern.gemm(d, nOut, 1, this.#w[l], ws.dInput, batch, nOut, nIn, Epilogue.store, 0, d, d);
      } else {
        // The same, times f'(A_{l-1}): dLoss/dA_{l-1} in one call.
        const dh = ws.dPre[l - 1];
        kern.gemm(d, nOut, 1, this.#w[l], dh, batch, nOut, nIn, Epilogue.backward, this.#act[l - 1], ws.pre[l - 1], ws.out[l - 1]);
        d = dh;
      }
    }
    return wantInput ? ws.dInput : undefined;
  }

  /**
   * The gradient penalty of WGAN-GP (Gulrajani et al. 2017) at the given points:
   * P = λ/B Σ_r (‖∇_x f(x_r)‖ - target)², for a network with one output. Adds dP/dθ into `grads`
   * and returns P.
   *
   * It is exact, without finite differences: a double backprop derived by hand. The input
   * gradient comes from a backward pass written as a forward computation,
   *   M_L = 1,  G_l = f_l'(A_l) ⊙ M_{l+1},  M_l = G_l W_l,  ∇_x f = M_0,
   * and P is then differentiated through it in reverse (l = 0 up to L-1):
   *   Ḡ_l = M̄_l W_lᵀ,  W̄_l += G_lᵀ M̄_l,  M̄_{l+1} = Ḡ_l ⊙ f_l'(A_l),
   *   Ā_l = Ḡ_l ⊙ f_l''(A_l) ⊙ M_{l+1},
   * and the Ā_l (zero for ReLU, leaky ReLU and linear layers) go back through the ordinary
   * forward graph A_l = H_l W_lᵀ + b_l, H_l = f_{l-1}(A_{l-1}) into W̄ and b̄.
   *
   * With `target` 0 this is R1 (Mescheder et al. 2018) when the points are real samples. Pass
   * `reuseForward` when the last forward pass of this batch size was on these same points, to
   * save running it again.
   */
  gradientPenalty(input: Float64Array, batch: number, lambda: number, target = 1, reuseForward = false): number {
    if (this.outputSize !== 1) throw new RangeError(`gradientPenalty: needs a network with one output, this one has ${this.outputSize}`);
    const existing = this.#workspaces.get(batch);
    if (!reuseForward || !existing || existing.input !== input) {
      this.forward(input, batch);
      return this.gradientPenalty(input, batch, lambda, target, true);
    }
    const ws = existing;
    const L = this.activations.length;
    const sizes = this.sizes;
    if (!ws.gp) {
      const per = (k: number) => Array.from({ length: L }, (_, l) => new Float64Array(batch * sizes[l + k]));
      ws.gp = { g: per(1), m: [...per(0), new Float64Array(batch)], d1: per(1), gBar: per(1), mBar: [...per(0), new Float64Array(batch)], aBar: per(1), hBar: per(1) };
    }
    const { g, m, d1, gBar, mBar, aBar, hBar } = ws.gp;
    const gb0 = gBar[0];
    const kern = this.#kernels;
    this.#refreshTransposes();
    // The backward graph's values.
    m[L].fill(1);
    for (let l = L - 1; l >= 0; l--) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      const n = batch * nOut;
      this.activations[l].derivative(ws.pre[l], ws.out[l], d1[l], n);
      const gl = g[l];
      const mNext = m[l + 1];
      const dl = d1[l];
      for (let i = 0; i < n; i++) gl[i] = dl[i] * mNext[i];
      // M_l[r][i] = Σ_o G_l[r][o] W_l[o][i].
      kern.gemm(gl, nOut, 1, this.#w[l], m[l], batch, nOut, nIn, Epilogue.store, 0, gl, gl);
    }
    // The penalty and its adjoint with respect to the input gradient M_0.
    const n0 = sizes[0];
    const u = m[0];
    const uBar = mBar[0];
    let penalty = 0;
    for (let r = 0; r < batch; r++) {
      let sq = 0;
      for (let i = 0; i < n0; i++) sq += u[r * n0 + i] * u[r * n0 + i];
      const norm = Math.sqrt(sq);
      const gap = norm - target;
      penalty += gap * gap;
      // d(gap²)/du = 2 gap u/‖u‖; at ‖u‖ = 0 the norm has no gradient (and with target 0 the
      // gradient of ‖u‖² is 0 there too).
      const c = norm > 0 ? (2 * lambda * gap) / (batch * norm) : 0;
      for (let i = 0; i < n0; i++) uBar[r * n0 + i] = c * u[r * n0 + i];
    }
    penalty = (lambda * penalty) / batch;
    // Reverse through the backward graph.
    let second = false;
    for (let l = 0; l < L; l++) {
      const nIn = sizes[l];
      const nOut = sizes[l + 1];
      const n = batch * nOut;
      // Ḡ_l[r][o] = Σ_i M̄_l[r][i] W_l[o][i].
      kern.gemm(mBar[l], nIn, 1, this.#wt[l], gBar[l], batch, nIn, nOut, Epilogue.store, 0, gb0, gb0);
      // W̄_l[o][i] += Σ_r G_l[r][o] M̄_l[r][i].
      kern.gemm(g[l], 1, nOut, mBar[l], this.#gw[l], nOut, batch, nIn, Epilogue.accumulate, 0, gb0, gb0);
      const gb = gBar[l];
      const dl = d1[l];
      const mNextBar = mBar[l + 1];
      for (let i = 0; i < n; i++) mNextBar[i] = gb[i] * dl[i];
      const act = this.activations[l];
      if (!act.piecewiseLinear) {
        second = true;
        const pre = ws.pre[l];
        const mNext = m[l + 1];
        const ab = aBar[l];
        for (let i = 0; i < n; i++) ab[i] = gb[i] * act.der2(pre[i]) * mNext[i];
      } else {
        aBar[l].fill(0, 0, n);
      }
    }
    // Second-derivative terms back through the forward graph (skipped when every f'' is zero).
    if (second) {
      for (let l = L - 1; l >= 0; l--) {
        const nIn = sizes[l];
        const nOut = sizes[l + 1];
        const ab = aBar[l];
        const h = l === 0 ? ws.input : ws.out[l - 1];
        kern.gemm(ab, 1, nOut, h, this.#gw[l], nOut, batch, nIn, Epilogue.accumulate, 0, ab, ab);
        addColumnSums(ab, batch, nOut, this.#gb[l]);
        if (l === 0) break;
        const hb = hBar[l - 1];
        kern.gemm(ab, nOut, 1, this.#w[l], hb, batch, nOut, nIn, Epilogue.store, 0, ab, ab);
        const prev = aBar[l - 1];
        const dPrev = d1[l - 1];
        for (let i = 0; i < batch * nIn; i++) prev[i] += hb[i] * dPrev[i];
      }
    }
    return penalty;
  }

  /** Multiply-adds of one forward pass per sample (backward costs about twice that). */
  get macsPerSample(): number {
    let n = 0;
    for (let l = 0; l + 1 < this.sizes.length; l++) n += this.sizes[l] * this.sizes[l + 1];
    return n;
  }
}
