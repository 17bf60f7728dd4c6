/**
 * A toy autoencoder: 2-D points through a 1-D bottleneck, an encoder MLP 2 → h → 1 and a decoder
 * MLP 1 → h → 2 trained by Adam on the squared reconstruction error. A 1-D code can only hold
 * data that lie near a curve, so the default data set is one: `arc`, a noisy three-quarter circle.
 * Everything is deterministic given the seed.
 */
import { checkSteps } from './limits';
import { DivergenceWatch } from './divergence';
import type { ActivationName } from './activations';
import { DATASET_NAMES, dataset as datasetOf, type Bounds, type DatasetName } from './datasets';
import { Mlp } from './nn';
import { Adam } from './optimizers';
import { Random } from './random';

/** The data sets the autoencoder trains on: `arc` and the 2-D toy sets. */
export type AutoencoderDatasetName = 'arc' | Exclude<DatasetName, 'bimodal'>;

/** The names, in the order a menu lists them (`arc` first: the default). */
export const AUTOENCODER_DATASET_NAMES: readonly AutoencoderDatasetName[] = ['arc', ...(DATASET_NAMES.filter((d) => d !== 'bimodal') as Exclude<DatasetName, 'bimodal'>[])];

/** The `arc` data set: the circle of radius 1.5 from angle -π/4 to 5π/4, noise 0.03 across it. */
export const ARC = Object.freeze({
  radius: 1.5,
  from: -Math.PI / 4,
  to: (5 * Math.PI) / 4,
  noiseStd: 0.03,
  bounds: Object.freeze({ xMin: -2, xMax: 2, yMin: -1.5, yMax: 2 }) satisfies Bounds,
  description: 'three quarters of the circle of radius 1.5 (angles -π/4 to 5π/4), noise 0.03',
});

/** Writes n points of `arc` ([n][2], row-major) into out. */
export function sampleArc(rng: Random, out: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    const t = ARC.from + (ARC.to - ARC.from) * rng.next();
    out[2 * i] = ARC.radius * Math.cos(t) + ARC.noiseStd * rng.normal();
    out[2 * i + 1] = ARC.radius * Math.sin(t) + ARC.noiseStd * rng.normal();
  }
}

/** Everything that defines a run. `DEFAULT_AUTOENCODER_CONFIG` holds the defaults. */
export interface AutoencoderConfig {
  readonly dataset: AutoencoderDatasetName;
  /** Hidden widths of the encoder 2 → ... → 1; the decoder mirrors them, 1 → ... → 2. */
  readonly hidden: readonly number[];
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
  /** Points per step, drawn from the training set. */
  readonly batchSize: number;
  readonly seed: number;
  /** How many steps a full run takes (the CLI's and the tests' default `--steps`). */
  readonly steps: number;
}

/**
 * The defaults: `arc`, one hidden layer of 32 tanh units each way, Adam (β1 0.9) at 0.01 decaying
 * to 0.001 over 2,000 steps, minibatches of 128 from 512 points.
 */
export const DEFAULT_AUTOENCODER_CONFIG: Readonly<AutoencoderConfig> = Object.freeze({
  dataset: 'arc',
  hidden: Object.freeze([32]),
  activation: 'tanh',
  learningRate: 0.01,
  beta1: 0.9,
  beta2: 0.999,
  lrDecay: 'linear',
  dataSize: 512,
  batchSize: 128,
  seed: 1,
  steps: 2000,
} satisfies AutoencoderConfig);

/** One recorded point: the mean squared error ‖x - x̂‖² over the whole training set. */
export interface AutoencoderHistoryPoint {
  readonly step: number;
  readonly loss: number;
}

/** Everything the panel draws at one moment. */
export interface AutoencoderSnapshot {
  readonly step: number;
  /** `diverged at step k: learning rate too high?` once a NaN or Inf appeared, else null. */
  readonly diverged: string | null;
  readonly config: Readonly<AutoencoderConfig>;
  /** The training-set loss before the first step. */
  readonly initialLoss: number;
  /** The training-set loss now: the mean over points of ‖x - x̂‖². */
  readonly loss: number;
  /** The loss a constant reconstruction (the data's mean) would have: the data's total variance. */
  readonly varianceLoss: number;
  readonly bounds: Bounds;
  /** The training points, [n][2]. */
  readonly inputs: Float64Array;
  /** Their 1-D codes, [n]. */
  readonly codes: Float64Array;
  /** Their reconstructions, [n][2]. */
  readonly reconstructions: Float64Array;
  /** The decoder's image of a grid of codes spanning the codes' range: the learnt curve, [m][2]. */
  readonly curve: Float64Array;
  readonly history: readonly AutoencoderHistoryPoint[];
}

/** A running autoencoder. */
export interface AutoencoderTrainer {
  readonly config: Readonly<AutoencoderConfig>;
  readonly stepCount: number;
  readonly diverged: string | null;
  /** The training-set loss before the first step. */
  readonly initialLoss: number;
  /** The training-set loss now. */
  loss(): number;
  /** Every recorded point so far (step 0 included). */
  readonly history: readonly AutoencoderHistoryPoint[];
  /** Runs `count` Adam steps; false once the run has diverged. */
  step(count?: number): boolean;
  snapshot(): AutoencoderSnapshot;
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1;
}

/** The defaults overlaid with `partial`, checked: a RangeError names the first bad setting. */
export function resolveAutoencoderConfig(partial: Partial<AutoencoderConfig> = {}): AutoencoderConfig {
  const c: AutoencoderConfig = { ...DEFAULT_AUTOENCODER_CONFIG, ...partial };
  if (!AUTOENCODER_DATASET_NAMES.includes(c.dataset)) throw new RangeError(`unknown data set '${c.dataset}' (have: ${AUTOENCODER_DATASET_NAMES.join(', ')})`);
  if (!(Array.isArray(c.hidden) && c.hidden.every(isPositiveInt))) throw new RangeError(`hidden must be a list of positive integers, got ${JSON.stringify(c.hidden)}`);
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

const HISTORY_CAP = 4000;
const CURVE_POINTS = 100;


class Trainer implements AutoencoderTrainer {
  readonly #config: AutoencoderConfig;
  readonly #rng: Random;
  readonly #enc: Mlp;
  readonly #dec: Mlp;
  readonly #optEnc: Adam;
  readonly #optDec: Adam;
  readonly #data: Float64Array;
  readonly #batch: Float64Array;
  readonly #grad: Float64Array;
  readonly #backupEnc: Float64Array;
  readonly #backupDec: Float64Array;
  readonly #initialLoss: number;
  #step = 0;
  #diverged: string | null = null;
  readonly #watch = new DivergenceWatch();
  #history: AutoencoderHistoryPoint[] = [];
  #hStride: number;

  constructor(partial: Partial<AutoencoderConfig>) {
    const c = resolveAutoencoderConfig(partial);
    this.#config = c;
    this.#rng = new Random(c.seed);
    const acts: ActivationName[] = c.hidden.length > 0 ? [c.activation, 'linear'] : ['linear'];
    this.#enc = new Mlp([2, ...c.hidden, 1], acts, this.#rng);
    this.#dec = new Mlp([1, ...[...c.hidden].reverse(), 2], acts, this.#rng);
    this.#optEnc = new Adam(this.#enc.params.length, c.learningRate, c.beta1, c.beta2);
    this.#optDec = new Adam(this.#dec.params.length, c.learningRate, c.beta1, c.beta2);
    // The training set comes from its own generator, so the initialization does not shift it.
    this.#data = new Float64Array(2 * c.dataSize);
    const dataRng = new Random(c.seed ^ 0xda7a);
    if (c.dataset === 'arc') sampleArc(dataRng, this.#data, c.dataSize);
    else datasetOf(c.dataset).sample(dataRng, this.#data, c.dataSize);
    this.#batch = new Float64Array(2 * c.batchSize);
    this.#grad = new Float64Array(2 * c.batchSize);
    this.#backupEnc = new Float64Array(this.#enc.params.length);
    this.#backupDec = new Float64Array(this.#dec.params.length);
    // A record costs a pass over the whole training set: about 500 of them per run is plenty to plot.
    this.#hStride = Math.max(1, Math.ceil(c.steps / 500));
    this.#initialLoss = this.loss();
    this.#history.push({ step: 0, loss: this.#initialLoss });
  }

  get config(): Readonly<AutoencoderConfig> {
    return this.#config;
  }
  get stepCount(): number {
    return this.#step;
  }
  get diverged(): string | null {
    return this.#diverged;
  }
  get initialLoss(): number {
    return this.#initialLoss;
  }
  get history(): readonly AutoencoderHistoryPoint[] {
    return this.#history;
  }

  /** The reconstructions of n points (the decoder's buffer) and, through the encoder's, their codes. */
  #reconstruct(x: Float64Array, n: number): Float64Array {
    return this.#dec.forward(this.#enc.forward(x, n), n);
  }

  loss(): number {
    const n = this.#config.dataSize;
    const out = this.#reconstruct(this.#data, n);
    let sum = 0;
    for (let i = 0; i < 2 * n; i++) {
      const d = out[i] - this.#data[i];
      sum += d * d;
    }
    return sum / n;
  }

  step(count = 1): boolean {
    const c = this.#config;
    const n = c.batchSize;
    const x = this.#batch;
    const g = this.#grad;
    for (let s = 0; s < count; s++) {
      if (this.#diverged) return false;
      this.#backupEnc.set(this.#enc.params);
      this.#backupDec.set(this.#dec.params);
      const factor = c.lrDecay === 'linear' ? 1 - 0.9 * Math.min(1, this.#step / Math.max(1, c.steps)) : 1;
      this.#optEnc.learningRate = this.#optDec.learningRate = c.learningRate * factor;
      for (let r = 0; r < n; r++) {
        const i = this.#rng.int(c.dataSize);
        x[2 * r] = this.#data[2 * i];
        x[2 * r + 1] = this.#data[2 * i + 1];
      }
      const out = this.#reconstruct(x, n);
      let sum = 0;
      for (let i = 0; i < 2 * n; i++) {
        const d = out[i] - x[i];
        sum += d * d;
        // d/dx̂ of the batch mean of ‖x - x̂‖².
        g[i] = (2 * d) / n;
      }
      this.#enc.zeroGrad();
      this.#dec.zeroGrad();
      const dCode = this.#dec.backward(g, n, true)!;
      this.#enc.backward(dCode, n);
      this.#optEnc.step(this.#enc.params, this.#enc.grads);
      this.#optDec.step(this.#dec.params, this.#dec.grads);
      const why = this.#watch.observe(this.#step + 1, sum / n, [this.#enc.params, this.#dec.params], 'the reconstruction loss');
      if (why) {
        // Back to the last finite weights, so every later snapshot is finite.
        this.#enc.params.set(this.#backupEnc);
        this.#dec.params.set(this.#backupDec);
        this.#diverged = why;
        return false;
      }
      this.#step++;
      if (this.#step % this.#hStride === 0) this.#push({ step: this.#step, loss: this.loss() });
    }
    return true;
  }

  #push(p: AutoencoderHistoryPoint): void {
    this.#history.push(p);
    if (this.#history.length >= HISTORY_CAP) {
      // Keep every other point and record half as often from now on: bounded memory, whole run shown.
      this.#history = this.#history.filter((_, i) => i % 2 === 0);
      this.#hStride *= 2;
    }
  }

  snapshot(): AutoencoderSnapshot {
    const c = this.#config;
    const n = c.dataSize;
    const codes = new Float64Array(this.#enc.forward(this.#data, n));
    const reconstructions = new Float64Array(this.#dec.forward(codes, n));
    let loss = 0;
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += this.#data[2 * i] / n;
      my += this.#data[2 * i + 1] / n;
    }
    let variance = 0;
    // Summed in the same order as loss(), so the two agree to the last bit.
    for (let i = 0; i < 2 * n; i++) {
      const d = reconstructions[i] - this.#data[i];
      loss += d * d;
    }
    loss /= n;
    for (let i = 0; i < n; i++) variance += ((this.#data[2 * i] - mx) ** 2 + (this.#data[2 * i + 1] - my) ** 2) / n;
    let lo = Infinity;
    let hi = -Infinity;
    for (const z of codes) {
      lo = Math.min(lo, z);
      hi = Math.max(hi, z);
    }
    const grid = new Float64Array(CURVE_POINTS);
    for (let i = 0; i < CURVE_POINTS; i++) grid[i] = lo + ((hi - lo) * i) / (CURVE_POINTS - 1);
    const curve = new Float64Array(this.#dec.forward(grid, CURVE_POINTS));
    const last = this.#history[this.#history.length - 1];
    return {
      step: this.#step,
      diverged: this.#diverged,
      config: c,
      initialLoss: this.#initialLoss,
      loss,
      varianceLoss: variance,
      bounds: c.dataset === 'arc' ? ARC.bounds : datasetOf(c.dataset).bounds,
      inputs: new Float64Array(this.#data),
      codes,
      reconstructions,
      curve,
      history: last.step === this.#step ? [...this.#history] : [...this.#history, { step: this.#step, loss }],
    };
  }
}

/** A trainer for the defaults overlaid with `config`; throws a RangeError for a bad setting. */
export function createAutoencoderTrainer(config: Partial<AutoencoderConfig> = {}): AutoencoderTrainer {
  return new Trainer(config);
}
