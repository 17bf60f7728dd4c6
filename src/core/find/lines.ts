/**
 * Line numbers from offsets: one pass builds the table of line starts, then each lookup is a
 * binary search, so finding the line of every formula never re-scans the document.
 */

/** Offsets at which each line starts (`\n`, `\r\n` and lone `\r` end a line, as VS Code counts). */
export class LineTable {
  readonly #starts: Uint32Array;

  constructor(text: string) {
    let starts = new Uint32Array(1024);
    let count = 1;
    const push = (offset: number): void => {
      if (count === starts.length) {
        const grown = new Uint32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = offset;
    };
    if (text.indexOf('\r') < 0) {
      // The common case: `indexOf` jumps from line break to line break far faster than a character loop.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) push(i + 1);
        else if (c === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          push(i + 1);
        }
      }
    }
    this.#starts = starts.subarray(0, count);
  }

  /** Number of lines (a text without a line break has one). */
  get count(): number {
    return this.#starts.length;
  }

  /** Offset at which 0-based `line` starts. */
  start(line: number): number {
    return this.#starts[line];
  }

  /** 0-based line holding `offset`. */
  lineOf(offset: number): number {
    const s = this.#starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
