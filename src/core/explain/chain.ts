/** A formula that is itself a derivation: placeholder until part 3. */
import type { Reading } from './read/reading';
import type { DerivationStep } from './step';

/** The note's own lines explained, or undefined when the formula is not a derivation. */
export function chainSteps(_r: Reading): DerivationStep[] | undefined {
  return undefined;
}
