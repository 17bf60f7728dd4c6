/**
 * The gradient descent explorer: plain gradient descent, heavy-ball momentum and Adam from one
 * start point on a 2-D function, with the function's contour grid. On the quadratic
 * f(θ) = ½ θᵀ A θ with A = diag(L, m), L ≥ m > 0, plain GD multiplies the error along the
 * steepest axis by (1 - ηL) each step, so it converges exactly when η < 2/L and blows up past
 * it; the explorer says which side of that line a learning rate is on.
 *
 * A whole run is a few thousand 2-D steps, so paths are computed at once rather than stepped.
 */
import { checkSteps } from './limits';
import { createOptimizer, type OptimizerName } from './optimizers';
import { sampleSurface, type Surface } from './surface';

/** The functions on offer. */
export type GdFunctionName = 'quadratic' | 'rosenbrock';

/** Their names, in menu order. */
export const GD_FUNCTIONS: readonly GdFunctionName[] = ['quadratic', 'rosenbrock'];

/** The optimizers compared, in menu order. */
export const GD_OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'adam'];

/** Everything that defines a run; `resolveGdConfig` fills what is missing from the function's defaults. */
export interface GdConfig {
  readonly function: GdFunctionName;
  /** η, shared by the three optimizers so their paths compare. */
  readonly learningRate: number;
  /** The step cap. */
  readonly steps: number;
  readonly start: readonly [number, number];
  /** L, the quadratic's largest eigenvalue (the curvature along θ₁). */
  readonly largeEigenvalue: number;
  /** m, its smallest (along θ₂). */
  readonly smallEigenvalue: number;
  /** Momentum's β. */
  readonly momentum: number;
  /** Adam's β₁ and β₂: the textbook 0.9 and 0.999, not the GAN's 0.5, since nothing here fights back. */
  readonly beta1: number;
  readonly beta2: number;
  /** A path that leaves the ball of this radius has blown up; it stops there, so the numbers stay finite and plottable. */
  readonly blowUp: number;
  /** Contour grid nodes per side. */
  readonly gridSize: number;
}

/**
 * Per-function defaults: on the quadratic (L = 10, m = 1) η = 0.1 = 1/L from (-4, 3) for 100
 * steps; on Rosenbrock (a = 1, b = 100) η = 1e-3 from the classic (-1.2, 1) for 2,000 steps,
 * where plain GD crawls along the curved valley that momentum and Adam follow faster.
 */
export const GD_DEFAULTS: Readonly<Record<GdFunctionName, Readonly<GdConfig>>> = Object.freeze({
  quadratic: Object.freeze({
    function: 'quadratic', learningRate: 0.1, steps: 100, start: [-4, 3], largeEigenvalue: 10, smallEigenvalue: 1,
    momentum: 0.9, beta1: 0.9, beta2: 0.999, blowUp: 1e6, gridSize: 60,
  } satisfies GdConfig),
  rosenbrock: Object.freeze({
    function: 'rosenbrock', learningRate: 1e-3, steps: 2000, start: [-1.2, 1], largeEigenvalue: 10, smallEigenvalue: 1,
    momentum: 0.9, beta1: 0.9, beta2: 0.999, blowUp: 1e6, gridSize: 60,
  } satisfies GdConfig),
});

/** One optimizer's run. */
export interface GdPath {
  readonly optimizer: OptimizerName;
  /** θ after each step as (θ₁, θ₂) pairs, the start first; finite numbers only. */
  readonly points: Float64Array;
  /** f at each point. */
  readonly values: Float64Array;
  /** Steps taken (points - 1): the cap, or fewer when the path blew up. */
  readonly steps: number;
  /** The path left the `blowUp` ball, met a non-finite number, or ended higher than it started. */
  readonly diverged: boolean;
  /** The step at which it blew up, or null. */
  readonly divergedAt: number | null;
  readonly final: { readonly theta: readonly [number, number]; readonly f: number };
  /** One or two sentences on how the run went and, on the quadratic, why. */
  readonly message: string;
}

/** What the panel plots. */
export interface GdSnapshot {
  readonly config: Readonly<GdConfig>;
  /** 2/L on the quadratic, the largest η at which plain GD converges; null on Rosenbrock. */
  readonly stepSizeLimit: number | null;
  readonly minimum: readonly [number, number];
  /** f on a grid around the start and the minimum, for the contours. */
  readonly surface: Surface;
  readonly paths: Readonly<Record<OptimizerName, GdPath>>;
}

/** A function with its gradient. */
interface Objective {
  value(x: number, y: number): number;
  gradient(x: number, y: number, out: Float64Array): void;
  readonly minimum: readonly [number, number];
}

/** The defaults of `partial.function` (quadratic when absent) overlaid with `partial`, checked. */
export function resolveGdConfig(partial: Partial<GdConfig> = {}): GdConfig {
  const name = partial.function ?? 'quadratic';
  if (!GD_FUNCTIONS.includes(name)) throw new RangeError(`unknown function '${String(name)}' (have: ${GD_FUNCTIONS.join(', ')})`);
  const c: GdConfig = { ...GD_DEFAULTS[name], ...partial };
  const positive = (key: keyof GdConfig) => {
    const v = c[key];
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) throw new RangeError(`${key} must be a positive number, got ${String(v)}`);
  };
  positive('learningRate');
  positive('largeEigenvalue');
  positive('smallEigenvalue');
  positive('blowUp');
  if (c.smallEigenvalue > c.largeEigenvalue) throw new RangeError(`smallEigenvalue (${c.smallEigenvalue}) must not exceed largeEigenvalue (${c.largeEigenvalue})`);
  checkSteps(c.steps);
  if (!Number.isInteger(c.gridSize) || c.gridSize < 2) throw new RangeError(`gridSize must be a whole number of at least 2, got ${c.gridSize}`);
  if (c.start.length !== 2 || !c.start.every(Number.isFinite)) throw new RangeError('start must be two finite numbers');
  for (const key of ['momentum', 'beta1', 'beta2'] as const) {
    if (!(c[key] >= 0 && c[key] < 1)) throw new RangeError(`${key} must lie in [0, 1), got ${c[key]}`);
  }
  return c;
}

function objectiveOf(c: GdConfig): Objective {
  if (c.function === 'quadratic') {
    const L = c.largeEigenvalue;
    const m = c.smallEigenvalue;
    return {
      value: (x, y) => 0.5 * (L * x * x + m * y * y),
      gradient: (x, y, out) => {
        out[0] = L * x;
        out[1] = m * y;
      },
      minimum: [0, 0],
    };
  }
  // Rosenbrock with a = 1, b = 100: f = (1 - x)² + 100 (y - x²)², minimum 0 at (1, 1).
  return {
    value: (x, y) => (1 - x) ** 2 + 100 * (y - x * x) ** 2,
    gradient: (x, y, out) => {
      out[0] = -2 * (1 - x) - 400 * x * (y - x * x);
      out[1] = 200 * (y - x * x);
    },
    minimum: [1, 1],
  };
}

const fmt = (x: number) => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : Number(x.toPrecision(4)).toString());

/** Why the quadratic behaves as it does at this η, for this optimizer. */
function quadraticReason(c: GdConfig, optimizer: OptimizerName): string {
  const L = c.largeEigenvalue;
  const eta = c.learningRate;
  const limit = 2 / L;
  if (optimizer === 'sgd') {
    const factor = Math.abs(1 - eta * L);
    const side = eta < limit ? `η = ${fmt(eta)} < 2/L = ${fmt(limit)}` : eta > limit ? `η = ${fmt(eta)} > 2/L = ${fmt(limit)}` : `η = 2/L = ${fmt(limit)}`;
    const verdict = eta < limit ? 'plain gradient descent converges' : eta > limit ? 'plain gradient descent diverges' : 'plain gradient descent bounces between ±θ₁ forever';
    return `${side}: ${verdict}, since each step multiplies the error along the steepest axis by |1 − ηL| = ${fmt(factor)}.`;
  }
  if (optimizer === 'momentum') {
    const limitM = (2 * (1 + c.momentum)) / L;
    return `Heavy-ball momentum (β = ${fmt(c.momentum)}) is stable up to η < 2(1 + β)/L = ${fmt(limitM)}, here η = ${fmt(eta)}${eta < limitM ? ' is below it' : ' is not'}.`;
  }
  return 'Adam divides each step by a running root mean square of the gradient, so its steps stay near η in size: no 2/L limit, but it hovers within about η of the minimum unless η shrinks.';
}

/** One optimizer's path from the config's start, stopped at the step cap or when it blows up. */
export function gdPath(config: Partial<GdConfig>, optimizer: OptimizerName): GdPath {
  const c = resolveGdConfig(config);
  if (!GD_OPTIMIZERS.includes(optimizer)) throw new RangeError(`unknown optimizer '${String(optimizer)}' (have: ${GD_OPTIMIZERS.join(', ')})`);
  const obj = objectiveOf(c);
  const opt = createOptimizer(optimizer, 2, { learningRate: c.learningRate, momentum: c.momentum, beta1: c.beta1, beta2: c.beta2 });
  const theta = Float64Array.from(c.start);
  const grad = new Float64Array(2);
  const points: number[] = [theta[0], theta[1]];
  const values: number[] = [obj.value(theta[0], theta[1])];
  let divergedAt: number | null = null;
  let why = '';
  for (let k = 1; k <= c.steps; k++) {
    obj.gradient(theta[0], theta[1], grad);
    opt.step(theta, grad);
    const f = obj.value(theta[0], theta[1]);
    if (!Number.isFinite(theta[0]) || !Number.isFinite(theta[1]) || !Number.isFinite(f)) {
      divergedAt = k;
      why = `a non-finite number appeared at step ${k}`;
      break;
    }
    points.push(theta[0], theta[1]);
    values.push(f);
    if (Math.hypot(theta[0], theta[1]) > c.blowUp) {
      divergedAt = k;
      why = `‖θ‖ passed ${fmt(c.blowUp)} at step ${k}`;
      break;
    }
  }
  const n = values.length;
  const f0 = values[0];
  const fEnd = values[n - 1];
  // Growth without blowing up yet (η just past 2/L grows by only 1.1 a step) is divergence all the same.
  const grew = divergedAt === null && fEnd > f0;
  const diverged = divergedAt !== null || grew;
  const name = optimizer === 'sgd' ? 'Plain gradient descent' : optimizer === 'momentum' ? 'Momentum' : 'Adam';
  let message = diverged
    ? `${name} diverged: ${divergedAt !== null ? why : `f grew from ${fmt(f0)} to ${fmt(fEnd)} in ${n - 1} steps`}; the learning rate is too high.`
    : `${name} went from f = ${fmt(f0)} to f = ${fmt(fEnd)} in ${n - 1} steps.`;
  if (c.function === 'quadratic') message += ` ${quadraticReason(c, optimizer)}`;
  return {
    optimizer,
    points: Float64Array.from(points),
    values: Float64Array.from(values),
    steps: n - 1,
    diverged,
    divergedAt,
    final: { theta: [points[2 * n - 2], points[2 * n - 1]], f: fEnd },
    message,
  };
}

/** All three paths and the contour grid for one config (the function's defaults overlaid with `config`). */
export function exploreGd(config: Partial<GdConfig> = {}): GdSnapshot {
  const c = resolveGdConfig(config);
  const obj = objectiveOf(c);
  const [sx, sy] = c.start;
  // The plot frames the start and the minimum; a diverging path visibly leaves it.
  const box =
    c.function === 'quadratic'
      ? (() => {
          const r = 1.25 * Math.max(Math.abs(sx), Math.abs(sy), 1e-3);
          return { xMin: -r, xMax: r, yMin: -r, yMax: r };
        })()
      : { xMin: Math.min(-2, sx - 0.5), xMax: Math.max(2, sx + 0.5), yMin: Math.min(-1, sy - 0.5), yMax: Math.max(3, sy + 0.5) };
  const labels: [string, string] = ['θ₁', 'θ₂'];
  return {
    config: c,
    stepSizeLimit: c.function === 'quadratic' ? 2 / c.largeEigenvalue : null,
    minimum: obj.minimum,
    surface: sampleSurface(labels, box, c.gridSize, c.gridSize, (x, y) => obj.value(x, y)),
    paths: { sgd: gdPath(c, 'sgd'), momentum: gdPath(c, 'momentum'), adam: gdPath(c, 'adam') },
  };
}
