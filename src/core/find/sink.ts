/**
 * What a document scanner reports, in document order: the formulas it delimits and the stretches
 * of plain prose between them (where Unicode plain-text math may hide).
 */
import type { Delimiter } from './types';

/** Receives a scanner's findings; `findFormulas` owns the one implementation. */
export interface ScanSink {
  /** A delimited formula `[start, end)` whose TeX to render is `tex`. */
  formula(start: number, end: number, delimiter: Delimiter, display: boolean, tex: string): void;
  /**
   * Plain text `[start, end)` outside code and math that holds `=`, a non-ASCII character or a
   * `\\command`; `hasCommand` says whether it holds a `\\command` (where a KaTeX copy's TeX may be).
   */
  plain(start: number, end: number, hasCommand?: boolean): void;
  /**
   * A stretch of whole lines `[start, end)` outside code, reported before any `formula` or `plain`
   * inside it: where math pasted from a web page, which spans blank lines, is looked for.
   */
  region?(start: number, end: number): void;
}

/** Math environments that MathJax and KaTeX render as a whole formula. */
export const MATH_ENVIRONMENTS: ReadonlySet<string> = new Set(
  ['equation', 'align', 'gather', 'multline', 'eqnarray', 'flalign', 'alignat', 'math', 'displaymath', 'aligned',
    'gathered', 'alignedat']
    .flatMap((name) => (['aligned', 'gathered', 'alignedat', 'math', 'displaymath'].includes(name) ? [name] : [name, name + '*'])),
);

/**
 * The next occurrence of a fixed string at or after an offset, remembered: scanners only move
 * forward, so repeated look-ups that fail or land on the same occurrence cost nothing, and hostile
 * input (a thousand unclosed `\(`) stays linear.
 */
export class Seeker {
  #from = -1;
  #at = -1;

  constructor(private readonly text: string, private readonly needle: string) {}

  /** Offset of the next occurrence at or after `from`, or -1. */
  next(from: number): number {
    if (this.#from >= 0 && from >= this.#from && (this.#at < 0 || from <= this.#at)) return this.#at;
    this.#from = from;
    this.#at = this.text.indexOf(this.needle, from);
    return this.#at;
  }
}

/** One `Seeker` per needle, made on first use. */
export class Seekers {
  readonly #map = new Map<string, Seeker>();

  constructor(private readonly text: string) {}

  /** Offset of the next `needle` at or after `from`, or -1. */
  next(needle: string, from: number): number {
    let s = this.#map.get(needle);
    if (!s) {
      s = new Seeker(this.text, needle);
      this.#map.set(needle, s);
    }
    return s.next(from);
  }
}

/** Reads `{name}` right after `\begin` at `i`; the name (letters and `*`) or undefined. */
export function readEnvironmentName(text: string, i: number): string | undefined {
  if (text.charCodeAt(i) !== 123 /* { */) return undefined;
  let j = i + 1;
  const limit = Math.min(text.length, i + 40);
  while (j < limit) {
    const c = text.charCodeAt(j);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 42) j++;
    else break;
  }
  if (j === i + 1 || text.charCodeAt(j) !== 125 /* } */) return undefined;
  return text.slice(i + 1, j);
}
