/**
 * Formulas MathJax drew, as a browser copies them (see visual.ts and linear.ts): a run of lines that
 * hold one token each, at least one of them a math alphanumeric letter, usually followed by the
 * page's linear text of the same formula. The two copies are one formula; the linear text is where
 * the TeX comes from, as it keeps the symbols the visual copy loses (`∣`, `−`, `∇`, `∼`).
 *
 * Where the visual copy ends and the linear text starts is found by the letters: the linear text
 * is the shortest run of lines after the visual copy that holds exactly the visual copy's letters
 * and digits (letters.ts). A visual copy with no linear text after it is read alone when nothing
 * can have been lost from it, and otherwise reported as a block that cannot be read whole.
 */
import type { MathStyle } from '../mathAlphanumeric';
import { isMathLine, unicodeToLatex } from '../unicode';
import { formatPastedTex } from './format';
import { matchLetters, type LetterSlot } from './letters';
import { linearToTex, type LinearPiece } from './linear';
import { readText, settle, type ReadText } from './reading';
import type { PastedBlock } from './types';
import { readVisualToken, type VisualToken } from './visual';

/** The longest linear text read after a visual copy, in lines and in characters. */
const MAX_LINEAR_LINES = 80;
const MAX_LINEAR_CHARS = 4000;
/** The most tokens a visual copy has, and the most places where its linear text may start that are tried. */
const MAX_VISUAL_TOKENS = 600;
const MAX_SPLITS = 24;
/** Longer lines are not pieces of a linear text. */
const MAX_PIECE = 400;

/** One line of the text, with whether it is blank. */
interface Line {
  readonly start: number;
  readonly end: number;
  readonly blank: boolean;
}

/** The lines of `[from, to)`. */
function linesOf(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  let ls = from;
  while (ls <= to) {
    let le = text.indexOf('\n', ls);
    if (le < 0 || le > to) le = to;
    const end = le > ls && text.charCodeAt(le - 1) === 13 ? le - 1 : le;
    let blank = true;
    for (let i = ls; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 0xa0) { blank = false; break; }
    }
    lines.push({ start: ls, end, blank });
    if (le >= to) break;
    ls = le + 1;
  }
  return lines;
}

/** Cheap test: could `[from, to)` hold a MathJax visual copy (a math letter, or its mojibake)? */
function mayHoldVisualCopy(text: string, from: number, to: number): boolean {
  // A loop, not `indexOf`: a search that fails would run on to the end of the document for every region.
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xd835 || c === 0x3c0 /* π */ || c === 0xf0 /* ð */) return true;
  }
  return false;
}

/** Finds MathJax's copies in `[from, to)` (whole lines) and appends them to `out`, in order. */
export function findMathJaxBlocks(text: string, from: number, to: number, out: PastedBlock[]): void {
  if (!mayHoldVisualCopy(text, from, to)) return;
  const lines = linesOf(text, from, to);
  const tokens: (VisualToken | undefined)[] = lines.map((l) => (l.blank ? undefined : readVisualToken(text, l.start, l.end)));
  let i = 0;
  while (i < lines.length) {
    if (lines[i].blank || !tokens[i]) { i++; continue; }
    // The run of token lines (blank lines between them allowed).
    const run: number[] = [];
    let j = i;
    for (; j < lines.length; j++) {
      if (lines[j].blank) continue;
      if (!tokens[j]) break;
      run.push(j);
    }
    // A visual copy is a formula's tokens, not a page of them: a longer run is something else.
    if (run.length > MAX_VISUAL_TOKENS) { i = j; continue; }
    let lastAlnum = run.length - 1;
    while (lastAlnum >= 0 && !tokens[run[lastAlnum]]?.mathAlphanumeric) lastAlnum--;
    if (lastAlnum < 0) { i = j; continue; }
    const block = readBlock(text, lines, tokens, run, lastAlnum);
    if (block) {
      out.push(block.block);
      i = block.nextLine;
    } else {
      i = j;
    }
  }
}

/** Reads the visual copy `run` (line indices) and the linear text after it. */
function readBlock(text: string, lines: readonly Line[], tokens: readonly (VisualToken | undefined)[], run: readonly number[], lastAlnum: number):
  { block: PastedBlock; nextLine: number } | undefined {
  // The linear text may start with lines that look like tokens (`θ`, `N`): try the longest visual copy first.
  for (let split = run.length; split > lastAlnum && split > run.length - MAX_SPLITS; split--) {
    const visual = run.slice(0, split).map((k) => tokens[k] as VisualToken);
    const firstLinear = split < run.length ? run[split] : run[run.length - 1] + 1;
    const linear = readLinear(text, lines, firstLinear, visual);
    if (linear) {
      const start = visual[0].start;
      return { block: { start, end: linear.end, pattern: 'mathjax', ...linear.reading }, nextLine: linear.nextLine };
    }
  }
  if (run.length < 3) return undefined;
  const visual = run.map((k) => tokens[k] as VisualToken);
  return { block: { start: visual[0].start, end: visual[visual.length - 1].end, pattern: 'mathjax', ...visualAlone(visual) }, nextLine: run[run.length - 1] + 1 };
}

/** The letter slots of a visual copy. */
function visualSlots(visual: readonly VisualToken[]): LetterSlot[] {
  return visual.flatMap((t) => t.slots);
}

/**
 * Reads the linear text from line `first` until its letters equal the visual copy's. Undefined when
 * they never do (a line of prose comes first, or a letter the visual copy lacks).
 */
function readLinear(text: string, lines: readonly Line[], first: number, visual: readonly VisualToken[]):
  { end: number; nextLine: number; reading: { tex?: string; problem?: string } } | undefined {
  const want = visualSlots(visual);
  const pieces: { read: ReadText; gapBefore: number; slotOffset: number }[] = [];
  const slots: LetterSlot[] = [];
  let gap = 0;
  let chars = 0;
  for (let k = first; k < lines.length && k < first + MAX_LINEAR_LINES; k++) {
    const line = lines[k];
    if (line.blank) {
      if (pieces.length > 0) gap++;
      continue;
    }
    let a = line.start;
    let b = line.end;
    while (a < b && (text.charCodeAt(a) === 32 || text.charCodeAt(a) === 9)) a++;
    while (b > a && (text.charCodeAt(b - 1) === 32 || text.charCodeAt(b - 1) === 9)) b--;
    if (b - a > MAX_PIECE || !isMathLine(text, a, b)) return undefined;
    chars += b - a;
    if (chars > MAX_LINEAR_CHARS) return undefined;
    // Read with lost bytes allowed: the visual copy's letters settle what they leave open.
    const read = readText(text, a, b, true);
    pieces.push({ read, gapBefore: pieces.length === 0 ? 0 : gap, slotOffset: slots.length });
    slots.push(...read.slots);
    gap = 0;
    const match = matchLetters(want, slots);
    if (match.state === 'failed') return undefined;
    if (match.state === 'partial') continue;
    // Closing brackets hold no letters, so the match is complete before them: they end the formula too.
    let end = b;
    let nextLine = k + 1;
    let closingGap = 0;
    for (let c = k + 1; c < lines.length && c <= k + 8; c++) {
      if (lines[c].blank) { closingGap++; continue; }
      const closing = /^[ \t]*[)\]}|∥‖⟩]+[ \t]*$/.exec(text.slice(lines[c].start, lines[c].end));
      if (!closing) break;
      const trimmed = closing[0].trim();
      pieces.push({ read: readText(trimmed, 0, trimmed.length), gapBefore: closingGap, slotOffset: slots.length });
      end = lines[c].start + closing[0].trimEnd().length;
      nextLine = c + 1;
      closingGap = 0;
    }
    let problem: string | undefined;
    if (match.unsettled || pieces.some((p) => p.read.unsettledSymbol)) {
      problem = 'a character of it lost a byte when the page was copied, and the two copies on the clipboard do not settle which it was';
    }
    const linearPieces: LinearPiece[] = pieces.map((p) => {
      const choices = new Map<number, string>();
      for (const [slot, letter] of match.linear) {
        if (slot >= p.slotOffset && slot < p.slotOffset + p.read.slots.length) choices.set(slot - p.slotOffset, letter);
      }
      return { text: settle(p.read, choices).trim(), gapBefore: p.gapBefore };
    });
    const raw = problem ? undefined : linearToTex(linearPieces);
    if (!problem && raw === undefined) problem = 'its lines do not fit together as one formula (a script with nothing to attach to)';
    const reading = raw !== undefined && !problem && balanced(raw)
      ? { tex: formatPastedTex(raw, visualStyles(visual, match.visual)) }
      : { problem: problem ?? 'its braces do not balance' };
    return { end, nextLine, reading };
  }
  return undefined;
}

/** The style each letter has throughout the visual copy, when it is one other than italic. */
function visualStyles(visual: readonly VisualToken[], settled: ReadonlyMap<number, string>): Map<string, MathStyle> {
  const seen = new Map<string, MathStyle | 'mixed'>();
  let slot = 0;
  for (const t of visual) {
    for (const s of t.slots) {
      const letter = typeof s === 'string' ? s : settled.get(slot);
      slot++;
      if (letter === undefined || t.kind !== 'letter') continue;
      const style = t.style ?? 'italic';
      const before = seen.get(letter);
      seen.set(letter, before === undefined || before === style ? style : 'mixed');
    }
  }
  const styles = new Map<string, MathStyle>();
  for (const [letter, style] of seen) if (style !== 'mixed' && style !== 'italic') styles.set(letter, style);
  return styles;
}

/**
 * A visual copy with no linear text: readable only when nothing can have been lost from it. Two
 * operands side by side (`𝜃 𝜂`, `𝑥 𝑧`) may have had a `−` or a `∣` between them that the copy
 * dropped, so such a copy is not read.
 */
function visualAlone(visual: readonly VisualToken[]): { tex?: string; problem?: string } {
  const parts: string[] = [];
  let prevOperand = false;
  for (const t of visual) {
    const tex = t.kind === 'word' ? unicodeToLatex(wordOf(t)) : t.tex;
    if (tex === undefined) return { problem: 'a letter of it lost a byte when the page was copied, and nothing after it says which it was' };
    const operand = t.kind === 'letter' || t.kind === 'number' || (t.kind === 'symbol' && (t.tex === ')' || t.tex === ']'));
    const startsOperand = t.kind === 'letter' || t.kind === 'number' || t.kind === 'word';
    if (prevOperand && startsOperand) {
      return { problem: 'its copy lost the symbols the page drew between some of its letters, and no linear text follows to restore them' };
    }
    prevOperand = operand;
    parts.push(tex);
  }
  return { tex: formatPastedTex(parts.join(' ')) };
}

/** The letters of a word token (`log`, `max`). */
function wordOf(t: VisualToken): string {
  return t.slots.map((s) => (typeof s === 'string' ? s : s[0])).join('');
}

/** True when the braces of `tex` balance. */
function balanced(tex: string): boolean {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const c = tex.charCodeAt(i);
    if (c === 92) { i++; continue; }
    if (c === 123) depth++;
    else if (c === 125 && --depth < 0) return false;
  }
  return depth === 0;
}
