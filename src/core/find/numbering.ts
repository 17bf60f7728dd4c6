/**
 * Equation numbers as LaTeX (with amsmath) counts them, and the labels that name them.
 *
 * The rules: `equation` and `multline` take one number; `align`, `gather`, `flalign`, `alignat` and
 * `eqnarray` take one per row; a starred environment, `\[...\]` and `$$...$$` take none; `\nonumber`
 * or `\notag` takes a row's number away; `\tag{...}` replaces it without stepping the counter (also
 * in a starred environment); inside `subequations` the counter steps once and the rows are numbered
 * 1a, 1b, ...; with `\numberwithin{equation}{section}` (or in a book or report, by chapter) the
 * number is prefixed and restarts with each section (or chapter), lettered after `\appendix`;
 * `\setcounter{equation}{n}` and `\addtocounter{equation}{n}` between equations set or move the counter.
 * Markdown has no standard numbering: a note follows the same rules, and a `$$...$$` or `\[...\]`
 * display that carries a `\label` is numbered too, since its author asked to refer to it (as
 * Typora and MathJax with `tags: 'all'` number it).
 */
import type { FoundFormula, SourceLanguage } from './types';
import { blankComments } from './comments';
import { readRow, splitRows } from './rows';

/** A `\label{key}` and where the whole command stands in its file. */
export interface LabelSite {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/** One numbered (or labelled) equation: a whole environment or one row of it. */
export interface NumberedEquation {
  /** The file the equation is in, as the caller named it. */
  readonly file: string;
  /** The formula that holds it, in its file. */
  readonly start: number;
  readonly end: number;
  /** The labels that name it. */
  readonly labels: readonly LabelSite[];
  /** The number as `\eqref` shows it (`(3)`, `(2b)`, `(1.4)`, a `\tag*`'s text as it stands), or undefined when it has none. */
  readonly number?: string;
  /** The TeX of the equation (the row alone for a row), marks taken out, ready to render. */
  readonly tex: string;
}

/** How the counter is prefixed: not at all, by section or by chapter. */
export type NumberWithin = 'none' | 'section' | 'chapter';

/** The counters, carried from one file of a project to the next. */
export interface NumberingState {
  equation: number;
  within: NumberWithin;
  /** The section or chapter counter that prefixes the number (when `within` is not 'none'). */
  outer: number;
  appendix: boolean;
  /** Inside `subequations`: the parent's number and the last letter used. */
  sub?: { parent: string; letter: number };
}

/** A fresh state; `within` read from the preamble by `numberWithin`. */
export function initialState(within: NumberWithin = 'none'): NumberingState {
  return { equation: 0, within, outer: 0, appendix: false };
}

/** How the root file's preamble prefixes equation numbers. */
export function numberWithin(preamble: string): NumberWithin {
  const explicit = /\\(?:numberwithin|counterwithin)\{equation\}\{(section|chapter)\}/.exec(blankComments(preamble));
  if (explicit) return explicit[1] as NumberWithin;
  if (/\\documentclass(?:\[[^\]]*\])?\{(?:book|report|scrbook|scrreprt|memoir)\}/.test(blankComments(preamble))) return 'chapter';
  return 'none';
}

/** Environments numbered once as a whole. */
const WHOLE = new Set(['equation', 'multline']);
/** Environments numbered row by row. */
const BY_ROW = new Set(['align', 'gather', 'flalign', 'alignat', 'eqnarray']);

function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

/** The next number: the counter steps (or the sub-letter does, inside `subequations`). */
function step(state: NumberingState): string {
  if (state.sub) {
    state.sub.letter++;
    return state.sub.parent + letters(state.sub.letter);
  }
  state.equation++;
  return current(state);
}

/** The counter's value as LaTeX prints it. */
function current(state: NumberingState): string {
  if (state.within === 'none') return String(state.equation);
  const outer = state.appendix ? letters(state.outer).toUpperCase() : String(state.outer);
  return `${outer}.${state.equation}`;
}

/** The environment a formula's TeX is, when it is one whole `\begin{X}...\end{X}`: name and body offsets in `tex`. */
function environmentOf(tex: string): { name: string; bodyStart: number; bodyEnd: number } | undefined {
  const m = /^\s*\\begin\{([A-Za-z]+\*?)\}/.exec(tex);
  if (!m) return undefined;
  const close = `\\end{${m[1]}}`;
  const at = tex.lastIndexOf(close);
  if (at < 0 || tex.slice(at + close.length).trim() !== '') return undefined;
  let bodyStart = m.index + m[0].length;
  // alignat's column count.
  const cols = /^\s*\{\d+\}/.exec(tex.slice(bodyStart));
  if (m[1].startsWith('alignat') && cols) bodyStart += cols[0].length;
  return { name: m[1], bodyStart, bodyEnd: at };
}

/** How a number is shown: `(3)`, or a `\tag*`'s text as it stands. */
function shown(number: string, starred = false): string {
  return starred ? number : `(${number})`;
}

/** A row's TeX made renderable on its own: alignment points kept inside `aligned`. */
function rowTex(tex: string): string {
  return tex.includes('&') ? `\\begin{aligned}${tex}\\end{aligned}` : tex;
}

/**
 * Numbers the display formulas of one file, in order, stepping `state`. `file` names the file in
 * the results; `offsetOf(tex)` is not needed because each formula's TeX is found in its source.
 */
export function numberFormula(file: string, formula: FoundFormula, language: SourceLanguage, state: NumberingState): NumberedEquation[] {
  if (!formula.display) return [];
  const source = formula.source;
  // Offsets of the formula's TeX inside the file: its source holds it whole (trimmed body or environment).
  const texAt = formula.start + Math.max(0, source.indexOf(formula.tex));
  const tex = formula.tex;
  const env = environmentOf(tex);
  const out: NumberedEquation[] = [];
  const push = (labels: LabelSite[], number: string | undefined, body: string): void => {
    if (number === undefined && labels.length === 0) return;
    out.push({ file, start: formula.start, end: formula.end, labels, ...(number !== undefined ? { number } : {}), tex: body });
  };
  const shift = (labels: readonly LabelSite[]): LabelSite[] => labels.map((l) => ({ key: l.key, start: l.start + texAt, end: l.end + texAt }));

  if (env && BY_ROW.has(env.name.replace(/\*$/, ''))) {
    const starred = env.name.endsWith('*');
    for (const r of splitRows(tex, env.bodyStart, env.bodyEnd)) {
      const row = readRow(tex, r.start, r.end);
      let number: string | undefined;
      if (row.tag) number = shown(row.tag.text, row.tag.starred);
      else if (!starred && !row.suppressed) number = shown(step(state));
      push(shift(row.labels), number, rowTex(row.tex));
    }
    return out;
  }
  const whole = env ? readRow(tex, env.bodyStart, env.bodyEnd) : readRow(tex, 0, tex.length);
  let numbered: boolean;
  let body = whole.tex;
  if (env && WHOLE.has(env.name.replace(/\*$/, ''))) {
    numbered = !env.name.endsWith('*') && !whole.suppressed;
    if (env.name.startsWith('multline')) body = `\\begin{multline*}${body}\\end{multline*}`;
    else if (body.includes('\\begin{split}')) body = `\\begin{equation*}${body}\\end{equation*}`;
  } else if (env) {
    // Other environments (`aligned`, `gathered`, `math`) are not numbered; a `\tag` still names them.
    numbered = false;
    body = tex;
  } else {
    numbered = language === 'markdown' && whole.labels.length > 0 && !whole.suppressed;
  }
  let number: string | undefined;
  if (whole.tag) number = shown(whole.tag.text, whole.tag.starred);
  else if (numbered) number = shown(step(state));
  push(shift(whole.labels), number, body);
  return out;
}

/** A structural command of a document, outside math, that the numbering follows. */
export interface StructureEvent {
  readonly at: number;
  readonly kind: 'beginSub' | 'endSub' | 'label' | 'outer' | 'appendix' | 'include' | 'setCounter' | 'addToCounter';
  /** The label key (for 'label'), the included file's name as written (for 'include'), the value (for the counters). */
  readonly arg?: string;
  readonly end?: number;
}

const STRUCTURE = /\\(begin\{subequations\}|end\{subequations\}|label|section|chapter|appendix|input|include|setcounter|addtocounter)(?![A-Za-z])(\*?)/g;

/** `{equation}{n}` after `\setcounter` or `\addtocounter`: the equation counter and a whole number (LaTeX takes no other). */
const COUNTER_ARGS = /^\s*\{\s*equation\s*\}\s*\{\s*([+-]?\d{1,6})\s*\}/;

/** The structural commands of a LaTeX (or markdown) text outside `formulas`, in order. */
export function structureOf(text: string, formulas: readonly FoundFormula[], within: NumberWithin): StructureEvent[] {
  const live = blankComments(text);
  const events: StructureEvent[] = [];
  let f = 0;
  STRUCTURE.lastIndex = 0;
  for (let m = STRUCTURE.exec(live); m; m = STRUCTURE.exec(live)) {
    while (f < formulas.length && formulas[f].end <= m.index) f++;
    if (f < formulas.length && formulas[f].start <= m.index) {
      STRUCTURE.lastIndex = formulas[f].end;
      continue;
    }
    const word = m[1];
    if (word === 'begin{subequations}') events.push({ at: m.index, kind: 'beginSub' });
    else if (word === 'end{subequations}') events.push({ at: m.index, kind: 'endSub' });
    else if (word === 'appendix') events.push({ at: m.index, kind: 'appendix' });
    else if (word === 'section' || word === 'chapter') {
      if (m[2] !== '*' && word === within) events.push({ at: m.index, kind: 'outer' });
    } else if (word === 'setcounter' || word === 'addtocounter') {
      // Only the equation counter; `\setcounter{section}{...}` and friends do not move equation numbers here.
      const args = COUNTER_ARGS.exec(live.slice(m.index + m[0].length, m.index + m[0].length + 60));
      if (args) events.push({ at: m.index, kind: word === 'setcounter' ? 'setCounter' : 'addToCounter', arg: args[1] });
    } else {
      let open = m.index + m[0].length;
      while (live[open] === ' ') open++;
      if (live[open] !== '{') continue;
      const close = live.indexOf('}', open);
      if (close < 0 || close - open > 300) continue;
      const arg = live.slice(open + 1, close).trim();
      if (word === 'label') events.push({ at: m.index, kind: 'label', arg, end: close + 1 });
      else if (word === 'input' || word === 'include') events.push({ at: m.index, kind: 'include', arg });
    }
  }
  return events;
}

/**
 * Numbers one file: its display formulas and structure in document order, stepping `state`;
 * `include(name)` is called where the file `\input`s or `\include`s another (so the caller numbers
 * that file then, with the same state). A `\label` right inside `subequations` names the group.
 */
export function numberDocument(
  file: string,
  text: string,
  formulas: readonly FoundFormula[],
  language: SourceLanguage,
  state: NumberingState,
  include: (name: string) => void = () => undefined,
): NumberedEquation[] {
  const events = structureOf(text, formulas, state.within);
  const out: NumberedEquation[] = [];
  /** The open `subequations` group: its parent number, its labels and its equations so far. */
  let group: { parent: string; labels: LabelSite[]; rows: NumberedEquation[]; at: number } | undefined;
  const closeGroup = (end: number): void => {
    if (!group) return;
    if (group.labels.length > 0 && group.rows.length > 0) {
      const tex = `\\begin{gathered}${group.rows.map((r) => r.tex).join('\\\\')}\\end{gathered}`;
      out.push({ file, start: group.rows[0].start, end: Math.max(end, group.rows[group.rows.length - 1].end), labels: group.labels, number: shown(group.parent), tex });
    }
    group = undefined;
    state.sub = undefined;
  };
  let e = 0;
  const handle = (ev: StructureEvent): void => {
    switch (ev.kind) {
      case 'beginSub':
        closeGroup(ev.at);
        state.equation++;
        group = { parent: current(state), labels: [], rows: [], at: ev.at };
        state.sub = { parent: group.parent, letter: 0 };
        break;
      case 'endSub':
        closeGroup(ev.at);
        break;
      case 'label':
        if (group && ev.arg) group.labels.push({ key: ev.arg, start: ev.at, end: ev.end ?? ev.at });
        break;
      case 'outer':
        state.outer++;
        state.equation = 0;
        break;
      case 'appendix':
        state.appendix = true;
        state.outer = 0;
        break;
      case 'include':
        if (ev.arg) include(ev.arg);
        break;
      // `\setcounter{equation}{4}`: the next equation is 5, as in LaTeX (the counter holds the last number used).
      case 'setCounter':
        state.equation = Number(ev.arg);
        break;
      case 'addToCounter':
        state.equation += Number(ev.arg);
        break;
    }
  };
  for (const formula of formulas) {
    while (e < events.length && events[e].at < formula.start) handle(events[e++]);
    const numbered = numberFormula(file, formula, language, state);
    out.push(...numbered);
    if (group) group.rows.push(...numbered.filter((n) => n.number !== undefined));
  }
  while (e < events.length) handle(events[e++]);
  closeGroup(text.length);
  return out;
}
