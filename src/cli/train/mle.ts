/**
 * `genmath train mle [--model gaussian|mixture] [--method gradient|em] [--steps N] [--seed S] [--json]`:
 * the maximum-likelihood fit of the panel, with the same core and defaults.
 *
 * This file also holds the flag reading and progress bar that the other toy tasks of this
 * folder (`klfit`, `gd`) share.
 */
import { createMleFitter, DEFAULT_MLE_CONFIG, MLE_METHODS, MLE_MODELS, type MixtureParams, type MleConfig, type MleMethod, type MleModel } from '../../core/train/mleFit';
import { CliError, type CliIO } from '../io';
import type { TrainTask } from './task';

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

/** A whole-number flag of at least `min`, or `fallback` when absent. */
export function intFlag(flags: Flags, flag: string, min: number, fallback: number, usage: string): number {
  const text = flags.get(flag);
  if (text === undefined || text === true) return fallback;
  if (!/^-?\d+$/.test(text)) throw usageError(usage, `${flag} needs a whole number, got '${text}'`);
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw usageError(usage, `${flag} must be at least ${min}, got ${text}`);
  return n;
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

/**
 * Runs `step(n)` in about a hundred chunks up to `total` steps, with a progress bar on stderr
 * only when it is a terminal (so piped JSON output stays clean). Stops early when a chunk says so.
 */
export function runWithProgress(total: number, io: CliIO, step: (n: number) => boolean, done: () => number): void {
  const chunk = Math.max(1, Math.ceil(total / 100));
  while (done() < total) {
    const ok = step(Math.min(chunk, total - done()));
    if (io.stderrIsTTY) io.stderr(progressBar(done(), total));
    if (!ok) break;
  }
  if (io.stderrIsTTY && total > 0) io.stderr('\n');
}

const USAGE = 'train mle [--model gaussian|mixture] [--method gradient|em] [--steps N] [--seed S] [--json]';

const SPEC: FlagSpec = { '--model': 'value', '--method': 'value', '--steps': 'value', '--seed': 'value', '--json': 'switch' };

/** A Gaussian as `{mu, sigma}`, a mixture as `{weights, means, sigmas}`: the keys `--json` prints. */
function paramsJson(model: MleModel, p: MixtureParams): { mu: number; sigma: number } | MixtureParams {
  return model === 'gaussian' ? { mu: p.means[0], sigma: p.sigmas[0] } : { weights: [...p.weights], means: [...p.means], sigmas: [...p.sigmas] };
}

function describe(p: MixtureParams): string {
  const f = (x: number) => x.toFixed(4);
  if (p.weights.length === 1) return `μ = ${f(p.means[0])}, σ = ${f(p.sigmas[0])}`;
  return p.weights.map((w, k) => `${f(w)}·N(${f(p.means[k])}, ${f(p.sigmas[k])}²)`).join(' + ');
}

/** `genmath train mle ...`. */
export const mleTask: TrainTask = {
  name: 'mle',
  usage: USAGE,
  async run(args, io) {
    const flags = parseFlags(args, SPEC, USAGE);
    const model = choiceFlag<MleModel>(flags, '--model', MLE_MODELS, DEFAULT_MLE_CONFIG.model, USAGE);
    const method = choiceFlag<MleMethod>(flags, '--method', MLE_METHODS, DEFAULT_MLE_CONFIG.method, USAGE);
    const steps = intFlag(flags, '--steps', 0, DEFAULT_MLE_CONFIG.steps, USAGE);
    const seed = intFlag(flags, '--seed', -(2 ** 31), DEFAULT_MLE_CONFIG.seed, USAGE);
    const config: Partial<MleConfig> = { model, method, steps, seed };
    let fitter;
    try {
      fitter = createMleFitter(config);
    } catch (err) {
      throw new CliError(err instanceof Error ? err.message : String(err), 2);
    }
    runWithProgress(steps, io, (n) => fitter.step(n), () => fitter.stepCount);
    // The CLI prints no plot, so it skips the surface.
    const snap = fitter.snapshot({ surface: false });
    if (flags.has('--json')) {
      const result = {
        model,
        method,
        steps: snap.step,
        estimate: paramsJson(model, snap.estimate),
        closedForm: paramsJson(model, snap.closedForm),
        closedFormKind: snap.closedFormKind,
        logLikelihood: snap.logLikelihood,
        closedFormLogLikelihood: snap.closedFormLogLikelihood,
        diverged: snap.diverged !== null,
        ...(snap.diverged ? { message: snap.diverged } : {}),
      };
      io.stdout(`${JSON.stringify(result)}\n`);
    } else {
      const reference = snap.closedFormKind === 'exact' ? 'closed form:' : 'optimum:    ';
      io.stdout(
        [
          `fitted a ${model === 'gaussian' ? 'Gaussian' : `mixture of ${snap.estimate.weights.length} Gaussians`} to ${snap.data.length} points by ${method === 'em' ? 'EM' : 'gradient ascent'} for ${snap.step} steps`,
          `estimate:    ${describe(snap.estimate)}  (log-likelihood ${snap.logLikelihood.toFixed(6)} nats per point)`,
          `${reference} ${describe(snap.closedForm)}  (log-likelihood ${snap.closedFormLogLikelihood.toFixed(6)})`,
          ...(snap.closedFormKind === 'exact' ? [] : ['(a mixture has no closed form: the optimum is EM from the same start run until the log-likelihood stops rising)']),
          '',
        ].join('\n'),
      );
    }
    if (snap.diverged) {
      io.stderr(`genmath train: ${snap.diverged}\n`);
      return 1;
    }
    return 0;
  },
};
