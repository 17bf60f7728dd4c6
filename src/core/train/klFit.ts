/**
 * Fit KL, forward against reverse: one Gaussian q = N(μ, σ²) fitted to a bimodal p by gradient
 * descent on (μ, log σ), once minimizing KL(p‖q) and once KL(q‖p), from the same start.
 * Forward KL punishes q for missing any of p's mass, so q spreads over both modes (mode
 * covering); reverse KL punishes q for putting mass where p has none, so q settles on one mode
 * (mode seeking).
 *
 * Both divergences and their gradients come from fixed quadrature, not sampling, so every run
 * gives the same numbers: forward KL integrates over a regular grid in x (p is fixed, so the grid
 * can be); reverse KL is an expectation under q, so it uses the reparameterization x = μ + σz on
 * a fixed grid of z nodes weighted by the standard normal density.
 */
import { checkSteps } from './limits';
import { ThinnedHistory } from './history';
import { createOptimizer, type Optimizer, type OptimizerName } from './optimizers';
import type { MixtureParams } from './mleFit';

/** One Gaussian, as the fit reports it. */
export interface GaussianParams {
  readonly mu: number;
  readonly sigma: number;
}

/** Everything that defines a run. `DEFAULT_KL_FIT_CONFIG` holds the defaults. */
export interface KlFitConfig {
  /** The target p, a mixture of Gaussians. */
  readonly target: MixtureParams;
  /**
   * Where both fits start. Not near μ = 0: there p's symmetry makes ∂KL(q‖p)/∂μ vanish, and for
   * this p the wide, centred q (μ = 0, σ ≈ 1.74, KL ≈ 1.87 nats) is a local minimum of the reverse
   * KL, which starts like (0.5, 1) fall into instead of choosing a mode (KL ≈ log 2).
   */
  readonly start: GaussianParams;
  readonly optimizer: OptimizerName;
  readonly learningRate: number;
  /** Gradient steps the CLI and the tests run. */
  readonly steps: number;
  /** Points of the density curves in `densities`. */
  readonly plotPoints: number;
}

/**
 * The defaults: p = ½N(−2, 0.5²) + ½N(2, 0.5²), both fits from μ = 1, σ = 1, plain gradient
 * descent at 0.1 for 500 steps. The step size is bounded by the reverse fit's stiff directions
 * (∂²KL/∂μ² = 1/σ² = 4 at the mode, so η < 0.5, and at 0.2 some starts already fall into a
 * 2-cycle on the way); the forward fit's slow direction (1/σ² = 1/4.25) then needs a few hundred
 * steps, and after 500 both are within 1e-5 of their optima.
 */
export const DEFAULT_KL_FIT_CONFIG: Readonly<KlFitConfig> = Object.freeze({
  target: Object.freeze({ weights: [0.5, 0.5], means: [-2, 2], sigmas: [0.5, 0.5] }),
  start: Object.freeze({ mu: 1, sigma: 1 }),
  optimizer: 'sgd',
  learningRate: 0.1,
  steps: 500,
  plotPoints: 241,
} satisfies KlFitConfig);

/** One fit's state. */
export interface KlFitState extends GaussianParams {
  /** The divergence it minimizes, at (μ, σ), in nats. */
  readonly kl: number;
}

/** What the panel plots and the CLI prints. */
export interface KlFitSnapshot {
  readonly config: Readonly<KlFitConfig>;
  readonly step: number;
  /** A message once a parameter stopped being finite, else null. */
  readonly diverged: string | null;
  /** The fit minimizing KL(p‖q): mode covering. */
  readonly forward: KlFitState;
  /** The fit minimizing KL(q‖p): mode seeking. */
  readonly reverse: KlFitState;
  /** Both divergences after each step, step 0 (the start) first. */
  readonly history: readonly { readonly step: number; readonly forward: number; readonly reverse: number }[];
  /** Each fit's path as (μ, σ) pairs, the start first. */
  readonly forwardPath: Float64Array;
  readonly reversePath: Float64Array;
  /** p and both q's at `x`, a regular grid over p's support with a margin. */
  readonly densities: { readonly x: Float64Array; readonly p: Float64Array; readonly qForward: Float64Array; readonly qReverse: Float64Array };
}

/** A running pair of fits. */
export interface KlFitter {
  readonly config: Readonly<KlFitConfig>;
  readonly stepCount: number;
  readonly diverged: string | null;
  /** Runs `count` steps of both fits; false once either diverged. */
  step(count?: number): boolean;
  snapshot(): KlFitSnapshot;
}

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);
/** Grid spacing of both quadratures: trapezoid sums of smooth, Gaussian-tailed integrands converge faster than any power of it. */
const H = 0.01;
/** z nodes span ±Z_MAX standard deviations of q; the normal density beyond is below 1e-14. */
const Z_MAX = 8;

/** The defaults overlaid with `partial`, checked: a RangeError names the first bad setting. */
export function resolveKlFitConfig(partial: Partial<KlFitConfig> = {}): KlFitConfig {
  const c: KlFitConfig = { ...DEFAULT_KL_FIT_CONFIG, ...partial };
  const t = c.target;
  if (t.weights.length < 1 || t.means.length !== t.weights.length || t.sigmas.length !== t.weights.length) throw new RangeError('target needs as many weights, means and sigmas, at least one each');
  if (!t.weights.every((w) => w > 0 && Number.isFinite(w)) || Math.abs(t.weights.reduce((a, b) => a + b, 0) - 1) > 1e-9) throw new RangeError('target weights must be positive and sum to 1');
  if (!t.sigmas.every((s) => s > 0 && Number.isFinite(s)) || !t.means.every(Number.isFinite)) throw new RangeError('target means must be finite and sigmas positive');
  if (!Number.isFinite(c.start.mu) || !(c.start.sigma > 0 && Number.isFinite(c.start.sigma))) throw new RangeError(`start needs a finite mu and a positive sigma, got ${c.start.mu}, ${c.start.sigma}`);
  if (!(c.learningRate > 0 && Number.isFinite(c.learningRate))) throw new RangeError(`learningRate must be a positive number, got ${c.learningRate}`);
  checkSteps(c.steps);
  if (!Number.isInteger(c.plotPoints) || c.plotPoints < 2) throw new RangeError(`plotPoints must be a whole number of at least 2, got ${c.plotPoints}`);
  return c;
}

/**
 * log p(x) and its score d log p / dx for a Gaussian mixture, by log-sum-exp so the far tails
 * stay finite. The per-component constants are computed once: the reverse fit evaluates this at
 * every quadrature node of every step.
 */
class MixtureDensity {
  readonly #means: Float64Array;
  readonly #invVar: Float64Array;
  /** log π_k - log σ_k - log √(2π). */
  readonly #c: Float64Array;
  readonly #terms: Float64Array;
  /** Set by `at`: log p(x) and d log p / dx. */
  logp = 0;
  score = 0;

  constructor(p: MixtureParams) {
    this.#means = Float64Array.from(p.means);
    this.#invVar = Float64Array.from(p.sigmas, (s) => 1 / (s * s));
    this.#c = Float64Array.from(p.weights, (w, k) => Math.log(w) - Math.log(p.sigmas[k]) - LOG_SQRT_2PI);
    this.#terms = new Float64Array(p.weights.length);
  }

  at(x: number): this {
    const K = this.#c.length;
    let max = -Infinity;
    for (let k = 0; k < K; k++) {
      const d = x - this.#means[k];
      const t = (this.#terms[k] = this.#c[k] - 0.5 * d * d * this.#invVar[k]);
      if (t > max) max = t;
    }
    let s = 0;
    let ds = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(this.#terms[k] - max);
      s += e;
      // Each component's own score -(x - m_k)/σ_k², weighted by its responsibility e/s.
      ds -= e * (x - this.#means[k]) * this.#invVar[k];
    }
    this.logp = max + Math.log(s);
    this.score = ds / s;
    return this;
  }
}

function logNormal(x: number, mu: number, sigma: number): number {
  const z = (x - mu) / sigma;
  return -Math.log(sigma) - LOG_SQRT_2PI - 0.5 * z * z;
}

/**
 * KL(p‖q) and its gradient in (μ, s = log σ) on the fixed x grid. Only p's first two moments
 * enter the gradient, ∂/∂μ = -(E_p x - μ)/σ² and ∂/∂s = 1 - E_p(x - μ)²/σ², so the optimum is
 * moment matching: μ = E_p x, σ² = Var_p x.
 */
class ForwardKl {
  readonly #x: Float64Array;
  /** Trapezoid weight times p(x) at each node. */
  readonly #wp: Float64Array;
  /** ∫ p log p, fixed. */
  readonly #negEntropy: number;
  readonly #m1: number;
  readonly #m2: number;

  constructor(target: MixtureParams) {
    const lo = Math.min(...target.means.map((m, k) => m - 12 * target.sigmas[k]));
    const hi = Math.max(...target.means.map((m, k) => m + 12 * target.sigmas[k]));
    const n = Math.ceil((hi - lo) / H) + 1;
    this.#x = new Float64Array(n);
    this.#wp = new Float64Array(n);
    let negEntropy = 0;
    let mass = 0;
    let m1 = 0;
    let m2 = 0;
    const density = new MixtureDensity(target);
    for (let i = 0; i < n; i++) {
      const x = (this.#x[i] = lo + i * H);
      const logp = density.at(x).logp;
      const w = (i === 0 || i === n - 1 ? H / 2 : H) * Math.exp(logp);
      this.#wp[i] = w;
      mass += w;
      m1 += w * x;
      m2 += w * x * x;
      negEntropy += w * logp;
    }
    this.#negEntropy = negEntropy / mass;
    this.#m1 = m1 / mass;
    this.#m2 = m2 / mass;
    for (let i = 0; i < n; i++) this.#wp[i] /= mass;
  }

  value(mu: number, sigma: number): number {
    let cross = 0;
    for (let i = 0; i < this.#x.length; i++) cross += this.#wp[i] * logNormal(this.#x[i], mu, sigma);
    return this.#negEntropy - cross;
  }

  gradient(mu: number, sigma: number, out: Float64Array): void {
    const v = sigma * sigma;
    out[0] = -(this.#m1 - mu) / v;
    out[1] = 1 - (this.#m2 - 2 * mu * this.#m1 + mu * mu) / v;
  }
}

/**
 * KL(q‖p) = -H(q) - E_q log p and its gradient in (μ, s), with E_q f = Σ w_j f(μ + σ z_j) over
 * fixed nodes z_j. H(q) = ½ log(2πe) + s in closed form; by the reparameterization,
 * ∂/∂μ E_q log p = E[(log p)'(x)] and ∂/∂s E_q log p = E[(log p)'(x) σ z].
 */
class ReverseKl {
  readonly #density: MixtureDensity;
  readonly #z: Float64Array;
  readonly #w: Float64Array;

  constructor(target: MixtureParams) {
    this.#density = new MixtureDensity(target);
    const n = Math.round((2 * Z_MAX) / H) + 1;
    this.#z = new Float64Array(n);
    this.#w = new Float64Array(n);
    let total = 0;
    for (let j = 0; j < n; j++) {
      const z = (this.#z[j] = -Z_MAX + j * H);
      total += this.#w[j] = Math.exp(-0.5 * z * z);
    }
    // Normalizing makes Σ w = 1 exactly, so a constant integrates to itself.
    for (let j = 0; j < n; j++) this.#w[j] /= total;
  }

  value(mu: number, sigma: number): number {
    let e = 0;
    for (let j = 0; j < this.#z.length; j++) e += this.#w[j] * this.#density.at(mu + sigma * this.#z[j]).logp;
    return -(0.5 + LOG_SQRT_2PI + Math.log(sigma)) - e;
  }

  gradient(mu: number, sigma: number, out: Float64Array): void {
    let gm = 0;
    let gs = 0;
    for (let j = 0; j < this.#z.length; j++) {
      const z = this.#z[j];
      const score = this.#density.at(mu + sigma * z).score;
      gm += this.#w[j] * score;
      gs += this.#w[j] * score * sigma * z;
    }
    out[0] = -gm;
    out[1] = -1 - gs;
  }
}

interface Objective {
  value(mu: number, sigma: number): number;
  gradient(mu: number, sigma: number, out: Float64Array): void;
}

/** One side: (μ, log σ) descended on one objective. */
class Side {
  readonly theta: Float64Array;
  readonly #grad = new Float64Array(2);
  readonly #optimizer: Optimizer;
  readonly path: number[] = [];
  kl: number;

  constructor(readonly objective: Objective, config: KlFitConfig) {
    this.theta = Float64Array.of(config.start.mu, Math.log(config.start.sigma));
    this.#optimizer = createOptimizer(config.optimizer, 2, { learningRate: config.learningRate, beta1: 0.9 });
    this.kl = objective.value(config.start.mu, config.start.sigma);
    this.path.push(config.start.mu, config.start.sigma);
  }

  get mu(): number {
    return this.theta[0];
  }

  get sigma(): number {
    return Math.exp(this.theta[1]);
  }

  /** False, leaving the state as it was, when the step would leave the finite numbers. */
  step(): boolean {
    this.objective.gradient(this.mu, this.sigma, this.#grad);
    const before = Float64Array.from(this.theta);
    this.#optimizer.step(this.theta, this.#grad);
    const kl = this.objective.value(this.mu, this.sigma);
    if (!Number.isFinite(this.mu) || !Number.isFinite(this.sigma) || this.sigma <= 0 || !Number.isFinite(kl)) {
      this.theta.set(before);
      return false;
    }
    this.kl = kl;
    this.path.push(this.mu, this.sigma);
    return true;
  }

  state(): KlFitState {
    return { mu: this.mu, sigma: this.sigma, kl: this.kl };
  }
}

class Fitter implements KlFitter {
  readonly config: Readonly<KlFitConfig>;
  readonly #forward: Side;
  readonly #reverse: Side;
  readonly #history = new ThinnedHistory<{ step: number; forward: number; reverse: number }>();
  #step = 0;
  #diverged: string | null = null;

  constructor(config: KlFitConfig) {
    this.config = Object.freeze({ ...config });
    this.#forward = new Side(new ForwardKl(config.target), config);
    this.#reverse = new Side(new ReverseKl(config.target), config);
    this.#history.push({ step: 0, forward: this.#forward.kl, reverse: this.#reverse.kl });
  }

  get stepCount(): number {
    return this.#step;
  }

  get diverged(): string | null {
    return this.#diverged;
  }

  step(count = 1): boolean {
    for (let i = 0; i < count; i++) {
      if (this.#diverged) return false;
      const okF = this.#forward.step();
      const okR = this.#reverse.step();
      if (!okF || !okR) {
        this.#diverged = `the ${!okF ? 'forward' : 'reverse'} fit diverged at step ${this.#step + 1}: learning rate too high?`;
        return false;
      }
      this.#step++;
      this.#history.push({ step: this.#step, forward: this.#forward.kl, reverse: this.#reverse.kl });
    }
    return true;
  }

  snapshot(): KlFitSnapshot {
    const t = this.config.target;
    const lo = Math.min(...t.means.map((m, k) => m - 4 * t.sigmas[k]), this.#forward.mu - 3 * this.#forward.sigma);
    const hi = Math.max(...t.means.map((m, k) => m + 4 * t.sigmas[k]), this.#forward.mu + 3 * this.#forward.sigma);
    const n = this.config.plotPoints;
    const x = new Float64Array(n);
    const p = new Float64Array(n);
    const qForward = new Float64Array(n);
    const qReverse = new Float64Array(n);
    const density = new MixtureDensity(t);
    for (let i = 0; i < n; i++) {
      x[i] = lo + ((hi - lo) * i) / (n - 1);
      p[i] = Math.exp(density.at(x[i]).logp);
      qForward[i] = Math.exp(logNormal(x[i], this.#forward.mu, this.#forward.sigma));
      qReverse[i] = Math.exp(logNormal(x[i], this.#reverse.mu, this.#reverse.sigma));
    }
    return {
      config: this.config,
      step: this.#step,
      diverged: this.#diverged,
      forward: this.#forward.state(),
      reverse: this.#reverse.state(),
      history: this.#history.points(),
      forwardPath: Float64Array.from(this.#forward.path),
      reversePath: Float64Array.from(this.#reverse.path),
      densities: { x, p, qForward, qReverse },
    };
  }
}

/** Both fits at step 0 with the defaults overlaid with `config` (a RangeError names a bad setting). */
export function createKlFitter(config: Partial<KlFitConfig> = {}): KlFitter {
  return new Fitter(resolveKlFitConfig(config));
}
