/**
 * The Mathematical Alphanumeric Symbols (U+1D400-U+1D7FF) and the letterlike symbols that fill
 * their holes (`ℎ`, `ℒ`, `ℝ`, ...): what MathJax puts on the clipboard for `x`, `\theta`,
 * `\mathbb{E}`. Each one is a plain letter or digit in a style, and TeX writes the style as a
 * command around the letter.
 */

/** The styles of the block, in the order Unicode lays out its Latin alphabets. */
export type MathStyle =
  | 'bold' | 'italic' | 'bold-italic' | 'script' | 'bold-script' | 'fraktur' | 'double-struck' | 'bold-fraktur'
  | 'sans' | 'sans-bold' | 'sans-italic' | 'sans-bold-italic' | 'monospace';

const LATIN_STYLES: readonly MathStyle[] = ['bold', 'italic', 'bold-italic', 'script', 'bold-script', 'fraktur', 'double-struck',
  'bold-fraktur', 'sans', 'sans-bold', 'sans-italic', 'sans-bold-italic', 'monospace'];
const GREEK_STYLES: readonly MathStyle[] = ['bold', 'italic', 'bold-italic', 'sans-bold', 'sans-bold-italic'];
const DIGIT_STYLES: readonly MathStyle[] = ['bold', 'double-struck', 'sans', 'sans-bold', 'monospace'];

/** The 58 letters of each Greek alphabet of the block, in Unicode's order. */
const GREEK_ORDER = 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡϴΣΤΥΦΧΨΩ∇αβγδεζηθικλμνξοπρςστυφχψω∂ϵϑϰϕϱϖ';

/** Letterlike symbols that stand in the block's reserved holes, with their style. */
const LETTERLIKE: Readonly<Record<string, readonly [string, MathStyle]>> = {
  'ℎ': ['h', 'italic'], 'ℬ': ['B', 'script'], 'ℰ': ['E', 'script'], 'ℱ': ['F', 'script'], 'ℋ': ['H', 'script'],
  'ℐ': ['I', 'script'], 'ℒ': ['L', 'script'], 'ℳ': ['M', 'script'], 'ℛ': ['R', 'script'], 'ℯ': ['e', 'script'],
  'ℊ': ['g', 'script'], 'ℴ': ['o', 'script'], 'ℭ': ['C', 'fraktur'], 'ℌ': ['H', 'fraktur'], 'ℑ': ['I', 'fraktur'],
  'ℜ': ['R', 'fraktur'], 'ℨ': ['Z', 'fraktur'], 'ℂ': ['C', 'double-struck'], 'ℍ': ['H', 'double-struck'],
  'ℕ': ['N', 'double-struck'], 'ℙ': ['P', 'double-struck'], 'ℚ': ['Q', 'double-struck'], 'ℝ': ['R', 'double-struck'],
  'ℤ': ['Z', 'double-struck'],
};

/** A styled math letter taken apart: the plain letter (Latin, Greek or digit) and its style. */
export interface StyledLetter {
  readonly letter: string;
  readonly style: MathStyle;
}

/** True when the code point is in the Mathematical Alphanumeric Symbols block. */
export function isMathAlphanumericCode(cp: number): boolean {
  return cp >= 0x1d400 && cp <= 0x1d7ff;
}

/**
 * The plain letter and style of a math alphanumeric character or of a letterlike symbol that
 * fills one of the block's holes; undefined for anything else (and for the block's unassigned points).
 */
export function styledLetter(ch: string): StyledLetter | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x1d400) {
    const known = LETTERLIKE[ch];
    return known ? { letter: known[0], style: known[1] } : undefined;
  }
  if (cp <= 0x1d6a3) {
    const offset = cp - 0x1d400;
    const index = offset % 52;
    return { letter: String.fromCharCode(index < 26 ? 65 + index : 97 + index - 26), style: LATIN_STYLES[Math.floor(offset / 52)] };
  }
  if (cp === 0x1d6a4) return { letter: 'ı', style: 'italic' };
  if (cp === 0x1d6a5) return { letter: 'ȷ', style: 'italic' };
  if (cp >= 0x1d6a8 && cp <= 0x1d7c9) {
    const offset = cp - 0x1d6a8;
    return { letter: GREEK_ORDER[offset % 58], style: GREEK_STYLES[Math.floor(offset / 58)] };
  }
  if (cp === 0x1d7ca) return { letter: 'Ϝ', style: 'bold' };
  if (cp === 0x1d7cb) return { letter: 'ϝ', style: 'bold' };
  if (cp >= 0x1d7ce && cp <= 0x1d7ff) {
    const offset = cp - 0x1d7ce;
    return { letter: String.fromCharCode(48 + (offset % 10)), style: DIGIT_STYLES[Math.floor(offset / 10)] };
  }
  return undefined;
}

/**
 * The TeX command that gives a letter its style, or '' when none is needed: italic is how TeX
 * sets a letter anyway. Greek letters take `\boldsymbol` for bold, as `\mathbf` leaves them upright.
 */
export function styleCommand(style: MathStyle, greek: boolean): string {
  switch (style) {
    case 'italic': return '';
    case 'bold': return greek ? '\\boldsymbol' : '\\mathbf';
    case 'bold-italic': case 'sans-bold-italic': return '\\boldsymbol';
    case 'script': case 'bold-script': return '\\mathcal';
    case 'fraktur': case 'bold-fraktur': return '\\mathfrak';
    case 'double-struck': return '\\mathbb';
    case 'sans': case 'sans-italic': return '\\mathsf';
    case 'sans-bold': return greek ? '\\boldsymbol' : '\\mathsf';
    case 'monospace': return '\\mathtt';
  }
}
