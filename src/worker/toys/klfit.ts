/** Fit KL: forward vs reverse. One Gaussian fitted to a bimodal p both ways: mode covering against mode seeking. */
import { createKlFitter, DEFAULT_KL_FIT_CONFIG } from '../../core/train/klFit';
import { budgetedSession, num, plain, thin, type ToyModel } from './model';

export const klfitToy: ToyModel = {
  title: 'Fit KL: forward vs reverse',
  controls: [{ key: 'learningRate', label: 'Learning rate', kind: 'number', min: 1e-4, max: 1, step: 0.01 }],
  defaults: { learningRate: DEFAULT_KL_FIT_CONFIG.learningRate },
  create(settings) {
    const fitter = createKlFitter({ learningRate: num(settings, 'learningRate', DEFAULT_KL_FIT_CONFIG.learningRate) });
    return budgetedSession(fitter, () => {
      const s = fitter.snapshot();
      const d = s.densities;
      const curve = (y: Float64Array) => {
        const xy = new Float64Array(d.x.length * 2);
        for (let i = 0; i < d.x.length; i++) { xy[2 * i] = d.x[i]; xy[2 * i + 1] = y[i]; }
        return plain(xy);
      };
      let yMax = 0;
      for (const y of [d.p, d.qForward, d.qReverse]) for (const v of y) if (v > yMax) yMax = v;
      const history = thin(s.history, 400);
      return {
        formula: 'p = \\tfrac12\\mathcal{N}(-2, 0.5^2) + \\tfrac12\\mathcal{N}(2, 0.5^2),\\qquad \\min_q D_{KL}(p\\,\\|\\,q)\\ \\text{(forward)}\\quad\\text{vs}\\quad \\min_q D_{KL}(q\\,\\|\\,p)\\ \\text{(reverse)}',
        terms: [
          { tex: '\\mu_{\\text{fwd}}', value: s.forward.mu }, { tex: '\\sigma_{\\text{fwd}}', value: s.forward.sigma },
          { tex: '\\mu_{\\text{rev}}', value: s.reverse.mu }, { tex: '\\sigma_{\\text{rev}}', value: s.reverse.sigma },
        ],
        planes: [{
          title: 'Densities: p and the two fitted Gaussians',
          bounds: { xMin: d.x[0], xMax: d.x[d.x.length - 1], yMin: 0, yMax: Math.max(1e-3, yMax * 1.1) },
          axes: { x: 'x', y: 'density' },
          points: [],
          lines: [
            { label: 'p (bimodal)', color: 'real', xy: curve(d.p) },
            { label: 'q fitted by KL(p‖q)', color: 'fake', xy: curve(d.qForward) },
            { label: 'q fitted by KL(q‖p)', color: 'high', xy: curve(d.qReverse) },
          ],
        }],
        series: [{
          title: 'The two divergences over steps',
          x: history.map((h) => h.step),
          lines: [
            { label: 'KL(p‖q) forward', color: 'fake', y: plain(history.map((h) => h.forward)) },
            { label: 'KL(q‖p) reverse', color: 'high', y: plain(history.map((h) => h.reverse)) },
          ],
        }],
        diagnostics: [
          ...(s.diverged ? [s.diverged] : []),
          'Forward KL punishes q for missing mass where p has it, so q spreads over both modes; reverse KL punishes q for putting mass where p has none, so q settles on one mode.',
        ],
      };
    });
  },
};
