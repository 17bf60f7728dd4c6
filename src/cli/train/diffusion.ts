/**
 * `genmath train diffusion [--dataset NAME] [--schedule linear|cosine] [--steps N] [--seed S] [--json] [--samples FILE]`:
 * trains the toy diffusion model of the panel from the command line, with the same core and defaults.
 */
import { DATASET_NAMES, dataset as datasetOf, type DatasetName } from '../../core/train/datasets';
import { createDiffusionTrainer, DEFAULT_DIFFUSION_CONFIG, type DiffusionConfig } from '../../core/train/diffusion';
import { METRIC_SAMPLES, modeMetrics } from '../../core/train/metrics';
import { SCHEDULE_NAMES, type ScheduleName } from '../../core/train/schedules';
import type { CliIO } from '../io';
import type { TrainTask } from './task';
import { choiceFlag, cpuSecondsSince, created, intFlag, parseFlags, pointsJson, runWithProgress, outputFlag, writeOutput, type FlagSpec, stepsFlag } from './flags';

const USAGE = 'train diffusion [--dataset NAME] [--schedule linear|cosine] [--steps N] [--seed S] [--json] [--samples FILE]';

/** What `--help` prints after the usage line. */
const HELP = ['Trains the toy diffusion model of the Run Toy Diffusion panel (linear or cosine noise schedule).', '--seed S (a whole number) picks the random draws; the same flags and seed give the same numbers.'].join('\n');

/** The flags of `train diffusion`, parsed. */
export interface DiffusionOptions {
  readonly config: Partial<DiffusionConfig>;
  readonly steps: number;
  readonly json: boolean;
  readonly samples?: string;
}

const SPEC: FlagSpec = { '--dataset': 'value', '--schedule': 'value', '--steps': 'value', '--seed': 'value', '--json': 'switch', '--samples': 'value' };

/** Reads the flags after `train diffusion`; a bad one is a usage error (exit 2). */
export function parseDiffusionArgs(args: readonly string[]): DiffusionOptions {
  const flags = parseFlags(args, SPEC, USAGE);
  const config: { -readonly [K in keyof DiffusionConfig]?: DiffusionConfig[K] } = {};
  if (flags.has('--dataset')) config.dataset = choiceFlag<DatasetName>(flags, '--dataset', DATASET_NAMES, DATASET_NAMES[0], USAGE);
  if (flags.has('--schedule')) config.schedule = choiceFlag<ScheduleName>(flags, '--schedule', SCHEDULE_NAMES, DEFAULT_DIFFUSION_CONFIG.schedule, USAGE);
  if (flags.has('--seed')) config.seed = intFlag(flags, '--seed', -(2 ** 31), DEFAULT_DIFFUSION_CONFIG.seed, USAGE);
  const steps = stepsFlag(flags, DEFAULT_DIFFUSION_CONFIG.steps, USAGE);
  // The learning-rate decay spans the run that was asked for.
  config.steps = steps;
  return { config, steps, json: flags.has('--json'), samples: outputFlag(flags, '--samples', USAGE) };
}

async function runDiffusion(options: DiffusionOptions, io: CliIO): Promise<number> {
  const cpuStart = process.cpuUsage();
  const trainer = created(() => createDiffusionTrainer(options.config));
  const total = options.steps;
  // Training time only: sampling for the metrics is not part of a step.
  const seconds = runWithProgress(total, io, trainer);
  const snap = trainer.snapshot({ samples: 1, frames: 2, historyPoints: 1 });
  const data = datasetOf(trainer.config.dataset);
  // Sampling runs the whole reverse chain for each of METRIC_SAMPLES points (seconds): an
  // untrained model's samples say nothing, so with no steps they are drawn only when asked for.
  const points = total > 0 || options.samples ? trainer.sample(METRIC_SAMPLES) : undefined;
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const m = points && total > 0 && data.modes.length > 0 ? modeMetrics(points, data.modes, data.std) : null;
  // Training plus the sampling the metrics need: what a run costs, whatever else loads the machine.
  const cpuSeconds = cpuSecondsSince(cpuStart);
  if (options.samples && points) {
    writeOutput(options.samples, pointsJson(points));
  }
  const result = {
    steps: snap.step,
    seconds: round(seconds),
    cpuSeconds: round(cpuSeconds),
    stepsPerSecond: round(seconds > 0 ? snap.step / seconds : 0),
    finalLoss: snap.loss === null ? null : round(snap.loss),
    ...(snap.diverged ? { diverged: snap.diverged } : {}),
    ...(m ? { metrics: { modesCovered: m.modesCovered, modesTotal: m.modesTotal, highQualityRatio: round(m.highQualityRatio) } } : {}),
  };
  if (options.json) {
    io.stdout(`${JSON.stringify(result)}\n`);
  } else {
    const c = trainer.config;
    io.stdout(
      [
        `trained a diffusion model on ${c.dataset} (${c.schedule} schedule, T = ${c.timesteps}) for ${result.steps} steps in ${result.seconds.toFixed(1)} s (${result.stepsPerSecond.toFixed(0)} steps/s; ${result.cpuSeconds.toFixed(1)} s of CPU with the sampling)`,
        `final loss: ${result.finalLoss === null ? 'none (no steps)' : result.finalLoss.toFixed(4)}`,
        m ? `modes covered: ${m.modesCovered}/${m.modesTotal}, high-quality samples: ${(100 * m.highQualityRatio).toFixed(1)}%` : total === 0 ? 'no steps: the model is untrained, so no samples were scored' : 'this data set has no modes to count',
        ...(snap.diverged ? [snap.diverged] : []),
        ...(options.samples ? [`wrote ${METRIC_SAMPLES} samples to ${options.samples}`] : []),
      ].join('\n') + '\n',
    );
  }
  return snap.diverged ? 1 : 0;
}

/** `genmath train diffusion`: the toy DDPM, its metrics and its samples. */
export const diffusionTask: TrainTask = {
  name: 'diffusion',
  usage: USAGE,
  help: HELP,
  // async, so that a bad flag is a rejected promise like any other failure, not a synchronous throw.
  run: async (args, io) => runDiffusion(parseDiffusionArgs(args), io),
};
