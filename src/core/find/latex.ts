/**
 * Math in a LaTeX document, with exact offsets, in one linear pass of our own.
 *
 * Why not latex-utensils' parser: it is a PEG parser, several times slower than this pass on a
 * 1 MB file (bench/find.ts prints both) and it gives up on a whole file for one malformed
 * construct, where a hover must still find every other formula. The rules here are LaTeX's own:
 * `%` starts a comment unless escaped (`\%`); `verbatim`, `Verbatim`, `lstlisting`, `minted` and
 * `comment` environments and `\verb|...|` are skipped; `$`, `$$`, `\(`, `\[` never cross a blank line
 * (TeX itself rejects a paragraph break in math); a math environment runs to its `\end`.
 */
import { collectMacros, type MacroTable } from './macros';
import { MATH_ENVIRONMENTS, readEnvironmentName, Seekers, type ScanSink } from './sink';

/** Environments whose content is not TeX at all. */
const VERBATIM = new Set(['verbatim', 'verbatim*', 'Verbatim', 'Verbatim*', 'BVerbatim', 'LVerbatim', 'lstlisting', 'minted', 'comment']);

/** A paragraph break: a line break, optional spaces, another line break. Linear: no nested quantifiers. */
const BLANK_LINE = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/g;

/** Finds the math and the macro definitions of a LaTeX document. */
export function scanLatex(text: string, sink: ScanSink, macros: MacroTable, provided?: Set<string>): void {
  const n = text.length;
  const seek = new Seekers(text);
  /** Text outside comments and verbatim, for the macro pass: definitions often straddle a `%` line end. */
  const live: string[] = [];
  let liveStart = 0;
  let paraFrom = -1;
  let paraAt = -1;
  /** Offset of the next paragraph break at or after `from` (or the end of the text), remembered. */
  const paragraphEnd = (from: number): number => {
    if (paraFrom < 0 || from < paraFrom || from > paraAt) {
      BLANK_LINE.lastIndex = from;
      const m = BLANK_LINE.exec(text);
      paraFrom = from;
      paraAt = m ? m.index : n;
    }
    return paraAt;
  };
  /** The next unescaped `needle` at or after `from` and before `bound`, or -1. */
  const closer = (needle: string, from: number, bound: number): number => {
    let i = from;
    for (;;) {
      const at = seek.next(needle, i);
      if (at < 0 || at + needle.length > bound) return -1;
      if (isEscaped(text, at)) { i = at + 1; continue; }
      return at;
    }
  };

  let pos = 0;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c !== 92 && c !== 37 && c !== 36) { pos++; continue; }
    if (c === 37) { // % comment to the end of the line
      live.push(text.slice(liveStart, pos));
      let e = pos;
      while (e < n && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
      pos = e;
      liveStart = e;
      continue;
    }
    if (c === 36) { // $ or $$
      const double = text.charCodeAt(pos + 1) === 36;
      const open = double ? 2 : 1;
      const end = closer(double ? '$$' : '$', pos + open, paragraphEnd(pos));
      if (end >= 0 && end > pos + open && text.slice(pos + open, end).trim().length > 0) {
        sink.formula(pos, end + open, double ? 'display-dollar' : 'dollar', double, text.slice(pos + open, end).trim());
        pos = end + open;
      } else {
        pos += open;
      }
      continue;
    }
    // Backslash.
    const d = text.charCodeAt(pos + 1);
    if (d === 40 || d === 91) { // \( or \[
      const display = d === 91;
      const end = closer(display ? '\\]' : '\\)', pos + 2, paragraphEnd(pos));
      if (end >= 0 && text.slice(pos + 2, end).trim().length > 0) {
        sink.formula(pos, end + 2, display ? 'bracket' : 'paren', display, text.slice(pos + 2, end).trim());
        pos = end + 2;
        continue;
      }
      pos += 2;
      continue;
    }
    if (d === 98 && text.startsWith('\\begin{', pos)) {
      const name = readEnvironmentName(text, pos + 6);
      if (name && (VERBATIM.has(name) || MATH_ENVIRONMENTS.has(name))) {
        const close = '\\end{' + name + '}';
        const at = seek.next(close, pos + 8 + name.length);
        if (VERBATIM.has(name)) {
          live.push(text.slice(liveStart, pos));
          pos = at < 0 ? n : at + close.length;
          liveStart = pos;
          continue;
        }
        if (at >= 0) {
          const stop = at + close.length;
          sink.formula(pos, stop, 'environment', name !== 'math', text.slice(pos, stop));
          pos = stop;
          continue;
        }
      }
      pos += 7;
      continue;
    }
    if (d === 118 && text.startsWith('\\verb', pos)) { // \verb|...| and \verb*|...|
      let i = pos + 5;
      if (text.charCodeAt(i) === 42) i++;
      const delim = text[i];
      if (delim && !/[A-Za-z\s]/.test(delim)) {
        let e = i + 1;
        while (e < n && text[e] !== delim && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
        if (text[e] === delim) {
          pos = e + 1;
          continue;
        }
      }
    }
    if ((d === 117 && text.startsWith('\\url{', pos)) || (d === 104 && text.startsWith('\\href{', pos))) {
      // A URL may hold `%` and `$` that are neither comments nor math.
      const open = text.indexOf('{', pos);
      let e = open + 1;
      while (e < n && text[e] !== '}' && text.charCodeAt(e) !== 10 && text.charCodeAt(e) !== 13) e++;
      if (text[e] === '}') {
        pos = e + 1;
        continue;
      }
    }
    pos += Number.isNaN(d) ? 1 : 2; // `\$`, `\%`, `\\` and any control word's first letter
  }
  live.push(text.slice(liveStart));
  const stripped = live.join('');
  collectMacros(stripped, 0, stripped.length, macros, provided);
}

/** True when the character at `at` is preceded by an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let k = 0;
  for (let i = at - 1; i >= 0 && text.charCodeAt(i) === 92; i--) k++;
  return k % 2 === 1;
}
