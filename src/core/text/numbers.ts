/**
 * Numbers as people read them, in prose and in TeX. Very small and very large values are
 * written in plain scientific notation, `6.681 × 10⁻⁵` and `6.681 \times 10^{-5}`: JavaScript's
 * `6.681e-5` is a programmer's spelling, and typeset by KaTeX it even reads as "6.681e − 5".
 */

/** Below this magnitude (and not zero) a number is written with a power of ten. */
const SMALL = 1e-4;
/** At and above this magnitude a number is written with a power of ten. */
const LARGE = 1e6;

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** The mantissa and exponent of `x` to `digits` significant digits, or undefined when `x` reads well as it is. */
function scientific(x: number, digits: number): { mantissa: string; exponent: number } | undefined {
  const a = Math.abs(x);
  if (a === 0 || (a >= SMALL && a < LARGE)) return undefined;
  const [m, e] = x.toExponential(Math.max(0, digits - 1)).split('e');
  // `Number(...)` drops the trailing zeros of `1.500`; a mantissa of exactly 1 is still written.
  return { mantissa: String(Number(m)), exponent: Number(e) };
}

/**
 * `x` to `digits` significant digits as plain text: `0.1277`, `2`, `-1.386`, `6.681 × 10⁻⁵`,
 * `1.2 × 10⁶`; `NaN` and `∞` for the non-finite.
 */
export function formatNumber(x: number, digits = 4): string {
  if (Number.isNaN(x)) return 'NaN';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '-∞';
  const s = scientific(x, digits);
  if (!s) return String(Number(x.toPrecision(digits)));
  const power = [...String(s.exponent)].map((c) => SUPERSCRIPT[c] ?? c).join('');
  return `${s.mantissa} × 10${power}`;
}

/** `x` to `digits` significant digits as TeX: `0.1277`, `6.681 \times 10^{-5}`, `\infty`. */
export function numberTex(x: number, digits = 6): string {
  if (Number.isNaN(x)) return '\\mathrm{NaN}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  const s = scientific(x, digits);
  if (!s) return String(Number(x.toPrecision(digits)));
  return `${s.mantissa} \\times 10^{${s.exponent}}`;
}
