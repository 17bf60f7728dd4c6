/**
 * MathJax's visual copy: what a browser copies from a formula MathJax drew, one token a line
 * (`𝑃`, `(`, `𝑥`, `)`), letters as Mathematical Alphanumeric Symbols, function names upright
 * (`log`, `max`), and every symbol drawn from a font's private glyphs (`∑`, `∣`, `−`, `∇`) lost.
 */
import { GREEK, isGreekLetter, isMathOperatorChar, SYMBOLS } from '../chars';
import { isMathAlphanumericCode, styledLetter, styleCommand, type MathStyle } from '../mathAlphanumeric';
import { mojibakeAt } from '../mojibake';
import type { LetterSlot } from './letters';

/** Function and operator names MathJax sets upright, as one token. */
const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  'log', 'ln', 'lg', 'exp', 'min', 'max', 'sup', 'inf', 'arg', 'argmax', 'argmin', 'lim', 'liminf', 'limsup', 'sin',
  'cos', 'tan', 'tanh', 'sinh', 'cosh', 'det', 'tr', 'Tr', 'diag', 'Var', 'Cov', 'Pr', 'KL', 'softmax', 'sigmoid',
  'sgn', 'dim', 'const', 'ELBO', 'JSD', 'MSE',
]);

/** ASCII characters that stand alone as a token of a visual copy. */
const ASCII_SYMBOLS = '=+-()[]{},.|/<>!*:;\'';

/** One line of a visual copy. */
export interface VisualToken {
  /** Offset of the token (the line without its surrounding spaces). */
  readonly start: number;
  readonly end: number;
  readonly kind: 'letter' | 'number' | 'symbol' | 'word';
  /** Its letters and digits, for the comparison with the linear text. */
  readonly slots: readonly LetterSlot[];
  /** The style of a letter token (`italic` for a plain math letter). */
  readonly style?: MathStyle;
  /** True when it is a math alphanumeric letter, MathJax's tell. */
  readonly mathAlphanumeric: boolean;
  /** Its TeX, or undefined when a lost byte leaves it ambiguous. */
  readonly tex: string | undefined;
}

const isCombining = (c: number): boolean => (c >= 0x300 && c <= 0x36f) || (c >= 0x20d0 && c <= 0x20f0);

/** The TeX of a letter in a style: `\mathbf{x}`, `\theta`, `\mathbb{E}`. */
export function letterTex(letter: string, style: MathStyle | undefined): string {
  const greek = isGreekLetter(letter);
  const base = greek ? '\\' + GREEK[letter] : letter;
  const command = style ? styleCommand(style, greek) : '';
  return command ? `${command}{${base}}` : base;
}

/**
 * Reads the line `[ls, le)` as one token of a visual copy, or undefined when it is not one (a word
 * of prose, a formula written out, an empty line).
 */
export function readVisualToken(text: string, ls: number, le: number): VisualToken | undefined {
  let a = ls;
  let b = le;
  while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9 || text.charCodeAt(a) === 0xa0)) a++;
  while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9 || text.charCodeAt(b - 1) === 0xa0)) b--;
  if (a === b || b - a > 12) return undefined;
  const c = text.charCodeAt(a);
  if (c < 128) {
    const s = text.slice(a, b);
    if (/^\d+(?:\.\d+)?$/.test(s)) return { start: a, end: b, kind: 'number', slots: s.replace('.', '').split(''), mathAlphanumeric: false, tex: s };
    if (/^[A-Za-z]+$/.test(s)) {
      if (s.length === 1) return { start: a, end: b, kind: 'letter', slots: [s], mathAlphanumeric: false, tex: s };
      if (FUNCTION_WORDS.has(s) || /^[a-z]{2,4}$/.test(s) || /^[A-Z]{2,4}$/.test(s)) {
        return { start: a, end: b, kind: 'word', slots: s.split(''), mathAlphanumeric: false, tex: undefined };
      }
      return undefined;
    }
    if (b - a === 1 && ASCII_SYMBOLS.includes(s)) return { start: a, end: b, kind: 'symbol', slots: [], mathAlphanumeric: false, tex: s };
    return undefined;
  }
  // One character (or one mojibake sequence), then any combining accents.
  let readings: readonly string[];
  let width: number;
  const m = mojibakeAt(text, a, true);
  if (m) {
    readings = m.alternatives ?? [m.char];
    width = m.length;
  } else {
    const ch = String.fromCodePoint(text.codePointAt(a) ?? c);
    readings = [ch];
    width = ch.length;
  }
  let accents = a + width;
  while (accents < b && isCombining(text.charCodeAt(accents))) accents++;
  if (accents !== b) return undefined;
  const letters = readings.map((ch) => {
    const styled = styledLetter(ch);
    if (styled) return { letter: styled.letter, style: styled.style, alnum: isMathAlphanumericCode(ch.codePointAt(0) ?? 0) };
    if (isGreekLetter(ch)) return { letter: ch, style: undefined, alnum: false };
    return undefined;
  });
  if (letters.every((l) => l !== undefined)) {
    const distinct = [...new Set(letters.map((l) => l.letter))];
    const one = readings.length === 1 ? letters[0] : undefined;
    return {
      start: a,
      end: b,
      kind: 'letter',
      slots: [distinct.length === 1 ? distinct[0] : distinct],
      style: one?.style,
      mathAlphanumeric: letters.some((l) => l.alnum),
      tex: one ? letterTex(one.letter, one.style) : undefined,
    };
  }
  if (readings.length === 1 && accents === a + width) {
    const ch = readings[0];
    if (isMathOperatorChar(ch) || ch in SYMBOLS) return { start: a, end: b, kind: 'symbol', slots: [], mathAlphanumeric: false, tex: SYMBOLS[ch] ?? ch };
  }
  return undefined;
}
