import { evaluate } from '../core/evaluate';
import { CliError, type CliCommand } from './io';
import { EVAL_SAMPLES } from './limits';

/**
 * `genmath eval LATEX`: one JSON line `{"value", "method", "detail", "standardError"?, "samples"?}`
 * for a formula with concrete numbers. A symbolic or unreadable formula is a one-line error
 * on stderr and exit 1; no argument (or an unknown option) is a usage error, exit 2.
 * Several arguments are joined with spaces, so an unquoted formula still reads as written.
 */
export const evalCommand: CliCommand = {
  name: 'eval',
  usage: `eval LATEX [--seed S] [--samples N]  evaluate a formula with numbers -> {value, method, detail}; N from ${EVAL_SAMPLES.min} to ${EVAL_SAMPLES.max}`,
  async run(args, io) {
    const parts: string[] = [];
    let seed: number | undefined;
    let samples: number | undefined;
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--seed' || a === '--samples') {
        const v = Number(args[i + 1]);
        if (args[i + 1] === undefined || !Number.isFinite(v)) throw new CliError(`${a} needs a number`, 2);
        if (a === '--seed') seed = v;
        else if (!Number.isInteger(v) || v < EVAL_SAMPLES.min || v > EVAL_SAMPLES.max) {
          // Refused rather than clamped: a run with other samples than asked for would look like the one asked for.
          throw new CliError(`--samples must be a whole number from ${EVAL_SAMPLES.min.toLocaleString('en-US')} to ${EVAL_SAMPLES.max.toLocaleString('en-US')}, got ${args[i + 1]}`, 2);
        } else samples = v;
        i++;
      } else if (a === '--') {
        parts.push(...args.slice(i + 1));
        break;
      } else {
        parts.push(a);
      }
    }
    const latex = parts.join(' ');
    if (latex.trim() === '') throw new CliError('eval needs a formula, e.g. genmath eval "D_{KL}(\\mathcal N(0,1)\\|\\mathcal N(1,4))"', 2);
    const r = evaluate(latex, { seed, samples });
    if (!r.ok) throw new CliError(r.error, 1);
    const e = r.evaluation;
    const out: Record<string, unknown> = { value: e.value, method: e.method, detail: e.detail };
    if (e.standardError !== undefined) out.standardError = e.standardError;
    if (e.samples !== undefined) out.samples = e.samples;
    io.stdout(JSON.stringify(out) + '\n');
    return 0;
  },
};
