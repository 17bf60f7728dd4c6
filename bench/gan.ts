/**
 * The toy GAN's step against the same networks in tfjs, in the same process. Every line alternates
 * ours and the baseline in short windows (the order flipped each round, so drift on a shared
 * machine falls on both) and reports medians over ROUNDS rounds: the per-round ratio's median, and
 * each side's median time. Baselines, both @tensorflow dev dependencies of this benchmark only (the
 * extension never loads them), built as a tfjs user would: tfjs's own gradients
 * (register_all_gradients, bundled by esbuild), Adam from tf.train, float32.
 * - gan-step-small: GAN Lab's default size (one hidden layer of 8 ReLU units in G and D, batch
 *   150, 2 D steps + 1 G step, Adam) vs tfjs-core CPU. Target: at least 20x.
 * - gan-step-default: our ring8 default (DEFAULT_GAN_CONFIG) vs tfjs-core CPU. Target: at least 15x.
 * - gan-step-wasm-baseline: the ring8 default vs tfjs's WebAssembly backend (SIMD, one thread;
 *   its .wasm files from the npm package through setWasmPaths). Target: at least 3x.
 * - gan-flops / gan-flops-js: the arithmetic rate of a default step (dense multiply-adds counted
 *   as 2 flops), on the WebAssembly SIMD kernels and on the JavaScript fallback, against a
 *   4 x 4 register-blocked Float64Array matmul (C = A Bᵀ, sixteen sums) on the step's own
 *   shapes. Targets: at least 2x with WebAssembly SIMD, at least 1.0x in JavaScript. The count is
 *   dense: the JavaScript kernels skip the exact zeros of A that ReLU layers leave (the generator's
 *   products; the same bits), so their rate counts multiply-adds they did not do; the reference
 *   does every one.
 * Both sides draw real samples from the same data set, use the same loss (non-saturating, with
 * PacGAN packing and the weight average where the config has them) and Adam. tfjs computes in
 * float32, we in float64. The learning-rate schedule is left out of the tfjs side: it costs nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { dirname, join } from 'node:path';
import { dataset } from '../src/core/train/datasets';
import { createGanTrainer, DEFAULT_GAN_CONFIG, type GanConfig } from '../src/core/train/gan';
import type { Kernels } from '../src/core/train/kernels';
import { Random } from '../src/core/train/random';
import { useKernels } from '../src/core/train/wasmKernels';

/** Rounds of every alternating comparison (the issue asks for at least 5). */
const ROUNDS = 7;

const SMALL: Partial<GanConfig> = {
  generatorHidden: [8],
  discriminatorHidden: [8],
  generatorActivation: 'relu',
  discriminatorActivation: 'relu',
  batchSize: 150,
  dSteps: 2,
  optimizer: 'adam',
  pack: 1,
  emaDecay: 0,
  gradientPenalty: 0,
  lrDecay: 'none',
};

function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Milliseconds per call of `f`, over a window of at least `ms`. */
function window(f: () => void, ms: number): number {
  let calls = 0;
  const start = now();
  let t = start;
  while (t - start < ms) {
    f();
    calls++;
    t = now();
  }
  return (t - start) / calls;
}

interface Alternation {
  /** Median milliseconds per call of ours and of the baseline. */
  readonly ours: number;
  readonly base: number;
  /** Median over rounds of base / ours. */
  readonly ratio: number;
}

/** ours and base timed in turns, ROUNDS rounds of one window each, the order flipped each round. */
function alternate(ours: () => void, base: () => void, windowMs: number): Alternation {
  const o: number[] = [];
  const b: number[] = [];
  const r: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let to: number;
    let tb: number;
    if (round % 2 === 0) {
      to = window(ours, windowMs);
      tb = window(base, windowMs);
    } else {
      tb = window(base, windowMs);
      to = window(ours, windowMs);
    }
    o.push(to);
    b.push(tb);
    r.push(tb / to);
  }
  return { ours: median(o), base: median(b), ratio: median(r) };
}

/** One step of our trainer on the given kernels, warmed up. */
function oursStep(config: Partial<GanConfig>, kernels: Kernels['name'], warm: number): () => void {
  const used = useKernels(kernels);
  if (used.name !== kernels) throw new Error(`benchmark: wanted the ${kernels} kernels, have ${used.name}`);
  const t = createGanTrainer({ ...config, steps: 1e6 });
  t.step(warm);
  return () => {
    t.step(1);
    if (t.diverged) throw new Error(`benchmark run diverged: ${t.diverged}`);
  };
}

type Act = (x: tf.Tensor) => tf.Tensor;

function activationOf(name: GanConfig['generatorActivation']): Act {
  switch (name) {
    case 'relu':
      return (x) => tf.relu(x);
    case 'leakyRelu':
      return (x) => tf.leakyRelu(x, 0.2);
    case 'tanh':
      return (x) => tf.tanh(x);
    case 'sigmoid':
      return (x) => tf.sigmoid(x);
    case 'linear':
      return (x) => x;
  }
}

interface TfNet {
  readonly vars: tf.Variable[];
  apply(x: tf.Tensor): tf.Tensor;
}

function tfMlp(sizes: number[], act: Act): TfNet {
  const vars: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    vars.push(tf.variable(tf.randomNormal([sizes[l], sizes[l + 1]], 0, Math.sqrt(2 / sizes[l])), true));
    vars.push(tf.variable(tf.zeros([sizes[l + 1]]), true));
  }
  return {
    vars,
    apply(x) {
      let h = x;
      for (let l = 0; l < vars.length / 2; l++) {
        h = tf.add(tf.matMul(h, vars[2 * l]), vars[2 * l + 1]);
        if (l + 1 < vars.length / 2) h = act(h);
      }
      return h;
    },
  };
}

/** One step of the same GAN in tfjs on its current backend, warmed up. */
function tfjsStep(partial: Partial<GanConfig>, warm: number): () => void {
  const c = { ...DEFAULT_GAN_CONFIG, ...partial };
  const data = dataset(c.dataset);
  const rng = new Random(c.seed);
  const g = tfMlp([c.latentDim, ...c.generatorHidden, data.dim], activationOf(c.generatorActivation));
  const d = tfMlp([data.dim * c.pack, ...c.discriminatorHidden, 1], activationOf(c.discriminatorActivation));
  const ema = c.emaDecay > 0 ? g.vars.map((v) => tf.variable(v.clone(), false)) : [];
  const optG = tf.train.adam(c.learningRateG, c.beta1, c.beta2, 1e-8);
  const optD = tf.train.adam(c.learningRateD, c.beta1, c.beta2, 1e-8);
  const B = c.batchSize;
  const bp = B / c.pack;
  const realBuf = new Float64Array(B * data.dim);
  const packed = (x: tf.Tensor) => tf.reshape(x, [bp, data.dim * c.pack]);
  const step = () => {
    for (let k = 0; k < c.dSteps; k++) {
      data.sample(rng, realBuf, B);
      tf.tidy(() => {
        const real = tf.tensor2d(Float32Array.from(realBuf), [bp, data.dim * c.pack]);
        const z = tf.randomNormal([B, c.latentDim]);
        const fake = packed(g.apply(z));
        const { grads } = tf.variableGrads(() => tf.add(tf.mean(tf.softplus(tf.neg(d.apply(real)))), tf.mean(tf.softplus(d.apply(fake)))) as tf.Scalar, d.vars);
        optD.applyGradients(grads as Parameters<typeof optD.applyGradients>[0]);
      });
    }
    tf.tidy(() => {
      const z = tf.randomNormal([B, c.latentDim]);
      const { grads } = tf.variableGrads(() => tf.mean(tf.softplus(tf.neg(d.apply(packed(g.apply(z)))))) as tf.Scalar, g.vars);
      optG.applyGradients(grads as Parameters<typeof optG.applyGradients>[0]);
      ema.forEach((e, i) => e.assign(tf.add(tf.mul(e, c.emaDecay), tf.mul(g.vars[i], 1 - c.emaDecay))));
    });
  };
  for (let i = 0; i < warm; i++) step();
  return step;
}

/** [m, k, n] of every dense matrix product in one step, by the same count as flopsPerStep. */
function stepShapes(c: GanConfig): [number, number, number][] {
  const dim = dataset(c.dataset).dim;
  const gs = [c.latentDim, ...c.generatorHidden, dim];
  const ds = [dim * c.pack, ...c.discriminatorHidden, 1];
  const bp = c.batchSize / c.pack;
  const layers = (sizes: number[], batch: number, times: number) => {
    const out: [number, number, number][] = [];
    for (let t = 0; t < times; t++) for (let l = 0; l + 1 < sizes.length; l++) out.push([batch, sizes[l], sizes[l + 1]]);
    return out;
  };
  const dStep = [...layers(gs, c.batchSize, 1), ...layers(ds, bp, 6)];
  const gStep = [...layers(gs, c.batchSize, 3), ...layers(ds, bp, 2)];
  return [...Array.from({ length: c.dSteps }, () => dStep).flat(), ...gStep];
}

/**
 * C = A Bᵀ (A [m][k], B [n][k], both read along contiguous rows) with a 4 x 4 block of C in sixteen
 * local sums: the FLOP reference, a well-blocked matmul in plain JavaScript, written here apart
 * from the trainer's kernels so that it measures them rather than itself.
 */
function blocked4x4(a: Float64Array, b: Float64Array, c: Float64Array, m: number, k: number, n: number): void {
  let r = 0;
  for (; r + 4 <= m; r += 4) {
    const a0 = r * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
    let o = 0;
    for (; o + 4 <= n; o += 4) {
      const b0 = o * k, b1 = b0 + k, b2 = b1 + k, b3 = b2 + k;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
      for (let i = 0; i < k; i++) {
        const x0 = a[a0 + i], x1 = a[a1 + i], x2 = a[a2 + i], x3 = a[a3 + i];
        const w0 = b[b0 + i], w1 = b[b1 + i], w2 = b[b2 + i], w3 = b[b3 + i];
        s00 += x0 * w0; s01 += x0 * w1; s02 += x0 * w2; s03 += x0 * w3;
        s10 += x1 * w0; s11 += x1 * w1; s12 += x1 * w2; s13 += x1 * w3;
        s20 += x2 * w0; s21 += x2 * w1; s22 += x2 * w2; s23 += x2 * w3;
        s30 += x3 * w0; s31 += x3 * w1; s32 += x3 * w2; s33 += x3 * w3;
      }
      const c0 = r * n + o, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
      c[c0] = s00; c[c0 + 1] = s01; c[c0 + 2] = s02; c[c0 + 3] = s03;
      c[c1] = s10; c[c1 + 1] = s11; c[c1 + 2] = s12; c[c1 + 3] = s13;
      c[c2] = s20; c[c2 + 1] = s21; c[c2 + 2] = s22; c[c2 + 3] = s23;
      c[c3] = s30; c[c3 + 1] = s31; c[c3 + 2] = s32; c[c3 + 3] = s33;
    }
    for (; o < n; o++) {
      const b0 = o * k;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let i = 0; i < k; i++) {
        const w = b[b0 + i];
        s0 += a[a0 + i] * w; s1 += a[a1 + i] * w; s2 += a[a2 + i] * w; s3 += a[a3 + i] * w;
      }
      c[r * n + o] = s0; c[(r + 1) * n + o] = s1; c[(r + 2) * n + o] = s2; c[(r + 3) * n + o] = s3;
    }
  }
  for (; r < m; r++) {
    for (let o = 0; o < n; o++) {
      let s = 0;
      for (let i = 0; i < k; i++) s += a[r * k + i] * b[o * k + i];
      c[r * n + o] = s;
    }
  }
}

/** Every product of one step's shapes through the 4 x 4 reference, and the flops that is. */
function referenceMatmuls(shapes: [number, number, number][]): { readonly run: () => void; readonly flops: number } {
  const rng = new Random(1);
  const bufs = shapes.map(([m, k, n]) => ({ m, k, n, a: rng.fillNormal(new Float64Array(m * k)), b: rng.fillNormal(new Float64Array(n * k)), c: new Float64Array(m * n) }));
  return { run: () => bufs.forEach(({ m, k, n, a, b, c }) => blocked4x4(a, b, c, m, k, n)), flops: shapes.reduce((s, [m, k, n]) => s + 2 * m * k * n, 0) };
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}

function line(name: string, a: Alternation, baseName: string, target: string, note: string): void {
  console.log(`${name}: ${fmt(a.ours)} ms/step vs ${baseName} ${fmt(a.base)} ms/step = ${a.ratio.toFixed(1)}x  (target ${target}; median of ${ROUNDS} alternating rounds; ${note})`);
}

async function main(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  const c = resolve();
  const defaultNote = `G ${c.latentDim}-${c.generatorHidden.join('-')}-2, D ${2 * c.pack}-${c.discriminatorHidden.join('-')}-1, batch ${c.batchSize}, pack ${c.pack}`;

  line('gan-step-small', alternate(oursStep(SMALL, 'wasm-simd', 300), tfjsStep(SMALL, 20), 300), 'tfjs-core CPU', '>= 20x', 'G and D 2-8-{2,1} ReLU, batch 150, 2 D + 1 G steps, Adam');
  const cpu = alternate(oursStep(DEFAULT_GAN_CONFIG, 'wasm-simd', 50), tfjsStep(DEFAULT_GAN_CONFIG, 5), 400);
  line('gan-step-default', cpu, 'tfjs-core CPU', '>= 15x', defaultNote);
  line('gan-step-default-js', alternate(oursStep(DEFAULT_GAN_CONFIG, 'js', 50), tfjsStep(DEFAULT_GAN_CONFIG, 5), 400), 'tfjs-core CPU', 'none; the JavaScript fallback', defaultNote);

  // tfjs's WebAssembly backend, SIMD, one thread: the .wasm files of its npm package.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/');
  if (!(await tf.setBackend('wasm')) || !(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'))) throw new Error('benchmark: tfjs WebAssembly SIMD backend did not start');
  line('gan-step-wasm-baseline', alternate(oursStep(DEFAULT_GAN_CONFIG, 'wasm-simd', 50), tfjsStep(DEFAULT_GAN_CONFIG, 10), 400), 'tfjs WebAssembly SIMD', '>= 3x', defaultNote);
  line('gan-step-small-wasm-baseline', alternate(oursStep(SMALL, 'wasm-simd', 300), tfjsStep(SMALL, 20), 300), 'tfjs WebAssembly SIMD', 'none', 'GAN Lab\'s size');

  const flops = createGanTrainer().flopsPerStep;
  const ref = referenceMatmuls(stepShapes(c));
  if (Math.abs(ref.flops - flops) > 1e-6 * flops) throw new Error(`benchmark: the reference's ${ref.flops} flops are not the step's ${flops}`);
  for (const [name, kernels, target] of [['gan-flops', 'wasm-simd', '>= 2x'], ['gan-flops-js', 'js', '>= 1.0x']] as const) {
    const a = alternate(oursStep(DEFAULT_GAN_CONFIG, kernels, 50), ref.run, 300);
    const gf = (ms: number) => flops / (ms / 1000) / 1e9;
    console.log(`${name}: ${fmt(gf(a.ours))} GFLOP/s vs a 4x4 register-blocked JS matmul on the step's shapes ${fmt(gf(a.base))} GFLOP/s = ${a.ratio.toFixed(2)}x  (target ${target}; ${kernels} kernels; ${(flops / 1e6).toFixed(2)} MFLOP a default step, dense count)`);
  }
  console.log(`gan-default-steps-per-second: ${fmt(1000 / cpu.ours)} steps/s (${DEFAULT_GAN_CONFIG.steps} steps: ${((DEFAULT_GAN_CONFIG.steps * cpu.ours) / 1000).toFixed(1)} s)`);
}

function resolve(): GanConfig {
  return createGanTrainer().config;
}

void main();
