/**
 * The words around a formula as evidence. A note says "the critic's loss", "the update rule",
 * "by Bayes' rule" next to the formula it introduces; those words raise the confidence of the
 * kind they name when the math agrees, and lower it when they name another kind. The kind
 * itself comes from the math: words alone never turn a formula into a KL divergence, and they
 * turn a formula's kind into another only where the math itself left two readings open.
 */
import type { Classification, FormulaKind } from './types';
import { BARE as BARE_LOG_DENSITY } from './kinds/mle';

/** What the words of a note say about kinds: a pattern and the kind it names. Order does not matter. */
const CUES: readonly (readonly [RegExp, FormulaKind])[] = [
  [/\b(?:update|step)\s+rule\b|\blearning[- ]rate\b|\bstep[- ]size\b|\b(?:sgd|adam|adagrad|rmsprop|momentum|nesterov)\b|\bgradient (?:descent|ascent) (?:step|update)\b/i, 'gradient_step'],
  [/\b(?:discriminator|generator|critic|adversarial|gan|minimax|min-max|wasserstein)\b/i, 'minimax'],
  [/\belbo\b|evidence lower bound|variational (?:lower )?bound|\bvlb\b/i, 'elbo'],
  [/kullback|\bkl[- ]divergence\b|\bkl\b/i, 'kl'],
  [/jensen[- ]shannon|\bjsd?\b/i, 'jsd'],
  [/\breconstruction\b/i, 'reconstruction'],
  [/\bdiffusion\b|\bdenois|\bnoise schedule\b|\bforward process\b|\breverse process\b|\bscore[- ]matching\b|\blangevin\b/i, 'diffusion'],
  [/\bbayes\b|\bposterior\b/i, 'bayes'],
  [/\bcross[- ]entropy\b|\bentropy\b/i, 'entropy'],
  [/marginal likelihood|\bevidence\b|\bmarginali[sz]/i, 'marginal'],
  [/maximum[- ]likelihood|\blog[- ]likelihood\b|\bmle\b|\blikelihood\b/i, 'mle'],
];

/** The kinds the words name. */
export function kindsNamed(context: string): FormulaKind[] {
  const out: FormulaKind[] = [];
  for (const [re, kind] of CUES) if (re.test(context) && !out.includes(kind)) out.push(kind);
  return out;
}

/** Kinds whose structure another kind can also have, so that words may decide between them. */
// (Measured on the corpus's contexts: letting words choose between KL and ELBO, or marginal
// and MLE, flipped more right answers to wrong than back, so those pairs are left to the math.)
const TWO_READINGS: Partial<Record<FormulaKind, readonly FormulaKind[]>> = {
  entropy: ['mle'],
  mle: ['entropy', 'reconstruction'],
  reconstruction: ['mle'],
};

/** Words that make a likelihood an objective: maximizing it (or minimizing its negative), fitting or training by it, maximum likelihood, the likelihood function. */
const OBJECTIVE_WORDS = /\bmaximi[sze]|最大化|최대화|\bmle\b|negative log[- ]likelihood|\bnll\b|maximum[- ]likelihood|likelihood function|\bfit(?:s|ting)?\b|\btrain/i;

/** How much agreeing words raise a confidence, and disagreeing words lower it. */
const AGREE = 0.04;
const DISAGREE = 0.12;

/**
 * Weighs `context` against what the math said. Pure; an absent or empty context changes nothing.
 * Words that name the kind found raise its confidence a little; words that name only other kinds
 * lower it; `none` stays `none` (a sentence about GANs does not make `i \leftarrow i + 1` a game).
 */
export function weighContext(c: Classification, context: string | undefined): Classification {
  if (!context || c.kind === 'none') return c;
  const words = context.slice(0, 2000);
  const named = kindsNamed(words);
  // A log density standing alone is the log-likelihood a note maximizes, or only the log evidence (or a log density)
  // it names: words that call it the evidence and never a likelihood, or that never speak of maximizing or fitting it,
  // make it a mention (`none`), as a bare KL symbol would be.
  if (c.kind === 'mle' && c.roles.variant === BARE_LOG_DENSITY && ((named.includes('marginal') && !named.includes('mle')) || !OBJECTIVE_WORDS.test(words))) {
    return { kind: 'none', confidence: 0.6, roles: {} };
  }
  if (named.length === 0) return c;
  // Where the same math reads two ways (a label-weighted log is a Bernoulli log-likelihood and a
  // binary cross-entropy; a KL of the posterior is a step of the ELBO's derivation), the note's
  // words choose, if they name the other reading and not this one.
  const other = TWO_READINGS[c.kind];
  // (A decoder's log-likelihood of the data given a code is the reconstruction term, which notes
  // call a log-likelihood: those words confirm it rather than name another reading.)
  if (other && !named.includes(c.kind) && !(c.kind === 'reconstruction' && c.roles.latent !== undefined)) {
    const pick = other.find((k) => named.includes(k));
    if (pick) return { ...c, kind: pick, confidence: 0.7, roles: { ...c.roles, reading: 'chosen by the words around the formula' } };
  }
  const confidence = named.includes(c.kind) ? Math.min(0.99, c.confidence + AGREE) : Math.max(0.05, c.confidence - DISAGREE);
  return { ...c, confidence: Math.round(confidence * 1000) / 1000 };
}
