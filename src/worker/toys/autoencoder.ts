/** Train Autoencoder: 2-D data through a 1-D bottleneck; the learnt curve, reconstructions, the loss over steps. */
import { AUTOENCODER_DATASET_NAMES, createAutoencoderTrainer, DEFAULT_AUTOENCODER_CONFIG } from '../../core/train/autoencoder';
import { budgetedSession, choice, num, plain, thin, type ToyModel } from './model';

export const autoencoderToy: ToyModel = {
  title: 'Autoencoder',
  controls: [
    { key: 'dataset', label: 'Data', kind: 'select', options: AUTOENCODER_DATASET_NAMES },
    { key: 'learningRate', label: 'Learning rate', kind: 'number', min: 1e-5, max: 1, step: 0.001 },
    { key: 'seed', label: 'Seed', kind: 'number', min: 0, max: 1e6, step: 1 },
  ],
  defaults: { dataset: DEFAULT_AUTOENCODER_CONFIG.dataset, learningRate: DEFAULT_AUTOENCODER_CONFIG.learningRate, seed: DEFAULT_AUTOENCODER_CONFIG.seed },
  create(settings) {
    const trainer = createAutoencoderTrainer({
      dataset: choice(settings, 'dataset', AUTOENCODER_DATASET_NAMES, DEFAULT_AUTOENCODER_CONFIG.dataset),
      learningRate: num(settings, 'learningRate', DEFAULT_AUTOENCODER_CONFIG.learningRate),
      seed: num(settings, 'seed', DEFAULT_AUTOENCODER_CONFIG.seed),
    });
    return budgetedSession(trainer, () => {
      const s = trainer.snapshot();
      const history = thin(s.history, 400);
      return {
        formula: '\\mathcal{L}(\\phi,\\theta) = \\frac{1}{n}\\sum_{i=1}^{n} \\big\\|x_i - g_\\theta(f_\\phi(x_i))\\big\\|^2,\\quad f_\\phi: \\mathbb{R}^2 \\to \\mathbb{R}',
        terms: [{ tex: '\\mathcal{L}', value: s.loss }, { tex: '\\mathcal{L}_0', value: s.initialLoss }],
        planes: [{
          title: 'Inputs and their reconstructions through the 1-D bottleneck',
          bounds: s.bounds,
          axes: { x: 'x₁', y: 'x₂' },
          points: [
            { label: 'inputs', color: 'real', xy: plain(s.inputs) },
            { label: 'reconstructions', color: 'fake', xy: plain(s.reconstructions) },
          ],
          lines: [{ label: 'decoder curve g(t)', color: 'high', xy: plain(s.curve) }],
        }],
        series: [{ title: 'Reconstruction loss over steps', x: history.map((h) => h.step), lines: [{ label: 'reconstruction loss', color: 'fake', y: plain(history.map((h) => h.loss), 1e6) }] }],
        diagnostics: s.diverged ? [s.diverged] : [],
      };
    });
  },
};
