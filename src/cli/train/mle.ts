/**
 * `genmath train mle [--model gaussian|mixture] [--method gradient|em] [--steps N] [--seed S] [--json]`:
 * the maximum-likelihood fit of the panel, with the same core and defaults.
 */
import { createMleFitter, DEFAULT_MLE_CONFIG, MLE_METHODS, MLE_MODELS, type MixtureParams, type MleConfig, type MleMethod, type MleModel } from '../../core/train/mleFit';
import { choiceFlag, created, exitCode, intFlag, parseFlags, runWithProgress, type FlagSpec, stepsFlag } from './flags';
import type { TrainTask } from './task';

const USAGE = 'train mle [--model gaussian|mixture] [--method gradient|em] [--steps N] [--seed S] [--json]';

/** What `--help` prints after the usage line. */
const HELP = ['Fits a Gaussian or a two-component mixture by maximum likelihood, by gradient ascent or EM, as the panel does.', '--seed S (a whole number) picks the random draws; the same flags and seed give the same numbers.'].join('\n');

const SPEC: FlagSpec = { '--model': 'value', '--method': 'value', '--steps': 'value', '--seed': 'value', '--json': 'switch' };

/** A Gaussian as `{mu, sigma}`, a mixture as `{weights, means, sigmas}`: the keys `--json` prints. */
function paramsJson(model: MleModel, p: MixtureParams): { mu: number; sigma: number } | MixtureParams {
  return model === 'gaussian' ? { mu: p.means[0], sigma: p.sigmas[0] } : { weights: [...p.weights], means: [...p.means], sigmas: [...p.sigmas] };
}

function describe(p: MixtureParams): string {
  const f = (x: number) => x.toFixed(4);
  if (p.weights.length === 1) return `μ = ${f(p.means[0])}, σ = ${f(p.sigmas[0])}`;
  return p.weights.map((w, k) => `${f(w)}·N(${f(p.means[k])}, ${f(p.sigmas[k])}²)`).join(' + ');
}

/** `genmath train mle ...`. */
export const mleTask: TrainTask = {
  name: 'mle',
  usage: USAGE,
  help: HELP,
  async run(args, io) {
    const flags = parseFlags(args, SPEC, USAGE);
    const model = choiceFlag<MleModel>(flags, '--model', MLE_MODELS, DEFAULT_MLE_CONFIG.model, USAGE);
    const method = choiceFlag<MleMethod>(flags, '--method', MLE_METHODS, DEFAULT_MLE_CONFIG.method, USAGE);
    const steps = stepsFlag(flags, DEFAULT_MLE_CONFIG.steps, USAGE);
    const seed = intFlag(flags, '--seed', -(2 ** 31), DEFAULT_MLE_CONFIG.seed, USAGE);
    const config: Partial<MleConfig> = { model, method, steps, seed };
    const fitter = created(() => createMleFitter(config));
    runWithProgress(steps, io, fitter);
    // The CLI prints no plot, so it skips the surface.
    const snap = fitter.snapshot({ surface: false });
    if (flags.has('--json')) {
      const result = {
        model,
        method,
        steps: snap.step,
        estimate: paramsJson(model, snap.estimate),
        closedForm: paramsJson(model, snap.closedForm),
        closedFormKind: snap.closedFormKind,
        logLikelihood: snap.logLikelihood,
        closedFormLogLikelihood: snap.closedFormLogLikelihood,
        diverged: snap.diverged !== null,
        ...(snap.diverged ? { message: snap.diverged } : {}),
      };
      io.stdout(`${JSON.stringify(result)}\n`);
    } else {
      const reference = snap.closedFormKind === 'exact' ? 'closed form:' : 'optimum:    ';
      io.stdout(
        [
          `fitted a ${model === 'gaussian' ? 'Gaussian' : `mixture of ${snap.estimate.weights.length} Gaussians`} to ${snap.data.length} points by ${method === 'em' ? 'EM' : 'gradient ascent'} for ${snap.step} steps`,
          `estimate:    ${describe(snap.estimate)}  (log-likelihood ${snap.logLikelihood.toFixed(6)} nats per point)`,
          `${reference} ${describe(snap.closedForm)}  (log-likelihood ${snap.closedFormLogLikelihood.toFixed(6)})`,
          ...(snap.closedFormKind === 'exact' ? [] : ['(a mixture has no closed form: the optimum is EM from the same start run until the log-likelihood stops rising)']),
          '',
        ].join('\n'),
      );
    }
    return exitCode(snap.diverged, io);
  },
};
