/**
 * Unicode plain-text math, as pasted from web pages (`KL(q(z∣x)∥p(z∣x))`, `θ=θ−η∇L(θ)`): where it is
 * in a line of prose, and how to turn it into TeX.
 *
 * THE RULE (what counts as a Unicode formula):
 *
 * 1. A candidate is a maximal run, on ONE line, of math tokens: identifiers of one or two letters
 *    (Latin or Greek), numbers, the function and operator words of `MATH_WORDS` (log, exp, min, max,
 *    sup, inf, argmax, argmin, KL, ELBO, data, ...), acronyms of at most five capitals, any word that
 *    holds a Greek letter or a digit, any word glued without a space to a math symbol or followed by
 *    `(` (`pprior(x)`, `∑jxjxi`, `p_data`), TeX control words pasted without delimiters (`\sigma`,
 *    `\,`), math symbols, ASCII operators, brackets and spaces. Short English words (`is`, `of`,
 *    `in`, ... in `PROSE_SHORT`) standing alone are prose.
 * 2. A word of three or more letters that stands between spaces or punctuation and is not a math
 *    word is prose: it ends the run. So do characters that are neither math nor spaces (quotes,
 *    em dashes, `&`, `#`, `@`, backticks).
 * 3. The run is trimmed of surrounding spaces, of trailing `.`, `,`, `;`, `:`, of dangling operators
 *    at its ends and of unbalanced brackets at its ends.
 * 4. It is a formula only if it holds at least one identifier AND at least one operator: a math-only
 *    Unicode character (∫ ∑ ∏ ∇ ∂ ∥ ∣ ∼ − ≤ ≥ ≈ ≠ ∈ × · √ ∞ ² ₁ ...), or an `=` with a math token on both
 *    sides, or a known function (`log`, `exp`, `KL`, ...) applied to an argument holding `+ - * / |`.
 *    A lone Greek letter in prose (`the parameters θ are`) or `f(x)` alone is NOT a formula.
 * 5. Code-like runs (`==`, `!=`, `=>`, `+=`, `&&`, `::`), URLs, HTML tags and markdown link targets
 *    are not formulas; a run longer than 4,000 characters is not one pasted formula.
 *
 * Only lines that hold `=` or a non-ASCII character are read at all (that keeps the scan of a 5 MB
 * note cheap), so a formula made of ASCII alone without `=` (`log(1 - D(G(z)))`) is not found: it
 * is as likely to be code or prose. The finder applies the rule only to the text outside code and
 * outside delimited math; mojibake (UTF-8 read through Windows-1252/1253, see mojibake.ts) is read
 * as the character it stands for. A formula that stands alone on its line is reported as display.
 */
import { ACCENTS, GREEK, isCombiningMark, isGreekLetter, isMathOperatorChar, SUBSCRIPTS, SUPERSCRIPTS, SYMBOLS } from './chars';
import { styledLetter, styleCommand } from './mathAlphanumeric';
import { mojibakeAt } from './mojibake';
import { flattenedSoftmaxIn } from './pasted/fractions';

/** Words that are math, not prose, even with three or more letters. */
export const MATH_WORDS: ReadonlySet<string> = new Set([
  'log', 'ln', 'lg', 'exp', 'min', 'max', 'sup', 'inf', 'argmax', 'argmin', 'arg', 'lim', 'liminf', 'limsup',
  'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'sigmoid', 'softmax', 'relu', 'ReLU', 'det', 'tr', 'Tr', 'diag',
  'Var', 'var', 'Cov', 'cov', 'Pr', 'KL', 'JSD', 'JS', 'ELBO', 'MLE', 'MSE', 'data',
  'const', 'sgn', 'dim', 'mod', 'gcd', 'std', 'sqrt', 'abs', 'dx', 'dz', 'dt',
]);

/** The longest word of `MATH_WORDS`. */
const MAX_MATH_WORD = Math.max(...[...MATH_WORDS].map((w) => w.length));

/**
 * Short English words that are prose, not variables, when they stand alone between spaces
 * (`x = y is`, `θ in the`). Single letters stay variables: `a`, `I` and `x` are all common in math.
 */
const PROSE_SHORT: ReadonlySet<string> = new Set([
  'is', 'of', 'to', 'in', 'on', 'at', 'by', 'we', 'it', 'as', 'or', 'if', 'be', 'so', 'do', 'an', 'no', 'us',
  'my', 'he', 'me', 'up', 'am', 'Is', 'Of', 'To', 'In', 'On', 'At', 'By', 'We', 'It', 'As', 'Or', 'If',
  'So', 'Do', 'An', 'No',
]);

/** Function words that TeX typesets upright with a command of the same name. */
const TEX_FUNCTIONS: ReadonlySet<string> = new Set([
  'log', 'ln', 'lg', 'exp', 'min', 'max', 'sup', 'inf', 'lim', 'liminf', 'limsup', 'sin', 'cos', 'tan',
  'tanh', 'sinh', 'cosh', 'det', 'dim', 'gcd', 'Pr', 'arg',
]);

/** Words that get `\operatorname{...}` (or `\arg\max`) when converted. */
const TEX_OPERATORS: Readonly<Record<string, string>> = {
  argmax: '\\arg\\max', argmin: '\\arg\\min', softmax: '\\operatorname{softmax}', sigmoid: '\\operatorname{sigmoid}',
  tr: '\\operatorname{tr}', Tr: '\\operatorname{Tr}', diag: '\\operatorname{diag}', Var: '\\operatorname{Var}',
  Cov: '\\operatorname{Cov}', KL: '\\mathrm{KL}', JSD: '\\mathrm{JSD}', ELBO: '\\mathrm{ELBO}', sqrt: '\\sqrt',
};

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** Characters that end a sub- or superscript written without braces (`p_data[`, `E_z∼p(z) `). */
const SCRIPT_STOP = new Set([' ', '\t', '[', ']', '=', ',', ';', '+', '{', '}', '|', '∣', '∥', '<', '>', '≤', '≥', '≈', '≠']);

/** Deeper than this, `_` and `^` take a single character: hostile input must not recurse without bound. */
const MAX_SCRIPT_DEPTH = 6;

/**
 * Converts Unicode plain-text math to TeX: Greek letters and math symbols to their commands
 * (`θ` -> `\theta`, `∣` -> `\mid`, `∥` -> `\|`, `∼` -> `\sim`, `−` -> `-`), function words to upright
 * operators (`log` -> `\log`, `min_G` -> `\min_G`, `argmax` -> `\arg\max`), Unicode super/subscripts to
 * `^{...}`/`_{...}` and unbraced multi-character scripts to braced ones (`E_x∼p_data` ->
 * `E_{x\sim p_{data}}`). Text that is already TeX passes through unchanged. Linear in the input.
 */
export function unicodeToLatex(text: string): string {
  return convert(text, 0);
}

function convert(text: string, depth: number): string {
  const parts: string[] = [];
  /** True when the output ends in a control word, so a following letter needs a space. */
  let needSpace = false;
  const emit = (s: string): void => {
    if (s.length === 0) return;
    if (needSpace && isAsciiLetter(s.charCodeAt(0))) parts.push(' ');
    parts.push(s);
    needSpace = endsInControlWord(s);
  };
  /** A word of letters: an upright function (`\\log`), an operator (`\\arg\\max`), or letters as they are. */
  const emitWord = (word: string): void => {
    if (TEX_FUNCTIONS.has(word)) emit('\\' + word);
    else if (word in TEX_OPERATORS) emit(TEX_OPERATORS[word]);
    else {
      // A function glued to its one-letter argument, as pages copy it: `logP` is `\\log P`.
      const glued = GLUED_FUNCTION.exec(word);
      if (glued) {
        emit('\\' + glued[1]);
        emit(glued[2]);
      } else emit(word);
    }
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // Plain ASCII that needs no conversion is copied as one slice: the common case, kept cheap.
    if (c < 128 && !isAsciiLetter(c) && c !== 92 && c !== 95 && c !== 94 && c !== 124 && c !== 126) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 128 || isAsciiLetter(d) || d === 92 || d === 95 || d === 94 || d === 124 || d === 126) break;
        j++;
      }
      emit(text.slice(i, j));
      i = j;
      continue;
    }
    // TeX already in the text: copy a control word whole, so `\theta` does not read as `\t` + `heta`.
    if (c === 92 /* \ */) {
      let j = i + 1;
      while (j < n && isAsciiLetter(text.charCodeAt(j))) j++;
      if (j === i + 1 && j < n) j++;
      emit(text.slice(i, j));
      i = j;
      continue;
    }
    if (isAsciiLetter(c)) {
      let j = i + 1;
      while (j < n && isAsciiLetter(text.charCodeAt(j))) j++;
      let word = text.slice(i, j);
      // An accent belongs to the last letter only: `x̂` is `\hat{x}`.
      if (j < n && isCombiningMark(text.charCodeAt(j))) {
        if (word.length > 1) emitWord(word.slice(0, -1));
        word = word.slice(-1);
        const accented = withAccents(text, j, word);
        emit(accented.tex);
        i = accented.end;
        continue;
      }
      emitWord(word);
      i = j;
      continue;
    }
    if (c === 95 /* _ */ || c === 94 /* ^ */) {
      const mark = text[i];
      i++;
      if (i >= n) { emit(mark); break; }
      if (text[i] === '{' || depth >= MAX_SCRIPT_DEPTH) { emit(mark); continue; }
      const end = scriptEnd(text, i);
      const inner = convert(text.slice(i, end), depth + 1);
      const single = end - i === 1 && /^[A-Za-z0-9]$/.test(inner);
      parts.push(mark + (single ? inner : '{' + inner + '}'));
      needSpace = false;
      i = end;
      continue;
    }
    // Code points above the BMP (𝔼, 𝒩) are two UTF-16 units.
    const cp = text.codePointAt(i) ?? c;
    const ch = String.fromCodePoint(cp);
    const width = ch.length;
    if (ch in SUPERSCRIPTS || ch in SUBSCRIPTS) {
      const table = ch in SUPERSCRIPTS ? SUPERSCRIPTS : SUBSCRIPTS;
      let j = i;
      let body = '';
      while (j < n && text[j] in table) { body += table[text[j]]; j++; }
      const inner = depth < MAX_SCRIPT_DEPTH ? convert(body, depth + 1) : body;
      parts.push((table === SUPERSCRIPTS ? '^' : '_') + (/^[A-Za-z0-9]$/.test(inner) ? inner : '{' + inner + '}'));
      needSpace = false;
      i = j;
      continue;
    }
    if (ch in GREEK || styledLetter(ch)) {
      const styled = styledLetter(ch);
      const base = styled ? letterTexOf(styled.letter, styleCommand(styled.style, isGreekLetter(styled.letter))) : '\\' + GREEK[ch];
      if (isCombiningMark(text.charCodeAt(i + width))) {
        const accented = withAccents(text, i + width, base);
        emit(accented.tex);
        i = accented.end;
      } else {
        emit(base);
        i += width;
      }
      continue;
    }
    if (isCombiningMark(c)) {
      // An accent with nothing before it to sit on: dropped rather than left as a stray character.
      i++;
      continue;
    }
    if (ch === '|' && text[i + 1] === '|') { emit('\\|'); i += 2; continue; }
    if (ch in SYMBOLS) { emit(SYMBOLS[ch]); i += width; continue; }
    emit(ch);
    i += width;
  }
  return parts.join('');
}

/** `logP`, `maxD`: a function word glued to a one-letter argument. */
const GLUED_FUNCTION = /^(log|ln|exp|max|min|sup|inf|det|sin|cos|tan|tanh)([A-Za-z])$/;

/** The TeX of a plain letter (Latin, Greek or digit) under a style command ('' for none). */
function letterTexOf(letter: string, command: string): string {
  const base = letter in GREEK ? '\\' + GREEK[letter] : letter;
  return command ? `${command}{${base}}` : base;
}

/** The combining accents from `at` put on `base`: `\\hat{\\theta}`; unknown accents are dropped. */
function withAccents(text: string, at: number, base: string): { tex: string; end: number } {
  let tex = base;
  let j = at;
  while (j < text.length && isCombiningMark(text.charCodeAt(j))) {
    const accent = ACCENTS[text[j]];
    if (accent) tex = `\\${accent}{${tex}}`;
    j++;
  }
  return { tex, end: j };
}

/** True when `s` ends in a control word (`\\theta`), after which a letter must not follow directly. */
function endsInControlWord(s: string): boolean {
  const n = s.length;
  if (!isAsciiLetter(s.charCodeAt(n - 1))) return false;
  let i = n - 1;
  while (i >= 0 && isAsciiLetter(s.charCodeAt(i))) i--;
  return i >= 0 && s.charCodeAt(i) === 92;
}

/**
 * End of an unbraced script starting at `i`: one character when it is a digit run or a single
 * letter followed by a non-letter; otherwise the run up to a stop character. Parentheses are taken
 * (balanced) only after a `∼`, so `E_z∼p(z)` keeps `p(z)` in the subscript while `p_θ(x)` does not.
 */
function scriptEnd(text: string, i: number): number {
  const n = text.length;
  let j = i;
  let sawSim = false;
  while (j < n) {
    const ch = text[j];
    if (SCRIPT_STOP.has(ch)) break;
    if (ch === '∼' || ch === '~') { sawSim = true; j++; continue; }
    if (ch === '(') {
      if (!sawSim || j === i) break;
      let depth = 0;
      let k = j;
      for (; k < n; k++) {
        if (text[k] === '(') depth++;
        else if (text[k] === ')' && --depth === 0) break;
      }
      if (k >= n) break;
      j = k + 1;
      continue;
    }
    if (ch === ')') break;
    if (ch === '\\') break;
    // `x_t−1`: a minus after the subscript is arithmetic, not part of it.
    if ((ch === '−' || ch === '-' || ch === '/' || ch === '*') && !sawSim && j > i) break;
    j++;
  }
  return j > i ? j : i + 1;
}

/** A Unicode formula found in plain text: offsets into the scanned document. */
export interface UnicodeSpan {
  /** Offset of the first character of the formula. */
  readonly start: number;
  /** Offset just past its last character. */
  readonly end: number;
}

/** What one position of a line is, for the formula rule. */
const enum Kind {
  Space,
  /** Ends a run: prose words, quotes, URLs, tags, anything that is not math. */
  Break,
  /** Part of a formula: identifiers, numbers, brackets, ASCII operators. */
  Math,
  /** A math-only operator (∑, ∣, −, ...), which makes a run a formula. */
  Strong,
}

/** ASCII characters that may be part of plain-text math. */
const ASCII_MATH = new Set('+-*/^_|<>()[]{},.;:!\'=~'.split('').map((c) => c.charCodeAt(0)));

/** Function words whose application (`log(1 - D(x))`) counts as an operator when its argument holds arithmetic. */
const FUNCTION_APPLICATION = /(?:^|[^A-Za-z])(?:log|ln|exp|KL|JSD|Pr|softmax|sigmoid|tanh|min|max|argmax|argmin)\s?[([]/;

/** Sequences that mark code (`a == b`, `x => y`, `i += 1`), never math. */
const CODE_LIKE = /==|!=|=>|\+=|-=|&&|\|\|=|::/;

/** A line longer than this is data, not prose with a pasted formula: it is not scanned. */
const MAX_LINE = 100_000;

/** A pasted formula is at most a few lines of a web page; a longer run is not one formula. */
const MAX_FORMULA = 4_000;

/**
 * Finds Unicode plain-text formulas in `text.slice(from, to)` by the rule at the top of this file.
 * Each line is read once; a line without `=` or a non-ASCII character is skipped at once.
 */
export function findUnicodeFormulas(text: string, from: number, to: number): UnicodeSpan[] {
  const out: UnicodeSpan[] = [];
  let ls = from;
  while (ls < to) {
    let le = ls;
    let trigger = false;
    while (le < to) {
      const c = text.charCodeAt(le);
      if (c === 10 || c === 13) break;
      if (c === 61 || c >= 128) trigger = true;
      le++;
    }
    if (trigger && le - ls <= MAX_LINE) scanLine(text, ls, le, isLineStart(text, ls), out);
    ls = le + 1;
  }
  return out;
}

function isLineStart(text: string, at: number): boolean {
  for (let i = at - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  return true;
}

const isLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** Width in UTF-16 units of the character `charAt` read last (a module variable: no object per character). */
let charWidth = 1;

/** Reads the code point at `i`, mojibake read as the character it stands for; its width goes to `charWidth`. */
function charAt(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c >= 0x80) {
    const m = mojibakeAt(text, i);
    if (m) {
      charWidth = m.length;
      return m.char;
    }
  }
  if (c < 0xd800 || c > 0xdbff) {
    charWidth = 1;
    return text[i];
  }
  const cp = text.codePointAt(i) ?? c;
  const ch = String.fromCodePoint(cp);
  charWidth = ch.length;
  return ch;
}

/** The run of math tokens being built on the current line. */
interface Run {
  start: number;
  end: number;
}

/** Adds the token `[start, end)` of `kind` to the run, or ends the run on a break. */
function take(text: string, run: Run, start: number, end: number, kind: Kind, out: UnicodeSpan[]): void {
  if (kind === Kind.Break) {
    if (run.start >= 0) finalizeRun(text, run.start, run.end, out);
    run.start = -1;
    return;
  }
  if (kind === Kind.Space) return;
  if (run.start < 0) run.start = start;
  run.end = end;
}

function scanLine(text: string, ls: number, le: number, lineStart: boolean, out: UnicodeSpan[]): void {
  let i = ls;
  if (lineStart) {
    // Markdown's line markers (quote, list, heading) are not part of a formula that follows them.
    const m = /^[ \t]*(?:>[ \t]?)*(?:[-*+][ \t]+|\d{1,9}[.)][ \t]+|#{1,6}[ \t]+)?/.exec(text.slice(ls, Math.min(le, ls + 200)));
    if (m) i += m[0].length;
  }
  const run: Run = { start: -1, end: -1 };
  // A flattened softmax (`ezi j ezj`) is math although its pieces look like words.
  // (The line is sliced: a search of the whole text from `i` would run on past the line's end.)
  const line = le - i < 500 ? text.slice(i, le) : '';
  let flat = line.includes(' e') || line.includes('∑') ? flattenedSoftmaxIn(line) : undefined;
  if (flat) flat = { start: flat.start + i, end: flat.end + i };
  while (i < le) {
    const c = text.charCodeAt(i);
    if (flat && i >= flat.start) {
      take(text, run, flat.start, flat.end, Kind.Strong, out);
      i = flat.end;
      flat = undefined;
      continue;
    }
    if (c === 32 || c === 9) { i++; continue; }
    // URLs, autolinks, HTML tags and link targets are not math, whatever `=` they hold.
    if ((c === 104 && (text.startsWith('http://', i) || text.startsWith('https://', i))) || (c === 119 && text.startsWith('www.', i))) {
      let e = i;
      while (e < le && text.charCodeAt(e) !== 32 && text.charCodeAt(e) !== 9) e++;
      take(text, run, i, e, Kind.Break, out);
      i = e;
      continue;
    }
    if (c === 60 /* < */ && (isLetter(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === 47 || text.charCodeAt(i + 1) === 33)) {
      const e = text.indexOf('>', i);
      const stop = e < 0 || e >= le ? le : e + 1;
      take(text, run, i, stop, Kind.Break, out);
      i = stop;
      continue;
    }
    if (c === 93 /* ] */ && text.charCodeAt(i + 1) === 40 /* ( */) {
      const e = text.indexOf(')', i);
      const stop = e < 0 || e >= le ? le : e + 1;
      take(text, run, i, stop, Kind.Break, out);
      i = stop;
      continue;
    }
    // TeX pasted without its delimiters (`\sigma_Y^2 = 1 + \mu_Y^2`): a control word or `\,` is math.
    if (c === 92 /* \ */) {
      let e = i + 1;
      while (e < le && isLetter(text.charCodeAt(e))) e++;
      if (e === i + 1 && e < le && ',;:!|{}'.includes(text[e])) e++;
      take(text, run, i, e, e > i + 1 ? Kind.Math : Kind.Break, out);
      i = Math.max(e, i + 1);
      continue;
    }
    const word = readWord(text, i, le);
    if (word > i) {
      take(text, run, i, word, classifyWord(text, i, word, le), out);
      i = word;
      continue;
    }
    if (c < 128) {
      take(text, run, i, i + 1, ASCII_MATH.has(c) ? Kind.Math : Kind.Break, out);
      i++;
      continue;
    }
    const ch = charAt(text, i);
    const width = charWidth; // `take` may read other characters and change `charWidth`
    take(text, run, i, i + width, symbolKind(text, i, width, ch), out);
    i += width;
  }
  take(text, run, le, le, Kind.Break, out);
}

/**
 * What a non-ASCII character that is not part of a word is: a math symbol (strong), or a break.
 * An en dash between spaces is punctuation (`(G) – generator`), not a minus.
 */
function symbolKind(text: string, i: number, width: number, ch: string): Kind {
  if (ch === '–' && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i + width) === 32)) return Kind.Break;
  return isMathOperatorChar(ch) || (ch in SYMBOLS && ch !== '~') ? Kind.Strong : Kind.Break;
}

/**
 * True when every token of `[ls, le)` is math by the rule at the top of this file (no word of
 * prose, no character that ends a formula): a line of a formula's linear text, say.
 */
export function isMathLine(text: string, ls: number, le: number): boolean {
  for (let i = ls; i < le; ) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) { i++; continue; }
    if (c === 92 /* \ */) {
      let e = i + 1;
      while (e < le && isLetter(text.charCodeAt(e))) e++;
      if (e === i + 1) return false;
      i = e;
      continue;
    }
    const word = readWord(text, i, le);
    if (word > i) {
      if (classifyWord(text, i, word, le) === Kind.Break) return false;
      i = word;
      continue;
    }
    if (c < 128) {
      if (!ASCII_MATH.has(c)) return false;
      i++;
      continue;
    }
    const ch = charAt(text, i);
    const width = charWidth;
    if (symbolKind(text, i, width, ch) === Kind.Break) return false;
    i += width;
  }
  return true;
}

/** End of the word (letters, digits, Greek letters, mojibake Greek, other letters) at `i`; `i` if none. */
function readWord(text: string, i: number, le: number): number {
  let j = i;
  while (j < le) {
    const c = text.charCodeAt(j);
    if (isLetter(c) || isDigitCode(c)) { j++; continue; }
    if (c < 128) break;
    const ch = charAt(text, j);
    if (isGreekLetter(ch) || styledLetter(ch) || (!isMathOperatorChar(ch) && !(ch in SYMBOLS) && /\p{L}/u.test(ch))) {
      j += charWidth;
      continue;
    }
    // An accent stays with the letter it sits on (`θ̂`, `x̄`).
    if (j > i && isCombiningMark(ch.charCodeAt(0))) {
      j += charWidth;
      continue;
    }
    break;
  }
  return j;
}

/** Is the word `[i, j)` math or prose? */
function classifyWord(text: string, i: number, j: number, le: number): Kind {
  let hasDigit = false;
  let hasGreek = false;
  let allDigits = true;
  let accents = 0;
  let letters = 0;
  for (let k = i; k < j; ) {
    const c = text.charCodeAt(k);
    if (isDigitCode(c)) { hasDigit = true; k++; continue; }
    allDigits = false;
    if (isLetter(c)) { letters++; k++; continue; }
    const ch = charAt(text, k);
    if (isGreekLetter(ch) || styledLetter(ch)) { hasGreek = true; letters++; }
    else if (isCombiningMark(ch.charCodeAt(0))) accents++;
    else return Kind.Break; // a word with accented letters (café, naïve) is prose
    k += charWidth;
  }
  // A combining accent makes math of one letter (`θ̂`, `x̄`); on a longer word it is spelling.
  if (accents > 0) return letters === 1 ? Kind.Strong : Kind.Break;
  if (allDigits || hasGreek || hasDigit) return Kind.Math;
  const before = i > 0 ? text[i - 1] : ' ';
  const after = j < le ? text[j] : ' ';
  const glued = before === '_' || before === '^' || isMathOperatorChar(before)
    || after === '(' || after === '_' || after === '^' || after === '[' || isMathOperatorChar(after);
  if (glued) return Kind.Math;
  const length = j - i;
  // Only words as short as the math words are looked up: longer ones are prose without a string made.
  if (length > MAX_MATH_WORD) return Kind.Break;
  const word = text.slice(i, j);
  if (length <= 2) return PROSE_SHORT.has(word) ? Kind.Break : Kind.Math;
  if (MATH_WORDS.has(word)) return Kind.Math;
  if (length <= 5 && /^[A-Z]+$/.test(word)) return Kind.Math;
  return Kind.Break;
}

const TRIM_START = new Set(' \t,.;:!=+*/)]}\''.split(''));
const TRIM_END = new Set(' \t,.;:!=+-*/([{\'−'.split(''));

/** Trims a run, checks it against the rule, and records it when it is a formula. */
function finalizeRun(text: string, start: number, end: number, out: UnicodeSpan[]): void {
  if (end - start > MAX_FORMULA) return;
  let s = start;
  let e = end;
  for (let changed = true; changed && s < e; ) {
    changed = false;
    while (s < e && TRIM_START.has(text[s])) { s++; changed = true; }
    while (e > s && TRIM_END.has(text[e - 1])) { e--; changed = true; }
    for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']]) {
      if (e <= s) break;
      let balance = 0;
      for (let k = s; k < e; k++) {
        if (text[k] === open) balance++;
        else if (text[k] === close) balance--;
      }
      if (balance > 0 && text[s] === open) { s++; changed = true; }
      else if (balance < 0 && text[e - 1] === close) { e--; changed = true; }
    }
  }
  if (e - s < 2) return;
  const body = text.slice(s, e);
  if (CODE_LIKE.test(body)) return;
  let hasIdent = false;
  let hasStrong = false;
  let hasScript = false;
  for (let k = s; k < e; ) {
    const c = text.charCodeAt(k);
    if (isLetter(c)) { hasIdent = true; k++; continue; }
    if (c < 128) { k++; continue; }
    const ch = charAt(text, k);
    if (isGreekLetter(ch) || styledLetter(ch)) hasIdent = true;
    else if (isMathOperatorChar(ch) || (ch in SYMBOLS && ch !== '~')) {
      hasStrong = true;
      if (ch in SUPERSCRIPTS || ch in SUBSCRIPTS || isCombiningMark(ch.charCodeAt(0))) hasScript = true;
    }
    k += charWidth;
  }
  if (!hasIdent) return;
  // Two characters make a formula only as a letter with a script or an accent (`xᵢ`, `θ̂`).
  if (e - s < 3 && !hasScript) return;
  if (!hasStrong) hasStrong = hasMathEquals(text, s, e);
  if (!hasStrong) hasStrong = FUNCTION_APPLICATION.test(body) && /[-+*/|]/.test(body);
  if (!hasStrong) return;
  out.push({ start: s, end: e });
}

/** True when some `=` in `[s, e)` has a math token on both sides (spaces skipped). */
function hasMathEquals(text: string, s: number, e: number): boolean {
  for (let k = text.indexOf('=', s); k >= 0 && k < e; k = text.indexOf('=', k + 1)) {
    let a = k - 1;
    while (a >= s && text[a] === ' ') a--;
    let b = k + 1;
    while (b < e && text[b] === ' ') b++;
    if (a < s || b >= e) continue;
    const left = text.charCodeAt(a);
    const right = text.charCodeAt(b);
    const leftOk = isLetter(left) || isDigitCode(left) || left === 41 || left === 93 || left === 124 || left === 39 || left >= 128;
    const rightOk = isLetter(right) || isDigitCode(right) || right === 40 || right === 45 || right === 124 || right === 91 || right >= 128;
    if (leftOk && rightOk) return true;
  }
  return false;
}

export { isGreekLetter, isMathChar, isMathOperatorChar } from './chars';
