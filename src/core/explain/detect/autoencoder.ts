/** Placeholder until this family's derivations land. */
import type { Reading } from '../read/reading';

/** A detected formula of this family. */
export interface AutoencoderDetected { readonly family: 'autoencoder'; readonly name: string; readonly letters: Record<string, string> }

/** The variant of a formula, if it is one. */
export function detectAutoencoder(_r: Reading): AutoencoderDetected | undefined {
  return undefined;
}
