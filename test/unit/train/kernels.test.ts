import * as assert from 'node:assert/strict';
import { Activations, type ActivationName } from '../../../src/core/train/activations';
import { createGanTrainer, type GanConfig } from '../../../src/core/train/gan';
import { ActCode, addColumnSums, Epilogue, jsKernels, transpose, type EpilogueCode, type Kernels } from '../../../src/core/train/kernels';
import { Mlp } from '../../../src/core/train/nn';
import { Random } from '../../../src/core/train/random';
import { defaultKernels, loadWasmKernels, useKernels } from '../../../src/core/train/wasmKernels';

/**
 * The plain loops the kernels replace: one dot product per element, summed from k = 0 upwards,
 * then the bias and the activation's own batch loops. The kernels promise these exact bits.
 */
function reference(a: Float64Array, ars: number, aks: number, b: Float64Array, c: Float64Array, m: number, depth: number, n: number, epilogue: EpilogueCode, act: ActivationName, x: Float64Array, y: Float64Array): void {
  for (let r = 0; r < m; r++) {
    for (let o = 0; o < n; o++) {
      let s = 0;
      for (let k = 0; k < depth; k++) s += a[r * ars + k * aks] * b[k * n + o];
      if (epilogue === Epilogue.accumulate) c[r * n + o] += s;
      else c[r * n + o] = s;
    }
  }
  if (epilogue === Epilogue.forward) {
    for (let r = 0; r < m; r++) for (let o = 0; o < n; o++) c[r * n + o] += x[o];
    Activations[act].forward(c, y, m * n);
  } else if (epilogue === Epilogue.backward) {
    Activations[act].backward(x, y, c, m * n);
  }
}

const wasm = loadWasmKernels();
const ACTS = Object.keys(ActCode) as ActivationName[];

function random(rng: Random, n: number): Float64Array {
  return rng.fillNormal(new Float64Array(n));
}

function sameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  assert.equal(actual.length, expected.length, what);
  for (let i = 0; i < actual.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: element ${i} is ${actual[i]}, the reference gives ${expected[i]}`);
  }
}

describe('matrix kernels', () => {
  it('WebAssembly SIMD loads in Node and is the default', () => {
    assert.ok(wasm, 'the WebAssembly SIMD module did not load');
    assert.equal(wasm.name, 'wasm-simd');
    assert.equal(defaultKernels().name, 'wasm-simd');
  });

  it('where WebAssembly SIMD does not validate, no WebAssembly kernels are offered and networks use JavaScript', () => {
    const api = (globalThis as unknown as { WebAssembly: { validate: (b: Uint8Array) => boolean } }).WebAssembly;
    const validate = api.validate;
    let asked = 0;
    api.validate = () => {
      asked++;
      return false;
    };
    try {
      assert.equal(loadWasmKernels(), undefined);
      assert.equal(asked, 1);
      const net = new Mlp([2, 3, 1], ['relu', 'linear'], new Random(1), loadWasmKernels() ?? jsKernels);
      assert.equal(net.kernels, 'js');
    } finally {
      api.validate = validate;
    }
    assert.ok(loadWasmKernels());
  });

  it('a product the WebAssembly memory cannot grow for is computed in JavaScript, with the same bits', () => {
    const proto = (globalThis as unknown as { WebAssembly: { Memory: { prototype: { grow: (pages: number) => number } } } }).WebAssembly.Memory.prototype;
    const grow = proto.grow;
    proto.grow = () => {
      throw new RangeError('WebAssembly.Memory.grow(): Maximum memory size exceeded');
    };
    try {
      // A fresh instance: its memory is empty, so this product needs it to grow.
      const fresh = loadWasmKernels()!;
      const rng = new Random(4);
      const [m, depth, n] = [9, 7, 5];
      const a = random(rng, m * depth);
      const b = random(rng, depth * n);
      const c = new Float64Array(m * n);
      const expected = new Float64Array(m * n);
      fresh.gemm(a, depth, 1, b, c, m, depth, n, Epilogue.store, 0, c, c);
      reference(a, depth, 1, b, expected, m, depth, n, Epilogue.store, 'linear', expected, expected);
      sameBits(c, expected, 'product without memory to grow');
    } finally {
      proto.grow = grow;
    }
  });

  // Shapes around the 4 × 4 block and its remainders, 1-wide layers, and the toys' own.
  const SHAPES: [number, number, number][] = [
    [1, 1, 1], [1, 3, 1], [3, 1, 2], [4, 4, 4], [5, 3, 7], [7, 5, 1], [1, 9, 6], [2, 2, 3],
    [9, 1, 13], [13, 17, 5], [6, 64, 2], [128, 2, 64], [64, 64, 1], [33, 31, 29],
  ];
  const kernels: [string, () => Kernels][] = [
    ['js', () => jsKernels],
    ['wasm-simd', () => wasm!],
  ];
  for (const [name, get] of kernels) {
    it(`${name}: every epilogue and activation gives the reference's exact bits on odd, 1-wide and block-sized shapes`, () => {
      const k = get();
      const rng = new Random(7);
      let checked = 0;
      for (const [m, depth, n] of SHAPES) {
        for (const transposedA of [false, true]) {
          // A as [m][depth], or read through its transpose ([depth][m] in memory).
          const a = random(rng, m * depth);
          const ars = transposedA ? 1 : depth;
          const aks = transposedA ? m : 1;
          const b = random(rng, depth * n);
          for (const epilogue of Object.values(Epilogue)) {
            for (const act of epilogue === Epilogue.forward || epilogue === Epilogue.backward ? ACTS : (['linear'] as ActivationName[])) {
              const start = random(rng, m * n);
              let x = random(rng, epilogue === Epilogue.forward ? n : m * n);
              let y = new Float64Array(m * n);
              if (epilogue === Epilogue.backward) {
                // The layer's own pre-activations and outputs, as a forward pass leaves them.
                y = new Float64Array(m * n);
                Activations[act].forward(x, y, m * n);
              } else if (epilogue !== Epilogue.forward) {
                x = new Float64Array(0);
              }
              const c1 = start.slice();
              const y1 = y.slice();
              const c2 = start.slice();
              const y2 = y.slice();
              k.gemm(a, ars, aks, b, c1, m, depth, n, epilogue, ActCode[act], x, y1);
              reference(a, ars, aks, b, c2, m, depth, n, epilogue, act, x, y2);
              const what = `${name} ${m}x${depth}x${n}${transposedA ? ' (A transposed)' : ''} epilogue ${epilogue} ${act}`;
              sameBits(c1, c2, what);
              sameBits(y1, y2, `${what}, output`);
              checked++;
            }
          }
        }
      }
      assert.ok(checked > 300);
    });
  }

  it('the activation epilogues keep the branches\' NaN, infinities and signed zeros', () => {
    // The JavaScript epilogues pick by index instead of branching on the sign: the picks must give
    // what `v > 0 ? v : 0` and `v > 0 ? v : slope·v` give for every value, not only ordinary ones.
    const special = [NaN, Infinity, -Infinity, 0, -0, 1e-310, -1e-310, 3, -3];
    const m = special.length;
    const n = special.length;
    // depth 1, A = 1s, B = 0s: every sum is +0, so C is the bias (forward) or the starting C (backward).
    const a = new Float64Array(m).fill(1);
    const b = new Float64Array(n);
    for (const k of [jsKernels, wasm!]) {
      for (const act of ['relu', 'leakyRelu'] as ActivationName[]) {
        const bias = Float64Array.from(special);
        const c = new Float64Array(m * n);
        const y = new Float64Array(m * n);
        const cRef = new Float64Array(m * n);
        const yRef = new Float64Array(m * n);
        k.gemm(a, 1, 1, b, c, m, 1, n, Epilogue.forward, ActCode[act], bias, y);
        reference(a, 1, 1, b, cRef, m, 1, n, Epilogue.forward, act, bias, yRef);
        sameBits(y, yRef, `${k.name} ${act} forward of special values`);
        // Backward: the upstream gradient and the pre-activation both run through them.
        const pre = new Float64Array(m * n);
        for (let i = 0; i < m * n; i++) pre[i] = special[i % n];
        const out = new Float64Array(m * n);
        Activations[act].forward(pre, out, m * n);
        const grad = new Float64Array(m * n);
        const gradRef = new Float64Array(m * n);
        const upstream = new Float64Array(m);
        for (let r = 0; r < m; r++) upstream[r] = special[(r * 7) % m];
        // C = A·B with A the upstream values as an m x 1 column and B a row of n ones: C[r][o] =
        // upstream[r], every upstream value meeting every pre-activation.
        const ones = new Float64Array(n).fill(1);
        k.gemm(upstream, 1, 1, ones, grad, m, 1, n, Epilogue.backward, ActCode[act], pre, out);
        reference(upstream, 1, 1, ones, gradRef, m, 1, n, Epilogue.backward, act, pre, out);
        sameBits(grad, gradRef, `${k.name} ${act} backward of special values`);
      }
    }
  });

  it('a product too large for the JavaScript kernel\'s packed panels reads its operands in place, with the same bits', () => {
    const rng = new Random(5);
    // B of 9 x 300 x 124: 124 x 300 = 37,200 numbers, over the 32,768 of the packed panel.
    for (const [m, depth, n] of [[9, 300, 124], [6, 2100, 5]] as [number, number, number][]) {
      const a = random(rng, m * depth);
      const b = random(rng, depth * n);
      const bias = random(rng, n);
      const c = new Float64Array(m * n);
      const out = new Float64Array(m * n);
      const cRef = new Float64Array(m * n);
      const outRef = new Float64Array(m * n);
      jsKernels.gemm(a, depth, 1, b, c, m, depth, n, Epilogue.forward, ActCode.relu, bias, out);
      reference(a, depth, 1, b, cRef, m, depth, n, Epilogue.forward, 'relu', bias, outRef);
      sameBits(c, cRef, `js ${m}x${depth}x${n}`);
      sameBits(out, outRef, `js ${m}x${depth}x${n} output`);
    }
  });

  it('A mostly zeros (a ReLU layer\'s outputs, the gradients back through it): every epilogue keeps the reference\'s bits', () => {
    // The JavaScript kernel sums such rows over their nonzero numbers only (and for ReLU's backward
    // epilogue only the outputs it keeps): exact because a sum that starts at +0 never becomes -0,
    // so +0 and -0 terms change nothing, unless B holds an infinity or a NaN (0 · ∞ is NaN), where
    // it must not skip them. Here: +0, -0 and NaN among A's numbers, and B with and without ∞.
    const rng = new Random(13);
    let checked = 0;
    for (const [m, depth, n] of [[64, 32, 32], [32, 64, 32], [9, 8, 16], [13, 40, 8], [5, 9, 4], [64, 32, 2], [32, 64, 1], [16, 12, 7], [6, 10, 3]] as [number, number, number][]) {
      for (const transposedA of [false, true]) {
        for (const special of ['none', 'nan', 'inf'] as const) {
          const a = random(rng, m * depth);
          for (let i = 0; i < a.length; i++) if (rng.next() < 0.55) a[i] = rng.next() < 0.5 ? 0 : -0;
          if (special === 'nan') a[rng.int(a.length)] = NaN;
          const b = random(rng, depth * n);
          if (special === 'inf') b[rng.int(b.length)] = rng.next() < 0.5 ? Infinity : -Infinity;
          const ars = transposedA ? 1 : depth;
          const aks = transposedA ? m : 1;
          for (const epilogue of Object.values(Epilogue)) {
            for (const act of epilogue === Epilogue.forward || epilogue === Epilogue.backward ? ACTS : (['linear'] as ActivationName[])) {
              const start = random(rng, m * n);
              let x = random(rng, epilogue === Epilogue.forward ? n : m * n);
              const y = new Float64Array(m * n);
              if (epilogue === Epilogue.backward) {
                for (let i = 0; i < x.length; i++) if (rng.next() < 0.1) x[i] = [0, -0, NaN][rng.int(3)];
                Activations[act].forward(x, y, m * n);
              } else if (epilogue !== Epilogue.forward) {
                x = new Float64Array(0);
              }
              const c1 = start.slice();
              const y1 = y.slice();
              const c2 = start.slice();
              const y2 = y.slice();
              jsKernels.gemm(a, ars, aks, b, c1, m, depth, n, epilogue, ActCode[act], x, y1);
              reference(a, ars, aks, b, c2, m, depth, n, epilogue, act, x, y2);
              const what = `js ${m}x${depth}x${n}${transposedA ? ' (A transposed)' : ''} ${special} epilogue ${epilogue} ${act}`;
              sameBits(c1, c2, what);
              sameBits(y1, y2, `${what}, output`);
              checked++;
            }
          }
        }
      }
    }
    assert.ok(checked > 300);
  });

  it('gemmWt reads W [n][depth] in place and gives gemm\'s bits on its transpose', () => {
    const rng = new Random(14);
    for (const [m, depth, n] of [[64, 2, 32], [32, 32, 1], [7, 5, 3], [64, 32, 2], [33, 31, 29], [9, 300, 124]] as [number, number, number][]) {
      const a = random(rng, m * depth);
      for (let i = 0; i < a.length; i += 2) a[i] = 0;
      const w = random(rng, n * depth);
      const wt = new Float64Array(depth * n);
      transpose(w, n, depth, wt);
      const bias = random(rng, n);
      for (const act of ACTS) {
        const [c1, y1, c2, y2] = [0, 1, 2, 3].map(() => new Float64Array(m * n));
        jsKernels.gemmWt!(a, depth, 1, w, c1, m, depth, n, Epilogue.forward, ActCode[act], bias, y1);
        jsKernels.gemm(a, depth, 1, wt, c2, m, depth, n, Epilogue.forward, ActCode[act], bias, y2);
        sameBits(c1, c2, `gemmWt ${m}x${depth}x${n} ${act}`);
        sameBits(y1, y2, `gemmWt ${m}x${depth}x${n} ${act}, output`);
      }
    }
  });

  it('random shapes: both kernels agree with the reference exactly', () => {
    const rng = new Random(11);
    for (let t = 0; t < 60; t++) {
      const m = 1 + rng.int(40);
      const depth = 1 + rng.int(40);
      const n = 1 + rng.int(40);
      const a = random(rng, m * depth);
      const b = random(rng, depth * n);
      const bias = random(rng, n);
      const expected = new Float64Array(m * n);
      const expectedOut = new Float64Array(m * n);
      reference(a, depth, 1, b, expected, m, depth, n, Epilogue.forward, 'leakyRelu', bias, expectedOut);
      for (const k of [jsKernels, wasm!]) {
        const c = new Float64Array(m * n);
        const out = new Float64Array(m * n);
        k.gemm(a, depth, 1, b, c, m, depth, n, Epilogue.forward, ActCode.leakyRelu, bias, out);
        sameBits(c, expected, `${k.name} ${m}x${depth}x${n}`);
        sameBits(out, expectedOut, `${k.name} ${m}x${depth}x${n} output`);
      }
    }
  });
});

describe('the layers\' helper loops', () => {
  it('transpose and addColumnSums give the plain loops\' exact bits on odd, 1-wide and block-sized shapes', () => {
    const rng = new Random(12);
    for (const rows of [1, 2, 3, 4, 5, 8, 13, 32, 64]) {
      for (const cols of [1, 2, 3, 4, 7, 32]) {
        const m = random(rng, rows * cols);
        const t = new Float64Array(rows * cols);
        transpose(m, rows, cols, t);
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) assert.ok(Object.is(t[c * rows + r], m[r * cols + c]), `transpose ${rows}x${cols} at ${r},${c}`);
        const start = random(rng, cols);
        const sums = new Float64Array(start);
        addColumnSums(m, rows, cols, sums);
        // Each column summed from its running value, row 0 first, as the one-element loop does.
        const expected = new Float64Array(start);
        for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) expected[c] += m[r * cols + c];
        sameBits(sums, expected, `addColumnSums ${rows}x${cols}`);
      }
    }
  });
});

describe('JavaScript and WebAssembly paths step by step', () => {
  afterEach(() => useKernels('wasm-simd'));

  it('an MLP gives the same outputs, input gradients and parameter gradients on both', () => {
    const nets = (['js', 'wasm-simd'] as const).map((name) => {
      useKernels(name);
      return new Mlp([3, 9, 1, 6, 2], ['tanh', 'leakyRelu', 'sigmoid', 'linear'], new Random(5));
    });
    assert.deepEqual(nets.map((n) => n.kernels), ['js', 'wasm-simd']);
    const rng = new Random(6);
    for (const batch of [1, 5, 16]) {
      const input = random(rng, batch * 3);
      const gradOut = random(rng, batch * 2);
      const results = nets.map((net) => {
        net.zeroGrad();
        const out = net.forward(input, batch).slice();
        const dIn = net.backward(gradOut, batch, true)!.slice();
        const single = new Mlp([3, 5, 1], ['tanh', 'linear'], new Random(2), net.kernels === 'js' ? jsKernels : wasm!);
        const penalty = single.gradientPenalty(input, batch, 10);
        return { out, dIn, grads: net.grads.slice(), penalty, penaltyGrads: single.grads.slice() };
      });
      sameBits(results[1].out, results[0].out, `forward, batch ${batch}`);
      sameBits(results[1].dIn, results[0].dIn, `input gradient, batch ${batch}`);
      sameBits(results[1].grads, results[0].grads, `parameter gradients, batch ${batch}`);
      assert.ok(Object.is(results[1].penalty, results[0].penalty), `gradient penalty, batch ${batch}`);
      sameBits(results[1].penaltyGrads, results[0].penaltyGrads, `gradient penalty's gradients, batch ${batch}`);
    }
  });

  const configs: [string, Partial<GanConfig>][] = [
    ['the default GAN', {}],
    ['WGAN-GP with tanh layers', { loss: 'wgan-gp', generatorActivation: 'tanh', discriminatorActivation: 'tanh', batchSize: 30, pack: 1 }],
  ];
  for (const [what, config] of configs) {
    it(`${what}: the same seed gives the same run, step by step`, () => {
      const trainers = (['js', 'wasm-simd'] as const).map((name) => {
        useKernels(name);
        return createGanTrainer({ ...config, seed: 3 });
      });
      for (let s = 0; s < 40; s++) {
        trainers.forEach((t) => t.step(1));
        sameBits(trainers[1].samples(), trainers[0].samples(), `${what}, samples after step ${s + 1}`);
        const [a, b] = trainers.map((t) => t.snapshot({ samples: 16, heatmap: 4, manifold: 2, metrics: false }));
        assert.ok(Object.is(a.lossD, b.lossD) && Object.is(a.lossG, b.lossG), `${what}, losses after step ${s + 1}`);
      }
    });
  }
});
