/**
 * `genmath train gan [--dataset NAME] [--steps N] [--seed S] [--loss L] [--json] [--samples FILE] [--svg FILE]`:
 * trains the toy GAN of the panel from the command line, with the same core and defaults.
 */
import { DATASET_NAMES, type DatasetName } from '../core/train/datasets';
import { createGanTrainer, DEFAULT_GAN_CONFIG, GAN_LOSSES, type GanConfig, type GanLoss } from '../core/train/gan';
import { ganSvg } from '../core/train/svg';
import { CliError, type CliCommand, type CliIO } from './io';
import { autoencoderTask } from './train/autoencoder';
import { diffusionTask } from './train/diffusion';
import { gdTask } from './train/gd';
import { klfitTask } from './train/klfit';
import { mleTask } from './train/mle';
import type { TrainTask } from './train/task';
import { vaeTask } from './train/vae';
import { choiceFlag, created, exitCode, intFlag, parseFlags, pointsJson, runWithProgress, outputFlag, writeOutput, type FlagSpec } from './train/flags';

const USAGE = 'train gan [--dataset NAME] [--steps N] [--seed S] [--loss L] [--json] [--samples FILE] [--svg FILE]';

/** The other toy trainings, one file each in src/cli/train/. */
const TASKS: readonly TrainTask[] = [vaeTask, mleTask, autoencoderTask, diffusionTask, klfitTask, gdTask];

interface TrainOptions {
  readonly config: Partial<GanConfig>;
  readonly steps: number;
  readonly json: boolean;
  readonly samples?: string;
  readonly svg?: string;
}

const SPEC: FlagSpec = { '--dataset': 'value', '--steps': 'value', '--seed': 'value', '--loss': 'value', '--json': 'switch', '--samples': 'value', '--svg': 'value' };

/** Reads the flags after `train gan`; a bad one is a usage error (exit 2). */
export function parseTrainArgs(args: readonly string[]): TrainOptions {
  const flags = parseFlags(args, SPEC, USAGE);
  const config: { -readonly [K in keyof GanConfig]?: GanConfig[K] } = {};
  if (flags.has('--dataset')) config.dataset = choiceFlag<DatasetName>(flags, '--dataset', DATASET_NAMES, DEFAULT_GAN_CONFIG.dataset, USAGE);
  if (flags.has('--seed')) config.seed = intFlag(flags, '--seed', -(2 ** 31), DEFAULT_GAN_CONFIG.seed, USAGE);
  if (flags.has('--loss')) config.loss = choiceFlag<GanLoss>(flags, '--loss', GAN_LOSSES, DEFAULT_GAN_CONFIG.loss, USAGE);
  const steps = intFlag(flags, '--steps', 0, DEFAULT_GAN_CONFIG.steps, USAGE);
  // The learning-rate schedule spans the run that was asked for.
  config.steps = steps;
  return { config, steps, json: flags.has('--json'), samples: outputFlag(flags, '--samples', USAGE), svg: outputFlag(flags, '--svg', USAGE) };
}

async function runGan(options: TrainOptions, io: CliIO): Promise<number> {
  const trainer = created(() => createGanTrainer(options.config));
  const total = options.steps;
  const seconds = runWithProgress(total, io, trainer);
  const snap = trainer.snapshot({ samples: 512 });
  const m = snap.metrics!;
  if (options.samples) {
    writeOutput(options.samples, pointsJson(trainer.samples()));
  }
  if (options.svg) writeOutput(options.svg, ganSvg(snap));
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const result = {
    steps: snap.step,
    seconds: round(seconds),
    stepsPerSecond: round(seconds > 0 ? snap.step / seconds : 0),
    diverged: snap.diverged !== null,
    ...(snap.diverged ? { message: snap.diverged } : {}),
    metrics: { modesCovered: m.modesCovered, modesTotal: m.modesTotal, highQualityRatio: round(m.highQualityRatio), jsd: round(m.jsd) },
  };
  if (options.json) {
    io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    const c = snap.config;
    io.stdout(
      [
        `trained a GAN on ${c.dataset} (${c.loss}, ${c.optimizer}) for ${result.steps} steps in ${result.seconds.toFixed(1)} s (${result.stepsPerSecond.toFixed(0)} steps/s)`,
        m.modesTotal > 0 ? `modes covered: ${m.modesCovered}/${m.modesTotal}, high-quality samples: ${(100 * m.highQualityRatio).toFixed(1)}%` : 'this data set has no modes to count',
        `JS divergence (40 x 40 grid): ${m.jsd.toFixed(4)} nats`,
        ...(m.collapse ? [m.collapse] : []),
        '',
      ].join('\n'),
    );
  }
  return exitCode(snap.diverged, io);
}

const MODELS = ['gan', ...TASKS.map((t) => t.name)].join(', ');

/** `genmath train MODEL ...`: the GAN here, the other toy trainings from src/cli/train/. */
export const trainCommand: CliCommand = {
  name: 'train',
  usage: [USAGE, ...TASKS.map((t) => t.usage)].join('\n  '),
  async run(args, io) {
    const [model, ...rest] = args;
    if (model === undefined || model.startsWith('--')) throw new CliError(`which model? (have: ${MODELS})`, 2);
    const task = TASKS.find((t) => t.name === model);
    if (task) return task.run(rest, io);
    if (model !== 'gan') throw new CliError(`unknown model '${model}' (have: ${MODELS})`, 2);
    return runGan(parseTrainArgs(rest), io);
  },
};
