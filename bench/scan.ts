/**
 * scan-memory: the peak memory (resident set) of `genmath scan` on a 20 MB markdown note, against
 * the note's size. The output goes to /dev/null as it is written; the peak holds the text, its
 * formulas and Node itself. Before scan streamed its output (it built every line, then one string)
 * this was 387 MB, 19x the note.
 *
 * The note is the example notes repeated, so every run measures the same text.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { report } from './stats';

const NOTE_BYTES = 20 * 1024 * 1024;

/** Prints the process's peak resident set size (bytes) on stderr as it exits, for the parent to read. */
const PEAK_HOOK = `process.on('exit', () => { require('node:fs').writeSync(2, '\\npeak-rss=' + process.resourceUsage().maxRSS * 1024 + '\\n'); });`;

function main(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'genmath-bench-scan-'));
  try {
    const examples = readdirSync('examples').filter((n) => n.endsWith('.md')).map((n) => readFileSync(path.join('examples', n), 'utf8')).join('\n\n');
    const copies = Math.ceil(NOTE_BYTES / Buffer.byteLength(examples));
    const note = path.join(dir, 'note.md');
    writeFileSync(note, Array.from({ length: copies }, () => examples).join('\n\n'));
    const size = Buffer.byteLength(readFileSync(note));
    const hook = path.join(dir, 'peak.js');
    writeFileSync(hook, PEAK_HOOK);
    const run = spawnSync(process.execPath, ['-r', hook, path.resolve('dist/cli.js'), 'scan', note], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    const peak = Number(/peak-rss=(\d+)/.exec(run.stderr)?.[1]);
    if (run.status !== 0 || !(peak > 0)) throw new Error(`genmath scan failed (exit ${run.status}): ${run.stderr.slice(0, 400)}`);
    report('scan-memory', peak / 2 ** 20, size / 2 ** 20, 'MB', `peak resident memory of genmath scan on a ${(size / 2 ** 20).toFixed(0)} MB note vs its size`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
