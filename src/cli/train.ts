/**
 * `genmath train gan [--config FILE] [SETTING FLAGS] [--steps N] [--json] [--samples FILE] [--svg FILE]`:
 * trains the toy GAN of the panel from the command line, with the same core, defaults, settings
 * and ranges, so that a panel experiment can be reproduced headless.
 */
import { createGanTrainer, DEFAULT_GAN_CONFIG, type GanConfig } from '../core/train/gan';
import { ganSvg } from '../core/train/svg';
import { CliError, type CliCommand, type CliIO } from './io';
import { autoencoderTask } from './train/autoencoder';
import { diffusionTask } from './train/diffusion';
import { gdTask } from './train/gd';
import { klfitTask } from './train/klfit';
import { mleTask } from './train/mle';
import type { TrainTask } from './train/task';
import { vaeTask } from './train/vae';
import { cpuSecondsSince, created, exitCode, parseFlags, pointsJson, runWithProgress, outputFlag, writeOutput, type FlagSpec, stepsFlag } from './train/flags';
import { ganSettingsHelp, GAN_SETTING_FLAGS, readSettingsFile, settingsFromFlags } from './train/ganSettings';
import { ganConfigOf } from '../shared/ganSettings';

const USAGE = 'train gan [--config FILE] [--dataset NAME] [--loss L] [--optimizer O] [--learning-rate-g X] ... [--steps N] [--seed S] [--json] [--samples FILE] [--svg FILE]';

const HELP = [
  'Trains the toy GAN of the Train Toy GAN panel, with the same core, defaults and settings.',
  '',
  'Settings (the panel\'s, with its names and ranges; each flag overrides --config):',
  ...ganSettingsHelp(),
  '',
  'Other options:',
  '  --config FILE            the panel\'s settings as JSON, e.g. {"loss": "wgan-gp", "learningRateD": 0.001, "generatorHidden": [64, 64]},',
  '                           or the JSON of a genmath block that the panel\'s Copy experiment writes ({"toy": "gan", "settings": {...}})',
  `  --steps N                G steps to run (default ${DEFAULT_GAN_CONFIG.steps}); the learning-rate schedule spans them`,
  '  --json                   print the final metrics as one JSON object (with seconds of wall time and of CPU)',
  '  --samples FILE           write 2,500 generated samples as [[x, y], ...]',
  '  --svg FILE               write the final plots as SVG',
  '',
  `The same settings and seed give the same numbers, bit for bit (default seed ${DEFAULT_GAN_CONFIG.seed}).`,
].join('\n');

/** The other toy trainings, one file each in src/cli/train/. */
const TASKS: readonly TrainTask[] = [vaeTask, mleTask, autoencoderTask, diffusionTask, klfitTask, gdTask];

interface TrainOptions {
  readonly config: Partial<GanConfig>;
  readonly steps: number;
  readonly json: boolean;
  readonly samples?: string;
  readonly svg?: string;
}

const SPEC: FlagSpec = { ...GAN_SETTING_FLAGS, '--config': 'value', '--steps': 'value', '--json': 'switch', '--samples': 'value', '--svg': 'value' };

/** Reads the flags after `train gan`; a bad one is a usage error (exit 2). */
export function parseTrainArgs(args: readonly string[]): TrainOptions {
  const flags = parseFlags(args, SPEC, USAGE);
  const file = flags.get('--config');
  const fromFile = typeof file === 'string' ? readSettingsFile(file, USAGE) : { settings: {} };
  // The panel's settings name the trainer's config entries; a layer list becomes numbers.
  const config: { -readonly [K in keyof GanConfig]?: GanConfig[K] } = ganConfigOf({ ...fromFile.settings, ...settingsFromFlags(flags, USAGE) }, fromFile.drawn);
  const steps = stepsFlag(flags, DEFAULT_GAN_CONFIG.steps, USAGE);
  // The learning-rate schedule spans the run that was asked for.
  config.steps = steps;
  return { config, steps, json: flags.has('--json'), samples: outputFlag(flags, '--samples', USAGE), svg: outputFlag(flags, '--svg', USAGE) };
}

async function runGan(options: TrainOptions, io: CliIO): Promise<number> {
  const cpuStart = process.cpuUsage();
  const trainer = created(() => createGanTrainer(options.config));
  const total = options.steps;
  const seconds = runWithProgress(total, io, trainer);
  const snap = trainer.snapshot({ samples: 512 });
  const m = snap.metrics!;
  // Training and the final metrics: what a run costs, without node's start-up and the file outputs.
  const cpuSeconds = cpuSecondsSince(cpuStart);
  if (options.samples) {
    writeOutput(options.samples, pointsJson(trainer.samples()));
  }
  if (options.svg) writeOutput(options.svg, ganSvg(snap));
  const round = (x: number) => Math.round(x * 1e4) / 1e4;
  const result = {
    steps: snap.step,
    seconds: round(seconds),
    cpuSeconds: round(cpuSeconds),
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
        `trained a GAN on ${c.dataset} (${c.loss}, ${c.optimizer}) for ${result.steps} steps in ${result.seconds.toFixed(1)} s (${result.stepsPerSecond.toFixed(0)} steps/s, ${result.cpuSeconds.toFixed(1)} s of CPU)`,
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
  help(args) {
    const [model] = args;
    if (model === 'gan') return `usage: genmath ${USAGE}\n\n${HELP}\n`;
    const task = TASKS.find((t) => t.name === model);
    if (task) return `usage: genmath ${task.usage}\n\n${task.help}\n`;
    return `usage: genmath ${this.usage}\n\nFor one task's options: genmath train TASK --help (tasks: ${MODELS})\n`;
  },
  async run(args, io) {
    const [model, ...rest] = args;
    if (model === undefined || model.startsWith('--')) throw new CliError(`which model? (have: ${MODELS})`, 2);
    const task = TASKS.find((t) => t.name === model);
    if (task) return task.run(rest, io);
    if (model !== 'gan') throw new CliError(`unknown model '${model}' (have: ${MODELS})`, 2);
    return runGan(parseTrainArgs(rest), io);
  },
};
