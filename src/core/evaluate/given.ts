/**
 * Values a note gives for a formula's symbols, written after it: inside the formula
 * (`H(p, q) = -\sum_i p_i \log q_i, \quad p = (0.5, 0.5), q = (0.9, 0.1)`, or after
 * `\text{where}` / `\text{with}`), or in the text that follows it on the same line or the next
 * ("where $p = (0.5, 0.5)$ and $q = (0.9, 0.1)$"). Each value is itself evaluated, so it may be
 * a number, an expression of numbers, or a vector.
 */
import { Evaluator } from './arithmetic';
import { parseSide, splitSides, tokenize, type Node } from './reader';

/** Values by the name the reader gives the symbol (`p`, `\mu`, `p_1`), and how they were written. */
export interface Given {
  readonly values: Map<string, number | readonly number[]>;
  readonly written: string[];
}

/** Markers after which a formula lists its values. */
const MARKER = /\\text\{\s*(?:where|with|for|given|and)\s*\}|\\(?:q?quad)\b|\b(?:where|with)\b/;

/** Splits at top-level commas and semicolons (not those inside brackets). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if ((c === ',' || c === ';') && depth === 0 && s[i - 1] !== '\\') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

/** `NAME = VALUE` as the reader's name and the value's tree, or undefined. */
function assignment(text: string): { name: string; value: Node; tex: string } | undefined {
  const t = text.replace(/^\s*(?:and|\\text\{\s*and\s*\})\s*/, '').trim();
  if (t.length > 300) return undefined;
  try {
    const sides = splitSides(tokenize(t));
    if (sides.length !== 2 || sides[0].length === 0 || sides[1].length === 0) return undefined;
    const lhs = parseSide(sides[0]);
    if (lhs.k !== 'var') return undefined;
    return { name: lhs.name, value: parseSide(sides[1]), tex: t };
  } catch {
    return undefined;
  }
}

/**
 * The formula without the values written after it, and those values. A formula that lists
 * nothing is returned as it is.
 */
export function splitGiven(tex: string): { formula: string; assignments: string[] } {
  const marker = MARKER.exec(tex);
  if (marker && marker.index > 0) {
    const rest = tex.slice(marker.index + marker[0].length);
    const parts = splitTop(rest);
    if (parts.length > 0 && parts.every((p) => assignment(p) !== undefined)) {
      return { formula: tex.slice(0, marker.index).replace(/[\s,;]+$/, ''), assignments: parts };
    }
  }
  // `formula, p = (0.5, 0.5), q = (0.9, 0.1)`: trailing parts that are assignments.
  const parts = splitTop(tex);
  let k = parts.length;
  while (k > 1 && assignment(parts[k - 1]) !== undefined) k--;
  if (k < parts.length && k >= 1) return { formula: parts.slice(0, k).join(', '), assignments: parts.slice(k) };
  return { formula: tex, assignments: [] };
}

/** Assignments in the prose after a formula: its `$...$` math, or plain `p = (0.5, 0.5)`. */
export function contextAssignments(context: string): string[] {
  const text = context.slice(0, 600);
  const out: string[] = [];
  for (const m of text.matchAll(/\$([^$]{1,300})\$/g)) out.push(...splitTop(m[1]));
  const plain = text.replace(/\$[^$]*\$/g, ' ');
  for (const m of plain.matchAll(/(?:^|[\s,(])((?:\\[A-Za-z]+|[A-Za-z])(?:_\{?\w+\}?)?)\s*=\s*(\([^)]{1,200}\)|\[[^\]]{1,200}\]|-?\d+(?:\.\d+)?(?:e-?\d+)?)/g)) out.push(`${m[1]} = ${m[2]}`);
  return out;
}

/** Evaluates assignments into values; those that are not numbers or vectors are left out. */
export function readGiven(assignments: readonly string[], settings: ConstructorParameters<typeof Evaluator>[0]): Given {
  const values = new Map<string, number | readonly number[]>();
  const written: string[] = [];
  for (const a of assignments) {
    const parsed = assignment(a);
    if (!parsed || values.has(parsed.name)) continue;
    try {
      const ev = new Evaluator({ ...settings, constants: values });
      const v = ev.value(parsed.value);
      if (typeof v === 'number' && Number.isFinite(v)) values.set(parsed.name, v);
      else if (typeof v === 'object' && v.kind === 'vector' && v.items.every(Number.isFinite)) values.set(parsed.name, v.items);
      else continue;
      written.push(parsed.tex);
    } catch {
      // A value that is not a number (`p = \mathcal{N}(0, 1)`) is not a given here.
    }
  }
  return { values, written };
}
