/**
 * Where the formulas are in a document: `findFormulas` for markdown and LaTeX, with exact UTF-16
 * offsets, the TeX to render each one, and the macros the document defines.
 *
 * Pure TypeScript: no `vscode`, no DOM, so the hover, the CLI and the tests share it.
 */
import { LineTable } from './lines';
import { collectMacros, type MacroTable } from './macros';
import { scanLatex } from './latex';
import { scanMarkdown } from './markdown';
import { repairMojibake } from './mojibake';
import type { ScanSink } from './sink';
import type { Delimiter, FindOptions, FindResult, FoundFormula, SourceLanguage } from './types';
import { findUnicodeFormulas, unicodeToLatex } from './unicode';

export type { Delimiter, FindOptions, FindResult, FoundFormula, SourceLanguage } from './types';
export { unicodeToLatex } from './unicode';
export { repairMojibake } from './mojibake';

/**
 * Could a math body define a macro? Plain substring tests: far cheaper than a regular expression
 * with alternatives, which retries at every backslash of every formula.
 */
function mayDefineMacros(tex: string): boolean {
  return tex.includes('command') || tex.includes('\\def') || tex.includes('DeclareMathOperator');
}

/**
 * Finds every formula of a markdown or LaTeX document.
 *
 * Never throws and runs in time linear in the text (hostile input included): `start`/`end` are
 * UTF-16 offsets (as VS Code counts them) with `text.slice(start, end) === source`, formulas come in
 * document order and never overlap. Unicode plain-text math is looked for in markdown prose unless
 * `options.unicode` is false; LaTeX documents are TeX already, so it is not looked for there.
 */
export function findFormulas(text: string, language: SourceLanguage, options: FindOptions = {}): FindResult {
  const formulas: FoundFormula[] = [];
  const macros: MacroTable = {};
  if (typeof text !== 'string' || text.length === 0) return { formulas, macros };
  const lines = new LineTable(text);
  const unicode = options.unicode !== false && language === 'markdown';

  /** Notes repeat their formulas: each distinct Unicode source is converted once. */
  const converted = new Map<string, string>();
  const add = (start: number, end: number, delimiter: Delimiter, display: boolean, tex: string): void => {
    formulas.push({ start, end, line: lines.lineOf(start), delimiter, display, source: text.slice(start, end), tex });
  };
  const sink: ScanSink = {
    formula(start, end, delimiter, display, tex) {
      add(start, end, delimiter, display, tex);
      if (language === 'markdown' && mayDefineMacros(tex)) collectMacros(tex, 0, tex.length, macros);
    },
    plain(start, end) {
      if (!unicode) return;
      for (const span of findUnicodeFormulas(text, start, end)) {
        const source = text.slice(span.start, span.end);
        let tex = converted.get(source);
        if (tex === undefined) {
          tex = unicodeToLatex(repairMojibake(source));
          converted.set(source, tex);
        }
        add(span.start, span.end, 'unicode', isAlone(text, span.start, span.end), tex);
      }
    },
  };

  try {
    if (language === 'latex') scanLatex(text, sink, macros);
    else scanMarkdown(text, sink);
  } catch {
    // A scanner bug must not take the hover down: whatever was found before it still counts.
  }
  // ```math fences come from the block pass, before the inline pass reports the rest.
  formulas.sort((a, b) => a.start - b.start);
  return { formulas, macros };
}

/** True when a Unicode formula stands alone on its line (then it reads as display math). */
function isAlone(text: string, start: number, end: number): boolean {
  for (let i = start - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c !== 32 && c !== 9 && c !== 0xfeff) return false;
  }
  for (let i = end; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) break;
    if (c !== 32 && c !== 9 && c !== 46 && c !== 44) return false;
  }
  return true;
}
