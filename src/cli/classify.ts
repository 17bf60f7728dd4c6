import { texOfSource } from '../core/find';
import { classify } from '../core/recognize';
import { CliError, type CliCommand } from './io';

/**
 * `genmath classify`: JSON Lines `{"id", "latex", "context"?}` on stdin, one `{"id", "kind", "confidence",
 * "roles"}` line per input on stdout, in the same order. `context` is the prose around the formula in its
 * note (the sentence before it and after it, as `genmath scan` and the hover take it); the recognizer
 * weighs its words as evidence.
 *
 * A malformed line (not JSON, not an object, no string `latex`, a `context` that is not a string) does not stop the batch: it gets a
 * one-line error on stderr naming its line number, and, so that output line N still answers input
 * line N, an output line `{"id", "kind": "none", "confidence": 0, "roles": {}, "error"}`. The exit
 * code is then 1 (0 when every line was read). Blank lines are not inputs and get no output.
 */
export const classifyCommand: CliCommand = {
  name: 'classify',
  usage: 'classify                JSON Lines {id, latex, context?} on stdin -> {id, kind, confidence, roles} per line\n'
    + '                          (context: the words around the formula in its note, weighed as evidence)',
  async run(args, io) {
    if (args.length > 0) throw new CliError(`classify takes no arguments, it reads JSON Lines on stdin (got '${args[0]}')`, 2);
    const input = await io.readStdin();
    const out: string[] = [];
    let failed = 0;
    let lineNo = 0;
    let start = 0;
    while (start <= input.length) {
      let end = input.indexOf('\n', start);
      if (end < 0) end = input.length;
      const raw = input.slice(start, end).replace(/\r$/, '');
      start = end + 1;
      lineNo++;
      if (raw.trim() === '') { if (end === input.length) break; continue; }
      let record: unknown;
      let error = '';
      try {
        record = JSON.parse(raw);
      } catch {
        error = 'not valid JSON';
      }
      const obj = !error && typeof record === 'object' && record !== null && !Array.isArray(record) ? (record as Record<string, unknown>) : undefined;
      if (!error && !obj) error = 'not a JSON object';
      if (obj && typeof obj.latex !== 'string') error = 'no "latex" string';
      else if (obj && obj.context !== undefined && obj.context !== null && typeof obj.context !== 'string') error = '"context" is not a string';
      const id = obj?.id ?? null;
      if (error || !obj) {
        failed++;
        io.stderr(`genmath classify: line ${lineNo}: ${error}\n`);
        out.push(JSON.stringify({ id, kind: 'none', confidence: 0, roles: {}, error }));
      } else {
        // The same reading as the finder gives the hover (mojibake repaired, a pasted copy read
        // whole), weighed with the words around it when the line gives them.
        const context = typeof obj.context === 'string' ? obj.context : undefined;
        const c = classify(texOfSource(obj.latex as string), { context });
        out.push(JSON.stringify({ id, kind: c.kind, confidence: c.confidence, roles: c.roles }));
      }
      // Write in chunks so a large batch does not build one huge string.
      if (out.length >= 1000) { io.stdout(out.join('\n') + '\n'); out.length = 0; }
      if (end === input.length) break;
    }
    if (out.length > 0) io.stdout(out.join('\n') + '\n');
    return failed > 0 ? 1 : 0;
  },
};
