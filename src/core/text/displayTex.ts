/**
 * A display formula's TeX as a panel shows it. The Explain panel typesets a note's own formula
 * (its heading and the derivation's "as written" step) where the note's numbering means nothing:
 * an `align` there would print its own (1)-(4) beside lines that are not equations (1)-(4) of
 * anything the reader sees. And a derivation too wide for the panel is typeset row by row. Both
 * are string work on the TeX only: what "Copy LaTeX" copies stays the note's own text.
 */

/** The environments that number their rows, with an unnumbered (starred) twin KaTeX knows. */
const NUMBERED = /\\(begin|end)\{(equation|align|alignat|gather)\}/g;

/** Environments whose rows are separated by `\\` at their top level. */
const ROWED = new Set(['align', 'align*', 'aligned', 'alignat', 'alignat*', 'alignedat', 'gather', 'gather*', 'gathered', 'split', 'eqnarray', 'eqnarray*', 'multline', 'multline*', 'flalign', 'flalign*']);

/** Environments that only wrap their content (an `equation` around an `aligned`). */
const WRAPPERS = new Set(['equation', 'equation*', 'displaymath']);

/**
 * `tex` without its own equation numbers: numbered environments starred, `\label{...}` dropped
 * (KaTeX does not define it, and a label has nothing to point at in the panel).
 */
export function unnumbered(tex: string): string {
  return tex.replace(NUMBERED, '\\$1{$2*}').replace(/\\label\s*\{[^{}]*\}/g, '');
}

/** The environment wrapping all of `tex`, with its body, or undefined when `tex` is not one environment. */
function outerEnvironment(tex: string): { name: string; body: string } | undefined {
  const t = tex.trim();
  // Only `alignat` and `alignedat` take an argument (their column count) after the name.
  const open = /^\\begin\{((?:alignat|alignedat)\*?)\}\s*\{\d+\}|^\\begin\{([A-Za-z]+\*?)\}/.exec(t);
  if (!open) return undefined;
  const name = open[1] ?? open[2];
  const end = `\\end{${name}}`;
  if (!t.endsWith(end)) return undefined;
  const body = t.slice(open[0].length, t.length - end.length);
  // `\begin{aligned}a\end{aligned} = \begin{aligned}b\end{aligned}` is two environments, not one:
  // the first one must not close before the end.
  let depth = 0;
  for (const m of body.matchAll(/\\(begin|end)\{([A-Za-z]+\*?)\}/g)) {
    if (m[2] !== name) continue;
    depth += m[1] === 'begin' ? 1 : -1;
    if (depth < 0) return undefined;
  }
  return depth === 0 ? { name, body } : undefined;
}

/**
 * Calls `visit` with each index of `body` at its top level (not inside braces or a nested
 * environment) that holds `\\` or `&`; an escaped `\&` is text, not a mark.
 */
function topLevelMarks(body: string, visit: (index: number, mark: '\\\\' | '&') => void): void {
  let depth = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') {
      const word = /^\\(begin|end)\{/.exec(body.slice(i, i + 8));
      if (word) depth += word[1] === 'begin' ? 1 : -1;
      else if (body[i + 1] === '\\' && depth === 0) visit(i, '\\\\');
      i++;
    } else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === '&' && depth === 0) visit(i, '&');
  }
}

/** `body` split at its top-level `\\`, each row without its top-level `&` marks. */
function topLevelRows(body: string): string[] {
  const rows: string[] = [];
  let row = '';
  let from = 0;
  topLevelMarks(body, (i, mark) => {
    row += body.slice(from, i);
    if (mark === '&') {
      row += ' ';
      from = i + 1;
      return;
    }
    rows.push(row);
    row = '';
    // A row break may carry a spacing argument, `\\[2pt]`.
    const spacing = /^\\\\\s*\[[^\]]*\]/.exec(body.slice(i, i + 40));
    from = i + (spacing ? spacing[0].length : 2);
  });
  rows.push(row + body.slice(from));
  return rows;
}

/**
 * The lines of a display formula to typeset one by one when it is too wide for the panel: the
 * rows of its alignment (`align`, `aligned`, `split`, ... at its top, also inside an `equation`),
 * each without its `&` marks (a nested matrix keeps its own) and row tags; or the formula itself,
 * as one line, when it has no rows.
 */
export function displayLines(tex: string): string[] {
  let env = outerEnvironment(tex);
  while (env && WRAPPERS.has(env.name)) env = outerEnvironment(env.body) ?? undefined;
  if (!env || !ROWED.has(env.name)) return [tex.trim()];
  const rows = topLevelRows(env.body)
    .map((row) => row
      .replace(/\\(nonumber|notag)\b/g, '')
      .replace(/\\tag\*?\s*\{[^{}]*\}/g, '')
      .replace(/\\label\s*\{[^{}]*\}/g, '')
      .trim())
    .filter((row) => row !== '');
  return rows.length > 0 ? rows : [tex.trim()];
}
