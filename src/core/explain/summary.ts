/**
 * One sentence per kind of formula, built from the formula's own symbols (its roles), for the
 * hover's first line and the panel's heading.
 */
import type { FormulaCard } from '../recognize/types';
import { texToText } from './texToText';

const GENERIC: Readonly<Record<string, string>> = {
  mle: 'choose the parameters under which the observed data are most probable',
  kl: 'how much information is lost when the second distribution is used in place of the first; asymmetric, ≥ 0',
  elbo: 'a lower bound on the log-likelihood log p(x); the gap is the KL divergence from the approximate to the true posterior',
  minimax: 'a two-player game: the discriminator tells real from generated samples, the generator tries to fool it',
  gradient_step: 'move the parameters a small step against the gradient of the loss',
  marginal: 'the likelihood of the data with the latent variable summed or integrated out',
  reconstruction: 'how far a reconstruction is from its input; a negative log-likelihood under a Gaussian or Bernoulli decoder',
  diffusion: 'data are noised step by step, and a network learns to undo the noise',
  bayes: 'the posterior is the likelihood times the prior, divided by the evidence',
  entropy: 'the expected surprise −log p of samples; cross-entropy = entropy + KL divergence',
  jsd: 'a symmetric, bounded divergence: the average KL of each distribution to their mixture; between 0 and log 2',
  none: '',
};

const VARIANTS: Readonly<Record<string, string>> = {
  saturating: 'the original, saturating form',
  'non-saturating': 'the non-saturating generator loss',
  wasserstein: 'the Wasserstein (critic) form',
  'least-squares': 'the least-squares form',
  plain: 'plain gradient descent',
  momentum: 'with momentum',
  nesterov: 'with Nesterov momentum',
  adam: 'Adam-style',
};

/** The card's one-sentence summary, in the formula's own symbols where its roles name them. */
export function summarize(card: Pick<FormulaCard, 'kind' | 'roles'>): string {
  const r = card.roles;
  const sym = (key: string) => (r[key] ? texToText(r[key]) : undefined);
  if (card.kind === 'kl' && r.first && r.second) {
    return `how much information is lost when ${sym('second')} is used in place of ${sym('first')}; asymmetric, ≥ 0`;
  }
  const variant = r.variant && VARIANTS[r.variant] ? ` (${VARIANTS[r.variant]})` : '';
  if (card.kind === 'mle' && r.parameter) {
    return `choose ${sym('parameter')} under which the observed data are most probable`;
  }
  if (card.kind === 'gradient_step' && r.parameter) {
    return `move ${sym('parameter')} a step${r.learning_rate ? ` of size ${sym('learning_rate')}` : ''} against the gradient${r.loss ? ` of ${sym('loss')}` : ''}${variant}`;
  }
  return GENERIC[card.kind] + variant;
}
