import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { findFormulas } from '../core/find';
import { sentenceAround } from '../core/find/sentence';
import { classify } from '../core/recognize';
import type { SourceLanguage } from '../core/find/types';
import { CliError, type CliCommand } from './io';

/** How a file is read, by its extension: LaTeX sources as LaTeX, everything else as markdown. */
export function languageOf(file: string): SourceLanguage {
  return ['.tex', '.latex', '.ltx', '.sty', '.cls'].includes(extname(file).toLowerCase()) ? 'latex' : 'markdown';
}

/** `genmath scan FILE...`: one JSON line per formula, with offsets in UTF-16 code units as VS Code counts them. */
export const scanCommand: CliCommand = {
  name: 'scan',
  usage: 'scan FILE...            one JSON line per formula: {file, start, end, line, kind, latex},\n'
    + '                          classified with the words around it in the file',
  async run(args, io) {
    if (args.length === 0) throw new CliError('no file given (usage: genmath scan FILE...)', 2);
    for (const file of args) {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        throw new CliError(`cannot read ${file}${code ? ` (${code})` : ''}`);
      }
      // VS Code drops a byte-order mark from a document's text, so offsets are counted without it.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      const lines: string[] = [];
      const language = languageOf(file);
      const { formulas } = findFormulas(text, language);
      for (const f of formulas) {
        // The kind is read from the formula's TeX, the very text the hover renders and recognizes
        // (mojibake repaired, a pasted copy read whole), with the words around it as the hover
        // takes them; `latex` is the formula as written when it is TeX already, and its TeX when
        // the note holds Unicode or a page's copy.
        const latex = f.delimiter === 'unicode' ? f.tex : f.source;
        const context = sentenceAround(text, f.start, f.end, { language, formulas });
        lines.push(JSON.stringify({ file, start: f.start, end: f.end, line: f.line, kind: classify(f.tex, { context }).kind, latex }));
      }
      if (lines.length > 0) io.stdout(lines.join('\n') + '\n');
    }
    return 0;
  },
};
