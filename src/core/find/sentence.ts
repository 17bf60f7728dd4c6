/**
 * The words around a formula in its document: the sentence (or line of prose) that leads up to
 * it and, when short, the one after it. The recognizer weighs them as evidence ("the critic's
 * loss is", "by Bayes' rule", "where β_t is the noise schedule"), so every surface that
 * classifies a formula (the hover, the CodeLens, `genmath scan`) takes them from here.
 *
 * Only prose is kept: other formulas, markdown markup (headings' `#`, emphasis, links, list
 * markers), LaTeX comments and commands are stripped; a heading or `\section{...}` title is a
 * sentence of its own. A code block, `\begin{document}` or (after the formula) a heading or
 * another display formula ends what belongs to this formula. Each call reads a bounded window
 * around the formula, so it costs the same on a 5 MB note as on a short one.
 */
import { findFormulas } from './index';
import type { SourceLanguage } from './types';

/** At most this many characters of context: a sentence before and one after, rarely more. */
export const CONTEXT_LIMIT = 300;

/** A sentence after the formula is kept only when it is at most this long. */
const SHORT_SENTENCE = 160;

/**
 * Characters read before the formula: first a window that holds most sentences, then, when no
 * sentence starts in it (long sentences, other math in between), a wider one.
 */
const WINDOWS_BEFORE: readonly number[] = [400, 1600];

/** Characters read after the formula, the same way. */
const WINDOWS_AFTER: readonly number[] = [300, 1200];

/** A formula's place in the text, as `findFormulas` reports it. */
export interface MathSpan {
  readonly start: number;
  readonly end: number;
  readonly display: boolean;
}

/** Options of {@link sentenceAround}. */
export interface SentenceOptions {
  /** How the text is written (default markdown; a notebook's markdown cell is markdown). */
  readonly language?: SourceLanguage;
  /**
   * Every formula of the text in document order, as `findFormulas` found them. Callers that have
   * them (the hover's cache, `scan`) pass them, so other math is stripped exactly; without them the
   * window around the formula is scanned for math.
   */
  readonly formulas?: readonly MathSpan[];
}

// Marks in the cleaned text. They are control characters that the cleaning removes from the
// document's own text, so they can never come from it.
/** A paragraph break: ends a sentence. */
const BREAK = '\u0002';
/** Nothing beyond this belongs to the formula (a code block, the preamble, the next section). */
const STOP = '\u0003';
/** Where another, inline formula stood. */
const MATH = '\u0004';
/** The end of a heading or section title: a paragraph break that the first sentence under it leans on. */
const TITLE = '\u0005';

/** Words before a full stop that do not end a sentence (`e.g.`, `Eq.`, `et al.`). */
const ABBREVIATIONS: ReadonlySet<string> = new Set([
  'e.g', 'i.e', 'cf', 'eq', 'eqs', 'fig', 'figs', 'vs', 'al', 'resp', 'sec', 'approx', 'def', 'thm', 'ch', 'viz', 'w.r.t', 'a.k.a',
]);

/** LaTeX commands whose braced argument is a title: a sentence of its own (and, after the formula, the next topic). */
const LATEX_TITLES: ReadonlySet<string> = new Set([
  'part', 'chapter', 'section', 'subsection', 'subsubsection', 'paragraph', 'subparagraph', 'title', 'frametitle',
]);

/** LaTeX commands that are dropped together with all their arguments: none of them is prose. */
const LATEX_DROPPED: ReadonlySet<string> = new Set([
  'label', 'ref', 'eqref', 'cref', 'Cref', 'autoref', 'pageref', 'cite', 'citep', 'citet', 'citealp', 'citeauthor', 'url',
  'input', 'include', 'includegraphics', 'usepackage', 'documentclass', 'newcommand', 'renewcommand', 'providecommand',
  'DeclareMathOperator', 'newtheorem', 'bibliography', 'bibliographystyle', 'vspace', 'hspace', 'setlength', 'footnote',
  'def', 'let', 'author', 'date', 'thanks', 'pagestyle', 'thispagestyle', 'hypersetup', 'graphicspath', 'addbibresource',
]);

/** Environments whose content is not prose, and `document`, whose edges end the prose (the preamble is not). */
const LATEX_STOPPING: ReadonlySet<string> = new Set([
  'document', 'verbatim', 'Verbatim', 'lstlisting', 'minted', 'comment', 'tikzpicture', 'tabular',
]);

/**
 * The prose around the formula at `[start, end)` of `text`: the sentence that leads up to it (or the
 * heading or line of prose just before it), the rest of its own sentence when it stands inside one,
 * and the next sentence when that is short and holds no formula of its own. Other math, markup and
 * comments are stripped and spaces collapsed; at most {@link CONTEXT_LIMIT} characters. Never throws;
 * gives `''` when there are no words around the formula.
 */
export function sentenceAround(text: string, start: number, end: number, options: SentenceOptions = {}): string {
  if (typeof text !== 'string' || !(start >= 0) || !(end >= start) || start > text.length) return '';
  end = Math.min(end, text.length);
  const language = options.language ?? 'markdown';
  const spansIn = (lo: number, hi: number): MathSpan[] => mathSpans(text, lo, hi, start, end, language, options.formulas);

  // A display formula has no sentence of its own to finish: what follows it is the next one.
  const alone = standsAlone(text, start, end);
  let tail = '';
  let next = '';
  for (const w of WINDOWS_AFTER) {
    const hi = lineEnd(text, Math.min(text.length, end + w), Math.min(text.length, end + 2 * w));
    let after = clean(text, end, hi, spansIn(end, hi), language, 'after');
    const stop = after.indexOf(STOP);
    if (stop >= 0) after = after.slice(0, stop);
    const tailEnd = alone ? 0 : sentenceEnd(after, 0);
    tail = after.slice(0, tailEnd);
    next = '';
    let needed = tailEnd;
    // A formula that ends its sentence (or stands as a display) is often explained by the sentence
    // after it ("where β_t is the noise schedule"). After an inline formula, a sentence that holds a
    // formula of its own is about that one; after a display, its symbols are usually being named.
    // A sentence that runs on into the next display formula leads up to that one.
    if (wordCount(tail) === 0) {
      const from = skipSpace(after, tailEnd);
      needed = sentenceEnd(after, from);
      const candidate = after.slice(from, needed);
      const leadsOn = stop >= 0 && !/[.!?]$/.test(candidate) && skipSpace(after, needed) === after.length;
      if (candidate.length <= SHORT_SENTENCE && (alone || !candidate.includes(MATH)) && !leadsOn) next = candidate;
    }
    if (needed < after.length || stop >= 0 || hi === text.length) break;
  }

  // Most sentences end within a short window: read a wider one only when the short one held no start.
  let lead = '';
  for (const w of WINDOWS_BEFORE) {
    const lo = lineStart(text, Math.max(0, start - w), Math.max(0, start - 2 * w));
    let before = clean(text, lo, start, spansIn(lo, start), language, 'before');
    const stop = before.lastIndexOf(STOP);
    if (stop >= 0) before = before.slice(stop + 1);
    const found = leadingSentence(before, wordCount(tail) === 0);
    lead = found.text;
    if (found.complete || stop >= 0 || lo === 0) break;
  }
  // A formula taken out of a sentence leaves a space before the punctuation that followed it.
  return fit(flat(lead), flat(tail), flat(next)).replace(/ ([,.;:!?)])/g, '$1');
}

/** The formulas in `[lo, hi)` other than the one at `[start, end)`, in order. */
function mathSpans(text: string, lo: number, hi: number, start: number, end: number, language: SourceLanguage, given?: readonly MathSpan[]): MathSpan[] {
  const out: MathSpan[] = [];
  const keep = (s: MathSpan): void => {
    if (s.end > lo && s.start < hi && (s.end <= start || s.start >= end)) out.push(s);
  };
  if (given) {
    // Binary search for the first formula that ends after the window starts.
    let a = 0;
    let b = given.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (given[mid].end <= lo) a = mid + 1;
      else b = mid;
    }
    for (let i = a; i < given.length && given[i].start < hi; i++) keep(given[i]);
    return out;
  }
  // Without the document's formulas, the window is scanned from a paragraph start, where no
  // `$$...$$` block can be open, so its dollars pair up as they do in the whole document.
  const from = paragraphStart(text, lo);
  for (const f of findFormulas(text.slice(from, hi), language).formulas) keep({ start: f.start + from, end: f.end + from, display: f.display });
  return out;
}

/**
 * The prose of `[from, to)`, line by line, with the marks BREAK, STOP and MATH in place of paragraph
 * breaks, ends of the formula's prose, and other inline formulas.
 */
function clean(text: string, from: number, to: number, spans: readonly MathSpan[], language: SourceLanguage, side: 'before' | 'after'): string {
  const out: string[] = [];
  let k = 0;
  let pos = from;
  while (pos < to) {
    const startsLine = pos === 0 || text.charCodeAt(pos - 1) === 10 || text.charCodeAt(pos - 1) === 13;
    let eol = lineEnd(text, pos, to);
    // The line with each formula replaced by one mark; a formula that goes on past the line's end
    // takes the lines it covers with it, and the line goes on after it.
    let line = '';
    let p = pos;
    while (p < eol) {
      while (k < spans.length && spans[k].end <= p) k++;
      const s = spans[k];
      if (s && s.start <= p) {
        line += !s.display ? MATH : side === 'before' ? BREAK : STOP;
        p = Math.min(s.end, to);
        if (p > eol) eol = lineEnd(text, p, to);
      } else {
        const stop = s && s.start < eol ? s.start : eol;
        line += text.slice(p, stop).replace(/[\u0000-\u0008]/g, ' ');
        p = stop;
      }
    }
    out.push(language === 'latex' ? cleanLatexLine(line, side) : cleanMarkdownLine(line, side, startsLine), ' ');
    pos = nextLine(text, eol);
  }
  return out.join('');
}

/** One markdown line as prose; `atLineStart` says whether line-start markup (`#`, `-`, `>`) can be in it. */
function cleanMarkdownLine(line: string, side: 'before' | 'after', atLineStart: boolean): string {
  if (atLineStart) {
    if (/^\s*(```|~~~)/.test(line)) return STOP;
    if (line.trim() === '') return BREAK;
    const heading = /^ {0,3}#{1,6}(?:\s+(.*?))?\s*#*\s*$/.exec(line);
    if (heading) return side === 'after' ? STOP : title(cleanMarkdownInline(heading[1] ?? ''));
    // A thematic break, a setext underline or a table's separator row.
    if (/^ {0,3}([-=*_])(\s*\1){2,}\s*$/.test(line) || /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/.test(line)) return BREAK;
    line = line.replace(/^\s*(>\s?)+/, '');
    // Each list item is a line of prose of its own; after the formula, the next item is about something else.
    const item = /^\s*(?:[-*+]|\d{1,9}[.)])\s+/.exec(line);
    if (item) return side === 'after' ? STOP : BREAK + cleanMarkdownInline(line.slice(item[0].length));
  }
  return cleanMarkdownInline(line);
}

/** Inline markdown as its words: links keep their text, emphasis and code lose their marks. */
function cleanMarkdownInline(s: string): string {
  return s
    .replace(/<!--.*?-->/g, ' ')
    .replace(/<\/?[A-Za-z][^<>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[\^[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])/g, '$1')
    .replace(/\{%.*?%\}|\{\{.*?\}\}/g, ' ')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/`+|\*+|~~|(^|[^\p{L}\p{N}])_+|_+(?=[^\p{L}\p{N}]|$)/gu, '$1')
    .replace(/\|/g, ' ');
}

/** One LaTeX line as prose: comments, commands and braces go; titles become sentences. */
function cleanLatexLine(line: string, side: 'before' | 'after'): string {
  if (line.trim() === '') return BREAK;
  const comment = commentStart(line);
  if (comment >= 0) {
    line = line.slice(0, comment);
    // A line that held only a comment is not a paragraph break in TeX.
    if (line.trim() === '') return '';
  }
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\') {
      const name = /^[A-Za-z@]+/.exec(line.slice(i + 1, i + 40))?.[0];
      if (!name) {
        const next = line[i + 1] ?? '';
        out += '%&_#${}'.includes(next) && next !== '' ? next : ' ';
        i += 2;
        continue;
      }
      i += 1 + name.length;
      if (LATEX_TITLES.has(name)) {
        i = skipStarAndOptional(line, i);
        const arg = bracedAt(line, i);
        i = arg.end;
        if (side === 'after') return out + STOP;
        out += title(cleanLatexLine(arg.body, side));
      } else if (name === 'begin' || name === 'end') {
        const env = bracedAt(line, i);
        i = env.end;
        if (LATEX_STOPPING.has(env.body.trim())) return side === 'after' ? out + STOP : STOP;
        out += BREAK;
        // `\begin{definition}[KL divergence]`: the optional title is words about what follows.
        if (name === 'begin' && line[i] === '[') {
          const close = line.indexOf(']', i);
          const t = close < 0 ? line.slice(i + 1) : line.slice(i + 1, close);
          i = close < 0 ? line.length : close + 1;
          out += title(cleanLatexLine(t, side));
        }
      } else if (name === 'item') {
        out += BREAK;
      } else if (LATEX_DROPPED.has(name)) {
        i = skipArguments(line, i);
      } else if (name === 'href') {
        i = bracedAt(line, i).end;
      }
      // Any other command (`\emph`, `\textbf`, `\LaTeX`) loses its name; its argument's words stay.
      continue;
    }
    if (c === '{' || c === '}') { i++; continue; }
    out += c === '~' ? ' ' : c;
    i++;
  }
  return out;
}

/** Where a `%` comment starts in a LaTeX line (not `\%`), or -1. */
function commentStart(line: string): number {
  for (let i = line.indexOf('%'); i >= 0; i = line.indexOf('%', i + 1)) {
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && line[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

/** The body of a `{...}` group at `i` (after spaces), balanced; an unclosed one runs to the line's end. */
function bracedAt(line: string, i: number): { body: string; end: number } {
  while (line[i] === ' ') i++;
  if (line[i] !== '{') return { body: '', end: i };
  let depth = 0;
  for (let j = i; j < line.length; j++) {
    if (line[j] === '\\') { j++; continue; }
    if (line[j] === '{') depth++;
    else if (line[j] === '}' && --depth === 0) return { body: line.slice(i + 1, j), end: j + 1 };
  }
  return { body: line.slice(i + 1), end: line.length };
}

/** Past a `*` and an optional `[...]` argument. */
function skipStarAndOptional(line: string, i: number): number {
  if (line[i] === '*') i++;
  if (line[i] === '[') {
    const close = line.indexOf(']', i);
    i = close < 0 ? line.length : close + 1;
  }
  return i;
}

/** Past every argument of a dropped command: `*`, `[...]`, `{...}`, a control word (`\newcommand\vx`), `#1`. */
function skipArguments(line: string, i: number): number {
  if (line[i] === '*') i++;
  for (;;) {
    let j = i;
    while (line[j] === ' ') j++;
    if (line[j] === '{') i = bracedAt(line, j).end;
    else if (line[j] === '[') { const close = line.indexOf(']', j); i = close < 0 ? line.length : close + 1; }
    else if (line[j] === '\\' && /[A-Za-z@]/.test(line[j + 1] ?? '')) { j++; while (/[A-Za-z@]/.test(line[j] ?? '')) j++; i = j; }
    else if (line[j] === '#' && /\d/.test(line[j + 1] ?? '')) i = j + 2;
    else return i;
  }
}

/** A title as a sentence of its own: it ends with a full stop unless it has its own punctuation. */
function title(words: string): string {
  const t = words.replace(/[\u0002-\u0005]/g, ' ').trim();
  if (t === '') return BREAK;
  return `${BREAK}${/[.!?:]$/.test(t) ? t : `${t}.`}${TITLE}`;
}

/**
 * The last sentence of `before` (the one that leads up to the formula), or two when the last is a
 * mere word or two that the formula ends (`endsSentence`), with the heading above when it is the
 * first sentence under one; `complete` when its start was found (not cut by the window).
 */
function leadingSentence(before: string, endsSentence: boolean): { text: string; complete: boolean } {
  const b = trimEnd(before);
  let from = sentenceStart(b, b.length);
  // "Written out, $$...$$": a fragment that the formula ends leans on the sentence before it in the same paragraph.
  if (endsSentence && wordCount(b.slice(from)) < 3 && from > 0 && !isBreak(b[from - 1])) from = sentenceStart(b, trimEnd(b.slice(0, from)).length);
  // The first sentence under a heading is read with the heading ("## The critic's loss").
  let t = from - 1;
  while (t > 0 && isSpace(b[t]) && b[t] !== TITLE) t--;
  if (t > 0 && b[t] === TITLE) from = sentenceStart(b, t);
  return { text: b.slice(from), complete: from > 0 };
}

/** Where the sentence that ends at `end` starts: after the previous sentence end or paragraph break. */
function sentenceStart(s: string, end: number): number {
  for (let i = end - 2; i >= 0; i--) {
    const c = s[i];
    if (isBreak(c)) return i + 1;
    if ((c === '.' || c === '!' || c === '?') && isSpace(s[i + 1]) && !isAbbreviation(s, i)) return i + 1;
  }
  return isBreak(s[0]) ? 1 : 0;
}

/** Just past the end of the sentence that starts at `from`: its terminator included, or at a paragraph break. */
function sentenceEnd(s: string, from: number): number {
  for (let i = from; i < s.length; i++) {
    const c = s[i];
    if (isBreak(c)) return i;
    if ((c === '.' || c === '!' || c === '?') && (i + 1 === s.length || isSpace(s[i + 1])) && !isAbbreviation(s, i)) return i + 1;
  }
  return s.length;
}

/** True when the full stop at `i` ends an abbreviation (`e.g.`, `Eq.`), not a sentence. */
function isAbbreviation(s: string, i: number): boolean {
  if (s[i] !== '.') return false;
  let j = i;
  while (j > 0 && /[\p{L}.]/u.test(s[j - 1])) j--;
  return ABBREVIATIONS.has(s.slice(j, i).toLowerCase());
}

/** Past spaces and paragraph breaks. */
function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s[i])) i++;
  return i;
}

/** `s` without the spaces and marks at its end. */
function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && (isSpace(s[e - 1]) || s[e - 1] === MATH)) e--;
  return s.slice(0, e);
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === BREAK || c === TITLE || c === '\u00a0';
}

function isBreak(c: string | undefined): boolean {
  return c === BREAK || c === TITLE;
}

function wordCount(s: string): number {
  return (s.match(/[\p{L}\p{N}]+/gu) ?? []).length;
}

/** Marks and runs of spaces to single spaces. */
function flat(s: string): string {
  return s.replace(/[\u0002-\u0005\s]+/g, ' ').trim();
}

/** True when the formula has its line(s) to itself: a display, however it is delimited. */
function standsAlone(text: string, start: number, end: number): boolean {
  const near = 200;
  return text.slice(lineStart(text, start, start - near), start).trim() === '' && /^[\s.,;]*$/.test(text.slice(end, lineEnd(text, end, end + near)));
}

/**
 * Lead, tail and next within {@link CONTEXT_LIMIT}: the next sentence goes first, then the lead is cut
 * from its left (the words nearest the formula matter most), then the tail from its right.
 */
function fit(lead: string, tail: string, next: string): string {
  const join = (...parts: string[]): string => parts.filter((p) => p !== '').join(' ');
  const all = join(lead, tail, next);
  if (all.length <= CONTEXT_LIMIT) return all;
  const both = join(lead, tail);
  if (both.length <= CONTEXT_LIMIT) return both;
  const tailKept = cutRight(tail, CONTEXT_LIMIT / 2);
  return join(cutLeft(lead, CONTEXT_LIMIT - tailKept.length - 1), tailKept);
}

/** The last at most `n` characters of `s`, starting at a word when one starts near the cut. */
function cutLeft(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(s.length - n);
  const space = cut.indexOf(' ');
  return space >= 0 && space < 30 ? cut.slice(space + 1) : cut;
}

/** The first at most `n` characters of `s`, ending at a word when one ends near the cut. */
function cutRight(s: string, n: number): string {
  if (s.length <= n) return s;
  const cut = s.slice(0, n);
  const space = cut.lastIndexOf(' ');
  return space > n - 30 ? cut.slice(0, space) : cut;
}

/** The start of the line around `i`, or `floor` when the line starts before it (so a 5 MB line is never walked). */
function lineStart(text: string, i: number, floor = 0): number {
  floor = Math.max(0, floor);
  while (i > floor && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** The end of the line around `i` (its line break), or `ceil` when the line goes on past it. */
function lineEnd(text: string, i: number, ceil = text.length): number {
  ceil = Math.min(text.length, ceil);
  while (i < ceil && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** The start of the line after the line break at `eol`. */
function nextLine(text: string, eol: number): number {
  if (text.charCodeAt(eol) === 13 && text.charCodeAt(eol + 1) === 10) return eol + 2;
  return eol + 1;
}

/** The start of the paragraph around `i` (just after the blank line before it), looking back a bounded way. */
function paragraphStart(text: string, i: number): number {
  const limit = Math.max(0, i - WINDOWS_BEFORE[WINDOWS_BEFORE.length - 1]);
  const blank = /\n[ \t]*\r?\n/g;
  const before = text.slice(limit, i);
  let last = -1;
  for (let m = blank.exec(before); m; m = blank.exec(before)) last = m.index + m[0].length;
  return last >= 0 ? limit + last : lineStart(text, i, limit);
}
