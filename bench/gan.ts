/**
 * The toy GAN's step against the same networks on @tensorflow/tfjs-core's CPU backend, in the same
 * run (a dev-dependency of this benchmark only; the extension never loads it):
 * - gan-step-small: GAN Lab's default size (one hidden layer of 8 ReLU units in G and D, batch
 *   150, 2 D steps + 1 G step, Adam). Target: at least 10x.
 * - gan-step-default: our ring8 default (DEFAULT_GAN_CONFIG). Target: at least 3x.
 * - gan-flops: the arithmetic rate of a default step (dense multiply-adds counted as 2 flops)
 *   against a plain triple-loop Float64Array matrix multiply of the same shapes. Target: >= 0.5x.
 * Both sides draw real samples from the same data set, use the same loss (non-saturating, with
 * PacGAN packing and the weight average where the config has them) and Adam. tfjs computes in
 * float32, we in float64. The learning-rate schedule is left out of the tfjs side: it costs nothing.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { dataset } from '../src/core/train/datasets';
import { createGanTrainer, DEFAULT_GAN_CONFIG, type GanConfig } from '../src/core/train/gan';
import { Random } from '../src/core/train/random';

/**
 * tfjs-core's Node bundle ships no gradient definitions (the @tensorflow/tfjs union package
 * registers them, and its ESM-only register_all_gradients cannot be loaded by Node), so the ones
 * this benchmark's graph needs are registered here, written as tfjs's own gradients/*_grad.ts
 * write them: the same ops, so the same cost.
 */
function registerGradients(): void {
  const sumTo = (dy: tf.Tensor, shape: number[]): tf.Tensor => {
    let g = dy;
    const extra = g.rank - shape.length;
    if (extra > 0) g = tf.sum(g, Array.from({ length: extra }, (_, i) => i));
    const axes = shape.map((n, i) => (n === 1 && g.shape[i] !== 1 ? i : -1)).filter((i) => i >= 0);
    if (axes.length > 0) g = tf.sum(g, axes, true);
    return tf.reshape(g, shape);
  };
  const grads: tf.GradConfig[] = [
    { kernelName: tf.Add, inputsToSave: ['a', 'b'], gradFunc: (dy, [a, b]) => ({ a: () => sumTo(dy as tf.Tensor, a.shape), b: () => sumTo(dy as tf.Tensor, b.shape) }) },
    {
      kernelName: tf.BatchMatMul,
      inputsToSave: ['a', 'b'],
      gradFunc: (dy, [a, b]) => ({ a: () => tf.matMul(dy as tf.Tensor2D, b as tf.Tensor2D, false, true), b: () => tf.matMul(a as tf.Tensor2D, dy as tf.Tensor2D, true, false) }),
    },
    { kernelName: tf.Relu, inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as tf.Tensor, tf.step(tf.cast(x, 'float32'))) }) },
    { kernelName: tf.LeakyRelu, inputsToSave: ['x'], gradFunc: (dy, [x], attrs) => ({ x: () => tf.where(tf.greater(x, 0), dy as tf.Tensor, tf.mul(dy as tf.Tensor, (attrs as { alpha: number }).alpha)) }) },
    { kernelName: tf.Softplus, inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.mul(dy as tf.Tensor, tf.sigmoid(x)) }) },
    { kernelName: tf.Neg, gradFunc: (dy) => ({ x: () => tf.neg(dy as tf.Tensor) }) },
    { kernelName: tf.Mean, inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.div(tf.mul(tf.ones(x.shape), dy as tf.Tensor), x.size) }) },
    { kernelName: tf.Reshape, inputsToSave: ['x'], gradFunc: (dy, [x]) => ({ x: () => tf.reshape(dy as tf.Tensor, x.shape) }) },
  ];
  for (const g of grads) tf.registerGradient(g);
}

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

/** Milliseconds per step of our trainer, after a warm-up, over at least `minMs`. */
function oursMsPerStep(config: Partial<GanConfig>, warm: number, minMs: number): number {
  const t = createGanTrainer({ ...config, steps: 1e6 });
  t.step(warm);
  let steps = 0;
  const start = now();
  while (now() - start < minMs) {
    t.step(10);
    steps += 10;
  }
  if (t.diverged) throw new Error(`benchmark run diverged: ${t.diverged}`);
  return (now() - start) / steps;
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

function tfMlp(sizes: number[], act: Act, prefix: string): TfNet {
  const vars: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    vars.push(tf.variable(tf.randomNormal([sizes[l], sizes[l + 1]], 0, Math.sqrt(2 / sizes[l])), true, `${prefix}w${l}`));
    vars.push(tf.variable(tf.zeros([sizes[l + 1]]), true, `${prefix}b${l}`));
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

/** Milliseconds per step of the same GAN on tfjs-core's CPU backend. */
function tfjsMsPerStep(partial: Partial<GanConfig>, warm: number, minMs: number): number {
  const c = { ...DEFAULT_GAN_CONFIG, ...partial };
  const data = dataset(c.dataset);
  const rng = new Random(c.seed);
  const g = tfMlp([c.latentDim, ...c.generatorHidden, data.dim], activationOf(c.generatorActivation), 'g');
  const d = tfMlp([data.dim * c.pack, ...c.discriminatorHidden, 1], activationOf(c.discriminatorActivation), 'd');
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
  let steps = 0;
  const start = now();
  while (now() - start < minMs) {
    step();
    steps++;
  }
  const ms = (now() - start) / steps;
  [...g.vars, ...d.vars, ...ema].forEach((v) => v.dispose());
  optG.dispose();
  optD.dispose();
  return ms;
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

/** GFLOP/s of a plain triple-loop matrix multiply (dot products of contiguous rows) on these shapes. */
function matmulGflops(shapes: [number, number, number][], minMs: number): number {
  const rng = new Random(1);
  const bufs = shapes.map(([m, k, n]) => ({ m, k, n, a: rng.fillNormal(new Float64Array(m * k)), b: rng.fillNormal(new Float64Array(n * k)), c: new Float64Array(m * n) }));
  const flops = shapes.reduce((s, [m, k, n]) => s + 2 * m * k * n, 0);
  const once = () => {
    for (const { m, k, n, a, b, c } of bufs) {
      for (let r = 0; r < m; r++) {
        for (let o = 0; o < n; o++) {
          let s = 0;
          for (let i = 0; i < k; i++) s += a[r * k + i] * b[o * k + i];
          c[r * n + o] = s;
        }
      }
    }
  };
  for (let i = 0; i < 20; i++) once();
  let reps = 0;
  const start = now();
  while (now() - start < minMs) {
    once();
    reps++;
  }
  return (flops * reps) / ((now() - start) / 1000) / 1e9;
}

function fmt(v: number): string {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  registerGradients();
  tf.env().set('PROD', true);

  const smallOurs = oursMsPerStep(SMALL, 300, 1500);
  const smallTf = tfjsMsPerStep(SMALL, 20, 2500);
  console.log(`gan-step-small: ${fmt(smallOurs)} ms/step vs ${fmt(smallTf)} ms/step = ${(smallTf / smallOurs).toFixed(1)}x  (target >= 10x; G and D 2-8-{2,1} ReLU, batch 150, 2 D + 1 G steps, Adam)`);

  const defOurs = oursMsPerStep(DEFAULT_GAN_CONFIG, 50, 4000);
  const defTf = tfjsMsPerStep(DEFAULT_GAN_CONFIG, 5, 5000);
  const c = DEFAULT_GAN_CONFIG;
  console.log(
    `gan-step-default: ${fmt(defOurs)} ms/step vs ${fmt(defTf)} ms/step = ${(defTf / defOurs).toFixed(1)}x  (target >= 3x; G ${c.latentDim}-${c.generatorHidden.join('-')}-2, D ${2 * c.pack}-${c.discriminatorHidden.join('-')}-1, batch ${c.batchSize}, pack ${c.pack})`,
  );

  const flops = createGanTrainer().flopsPerStep;
  const ours = flops / (defOurs / 1000) / 1e9;
  const mm = matmulGflops(stepShapes(resolve()), 3000);
  console.log(`gan-flops: ${fmt(ours)} GFLOP/s vs ${fmt(mm)} GFLOP/s = ${(ours / mm).toFixed(2)}x  (target >= 0.5x; ${(flops / 1e6).toFixed(2)} MFLOP a default step, dense count)`);
  console.log(`gan-default-steps-per-second: ${fmt(1000 / defOurs)} steps/s (${DEFAULT_GAN_CONFIG.steps} steps: ${((DEFAULT_GAN_CONFIG.steps * defOurs) / 1000).toFixed(1)} s)`);
}

function resolve(): GanConfig {
  return createGanTrainer().config;
}

void main();
