/**
 * Turning pasted math into the note's own LaTeX: what "Convert Pasted Math to LaTeX" writes in
 * place of a pasted formula. Pure text, so the command, the CodeLens, the quick fix and the tests
 * share it.
 */
import type { FoundFormula } from '../types';

/** True when a found formula is plain-text math pasted from a page (Unicode, mojibake, a MathJax or KaTeX copy). */
export function isPastedFormula(f: FoundFormula): boolean {
  return f.delimiter === 'unicode';
}

/**
 * The delimited LaTeX that replaces the pasted formula `f` of `text`: `$$...$$` when it stands on
 * lines of its own, `$...$` inside a sentence. Inline math whose next character is a digit uses
 * `\(...\)`, as a `$` followed by a digit does not close math in markdown (pandoc's currency rule).
 */
export function latexReplacement(text: string, f: FoundFormula): string {
  const tex = f.tex.trim();
  if (f.display) return `$$${tex}$$`;
  const after = text.charCodeAt(f.end);
  return after >= 48 && after <= 57 ? `\\(${tex}\\)` : `$${tex}$`;
}
