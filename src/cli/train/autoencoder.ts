/**
 * `genmath train autoencoder [--dataset NAME] [--steps N] [--seed S] [--json]`: trains the toy
 * autoencoder (2-D points through a 1-D bottleneck) from the command line, with the same core and
 * defaults as the panel.
 */
import { AUTOENCODER_DATASET_NAMES, createAutoencoderTrainer, DEFAULT_AUTOENCODER_CONFIG, resolveAutoencoderConfig, type AutoencoderConfig } from '../../core/train/autoencoder';
import type { CliIO } from '../io';
import type { TrainTask } from './task';
import { choiceFlag, created, exitCode, intFlag, parseFlags, runWithProgress, type FlagSpec, stepsFlag } from './flags';

const USAGE = 'train autoencoder [--dataset NAME] [--steps N] [--seed S] [--json]';

/** What `--help` prints after the usage line. */
const HELP = ['Trains the toy autoencoder of the Train Autoencoder panel and reports its reconstruction loss.', '--seed S (a whole number) picks the random draws; the same flags and seed give the same numbers.'].join('\n');

interface AutoencoderOptions {
  readonly config: Partial<AutoencoderConfig>;
  readonly json: boolean;
}

const SPEC: FlagSpec = { '--dataset': 'value', '--steps': 'value', '--seed': 'value', '--json': 'switch' };

/** Reads the flags after `train autoencoder`; a bad one is a usage error (exit 2). */
export function parseAutoencoderArgs(args: readonly string[]): AutoencoderOptions {
  const flags = parseFlags(args, SPEC, USAGE);
  const config: { -readonly [K in keyof AutoencoderConfig]?: AutoencoderConfig[K] } = {};
  if (flags.has('--dataset')) config.dataset = choiceFlag(flags, '--dataset', AUTOENCODER_DATASET_NAMES, DEFAULT_AUTOENCODER_CONFIG.dataset, USAGE);
  if (flags.has('--steps')) config.steps = stepsFlag(flags, DEFAULT_AUTOENCODER_CONFIG.steps, USAGE);
  if (flags.has('--seed')) config.seed = intFlag(flags, '--seed', -(2 ** 31), DEFAULT_AUTOENCODER_CONFIG.seed, USAGE);
  return { config, json: flags.has('--json') };
}

async function runAutoencoder(options: AutoencoderOptions, io: CliIO): Promise<number> {
  const trainer = created(() => createAutoencoderTrainer(options.config));
  const total = resolveAutoencoderConfig(options.config).steps;
  const seconds = runWithProgress(total, io, trainer);
  const snap = trainer.snapshot();
  if (options.json) {
    const result = {
      steps: snap.step,
      seconds: Math.round(seconds * 1e4) / 1e4,
      dataset: snap.config.dataset,
      initialLoss: snap.initialLoss,
      finalLoss: snap.loss,
      varianceLoss: snap.varianceLoss,
      diverged: snap.diverged !== null,
    };
    io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    const f = (x: number) => x.toFixed(4);
    io.stdout(
      [
        `trained an autoencoder (1-D bottleneck) on ${snap.config.dataset} for ${snap.step} steps in ${seconds.toFixed(1)} s`,
        `mean squared reconstruction error: ${f(snap.initialLoss)} at the start, ${f(snap.loss)} now (${(snap.initialLoss / snap.loss).toFixed(1)}x lower)`,
        `the data's variance (the error of reconstructing every point as the mean): ${f(snap.varianceLoss)}`,
        '',
      ].join('\n'),
    );
  }
  return exitCode(snap.diverged, io);
}

/** `genmath train autoencoder ...`: 2-D data through a 1-D bottleneck, squared error. */
export const autoencoderTask: TrainTask = {
  name: 'autoencoder',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    return runAutoencoder(parseAutoencoderArgs(args), io);
  },
};
