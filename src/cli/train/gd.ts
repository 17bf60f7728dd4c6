/**
 * `genmath train gd [--function quadratic|rosenbrock] [--lr ETA] [--optimizer sgd|momentum|adam] [--steps N] [--json]`:
 * one path of the gradient descent explorer. A diverging path is the lesson, not a failure, so it
 * exits 0 and says so in `diverged` and `message`.
 */
import { GD_DEFAULTS, GD_FUNCTIONS, GD_OPTIMIZERS, gdPath, resolveGdConfig, type GdConfig, type GdFunctionName } from '../../core/train/gdExplorer';
import type { OptimizerName } from '../../core/train/optimizers';
import { choiceFlag, created, exitCode, intFlag, parseFlags, positiveFlag, type FlagSpec, stepsFlag } from './flags';
import type { TrainTask } from './task';

const USAGE = 'train gd [--function quadratic|rosenbrock] [--lr ETA] [--optimizer sgd|momentum|adam] [--steps N] [--seed S] [--json]';

/** What `--help` prints after the usage line. */
const HELP = ['One path of the gradient descent explorer on a quadratic or the Rosenbrock function; a diverging path is the lesson and exits 0.', 'This task draws no random numbers: the same flags give the same numbers. --seed S is accepted, so that one command line works for every task, and changes nothing.'].join('\n');

const SPEC: FlagSpec = { '--function': 'value', '--lr': 'value', '--optimizer': 'value', '--steps': 'value', '--seed': 'value', '--json': 'switch' };

/** `genmath train gd ...`. */
export const gdTask: TrainTask = {
  name: 'gd',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    const flags = parseFlags(args, SPEC, USAGE);
    const fn = choiceFlag<GdFunctionName>(flags, '--function', GD_FUNCTIONS, 'quadratic', USAGE);
    const optimizer = choiceFlag<OptimizerName>(flags, '--optimizer', GD_OPTIMIZERS, 'sgd', USAGE);
    const defaults = GD_DEFAULTS[fn];
    const learningRate = positiveFlag(flags, '--lr', USAGE) ?? defaults.learningRate;
    const steps = stepsFlag(flags, defaults.steps, USAGE);
    // Checked like every task's seed, so a typo is still an error, though nothing here is random.
    intFlag(flags, '--seed', -(2 ** 31), 0, USAGE);
    const config: Partial<GdConfig> = { function: fn, learningRate, steps };
    const resolved = created(() => resolveGdConfig(config));
    const path = created(() => gdPath(resolved, optimizer));
    // A whole run takes milliseconds, so there is no progress bar to draw.
    const stepSizeLimit = fn === 'quadratic' ? 2 / resolved.largeEigenvalue : undefined;
    if (flags.has('--json')) {
      const result = {
        function: fn,
        optimizer,
        lr: learningRate,
        steps: path.steps,
        diverged: path.diverged,
        final: { theta: [...path.final.theta], f: path.final.f },
        ...(stepSizeLimit !== undefined ? { stepSizeLimit } : {}),
        message: path.message,
      };
      io.stdout(`${JSON.stringify(result)}\n`);
    } else {
      const [x, y] = path.final.theta;
      io.stdout(`${fn}, ${optimizer}, η = ${learningRate}: θ = (${x.toPrecision(6)}, ${y.toPrecision(6)}), f = ${path.final.f.toPrecision(6)} after ${path.steps} steps\n${path.message}\n`);
    }
    // Like every other task: a run that diverged is a failure (exit 1), with the reason on stderr.
    return exitCode(path.diverged ? path.message : null, io);
  },
};
