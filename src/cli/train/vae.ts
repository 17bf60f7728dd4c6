/**
 * `genmath train vae [--dataset NAME] [--latent 1|2] [--steps N] [--seed S] [--json]`: trains the
 * toy VAE of the panel from the command line, with the same core and defaults.
 */
import { createVaeTrainer, DEFAULT_VAE_CONFIG, resolveVaeConfig, VAE_DATASET_NAMES, type VaeConfig } from '../../core/train/vae';
import { CliError, type CliIO } from '../io';
import type { TrainTask } from './task';
import { choiceFlag, created, exitCode, intFlag, parseFlags, runWithProgress, usageError as sharedUsageError, type FlagSpec, stepsFlag } from './flags';

const USAGE = 'train vae [--dataset NAME] [--latent 1|2] [--steps N] [--seed S] [--json]';

/** What `--help` prints after the usage line. */
const HELP = ['Trains the toy VAE of the Train Toy VAE panel. `lineargauss` has an exact ELBO and log p(x).', '--seed S (a whole number) picks the random draws; the same flags and seed give the same numbers.'].join('\n');

function usageError(message: string): CliError {
  return sharedUsageError(USAGE, message);
}

interface VaeOptions {
  readonly config: Partial<VaeConfig>;
  readonly json: boolean;
}

const SPEC: FlagSpec = { '--dataset': 'value', '--latent': 'value', '--steps': 'value', '--seed': 'value', '--json': 'switch' };

/** Reads the flags after `train vae`; a bad one is a usage error (exit 2). */
export function parseVaeArgs(args: readonly string[]): VaeOptions {
  const flags = parseFlags(args, SPEC, USAGE);
  const config: { -readonly [K in keyof VaeConfig]?: VaeConfig[K] } = {};
  if (flags.has('--dataset')) config.dataset = choiceFlag(flags, '--dataset', VAE_DATASET_NAMES, DEFAULT_VAE_CONFIG.dataset, USAGE);
  if (flags.has('--latent')) {
    const n = intFlag(flags, '--latent', 1, 1, USAGE);
    if (n !== 1 && n !== 2) throw usageError(`--latent must be 1 or 2, got ${n}`);
    config.latentDim = n;
  }
  if (flags.has('--steps')) config.steps = stepsFlag(flags, DEFAULT_VAE_CONFIG.steps, USAGE);
  if (flags.has('--seed')) config.seed = intFlag(flags, '--seed', -(2 ** 31), DEFAULT_VAE_CONFIG.seed, USAGE);
  return { config, json: flags.has('--json') };
}

async function runVae(options: VaeOptions, io: CliIO): Promise<number> {
  const trainer = created(() => createVaeTrainer(options.config));
  // The data set's own default step count applies unless --steps was given.
  const total = resolveVaeConfig(options.config).steps;
  const seconds = runWithProgress(total, io, trainer);
  const snap = trainer.snapshot();
  if (options.json) {
    const result = {
      steps: snap.step,
      seconds: Math.round(seconds * 1e4) / 1e4,
      dataset: snap.config.dataset,
      exact: snap.exact,
      elbo: snap.elbo,
      reconstruction: snap.reconstruction,
      kl: snap.kl,
      logLikelihood: snap.logLikelihood,
      maxLogLikelihood: snap.maxLogLikelihood,
      diverged: snap.diverged !== null,
      history: snap.history.map((h) => ({ step: h.step, elbo: h.elbo, logLikelihood: h.logLikelihood })),
    };
    io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    const c = snap.config;
    const f = (x: number) => x.toFixed(4);
    io.stdout(
      [
        `trained a VAE on ${c.dataset} (latent ${c.latentDim}-D) for ${snap.step} steps in ${seconds.toFixed(1)} s`,
        `ELBO ${f(snap.elbo)} = reconstruction ${f(snap.reconstruction)} - KL ${f(snap.kl)} nats per point${snap.exact ? ' (exact)' : ' (one sample per point)'}`,
        ...(snap.logLikelihood !== null ? [`log p(x) ${f(snap.logLikelihood)} (exact); gap KL(q(z|x) ‖ p(z|x)) ${snap.logLikelihood - snap.elbo < 1e-4 ? (snap.logLikelihood - snap.elbo).toExponential(2) : f(snap.logLikelihood - snap.elbo)} nats`] : []),
        ...(snap.maxLogLikelihood !== null ? [`the data's maximum log-likelihood: ${f(snap.maxLogLikelihood)}`] : []),
        '',
      ].join('\n'),
    );
  }
  return exitCode(snap.diverged, io);
}

/** `genmath train vae ...`: the toy VAE, exact ELBO and log p(x) on `lineargauss`. */
export const vaeTask: TrainTask = {
  name: 'vae',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    return runVae(parseVaeArgs(args), io);
  },
};
