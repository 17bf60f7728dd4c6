/**
 * Train Toy VAE: data, reconstructions and samples on the plane beside the latent space; the ELBO
 * (with log p(x) where exact) and its two terms over steps.
 */
import type { ToyPlane } from '../../shared/toyProtocol';
import { aggregatePosterior, standardNormalDensity } from '../../core/train/latent';
import { createVaeTrainer, DEFAULT_VAE_CONFIG, resolveVaeConfig, VAE_DATASET_NAMES, type VaeSnapshot } from '../../core/train/vae';
import { boundsOf, budgetedSession, choice, num, plain, thin, type ToyModel } from './model';

/** Points on a circle of radius r, as a closed polyline. */
function circle(r: number): number[] {
  const xy: number[] = [];
  for (let i = 0; i <= 64; i++) xy.push(r * Math.cos((2 * Math.PI * i) / 64), r * Math.sin((2 * Math.PI * i) / 64));
  return xy;
}

/**
 * The latent space: with a 2-D latent, each point's code μ(x) against the prior's 1σ and 2σ circles;
 * with a 1-D latent, the codes' density q(z) against the prior N(0, 1), the codes as a rug beneath.
 */
function latentPlane(s: VaeSnapshot): ToyPlane {
  if (s.config.latentDim === 2) {
    const b = boundsOf(s.latent, 0.1);
    const r = Math.min(10, Math.max(2.5, -b.xMin, b.xMax, -b.yMin, b.yMax));
    return {
      title: 'Latent space: codes μ(x) and the prior N(0, I)',
      bounds: { xMin: -r, xMax: r, yMin: -r, yMax: r },
      axes: { x: 'z₁', y: 'z₂' },
      points: [{ label: 'codes μ(x)', color: 'fake', xy: plain(s.latent) }],
      lines: [{ label: 'prior 1σ, 2σ', color: 'real', xy: circle(1) }, { label: '', color: 'real', xy: circle(2) }],
    };
  }
  let lo = -4, hi = 4;
  for (const m of s.latent) if (Number.isFinite(m)) { lo = Math.min(lo, m - 0.5); hi = Math.max(hi, m + 0.5); }
  lo = Math.max(lo, -12);
  hi = Math.min(hi, 12);
  const zs = Array.from({ length: 161 }, (_, i) => lo + ((hi - lo) * i) / 160);
  const q = aggregatePosterior(s.latent, s.latentStd, zs);
  let top = 0.45;
  for (const v of q) if (Number.isFinite(v)) top = Math.max(top, v);
  const curve = (y: (z: number, i: number) => number) => plain(zs.flatMap((z, i) => [z, y(z, i)]));
  const rug: number[] = [];
  for (const m of s.latent) rug.push(m, top * 0.02);
  return {
    title: 'Latent space: the codes’ density q(z) and the prior p(z)',
    bounds: { xMin: lo, xMax: hi, yMin: 0, yMax: top * 1.1 },
    axes: { x: 'z', y: 'density' },
    points: [{ label: 'codes μ(x)', color: 'fake', xy: plain(rug) }],
    lines: [{ label: 'prior p(z)', color: 'real', xy: curve((z) => standardNormalDensity(z)) }, { label: 'q(z)', color: 'fake', xy: curve((_, i) => q[i]) }],
  };
}

export const vaeToy: ToyModel = {
  title: 'Toy VAE',
  controls: [
    { key: 'dataset', label: 'Data', kind: 'select', options: VAE_DATASET_NAMES },
    { key: 'latentDim', label: 'Latent dimension', kind: 'select', options: ['1', '2'] },
    { key: 'learningRate', label: 'Learning rate', kind: 'number', min: 1e-5, max: 1, step: 0.001 },
    { key: 'seed', label: 'Seed', kind: 'number', min: 0, max: 1e6, step: 1 },
  ],
  defaults: { dataset: DEFAULT_VAE_CONFIG.dataset, latentDim: String(DEFAULT_VAE_CONFIG.latentDim), learningRate: DEFAULT_VAE_CONFIG.learningRate, seed: DEFAULT_VAE_CONFIG.seed },
  // lineargauss's affine model learns at 0.05, the MLPs of the other data sets at 5e-3: a new data set brings its own.
  reconcile(previous, next) {
    const dataset = choice(next, 'dataset', VAE_DATASET_NAMES, DEFAULT_VAE_CONFIG.dataset);
    const sameData = dataset === choice(previous, 'dataset', VAE_DATASET_NAMES, DEFAULT_VAE_CONFIG.dataset);
    if (sameData || next.learningRate !== previous.learningRate) return { ...next };
    return { ...next, learningRate: resolveVaeConfig({ dataset }).learningRate };
  },
  create(settings) {
    const dataset = choice(settings, 'dataset', VAE_DATASET_NAMES, DEFAULT_VAE_CONFIG.dataset);
    const lr = settings.learningRate;
    const trainer = createVaeTrainer({
      dataset,
      latentDim: settings.latentDim === '2' ? 2 : 1,
      seed: num(settings, 'seed', DEFAULT_VAE_CONFIG.seed),
      ...(typeof lr === 'number' ? { learningRate: lr } : {}),
    });
    return budgetedSession(trainer, () => {
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
        planes: [{
          title: 'Data, reconstructions and samples',
          bounds: s.bounds,
          axes: { x: 'x₁', y: 'x₂' },
          points: [
            { label: 'data', color: 'real', xy: plain(s.data) },
            { label: 'reconstructions', color: 'fake', xy: plain(s.reconstructions) },
            { label: 'samples', color: 'high', xy: plain(s.samples) },
          ],
          lines: [],
        }, latentPlane(s)],
        series: [{
          title: s.exact ? 'ELBO and the exact log p(x) over steps: the gap is KL(q(z|x) ‖ p(z|x))' : 'ELBO over steps',
          x: history.map((h) => h.step),
          lines: [
            { label: 'ELBO', color: 'fake', y: plain(history.map((h) => h.elbo)) },
            ...(s.exact ? [{ label: 'log p(x)', color: 'real' as const, y: plain(history.map((h) => h.logLikelihood ?? 0)) }] : []),
          ],
        }, {
          title: 'The ELBO’s terms over steps: ELBO = reconstruction − KL',
          x: history.map((h) => h.step),
          lines: [
            { label: 'E_q[log p(x|z)]', color: 'high', y: plain(history.map((h) => h.reconstruction)) },
            { label: 'KL(q(z|x)‖p(z))', color: 'third', y: plain(history.map((h) => h.kl)) },
          ],
        }],
        diagnostics: [
          ...(s.diverged ? [s.diverged] : []),
          ...(s.exact ? ['On lineargauss log p(x) is exact: the gap between it and the ELBO is KL(q(z|x) ‖ p(z|x)), and it closes as q learns the true posterior.'] : []),
        ],
      };
    });
  },
};
