/**
 * `genmath train gan [--dataset NAME] [--steps N] [--seed S] [--loss L] [--json] [--samples FILE] [--svg FILE]`:
 * trains the toy GAN of the panel from the command line, with the same core and defaults.
 */
import { writeFileSync } from 'node:fs';
import { DATASET_NAMES } from '../core/train/datasets';
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
import { runWithProgress, usageError as sharedUsageError, wholeNumber } from './train/flags';

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

function usageError(message: string): CliError {
  return sharedUsageError(USAGE, message);
}

function integer(flag: string, text: string, min: number): number {
  return wholeNumber(flag, text, min, USAGE);
}

/** Reads the flags after `train gan`; a bad one is a usage error (exit 2). */
export function parseTrainArgs(args: readonly string[]): TrainOptions {
  const config: { -readonly [K in keyof GanConfig]?: GanConfig[K] } = {};
  let steps = DEFAULT_GAN_CONFIG.steps;
  let json = false;
  let samples: string | undefined;
  let svg: string | undefined;
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
        if (!(DATASET_NAMES as readonly string[]).includes(name)) throw usageError(`unknown data set '${name}' (have: ${DATASET_NAMES.join(', ')})`);
        config.dataset = name as GanConfig['dataset'];
        break;
      }
      case '--steps':
        steps = integer('--steps', value(), 0);
        break;
      case '--seed':
        config.seed = integer('--seed', value(), -(2 ** 31));
        break;
      case '--loss': {
        const name = value();
        if (!(GAN_LOSSES as readonly string[]).includes(name)) throw usageError(`unknown loss '${name}' (have: ${GAN_LOSSES.join(', ')})`);
        config.loss = name as GanLoss;
        break;
      }
      case '--json':
        if (inline !== undefined) throw usageError('--json takes no value');
        json = true;
        break;
      case '--samples':
        samples = value();
        break;
      case '--svg':
        svg = value();
        break;
      default:
        throw usageError(`unknown option '${arg}'`);
    }
  }
  // The learning-rate schedule spans the run that was asked for.
  config.steps = steps;
  return { config, steps, json, samples, svg };
}

function write(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (err) {
    throw new CliError(`cannot write ${file}: ${err instanceof Error ? err.message : String(err)}`, 1);
  }
}

async function runGan(options: TrainOptions, io: CliIO): Promise<number> {
  let trainer;
  try {
    trainer = createGanTrainer(options.config);
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), 2);
  }
  const total = options.steps;
  const started = process.hrtime.bigint();
  runWithProgress(total, io, (n) => trainer.step(n), () => trainer.stepCount);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const snap = trainer.snapshot({ samples: 512 });
  const m = snap.metrics!;
  if (options.samples) {
    const pts = trainer.samples();
    const pairs: string[] = [];
    for (let i = 0; i < pts.length; i += 2) pairs.push(`[${pts[i]},${pts[i + 1]}]`);
    write(options.samples, `[${pairs.join(',')}]\n`);
  }
  if (options.svg) write(options.svg, ganSvg(snap));
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
  if (snap.diverged) {
    io.stderr(`genmath train: ${snap.diverged}\n`);
    return 1;
  }
  return 0;
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
