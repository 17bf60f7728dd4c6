import { KINDS } from '../kinds';
import type { FormulaKind } from './types';

/**
 * Below this confidence a kind is worded as a guess ("Looks like a KL divergence"), in the hover
 * and the Explain panel alike: the confidence is calibrated (calibration.ts) so that at 0.7 and
 * above about nine answers in ten are right, on the labelled corpus and on the batches of it that
 * were scored before anyone read them.
 */
export const GUESS_BELOW = 0.7;

/** A kind's title as it reads after "Looks like": with its article, in lower case unless a name. */
export function guessedName(kind: FormulaKind, title: string): string {
  const first = title.split(/[\s/]/, 1)[0];
  // `KL`, `GAN`: an acronym; `Bayes'`, `Jensen-Shannon`: names. Other words are common nouns.
  const proper = /^[A-Z0-9]{2,}$/.test(first) || first.includes("'") || /-[A-Z]/.test(first);
  const phrase = proper ? title : title.charAt(0).toLowerCase() + title.slice(1);
  if (!KINDS[kind].article) return phrase;
  return `${/^[aeiouAEIOU]/.test(phrase) ? 'an' : 'a'} ${phrase}`;
}

/** What a card's kind is called where people see it: its title, or "Looks like ..." for a guess. */
export function kindHeading(card: { readonly kind: FormulaKind; readonly title: string; readonly confidence: number }): string {
  return card.confidence < GUESS_BELOW ? `Looks like ${guessedName(card.kind, card.title)}` : card.title;
}
