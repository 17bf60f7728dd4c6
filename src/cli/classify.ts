import { texOfSource } from '../core/find';
import { classify } from '../core/recognize';
import { CliError, type CliCommand } from './io';

/** Written to stdout in batches of this many lines, so a large batch never builds one huge string. */
const BATCH_LINES = 1000;

/** What answers one input line: the output record, and the reason when the line was bad. */
interface LineAnswer {
  readonly json: string;
  readonly error?: string;
}

/** The error record that stands in for a bad line, so that output line N still answers input line N. */
function errorRecord(id: unknown, error: string): LineAnswer {
  let json: string;
  try {
    json = JSON.stringify({ id, kind: 'none', confidence: 0, roles: {}, error });
  } catch {
    // An id that cannot be written back (nested too deeply for JSON.stringify) is not echoed.
    json = JSON.stringify({ id: null, kind: 'none', confidence: 0, roles: {}, error: `${error}; its id cannot be written back` });
  }
  return { json, error };
}

/** One input line's answer. Throws only on a failure of GenMath itself, which the caller isolates. */
function answerLine(raw: string): LineAnswer {
  let record: unknown;
  try {
    record = JSON.parse(raw);
  } catch {
    return errorRecord(null, 'not valid JSON');
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) return errorRecord(null, 'not a JSON object');
  const obj = record as Record<string, unknown>;
  const id = obj.id ?? null;
  if (typeof obj.latex !== 'string') return errorRecord(id, 'no "latex" string');
  if (obj.context !== undefined && obj.context !== null && typeof obj.context !== 'string') return errorRecord(id, '"context" is not a string');
  // The same reading as the finder gives the hover (mojibake repaired, a pasted copy read whole),
  // weighed with the words around it when the line gives them.
  const c = classify(texOfSource(obj.latex), { context: typeof obj.context === 'string' ? obj.context : undefined });
  try {
    return { json: JSON.stringify({ id, kind: c.kind, confidence: c.confidence, roles: c.roles }) };
  } catch {
    return errorRecord(null, 'its id cannot be written back (nested too deeply)');
  }
}

/**
 * `genmath classify`: JSON Lines `{"id", "latex", "context"?}` on stdin, one `{"id", "kind", "confidence",
 * "roles"}` line per input on stdout, in the same order. `context` is the prose around the formula in its
 * note (the sentence before it and after it, as `genmath scan` and the hover take it); the recognizer
 * weighs its words as evidence.
 *
 * Each line is answered on its own: a malformed line (not JSON, not an object, no string `latex`,
 * a `context` that is not a string, an id nested too deeply to write back) or one on which GenMath
 * itself fails does not stop the batch. It gets a one-line error on stderr naming its line number,
 * and, so that output line N still answers input line N, an output line
 * `{"id", "kind": "none", "confidence": 0, "roles": {}, "error"}` (`id` null when it cannot be read or
 * written back). The exit code is then 1 (0 when every line was answered). Blank lines are not
 * inputs and get no output.
 */
export const classifyCommand: CliCommand = {
  name: 'classify',
  deterministic: true,
  usage: 'classify                JSON Lines {id, latex, context?} on stdin -> {id, kind, confidence, roles} per line\n'
    + '                          (context: the words around the formula in its note, weighed as evidence);\n'
    + '                          a bad line -> {id, kind: "none", confidence: 0, roles: {}, error} in its place, exit 1',
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
      let answer: LineAnswer;
      try {
        answer = answerLine(raw);
      } catch (err) {
        // A failure of GenMath on one record (a stack overflow in the recognizer, say) is that record's.
        answer = errorRecord(null, `could not be classified (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
      }
      if (answer.error !== undefined) {
        failed++;
        io.stderr(`genmath classify: line ${lineNo}: ${answer.error}\n`);
      }
      out.push(answer.json);
      if (out.length >= BATCH_LINES) { io.stdout(out.join('\n') + '\n'); out.length = 0; }
      if (end === input.length) break;
    }
    if (out.length > 0) io.stdout(out.join('\n') + '\n');
    return failed > 0 ? 1 : 0;
  },
};
