/**
 * The linear text MathJax leaves after its visual copy: the formula written out, but broken onto
 * a new line at every script, with one blank line more for every script it leaves. For
 * `\min_G \max_D \mathbb{E}_{x\sim p_{data}}[\log D(x)] + ...` the clipboard holds
 *
 *     G / min // D / max // E / x∼p / data /// [logD(x)]+E / z∼p(z) // [log(1−D(G(z)))]
 *
 * (`/` one blank line, `//` two, `///` three): a limit stands before its operator (`G`, `min`), a
 * subscript after its base (`E`, `x∼p`), and a big operator with limits (`∑` in `i=1`, `N`) is
 * lost altogether. This module puts the scripts back and returns TeX.
 */
import { unicodeToLatex } from '../unicode';

/** One line of the linear text and the blank lines before it. */
export interface LinearPiece {
  /** The line, mojibake repaired, without surrounding spaces. */
  readonly text: string;
  /** Blank lines between the previous piece and this one (0 for the first). */
  readonly gapBefore: number;
}

/** Operators whose limits MathJax sets under them (and copies before them). */
const LIMIT_WORDS: ReadonlySet<string> = new Set(['min', 'max', 'sup', 'inf', 'lim', 'liminf', 'limsup', 'argmax', 'argmin']);

/** Big operators that may survive in the linear text and take limits. */
const BIG_OPERATORS: ReadonlySet<string> = new Set(['∑', '∏', '∫', '⋃', '⋂', '∮']);

/** Characters a piece that continues the formula (rather than opening a script) starts with. */
const CONTINUES = new Set('=+−-–*/·×∣|∥‖)]},;:<>≤≥≈≠≡∈∉⊂⊆→←⇒∝≜≔'.split(''));

/** Superscripts when a script is one of these alone. */
const SUPERSCRIPT_PIECES: ReadonlySet<string> = new Set(['2', '3', 'T', '⊤', '∗', '*', '′', '″', '†', '−1', '-1', '+', '−', '-']);

/** True when a piece can be a limit or script: short, and not the continuation of an expression. */
function scriptLike(piece: string): boolean {
  return piece.length > 0 && piece.length <= 16 && !CONTINUES.has(piece[0]);
}

/** A lower limit such as `i=1`, `k=0`, `t∈T`. */
function lowerLimitLike(piece: string): boolean {
  return /^[A-Za-zα-ω][A-Za-z0-9α-ω]{0,2}\s*(?:=|∈)\s*\S{1,8}$/u.test(piece);
}

/** An upper limit such as `N`, `n`, `T`, `∞`, `10`, `K−1`. */
function upperLimitLike(piece: string): boolean {
  return piece.length <= 5 && /^[A-Za-z0-9α-ω∞][A-Za-z0-9α-ω∞+−-]*$/u.test(piece);
}

/** A lone summation index: `i`, `j`, `k`, `n`, `t`. */
function indexLike(piece: string): boolean {
  return /^[ijkmnt]$/.test(piece);
}

/** What the big operator a copy lost was, judged by what it applies to: an integral ends in `dx`. */
function lostOperator(next: string | undefined): string {
  return next && /d[a-zα-ω]\)?$/u.test(next) ? '∫' : '∑';
}

/** Where a script piece goes on its base: a power, a transpose, a star or a negative exponent go up. */
function isSuperscript(piece: string, base: string): boolean {
  if (SUPERSCRIPT_PIECES.has(piece) || /^[−-]/.test(piece)) return true;
  const last = base[base.length - 1];
  if (last === ')' || last === ']' || last === '‖' || last === '|' || last === '∥') return true;
  // `e` raised to something: the exponential written as a power.
  return /(?:^|[^A-Za-z])e$/.test(base) && /[A-Za-zα-ω−-]/u.test(piece);
}

/**
 * Puts the scripts of a linear text back. Returns TeX (not yet formatted), or undefined when the
 * pieces do not read as one formula (a script with nothing to attach to, more levels closed than
 * were open).
 */
export function linearToTex(pieces: readonly LinearPiece[]): string | undefined {
  if (pieces.length === 0) return undefined;
  if (pieces.length === 1) return unicodeToLatex(pieces[0].text);
  const unit = Math.min(...pieces.slice(1).map((p) => p.gapBefore));
  let out = '';
  /** What each open level is (a subscript, a superscript, a fraction's denominator), innermost last. */
  const open: ('_' | '^' | '/')[] = [];
  let afterConstruct = false;
  for (let k = 0; k < pieces.length; k++) {
    const piece = pieces[k].text;
    if (k > 0) {
      let closes = pieces[k].gapBefore - unit - (afterConstruct ? 1 : 0);
      if (closes > open.length) return undefined;
      for (; closes > 0; closes--) {
        open.pop();
        out += '}';
      }
    }
    const entering = k > 0 && pieces[k].gapBefore === unit && !afterConstruct;
    afterConstruct = false;
    const next = pieces[k + 1];
    const afterNext = pieces[k + 2];
    // A limit and its operator: `G` / `min` is `\min_{G}`.
    if (next && next.gapBefore === unit && scriptLike(piece) && (LIMIT_WORDS.has(next.text) || BIG_OPERATORS.has(next.text))) {
      out += `${operatorTex(next.text)}_{${piece}}`;
      afterConstruct = true;
      k++;
      continue;
    }
    // Lower and upper limits of a big operator the copy lost (or kept at the end of the text before).
    if (next && next.gapBefore === unit && lowerLimitLike(piece) && upperLimitLike(next.text) && (!afterNext || afterNext.gapBefore > unit)) {
      const kept = BIG_OPERATORS.has(out.trimEnd().slice(-1));
      out += `${kept ? '' : lostOperator(afterNext?.text)}_{${piece}}^{${next.text}}`;
      afterConstruct = true;
      k++;
      continue;
    }
    const atom = endsInAtom(out);
    // A lone index between closed scripts, or after an operator: the lower limit of a lost `∑`.
    const afterOperator = entering && !atom;
    if ((indexLike(piece) || (afterOperator && /^[A-Za-zα-ω]$/u.test(piece))) && (k === 0 || !entering || afterOperator) && next && next.gapBefore > unit) {
      out += `${lostOperator(next.text)}_{${piece}}`;
      afterConstruct = true;
      continue;
    }
    // Two lines entered after an operator, side by side: a fraction's numerator and denominator
    // (the denominator may go on with scripts of its own; the fraction closes like a script).
    if (afterOperator && next && next.gapBefore === unit && scriptLike(piece) && scriptLike(next.text)) {
      out += `\\frac{${piece}}{${next.text}`;
      open.push('/');
      k++;
      continue;
    }
    // A short negative power (`e` / `−z`) opens a superscript although it starts like a subtraction.
    const negativePower = atom && /^[−-][\p{L}\p{N}]{1,3}$/u.test(piece);
    if (entering && (scriptLike(piece) || negativePower) && out.length > 0) {
      // A script needs something to sit on: after an operator, what the page drew there is lost.
      if (!atom) return undefined;
      const mark = isSuperscript(piece, out) ? '^' : '_';
      // A superscript after a subscript of the same base is its sibling (`x_i^2`), not nested in it.
      if (mark === '^' && open[open.length - 1] === '_' && out.endsWith(pieces[k - 1].text)) {
        open.pop();
        out += '}';
      }
      open.push(mark);
      out += `${mark}{${piece}`;
      continue;
    }
    out += piece;
  }
  out += '}'.repeat(open.length);
  return unicodeToLatex(out);
}

/** True when `text` ends in something a script can sit on: a letter, a digit, a closing bracket, a prime. */
function endsInAtom(text: string): boolean {
  const last = [...text.trimEnd()].pop();
  if (last === undefined) return false;
  return /[\p{L}\p{N})\]}|∥‖′'\p{M}]/u.test(last);
}

/** The TeX of an operator piece: `min` -> `\min`, `argmax` -> `\arg\max`, `∑` -> `\sum`. */
function operatorTex(word: string): string {
  if (word === 'argmax') return '\\arg\\max';
  if (word === 'argmin') return '\\arg\\min';
  if (LIMIT_WORDS.has(word)) return '\\' + word;
  return word;
}
