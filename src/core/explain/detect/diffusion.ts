/** Diffusion formulas: placeholder until the diffusion derivations land. */
import type { Reading } from '../read/reading';

/** A detected diffusion formula. */
export interface DiffusionDetected { readonly family: 'diffusion'; readonly name: 'vlb' | 'simple' | 'forward'; readonly letters: Record<string, string> }

/** The diffusion variant of a formula, if it is one. */
export function detectDiffusion(_r: Reading): DiffusionDetected | undefined {
  return undefined;
}
