/**
 * Macro definitions (`\newcommand`, `\renewcommand`, `\providecommand`, `\def`,
 * `\DeclareMathOperator`) turned into MathJax's `tex.macros` form. Every definition is read with
 * bounded brace matching; a malformed one is skipped, never thrown.
 */
import { groupEnd } from './rows';

/** MathJax's `tex.macros`: name without backslash -> body, or [body, argument count]. */
export type MacroTable = Record<string, string | [string, number]>;

/** A definition's body longer than this is not a macro anyone means: it is skipped. */
const MAX_BODY = 10_000;

const DEFINERS = ['newcommand', 'renewcommand', 'providecommand', 'def', 'DeclareMathOperator',
  'NewDocumentCommand', 'RenewDocumentCommand', 'ProvideDocumentCommand', 'DeclareDocumentCommand'];

/**
 * Reads every macro definition in `text.slice(from, to)` into `into` (a later definition of the
 * same name wins, as in TeX). Linear: each definition is read once, with a length cap. The names
 * defined only by `\providecommand` (or `\ProvideDocumentCommand`) are added to `provided`, if
 * given: a definition from elsewhere (a setting, a macro file) wins over them, as in LaTeX.
 */
export function collectMacros(text: string, from: number, to: number, into: MacroTable, provided?: Set<string>): void {
  let i = text.indexOf('\\', from);
  while (i >= 0 && i < to) {
    let j = i + 1;
    while (j < to && isLetter(text.charCodeAt(j))) j++;
    const word = text.slice(i + 1, j);
    let next = j;
    if (DEFINERS.includes(word)) {
      const end = readDefinition(text, word, j, to, into, provided);
      if (end > next) next = end;
    }
    i = text.indexOf('\\', Math.max(next, i + 1));
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function skipSpaces(text: string, i: number, to: number): number {
  while (i < to && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** Offset just past the group `{...}` that opens at `i`, or -1 (unbalanced, longer than a macro body may be, or no group). */
function bodyEnd(text: string, i: number, to: number): number {
  return groupEnd(text, i, Math.min(to, i + MAX_BODY + 2));
}

/** Reads `\foo` or `{\foo}` at `i`: the name and the offset after it, or undefined. */
function readName(text: string, i: number, to: number): { name: string; end: number } | undefined {
  i = skipSpaces(text, i, to);
  let braced = false;
  if (text[i] === '{') { braced = true; i = skipSpaces(text, i + 1, to); }
  if (text[i] !== '\\') return undefined;
  let j = i + 1;
  while (j < to && isLetter(text.charCodeAt(j))) j++;
  // A one-character control symbol (`\|`) is a valid name too.
  if (j === i + 1 && j < to) j++;
  const name = text.slice(i + 1, j);
  if (!name) return undefined;
  if (braced) {
    j = skipSpaces(text, j, to);
    if (text[j] !== '}') return undefined;
    j++;
  }
  return { name, end: j };
}

/** Reads one definition after its definer word; returns where it ends, or `at` when malformed. */
function readDefinition(text: string, definer: string, at: number, to: number, into: MacroTable, provided?: Set<string>): number {
  let i = at;
  let star = false;
  if (text[i] === '*') { star = true; i++; }
  const head = readName(text, i, to);
  if (!head) return at;
  i = head.end;
  if (definer === 'DeclareMathOperator') {
    i = skipSpaces(text, i, to);
    const end = bodyEnd(text, i, to);
    if (end < 0) return at;
    into[head.name] = `\\operatorname${star ? '*' : ''}{${text.slice(i + 1, end - 1)}}`;
    return end;
  }
  let nargs = 0;
  if (definer.endsWith('DocumentCommand')) {
    // xparse's signature: only mandatory arguments (`{m}`, `{m m}`) map onto a TeX macro; an optional
    // or starred one (`o`, `O{..}`, `s`) would need MathJax to parse it, so such a definition is skipped.
    i = skipSpaces(text, i, to);
    const end = bodyEnd(text, i, to);
    if (end < 0) return at;
    const signature = text.slice(i + 1, end - 1).replace(/\s+/g, '');
    if (!/^m{0,9}$/.test(signature)) return end;
    nargs = signature.length;
    i = end;
  } else if (definer === 'def') {
    // `\def\foo#1#2{...}`: the parameter text counts the arguments.
    while (i < to && text[i] === '#' && i + 1 < to && /[1-9]/.test(text[i + 1])) { nargs++; i += 2; }
  } else {
    i = skipSpaces(text, i, to);
    if (text[i] === '[') {
      const close = text.indexOf(']', i);
      if (close < 0 || close > i + 4 || close >= to) return at;
      nargs = Number(text.slice(i + 1, close).trim());
      if (!Number.isInteger(nargs) || nargs < 0 || nargs > 9) return at;
      i = skipSpaces(text, close + 1, to);
      // An optional first argument's default (`[2][x]`) is dropped: MathJax takes it, the hover does not need it.
      if (text[i] === '[') {
        const closeDefault = text.indexOf(']', i);
        if (closeDefault < 0 || closeDefault - i > MAX_BODY || closeDefault >= to) return at;
        i = skipSpaces(text, closeDefault + 1, to);
      }
    }
  }
  i = skipSpaces(text, i, to);
  const end = bodyEnd(text, i, to);
  if (end < 0) return at;
  const body = text.slice(i + 1, end - 1);
  // `\providecommand` never overrides an existing definition.
  const provides = definer === 'providecommand' || definer === 'ProvideDocumentCommand';
  if (provides && head.name in into) return end;
  into[head.name] = nargs > 0 ? [body, nargs] : body;
  if (provides) provided?.add(head.name);
  else provided?.delete(head.name);
  return end;
}
