import type { FormulaKind } from './types';

/** Each kind's name for people, as the hover and the CodeLens show it. */
export const KIND_TITLES: Readonly<Record<FormulaKind, string>> = {
  mle: 'Maximum likelihood',
  kl: 'KL divergence',
  elbo: 'Evidence lower bound (ELBO)',
  minimax: 'GAN min-max game',
  gradient_step: 'Gradient step',
  marginal: 'Marginal likelihood',
  reconstruction: 'Reconstruction loss',
  diffusion: 'Diffusion model',
  bayes: "Bayes' rule",
  entropy: 'Entropy / cross-entropy',
  jsd: 'Jensen-Shannon divergence',
  none: 'Formula',
};
