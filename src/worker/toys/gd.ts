/**
 * Gradient Descent Explorer: plain, momentum and Adam paths on a contour plot, revealed a step at
 * a time. The paths are computed whole by the core (cheap); "steps" here animate them.
 */
import type { ToyControl } from '../../shared/toyProtocol';
import { exploreGd, GD_DEFAULTS, GD_FUNCTIONS, type GdFunctionName } from '../../core/train/gdExplorer';
import { choice, num, plain, type ToyModel } from './model';

/**
 * The learning-rate slider's range per function, on a log scale: the quadratic's runs from well
 * below to twice past 2/L (marked), so one drag crosses from converging to diverging; Rosenbrock's
 * curvature near its start is ~1,000 times larger, and so is its range's shift.
 */
const ETA_RANGE: Readonly<Record<GdFunctionName, { readonly min: number; readonly max: number }>> = {
  quadratic: { min: 0.002, max: 0.4 },
  rosenbrock: { min: 1e-5, max: 1e-2 },
};

/**
 * A path up to the first point far outside the plot (three times its size), that point included: the
 * line visibly leaves the plot and stops there. Drawn further, a diverging path's zigzag between
 * ±θ₁ only filled the canvas with lines across it.
 */
function withinReach(xy: Float64Array, box: { xMin: number; xMax: number; yMin: number; yMax: number }): Float64Array {
  const w = box.xMax - box.xMin;
  const h = box.yMax - box.yMin;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    if (xy[i] < box.xMin - w || xy[i] > box.xMax + w || xy[i + 1] < box.yMin - h || xy[i + 1] > box.yMax + h) return xy.subarray(0, i + 2);
  }
  return xy;
}

function controlsFor(settings: Readonly<Record<string, string | number>>): readonly ToyControl[] {
  const fn = choice(settings, 'function', GD_FUNCTIONS, 'quadratic');
  const limit = 2 / GD_DEFAULTS.quadratic.largeEigenvalue;
  return [
    { key: 'function', label: 'Function', kind: 'select', options: GD_FUNCTIONS },
    {
      key: 'learningRate', label: 'Learning rate η', kind: 'range', scale: 'log', live: true, ...ETA_RANGE[fn],
      ...(fn === 'quadratic' ? { mark: { value: limit, label: `2/L = ${limit}: plain descent diverges past it` } } : {}),
    },
    { key: 'momentum', label: 'Momentum β', kind: 'range', min: 0, max: 0.99, step: 0.01, live: true },
  ];
}

export const gdToy: ToyModel = {
  title: 'Gradient Descent Explorer',
  controls: controlsFor({}),
  controlsFor,
  // The paths are computed whole at once; a slider's new η redraws them up to the same step.
  keepsStep: true,
  // Each function has its own scale of η: switching function starts from that function's defaults.
  reconcile(previous, next) {
    const fn = choice(next, 'function', GD_FUNCTIONS, 'quadratic');
    if (fn === choice(previous, 'function', GD_FUNCTIONS, 'quadratic')) return { ...next };
    return { ...next, learningRate: GD_DEFAULTS[fn].learningRate, momentum: GD_DEFAULTS[fn].momentum };
  },
  defaults: { function: 'quadratic', learningRate: GD_DEFAULTS.quadratic.learningRate, momentum: GD_DEFAULTS.quadratic.momentum },
  create(settings) {
    const fn = choice(settings, 'function', GD_FUNCTIONS, 'quadratic');
    const snap = exploreGd({ function: fn, learningRate: num(settings, 'learningRate', GD_DEFAULTS[fn].learningRate), momentum: num(settings, 'momentum', GD_DEFAULTS[fn].momentum) });
    const paths = [snap.paths.sgd, snap.paths.momentum, snap.paths.adam];
    const total = Math.max(...paths.map((p) => p.steps));
    // Contours read better on a log scale: Rosenbrock's valley is flat next to its walls.
    const grid = { width: snap.surface.width, height: snap.surface.height, values: plain(Array.from(snap.surface.values, (v) => Math.log1p(Math.max(0, v)))), kind: 'surface' as const, label: 'log(1 + f)' };
    let shown = 0;
    return {
      get stepCount() { return shown; },
      diverged: null,
      get finished() { return shown >= total; },
      step(count) {
        if (shown >= total) return false;
        shown = Math.min(total, shown + count);
        return true;
      },
      view() {
        const upTo = (p: (typeof paths)[number]) => plain(withinReach(p.points.subarray(0, 2 * (Math.min(shown, p.steps) + 1)), snap.surface));
        const x: number[] = [];
        for (let k = 0; k <= shown; k++) x.push(k);
        const f = (p: (typeof paths)[number]) => plain(x.map((k) => Math.log10(1e-12 + Math.abs(p.values[Math.min(k, p.steps)]))));
        const done = shown >= total;
        return {
          formula: fn === 'quadratic' ? '\\theta_{t+1} = \\theta_t - \\eta\\,\\nabla f(\\theta_t),\\quad f(\\theta) = \\tfrac12\\,\\theta^\\top A\\,\\theta,\\quad \\text{converges iff } \\eta < 2/L' : '\\theta_{t+1} = \\theta_t - \\eta\\,\\nabla f(\\theta_t),\\quad f(x, y) = (1-x)^2 + 100\\,(y - x^2)^2',
          terms: [{ tex: '\\eta', value: snap.config.learningRate }, { tex: '\\beta', value: snap.config.momentum }, ...(snap.stepSizeLimit !== null ? [{ tex: '2/L', value: snap.stepSizeLimit }] : [])],
          planes: [{
            title: fn === 'quadratic' ? 'The three paths on the contours of f (log scale)' : 'The three paths in Rosenbrock’s curved valley (contours on a log scale)',
            bounds: { xMin: snap.surface.xMin, xMax: snap.surface.xMax, yMin: snap.surface.yMin, yMax: snap.surface.yMax },
            // The formula's own names: θ = (θ₁, θ₂) for the quadratic, f(x, y) for Rosenbrock.
            axes: fn === 'quadratic' ? { x: 'θ₁', y: 'θ₂' } : { x: 'x', y: 'y' },
            grid,
            points: [{ label: 'minimum', color: 'muted', xy: plain(snap.minimum) }],
            lines: [
              { label: 'plain', color: 'fake', xy: upTo(snap.paths.sgd) },
              { label: 'momentum', color: 'high', xy: upTo(snap.paths.momentum) },
              { label: 'Adam', color: 'real', xy: upTo(snap.paths.adam) },
            ],
          }],
          series: [{
            title: 'log₁₀ f(θ_t) over steps',
            x,
            lines: [
              { label: 'log10 f plain', color: 'fake', y: f(snap.paths.sgd) },
              { label: 'log10 f momentum', color: 'high', y: f(snap.paths.momentum) },
              { label: 'log10 f Adam', color: 'real', y: f(snap.paths.adam) },
            ],
          }],
          // The verdicts are said as the paths reach them, not before; each names its optimizer.
          diagnostics: paths.filter((p) => p.diverged ? (p.divergedAt ?? p.steps) <= shown : done).map((p) => p.message),
        };
      },
    };
  },
};
