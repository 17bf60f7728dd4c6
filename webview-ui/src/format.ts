/**
 * How the panels show a number: the core's one formatter (src/core/text/numbers.ts), with the range
 * of live values, which are watched rather than read (12345 as 1.2345 × 10⁴, five digits by default).
 * Text and TeX have their own forms, because KaTeX typesets `6.681e-5` as a product minus five
 * ("e − 5"). No DOM here: unit tests import it in plain Node.
 */
import { formatNumber as formatIn, numberTex, type NumberRange } from '../../src/core/text/numbers';

/** Below this size (but not zero) or at least the large one, a live value is shown in scientific notation. */
const LIVE_RANGE: NumberRange = { small: 1e-3, large: 1e4 };

/** A number as text: `0.1234`, `12.346`, `6.681 × 10⁻⁵`, `1.5 × 10⁶` (to `significant` digits, 5 by default). */
export function formatNumber(x: number, significant = 5): string {
  return formatIn(x, significant, LIVE_RANGE);
}

/** The same number as TeX for KaTeX: `6.681 \times 10^{-5}`, never `6.681e-5`. */
export function texNumber(x: number, significant = 5): string {
  return numberTex(x, significant, LIVE_RANGE);
}
