/**
 * References to labelled equations (`\ref`, `\eqref`, `\autoref`, `\cref`) and where their labels
 * are: in one note, or across the files of a LaTeX project joined by `\input` and `\include`.
 */
import { findFormulas } from './index';
import { blankComments } from './comments';
import { initialState, numberDocument, numberWithin, type NumberedEquation } from './numbering';
import type { FindResult, SourceLanguage } from './types';

/** The reference commands that name an equation's label. */
export const REFERENCE_COMMANDS: readonly string[] = ['ref', 'eqref', 'autoref', 'cref', 'Cref', 'labelcref'];

/** A reference under the cursor: the one key under it and where that key stands. */
export interface ReferenceAt {
  readonly command: string;
  readonly key: string;
  /** Offsets of the key itself (inside the braces). */
  readonly start: number;
  readonly end: number;
}

const REFERENCE = /\\(ref|eqref|autoref|cref|Cref|labelcref)\*?\s*\{([^{}\n]{0,300})\}/g;

/**
 * The reference whose command or key is at `offset`, or undefined. For `\cref{a,b}` the key under
 * the cursor (the first one when the cursor is on the command). Reads only the line around `offset`.
 */
export function referenceAt(text: string, offset: number): ReferenceAt | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  if (lineEnd - lineStart > 10_000) return undefined;
  const line = text.slice(lineStart, lineEnd);
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(line); m; m = REFERENCE.exec(line)) {
    const start = lineStart + m.index;
    const end = start + m[0].length;
    if (offset < start || offset >= end) continue;
    const keysAt = end - 1 - m[2].length;
    let k = keysAt;
    let chosen: ReferenceAt | undefined;
    for (const part of m[2].split(',')) {
      const lead = part.length - part.trimStart().length;
      const key = part.trim();
      const ref = { command: m[1], key, start: k + lead, end: k + lead + key.length };
      if (!chosen && key) chosen = ref;
      if (key && offset >= k && offset <= k + part.length) return ref;
      k += part.length + 1;
    }
    return chosen;
  }
  return undefined;
}

/** How cleveref is loaded: its `capitalise` and `noabbrev` options change how `\cref` prints. */
export interface CleverefStyle {
  readonly capitalise: boolean;
  readonly noabbrev: boolean;
}

/** cleveref's defaults, for a note or a preamble that does not load it with options. */
export const CLEVEREF_DEFAULTS: CleverefStyle = { capitalise: false, noabbrev: false };

/** The cleveref options of a preamble (`\usepackage[capitalise,noabbrev]{cleveref}`), comments left out. */
export function cleverefStyle(preamble: string): CleverefStyle {
  const m = /\\usepackage\s*\[([^\]]{0,300})\]\s*\{cleveref\}/.exec(blankComments(preamble));
  const options = m ? m[1].split(',').map((o) => o.trim()) : [];
  return { capitalise: options.includes('capitalise') || options.includes('capitalize'), noabbrev: options.includes('noabbrev') };
}

/**
 * A reference to an equation as the document prints it, from the number as `\eqref` shows it:
 * `\ref` "3", `\eqref` and `\labelcref` "(3)", `\autoref` "Equation 3" (hyperref's name, no
 * parentheses), `\cref` "eq. (3)" and `\Cref` "Eq. (3)" (cleveref's names for equations; "equation"
 * and "Equation" with `noabbrev`; `capitalise` makes `\cref` print as `\Cref`).
 */
export function printedReference(command: string, number: string, style: CleverefStyle = CLEVEREF_DEFAULTS): string {
  const bare = /^\(.*\)$/.test(number) ? number.slice(1, -1) : number;
  switch (command) {
    case 'ref': return bare;
    case 'autoref': return `Equation ${bare}`;
    case 'cref':
    case 'Cref': {
      const word = style.noabbrev ? 'equation' : 'eq.';
      const capital = command === 'Cref' || style.capitalise;
      return `${capital ? word.charAt(0).toUpperCase() + word.slice(1) : word} ${number}`;
    }
    default: return number;
  }
}

/** The equation a label names, or undefined. */
export function findLabel(equations: readonly NumberedEquation[], key: string): { equation: NumberedEquation; label: { start: number; end: number } } | undefined {
  for (const equation of equations) {
    const label = equation.labels.find((l) => l.key === key);
    if (label) return { equation, label };
  }
  return undefined;
}

/** The equations of one note, numbered (markdown or a single LaTeX file). */
export function equationsOf(file: string, text: string, language: SourceLanguage): NumberedEquation[] {
  const { formulas } = findFormulas(text, language, { unicode: false });
  return numberDocument(file, text, formulas, language, initialState(language === 'latex' ? numberWithin(text) : 'none'));
}

/** The files a LaTeX text `\input`s or `\include`s, as written, in order (comments skipped). */
export function includesOf(text: string): string[] {
  const names: string[] = [];
  const re = /\\(?:input|include)\s*\{([^{}\n]{1,300})\}/g;
  const live = blankComments(text);
  for (let m = re.exec(live); m; m = re.exec(live)) names.push(m[1].trim());
  return names;
}

/**
 * A name as `\input` writes it, as a path relative to the project's root folder: LaTeX adds `.tex`
 * when the name has no extension, and reads every name from the folder it runs in (the root's).
 */
export function includePath(name: string): string {
  const clean = name.replace(/^\.\//, '');
  return /\.[A-Za-z]{1,4}$/.test(clean) ? clean : `${clean}.tex`;
}

/** Finds the formulas of a project file; callers that keep results per file pass a caching one. */
export type ProjectFinder = (file: string, text: string) => FindResult;

/**
 * The equations of a LaTeX project, numbered as one document: the root file's formulas, each
 * included file's in its place (an `\input` inside an included file too). `texts` maps a path
 * from `includePath` (and the root's own key) to its text; a file missing from it, or included
 * a second time (a cycle), is skipped.
 */
export function projectEquations(root: string, texts: ReadonlyMap<string, string>, find: ProjectFinder = (_, text) => findFormulas(text, 'latex')): NumberedEquation[] {
  const rootText = texts.get(root) ?? '';
  const state = initialState(numberWithin(rootText));
  const out: NumberedEquation[] = [];
  const seen = new Set<string>();
  const visit = (file: string): void => {
    const text = texts.get(file);
    if (text === undefined || seen.has(file)) return;
    seen.add(file);
    const { formulas } = find(file, text);
    out.push(...numberDocument(file, text, formulas, 'latex', state, (name) => visit(includePath(name))));
  };
  visit(root);
  return out;
}
