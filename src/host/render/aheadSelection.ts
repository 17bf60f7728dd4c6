/**
 * Which formulas of a note to render ahead of a hover: those in (or near) the visible ranges,
 * top first, at most a given number. Offsets only (no `vscode`), so it is testable on its own.
 */
import type { FoundFormula } from '../../core/find/types';

/** A stretch of a document, `[start, end)` in UTF-16 offsets. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/** Index of the first formula that ends after `offset` (formulas are in document order, never overlapping). */
function firstEndingAfter(formulas: readonly FoundFormula[], offset: number): number {
  let lo = 0;
  let hi = formulas.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (formulas[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The formulas that overlap any of `ranges`, each once, in the order the ranges come and in
 * document order within each, at most `max` of them.
 */
export function formulasInRanges(formulas: readonly FoundFormula[], ranges: readonly OffsetRange[], max: number): FoundFormula[] {
  const out: FoundFormula[] = [];
  const seen = new Set<number>();
  for (const range of ranges) {
    for (let i = firstEndingAfter(formulas, range.start); i < formulas.length && formulas[i].start < range.end; i++) {
      if (out.length >= max) return out;
      if (seen.has(i)) continue;
      seen.add(i);
      out.push(formulas[i]);
    }
  }
  return out;
}
