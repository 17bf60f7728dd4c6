/**
 * `genmath train autoencoder [--dataset NAME] [--steps N] [--seed S] [--json]`: trains the toy
 * autoencoder (2-D points through a 1-D bottleneck) from the command line, with the same core and
 * defaults as the panel.
 */
import { AUTOENCODER_DATASET_NAMES, createAutoencoderTrainer, resolveAutoencoderConfig, type AutoencoderConfig, type AutoencoderDatasetName } from '../../core/train/autoencoder';
import { CliError, type CliIO } from '../io';
import type { TrainTask } from './task';
import { progressBar, usageError as sharedUsageError, wholeNumber } from './flags';

const USAGE = 'train autoencoder [--dataset NAME] [--steps N] [--seed S] [--json]';
function usageError(message: string): CliError {
  return sharedUsageError(USAGE, message);
}

function integer(flag: string, text: string, min: number): number {
  return wholeNumber(flag, text, min, USAGE);
}

interface AutoencoderOptions {
  readonly config: Partial<AutoencoderConfig>;
  readonly json: boolean;
}

/** Reads the flags after `train autoencoder`; a bad one is a usage error (exit 2). */
export function parseAutoencoderArgs(args: readonly string[]): AutoencoderOptions {
  const config: { -readonly [K in keyof AutoencoderConfig]?: AutoencoderConfig[K] } = {};
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = args[++i];
      if (next === undefined || next.startsWith('--')) throw usageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--dataset': {
        const name = value();
        if (!(AUTOENCODER_DATASET_NAMES as readonly string[]).includes(name)) throw usageError(`unknown data set '${name}' (have: ${AUTOENCODER_DATASET_NAMES.join(', ')})`);
        config.dataset = name as AutoencoderDatasetName;
        break;
      }
      case '--steps':
        config.steps = integer('--steps', value(), 0);
        break;
      case '--seed':
        config.seed = integer('--seed', value(), -(2 ** 31));
        break;
      case '--json':
        if (inline !== undefined) throw usageError('--json takes no value');
        json = true;
        break;
      default:
        throw usageError(`unknown option '${arg}'`);
    }
  }
  return { config, json };
}

async function runAutoencoder(options: AutoencoderOptions, io: CliIO): Promise<number> {
  let trainer;
  try {
    trainer = createAutoencoderTrainer(options.config);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), 2);
  }
  const total = resolveAutoencoderConfig(options.config).steps;
  const chunk = Math.max(1, Math.ceil(total / 100));
  const started = process.hrtime.bigint();
  while (trainer.stepCount < total) {
    const ok = trainer.step(Math.min(chunk, total - trainer.stepCount));
    if (io.stderrIsTTY) io.stderr(progressBar(trainer.stepCount, total));
    if (!ok) break;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (io.stderrIsTTY) io.stderr('\n');
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
  if (snap.diverged) {
    io.stderr(`genmath train: ${snap.diverged}\n`);
    return 1;
  }
  return 0;
}

/** `genmath train autoencoder ...`: 2-D data through a 1-D bottleneck, squared error. */
export const autoencoderTask: TrainTask = {
  name: 'autoencoder',
  usage: USAGE,
  async run(args, io) {
    return runAutoencoder(parseAutoencoderArgs(args), io);
  },
};
