/**
 * Fit by Maximum Likelihood: a Gaussian (or a mixture, by gradient ascent or EM) on 1-D data; the
 * log-likelihood surface as a contour, the optimizer's path, the closed-form optimum marked.
 */
import { createMleFitter, DEFAULT_MLE_CONFIG, MLE_METHODS, MLE_MODELS } from '../../core/train/mleFit';
import type { Surface } from '../../core/train/surface';
import { budgetedSession, choice, num, plain, thin, type ToyModel } from './model';

/** True when every (x, y) point of a path lies on the surface's box. */
function holds(sf: Surface, path: ArrayLike<number>): boolean {
  for (let i = 0; i + 1 < path.length; i += 2) {
    if (path[i] < sf.xMin || path[i] > sf.xMax || path[i + 1] < sf.yMin || path[i + 1] > sf.yMax) return false;
  }
  return true;
}

export const mleToy: ToyModel = {
  title: 'Fit by maximum likelihood',
  controls: [
    { key: 'model', label: 'Model', kind: 'select', options: MLE_MODELS },
    { key: 'method', label: 'Method', kind: 'select', options: MLE_METHODS },
    { key: 'seed', label: 'Seed', kind: 'number', min: 0, max: 1e6, step: 1 },
  ],
  defaults: { model: DEFAULT_MLE_CONFIG.model, method: DEFAULT_MLE_CONFIG.method, seed: DEFAULT_MLE_CONFIG.seed },
  create(settings) {
    const model = choice(settings, 'model', MLE_MODELS, DEFAULT_MLE_CONFIG.model);
    const fitter = createMleFitter({ model, method: choice(settings, 'method', MLE_METHODS, DEFAULT_MLE_CONFIG.method), seed: num(settings, 'seed', DEFAULT_MLE_CONFIG.seed) });
    // A single Gaussian's surface over (μ, σ) never changes; a mixture's (over μ1, μ2, the rest at their
    // current values) does, but costs ~100 ms, so it is redrawn only every 25 steps. Either is sampled
    // again, over a box that holds the whole path, when the path leaves it: the path stays on the plot.
    let surface: Surface | null = null;
    let surfaceStep = -Infinity;
    return budgetedSession(fitter, () => {
      let s = fitter.snapshot({ surface: false });
      if (surface === null || !holds(surface, s.path) || (model === 'mixture' && (fitter.stepCount - surfaceStep >= 25 || fitter.stepCount >= fitter.config.steps))) {
        s = fitter.snapshot();
      }
      if (s.surface) {
        surface = s.surface;
        surfaceStep = fitter.stepCount;
      }
      const sf = surface!;
      const history = thin(s.history, 400);
      const gaussian = model === 'gaussian';
      return {
        formula: gaussian
          ? '\\hat\\mu,\\hat\\sigma = \\arg\\max_{\\mu,\\sigma} \\frac1n\\sum_{i=1}^n \\log \\mathcal{N}(x_i;\\mu,\\sigma^2),\\quad \\hat\\mu = \\bar x,\\ \\hat\\sigma^2 = \\frac1n\\sum_i (x_i-\\bar x)^2'
          : '\\max_{\\pi,\\mu,\\sigma} \\frac1n\\sum_{i=1}^n \\log \\sum_{k} \\pi_k\\,\\mathcal{N}(x_i;\\mu_k,\\sigma_k^2)',
        terms: [
          { tex: '\\frac1n\\log p(x)', value: s.logLikelihood },
          { tex: gaussian ? '\\text{closed form}' : '\\text{EM converged}', value: s.closedFormLogLikelihood },
          ...(gaussian ? [{ tex: '\\mu', value: s.current.means[0] }, { tex: '\\sigma', value: s.current.sigmas[0] }] : []),
        ],
        planes: [{
          title: `Negative average log-likelihood over (${sf.xLabel}, ${sf.yLabel}): the path descends it`,
          bounds: { xMin: sf.xMin, xMax: sf.xMax, yMin: sf.yMin, yMax: sf.yMax },
          axes: { x: sf.xLabel, y: sf.yLabel },
          // Drawn as a surface to minimize, with contours: the negative of the log-likelihood the fit maximizes.
          grid: { width: sf.width, height: sf.height, values: plain(Array.from(sf.values, (v) => -v)), kind: 'surface', label: 'negative log-likelihood per point' },
          points: [{ label: gaussian ? 'closed-form optimum' : 'EM optimum', color: 'muted', xy: plain(s.optimum) }],
          lines: [{ label: 'optimizer path', color: 'fake', xy: plain(s.path) }],
        }],
        series: [{ title: 'Average log-likelihood over steps', x: history.map((h) => h.step), lines: [{ label: 'average log-likelihood', color: 'fake', y: plain(history.map((h) => h.logLikelihood)) }] }],
        diagnostics: [
          ...(s.diverged ? [s.diverged] : []),
          `The contours are of the negative average log-likelihood over (${sf.xLabel}, ${sf.yLabel}); the path descends it to the ${gaussian ? 'closed-form optimum (sample mean, biased sample std)' : 'optimum EM reaches'}.`,
        ],
      };
    });
  },
};
