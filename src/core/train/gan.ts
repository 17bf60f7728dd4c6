/**
 * A toy GAN on the 2-D data sets: a generator G and a discriminator (or critic) D, both small
 * MLPs, trained in alternation. `createGanTrainer(config)` returns a trainer whose `step()` runs
 * `dSteps` updates of D and one of G, and whose `snapshot()` holds everything the panel plots.
 * Everything is deterministic given the seed: the same config gives the same numbers, bit for bit.
 */
import { DivergenceWatch } from './divergence';
import { checkSteps } from './limits';
import type { ActivationName } from './activations';
import { dataset as namedDataset, drawnDataset, toPlane, type Bounds, type Dataset, type DatasetName } from './datasets';
import { Losses, type Loss } from './losses';
import { JS_BINS, METRIC_SAMPLES, jsDivergence, modeMetrics } from './metrics';
import { Mlp } from './nn';
import { createOptimizer, type Optimizer, type OptimizerName } from './optimizers';
import { Random } from './random';

/**
 * The game's objective: `minimax` is the original saturating min-max (G minimizes
 * log(1 - D(G(z)))), `nonsaturating` has G maximize log D(G(z)) instead, `wgan-gp` is the
 * Wasserstein critic with a gradient penalty, `least-squares` is LSGAN's squared error.
 */
export type GanLoss = 'minimax' | 'nonsaturating' | 'wgan-gp' | 'least-squares';

/** The names of the losses, in the order a menu lists them. */
export const GAN_LOSSES: readonly GanLoss[] = ['minimax', 'nonsaturating', 'wgan-gp', 'least-squares'];

/** Everything that defines a run. `DEFAULT_GAN_CONFIG` holds the defaults. */
export interface GanConfig {
  /** A named data set, or `drawn`: the points in `drawn`. */
  readonly dataset: DatasetName | 'drawn';
  /** The drawn data, [x0, y0, x1, y1, ...], when `dataset` is `drawn`. */
  readonly drawn?: readonly number[];
  readonly loss: GanLoss;
  readonly optimizer: OptimizerName;
  /** The generator's learning rate. */
  readonly learningRateG: number;
  /** The discriminator's learning rate (two-time-scale updates when it differs from G's). */
  readonly learningRateD: number;
  /** Adam's first-moment decay. */
  readonly beta1: number;
  /** Adam's second-moment decay. */
  readonly beta2: number;
  /** Momentum's velocity decay. */
  readonly momentum: number;
  /** Updates of D per update of G. */
  readonly dSteps: number;
  /** Real and generated samples per update; a multiple of `pack`. */
  readonly batchSize: number;
  /** Dimension of the Gaussian latent z. */
  readonly latentDim: number;
  /** Hidden layer widths of G (input latentDim, output the data's dimension, linear). */
  readonly generatorHidden: readonly number[];
  /** Hidden layer widths of D (input the data's dimension times `pack`, one linear output). */
  readonly discriminatorHidden: readonly number[];
  readonly generatorActivation: ActivationName;
  readonly discriminatorActivation: ActivationName;
  /**
   * PacGAN packing (Lin et al. 2018): D judges `pack` samples at once, all real or all
   * generated, which penalizes a generator that repeats itself. 1 turns it off.
   */
  readonly pack: number;
  /**
   * λ of the gradient penalty λ E[(‖∇D(x̂)‖ - 1)²] at random interpolates x̂ of real and generated
   * samples (Gulrajani et al. 2017). `wgan-gp` always has one (0 there means the customary 10);
   * the other losses may use it as a stabilizer, where 0 turns it off.
   */
  readonly gradientPenalty: number;
  /**
   * Where the penalty applies: `interpolates` is WGAN-GP's (‖∇D(x̂)‖ - 1)² at mixes of real and
   * generated samples; `r1` is R1's ‖∇D(x)‖² on real samples (Mescheder et al. 2018), which
   * damps D's oscillation around the data so that G settles on tight modes.
   */
  readonly penaltyKind: 'interpolates' | 'r1';
  /**
   * `linear` lowers both learning rates linearly to a tenth of theirs over `steps` (then keeps
   * them there), so the last steps refine rather than jitter; `none` keeps them constant.
   */
  readonly lrDecay: 'none' | 'linear';
  /**
   * Decay of an exponential moving average of G's weights (Yazıcı et al. 2019), which snapshots
   * and metrics sample from; 0 samples from G itself.
   */
  readonly emaDecay: number;
  readonly seed: number;
  /** How many G steps a full run takes (the CLI's and the tests' default `--steps`). */
  readonly steps: number;
}

/**
 * The defaults, chosen on ring8 (std 0.02, so "high quality" means within 0.06 of a centre):
 * non-saturating loss, Adam (β1 0.5) at 6e-3 for both networks decaying linearly to 6e-4 over
 * 36,000 steps, G 2-32-32-2 ReLU, D 4-32-32-1 leaky ReLU on PacGAN pairs, batch 64, one D step per
 * G step, samples from a weight average of G (decay 0.998, about the last 500 steps).
 *
 * Why small networks, small batches and many steps: what keeps samples off the modes is G's jumps
 * between them (a Gaussian latent has no gaps, so G must cross from one mode to the next over a
 * thin band of z), and those sharpen with the number of updates, hardly with width or batch size.
 * Measured on ring8: 64-unit layers at batch 128 reach 92% high quality in 4,000 steps and 96-97% in
 * 12,000; 32-unit layers cost a quarter as much per sample, and batch 64 half as much per step, so
 * 16,000 of these steps cost less than 4,000 of those. 16,000 steps with a 0.99 average gave
 * 95.0-96.3% over seeds 1-5 (seed 1 at 94.96%, under issue 15's 95%); 36,000 steps with the longer
 * average give 96.6-97.8% over seeds 1-5, 96.3-97.3% over seeds 6-10, in about 4.8 s of CPU each
 * (the README has the table). Longer is not better: at 48,000 steps seed 2 falls to 84.7-94.7%.
 */
export const DEFAULT_GAN_CONFIG: Readonly<GanConfig> = Object.freeze({
  dataset: 'ring8',
  loss: 'nonsaturating',
  optimizer: 'adam',
  learningRateG: 6e-3,
  learningRateD: 6e-3,
  beta1: 0.5,
  beta2: 0.999,
  momentum: 0.9,
  dSteps: 1,
  batchSize: 64,
  latentDim: 2,
  generatorHidden: Object.freeze([32, 32]),
  discriminatorHidden: Object.freeze([32, 32]),
  generatorActivation: 'relu',
  discriminatorActivation: 'leakyRelu',
  pack: 2,
  gradientPenalty: 0,
  penaltyKind: 'interpolates',
  lrDecay: 'linear',
  emaDecay: 0.998,
  seed: 1,
  steps: 36000,
} satisfies GanConfig);

/**
 * The same run without stabilizers or schedule (no packing, no weight averaging, no gradient
 * penalty, constant and equal learning rates): apply it over a config to see the plain GAN,
 * mode collapse and all.
 */
export const PLAIN_GAN: Partial<GanConfig> = Object.freeze({ pack: 1, emaDecay: 0, gradientPenalty: 0, lrDecay: 'none', learningRateD: DEFAULT_GAN_CONFIG.learningRateG });

/** D(x) on a grid over the data set's bounds. */
export interface HeatMap {
  readonly bounds: Bounds;
  /** Cells per row and per column. */
  readonly width: number;
  readonly height: number;
  /** Row-major [height][width]; row 0 is at yMin, column 0 at xMin; each value at the cell's centre. */
  readonly values: Float64Array;
  /** `probability`: σ(D(x)) in [0, 1]; `critic`: the Wasserstein critic's raw score; `score`: LSGAN's raw output. */
  readonly kind: 'probability' | 'critic' | 'score';
}

/** G's image of a regular grid of latent points (the manifold view). */
export interface Manifold {
  readonly rows: number;
  readonly cols: number;
  /** The grid spans [-extent, extent] in the first two latent dimensions (the others 0). */
  readonly extent: number;
  /** [rows * cols][2], row-major in the grid: point (i, j) is at index i * cols + j. */
  readonly points: Float64Array;
}

/** The quality of G's samples. */
export interface GanMetrics {
  readonly modesCovered: number;
  readonly modesTotal: number;
  readonly highQualityRatio: number;
  /** High-quality samples per mode. */
  readonly perMode: readonly number[];
  /** Histogram JS divergence in nats on a 40 x 40 grid over the data set's bounds (plus one outside cell). */
  readonly jsd: number;
  /** A sentence when most samples sit in one or two modes, else null. */
  readonly collapse: string | null;
}

/** Everything the panel draws at one moment. Every number in it is finite. */
export interface GanSnapshot {
  /** G steps taken. */
  readonly step: number;
  /** `diverged at step k: learning rate too high?` once a NaN or Inf appeared, else null. */
  readonly diverged: string | null;
  readonly config: Readonly<GanConfig>;
  /** Real samples, [n][2] (fixed for the run, so the plot does not flicker). */
  readonly real: Float64Array;
  /** Generated samples, [n][2], from a fixed set of latent points (so they move smoothly). */
  readonly fake: Float64Array;
  readonly heatmap: HeatMap;
  readonly manifold: Manifold;
  /** The last D loss (penalty included) and G loss; null before the first step. */
  readonly lossD: number | null;
  readonly lossG: number | null;
  /**
   * The game's value as D's last batch estimates it (penalty excluded): V(D, G) =
   * E log D(x) + E log(1 - D(G(z))) for minimax and non-saturating, E D(x) - E D(G(z)) for
   * wgan-gp, minus LSGAN's D loss for least-squares. Null before the first step.
   */
  readonly value: number | null;
  /** Its value at the game's optimum: -log 4, 0 or -1/4. */
  readonly valueOptimum: number;
  /** Losses over steps, thinned to at most a few thousand points. */
  readonly history: { readonly steps: Float64Array; readonly lossD: Float64Array; readonly lossG: Float64Array };
  /** On METRIC_SAMPLES generated samples; null when the snapshot was asked without metrics. */
  readonly metrics: GanMetrics | null;
}

/** What a snapshot should include; all optional. */
export interface SnapshotOptions {
  /** Generated and real points to return (512 by default, at most 2,500). */
  readonly samples?: number;
  /** Heat map cells per side (48 by default). */
  readonly heatmap?: number;
  /** Manifold grid points per side (16 by default). */
  readonly manifold?: number;
  /** Compute the metrics (true by default; they cost one pass of G over 2,500 points). */
  readonly metrics?: boolean;
}

/** A running GAN. */
export interface GanTrainer {
  readonly config: Readonly<GanConfig>;
  /** G steps taken so far. */
  readonly stepCount: number;
  /** The divergence message, or null while the run is healthy. */
  readonly diverged: string | null;
  /** Runs `count` G steps (each after `dSteps` D steps); false once the run has diverged. */
  step(count?: number): boolean;
  /** One update of D alone (GAN Lab's "Step D"): G and the step count stay as they are. */
  stepD(): boolean;
  /** One update of G alone ("Step G"), counted as a step; D stays as it is. */
  stepG(): boolean;
  /**
   * Where G's loss pushes each of these points, [x0, y0, ...]: [x, y, dx, dy, ...] with (dx, dy) =
   * −∇ₓ of G's loss through the current D (its gradient with respect to the sample, as in a G step,
   * packed as a step packs them). Exact, not scaled; a last partial pack is left out.
   */
  descent(points: ArrayLike<number>): Float64Array;
  snapshot(options?: SnapshotOptions): GanSnapshot;
  /** METRIC_SAMPLES generated points [n][2] from the fixed latent points the metrics use. */
  samples(): Float64Array;
  /**
   * Changes settings. Learning rates, optimizer settings, loss, dSteps, batch size, gradient
   * penalty, weight averaging and a data set of the same dimension take effect at the next step;
   * the optimizer's name resets its state. Sizes, activations, latent dimension, packing and seed
   * define the networks, so changing them restarts the run: the result says so.
   */
  update(partial: Partial<GanConfig>): { readonly restarted: boolean };
  /** Starts again from step 0, with the current config or this one. */
  reset(config?: Partial<GanConfig>): void;
  /** Floating-point operations of one step with the current config (multiply and add count 2). */
  readonly flopsPerStep: number;
}

function isPositiveInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 1;
}

/** The data set a config names: a named one, or its drawn points. */
function datasetOf(c: Pick<GanConfig, 'dataset' | 'drawn'>): Dataset {
  return c.dataset === 'drawn' ? drawnDataset(c.drawn ?? []) : namedDataset(c.dataset);
}

/** The defaults overlaid with `partial`, checked: a RangeError names the first bad setting. */
export function resolveGanConfig(partial: Partial<GanConfig> = {}): GanConfig {
  const c: GanConfig = { ...DEFAULT_GAN_CONFIG, ...partial };
  datasetOf(c);
  if (!GAN_LOSSES.includes(c.loss)) throw new RangeError(`unknown loss '${c.loss}' (have: ${GAN_LOSSES.join(', ')})`);
  if (!['sgd', 'momentum', 'adam'].includes(c.optimizer)) throw new RangeError(`unknown optimizer '${c.optimizer}' (have: sgd, momentum, adam)`);
  for (const key of ['learningRateG', 'learningRateD'] as const) {
    if (!(c[key] > 0 && Number.isFinite(c[key]))) throw new RangeError(`${key} must be a positive number, got ${c[key]}`);
  }
  for (const key of ['beta1', 'beta2', 'momentum'] as const) {
    if (!(c[key] >= 0 && c[key] < 1)) throw new RangeError(`${key} must be in [0, 1), got ${c[key]}`);
  }
  for (const key of ['dSteps', 'batchSize', 'latentDim', 'pack'] as const) {
    if (!isPositiveInt(c[key])) throw new RangeError(`${key} must be a positive integer, got ${c[key]}`);
  }
  checkSteps(c.steps);
  if (c.batchSize % c.pack !== 0) throw new RangeError(`batchSize (${c.batchSize}) must be a multiple of pack (${c.pack})`);
  for (const key of ['generatorHidden', 'discriminatorHidden'] as const) {
    if (!Array.isArray(c[key]) || !c[key].every(isPositiveInt)) throw new RangeError(`${key} must be a list of positive integers, got ${JSON.stringify(c[key])}`);
  }
  if (!(c.gradientPenalty >= 0 && Number.isFinite(c.gradientPenalty))) throw new RangeError(`gradientPenalty must be >= 0, got ${c.gradientPenalty}`);
  if (c.penaltyKind !== 'interpolates' && c.penaltyKind !== 'r1') throw new RangeError(`penaltyKind must be interpolates or r1, got '${c.penaltyKind}'`);
  if (c.lrDecay !== 'none' && c.lrDecay !== 'linear') throw new RangeError(`lrDecay must be none or linear, got '${c.lrDecay}'`);
  if (!(c.emaDecay >= 0 && c.emaDecay < 1)) throw new RangeError(`emaDecay must be in [0, 1), got ${c.emaDecay}`);
  if (!Number.isFinite(c.seed)) throw new RangeError(`seed must be a number, got ${c.seed}`);
  // WGAN-GP without its penalty is not WGAN-GP: 0 there means the customary λ = 10.
  if (c.loss === 'wgan-gp' && c.gradientPenalty === 0) return { ...c, gradientPenalty: 10 };
  return c;
}

/** The per-loss pieces: D's loss, G's loss (target and sign) and the value's optimum. */
interface Game {
  readonly loss: Loss;
  readonly gTarget: number;
  readonly gWeight: number;
  readonly optimum: number;
  readonly heat: HeatMap['kind'];
}

function gameOf(loss: GanLoss): Game {
  switch (loss) {
    case 'minimax':
      // G minimizes log(1 - D(G(z))) = -BCE(z, 0): the saturating original.
      return { loss: Losses.bceWithLogits, gTarget: 0, gWeight: -1, optimum: -Math.log(4), heat: 'probability' };
    case 'nonsaturating':
      return { loss: Losses.bceWithLogits, gTarget: 1, gWeight: 1, optimum: -Math.log(4), heat: 'probability' };
    case 'wgan-gp':
      return { loss: Losses.wasserstein, gTarget: 1, gWeight: 1, optimum: 0, heat: 'critic' };
    case 'least-squares':
      return { loss: Losses.squared, gTarget: 1, gWeight: 1, optimum: -0.25, heat: 'score' };
  }
}

const STRUCTURAL: readonly (keyof GanConfig)[] = ['latentDim', 'generatorHidden', 'discriminatorHidden', 'generatorActivation', 'discriminatorActivation', 'pack', 'seed'];
const HISTORY_CAP = 4000;

function allFinite(a: Float64Array): boolean {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * 0;
  // x * 0 is 0 for every finite x and NaN for NaN and ±Inf, so one NaN poisons the sum.
  return s === 0;
}

/** Replaces non-finite numbers by 0; returns how many there were. */
function sanitize(a: Float64Array): number {
  let bad = 0;
  for (let i = 0; i < a.length; i++) {
    if (!Number.isFinite(a[i])) {
      a[i] = 0;
      bad++;
    }
  }
  return bad;
}

/** Buffers of one batch size. */
interface Batch {
  readonly size: number;
  readonly real: Float64Array;
  readonly z: Float64Array;
  readonly interp: Float64Array;
  readonly dLogits: Float64Array;
}

class Trainer implements GanTrainer {
  #config!: GanConfig;
  #data!: Dataset;
  #rng!: Random;
  #g!: Mlp;
  #d!: Mlp;
  #ema: Mlp | null = null;
  #optG!: Optimizer;
  #optD!: Optimizer;
  #game!: Game;
  #batch!: Batch;
  #backupG!: Float64Array;
  #backupD!: Float64Array;
  #evalZ!: Float64Array;
  #real!: Float64Array;
  #step = 0;
  #emaSum = new Float64Array(0);
  #emaWeight = 0;
  #emaStale = false;
  #diverged: string | null = null;
  readonly #watchD = new DivergenceWatch();
  readonly #watchG = new DivergenceWatch();
  #lossD: number | null = null;
  #lossG: number | null = null;
  #value: number | null = null;
  #hSteps: number[] = [];
  #hD: number[] = [];
  #hG: number[] = [];
  #hStride = 1;

  constructor(config: Partial<GanConfig>) {
    this.reset(config);
  }

  get config(): Readonly<GanConfig> {
    return this.#config;
  }
  get stepCount(): number {
    return this.#step;
  }
  get diverged(): string | null {
    return this.#diverged;
  }

  get flopsPerStep(): number {
    const c = this.#config;
    const g = this.#g.macsPerSample;
    const d = this.#d.macsPerSample;
    const bp = c.batchSize / c.pack;
    // A D step: G forward, D forward + backward (params and hidden inputs: 3x) on real and fake,
    // and with a penalty one forward and about four matrix passes of the double backprop.
    const dStep = c.batchSize * g + 2 * 3 * bp * d + (c.gradientPenalty > 0 ? (c.penaltyKind === 'r1' ? 4 : 5) * bp * d : 0);
    // A G step: G forward + backward (3x), D forward + input gradient only (2x).
    const gStep = 3 * c.batchSize * g + 2 * bp * d;
    return 2 * (c.dSteps * dStep + gStep);
  }

  reset(config?: Partial<GanConfig>): void {
    const c = resolveGanConfig(config ? { ...(this.#config ?? {}), ...config } : this.#config);
    this.#config = c;
    this.#data = datasetOf(c);
    this.#rng = new Random(c.seed);
    const dim = this.#data.dim;
    this.#g = new Mlp([c.latentDim, ...c.generatorHidden, dim], [c.generatorActivation, 'linear'], this.#rng);
    this.#d = new Mlp([dim * c.pack, ...c.discriminatorHidden, 1], [c.discriminatorActivation, 'linear'], this.#rng);
    this.#ema = null;
    this.#emaSum = new Float64Array(0);
    this.#makeOptimizers();
    this.#game = gameOf(c.loss);
    this.#batch = this.#makeBatch(c.batchSize);
    this.#backupG = new Float64Array(this.#g.params.length);
    this.#backupD = new Float64Array(this.#d.params.length);
    // The latent points of snapshots and metrics, and the real points shown, come from their own
    // generator so that taking a snapshot never changes the course of training.
    const evalRng = new Random(c.seed ^ 0x5eed);
    this.#evalZ = evalRng.fillNormal(new Float64Array(METRIC_SAMPLES * c.latentDim));
    this.#real = this.#realPoints();
    this.#step = 0;
    this.#diverged = null;
    this.#watchD.reset();
    this.#watchG.reset();
    this.#lossD = this.#lossG = this.#value = null;
    this.#hSteps = [];
    this.#hD = [];
    this.#hG = [];
    this.#hStride = 1;
  }

  #realPoints(): Float64Array {
    const raw = new Float64Array(METRIC_SAMPLES * this.#data.dim);
    this.#data.sample(new Random(this.#config.seed ^ 0xda7a), raw, METRIC_SAMPLES);
    return toPlane(raw, this.#data.dim);
  }

  #makeOptimizers(): void {
    const c = this.#config;
    this.#optG = createOptimizer(c.optimizer, this.#g.params.length, { ...c, learningRate: c.learningRateG });
    this.#optD = createOptimizer(c.optimizer, this.#d.params.length, { ...c, learningRate: c.learningRateD });
  }

  #makeBatch(size: number): Batch {
    const c = this.#config;
    const dim = this.#data.dim;
    return {
      size,
      real: new Float64Array(size * dim),
      z: new Float64Array(size * c.latentDim),
      interp: new Float64Array(size * dim),
      dLogits: new Float64Array(size / c.pack),
    };
  }

  update(partial: Partial<GanConfig>): { readonly restarted: boolean } {
    const old = this.#config;
    // Leaving wgan-gp also leaves the penalty it brought, unless one was asked for.
    const leavingWgan = old.loss === 'wgan-gp' && partial.loss !== undefined && partial.loss !== 'wgan-gp' && partial.gradientPenalty === undefined;
    const next = resolveGanConfig({ ...old, ...partial, ...(leavingWgan ? { gradientPenalty: DEFAULT_GAN_CONFIG.gradientPenalty } : {}) });
    const changed = (k: keyof GanConfig) => JSON.stringify(old[k]) !== JSON.stringify(next[k]);
    if (STRUCTURAL.some(changed) || datasetOf(next).dim !== this.#data.dim) {
      this.reset(next);
      return { restarted: true };
    }
    this.#config = next;
    if (changed('dataset') || changed('drawn')) {
      this.#data = datasetOf(next);
      this.#real = this.#realPoints();
    }
    if (changed('optimizer')) this.#makeOptimizers();
    else {
      this.#optG.learningRate = next.learningRateG;
      this.#optD.learningRate = next.learningRateD;
      for (const o of [this.#optG, this.#optD] as unknown as Record<string, number>[]) {
        if ('beta1' in o) o.beta1 = next.beta1;
        if ('beta2' in o) o.beta2 = next.beta2;
        if ('momentum' in o) o.momentum = next.momentum;
      }
    }
    if (changed('loss')) this.#game = gameOf(next.loss);
    if (changed('batchSize')) this.#batch = this.#makeBatch(next.batchSize);
    if (next.emaDecay === 0) this.#ema = null;
    return { restarted: false };
  }

  step(count = 1): boolean {
    for (let i = 0; i < count; i++) {
      if (!this.#guarded(() => this.#oneStep())) return false;
      this.#step++;
    }
    return true;
  }

  stepD(): boolean {
    return this.#guarded(() => {
      this.#setLearningRates();
      const { lossD, value } = this.#dUpdate();
      if (!(Number.isFinite(lossD) && allFinite(this.#d.params))) return false;
      this.#lossD = lossD;
      this.#value = value;
      return true;
    });
  }

  stepG(): boolean {
    const ok = this.#guarded(() => {
      this.#setLearningRates();
      const lossG = this.#gUpdate();
      if (!(Number.isFinite(lossG) && allFinite(this.#g.params))) return false;
      this.#updateEma();
      this.#lossG = lossG;
      this.#record(this.#step + 1, this.#lossD ?? 0, lossG);
      return true;
    });
    if (ok) this.#step++;
    return ok;
  }

  /** Runs an update; when it leaves a non-finite number, restores the last finite weights and says so. */
  #guarded(update: () => boolean): boolean {
    if (this.#diverged) return false;
    this.#backupG.set(this.#g.params);
    this.#backupD.set(this.#d.params);
    const at = this.#step + 1;
    // A NaN is caught by the update itself; growth (losses of 1e27 under Adam at a huge rate, with
    // no NaN) by the watches, which see both losses and both networks' weights.
    const why = !update() ? `diverged at step ${at}: learning rate too high?`
      : this.#watchD.observe(at, this.#lossD ?? 0, [this.#d.params], "D's loss") ?? this.#watchG.observe(at, this.#lossG ?? 0, [this.#g.params], "G's loss");
    if (!why) return true;
    // Back to the last finite weights, so every later snapshot is finite.
    this.#g.params.set(this.#backupG);
    this.#d.params.set(this.#backupD);
    this.#diverged = why;
    return false;
  }

  #setLearningRates(): void {
    const c = this.#config;
    const factor = c.lrDecay === 'linear' ? 1 - 0.9 * Math.min(1, this.#step / Math.max(1, c.steps)) : 1;
    this.#optG.learningRate = c.learningRateG * factor;
    this.#optD.learningRate = c.learningRateD * factor;
  }

  #oneStep(): boolean {
    this.#setLearningRates();
    let lossD = 0;
    let value = 0;
    for (let k = 0; k < this.#config.dSteps; k++) ({ lossD, value } = this.#dUpdate());
    const lossG = this.#gUpdate();
    if (!(Number.isFinite(lossD) && Number.isFinite(lossG) && allFinite(this.#g.params) && allFinite(this.#d.params))) return false;
    this.#updateEma();
    this.#lossD = lossD;
    this.#lossG = lossG;
    this.#value = value;
    this.#record(this.#step + 1, lossD, lossG);
    return true;
  }

  /** One update of D on a batch of real and generated samples; its loss (penalty included) and the game's value. */
  #dUpdate(): { lossD: number; value: number } {
    const c = this.#config;
    const { size: B, real, z, interp, dLogits } = this.#batch;
    const bp = B / c.pack;
    const g = this.#g;
    const d = this.#d;
    const rng = this.#rng;
    const { loss } = this.#game;
    const r1 = c.gradientPenalty > 0 && c.penaltyKind === 'r1';
    this.#data.sample(rng, real, B);
    rng.fillNormal(z);
    const fake = g.forward(z, B);
    d.zeroGrad();
    const lossReal = loss.batch(d.forward(real, bp), 1, dLogits, bp, 1);
    let penalty = r1 ? d.gradientPenalty(real, bp, c.gradientPenalty, 0, true) : 0;
    d.backward(dLogits, bp);
    const lossFake = loss.batch(d.forward(fake, bp), 0, dLogits, bp, 1);
    d.backward(dLogits, bp);
    if (c.gradientPenalty > 0 && !r1) {
      const dim = this.#data.dim * c.pack;
      // One mixing weight per packed row: the penalty is on D's input, which is the whole pack.
      for (let r = 0; r < bp; r++) {
        const e = rng.next();
        for (let j = r * dim; j < (r + 1) * dim; j++) interp[j] = e * real[j] + (1 - e) * fake[j];
      }
      penalty = d.gradientPenalty(interp, bp, c.gradientPenalty);
    }
    this.#optD.step(d.params, d.grads);
    return { lossD: lossReal + lossFake + penalty, value: -(lossReal + lossFake) };
  }

  /** One update of G through D; G's loss. */
  #gUpdate(): number {
    const c = this.#config;
    const { size: B, z, dLogits } = this.#batch;
    const bp = B / c.pack;
    const g = this.#g;
    const d = this.#d;
    this.#rng.fillNormal(z);
    const fake = g.forward(z, B);
    const lossG = this.#game.loss.batch(d.forward(fake, bp), this.#game.gTarget, dLogits, bp, this.#game.gWeight);
    const dFake = d.backward(dLogits, bp, true, false)!;
    g.zeroGrad();
    g.backward(dFake, B);
    this.#optG.step(g.params, g.grads);
    return lossG;
  }

  descent(points: ArrayLike<number>): Float64Array {
    const c = this.#config;
    const dim = this.#data.dim;
    // D judges packs: the points are packed in order, as G's samples are in a step; a last partial pack is left out.
    const n = Math.floor(points.length / 2 / c.pack) * c.pack;
    const rows = n / c.pack;
    const out = new Float64Array(4 * n);
    if (rows === 0) return out;
    const input = new Float64Array(n * dim);
    for (let i = 0; i < n; i++) {
      input[i * dim] = points[2 * i];
      if (dim === 2) input[i * dim + 1] = points[2 * i + 1];
    }
    const grad = new Float64Array(rows);
    this.#game.loss.batch(this.#d.forward(input, rows), this.#game.gTarget, grad, rows, this.#game.gWeight);
    const dx = this.#d.backward(grad, rows, true, false)!;
    for (let i = 0; i < n; i++) {
      out[4 * i] = points[2 * i];
      out[4 * i + 1] = points[2 * i + 1];
      out[4 * i + 2] = -dx[i * dim];
      out[4 * i + 3] = dim === 2 ? -dx[i * dim + 1] : 0;
    }
    this.#flagNonFinite(sanitize(out));
    return out;
  }

  #updateEma(): void {
    const decay = this.#config.emaDecay;
    if (decay === 0) return;
    if (!this.#ema || this.#emaSum.length !== this.#g.params.length) {
      this.#ema = new Mlp(this.#g.sizes, this.#g.activations.map((a) => a.name), new Random(0));
      this.#emaSum = new Float64Array(this.#g.params.length);
      this.#emaWeight = 0;
    }
    // An average started at zero and divided by its total weight (Adam's bias correction), so it
    // uses the full decay from the first step without being dragged towards zero or the start.
    const e = this.#emaSum;
    const p = this.#g.params;
    for (let i = 0; i < e.length; i++) e[i] = decay * e[i] + (1 - decay) * p[i];
    this.#emaWeight = decay * this.#emaWeight + (1 - decay);
    this.#emaStale = true;
  }

  #record(step: number, lossD: number, lossG: number): void {
    if (step % this.#hStride !== 0) return;
    this.#hSteps.push(step);
    this.#hD.push(lossD);
    this.#hG.push(lossG);
    if (this.#hSteps.length >= HISTORY_CAP) {
      // Keep every other point and record half as often from now on: bounded memory, whole run shown.
      const keep = (a: number[]) => a.filter((_, i) => i % 2 === 1);
      this.#hSteps = keep(this.#hSteps);
      this.#hD = keep(this.#hD);
      this.#hG = keep(this.#hG);
      this.#hStride *= 2;
    }
  }

  /** The generator that samples are drawn from: the weight average when there is one. */
  get #sampler(): Mlp {
    const ema = this.#ema;
    if (!ema) return this.#g;
    if (this.#emaStale) {
      const w = 1 / this.#emaWeight;
      const e = this.#emaSum;
      for (let i = 0; i < e.length; i++) ema.params[i] = e[i] * w;
      this.#emaStale = false;
    }
    return ema;
  }

  samples(): Float64Array {
    return this.#generate(METRIC_SAMPLES);
  }

  /** G's points for the first n of the fixed latent points, as [n][2]. */
  #generate(n: number): Float64Array {
    const z = this.#evalZ.subarray(0, n * this.#config.latentDim);
    const out = new Float64Array(this.#sampler.forward(z, n));
    this.#flagNonFinite(sanitize(out));
    return toPlane(out, this.#data.dim);
  }

  #flagNonFinite(bad: number): void {
    if (bad > 0 && !this.#diverged) this.#diverged = `diverged at step ${this.#step}: learning rate too high?`;
  }

  snapshot(options: SnapshotOptions = {}): GanSnapshot {
    const c = this.#config;
    const n = Math.max(1, Math.min(METRIC_SAMPLES, Math.floor(options.samples ?? 512)));
    const side = Math.max(2, Math.min(256, Math.floor(options.heatmap ?? 48)));
    const mSide = Math.max(2, Math.min(64, Math.floor(options.manifold ?? 16)));
    const wantMetrics = options.metrics ?? true;
    // Without metrics only the plotted points are generated: a frame should not pay for 2,500.
    const all = wantMetrics ? this.samples() : this.#generate(n);
    let metrics: GanMetrics | null = null;
    if (wantMetrics) {
      const m = modeMetrics(all, this.#data.modes, this.#data.std);
      const jsd = jsDivergence(this.#real, all, { bounds: this.#data.bounds, bins: JS_BINS });
      metrics = { ...m, jsd };
    }
    return {
      step: this.#step,
      diverged: this.#diverged,
      config: c,
      real: this.#real.slice(0, 2 * n),
      fake: all.slice(0, 2 * n),
      heatmap: this.#heatmap(side),
      manifold: this.#manifold(mSide),
      lossD: this.#lossD,
      lossG: this.#lossG,
      value: this.#value,
      valueOptimum: this.#game.optimum,
      history: { steps: Float64Array.from(this.#hSteps), lossD: Float64Array.from(this.#hD), lossG: Float64Array.from(this.#hG) },
      metrics,
    };
  }

  #heatmap(side: number): HeatMap {
    const b = this.#data.bounds;
    const dim = this.#data.dim;
    const pack = this.#config.pack;
    const n = side * side;
    // D sees packs; a point's heat is D of a pack of copies of that point.
    const input = new Float64Array(n * dim * pack);
    for (let r = 0; r < side; r++) {
      for (let col = 0; col < side; col++) {
        const i = r * side + col;
        const x = b.xMin + ((col + 0.5) * (b.xMax - b.xMin)) / side;
        const y = b.yMin + ((r + 0.5) * (b.yMax - b.yMin)) / side;
        for (let p = 0; p < pack; p++) {
          input[(i * pack + p) * dim] = x;
          if (dim === 2) input[(i * pack + p) * dim + 1] = y;
        }
      }
    }
    const values = new Float64Array(this.#d.forward(input, n));
    const kind = this.#game.heat;
    if (kind === 'probability') for (let i = 0; i < n; i++) values[i] = 1 / (1 + Math.exp(-values[i]));
    this.#flagNonFinite(sanitize(values));
    return { bounds: b, width: side, height: side, values, kind };
  }

  #manifold(side: number): Manifold {
    const latent = this.#config.latentDim;
    const extent = 2;
    const rows = latent >= 2 ? side : 1;
    const z = new Float64Array(rows * side * latent);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < side; j++) {
        const o = (i * side + j) * latent;
        z[o] = -extent + (2 * extent * j) / (side - 1);
        if (latent >= 2) z[o + 1] = -extent + (2 * extent * i) / (side - 1);
      }
    }
    const out = new Float64Array(this.#sampler.forward(z, rows * side));
    this.#flagNonFinite(sanitize(out));
    return { rows, cols: side, extent, points: toPlane(out, this.#data.dim) };
  }
}

/** A trainer for the defaults overlaid with `config`; throws a RangeError for a bad setting. */
export function createGanTrainer(config: Partial<GanConfig> = {}): GanTrainer {
  return new Trainer(config);
}
