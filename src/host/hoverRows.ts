/**
 * The rows of a multi-line formula (an `aligned` derivation, an `align` block), so that a hover
 * whose whole image would pass VS Code's hover limit can show the row under the cursor instead.
 *
 * Plain string work on the formula as the document writes it (no `vscode`), so it is testable and
 * the offsets are the document's: a row is found from the cursor's offset into the formula.
 */

/** The environments whose rows a derivation is written in; each row renders alone inside `aligned`. */
const ROW_ENVIRONMENTS = new Set([
  'aligned', 'align', 'align*', 'alignat', 'alignat*', 'alignedat', 'eqnarray', 'eqnarray*', 'gather', 'gather*', 'gathered',
  'split', 'multline', 'multline*', 'flalign', 'flalign*',
]);

/** One row of a multi-line formula. */
export interface FormulaRow {
  /** 1-based, as a person counts the lines of the block. */
  readonly number: number;
  /** Offsets into the formula's source, `[start, end)`, without the `\\` that ends the row. */
  readonly start: number;
  readonly end: number;
  /** The row alone, ready to render: inside `aligned`, without labels, tags or `\nonumber`. */
  readonly tex: string;
}

/** Where `\end{name}` closes the `\begin{name}` whose body starts at `from`, or -1 (nested ones skipped). */
function matchingEnd(source: string, name: string, from: number): number {
  const pattern = /\\(begin|end)\{([^{}]*)\}/g;
  pattern.lastIndex = from;
  let depth = 0;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    if (m[1] === 'begin') depth++;
    else if (depth > 0) depth--;
    else if (m[2] === name) return m.index;
    else return -1;
  }
  return -1;
}

/** A row as TeX that renders alone: alignment kept, equation numbering and labels dropped. */
function rowTex(body: string): string {
  const cleaned = body
    .replace(/\\(?:label|tag\*?)\s*\{[^{}]*\}/g, '')
    .replace(/\\(?:nonumber|notag)(?![A-Za-z])/g, '')
    .trim();
  return `\\begin{aligned}${cleaned}\\end{aligned}`;
}

/**
 * The rows of the first row environment in `source` (the formula with its delimiters), split at
 * the `\\` that are not inside braces or a nested environment; an empty last row (a trailing `\\`)
 * is not a row. Fewer than two rows: an empty list (nothing to pick from).
 */
export function formulaRows(source: string): FormulaRow[] {
  const begin = /\\begin\{([^{}]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = begin.exec(source)) && !ROW_ENVIRONMENTS.has(m[1])) { /* look further */ }
  if (!m) return [];
  let bodyStart = m.index + m[0].length;
  // alignat and alignedat take the number of column pairs first.
  const count = /^\s*\{\d+\}/.exec(source.slice(bodyStart, bodyStart + 16));
  if (count && m[1].startsWith('align') && m[1].includes('at')) bodyStart += count[0].length;
  const bodyEnd = matchingEnd(source, m[1], bodyStart);
  if (bodyEnd < 0) return [];

  const rows: FormulaRow[] = [];
  let depth = 0;
  let envDepth = 0;
  let rowStart = bodyStart;
  const push = (end: number): void => {
    const text = source.slice(rowStart, end);
    if (text.trim() !== '') rows.push({ number: rows.length + 1, start: rowStart, end, tex: rowTex(text) });
  };
  for (let i = bodyStart; i < bodyEnd; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (next === '\\' && depth === 0 && envDepth === 0) {
        push(i);
        i++;
        // `\\[2pt]` spaces the rows: part of the break, not of the next row.
        const space = /^\s*\[[^\]]*\]/.exec(source.slice(i + 1, i + 40));
        if (space) i += space[0].length;
        rowStart = i + 1;
        continue;
      }
      if (source.startsWith('begin{', i + 1)) envDepth++;
      else if (source.startsWith('end{', i + 1)) envDepth = Math.max(0, envDepth - 1);
      i++; // an escaped character (`\{`, `\\` inside braces) is never a brace or a break
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
  }
  push(bodyEnd);
  return rows.length >= 2 ? rows : [];
}

/**
 * The row at `offset` (into the formula's source): the one that holds it, or the nearest one when
 * the cursor is on the delimiters or a row break.
 */
export function rowAt(rows: readonly FormulaRow[], offset: number): FormulaRow | undefined {
  if (rows.length === 0) return undefined;
  let best = rows[0];
  for (const row of rows) {
    if (offset >= row.start && offset <= row.end) return row;
    if (row.start <= offset) best = row;
  }
  return best;
}
