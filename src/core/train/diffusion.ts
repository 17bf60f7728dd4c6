/**
 * A toy denoising diffusion model (DDPM, Ho et al. 2020) on the 2-D data sets: the forward process
 * noises data step by step with a schedule (schedules.ts), a small MLP ε_θ(x_t, t) learns to
 * predict the noise with the loss ‖ε − ε_θ(√ᾱ_t x_0 + √(1−ᾱ_t) ε, t)‖² (averaged over t uniform on
 * 1..T, Ho et al.'s simplified loss, or over t ∝ 1/√t, see `timeSampling`), and ancestral
 * sampling walks back from pure noise to data. `createDiffusionTrainer(config)` returns a trainer
 * whose `snapshot()` holds everything a panel plots. The same config gives the same numbers, bit
 * for bit.
 */
import { DivergenceWatch } from './divergence';
import { checkSteps } from './limits';
import type { ActivationName } from './activations';
import { dataset as datasetOf, drawnDataset, toPlane, type Dataset, type DatasetName } from './datasets';
import { modeMetrics, type ModeMetrics, METRIC_SAMPLES } from './metrics';
import { Mlp } from './nn';
import { Adam } from './optimizers';
import { Random } from './random';
import { makeSchedule, type NoiseSchedule, type ScheduleName } from './schedules';

/** Everything that defines a run. `DEFAULT_DIFFUSION_CONFIG` holds the defaults. */
export interface DiffusionConfig {
  /** A named data set, or `drawn`: the points in `drawn`. */
  readonly dataset: DatasetName | 'drawn';
  /** The drawn data, [x0, y0, x1, y1, ...], when `dataset` is `drawn`. */
  readonly drawn?: readonly number[];
  readonly schedule: ScheduleName;
  /** The number of diffusion steps T of the chain. */
  readonly timesteps: number;
  /** Hidden layer widths of ε_θ (input: x_t, its sinusoidal features and the time features; output: ε̂, linear). */
  readonly hidden: readonly number[];
  readonly activation: ActivationName;
  /** Frequencies of sinusoidal time features: sin and cos of π 2^k t/T for k < this, beside t/T. */
  readonly timeFrequencies: number;
  /**
   * Frequencies of sinusoidal features of x_t (scaled units): sin and cos of π 2^k x_d for k < this,
   * beside x_t itself. Near t = 0 the ideal ε̂ changes over a data standard deviation (ring8: 0.014
   * scaled), steeper than a small ReLU net on raw coordinates learns; high frequencies let it.
   */
  readonly xFrequencies: number;
  /**
   * How training draws t: `uniform` on 1..T (Ho et al.'s L_simple); `sqrt` with probability
   * ∝ 1/√t, which spends more of each batch on the small t where the modes get their precision.
   */
  readonly timeSampling: 'uniform' | 'sqrt';
  /** Adam's learning rate at the start. */
  readonly learningRate: number;
  /**
   * `cosine` lowers the learning rate along half a cosine to a hundredth of it over `steps`, so the
   * last steps refine ε_θ near t = 0, where the tight modes need precision; `none` keeps it.
   */
  readonly lrDecay: 'none' | 'cosine';
  /** Data points (each with its own t and ε) per update. */
  readonly batchSize: number;
  /**
   * Decay of an exponential moving average of the weights, which sampling uses (as DDPM does);
   * 0 samples from the trained weights themselves.
   */
  readonly emaDecay: number;
  /**
   * The variance of each reverse step: `posterior` is β̃_t, the exact variance of
   * q(x_{t-1} | x_t, x_0), which suits data concentrated on points; `beta` is β_t. Both are in DDPM.
   */
  readonly samplerVariance: 'posterior' | 'beta';
  /** Clip the predicted x̂_0 to the data set's bounds at every reverse step (Ho et al.'s clipping). */
  readonly clipX0: boolean;
  readonly seed: number;
  /** How many updates a full run takes (the CLI's and the tests' default `--steps`). */
  readonly steps: number;
}

/**
 * The defaults: cover all 8 ring8 modes with over 90% of the samples high quality (97-98% for
 * seeds 1-4) in about 8 s of CPU. A short cosine chain keeps sampling cheap; sinusoidal features of
 * x_t let the small network draw the steep ε̂ near t = 0 that a standard deviation of 0.02 asks for
 * (without them: about 80%), drawing small t more often adds two points, and the learning-rate
 * decay plus weight averaging refine it.
 */
export const DEFAULT_DIFFUSION_CONFIG: Readonly<DiffusionConfig> = Object.freeze({
  dataset: 'ring8',
  schedule: 'cosine',
  timesteps: 50,
  hidden: Object.freeze([128, 128, 128]),
  activation: 'relu',
  timeFrequencies: 4,
  xFrequencies: 4,
  timeSampling: 'sqrt',
  learningRate: 2e-3,
  lrDecay: 'cosine',
  batchSize: 128,
  emaDecay: 0.99,
  samplerVariance: 'posterior',
  clipX0: true,
  seed: 1,
  steps: 4000,
} satisfies DiffusionConfig);

/** A set of points at one step t of a chain (data space, [n][2] row-major). */
export interface DiffusionFrame {
  readonly t: number;
  readonly points: Float64Array;
}

/** Everything a panel plots at one moment. */
export interface DiffusionSnapshot {
  readonly config: DiffusionConfig;
  /** Updates done so far. */
  readonly step: number;
  /** The mean loss of the last update, or null before the first. */
  readonly loss: number | null;
  /** Loss over steps, averaged in buckets so that it has at most `historyPoints` entries. */
  readonly history: { readonly steps: Float64Array; readonly loss: Float64Array };
  /** ᾱ_t for t = 0..T (ᾱ_0 = 1), for plotting the schedule. */
  readonly alphaBar: Float64Array;
  /** Data points noised step by step by the forward chain, at a few t from 0 to T. */
  readonly forward: readonly DiffusionFrame[];
  /** Reverse sampling from noise (t = T) to data (t = 0), at a few t; the last frame is t = 0. */
  readonly reverse: readonly DiffusionFrame[];
  /** Real data points, for the background of the scatter plots. */
  readonly real: Float64Array;
  /** Set when a non-finite loss stopped training: a sentence naming the step; else null. */
  readonly diverged: string | null;
}

/** What a snapshot should include; all optional. */
export interface DiffusionSnapshotOptions {
  /** Points per frame (512 by default). */
  readonly samples?: number;
  /** Frames of each chain, t = 0 and T included (11 by default). */
  readonly frames?: number;
  /** The most loss-history points (500 by default). */
  readonly historyPoints?: number;
}

/** A diffusion model in training. */
export interface DiffusionTrainer {
  readonly config: DiffusionConfig;
  readonly schedule: NoiseSchedule;
  /** Updates done so far. */
  readonly stepCount: number;
  /** Why the run stopped (`diverged at step k: ...`, naming what grew), or null while it has not. */
  readonly diverged: string | null;
  /** Runs n updates (1 by default); returns false, and stops, once the run has diverged. */
  step(n?: number): boolean;
  snapshot(options?: DiffusionSnapshotOptions): DiffusionSnapshot;
  /** The loss over steps, as in a snapshot but without its sampling (cheap enough for every frame). */
  lossHistory(maxPoints?: number): DiffusionSnapshot['history'];
  /** The mean loss of the last `window` updates (one batch's loss is noisy), or null before the first. */
  recentLoss(window?: number): number | null;
  /**
   * n samples ([n][2] row-major, data space) by ancestral sampling from the averaged weights. Calls
   * at the same training step give the same points, so sampling never changes the course of a run.
   */
  sample(n?: number): Float64Array;
  /** The papers' mode metrics of METRIC_SAMPLES samples (zero modes on data sets without modes). */
  metrics(): ModeMetrics;
}

/** The defaults with `partial` on top, checked; a bad value is a RangeError that names it. */
/** The data set a config names: a named one, or its drawn points. */
function configDataset(c: Pick<DiffusionConfig, 'dataset' | 'drawn'>): Dataset {
  return c.dataset === 'drawn' ? drawnDataset(c.drawn ?? []) : datasetOf(c.dataset);
}

export function resolveDiffusionConfig(partial: Partial<DiffusionConfig> = {}): DiffusionConfig {
  const c: DiffusionConfig = { ...DEFAULT_DIFFUSION_CONFIG, ...partial };
  configDataset(c);
  makeSchedule(c.schedule, c.timesteps);
  const positiveInt = (name: string, v: number, min = 1) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`${name} must be a whole number of at least ${min}, got ${v}`);
  };
  positiveInt('batchSize', c.batchSize);
  checkSteps(c.steps);
  positiveInt('timeFrequencies', c.timeFrequencies, 0);
  positiveInt('xFrequencies', c.xFrequencies, 0);
  if (c.timeSampling !== 'uniform' && c.timeSampling !== 'sqrt') throw new RangeError(`timeSampling must be 'uniform' or 'sqrt', got '${String(c.timeSampling)}'`);
  for (const h of c.hidden) positiveInt('hidden widths', h);
  if (!(c.learningRate > 0 && Number.isFinite(c.learningRate))) throw new RangeError(`learningRate must be positive, got ${c.learningRate}`);
  if (!(c.emaDecay >= 0 && c.emaDecay < 1)) throw new RangeError(`emaDecay must lie in [0, 1), got ${c.emaDecay}`);
  if (c.lrDecay !== 'none' && c.lrDecay !== 'cosine') throw new RangeError(`lrDecay must be 'none' or 'cosine', got '${String(c.lrDecay)}'`);
  if (c.samplerVariance !== 'posterior' && c.samplerVariance !== 'beta') throw new RangeError(`samplerVariance must be 'posterior' or 'beta', got '${String(c.samplerVariance)}'`);
  if (!Number.isFinite(c.seed)) throw new RangeError(`seed must be a finite number, got ${c.seed}`);
  return c;
}

/**
 * Samples q(x_t | x_0) = N(√ᾱ_t x_0, (1-ᾱ_t) I) in closed form for every number of `x0`, writing
 * into `out` (same length; a new array when omitted). t = 0 returns x_0 itself.
 */
export function sampleForward(schedule: NoiseSchedule, x0: Float64Array, t: number, rng: Random, out = new Float64Array(x0.length)): Float64Array {
  if (!Number.isInteger(t) || t < 0 || t > schedule.steps) throw new RangeError(`t must be a whole number in [0, ${schedule.steps}], got ${t}`);
  if (out.length !== x0.length) throw new RangeError(`sampleForward: out holds ${out.length} numbers, x0 ${x0.length}`);
  const a = Math.sqrt(schedule.alphaBar[t]);
  const s = Math.sqrt(1 - schedule.alphaBar[t]);
  for (let i = 0; i < x0.length; i++) out[i] = a * x0[i] + s * rng.normal();
  return out;
}

/** Seeds of the generators that snapshots and sampling use, apart from training's. */
const SAMPLE_SEED = 0x5eed;
const SNAPSHOT_SEED = 0x51a7;

class Trainer implements DiffusionTrainer {
  readonly config: DiffusionConfig;
  readonly schedule: NoiseSchedule;
  readonly #data: Dataset;
  readonly #dim: number;
  /**
   * Data are scaled by this so that each coordinate has about unit variance: the schedules assume
   * it (ᾱ_T ≈ 0 must mean "noise swamps the data"), and ring8's radius 2 would otherwise stay
   * visible at t = T.
   */
  readonly #scale: number;
  /** |x̂_0| bound in scaled units, from the data set's bounds. */
  readonly #clip: number;
  readonly #features: number;
  readonly #tCdf: Float64Array;
  readonly #net: Mlp;
  /** The averaged weights; the same network when emaDecay is 0. */
  readonly #ema: Mlp;
  readonly #opt: Adam;
  readonly #rng: Random;
  readonly #x0: Float64Array;
  readonly #eps: Float64Array;
  readonly #input: Float64Array;
  readonly #grad: Float64Array;
  readonly #losses: number[] = [];
  #steps = 0;
  #diverged: string | null = null;
  readonly #watch = new DivergenceWatch();

  constructor(config: DiffusionConfig) {
    this.config = config;
    this.schedule = makeSchedule(config.schedule, config.timesteps);
    this.#data = configDataset(config);
    this.#dim = this.#data.dim;
    // A fixed generator, so the scale depends on the data set only, not on the seed.
    const probe = new Float64Array(4096 * this.#dim);
    this.#data.sample(new Random(0), probe, 4096);
    let sq = 0;
    for (const v of probe) sq += v * v;
    this.#scale = 1 / Math.sqrt(sq / probe.length);
    const b = this.#data.bounds;
    this.#clip = Math.max(Math.abs(b.xMin), Math.abs(b.xMax), Math.abs(b.yMin), Math.abs(b.yMax)) * this.#scale;
    this.#features = 1 + 2 * config.timeFrequencies + 2 * this.#dim * config.xFrequencies;
    // The cumulative distribution of t for `timeSampling`, cdf[t] = P(t' ≤ t), t = 1..T.
    const T = config.timesteps;
    this.#tCdf = new Float64Array(T + 1);
    for (let t = 1; t <= T; t++) this.#tCdf[t] = this.#tCdf[t - 1] + (config.timeSampling === 'sqrt' ? 1 / Math.sqrt(t) : 1);
    for (let t = 1; t <= T; t++) this.#tCdf[t] /= this.#tCdf[T];
    this.#rng = new Random(config.seed);
    const sizes = [this.#dim + this.#features, ...config.hidden, this.#dim];
    this.#net = new Mlp(sizes, [config.activation, 'linear'], this.#rng);
    if (config.emaDecay > 0) {
      this.#ema = new Mlp(sizes, [config.activation, 'linear'], new Random(0));
      this.#ema.copyFrom(this.#net);
    } else {
      this.#ema = this.#net;
    }
    // β1 = 0.9: there is no adversary here, so the GAN custom of 0.5 has no reason.
    this.#opt = new Adam(this.#net.params.length, config.learningRate, 0.9, 0.999);
    const B = config.batchSize;
    this.#x0 = new Float64Array(B * this.#dim);
    this.#eps = new Float64Array(B * this.#dim);
    this.#input = new Float64Array(B * sizes[0]);
    this.#grad = new Float64Array(B * this.#dim);
  }

  get stepCount(): number {
    return this.#steps;
  }

  get diverged(): string | null {
    return this.#diverged;
  }

  /** Writes x and the features of t into row r of a network input. */
  #setRow(input: Float64Array, r: number, x: Float64Array, xAt: number, t: number): void {
    const width = this.#dim + this.#features;
    const o = r * width;
    for (let d = 0; d < this.#dim; d++) input[o + d] = x[xAt + d];
    const u = t / this.schedule.steps;
    input[o + this.#dim] = u;
    for (let k = 0; k < this.config.timeFrequencies; k++) {
      const w = Math.PI * 2 ** k * u;
      input[o + this.#dim + 1 + 2 * k] = Math.sin(w);
      input[o + this.#dim + 2 + 2 * k] = Math.cos(w);
    }
    let f = o + this.#dim + 1 + 2 * this.config.timeFrequencies;
    for (let d = 0; d < this.#dim; d++) {
      for (let k = 0; k < this.config.xFrequencies; k++) {
        const w = Math.PI * 2 ** k * x[xAt + d];
        input[f++] = Math.sin(w);
        input[f++] = Math.cos(w);
      }
    }
  }

  /** A t in 1..T drawn as `timeSampling` says. */
  #drawT(rng: Random): number {
    if (this.config.timeSampling === 'uniform') return 1 + rng.int(this.schedule.steps);
    // The least t with u < cdf[t], by bisection (T may be long).
    const u = rng.next();
    const cdf = this.#tCdf;
    let lo = 1;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (u < cdf[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  #learningRate(): number {
    const c = this.config;
    if (c.lrDecay === 'none' || c.steps === 0) return c.learningRate;
    const p = Math.min(1, this.#steps / c.steps);
    const floor = 0.01;
    return c.learningRate * (floor + (1 - floor) * 0.5 * (1 + Math.cos(Math.PI * p)));
  }

  step(n = 1): boolean {
    if (this.#diverged) return false;
    const { batchSize: B, emaDecay } = this.config;
    const dim = this.#dim;
    const { alphaBar } = this.schedule;
    const x0 = this.#x0;
    const eps = this.#eps;
    const input = this.#input;
    const grad = this.#grad;
    const rng = this.#rng;
    for (let k = 0; k < n; k++) {
      this.#data.sample(rng, x0, B);
      rng.fillNormal(eps);
      for (let r = 0; r < B; r++) {
        const t = this.#drawT(rng);
        const a = Math.sqrt(alphaBar[t]);
        const s = Math.sqrt(1 - alphaBar[t]);
        // x_t overwrites x_0 in place: only x_t and ε are needed from here on.
        for (let d = 0; d < dim; d++) x0[r * dim + d] = a * this.#scale * x0[r * dim + d] + s * eps[r * dim + d];
        this.#setRow(input, r, x0, r * dim, t);
      }
      const pred = this.#net.forward(input, B);
      // The loss is the mean over all B·dim numbers (as PyTorch's MSE), so its scale does not
      // depend on the batch size; its gradient is 2(ε̂ - ε)/(B·dim).
      let loss = 0;
      const c = 2 / (B * dim);
      for (let i = 0; i < B * dim; i++) {
        const e = pred[i] - eps[i];
        loss += e * e;
        grad[i] = c * e;
      }
      loss /= B * dim;
      // The loss is measured before this batch's update, so the weights it saw are the last good ones.
      const why = this.#watch.observe(this.#steps + 1, loss, [this.#net.params], 'the noise-prediction loss');
      if (why) {
        this.#diverged = why;
        return false;
      }
      this.#net.zeroGrad();
      this.#net.backward(grad, B);
      this.#opt.learningRate = this.#learningRate();
      this.#opt.step(this.#net.params, this.#net.grads);
      this.#steps++;
      this.#losses.push(loss);
      if (this.#ema !== this.#net) {
        // A warm-up of the decay, so the average does not drag the random initial weights along.
        const decay = Math.min(emaDecay, (1 + this.#steps) / (10 + this.#steps));
        const e = this.#ema.params;
        const p = this.#net.params;
        for (let i = 0; i < p.length; i++) e[i] = decay * e[i] + (1 - decay) * p[i];
      }
    }
    return true;
  }

  /**
   * Ancestral sampling of n points from x_T ~ N(0, I) down to t = 0, calling `frame` with the
   * points (scaled units) at each t in `at`. Each step predicts x̂_0 = (x_t − √(1−ᾱ_t) ε̂)/√ᾱ_t,
   * clips it, and draws x_{t-1} from the posterior q(x_{t-1} | x_t, x̂_0); the last step (t = 1,
   * where ᾱ_0 = 1) is that posterior's mean x̂_0 without noise.
   */
  #reverse(n: number, rng: Random, at: ReadonlySet<number>, frame: (t: number, x: Float64Array) => void): Float64Array {
    const dim = this.#dim;
    const { alpha, alphaBar, beta, posteriorVariance } = this.schedule;
    const T = this.schedule.steps;
    const x = rng.fillNormal(new Float64Array(n * dim));
    const input = new Float64Array(n * (dim + this.#features));
    if (at.has(T)) frame(T, x);
    for (let t = T; t >= 1; t--) {
      for (let r = 0; r < n; r++) this.#setRow(input, r, x, r * dim, t);
      const epsHat = this.#ema.forward(input, n);
      const sa = Math.sqrt(alphaBar[t]);
      const s1 = Math.sqrt(1 - alphaBar[t]);
      const c0 = (Math.sqrt(alphaBar[t - 1]) * beta[t]) / (1 - alphaBar[t]);
      const ct = (Math.sqrt(alpha[t]) * (1 - alphaBar[t - 1])) / (1 - alphaBar[t]);
      const sigma = t > 1 ? Math.sqrt(this.config.samplerVariance === 'posterior' ? posteriorVariance[t] : beta[t]) : 0;
      const clip = this.config.clipX0 ? this.#clip : Infinity;
      for (let i = 0; i < n * dim; i++) {
        let x0 = (x[i] - s1 * epsHat[i]) / sa;
        if (x0 > clip) x0 = clip;
        else if (x0 < -clip) x0 = -clip;
        x[i] = c0 * x0 + ct * x[i] + (sigma > 0 ? sigma * rng.normal() : 0);
      }
      if (at.has(t - 1)) frame(t - 1, x);
    }
    return x;
  }

  /** Scaled points ([n][dim]) back in data space as 2-D points. */
  #toData(x: Float64Array): Float64Array {
    const out = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) out[i] = x[i] / this.#scale;
    return toPlane(out, this.#dim as 1 | 2);
  }

  sample(n = METRIC_SAMPLES): Float64Array {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`sample: n must be a positive whole number, got ${n}`);
    const rng = new Random(this.config.seed * 7919 + SAMPLE_SEED);
    return this.#toData(this.#reverse(n, rng, new Set(), () => undefined));
  }

  metrics(): ModeMetrics {
    return modeMetrics(this.sample(METRIC_SAMPLES), this.#data.modes, this.#data.std);
  }

  /** Frame steps from T down to 0, `frames` of them, evenly spaced and distinct. */
  #frameSteps(frames: number): number[] {
    const T = this.schedule.steps;
    const k = Math.max(2, Math.min(frames, T + 1));
    const set = new Set<number>();
    for (let i = 0; i < k; i++) set.add(Math.round((T * i) / (k - 1)));
    return [...set].sort((a, b) => a - b);
  }

  lossHistory(maxPoints = 500): DiffusionSnapshot['history'] {
    const L = this.#losses.length;
    const buckets = Math.min(L, Math.max(1, maxPoints));
    const steps = new Float64Array(buckets);
    const loss = new Float64Array(buckets);
    for (let b = 0; b < buckets; b++) {
      const from = Math.floor((b * L) / buckets);
      const to = Math.floor(((b + 1) * L) / buckets);
      let sum = 0;
      for (let i = from; i < to; i++) sum += this.#losses[i];
      loss[b] = sum / (to - from);
      steps[b] = to;
    }
    return { steps, loss };
  }

  recentLoss(window = 50): number | null {
    const L = this.#losses.length;
    if (L === 0) return null;
    const from = Math.max(0, L - Math.max(1, window));
    let sum = 0;
    for (let i = from; i < L; i++) sum += this.#losses[i];
    return sum / (L - from);
  }

  snapshot(options: DiffusionSnapshotOptions = {}): DiffusionSnapshot {
    const n = options.samples ?? 512;
    const frames = options.frames ?? 11;
    const maxHistory = options.historyPoints ?? 500;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`snapshot: samples must be a positive whole number, got ${n}`);
    const rng = new Random(this.config.seed * 7919 + SNAPSHOT_SEED);
    const dim = this.#dim;
    const ts = this.#frameSteps(frames);
    const at = new Set(ts);

    // The forward chain step by step, x_t = √α_t x_{t-1} + √β_t z, as the process is defined; its
    // marginals are the closed form that training samples from.
    const real = new Float64Array(n * dim);
    this.#data.sample(rng, real, n);
    for (let i = 0; i < real.length; i++) real[i] *= this.#scale;
    const forward: DiffusionFrame[] = [];
    const x = Float64Array.from(real);
    if (at.has(0)) forward.push({ t: 0, points: this.#toData(x) });
    for (let t = 1; t <= this.schedule.steps; t++) {
      const a = Math.sqrt(this.schedule.alpha[t]);
      const s = Math.sqrt(this.schedule.beta[t]);
      for (let i = 0; i < x.length; i++) x[i] = a * x[i] + s * rng.normal();
      if (at.has(t)) forward.push({ t, points: this.#toData(x) });
    }

    const reverse: DiffusionFrame[] = [];
    this.#reverse(n, rng, at, (t, xt) => reverse.push({ t, points: this.#toData(xt) }));

    const L = this.#losses.length;
    return {
      config: this.config,
      step: this.#steps,
      loss: L > 0 ? this.#losses[L - 1] : null,
      history: this.lossHistory(maxHistory),
      alphaBar: Float64Array.from(this.schedule.alphaBar),
      forward,
      reverse,
      real: this.#toData(real),
      diverged: this.#diverged,
    };
  }
}

/** A fresh trainer for the defaults with `config` on top (see `resolveDiffusionConfig`). */
export function createDiffusionTrainer(config: Partial<DiffusionConfig> = {}): DiffusionTrainer {
  return new Trainer(resolveDiffusionConfig(config));
}
