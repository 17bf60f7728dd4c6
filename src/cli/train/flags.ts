/**
 * What every \`genmath train\` task shares: reading its flags (a bad flag is one line ending with
 * the task's usage, exit code 2), starting its trainer, running it with a progress bar (on stderr,
 * only on a terminal), writing its output files and its exit code.
 */
import { MAX_STEPS } from '../../core/train/limits';
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError, type CliIO } from '../io';

/** How a task's flags are read: `value` flags take one argument (`--x V` or `--x=V`), `switch` flags none. */
export type FlagSpec = Readonly<Record<string, 'value' | 'switch'>>;

/** The flags a task was given; a switch that is present maps to true. */
export type Flags = ReadonlyMap<string, string | true>;

/** A usage error (exit code 2) that ends with the task's usage line. */
export function usageError(usage: string, message: string): CliError {
  return new CliError(`${message} (usage: genmath ${usage})`, 2);
}

/** Reads `args` against `spec`; an unknown flag, a missing value or a value given to a switch is a usage error. */
export function parseFlags(args: readonly string[], spec: FlagSpec, usage: string): Flags {
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const kind = Object.prototype.hasOwnProperty.call(spec, flag) ? spec[flag] : undefined;
    if (kind === undefined) throw usageError(usage, `unknown option '${arg}'`);
    if (kind === 'switch') {
      if (inline !== undefined) throw usageError(usage, `${flag} takes no value`);
      flags.set(flag, true);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      const next = args[++i];
      // A negative number is a value, not a flag.
      if (next === undefined || next.startsWith('--')) throw usageError(usage, `${flag} needs a value`);
      value = next;
    }
    flags.set(flag, value);
  }
  return flags;
}

/** The whole number `text` given to `flag`, at least `min`; anything else is a usage error. */
export function wholeNumber(flag: string, text: string, min: number, usage: string, max = Number.MAX_SAFE_INTEGER): number {
  if (!/^-?\d+$/.test(text)) throw usageError(usage, `${flag} needs a whole number, got '${text}'`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max < Number.MAX_SAFE_INTEGER ? `from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}` : `at least ${min}, and at most ${Number.MAX_SAFE_INTEGER}`;
    throw usageError(usage, `${flag} must be ${range}, got ${text}`);
  }
  return n;
}

/** A whole-number flag from `min` to `max`, or `fallback` when absent. */
export function intFlag(flags: Flags, flag: string, min: number, fallback: number, usage: string, max?: number): number {
  const text = flags.get(flag);
  if (text === undefined || text === true) return fallback;
  return wholeNumber(flag, text, min, usage, max);
}

/** `--steps N`: from 0 to the core's MAX_STEPS, the one cap of every trainer. */
export function stepsFlag(flags: Flags, fallback: number, usage: string): number {
  return intFlag(flags, '--steps', 0, fallback, usage, MAX_STEPS);
}

/** Why `file` cannot be written, or undefined when it can (its folder exists and is writable; it is not a folder). */
export function unwritableReason(file: string): string | undefined {
  const path = resolve(file);
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    if (st?.isDirectory()) return 'it is a folder';
    if (st) {
      accessSync(path, constants.W_OK);
      return undefined;
    }
    const folder = statSync(dirname(path), { throwIfNoEntry: false });
    if (!folder) return `its folder ${dirname(file)} does not exist`;
    if (!folder.isDirectory()) return `${dirname(file)} is not a folder`;
    accessSync(dirname(path), constants.W_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission denied' : (code ?? String(err));
  }
}

/**
 * The file an output flag (`--samples FILE`, `--svg FILE`) names, or undefined when absent.
 * Checked as the flags are read, before any training: a path that cannot be written is a usage
 * error at once, not a failure after minutes of training.
 */
export function outputFlag(flags: Flags, flag: string, usage: string): string | undefined {
  const text = flags.get(flag);
  if (text === undefined || text === true) return undefined;
  const why = unwritableReason(text);
  if (why) throw usageError(usage, `${flag} ${text}: cannot write there (${why})`);
  return text;
}

/** A positive finite number flag, or undefined when absent. */
export function positiveFlag(flags: Flags, flag: string, usage: string): number | undefined {
  const text = flags.get(flag);
  if (text === undefined || text === true) return undefined;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) throw usageError(usage, `${flag} needs a positive number, got '${text}'`);
  return n;
}

/** One of `choices`, or `fallback` when absent. */
export function choiceFlag<T extends string>(flags: Flags, flag: string, choices: readonly T[], fallback: T, usage: string): T {
  const text = flags.get(flag);
  if (text === undefined || text === true) return fallback;
  if (!(choices as readonly string[]).includes(text)) throw usageError(usage, `unknown ${flag.slice(2)} '${text}' (have: ${choices.join(', ')})`);
  return text as T;
}

/** `\r[####....] done/total steps`, redrawn in place on a terminal. */
export function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total > 0 ? Math.round((width * done) / total) : width;
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} steps`;
}

/** What a train task steps: the core's trainers and fitters. */
export interface Steppable {
  /** Runs up to n steps; false once it must stop (diverged). */
  step(n: number): boolean;
  readonly stepCount: number;
}

/**
 * CPU seconds (user and system, all threads) this process spent since `start`, a
 * `process.cpuUsage()` reading. Unlike wall time, it barely changes when other processes load the
 * machine, so the quality-per-cost figures of `--json` can be compared between runs.
 */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/**
 * Runs `trainer` in about a hundred chunks up to `total` steps, with a progress bar on stderr
 * only when it is a terminal (so piped JSON output stays clean). Stops early when a chunk says so.
 * Returns the seconds the steps took.
 */
export function runWithProgress(total: number, io: CliIO, trainer: Steppable): number {
  const started = process.hrtime.bigint();
  const chunk = Math.max(1, Math.ceil(total / 100));
  while (trainer.stepCount < total) {
    const ok = trainer.step(Math.min(chunk, total - trainer.stepCount));
    if (io.stderrIsTTY) io.stderr(progressBar(trainer.stepCount, total));
    if (!ok) break;
  }
  if (io.stderrIsTTY && total > 0) io.stderr('\n');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Runs `create`; the core's RangeError for a bad setting becomes a usage error (exit code 2). */
export function created<T>(create: () => T): T {
  try {
    return create();
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), 2);
  }
}

/** A task's exit code: 1 with the divergence said on stderr, else 0. */
export function exitCode(diverged: string | null, io: CliIO): number {
  if (!diverged) return 0;
  io.stderr(`genmath train: ${diverged}\n`);
  return 1;
}

/** Writes a file a flag named (`--samples`, `--svg`); failing to is exit code 1 with the reason. */
export function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
}

/** Points [x0, y0, x1, y1, ...] as the JSON list of pairs `--samples` writes: [[x0,y0],[x1,y1],...]. */
export function pointsJson(points: ArrayLike<number>): string {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) pairs.push(`[${points[i]},${points[i + 1]}]`);
  return `[${pairs.join(',')}]\n`;
}
