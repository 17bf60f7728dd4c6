/**
 * Math in markdown, with exact offsets, in two linear passes.
 *
 * The block pass walks the lines once and decides, as CommonMark does, which lines are code
 * (fenced with ``` or ~~~, indented by four columns after a blank line, HTML comments and
 * `<pre>`/`<script>`/`<style>` blocks): math is never looked for there. A ```math fence is a formula
 * itself. markdown-it would tell us the same, but it reports only line ranges and costs far more
 * than this pass (see bench/find.ts); the rules it follows are reproduced for the cases that
 * decide where math is, including blockquotes and list items.
 *
 * The inline pass scans the remaining text character by character for code spans, escapes, HTML
 * comments and the math delimiters. Inline `$` follows pandoc's rule so that currency is not math:
 * an opening `$` has a non-space right after it, a closing `$` a non-space right before it and no
 * digit right after it; inline `$` and `\(` never cross a blank line. Bodies that are obviously
 * code (jQuery's `$(".a")`, `$.ajax`) are rejected. `$$`, `\[` and `\begin{...}` that start a line
 * are display blocks and may span blank lines. Jekyll's Liquid math tags (`{% math %}...{% endmath %}`,
 * `{%m%}...{%em%}`, as the CS228 notes write them) are found too.
 *
 * Every closing-delimiter search goes through a `Seeker`, so a thousand unclosed openers cost one
 * scan, not a thousand.
 */
import { MATH_ENVIRONMENTS, readEnvironmentName, Seekers, type ScanSink } from './sink';

/** Environments that may stand bare in markdown (MathJax's and markdown-it-texmath's set). */
const MARKDOWN_ENVIRONMENTS: ReadonlySet<string> = MATH_ENVIRONMENTS;

/** HTML blocks whose content is raw text (CommonMark's type 1), with their end tags. */
const RAW_HTML = ['pre', 'script', 'style', 'textarea'];

/** Finds the math in a markdown document and reports it, in order, to `sink`. */
export function scanMarkdown(text: string, sink: ScanSink): void {
  const regions = blockPass(text, sink);
  const inline = new InlineScanner(text, sink);
  for (const region of regions) {
    sink.region?.(region.start, region.end);
    inline.scanRegion(region);
  }
}

/** A stretch of text lines (and the blank lines between them) outside code. */
interface Region {
  readonly start: number;
  readonly end: number;
  /** Paragraphs as flat [start, end) pairs: runs of non-blank lines, in order. */
  readonly paragraphs: number[];
}

/** An open fenced code block. */
interface Fence {
  readonly char: number;
  readonly length: number;
  readonly indent: number;
  readonly quoteDepth: number;
  readonly isMath: boolean;
  /** Offset of the first fence character. */
  readonly start: number;
  /** Offset of the line after the opening fence. */
  readonly contentStart: number;
}

const isSpace = (c: number): boolean => c === 32 || c === 9;

/** Splits the document into text regions, reporting ```math fences on the way. */
function blockPass(text: string, sink: ScanSink): Region[] {
  const regions: Region[] = [];
  const n = text.length;
  let regionStart = -1;
  let regionEnd = -1;
  let paragraphs: number[] = [];
  let paraStart = -1;
  let paraEnd = -1;
  let fence: Fence | undefined;
  let htmlEnd: string | undefined;
  /** Content columns of the open list items, innermost last. */
  const lists: number[] = [];
  let prevBlank = true;
  let prevParagraph = false;

  const closeParagraph = (): void => {
    if (paraStart >= 0) paragraphs.push(paraStart, paraEnd);
    paraStart = -1;
  };
  const closeRegion = (): void => {
    closeParagraph();
    if (regionStart >= 0 && paragraphs.length > 0) regions.push({ start: regionStart, end: regionEnd, paragraphs });
    regionStart = -1;
    paragraphs = [];
  };

  // A byte-order mark is part of the text (offsets count it) but not of the first line's content.
  let lineStart = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const hasCR = text.indexOf('\r') >= 0;
  while (lineStart <= n) {
    let lineEnd: number;
    if (hasCR) {
      lineEnd = lineStart;
      while (lineEnd < n) {
        const c = text.charCodeAt(lineEnd);
        if (c === 10 || c === 13) break;
        lineEnd++;
      }
    } else {
      lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = n;
    }
    let next = lineEnd;
    if (next < n) next += text.charCodeAt(next) === 13 && text.charCodeAt(next + 1) === 10 ? 2 : 1;
    else next = n + 1;

    // Blockquote markers: up to three spaces, `>`, an optional space; repeated.
    let p = lineStart;
    let quoteDepth = 0;
    for (;;) {
      let q = p;
      while (q < lineEnd && q - p < 3 && text.charCodeAt(q) === 32) q++;
      if (q < lineEnd && text.charCodeAt(q) === 62 /* > */) {
        quoteDepth++;
        p = q + 1;
        if (p < lineEnd && isSpace(text.charCodeAt(p))) p++;
      } else break;
    }
    let indent = 0;
    let c0 = p;
    while (c0 < lineEnd && isSpace(text.charCodeAt(c0))) {
      indent += text.charCodeAt(c0) === 9 ? 4 - (indent % 4) : 1;
      c0++;
    }
    const blank = c0 >= lineEnd;

    if (fence && quoteDepth < fence.quoteDepth && !blank) fence = undefined;
    if (fence) {
      if (!blank && indent - fence.indent <= 3 + fence.indent && isClosingFence(text, c0, lineEnd, fence)) {
        if (fence.isMath) {
          const closeEnd = trimEnd(text, c0, lineEnd);
          sink.formula(fence.start, closeEnd, 'fence', true, fenceBody(text, fence, lineStart));
        }
        fence = undefined;
      }
      lineStart = next;
      continue;
    }
    if (htmlEnd) {
      if (indexOfCaseless(text, htmlEnd, lineStart, lineEnd) >= 0) htmlEnd = undefined;
      lineStart = next;
      continue;
    }

    if (blank) {
      closeParagraph();
      prevBlank = true;
      prevParagraph = false;
      lineStart = next;
      continue;
    }

    // List items: an item's content column is where continuation lines line up.
    let contentAt = c0;
    let contentIndent = indent;
    const marker = listMarkerWidth(text, c0, lineEnd);
    const base = lists.length > 0 ? lists[lists.length - 1] : 0;
    if (marker > 0 && indent - base < 4) {
      while (lists.length > 0 && lists[lists.length - 1] > indent) lists.pop();
      let after = c0 + marker;
      let spaces = 0;
      while (after < lineEnd && isSpace(text.charCodeAt(after)) && spaces < 4) { after++; spaces++; }
      lists.push(indent + marker + Math.max(1, spaces));
      contentAt = after;
      contentIndent = 0;
    } else if (prevBlank || !prevParagraph) {
      while (lists.length > 0 && lists[lists.length - 1] > indent) lists.pop();
    }
    const listBase = marker > 0 ? 0 : lists.length > 0 ? lists[lists.length - 1] : 0;
    const rel = contentIndent - listBase;

    let code = false;
    if (rel >= 4 && !prevParagraph && marker === 0) {
      code = true; // an indented code block
    } else if (rel <= 3) {
      const c = text.charCodeAt(contentAt);
      if (c === 96 /* ` */ || c === 126 /* ~ */) {
        let run = contentAt;
        while (run < lineEnd && text.charCodeAt(run) === c) run++;
        const length = run - contentAt;
        const info = text.slice(run, lineEnd).trim();
        if (length >= 3 && !(c === 96 && info.includes('`'))) {
          const word = info.split(/\s+/, 1)[0].replace(/^\{\.?|\}$/g, '').toLowerCase();
          fence = { char: c, length, indent: contentIndent, quoteDepth, isMath: word === 'math', start: contentAt, contentStart: next };
          code = true;
        }
      } else if (c === 60 /* < */) {
        if (text.startsWith('<!--', contentAt)) {
          if (text.indexOf('-->', contentAt + 4) < 0 || text.indexOf('-->', contentAt + 4) >= lineEnd) htmlEnd = '-->';
          code = true;
        } else {
          for (const tag of RAW_HTML) {
            if (startsWithCaseless(text, '<' + tag, contentAt)) {
              const after = text.charCodeAt(contentAt + 1 + tag.length);
              if (contentAt + 1 + tag.length >= lineEnd || after === 62 || isSpace(after)) {
                if (indexOfCaseless(text, '</' + tag + '>', contentAt, lineEnd) < 0) htmlEnd = '</' + tag + '>';
                code = true;
              }
              break;
            }
          }
        }
      }
    }

    if (code) {
      closeRegion();
      prevParagraph = false;
    } else {
      if (regionStart < 0) regionStart = lineStart;
      if (paraStart < 0) paraStart = lineStart;
      paraEnd = lineEnd;
      regionEnd = lineEnd;
      prevParagraph = true;
    }
    prevBlank = false;
    lineStart = next;
  }
  closeRegion();
  return regions;
}

/** Width of a list marker (`-`, `*`, `+`, `1.`, `1)`) at `i` followed by a space, or 0. */
function listMarkerWidth(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43) {
    return i + 1 >= end || isSpace(text.charCodeAt(i + 1)) ? 1 : 0;
  }
  let j = i;
  while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  if (j === i || j >= end) return 0;
  const d = text.charCodeAt(j);
  if (d !== 46 && d !== 41) return 0;
  return j + 1 >= end || isSpace(text.charCodeAt(j + 1)) ? j + 1 - i : 0;
}

function isClosingFence(text: string, at: number, end: number, fence: Fence): boolean {
  let j = at;
  while (j < end && text.charCodeAt(j) === fence.char) j++;
  if (j - at < fence.length) return false;
  while (j < end && isSpace(text.charCodeAt(j))) j++;
  return j === end;
}

function trimEnd(text: string, from: number, end: number): number {
  while (end > from && isSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

/** The TeX of a ```math fence: its lines, without blockquote markers and the fence's indentation. */
function fenceBody(text: string, fence: Fence, closeLineStart: number): string {
  if (closeLineStart <= fence.contentStart) return '';
  let body = text.slice(fence.contentStart, closeLineStart).replace(/\r?\n$|\r$/, '');
  if (fence.quoteDepth > 0 || fence.indent > 0) {
    body = body.split(/\r\n|\r|\n/).map((line) => {
      let s = line;
      for (let d = 0; d < fence.quoteDepth; d++) s = s.replace(/^ {0,3}> ?/, '');
      return s.replace(new RegExp(`^ {0,${fence.indent}}`), '');
    }).join('\n');
  }
  return body;
}

function startsWithCaseless(text: string, needle: string, at: number): boolean {
  return text.slice(at, at + needle.length).toLowerCase() === needle;
}

function indexOfCaseless(text: string, needle: string, from: number, end: number): number {
  const i = text.slice(from, end).toLowerCase().indexOf(needle);
  return i < 0 ? -1 : from + i;
}

/** True when an inline `$...$` body is code, not math: jQuery and the like. */
export function isCodeLike(body: string): boolean {
  const first = body.charCodeAt(0);
  // `$(".a")`, `$('#b')`, `$.ajax(...)`, `$.fn`: jQuery's calls.
  if (first === 40 /* ( */ && /^\(\s*["'`]/.test(body)) return true;
  if (first === 46 /* . */ && /^\.[A-Za-z_]/.test(body)) return true;
  // `);` ends a statement only when nothing or another statement follows it: in math a `;` after a
  // call separates a density's arguments from its parameters, `N(x(t); 0, 1)`, `f(x(t); a)`.
  if (/["'`]\s*\)\s*[.;]|\)\s*;\s*(?:$|[A-Za-z_$][\w$]*\s*[=(.])|=>|\bfunction\b|\bconsole\.|\bdocument\.|\bwindow\./.test(body)) return true;
  return false;
}

/** Liquid's math tags (`{% math %}`, `{%m%}`) and their ends; sticky, so each test reads only where it stands. */
const LIQUID_OPEN = /\{%-?[ \t]*(math|m)[ \t]*-?%\}/y;
const LIQUID_CLOSE = /\{%-?[ \t]*(endmath|em)[ \t]*-?%\}/y;

/** The character codes the inline scanner stops at; everything else is skipped in a tight loop. */
const STOP = new Uint8Array(128);
for (const ch of '$\\`<\n\r={') STOP[ch.charCodeAt(0)] = 1;

/** The inline pass over one region at a time. */
class InlineScanner {
  readonly #text: string;
  readonly #sink: ScanSink;
  readonly #seek: Seekers;
  /**
   * Per needle, the offset from which a search for it bounded by the current paragraph (or region)
   * already failed: the next search from further on fails at once, which keeps the scan linear.
   */
  readonly #failedInParagraph = new Map<string, number>();
  readonly #failedInRegion = new Map<string, number>();
  #failedParagraph = -1;
  #lineStart = -1;
  #firstContent = -1;

  constructor(text: string, sink: ScanSink) {
    this.#text = text;
    this.#sink = sink;
    this.#seek = new Seekers(text);
  }

  scanRegion(region: Region): void {
    const text = this.#text;
    const sink = this.#sink;
    const paras = region.paragraphs;
    const regionEnd = region.end;
    this.#failedInRegion.clear();
    this.#failedInParagraph.clear();
    let k = 0;
    let paraEnd = paras[1];
    let pos = paras[0];
    let plainStart = pos;
    let plainHasTrigger = false;
    /** True when the plain text holds a `\\command`: only then may it hold a KaTeX copy's TeX source. */
    let plainHasCommand = false;
    /** Offset of the start of the line holding `pos`, kept up to date for "starts a line" tests. */
    let lineStart = pos;

    const flush = (end: number): void => {
      if (plainHasTrigger && end > plainStart) sink.plain(plainStart, end, plainHasCommand);
      plainHasTrigger = false;
      plainHasCommand = false;
    };
    const emit = (start: number, end: number, delimiter: Parameters<ScanSink['formula']>[2], display: boolean, tex: string): void => {
      flush(start);
      sink.formula(start, end, delimiter, display, this.#startsQuoted(lineStart) ? unquote(tex) : tex);
      plainStart = end;
    };
    /**
     * After a formula `[from, to)`: the paragraph and line that hold `to` (display blocks may span
     * blank lines). Only the formula itself is searched for its last line break, so a megabyte-long
     * line of formulas stays linear.
     */
    const advanceTo = (from: number, to: number): void => {
      while (k + 2 < paras.length && paras[k + 2] <= to) k += 2;
      paraEnd = paras[k + 1];
      for (let i = to - 1; i >= from; i--) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) { lineStart = i + 1; break; }
      }
    };

    for (;;) {
      if (pos >= paraEnd) {
        flush(paraEnd);
        k += 2;
        if (k >= paras.length) break;
        pos = paras[k];
        paraEnd = paras[k + 1];
        plainStart = pos;
        lineStart = pos;
        continue;
      }
      const c = text.charCodeAt(pos);
      if (c < 128) {
        if (STOP[c] === 0) { pos++; continue; }
      } else {
        plainHasTrigger = true;
        pos++;
        continue;
      }
      switch (c) {
        case 10: case 13:
          pos++;
          lineStart = pos;
          continue;
        case 61: // =
          plainHasTrigger = true;
          pos++;
          continue;
        case 92: { // backslash
          const d = text.charCodeAt(pos + 1);
          // kramdown's escaped delimiters, `\\[ ... \\]` and `\\( ... \\)`: Jekyll sites write math so, because
          // kramdown turns `\\[` into the `\[` MathJax reads. Their body went through markdown too, so
          // its escapes (`\_`, `\|`, `\\`) are undone the way kramdown undoes them.
          if (d === 92) {
            const e = text.charCodeAt(pos + 2);
            if (e === 40 /* ( */ || e === 91 /* [ */) {
              const display = e === 91;
              const block = display && this.#startsLine(lineStart, pos);
              const close = display ? '\\\\]' : '\\\\)';
              const end = this.#findClose(close, pos + 3, block ? regionEnd : paraEnd, block ? 'r' : 'p', k);
              const tex = end >= 0 ? unescapeKramdown(trimmedSlice(text, pos + 3, end)) : '';
              if (tex.length > 0) {
                emit(pos, end + 3, display ? 'bracket' : 'paren', display, tex);
                advanceTo(pos, end + 3);
                pos = end + 3;
                continue;
              }
            }
          }
          if (d === 40 /* ( */ || d === 91 /* [ */) {
            const display = d === 91;
            const block = display && this.#startsLine(lineStart, pos);
            const close = display ? '\\]' : '\\)';
            const end = this.#findClose(close, pos + 2, block ? regionEnd : paraEnd, block ? 'r' : 'p', k);
            const tex = end >= 0 ? trimmedSlice(text, pos + 2, end) : '';
            if (tex.length > 0) {
              emit(pos, end + 2, display ? 'bracket' : 'paren', display, tex);
              advanceTo(pos, end + 2);
              pos = end + 2;
              continue;
            }
            pos += 2;
            continue;
          }
          if (d === 98 /* b */ && text.startsWith('\\begin{', pos)) {
            const name = readEnvironmentName(text, pos + 6);
            if (name && MARKDOWN_ENVIRONMENTS.has(name)) {
              const block = this.#startsLine(lineStart, pos);
              const close = '\\end{' + name + '}';
              const bodyStart = pos + 8 + name.length;
              const end = this.#findClose(close, bodyStart, block ? regionEnd : paraEnd, block ? 'r' : 'p', k);
              if (end >= 0) {
                const stop = end + close.length;
                emit(pos, stop, 'environment', true, text.slice(pos, stop));
                advanceTo(pos, stop);
                pos = stop;
                continue;
              }
            }
            pos += 7;
            continue;
          }
          // A TeX command outside math may be the source half of a KaTeX copy: the prose is worth a look.
          if ((d >= 65 && d <= 90) || (d >= 97 && d <= 122)) plainHasTrigger = plainHasCommand = true;
          // Any other escape (`\$`, `\\`, `\``) makes the next character literal; a line break stays a line break.
          pos += Number.isNaN(d) || d === 10 || d === 13 ? 1 : 2;
          continue;
        }
        case 96: { // ` code span
          let run = pos;
          while (run < paraEnd && text.charCodeAt(run) === 96) run++;
          const length = run - pos;
          const end = this.#findBacktickRun(run, length, paraEnd, k);
          if (end >= 0) {
            flush(pos);
            plainStart = end;
            pos = end;
          } else {
            pos = run;
          }
          continue;
        }
        case 60: { // < HTML comment or <code>
          if (text.startsWith('<!--', pos)) {
            const end = this.#findClose('-->', pos + 4, paraEnd, 'p', k);
            if (end >= 0) {
              flush(pos);
              pos = end + 3;
              plainStart = pos;
              continue;
            }
          } else if (startsWithCaseless(text, '<code>', pos)) {
            const end = this.#findClose('</code>', pos + 6, paraEnd, 'p', k);
            if (end >= 0) {
              flush(pos);
              pos = end + 7;
              plainStart = pos;
              continue;
            }
          }
          pos++;
          continue;
        }
        case 123: { // { Liquid math tags of Jekyll sites
          if (text.charCodeAt(pos + 1) === 37 /* % */) {
            LIQUID_OPEN.lastIndex = pos;
            const m = LIQUID_OPEN.exec(text);
            if (m) {
              const display = m[1] === 'math';
              const block = display && this.#startsLine(lineStart, pos);
              const bodyStart = pos + m[0].length;
              const close = this.#findLiquidClose(bodyStart, display ? 'endmath' : 'em', block ? regionEnd : paraEnd, block ? 'r' : 'p', k);
              if (close && text.slice(bodyStart, close.at).trim().length > 0) {
                emit(pos, close.end, 'liquid', display, text.slice(bodyStart, close.at).trim());
                advanceTo(pos, close.end);
                pos = close.end;
                continue;
              }
            }
          }
          pos++;
          continue;
        }
        case 36: { // $
          if (text.charCodeAt(pos + 1) === 36) {
            const block = this.#startsLine(lineStart, pos);
            const end = this.#findDoubleDollar(pos + 2, block ? regionEnd : paraEnd, block ? 'r' : 'p', k);
            const tex = end >= 0 ? trimmedSlice(text, pos + 2, end) : '';
            if (tex.length > 0) {
              emit(pos, end + 2, 'display-dollar', true, tex);
              advanceTo(pos, end + 2);
              pos = end + 2;
              continue;
            }
            pos += 2;
            continue;
          }
          const next = text.charCodeAt(pos + 1);
          if (next === 32 || next === 9) {
            // `$ \begin{aligned} ... $`, as some web pages write it: pandoc's rule would refuse it, but
            // a body that opens with a TeX command is never currency.
            const end = this.#findSpacedDollarCloser(pos + 1, paraEnd, k);
            if (end >= 0) {
              const body = text.slice(pos + 1, end).trim();
              if (/^\\[A-Za-z]/.test(body)) {
                emit(pos, end + 1, 'dollar', false, body);
                advanceTo(pos, end + 1);
                pos = end + 1;
                continue;
              }
            }
          } else if (pos + 1 < paraEnd && !isWhite(next)) {
            const end = this.#findDollarCloser(pos + 1, paraEnd, k);
            if (end >= 0 && end > pos + 1) {
              const body = text.slice(pos + 1, end);
              if (!isCodeLike(body)) {
                emit(pos, end + 1, 'dollar', false, body);
                pos = end + 1;
                continue;
              }
            }
          }
          pos++;
          continue;
        }
        default:
          pos++;
      }
    }
  }

  /**
   * True when only spaces (and blockquote markers) stand between the line start and `at`. The first
   * content offset is remembered per line, so a line of a million `\\[` is not re-read each time.
   */
  #startsLine(lineStart: number, at: number): boolean {
    if (lineStart !== this.#lineStart) {
      const text = this.#text;
      let i = lineStart;
      for (;;) {
        const c = text.charCodeAt(i);
        if (!(isSpace(c) || c === 62 /* > */ || c === 0xfeff)) break;
        i++;
      }
      this.#lineStart = lineStart;
      this.#firstContent = i;
    }
    return at <= this.#firstContent;
  }

  /** True when the line starting at `lineStart` is inside a blockquote (its first content is `>`). */
  #startsQuoted(lineStart: number): boolean {
    const text = this.#text;
    let i = lineStart;
    while (i < lineStart + 3 && text.charCodeAt(i) === 32) i++;
    return text.charCodeAt(i) === 62;
  }

  /** True when a search for `key` from `from` within the current paragraph (`p`) or region (`r`) already failed. */
  #failedAt(key: string, from: number, scope: 'p' | 'r', paragraph: number): boolean {
    if (paragraph !== this.#failedParagraph) {
      this.#failedInParagraph.clear();
      this.#failedParagraph = paragraph;
    }
    const f = (scope === 'p' ? this.#failedInParagraph : this.#failedInRegion).get(key);
    return f !== undefined && from >= f;
  }

  #fail(key: string, from: number, scope: 'p' | 'r'): -1 {
    const map = scope === 'p' ? this.#failedInParagraph : this.#failedInRegion;
    const f = map.get(key);
    if (f === undefined || from < f) map.set(key, from);
    return -1;
  }

  /** Offset of the next `close` not escaped by a backslash, before `bound`, or -1. */
  #findClose(close: string, from: number, bound: number, scope: 'p' | 'r', paragraph: number): number {
    if (this.#failedAt(close, from, scope, paragraph)) return -1;
    let i = from;
    for (;;) {
      const at = this.#seek.next(close, i);
      if (at < 0 || at + close.length > bound) return this.#fail(close, from, scope);
      // `\\)` is a line break followed by `)`, not a closer, when the needle itself is a control symbol.
      if (close.charCodeAt(0) === 92 && escaped(this.#text, at)) { i = at + 1; continue; }
      return at;
    }
  }

  #findDoubleDollar(from: number, bound: number, scope: 'p' | 'r', paragraph: number): number {
    if (this.#failedAt('$$', from, scope, paragraph)) return -1;
    let i = from;
    for (;;) {
      const at = this.#seek.next('$$', i);
      if (at < 0 || at + 2 > bound) return this.#fail('$$', from, scope);
      if (escaped(this.#text, at)) { i = at + 1; continue; }
      return at;
    }
  }

  /** Pandoc's closing `$`: a non-space before it, no digit after it, not escaped, not part of `$$`. */
  #findDollarCloser(from: number, bound: number, paragraph: number): number {
    if (this.#failedAt('$', from, 'p', paragraph)) return -1;
    const text = this.#text;
    let i = from;
    for (;;) {
      const at = this.#seek.next('$', i);
      if (at < 0 || at >= bound) return this.#fail('$', from, 'p');
      i = at + 1;
      if (escaped(text, at)) continue;
      const after = text.charCodeAt(at + 1);
      if (after === 36) { i = at + 2; continue; }
      if (isWhite(text.charCodeAt(at - 1))) continue;
      if (after >= 48 && after <= 57) continue;
      return at;
    }
  }

  /** The `{% endmath %}` or `{% em %}` that closes a Liquid math tag, or undefined. */
  #findLiquidClose(from: number, word: string, bound: number, scope: 'p' | 'r', paragraph: number): { at: number; end: number } | undefined {
    const key = '{%' + word;
    if (this.#failedAt(key, from, scope, paragraph)) return undefined;
    let i = from;
    for (;;) {
      const at = this.#seek.next('{%', i);
      if (at < 0 || at >= bound) {
        this.#fail(key, from, scope);
        return undefined;
      }
      LIQUID_CLOSE.lastIndex = at;
      const m = LIQUID_CLOSE.exec(this.#text);
      if (m && m[1] === word && at + m[0].length <= bound) return { at, end: at + m[0].length };
      i = at + 2;
    }
  }

  /** A closing `$` for an opening `$` followed by a space: not escaped, not `$$`, no digit after it. */
  #findSpacedDollarCloser(from: number, bound: number, paragraph: number): number {
    if (this.#failedAt('$s', from, 'p', paragraph)) return -1;
    const text = this.#text;
    let i = from;
    for (;;) {
      const at = this.#seek.next('$', i);
      if (at < 0 || at >= bound) return this.#fail('$s', from, 'p');
      i = at + 1;
      if (escaped(text, at)) continue;
      const after = text.charCodeAt(at + 1);
      if (after === 36 || (after >= 48 && after <= 57)) return this.#fail('$s', from, 'p');
      return at;
    }
  }

  /** Offset just past the run of exactly `length` backticks that closes a code span, or -1. */
  #findBacktickRun(from: number, length: number, bound: number, paragraph: number): number {
    const key = '`' + length;
    if (this.#failedAt(key, from, 'p', paragraph)) return -1;
    const text = this.#text;
    let i = from;
    for (;;) {
      const at = this.#seek.next('`', i);
      if (at < 0 || at >= bound) return this.#fail(key, from, 'p');
      let run = at;
      while (run < bound && text.charCodeAt(run) === 96) run++;
      if (run - at === length) return run;
      i = run;
    }
  }
}

/**
 * The TeX of a multi-line formula in a blockquote, without the `>` markers that begin its
 * continuation lines (they belong to the markdown, not to the math).
 */
function unquote(tex: string): string {
  if (!tex.includes('\n') && !tex.includes('\r')) return tex;
  return tex.split(/\r\n|\r|\n/).map((line) => line.replace(/^ {0,3}(?:> ?)+/, '')).join('\n').trim();
}

/** `text.slice(from, to).trim()` without the intermediate string. */
function trimmedSlice(text: string, from: number, to: number): string {
  while (from < to && isWhite(text.charCodeAt(from))) from++;
  while (to > from && isWhite(text.charCodeAt(to - 1))) to--;
  return text.slice(from, to);
}

const isWhite = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || Number.isNaN(c);

/**
 * Undoes kramdown's backslash escapes in math written between its escaped delimiters: `\_` was
 * written for `_`, `\|` for `|` (a table's pipe), `\\` for `\`. Only kramdown's escapable
 * characters are undone, so TeX's own `\,` and `\;` stay spacing commands.
 */
export function unescapeKramdown(tex: string): string {
  return tex.replace(/\\([\\.*_+\-=`()[\]{}#!:|"'$<>])/g, '$1');
}

/** True when the character at `at` is preceded by an odd number of backslashes. */
function escaped(text: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === 92; i--) n++;
  return n % 2 === 1;
}
