/**
 * Confidence that means something. Each detector states how sure its rule is (`raw`); how often
 * that rule is right on real notes is measured on the labelled corpus (test/fixtures/recognize)
 * by `scripts/calibrate.mjs`, which writes calibrationTable.ts. A confidence shown to a person is
 * that measured rate, taken conservatively: a lower bound on the accuracy of the answers with that
 * kind and raw confidence, so that "0.9" is a promise the corpus keeps.
 */
import { CALIBRATION } from './calibrationTable';
import type { FormulaKind } from './types';

/** The calibrated confidence of an answer `kind` that its detector gave with confidence `raw`. */
export function calibrate(kind: FormulaKind, raw: number): number {
  const table = CALIBRATION[kind];
  if (!table || table.cells.length === 0) return raw;
  // The cell of the same raw confidence, else the nearest below it (a rule not seen in the corpus
  // is trusted no more than the next weaker rule of its kind), else the lower of its own word and
  // the kind as a whole (a parse failure's 0.1 stays 0.1).
  let best: number | undefined;
  let bestRaw = -1;
  for (const [r, c] of table.cells) {
    if (r <= raw + 1e-9 && r > bestRaw) { bestRaw = r; best = c; }
  }
  return best ?? Math.min(raw, table.overall);
}
