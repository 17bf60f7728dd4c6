/**
 * `genmath train klfit [--steps N] [--json]`: one Gaussian fitted to the bimodal p by forward and
 * by reverse KL, side by side, with the same core and defaults as the panel.
 */
import { createKlFitter, DEFAULT_KL_FIT_CONFIG } from '../../core/train/klFit';
import { created, exitCode, intFlag, parseFlags, runWithProgress, type FlagSpec, stepsFlag } from './flags';
import type { TrainTask } from './task';

const USAGE = 'train klfit [--steps N] [--seed S] [--json]';

/** What `--help` prints after the usage line. */
const HELP = ['Fits one Gaussian q to the bimodal p = ½N(−2, 0.5²) + ½N(2, 0.5²) by forward KL(p‖q) and by reverse KL(q‖p), side by side.', 'This task draws no random numbers: the same flags give the same numbers. --seed S is accepted, so that one command line works for every task, and changes nothing.'].join('\n');

const SPEC: FlagSpec = { '--steps': 'value', '--seed': 'value', '--json': 'switch' };

/** `genmath train klfit ...`. */
export const klfitTask: TrainTask = {
  name: 'klfit',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    const flags = parseFlags(args, SPEC, USAGE);
    const steps = stepsFlag(flags, DEFAULT_KL_FIT_CONFIG.steps, USAGE);
    // Checked like every task's seed, so a typo is still an error, though nothing here is random.
    intFlag(flags, '--seed', -(2 ** 31), 0, USAGE);
    const fitter = created(() => createKlFitter({ steps }));
    runWithProgress(steps, io, fitter);
    const snap = fitter.snapshot();
    const { forward: f, reverse: r } = snap;
    if (flags.has('--json')) {
      const result = {
        steps: snap.step,
        forward: { mu: f.mu, sigma: f.sigma },
        reverse: { mu: r.mu, sigma: r.sigma },
        kl: { forward: f.kl, reverse: r.kl },
        diverged: snap.diverged !== null,
        ...(snap.diverged ? { message: snap.diverged } : {}),
      };
      io.stdout(`${JSON.stringify(result)}\n`);
    } else {
      const d = (x: number) => x.toFixed(4);
      io.stdout(
        [
          `fitted q = N(μ, σ²) to p = ½N(−2, 0.5²) + ½N(2, 0.5²) for ${snap.step} steps`,
          `forward KL(p‖q), mode covering: μ = ${d(f.mu)}, σ = ${d(f.sigma)}, KL = ${d(f.kl)} nats`,
          `reverse KL(q‖p), mode seeking:  μ = ${d(r.mu)}, σ = ${d(r.sigma)}, KL = ${d(r.kl)} nats`,
          '',
        ].join('\n'),
      );
    }
    return exitCode(snap.diverged, io);
  },
};
