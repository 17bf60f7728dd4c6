/**
 * Fit by maximum likelihood: a Gaussian, or a mixture of K Gaussians, on 1-D data, either by
 * gradient ascent on the average log-likelihood or by EM. A single Gaussian is the mixture with
 * K = 1, so one code path serves both; there the closed form (sample mean, biased sample
 * standard deviation) is the optimum the plot marks and the tests compare against.
 *
 * Gradient ascent works on unconstrained parameters, so any step is a valid model: weight logits
 * a_k (π = softmax(a)), means μ_k and log standard deviations s_k = log σ_k.
 */
import { checkSteps } from './limits';
import { ThinnedHistory } from './history';
import { DivergenceWatch } from './divergence';
import { createOptimizer, type Optimizer, type OptimizerName } from './optimizers';
import { Random } from './random';
import { boundsOf, sampleSurface, type Surface } from './surface';

/** `gaussian` is one component; `mixture` has `components` of them. */
export type MleModel = 'gaussian' | 'mixture';

/** `gradient` ascends the log-likelihood with an optimizer; `em` alternates E and M steps. */
export type MleMethod = 'gradient' | 'em';

/** The model names, in menu order. */
export const MLE_MODELS: readonly MleModel[] = ['gaussian', 'mixture'];

/** The method names, in menu order. */
export const MLE_METHODS: readonly MleMethod[] = ['gradient', 'em'];

/** Everything that defines a fit. `DEFAULT_MLE_CONFIG` holds the defaults. */
export interface MleConfig {
  readonly model: MleModel;
  readonly method: MleMethod;
  /** Components of a mixture (ignored for `gaussian`, which has 1). */
  readonly components: number;
  /** Points drawn from the model's true distribution when `data` is not given. */
  readonly samples: number;
  /** The data to fit; when absent, `samples` points are drawn with `seed`. */
  readonly data?: readonly number[] | Float64Array;
  /** The optimizer of gradient ascent (it minimizes the negative average log-likelihood). */
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** Iterations the CLI and the tests run: optimizer steps, or EM iterations. */
  readonly steps: number;
  readonly seed: number;
  /** Surface nodes per side. */
  readonly surfaceSize: number;
}

/**
 * The defaults: 500 points, heavy-ball momentum at 0.05 (plain gradient ascent is slow along μ,
 * whose curvature 1/σ² is small, and unstable along log σ early on, where it is large), 300 steps.
 * On seeds 1-5 the Gaussian fit is within 1e-6 of the closed form after 300 steps.
 */
export const DEFAULT_MLE_CONFIG: Readonly<MleConfig> = Object.freeze({
  model: 'gaussian',
  method: 'gradient',
  components: 2,
  samples: 500,
  optimizer: 'momentum',
  learningRate: 0.05,
  steps: 300,
  seed: 1,
  surfaceSize: 48,
} satisfies MleConfig);

/** A mixture's parameters; a Gaussian has one entry in each list. */
export interface MixtureParams {
  readonly weights: readonly number[];
  readonly means: readonly number[];
  readonly sigmas: readonly number[];
}

/** The distributions the default data are drawn from. */
export const MLE_TRUTH: Readonly<Record<MleModel, MixtureParams>> = Object.freeze({
  gaussian: { weights: [1], means: [1], sigmas: [1.5] },
  mixture: { weights: [0.3, 0.7], means: [-2, 1.5], sigmas: [0.6, 0.9] },
});

/** What the panel plots and the CLI prints. */
export interface MleSnapshot {
  readonly config: Readonly<MleConfig>;
  /** Gradient steps or EM iterations taken. */
  readonly step: number;
  /** A message once a parameter stopped being finite, else null. */
  readonly diverged: string | null;
  readonly data: Float64Array;
  /** The current parameters in the model's own component order (the path's order). */
  readonly current: MixtureParams;
  /** The current parameters with components sorted by mean, comparable with `closedForm`. */
  readonly estimate: MixtureParams;
  /**
   * The optimum, components sorted by mean: exact for a Gaussian; a mixture has no closed form,
   * so there it is EM from the same start run until the log-likelihood stops changing.
   */
  readonly closedForm: MixtureParams;
  /** `exact` for a Gaussian, `em-converged` for a mixture (see `closedForm`). */
  readonly closedFormKind: 'exact' | 'em-converged';
  /** Average log-likelihood per point, in nats, of the estimate and of the optimum. */
  readonly logLikelihood: number;
  readonly closedFormLogLikelihood: number;
  /** The log-likelihood after each step, step 0 (the start) first. */
  readonly history: readonly { readonly step: number; readonly logLikelihood: number }[];
  /**
   * The average log-likelihood on a grid: over (μ, σ) for a Gaussian; for a mixture over
   * (μ₁, μ₂) with the other parameters held at their current values (a slice of a surface of
   * 3K - 1 dimensions, which shows the two symmetric optima of label switching). Null when the
   * snapshot was asked without it.
   */
  readonly surface: Surface | null;
  /** The parameters' path in the surface's coordinates, as (x, y) pairs, the start first. */
  readonly path: Float64Array;
  /** The optimum in the surface's coordinates. */
  readonly optimum: readonly [number, number];
}

/** A running fit. */
export interface MleFitter {
  readonly config: Readonly<MleConfig>;
  readonly stepCount: number;
  readonly diverged: string | null;
  /** Runs `count` steps; false once diverged. */
  step(count?: number): boolean;
  snapshot(options?: MleSnapshotOptions): MleSnapshot;
}

/** What a snapshot should include. */
export interface MleSnapshotOptions {
  /**
   * Compute the surface (true by default). A mixture's costs a pass over the data per node
   * (about 0.1 s for 500 points on 48 × 48 nodes), so an animation may ask for it less often.
   */
  readonly surface?: boolean;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** EM collapses a component onto one point when allowed to; the floor keeps σ and the log-likelihood finite. */
const SIGMA_FLOOR = 1e-3;
/** The path is thinned beyond this many points, so a long run's snapshot stays small. */
const MAX_PATH = 2000;

/** The defaults overlaid with `partial`, checked: a RangeError names the first bad setting. */
export function resolveMleConfig(partial: Partial<MleConfig> = {}): MleConfig {
  const c: MleConfig = { ...DEFAULT_MLE_CONFIG, ...partial };
  const int = (name: keyof MleConfig, min: number) => {
    const v = c[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new RangeError(`${name} must be a whole number of at least ${min}, got ${String(v)}`);
  };
  if (!MLE_MODELS.includes(c.model)) throw new RangeError(`unknown model '${String(c.model)}' (have: ${MLE_MODELS.join(', ')})`);
  if (!MLE_METHODS.includes(c.method)) throw new RangeError(`unknown method '${String(c.method)}' (have: ${MLE_METHODS.join(', ')})`);
  int('components', 1);
  int('samples', 2);
  checkSteps(c.steps);
  int('surfaceSize', 2);
  if (!Number.isFinite(c.seed)) throw new RangeError(`seed must be a finite number, got ${c.seed}`);
  if (!(c.learningRate > 0 && Number.isFinite(c.learningRate))) throw new RangeError(`learningRate must be a positive number, got ${c.learningRate}`);
  if (c.data !== undefined) {
    if (c.data.length < 2) throw new RangeError(`data needs at least 2 points, got ${c.data.length}`);
    for (const x of c.data) if (!Number.isFinite(x)) throw new RangeError(`data must be finite numbers, got ${x}`);
  }
  return c;
}

/** Draws `n` points from a mixture. */
export function sampleMixture(params: MixtureParams, n: number, rng: Random): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let u = rng.next();
    let k = 0;
    while (k < params.weights.length - 1 && u >= params.weights[k]) u -= params.weights[k++];
    out[i] = params.means[k] + params.sigmas[k] * rng.normal();
  }
  return out;
}

/** The average log-likelihood per point of `data` under the mixture, in nats (log-sum-exp, so far tails stay finite). */
export function mixtureLogLikelihood(data: ArrayLike<number>, params: MixtureParams): number {
  const K = params.weights.length;
  // log π_k - log σ_k - log √(2π), once per component rather than once per point.
  const c = params.weights.map((w, k) => Math.log(w) - Math.log(params.sigmas[k]) - LOG_SQRT_2PI);
  const inv = params.sigmas.map((s) => 1 / s);
  const terms = new Float64Array(K);
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      const z = (data[i] - params.means[k]) * inv[k];
      const t = (terms[k] = c[k] - 0.5 * z * z);
      if (t > max) max = t;
    }
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(terms[k] - max);
    total += max + Math.log(s);
  }
  return total / data.length;
}

/** The closed-form Gaussian MLE: the sample mean and the biased (divide by n) standard deviation. */
export function gaussianClosedForm(data: ArrayLike<number>): { mu: number; sigma: number } {
  let mean = 0;
  for (let i = 0; i < data.length; i++) mean += data[i];
  mean /= data.length;
  let sq = 0;
  for (let i = 0; i < data.length; i++) sq += (data[i] - mean) ** 2;
  return { mu: mean, sigma: Math.sqrt(sq / data.length) };
}

/**
 * Responsibilities r[i][k] = π_k N(x_i | μ_k, σ_k) / Σ_j π_j N(x_i | μ_j, σ_j) into `r`
 * (row-major [n][K]); returns the average log-likelihood, which comes out of the same sums.
 */
function responsibilities(data: Float64Array, p: MixtureParams, r: Float64Array): number {
  const K = p.weights.length;
  const c = p.weights.map((w, k) => Math.log(w) - Math.log(p.sigmas[k]) - LOG_SQRT_2PI);
  const inv = p.sigmas.map((s) => 1 / s);
  let total = 0;
  for (let i = 0; i < data.length; i++) {
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      const z = (data[i] - p.means[k]) * inv[k];
      const t = c[k] - 0.5 * z * z;
      r[i * K + k] = t;
      if (t > max) max = t;
    }
    let s = 0;
    for (let k = 0; k < K; k++) s += r[i * K + k] = Math.exp(r[i * K + k] - max);
    for (let k = 0; k < K; k++) r[i * K + k] /= s;
    total += max + Math.log(s);
  }
  return total / data.length;
}

/** One EM iteration from `p`: the M step's weighted counts, means and standard deviations. */
export function emStep(data: Float64Array, p: MixtureParams, r: Float64Array = new Float64Array(data.length * p.weights.length)): MixtureParams {
  responsibilities(data, p, r);
  return mStep(data, p, r);
}

/** The M step from responsibilities `r` already computed for `p`. */
function mStep(data: Float64Array, p: MixtureParams, r: Float64Array): MixtureParams {
  const K = p.weights.length;
  const weights: number[] = [];
  const means: number[] = [];
  const sigmas: number[] = [];
  for (let k = 0; k < K; k++) {
    let nk = 0;
    let sx = 0;
    for (let i = 0; i < data.length; i++) {
      nk += r[i * K + k];
      sx += r[i * K + k] * data[i];
    }
    // A component nobody claims keeps its place rather than dividing by zero.
    const mean = nk > 0 ? sx / nk : p.means[k];
    let sq = 0;
    for (let i = 0; i < data.length; i++) sq += r[i * K + k] * (data[i] - mean) ** 2;
    weights.push(Math.max(nk / data.length, 1e-12));
    means.push(mean);
    sigmas.push(Math.max(nk > 0 ? Math.sqrt(sq / nk) : p.sigmas[k], SIGMA_FLOOR));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return { weights: weights.map((w) => w / total), means, sigmas };
}

function fromVector(theta: Float64Array, K: number): MixtureParams {
  const a = Array.from(theta.subarray(0, K));
  const max = Math.max(...a);
  const e = a.map((x) => Math.exp(x - max));
  const sum = e.reduce((x, y) => x + y, 0);
  return { weights: e.map((x) => x / sum), means: Array.from(theta.subarray(K, 2 * K)), sigmas: Array.from(theta.subarray(2 * K, 3 * K), Math.exp) };
}

function toVector(p: MixtureParams): Float64Array {
  return Float64Array.from([...p.weights.map(Math.log), ...p.means, ...p.sigmas.map(Math.log)]);
}

/**
 * The gradient of the NEGATIVE average log-likelihood in (a, μ, s), since the optimizers
 * minimize: with responsibilities r_ik, ∂ℓ/∂a_k = mean(r_ik) - π_k, ∂ℓ/∂μ_k = mean(r_ik (x_i - μ_k)) / σ_k²,
 * ∂ℓ/∂s_k = mean(r_ik ((x_i - μ_k)² / σ_k² - 1)).
 */
function negGradient(data: Float64Array, p: MixtureParams, r: Float64Array, out: Float64Array): void {
  const K = p.weights.length;
  const n = data.length;
  responsibilities(data, p, r);
  for (let k = 0; k < K; k++) {
    let sr = 0;
    let sd = 0;
    let sq = 0;
    const v = p.sigmas[k] ** 2;
    for (let i = 0; i < n; i++) {
      const rk = r[i * K + k];
      const d = data[i] - p.means[k];
      sr += rk;
      sd += rk * d;
      sq += rk * (d * d / v - 1);
    }
    out[k] = -(sr / n - p.weights[k]);
    out[K + k] = -(sd / n / v);
    out[2 * K + k] = -(sq / n);
  }
}

function sortedByMean(p: MixtureParams): MixtureParams {
  const order = p.means.map((_, k) => k).sort((i, j) => p.means[i] - p.means[j]);
  return { weights: order.map((k) => p.weights[k]), means: order.map((k) => p.means[k]), sigmas: order.map((k) => p.sigmas[k]) };
}

function quantile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * The start, the same for both methods so their paths compare: a Gaussian starts at the 10%
 * quantile with half the data's spread (so the path visibly moves in both μ and σ); a mixture
 * spreads its means over the quantiles (k + ½)/K with equal weights and σ = spread / K.
 */
function initialParams(data: Float64Array, K: number): MixtureParams {
  const sorted = Float64Array.from(data).sort();
  const sd = gaussianClosedForm(data).sigma;
  if (K === 1) return { weights: [1], means: [quantile(sorted, 0.1)], sigmas: [sd / 2] };
  return {
    weights: Array.from({ length: K }, () => 1 / K),
    means: Array.from({ length: K }, (_, k) => quantile(sorted, (k + 0.5) / K)),
    sigmas: Array.from({ length: K }, () => sd / K),
  };
}

/** EM until the log-likelihood gains less than 1e-13 nats per point (or 5,000 iterations). */
function emConverged(data: Float64Array, start: MixtureParams): MixtureParams {
  const r = new Float64Array(data.length * start.weights.length);
  let p = start;
  let ll = -Infinity;
  for (let it = 0; it < 5000; it++) {
    // The E step yields the log-likelihood of the parameters it starts from, so no extra pass is needed.
    const before = responsibilities(data, p, r);
    if (before - ll < 1e-13) break;
    ll = before;
    p = mStep(data, p, r);
  }
  return p;
}

class Fitter implements MleFitter {
  readonly config: Readonly<MleConfig>;
  readonly #data: Float64Array;
  readonly #K: number;
  readonly #r: Float64Array;
  readonly #grad: Float64Array;
  readonly #theta: Float64Array;
  readonly #optimizer: Optimizer;
  readonly #optimum: MixtureParams;
  readonly #history = new ThinnedHistory<{ step: number; logLikelihood: number }>();
  #path: number[] = [];
  #pathStride = 1;
  #params: MixtureParams;
  #step = 0;
  #diverged: string | null = null;
  readonly #watch = new DivergenceWatch();

  constructor(config: MleConfig) {
    this.config = Object.freeze({ ...config });
    this.#K = config.model === 'gaussian' ? 1 : config.components;
    this.#data = config.data ? Float64Array.from(config.data) : sampleMixture(MLE_TRUTH[config.model === 'gaussian' ? 'gaussian' : 'mixture'], config.samples, new Random(config.seed));
    this.#r = new Float64Array(this.#data.length * this.#K);
    this.#grad = new Float64Array(3 * this.#K);
    this.#params = initialParams(this.#data, this.#K);
    this.#theta = toVector(this.#params);
    this.#optimizer = createOptimizer(config.optimizer, this.#theta.length, { learningRate: config.learningRate, beta1: 0.9 });
    if (this.#K === 1) {
      const cf = gaussianClosedForm(this.#data);
      this.#optimum = { weights: [1], means: [cf.mu], sigmas: [cf.sigma] };
    } else {
      this.#optimum = emConverged(this.#data, this.#params);
    }
    this.#record();
  }

  get stepCount(): number {
    return this.#step;
  }

  get diverged(): string | null {
    return this.#diverged;
  }

  #coords(p: MixtureParams): [number, number] {
    return this.#K === 1 ? [p.means[0], p.sigmas[0]] : [p.means[0], p.means[1]];
  }

  #record(): void {
    this.#history.push({ step: this.#step, logLikelihood: mixtureLogLikelihood(this.#data, this.#params) });
    if (this.#step % this.#pathStride === 0) {
      this.#path.push(...this.#coords(this.#params));
      if (this.#path.length > 2 * MAX_PATH) {
        // Keeping every other point halves the path while still spanning the whole run.
        this.#path = this.#path.filter((_, i) => Math.floor(i / 2) % 2 === 0);
        this.#pathStride *= 2;
      }
    }
  }

  step(count = 1): boolean {
    for (let i = 0; i < count; i++) {
      if (this.#diverged) return false;
      let next: MixtureParams;
      if (this.config.method === 'em') {
        next = emStep(this.#data, this.#params, this.#r);
      } else {
        negGradient(this.#data, this.#params, this.#r, this.#grad);
        this.#optimizer.step(this.#theta, this.#grad);
        next = fromVector(this.#theta, this.#K);
      }
      // Only the parameters are watched: the likelihood would cost another pass over the data.
      const why = next.sigmas.some((s) => !(s > 0)) ? `diverged at step ${this.#step + 1}: a standard deviation reached ${Math.min(...next.sigmas)}; learning rate too high?` : this.#watch.observe(this.#step + 1, 0, [next.weights, next.means, next.sigmas]);
      if (why) {
        this.#diverged = why;
        return false;
      }
      this.#params = next;
      this.#step++;
      this.#record();
    }
    return true;
  }

  #surface(): Surface {
    const size = this.config.surfaceSize;
    const data = this.#data;
    const p = this.#params;
    const opt = this.#coords(this.#optimum);
    if (this.#K === 1) {
      // One Gaussian's log-likelihood needs only the mean and the mean square of the data, so each node costs O(1).
      const cf = gaussianClosedForm(data);
      const m2 = cf.sigma ** 2 + cf.mu ** 2;
      const box = boundsOf([...this.#path, ...opt]);
      box.yMin = Math.max(box.yMin, 0.05 * cf.sigma);
      return sampleSurface(['μ', 'σ'], box, size, size, (mu, sigma) => -LOG_SQRT_2PI - Math.log(sigma) - (m2 - 2 * mu * cf.mu + mu * mu) / (2 * sigma * sigma));
    }
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of data) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    const box = boundsOf([lo, lo, hi, hi, ...this.#path], 0.05);
    return sampleSurface(['μ₁', 'μ₂'], box, size, size, (m1, m2) => mixtureLogLikelihood(data, { ...p, means: [m1, m2, ...p.means.slice(2)] }));
  }

  snapshot(options: MleSnapshotOptions = {}): MleSnapshot {
    const o = this.#coords(this.#optimum);
    return {
      config: this.config,
      step: this.#step,
      diverged: this.#diverged,
      data: Float64Array.from(this.#data),
      current: this.#params,
      estimate: sortedByMean(this.#params),
      closedForm: sortedByMean(this.#optimum),
      closedFormKind: this.#K === 1 ? 'exact' : 'em-converged',
      logLikelihood: this.#history.latest!.logLikelihood,
      closedFormLogLikelihood: mixtureLogLikelihood(this.#data, this.#optimum),
      history: this.#history.points(),
      surface: options.surface === false ? null : this.#surface(),
      path: Float64Array.from(this.#path),
      optimum: [o[0], o[1]],
    };
  }
}

/** A fit at step 0 with the defaults overlaid with `config` (a RangeError names a bad setting). */
export function createMleFitter(config: Partial<MleConfig> = {}): MleFitter {
  return new Fitter(resolveMleConfig(config));
}
