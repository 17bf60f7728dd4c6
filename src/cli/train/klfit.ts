/**
 * `genmath train klfit [--steps N] [--json]`: one Gaussian fitted to the bimodal p by forward and
 * by reverse KL, side by side, with the same core and defaults as the panel.
 */
import { createKlFitter, DEFAULT_KL_FIT_CONFIG } from '../../core/train/klFit';
import { created, exitCode, intFlag, parseFlags, runWithProgress, type FlagSpec } from './flags';
import type { TrainTask } from './task';

const USAGE = 'train klfit [--steps N] [--json]';

const SPEC: FlagSpec = { '--steps': 'value', '--json': 'switch' };

/** `genmath train klfit ...`. */
export const klfitTask: TrainTask = {
  name: 'klfit',
  usage: USAGE,
  async run(args, io) {
    const flags = parseFlags(args, SPEC, USAGE);
    const steps = intFlag(flags, '--steps', 0, DEFAULT_KL_FIT_CONFIG.steps, USAGE);
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
