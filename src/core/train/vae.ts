/**
 * A toy variational autoencoder on 2-D data: an encoder MLP gives q(z|x) = N(μ(x), diag σ²(x)), a
 * decoder MLP gives p(x|z) = N(m(z), s²I) with one learnable noise variance s², the prior is
 * p(z) = N(0, I), and the networks are trained by Adam to maximize the ELBO
 *   ELBO(x) = E_q[log p(x|z)] - KL(q(z|x) ‖ p(z)) ≤ log p(x).
 *
 * On `lineargauss` (see linearGaussian.ts) the decoder is a single affine layer, m(z) = A z + c,
 * which makes both terms closed-form, so the ELBO, its gradient and the model's log p(x) are all
 * exact there:
 *   E_q[log p(x|z)] = -(D/2) log(2π s²) - (‖x - A μ - c‖² + Σ_j σ_j² ‖A_{:,j}‖²) / (2 s²),
 *   log p(x) = log N(x; c, A Aᵀ + s² I),
 * and the gap log p(x) - ELBO is KL(q(z|x) ‖ p(z|x)), which an affine Gaussian encoder can close.
 * Elsewhere E_q[log p(x|z)] is estimated with one reparameterized sample z = μ + σ ε per point
 * (Kingma and Welling 2014), and log p(x) is not known.
 *
 * Everything is deterministic given the seed.
 */
import { checkSteps } from './limits';
import { DivergenceWatch } from './divergence';
import type { ActivationName } from './activations';
import { DATASET_NAMES, dataset as datasetOf, type Bounds, type DatasetName } from './datasets';
import { LINEAR_GAUSSIAN, maxGaussianLogLikelihood, meanGaussianLogDensity, sampleLinearGaussian, trueLinearGaussianLogLikelihood } from './linearGaussian';
import { Mlp } from './nn';
import { Adam } from './optimizers';
import { Random } from './random';

/** The data sets the VAE trains on: `lineargauss` and the 2-D toy sets. */
export type VaeDatasetName = 'lineargauss' | Exclude<DatasetName, 'bimodal'>;

/** The names, in the order a menu lists them (`lineargauss` first: the one with exact numbers). */
export const VAE_DATASET_NAMES: readonly VaeDatasetName[] = ['lineargauss', ...(DATASET_NAMES.filter((d) => d !== 'bimodal') as Exclude<DatasetName, 'bimodal'>[])];

/** Everything that defines a run. `DEFAULT_VAE_CONFIG` holds the defaults. */
export interface VaeConfig {
  readonly dataset: VaeDatasetName;
  /** Dimension of the latent z: 1 or 2. */
  readonly latentDim: 1 | 2;
  /**
   * Hidden widths of the encoder x → (μ, log σ²). None (one affine layer, which can hold the exact
   * posterior of a linear-Gaussian model) on `lineargauss`, [64, 64] elsewhere.
   */
  readonly encoderHidden: readonly number[];
  /**
   * Hidden widths of the decoder z → m(z). None on `lineargauss`, where it must be none: the exact
   * ELBO needs an affine decoder. [64, 64] elsewhere.
   */
  readonly decoderHidden: readonly number[];
  /** The hidden layers' activation. */
  readonly activation: ActivationName;
  readonly learningRate: number;
  /** Adam's first-moment decay. */
  readonly beta1: number;
  /** Adam's second-moment decay. */
  readonly beta2: number;
  /** `linear` lowers the learning rate linearly to a tenth over `steps`, so the end refines. */
  readonly lrDecay: 'none' | 'linear';
  /** Points in the fixed training set (drawn once from the seed). */
  readonly dataSize: number;
  /** Points per step; `dataSize` (the default on `lineargauss`) is full-batch training. */
  readonly batchSize: number;
  readonly seed: number;
  /** How many steps a full run takes (the CLI's and the tests' default `--steps`). */
  readonly steps: number;
}

/**
 * The defaults, chosen on `lineargauss`: a 1-D latent (the truth's), full-batch Adam (β1 0.9) at
 * 0.05 decaying to 0.005 over 1,500 steps on 512 points. Over seeds 1-6, with a 1-D or a 2-D
 * latent, the final gap to the data's exact maximum log-likelihood is below 1e-6 nats per point
 * (the requirement is 0.05), in about half a second of CPU.
 */
export const DEFAULT_VAE_CONFIG: Readonly<VaeConfig> = Object.freeze({
  dataset: 'lineargauss',
  latentDim: 1,
  encoderHidden: Object.freeze([]),
  decoderHidden: Object.freeze([]),
  activation: 'tanh',
  learningRate: 0.05,
  beta1: 0.9,
  beta2: 0.999,
  lrDecay: 'linear',
  dataSize: 512,
  batchSize: 512,
  seed: 1,
  steps: 1500,
} satisfies VaeConfig);

/**
 * What the sampled data sets (all but `lineargauss`) change in the defaults: MLPs 2-64-64 and
 * 64-64-2 with tanh, Adam at 5e-3 on minibatches of 128, 3,000 steps. A config that names such a
 * data set gets these unless it sets them itself.
 */
export const VAE_MLP_DEFAULTS: Readonly<Partial<VaeConfig>> = Object.freeze({
  encoderHidden: Object.freeze([64, 64]),
  decoderHidden: Object.freeze([64, 64]),
  learningRate: 5e-3,
  batchSize: 128,
  steps: 3000,
});

/** One recorded point of the run: the ELBO and, where exact, log p(x), per data point in nats. */
export interface VaeHistoryPoint {
  readonly step: number;
  readonly elbo: number;
  /** The ELBO's two terms: E_q[log p(x|z)] and KL(q(z|x) ‖ p(z)), so elbo = reconstruction - kl. */
  readonly reconstruction: number;
  readonly kl: number;
  /** The model's exact log p(x), or null where it is not known (every data set but `lineargauss`). */
  readonly logLikelihood: number | null;
}

/** Everything the panel draws at one moment; means are over the training set, in nats per point. */
export interface VaeSnapshot {
  readonly step: number;
  /** `diverged at step k: learning rate too high?` once a NaN or Inf appeared, else null. */
  readonly diverged: string | null;
  readonly config: Readonly<VaeConfig>;
  /** True when the ELBO, its terms and log p(x) are closed-form (on `lineargauss`), false when sampled. */
  readonly exact: boolean;
  readonly elbo: number;
  /** E_q[log p(x|z)]. */
  readonly reconstruction: number;
  /** KL(q(z|x) ‖ p(z)); elbo = reconstruction - kl. */
  readonly kl: number;
  /** The model's log p(x) (so logLikelihood - elbo is the mean KL(q(z|x) ‖ p(z|x))), or null. */
  readonly logLikelihood: number | null;
  /** log p(x) under the model that made the data, or null where there is none in closed form. */
  readonly trueLogLikelihood: number | null;
  /** The largest log-likelihood the model family reaches on this data, or null where unknown. */
  readonly maxLogLikelihood: number | null;
  /** The decoder's noise standard deviation s. */
  readonly noiseStd: number;
  readonly bounds: Bounds;
  /** The training points, [n][2]. */
  readonly data: Float64Array;
  /** μ(x) of each training point, [n][latentDim]. */
  readonly latent: Float64Array;
  /** σ(x) of each training point, [n][latentDim]. */
  readonly latentStd: Float64Array;
  /** The decoder's mean m(μ(x)) of each training point, [n][2]. */
  readonly reconstructions: Float64Array;
  /** Samples of the model, m(z) + s ε with z ~ N(0, I) from fixed points, [n][2]. */
  readonly samples: Float64Array;
  readonly history: readonly VaeHistoryPoint[];
}

/** The objective and its gradient at the current weights (for gradient checks). */
export interface VaeObjective {
  /** The negative ELBO per data point over the whole training set (a fixed ε where it is sampled). */
  readonly loss: number;
  /** d loss / d params, one array per entry of `VaeTrainer.parameters`. */
  readonly grads: readonly Float64Array[];
}

/** A running VAE. */
export interface VaeTrainer {
  readonly config: Readonly<VaeConfig>;
  readonly stepCount: number;
  readonly diverged: string | null;
  /** Every recorded point so far (step 0 included), thinned to at most a few thousand. */
  readonly history: readonly VaeHistoryPoint[];
  /** Runs `count` Adam steps; false once the run has diverged. */
  step(count?: number): boolean;
  snapshot(): VaeSnapshot;
  /** The live weight arrays: encoder, decoder, and [log s²]. Writing them changes the model. */
  parameters(): readonly Float64Array[];
  /** The loss and gradient that training follows, on the whole training set. */
  objective(): VaeObjective;
}

function historyPoint(step: number, terms: Terms, logLikelihood: number | null): VaeHistoryPoint {
  return { step, elbo: terms.reconstruction - terms.kl, reconstruction: terms.reconstruction, kl: terms.kl, logLikelihood };
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1;
}

/** The defaults overlaid with `partial`, checked: a RangeError names the first bad setting. */
export function resolveVaeConfig(partial: Partial<VaeConfig> = {}): VaeConfig {
  const sampled = partial.dataset !== undefined && partial.dataset !== 'lineargauss';
  const c: VaeConfig = { ...DEFAULT_VAE_CONFIG, ...(sampled ? VAE_MLP_DEFAULTS : {}), ...partial };
  if (!VAE_DATASET_NAMES.includes(c.dataset)) throw new RangeError(`unknown data set '${c.dataset}' (have: ${VAE_DATASET_NAMES.join(', ')})`);
  if (c.latentDim !== 1 && c.latentDim !== 2) throw new RangeError(`latentDim must be 1 or 2, got ${c.latentDim}`);
  for (const key of ['encoderHidden', 'decoderHidden'] as const) {
    const h = c[key];
    if (!(Array.isArray(h) && h.every(isPositiveInt))) throw new RangeError(`${key} must be a list of positive integers, got ${JSON.stringify(h)}`);
  }
  if (c.dataset === 'lineargauss' && c.decoderHidden.length > 0) {
    throw new RangeError('on lineargauss the decoder must be affine (decoderHidden []): the exact ELBO needs it');
  }
  if (!(c.learningRate > 0 && Number.isFinite(c.learningRate))) throw new RangeError(`learningRate must be a positive number, got ${c.learningRate}`);
  for (const key of ['beta1', 'beta2'] as const) {
    if (!(c[key] >= 0 && c[key] < 1)) throw new RangeError(`${key} must be in [0, 1), got ${c[key]}`);
  }
  if (c.lrDecay !== 'none' && c.lrDecay !== 'linear') throw new RangeError(`lrDecay must be none or linear, got '${c.lrDecay}'`);
  for (const key of ['dataSize', 'batchSize'] as const) {
    if (!isPositiveInt(c[key])) throw new RangeError(`${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.batchSize > c.dataSize) throw new RangeError(`batchSize (${c.batchSize}) cannot exceed dataSize (${c.dataSize})`);
  checkSteps(c.steps);
  if (!Number.isFinite(c.seed)) throw new RangeError(`seed must be a number, got ${c.seed}`);
  return c;
}

/** The terms of the objective on one batch, as means per point. */
interface Terms {
  readonly reconstruction: number;
  readonly kl: number;
}

const LOG_2PI = Math.log(2 * Math.PI);
const HISTORY_CAP = 4000;
/** Data dimension. */
const D = 2;


class Trainer implements VaeTrainer {
  readonly #config: VaeConfig;
  readonly #exact: boolean;
  readonly #k: number;
  readonly #rng: Random;
  readonly #enc: Mlp;
  readonly #dec: Mlp;
  /** [log s²]: one number, in an array so that Adam and gradient checks treat it like the rest. */
  readonly #logVar = new Float64Array(1);
  readonly #gLogVar = new Float64Array(1);
  readonly #optEnc: Adam;
  readonly #optDec: Adam;
  readonly #optVar: Adam;
  readonly #data: Float64Array;
  readonly #batch: Float64Array;
  /** Per batch size: μ, ε, the decoder's input, dL/dm and dL/d(encoder output). */
  readonly #bufs = new Map<number, { mu: Float64Array; eps: Float64Array; zin: Float64Array; gm: Float64Array; genc: Float64Array }>();
  /** Fixed ε for the whole training set, so a sampled ELBO in snapshots does not flicker. */
  readonly #evalEps: Float64Array;
  readonly #evalZ: Float64Array;
  readonly #evalNoise: Float64Array;
  readonly #backup: Float64Array[];
  #step = 0;
  #diverged: string | null = null;
  readonly #watch = new DivergenceWatch();
  #history: VaeHistoryPoint[] = [];
  #hStride = 1;

  constructor(partial: Partial<VaeConfig>) {
    const c = resolveVaeConfig(partial);
    this.#config = c;
    this.#exact = c.dataset === 'lineargauss';
    this.#k = c.latentDim;
    this.#rng = new Random(c.seed);
    const eh = c.encoderHidden;
    const dh = c.decoderHidden;
    this.#enc = new Mlp([D, ...eh, 2 * this.#k], eh.length > 0 ? [c.activation, 'linear'] : ['linear'], this.#rng);
    this.#dec = new Mlp([this.#k, ...dh, D], dh.length > 0 ? [c.activation, 'linear'] : ['linear'], this.#rng);
    const adam = (n: number) => new Adam(n, c.learningRate, c.beta1, c.beta2);
    this.#optEnc = adam(this.#enc.params.length);
    this.#optDec = adam(this.#dec.params.length);
    this.#optVar = adam(1);
    // The training set and the snapshot's fixed draws come from their own generators, so that the
    // network initialization above and the minibatches below do not shift them.
    this.#data = new Float64Array(c.dataSize * D);
    const dataRng = new Random(c.seed ^ 0xda7a);
    if (this.#exact) sampleLinearGaussian(dataRng, this.#data, c.dataSize);
    else datasetOf(c.dataset).sample(dataRng, this.#data, c.dataSize);
    const evalRng = new Random(c.seed ^ 0x5eed);
    this.#evalEps = evalRng.fillNormal(new Float64Array(c.dataSize * this.#k));
    this.#evalZ = evalRng.fillNormal(new Float64Array(c.dataSize * this.#k));
    this.#evalNoise = evalRng.fillNormal(new Float64Array(c.dataSize * D));
    this.#batch = new Float64Array(c.batchSize * D);
    this.#backup = this.parameters().map((p) => new Float64Array(p.length));
    // A record costs a pass over the whole training set: about 500 of them per run is plenty to plot.
    this.#hStride = Math.max(1, Math.ceil(c.steps / 500));
    this.#record();
  }

  get config(): Readonly<VaeConfig> {
    return this.#config;
  }
  get stepCount(): number {
    return this.#step;
  }
  get diverged(): string | null {
    return this.#diverged;
  }
  get history(): readonly VaeHistoryPoint[] {
    return this.#history;
  }

  parameters(): readonly Float64Array[] {
    return [this.#enc.params, this.#dec.params, this.#logVar];
  }

  #buffers(n: number) {
    let b = this.#bufs.get(n);
    if (!b) {
      const k = this.#k;
      b = { mu: new Float64Array(n * k), eps: new Float64Array(n * k), zin: new Float64Array(n * k), gm: new Float64Array(n * D), genc: new Float64Array(n * 2 * k) };
      this.#bufs.set(n, b);
    }
    return b;
  }

  /**
   * The terms of the ELBO on n points (means per point) and, when `grad` is true, the gradient of
   * the loss -ELBO added into the networks' `grads` and `#gLogVar` (zero them first). `eps` is the
   * reparameterization noise, unused in exact mode.
   */
  #terms(x: Float64Array, n: number, eps: Float64Array, grad: boolean): Terms {
    const k = this.#k;
    const enc = this.#enc.forward(x, n);
    const { mu, zin, gm, genc } = this.#buffers(n);
    const v = this.#logVar[0];
    const invS2 = Math.exp(-v);
    let kl = 0;
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < k; j++) {
        const m = enc[r * 2 * k + j];
        const l = enc[r * 2 * k + k + j];
        const s2 = Math.exp(l);
        mu[r * k + j] = m;
        // Exact mode feeds the decoder the mean (the variance enters in closed form below);
        // sampled mode feeds it the reparameterized z = μ + σ ε, so gradients flow through μ and σ.
        zin[r * k + j] = this.#exact ? m : m + Math.sqrt(s2) * eps[r * k + j];
        // KL(N(μ, σ²) ‖ N(0, 1)) = ½ (μ² + σ² - 1 - log σ²) per latent dimension.
        kl += 0.5 * (m * m + s2 - 1 - l);
      }
    }
    const out = this.#dec.forward(zin, n);
    // In exact mode ‖A_{:,j}‖² weighs the posterior variance σ_j² in the expected squared error.
    const colNorm2 = new Float64Array(k);
    if (this.#exact) {
      const a = this.#dec.params;
      for (let i = 0; i < D; i++) for (let j = 0; j < k; j++) colNorm2[j] += a[i * k + j] * a[i * k + j];
    }
    let sq = 0;
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < D; i++) {
        const d = x[r * D + i] - out[r * D + i];
        sq += d * d;
        // dL/dm = -(x - m) / s², per point of the mean.
        gm[r * D + i] = (-d * invS2) / n;
      }
    }
    let varSum = 0;
    const sigma2Sum = new Float64Array(k);
    if (this.#exact) {
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < k; j++) {
          const s2 = Math.exp(enc[r * 2 * k + k + j]);
          sigma2Sum[j] += s2;
          varSum += s2 * colNorm2[j];
        }
      }
    }
    const residual = (sq + varSum) / n;
    const reconstruction = -(D / 2) * (LOG_2PI + v) - 0.5 * invS2 * residual;
    if (grad) {
      // d(-recon)/d(log s²) = D/2 - R e^{-v} / 2.
      this.#gLogVar[0] += D / 2 - 0.5 * invS2 * residual;
      const dz = this.#dec.backward(gm, n, true)!;
      if (this.#exact) {
        // The variance term Σ_j σ_j² ‖A_{:,j}‖² e^{-v} / 2: d/dA_ij = e^{-v} A_ij Σ_r σ_rj² / n.
        const a = this.#dec.params;
        const ga = this.#dec.grads;
        for (let i = 0; i < D; i++) for (let j = 0; j < k; j++) ga[i * k + j] += (invS2 * a[i * k + j] * sigma2Sum[j]) / n;
      }
      for (let r = 0; r < n; r++) {
        for (let j = 0; j < k; j++) {
          const m = enc[r * 2 * k + j];
          const s2 = Math.exp(enc[r * 2 * k + k + j]);
          // dKL/dμ = μ and dKL/d(log σ²) = ½ (σ² - 1).
          genc[r * 2 * k + j] = dz[r * k + j] + m / n;
          let dl = (0.5 * (s2 - 1)) / n;
          // Through z = μ + e^{l/2} ε: dz/dl = ½ σ ε. In exact mode σ² enters via ½ e^{-v} σ² ‖A_j‖².
          dl += this.#exact ? (0.5 * invS2 * s2 * colNorm2[j]) / n : 0.5 * Math.sqrt(s2) * eps[r * k + j] * dz[r * k + j];
          genc[r * 2 * k + k + j] = dl;
        }
      }
      this.#enc.backward(genc, n);
    }
    return { reconstruction, kl: kl / n };
  }

  /** The model's exact log p(x) per point on the training set (affine decoder only). */
  #logLikelihood(): number {
    const k = this.#k;
    const p = this.#dec.params;
    const s2 = Math.exp(this.#logVar[0]);
    // C = A Aᵀ + s² I, with A = W_0 stored [2][k] and c = b_0 after it.
    let xx = s2;
    let xy = 0;
    let yy = s2;
    for (let j = 0; j < k; j++) {
      xx += p[j] * p[j];
      xy += p[j] * p[k + j];
      yy += p[k + j] * p[k + j];
    }
    return meanGaussianLogDensity(this.#data, this.#config.dataSize, [p[2 * k], p[2 * k + 1]], { xx, xy, yy });
  }

  #evaluate(): { terms: Terms; logLikelihood: number | null } {
    const n = this.#config.dataSize;
    const terms = this.#terms(this.#data, n, this.#evalEps, false);
    return { terms, logLikelihood: this.#exact ? this.#logLikelihood() : null };
  }

  #record(): void {
    if (this.#step % this.#hStride !== 0) return;
    const { terms, logLikelihood } = this.#evaluate();
    this.#history.push(historyPoint(this.#step, terms, logLikelihood));
    if (this.#history.length >= HISTORY_CAP) {
      // Keep every other point and record half as often from now on: bounded memory, whole run shown.
      this.#history = this.#history.filter((_, i) => i % 2 === 0);
      this.#hStride *= 2;
    }
  }

  objective(): VaeObjective {
    this.#zeroGrad();
    const t = this.#terms(this.#data, this.#config.dataSize, this.#evalEps, true);
    return { loss: t.kl - t.reconstruction, grads: [new Float64Array(this.#enc.grads), new Float64Array(this.#dec.grads), new Float64Array(this.#gLogVar)] };
  }

  #zeroGrad(): void {
    this.#enc.zeroGrad();
    this.#dec.zeroGrad();
    this.#gLogVar[0] = 0;
  }

  step(count = 1): boolean {
    const c = this.#config;
    const params = this.parameters();
    for (let s = 0; s < count; s++) {
      if (this.#diverged) return false;
      params.forEach((p, i) => this.#backup[i].set(p));
      const factor = c.lrDecay === 'linear' ? 1 - 0.9 * Math.min(1, this.#step / Math.max(1, c.steps)) : 1;
      for (const o of [this.#optEnc, this.#optDec, this.#optVar]) o.learningRate = c.learningRate * factor;
      const n = c.batchSize;
      let x = this.#data;
      if (n < c.dataSize) {
        x = this.#batch;
        for (let r = 0; r < n; r++) {
          const i = this.#rng.int(c.dataSize);
          x[2 * r] = this.#data[2 * i];
          x[2 * r + 1] = this.#data[2 * i + 1];
        }
      }
      const { eps } = this.#buffers(n);
      if (!this.#exact) this.#rng.fillNormal(eps);
      this.#zeroGrad();
      const t = this.#terms(x, n, eps, true);
      this.#optEnc.step(this.#enc.params, this.#enc.grads);
      this.#optDec.step(this.#dec.params, this.#dec.grads);
      this.#optVar.step(this.#logVar, this.#gLogVar);
      const why = Math.abs(this.#logVar[0]) < 50 ? this.#watch.observe(this.#step + 1, t.reconstruction + t.kl, params, 'the negative ELBO') : `diverged at step ${this.#step + 1}: the decoder's log-variance ran away; learning rate too high?`;
      if (why) {
        // Back to the last finite weights, so every later snapshot is finite.
        params.forEach((p, i) => p.set(this.#backup[i]));
        this.#diverged = why;
        return false;
      }
      this.#step++;
      this.#record();
    }
    return true;
  }

  snapshot(): VaeSnapshot {
    const c = this.#config;
    const n = c.dataSize;
    const k = this.#k;
    const { terms, logLikelihood } = this.#evaluate();
    const enc = this.#enc.forward(this.#data, n);
    const latent = new Float64Array(n * k);
    const latentStd = new Float64Array(n * k);
    for (let r = 0; r < n; r++) {
      for (let j = 0; j < k; j++) {
        latent[r * k + j] = enc[r * 2 * k + j];
        latentStd[r * k + j] = Math.exp(0.5 * enc[r * 2 * k + k + j]);
      }
    }
    const reconstructions = new Float64Array(this.#dec.forward(latent, n));
    const s = Math.exp(0.5 * this.#logVar[0]);
    const samples = new Float64Array(this.#dec.forward(this.#evalZ, n));
    for (let i = 0; i < samples.length; i++) samples[i] += s * this.#evalNoise[i];
    const last = this.#history[this.#history.length - 1];
    const history = last.step === this.#step ? [...this.#history] : [...this.#history, historyPoint(this.#step, terms, logLikelihood)];
    return {
      step: this.#step,
      diverged: this.#diverged,
      config: c,
      exact: this.#exact,
      elbo: terms.reconstruction - terms.kl,
      reconstruction: terms.reconstruction,
      kl: terms.kl,
      logLikelihood,
      trueLogLikelihood: this.#exact ? trueLinearGaussianLogLikelihood(this.#data, n) : null,
      maxLogLikelihood: this.#exact ? maxGaussianLogLikelihood(this.#data, n) : null,
      noiseStd: s,
      bounds: this.#exact ? LINEAR_GAUSSIAN.bounds : datasetOf(c.dataset).bounds,
      data: new Float64Array(this.#data),
      latent,
      latentStd,
      reconstructions,
      samples,
      history,
    };
  }
}

/** A trainer for the defaults overlaid with `config`; throws a RangeError for a bad setting. */
export function createVaeTrainer(config: Partial<VaeConfig> = {}): VaeTrainer {
  return new Trainer(config);
}
