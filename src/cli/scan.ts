import { extname } from 'node:path';
import { findFormulas } from '../core/find';
import { sentenceAround } from '../core/find/sentence';
import { classify } from '../core/recognize';
import type { SourceLanguage } from '../core/find/types';
import { formatBytes, readTextFile } from './readText';
import { MAX_SCAN_FILE_BYTES } from './limits';
import { CliError, type CliCommand } from './io';

/** Output is handed to stdout in pieces of about this many characters, then the command waits for it to drain. */
const WRITE_CHUNK_CHARS = 64 * 1024;

/** How a file is read, by its extension: LaTeX sources as LaTeX, everything else as markdown. */
export function languageOf(file: string): SourceLanguage {
  return ['.tex', '.latex', '.ltx', '.sty', '.cls'].includes(extname(file).toLowerCase()) ? 'latex' : 'markdown';
}

/**
 * `genmath scan FILE...`: one JSON line per formula, with offsets in UTF-16 code units as VS Code
 * counts them, written as they are found (never the whole output in memory).
 *
 * Each file is read on its own: a binary file (a NUL byte, or mostly bytes that are not UTF-8
 * text) is skipped with a one-line notice on stderr that names it and why; a file that cannot be
 * read (missing, not a regular file like `/dev/zero`, larger than the limit) gets a one-line error
 * that says why, and the exit code is then 1, after the other files have been scanned.
 */
export const scanCommand: CliCommand = {
  name: 'scan',
  deterministic: true,
  usage: `scan FILE...            one JSON line per formula: {file, start, end, line, kind, latex},\n`
    + `                          classified with the words around it in the file;\n`
    + `                          binary files are skipped (a notice on stderr); files up to ${formatBytes(MAX_SCAN_FILE_BYTES)}`,
  async run(args, io) {
    if (args.length === 0) throw new CliError('no file given (usage: genmath scan FILE...)', 2);
    let failed = 0;
    for (const file of args) {
      const read = await readTextFile(file);
      if (read.kind === 'unreadable') {
        failed++;
        io.stderr(`genmath scan: cannot read ${file}: ${read.reason}\n`);
        continue;
      }
      if (read.kind === 'binary') {
        io.stderr(`genmath scan: skipped ${file}: ${read.reason}\n`);
        continue;
      }
      let text = read.text;
      // VS Code drops a byte-order mark from a document's text, so offsets are counted without it.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let pending = '';
      const language = languageOf(file);
      const { formulas } = findFormulas(text, language);
      for (const f of formulas) {
        // The kind is read from the formula's TeX, the very text the hover renders and recognizes
        // (mojibake repaired, a pasted copy read whole), with the words around it as the hover
        // takes them; `latex` is the formula as written when it is TeX already, and its TeX when
        // the note holds Unicode or a page's copy.
        const latex = f.delimiter === 'unicode' ? f.tex : f.source;
        const context = sentenceAround(text, f.start, f.end, { language, formulas });
        pending += JSON.stringify({ file, start: f.start, end: f.end, line: f.line, kind: classify(f.tex, { context }).kind, latex }) + '\n';
        if (pending.length >= WRITE_CHUNK_CHARS) {
          io.stdout(pending);
          pending = '';
          await io.drained?.();
        }
      }
      if (pending) io.stdout(pending);
    }
    return failed > 0 ? 1 : 0;
  },
};
