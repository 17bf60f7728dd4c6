/**
 * How GenMath shows a number, in one place for the core, the hover and every panel: plain decimals
 * for everyday sizes, and for very small or large ones scientific notation as a person writes it,
 * `6.681 × 10⁻⁵` in text and `6.681 \times 10^{-5}` in TeX: JavaScript's `6.681e-5` is a
 * programmer's spelling, and typeset by KaTeX it even reads as "6.681e − 5".
 */

/** Where plain decimals end: below `small` (but not zero), and from `large` up, a power of ten is written. */
export interface NumberRange {
  readonly small: number;
  readonly large: number;
}

/** The range of prose and derivations, where a value is read once: 0.0001234 and 123456 stay plain. */
export const READ_RANGE: NumberRange = { small: 1e-4, large: 1e6 };

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
};

/** The mantissa and exponent of `x` to `digits` significant digits, or undefined when `x` reads well as it is. */
function scientific(x: number, digits: number, range: NumberRange): { mantissa: string; exponent: number } | undefined {
  const a = Math.abs(x);
  if (a === 0 || (a >= range.small && a < range.large)) return undefined;
  const [m, e] = x.toExponential(Math.max(0, digits - 1)).split('e');
  // `Number(...)` drops the trailing zeros of `1.500`; a mantissa of exactly 1 is still written.
  return { mantissa: String(Number(m)), exponent: Number(e) };
}

/** `x` to `digits` significant digits without trailing zeros, and `0` for `-0`. */
function plainDigits(x: number, digits: number): string {
  return String(Number(x.toPrecision(digits)));
}

/**
 * `x` to `digits` significant digits as plain text: `0.1277`, `2`, `-1.386`, `6.681 × 10⁻⁵`,
 * `1.2 × 10⁶`; `∞`, `−∞` and `not a number` for the rest.
 */
export function formatNumber(x: number, digits = 4, range: NumberRange = READ_RANGE): string {
  if (Number.isNaN(x)) return 'not a number';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  const s = scientific(x, digits, range);
  if (!s) return plainDigits(x, digits);
  const power = [...String(s.exponent)].map((c) => SUPERSCRIPT[c] ?? c).join('');
  return `${s.mantissa} × 10${power}`;
}

/** `x` to `digits` significant digits as TeX: `0.1277`, `6.681 \times 10^{-5}`, `\infty`. */
export function numberTex(x: number, digits = 6, range: NumberRange = READ_RANGE): string {
  if (Number.isNaN(x)) return '\\text{not a number}';
  if (!Number.isFinite(x)) return x > 0 ? '\\infty' : '-\\infty';
  const s = scientific(x, digits, range);
  if (!s) return plainDigits(x, digits);
  return `${s.mantissa} \\times 10^{${s.exponent}}`;
}
