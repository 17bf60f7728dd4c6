/**
 * KaTeX's copy: what a browser copies from a formula KaTeX rendered is the formula's visual text
 * directly followed by the TeX source KaTeX keeps in its annotation, and sometimes the visual text
 * once more after it (`DKL(pq)DKL(qp)D_{\text{KL}}(p \| q) \neq D_{\text{KL}}(q \| p)`). The TeX
 * part is the formula; the whole copy is its span.
 *
 * Where the visual text ends and the TeX begins is found by the letters: the visual text holds the
 * same letters and digits as the TeX shows (`\text{KL}` shows `KL`, `\theta` shows `θ`, `\frac` and
 * `\|` show none). With A the letters before the TeX's first command and T the letters the TeX shows
 * from there on, a visual text of k letters followed by its TeX needs k = (|A| + |T|) / 2 and the
 * first k letters of A to equal the rest of A with T (as multisets: KaTeX draws a fraction's
 * denominator first). One division and one comparison per candidate start, so a line costs little.
 */
import { GREEK } from '../chars';
import { letterKey } from './letters';
import { letterOf } from './reading';
import type { PastedBlock } from './types';

/** Lines longer than this are not looked at: a pasted formula is shorter. */
const MAX_LINE = 2000;
/** Start candidates tried before the TeX's first command (word starts of the line). */
const MAX_STARTS = 12;

/** Greek letters by TeX name. */
const GREEK_BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(GREEK).map(([ch, name]) => [name, ch]));

/** Commands whose name shows as letters (`\log` shows `log`). */
const NAMED_FUNCTIONS: ReadonlySet<string> = new Set(['log', 'ln', 'lg', 'exp', 'min', 'max', 'sup', 'inf', 'arg', 'lim', 'liminf',
  'limsup', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'det', 'dim', 'ker', 'gcd', 'Pr', 'deg', 'hom', 'lcm']);

/** Commands whose argument is not shown (a name, a colour, a length). */
const HIDDEN_ARGUMENT: ReadonlySet<string> = new Set(['begin', 'end', 'label', 'color', 'hspace', 'vspace', 'kern', 'mkern', 'mskip',
  'hskip', 'phantom', 'vphantom', 'hphantom', 'ref', 'eqref']);

/** Short words of prose that end a TeX source written into a sentence (`... \\| p) in general`). */
const PROSE_SHORT: ReadonlySet<string> = new Set(['is', 'of', 'to', 'in', 'on', 'at', 'by', 'we', 'it', 'as', 'or', 'if', 'be', 'so',
  'an', 'and', 'for', 'the']);

/** A letter and where it stands. */
interface Placed {
  readonly letter: string;
  readonly at: number;
}

/** The letters the TeX `text.slice(from, to)` shows, in order, each at its offset. */
export function texLetters(text: string, from: number, to: number): Placed[] {
  const out: Placed[] = [];
  for (let i = from; i < to; ) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) {
      let j = i + 1;
      while (j < to && /[A-Za-z]/.test(text[j])) j++;
      if (j === i + 1) { i += 2; continue; }
      const name = text.slice(i + 1, j);
      const greek = GREEK_BY_NAME.get(name);
      if (greek) out.push({ letter: greek, at: i });
      else if (name === 'ell') out.push({ letter: 'ℓ', at: i });
      else if (NAMED_FUNCTIONS.has(name)) for (let k = 0; k < name.length; k++) out.push({ letter: name[k], at: i + 1 + k });
      else if (HIDDEN_ARGUMENT.has(name)) {
        while (j < to && text.charCodeAt(j) === 32) j++;
        if (text.charCodeAt(j) === 123) {
          let close = j;
          while (close < to && text.charCodeAt(close) !== 125) close++;
          if (close < to) j = close + 1;
        }
      }
      i = j;
      continue;
    }
    const ch = String.fromCodePoint(text.codePointAt(i) ?? c);
    const letter = letterOf(ch);
    if (letter !== undefined) out.push({ letter, at: i });
    i += ch.length;
  }
  return out;
}

/** The letters of visual text (no commands): every letter and digit as it stands. */
function visualLetters(text: string, from: number, to: number): Placed[] {
  const out: Placed[] = [];
  for (let i = from; i < to; ) {
    const ch = String.fromCodePoint(text.codePointAt(i) ?? text.charCodeAt(i));
    const letter = letterOf(ch);
    if (letter !== undefined) out.push({ letter, at: i });
    i += ch.length;
  }
  return out;
}

/** True when two lists of letters hold the same letters, counted. */
function sameLetters(a: readonly Placed[], b: readonly Placed[]): boolean {
  if (a.length !== b.length) return false;
  const counts = new Map<string, number>();
  for (const p of a) counts.set(letterKey(p.letter), (counts.get(letterKey(p.letter)) ?? 0) + 1);
  for (const p of b) {
    const key = letterKey(p.letter);
    const n = counts.get(key);
    if (!n) return false;
    counts.set(key, n - 1);
  }
  return true;
}

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 0xa0;

/** Offset of the first TeX marker (`\command`, `_{`, `^{`) in `[from, to)`, or -1. */
function firstMarker(text: string, from: number, to: number): number {
  for (let i = from; i < to - 1; i++) {
    const c = text.charCodeAt(i);
    const d = text.charCodeAt(i + 1);
    if (c === 92 && ((d >= 65 && d <= 90) || (d >= 97 && d <= 122))) return i;
    if ((c === 95 || c === 94) && d === 123) return i;
  }
  return -1;
}

/** Where the TeX that starts before `m` ends: before the first word of prose at brace depth 0, or at `le`. */
function texEnd(text: string, m: number, le: number): number {
  let depth = 0;
  let end = le;
  for (let i = m; i < le; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) { i++; while (i + 1 < le && /[A-Za-z]/.test(text[i + 1])) i++; continue; }
    if (c === 123) depth++;
    else if (c === 125) depth = Math.max(0, depth - 1);
    else if (depth === 0 && isSpace(c)) {
      let j = i + 1;
      while (j < le && /[A-Za-z]/.test(text[j])) j++;
      const word = text.slice(i + 1, j);
      const wordEnds = j >= le || !/[A-Za-z0-9_^{(]/.test(text[j]);
      if (wordEnds && (word.length >= 3 || PROSE_SHORT.has(word)) && !NAMED_FUNCTIONS.has(word)) {
        end = i;
        break;
      }
    }
  }
  while (end > m && (isSpace(text.charCodeAt(end - 1)) || ',.;:'.includes(text[end - 1]))) end--;
  return end;
}

/** True when the brackets of `[a, b)` balance (a visual text ends where its brackets close). */
function bracketsBalance(text: string, a: number, b: number): boolean {
  let depth = 0;
  for (let i = a; i < b; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
  }
  return depth === 0;
}

/** Finds KaTeX's copies in the lines of `[from, to)`. */
export function findKatexCopies(text: string, from: number, to: number): PastedBlock[] {
  const out: PastedBlock[] = [];
  let ls = from;
  while (ls < to) {
    let le = text.indexOf('\n', ls);
    if (le < 0 || le > to) le = to;
    if (le - ls <= MAX_LINE) {
      let at = ls;
      for (let guard = 0; guard < 8 && at < le; guard++) {
        const copy = copyInLine(text, at, le);
        if (!copy) break;
        out.push(copy);
        at = copy.end;
      }
    }
    ls = le + 1;
  }
  return out;
}

/** The first KaTeX copy in `[ls, le)`, if any. */
function copyInLine(text: string, ls: number, le: number): PastedBlock | undefined {
  // The TeX starts at or before one of the first few commands; prose rarely holds more than that.
  let tries = 0;
  for (let m = firstMarker(text, ls, le); m >= 0 && tries < 4; m = firstMarker(text, m + 1, le), tries++) {
    const end = texEnd(text, m, le);
    if (end <= m) continue;
    const shown = texLetters(text, m, end);
    // Word starts before the marker, nearest first: the visual text has no spaces, the TeX may.
    const starts: number[] = [];
    for (let i = m; i >= ls && starts.length < MAX_STARTS; i--) {
      if (i === ls || isSpace(text.charCodeAt(i - 1))) starts.push(i);
    }
    // The letters before the marker are read once; each start takes the ones at or after it.
    const earliest = starts[starts.length - 1] ?? m;
    const letters = visualLetters(text, earliest, m);
    for (const c0 of starts) {
      let first = letters.length;
      while (first > 0 && letters[first - 1].at >= c0) first--;
      const copy = copyFrom(text, c0, m, end, letters.slice(first), shown);
      if (copy) return copy;
    }
  }
  return undefined;
}

/** A copy whose visual text starts at `c0`, whose TeX holds the command at `m` and ends at `end`. */
function copyFrom(text: string, c0: number, m: number, end: number, before: readonly Placed[], shown: readonly Placed[]): PastedBlock | undefined {
  const all = [...before, ...shown];
  // Visual text then TeX (k letters each), or visual, TeX, visual again.
  for (const copies of [2, 3]) {
    if (all.length % copies !== 0) continue;
    const k = all.length / copies;
    if (k < 2 || k > before.length) continue;
    const visual = all.slice(0, k);
    const tex = all.slice(k, 2 * k);
    if (!sameLetters(visual, tex)) continue;
    if (copies === 3 && !sameLetters(visual, all.slice(2 * k))) continue;
    // The TeX starts after the visual text's last letter, once its brackets have closed.
    const lastVisual = visual[k - 1];
    const firstTex = tex[0];
    let start = firstTex.at;
    for (let b = lastVisual.at + 1; b <= firstTex.at; b++) {
      if (bracketsBalance(text, c0, b)) { start = b; break; }
    }
    if (start > m) continue;
    let visualSpace = false;
    for (let i = c0; i < start; i++) if (isSpace(text.charCodeAt(i))) visualSpace = true;
    if (visualSpace) continue;
    let texStop = end;
    if (copies === 3) {
      // The second visual text has no commands: it starts at its first letter, after the TeX's brackets close.
      const again = all[2 * k];
      if (firstMarker(text, again.at, end) >= 0) continue;
      texStop = again.at;
      for (let b = all[2 * k - 1].at + 1; b <= again.at; b++) {
        if (bracketsBalance(text, start, b)) { texStop = b; break; }
      }
    }
    const source = text.slice(start, texStop).trim();
    if (source.length === 0) continue;
    return { start: c0, end, pattern: 'katex', tex: source };
  }
  return undefined;
}
