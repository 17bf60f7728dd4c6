/**
 * How every panel shows a number, in one place: plain decimals for everyday sizes, scientific
 * notation written as a person writes it (6.681 × 10⁻⁵) for very small or large ones. Text and TeX
 * have their own forms, because KaTeX typesets `6.681e-5` as a product minus five ("e − 5").
 * No DOM here: unit tests import it in plain Node.
 */

/** Below this size (but not zero) or at least the next, a number is shown in scientific notation. */
const SMALL = 1e-3;
const LARGE = 1e4;

const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

/** A finite number split into a mantissa of `significant` digits (trailing zeros dropped) and a power of ten, or undefined for plain numbers. */
function scientific(x: number, significant: number): { mantissa: string; exponent: number } | undefined {
  const size = Math.abs(x);
  if (x === 0 || (size >= SMALL && size < LARGE)) return undefined;
  const [m, e] = x.toExponential(Math.max(0, significant - 1)).split('e');
  return { mantissa: m.includes('.') ? m.replace(/\.?0+$/, '') : m, exponent: Number(e) };
}

/** A number not in scientific notation, to `significant` digits, without trailing zeros (0.1, 12.346, -3). */
function plainDigits(x: number, significant: number): string {
  const s = Number(x.toPrecision(significant)).toString();
  return s === '-0' ? '0' : s;
}

function nonFinite(x: number): string | undefined {
  if (Number.isNaN(x)) return 'not a number';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '−∞';
  return undefined;
}

/** A number as text: `0.1234`, `12.346`, `6.681 × 10⁻⁵`, `1.5 × 10⁶` (to `significant` digits, 5 by default). */
export function formatNumber(x: number, significant = 5): string {
  const special = nonFinite(x);
  if (special !== undefined) return special;
  const sci = scientific(x, significant);
  if (!sci) return plainDigits(x, significant);
  const power = String(sci.exponent).split('').map((c) => SUPERSCRIPT[c]).join('');
  return `${sci.mantissa} × 10${power}`;
}

/** The same number as TeX for KaTeX: `6.681 \times 10^{-5}`, never `6.681e-5`. */
export function texNumber(x: number, significant = 5): string {
  if (Number.isNaN(x)) return '\\text{not a number}';
  if (x === Infinity) return '\\infty';
  if (x === -Infinity) return '-\\infty';
  const sci = scientific(x, significant);
  if (!sci) return plainDigits(x, significant);
  return `${sci.mantissa} \\times 10^{${sci.exponent}}`;
}
