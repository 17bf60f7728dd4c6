/**
 * The rows of a display-math environment and the numbering marks each carries (`\label`, `\tag`,
 * `\nonumber`, `\notag`), read the way amsmath reads them: a row ends at a `\\` that is outside
 * braces and outside any nested environment (`aligned`, `cases`, `split`, a matrix).
 */

/** One row of an environment, with its marks taken out. */
export interface MarkedRow {
  /** The row's TeX without its `\label`, `\tag`, `\nonumber` and `\notag`. */
  readonly tex: string;
  /** The labels in the row: key and offsets (relative to the text given to `splitRows`) of the whole `\label{key}`. */
  readonly labels: readonly { readonly key: string; readonly start: number; readonly end: number }[];
  /** The row's `\tag{...}` text, if any; `starred` when it was `\tag*` (shown without parentheses). */
  readonly tag?: { readonly text: string; readonly starred: boolean };
  /** True when `\nonumber` or `\notag` stands in the row. */
  readonly suppressed: boolean;
}

/** A brace group `{...}` that opens at `i`: the offset just past it, or -1 when it does not close within `limit`. */
export function groupEnd(text: string, i: number, limit = text.length): number {
  if (text[i] !== '{') return -1;
  let depth = 0;
  for (let k = i; k < limit; k++) {
    const c = text[k];
    if (c === '\\') { k++; continue; }
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return k + 1;
  }
  return -1;
}

/**
 * Splits the body of an environment (`from`..`to` of `text`) into rows at top-level `\\`
 * (with its optional `*` and `[skip]`). Linear in the body's length.
 */
export function splitRows(text: string, from: number, to: number): { start: number; end: number }[] {
  const rows: { start: number; end: number }[] = [];
  let depth = 0;
  let envDepth = 0;
  let rowStart = from;
  for (let k = from; k < to; k++) {
    const c = text[k];
    if (c === '{') { depth++; continue; }
    if (c === '}') { depth = Math.max(0, depth - 1); continue; }
    if (c === '%') {
      while (k < to && text[k] !== '\n') k++;
      continue;
    }
    if (c !== '\\') continue;
    if (text.startsWith('\\begin{', k)) { envDepth++; k += 6; continue; }
    if (text.startsWith('\\end{', k)) { envDepth = Math.max(0, envDepth - 1); k += 4; continue; }
    if (text[k + 1] !== '\\') { k++; continue; }
    if (depth > 0 || envDepth > 0) { k++; continue; }
    rows.push({ start: rowStart, end: k });
    let e = k + 2;
    if (text[e] === '*') e++;
    let s = e;
    while (s < to && /\s/.test(text[s])) s++;
    if (text[s] === '[') {
      const close = text.indexOf(']', s);
      if (close > 0 && close < to && close - s < 40) e = close + 1;
    }
    rowStart = e;
    k = e - 1;
  }
  rows.push({ start: rowStart, end: to });
  return rows;
}

const MARK = /\\(label|tag\*?|nonumber|notag)(?![A-Za-z])/g;

/** Reads the marks of the row `text.slice(start, end)`; label offsets are offsets in `text`. */
export function readRow(text: string, start: number, end: number): MarkedRow {
  const row = text.slice(start, end);
  const labels: { key: string; start: number; end: number }[] = [];
  let tag: MarkedRow['tag'];
  let suppressed = false;
  let tex = '';
  let copied = 0;
  MARK.lastIndex = 0;
  for (let m = MARK.exec(row); m; m = MARK.exec(row)) {
    const word = m[1];
    let stop = m.index + m[0].length;
    if (word === 'nonumber' || word === 'notag') {
      suppressed = true;
    } else {
      let open = stop;
      while (open < row.length && (row[open] === ' ' || row[open] === '\t')) open++;
      const close = groupEnd(row, open);
      if (close < 0) continue;
      const arg = row.slice(open + 1, close - 1).trim();
      stop = close;
      if (word === 'label') labels.push({ key: arg, start: start + m.index, end: start + close });
      else tag = { text: arg, starred: word === 'tag*' };
    }
    tex += row.slice(copied, m.index);
    copied = stop;
    MARK.lastIndex = stop;
  }
  tex += row.slice(copied);
  return { tex: tex.trim(), labels, ...(tag ? { tag } : {}), suppressed };
}
