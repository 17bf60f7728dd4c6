/** Train Toy VAE: the ELBO and its two terms over steps; data, reconstructions and samples on the plane. */
import { createVaeTrainer, DEFAULT_VAE_CONFIG, VAE_DATASET_NAMES } from '../../../core/train/vae';
import { choice, num, plain, thin, type ToyModel } from './model';

export const vaeToy: ToyModel = {
  title: 'Toy VAE',
  controls: [
    { key: 'dataset', label: 'Data', kind: 'select', options: VAE_DATASET_NAMES },
    { key: 'latentDim', label: 'Latent dimension', kind: 'select', options: ['1', '2'] },
    { key: 'learningRate', label: 'Learning rate', kind: 'number', min: 1e-5, max: 1, step: 0.001 },
    { key: 'seed', label: 'Seed', kind: 'number', min: 0, max: 1e6, step: 1 },
  ],
  defaults: { dataset: DEFAULT_VAE_CONFIG.dataset, latentDim: String(DEFAULT_VAE_CONFIG.latentDim), seed: DEFAULT_VAE_CONFIG.seed },
  create(settings) {
    const dataset = choice(settings, 'dataset', VAE_DATASET_NAMES, DEFAULT_VAE_CONFIG.dataset);
    const lr = settings.learningRate;
    const trainer = createVaeTrainer({
      dataset,
      latentDim: settings.latentDim === '2' ? 2 : 1,
      seed: num(settings, 'seed', DEFAULT_VAE_CONFIG.seed),
      ...(typeof lr === 'number' ? { learningRate: lr } : {}),
    });
    return {
      get stepCount() { return trainer.stepCount; },
      get diverged() { return trainer.diverged; },
      get finished() { return trainer.stepCount >= trainer.config.steps; },
      step: (count) => trainer.stepCount < trainer.config.steps && trainer.step(Math.min(count, trainer.config.steps - trainer.stepCount)),
      view() {
        const s = trainer.snapshot();
        const history = thin(s.history, 400);
        const terms = [
          { tex: '\\mathrm{ELBO}', value: s.elbo },
          { tex: '\\mathbb{E}_q[\\log p_\\theta(x|z)]', value: s.reconstruction },
          { tex: 'D_{KL}(q_\\phi(z|x)\\|p(z))', value: s.kl },
        ];
        if (s.logLikelihood !== null) terms.push({ tex: '\\log p_\\theta(x)', value: s.logLikelihood }, { tex: '\\text{gap}', value: s.logLikelihood - s.elbo });
        return {
          formula: '\\log p_\\theta(x) \\;\\ge\\; \\mathrm{ELBO} = \\mathbb{E}_{q_\\phi(z|x)}[\\log p_\\theta(x|z)] - D_{KL}(q_\\phi(z|x)\\,\\|\\,p(z))',
          terms,
          plane: {
            bounds: s.bounds,
            points: [
              { label: 'data', color: 'real', xy: plain(s.data) },
              { label: 'reconstructions', color: 'fake', xy: plain(s.reconstructions) },
              { label: 'samples', color: 'high', xy: plain(s.samples) },
            ],
            lines: [],
          },
          series: {
            x: history.map((h) => h.step),
            lines: [
              { label: 'ELBO', color: 'fake', y: plain(history.map((h) => h.elbo)) },
              ...(s.exact ? [{ label: 'log p(x)', color: 'real' as const, y: plain(history.map((h) => h.logLikelihood ?? 0)) }] : []),
            ],
          },
          diagnostics: [
            ...(s.diverged ? [s.diverged] : []),
            ...(s.exact ? ['On lineargauss log p(x) is exact: the gap between it and the ELBO is KL(q(z|x) ‖ p(z|x)), and it closes as q learns the true posterior.'] : []),
          ],
        };
      },
    };
  },
};
