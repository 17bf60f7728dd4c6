/** Placeholder until this family's derivations land. */
import type { Reading } from '../read/reading';

/** A detected formula of this family. */
export interface KlDetected { readonly family: 'kl'; readonly name: string; readonly letters: Record<string, string> }

/** The variant of a formula, if it is one. */
export function detectKl(_r: Reading): KlDetected | undefined {
  return undefined;
}
