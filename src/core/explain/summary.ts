/**
 * A formula's one-sentence summary, built from its own symbols (its roles) where they are named,
 * else its kind's sentence (src/core/kinds.ts), for the hover's first line and the panel's heading.
 */
import { KINDS } from '../kinds';
import type { FormulaCard } from '../recognize/types';
import { inlineMath } from '../text/prose';
import { texToText } from './texToText';

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

/** The card's one-sentence summary, in the formula's own symbols (as plain text) where its roles name them. */
export function summarize(card: Pick<FormulaCard, 'kind' | 'roles'>): string {
  return summaryWith(card, texToText);
}

/**
 * The same sentence for a panel that typesets math: the formula's own symbols in `$...$`
 * (src/core/text/prose.ts), so `q_{\phi}(z|x)` is shown typeset rather than as "q_φ(z|x)".
 */
export function summaryTex(card: Pick<FormulaCard, 'kind' | 'roles'>): string {
  return summaryWith(card, inlineMath);
}

/** The summary with each role's TeX written by `write`. */
function summaryWith(card: Pick<FormulaCard, 'kind' | 'roles'>, write: (tex: string) => string): string {
  const r = card.roles;
  const sym = (key: string) => (r[key] ? write(r[key]) : undefined);
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
  return KINDS[card.kind].summary + variant;
}
