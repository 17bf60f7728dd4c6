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
import { ambiguousMojibake, repairMojibake } from './mojibake';
import { unflattenFractions } from './pasted/fractions';
import { findKatexCopies } from './pasted/katex';
import { findMathJaxBlocks } from './pasted/mathjax';
import type { PastedBlock } from './pasted/types';
import type { ScanSink } from './sink';
import type { Delimiter, FindOptions, FindResult, FoundFormula, SourceLanguage, UnreadablePaste } from './types';
import { findUnicodeFormulas, unicodeToLatex } from './unicode';

export type { Delimiter, FindOptions, FindResult, FoundFormula, SourceLanguage, UnreadablePaste } from './types';
export type { PastedPattern } from './pasted/types';
export { isPastedFormula, latexReplacement } from './pasted/replace';
export { unicodeToLatex } from './unicode';
export { repairMojibake } from './mojibake';

/**
 * Could a math body define a macro? Plain substring tests: far cheaper than a regular expression
 * with alternatives, which retries at every backslash of every formula.
 */
function mayDefineMacros(tex: string): boolean {
  return tex.includes('command') || tex.includes('\\def') || tex.includes('DeclareMathOperator') || tex.includes('DocumentCommand');
}

/**
 * What the TeX of a Unicode formula's source is: mojibake repaired, Unicode turned into TeX. TeX
 * pasted without its delimiters (ASCII with control words) is TeX already and is kept as it is.
 */
function unicodeTex(source: string): string {
  if (/\\[A-Za-z]{2,}/.test(source) && !/[^\x00-\x7f]/.test(source)) return source;
  return unicodeToLatex(unflattenFractions(repairMojibake(source)));
}

/** The sentence for a pasted formula whose mojibake a lost byte left ambiguous. */
const AMBIGUOUS_BYTE = 'a character of it lost a byte when the page was copied, and nothing in the text says which it was';

/**
 * Finds every formula of a markdown or LaTeX document.
 *
 * Never throws and runs in time linear in the text (hostile input included): `start`/`end` are
 * UTF-16 offsets (as VS Code counts them) with `text.slice(start, end) === source`, formulas come in
 * document order and never overlap. Unicode plain-text math is looked for in markdown prose unless
 * `options.unicode` is false, and with it math pasted from pages that rendered it (MathJax's visual
 * copy and linear text, KaTeX's visual text and TeX source), each copy one formula whatever the
 * lines it spans; LaTeX documents are TeX already, so none of it is looked for there.
 */
export function findFormulas(text: string, language: SourceLanguage, options: FindOptions = {}): FindResult {
  const formulas: FoundFormula[] = [];
  const macros: MacroTable = {};
  const provided = new Set<string>();
  const unreadable: UnreadablePaste[] = [];
  if (typeof text !== 'string' || text.length === 0) return { formulas, macros, unreadable };
  const lines = new LineTable(text);
  const unicode = options.unicode !== false && language === 'markdown';

  /** Notes repeat their formulas: each distinct Unicode source is converted once. */
  const converted = new Map<string, string>();
  const add = (start: number, end: number, delimiter: Delimiter, display: boolean, tex: string, pasted?: FoundFormula['pasted']): void => {
    const f = { start, end, line: lines.lineOf(start), delimiter, display, source: text.slice(start, end), tex };
    formulas.push(pasted ? { ...f, pasted } : f);
  };
  /** MathJax's blocks, found region by region before the prose of the region is scanned. */
  const blocks: PastedBlock[] = [];
  let nextBlock = 0;
  /** KaTeX's copies, found line by line in the prose. */
  const katexCopies: PastedBlock[] = [];
  const unicodeIn = (start: number, end: number, hasCommand: boolean): void => {
    const katex = hasCommand ? findKatexCopies(text, start, end) : [];
    katexCopies.push(...katex);
    for (const span of findUnicodeFormulas(text, start, end)) {
      if (katex.length > 0 && overlapsAny(katex, span.start, span.end)) continue;
      const source = text.slice(span.start, span.end);
      if (ambiguousMojibake(source)) {
        unreadable.push({ start: span.start, end: span.end, line: lines.lineOf(span.start), problem: AMBIGUOUS_BYTE });
        continue;
      }
      let tex = converted.get(source);
      if (tex === undefined) {
        tex = unicodeTex(source);
        converted.set(source, tex);
      }
      add(span.start, span.end, 'unicode', isAlone(text, span.start, span.end), tex);
    }
  };
  const sink: ScanSink = {
    formula(start, end, delimiter, display, tex) {
      add(start, end, delimiter, display, tex);
      if (language === 'markdown' && mayDefineMacros(tex)) collectMacros(tex, 0, tex.length, macros, provided);
    },
    plain(start, end, hasCommand = true) {
      if (!unicode) return;
      // The prose between MathJax's blocks: they were read whole already.
      while (nextBlock < blocks.length && blocks[nextBlock].end <= start) nextBlock++;
      let from = start;
      for (let k = nextBlock; k < blocks.length && blocks[k].start < end; k++) {
        if (blocks[k].start > from) unicodeIn(from, blocks[k].start, hasCommand);
        from = Math.max(from, blocks[k].end);
      }
      if (from < end) unicodeIn(from, end, hasCommand);
    },
    region(start, end) {
      if (unicode) findMathJaxBlocks(text, start, end, blocks);
    },
  };

  try {
    if (language === 'latex') scanLatex(text, sink, macros, provided);
    else scanMarkdown(text, sink);
  } catch {
    // A scanner bug must not take the hover down: whatever was found before it still counts.
  }
  // ```math fences come from the block pass, before the inline pass reports the rest.
  formulas.sort((a, b) => a.start - b.start);
  if (blocks.length + katexCopies.length > 0) addBlocks(text, [...blocks, ...katexCopies], formulas, unreadable, lines);
  return provided.size > 0 ? { formulas, macros, provided: [...provided], unreadable } : { formulas, macros, unreadable };
}

/** True when `[start, end)` overlaps one of the (few) blocks found so far. */
function overlapsAny(blocks: readonly PastedBlock[], start: number, end: number): boolean {
  return blocks.some((b) => b.start < end && start < b.end);
}

/**
 * Adds the pasted blocks to the formulas (or to the unreadable list), in order. A block that
 * overlaps a delimited formula gives way to it: the note's own delimiters say where its math is.
 */
function addBlocks(text: string, blocks: PastedBlock[], formulas: FoundFormula[], unreadable: UnreadablePaste[], lines: LineTable): void {
  blocks.sort((a, b) => a.start - b.start);
  const kept: FoundFormula[] = [];
  let k = 0;
  for (const b of blocks) {
    while (k < formulas.length && formulas[k].end <= b.start) k++;
    if (k < formulas.length && formulas[k].start < b.end) continue;
    if (b.tex !== undefined) {
      kept.push({ start: b.start, end: b.end, line: lines.lineOf(b.start), delimiter: 'unicode', display: isAlone(text, b.start, b.end), source: text.slice(b.start, b.end), tex: b.tex, pasted: b.pattern });
    } else {
      unreadable.push({ start: b.start, end: b.end, line: lines.lineOf(b.start), problem: b.problem ?? 'it could not be read whole' });
    }
  }
  formulas.push(...kept);
  formulas.sort((a, b) => a.start - b.start);
  unreadable.sort((a, b) => a.start - b.start);
}

/**
 * The TeX that `source`, a formula as it stands in a document, is read as: the same reading the
 * finder gives the hover (mojibake repaired, Unicode turned into TeX, a pasted copy read whole),
 * for whoever gets one formula alone (`genmath classify`, `genmath explain`). A source that is not
 * one formula whole (TeX without delimiters, say) comes back with only its mojibake repaired.
 */
export function texOfSource(source: string): string {
  const trimmed = source.trim();
  const { formulas } = findFormulas(trimmed, 'markdown');
  if (formulas.length === 1 && formulas[0].start === 0 && formulas[0].end === trimmed.length) return formulas[0].tex;
  return repairMojibake(source);
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
