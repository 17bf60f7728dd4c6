/** Placeholder until this family's derivations land. */
import type { Reading } from '../read/reading';

/** A detected formula of this family. */
export interface MleDetected { readonly family: 'mle'; readonly name: string; readonly letters: Record<string, string> }

/** The variant of a formula, if it is one. */
export function detectMle(_r: Reading): MleDetected | undefined {
  return undefined;
}
