/** Placeholder until this family's derivations land. */
import type { Reading } from '../read/reading';

/** A detected formula of this family. */
export interface OtherDetected { readonly family: 'other'; readonly name: string; readonly letters: Record<string, string> }

/** The variant of a formula, if it is one. */
export function detectOther(_r: Reading): OtherDetected | undefined {
  return undefined;
}
