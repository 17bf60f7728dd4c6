/**
 * Diffusion models (DDPM): the forward step `q(x_t|x_{t-1}) = \mathcal N(...)`, its closed
 * form `q(x_t|x_0)`, the reverse step `p_\theta(x_{t-1}|x_t)`, the forward posterior
 * `q(x_{t-1}|x_t,x_0)`, the reparameterized sample `x_t = \sqrt{\bar\alpha_t}x_0 + ...\epsilon`
 * and the noise-prediction loss `\|\epsilon - \epsilon_\theta(x_t, t)\|^2`. A noise schedule
 * alone, or a Gaussian without time steps, is not one.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { isDensityApp, isTimeScript, klApps, TIME_LETTERS, timeVariable } from '../math';
import { allNodes, appAt, isDensityName, nodeTex, sides, some, tex, type App } from '../query';
import { continuousSigns, isNoise, isZero, posteriorMoments, varianceSplit } from './diffusion-signs';

/** A density between two time steps of the same variable: `q(x_t|x_{t-1})`, `p_\theta(x_{t-1}|x_t)`, `q(x_{t-1}|x_t,x_0)`. */
function isTransition(a: App, steps: ReadonlySet<string>): boolean {
  if (!isDensityApp(a) || a.cond.length === 0 || a.main.length === 0) return false;
  // `p(x_t | x_{<t})`, `p(x_i | x_1, \dots, x_{i-1})`: an autoregressive factor conditions on the
  // whole past, a diffusion step on one neighbouring step (and x_0 for the forward posterior).
  if (a.cond.length > 2 || a.cond.some((c) => some(c, (n) => n.type === 'rel' || (n.type === 'punct' && (n.name === ':' || n.name === '...'))))) return false;
  const condVar = timeVariable(a.cond[0], steps);
  const mainVar = timeVariable(a.main[0], steps);
  if (!condVar) return false;
  const m = a.main[0][0];
  return mainVar === condVar || (m.type === 'id' && m.name === condVar);
}

/** A symbol of the noise schedule with a time index: `\beta_t`, `\alpha_t`, `\bar\alpha_t`, or the flattened `\beta t`. */
function isScheduleSymbol(seq: readonly MathNode[], k: number, steps: ReadonlySet<string>): boolean {
  const n = seq[k];
  if (n.type !== 'id' || (n.name !== 'beta' && n.name !== 'alpha')) return false;
  // `\alpha_0`, `\beta_0`: a prior's hyperparameters (a Dirichlet's concentration, a Normal-Wishart's scale); a
  // schedule runs from step 1.
  if (n.sub?.length === 1 && n.sub[0].type === 'num' && n.sub[0].name === '0') return false;
  if (isTimeScript(n.sub, steps)) return true;
  const next = seq[k + 1];
  return next !== undefined && next.type === 'id' && next.name === 't';
}

/** The one letter of a script such as `i`, `i-1`, `{n+1}`, if that is all it holds besides numbers. */
function scriptLetter(sub: readonly MathNode[] | undefined): string | undefined {
  const ids = (sub ?? []).filter((n) => n.type === 'id');
  return ids.length === 1 && ids[0].name.length === 1 && (sub ?? []).every((n) => n.type === 'id' || n.type === 'num' || n.type === 'bin') ? ids[0].name : undefined;
}

/**
 * The letters that count time steps in this formula: `t` always, and the letter a note uses
 * instead (`x_i`, `\bar\alpha_{i-1}`) when the formula shows it indexes the chain: the cumulative
 * schedule `\bar\alpha_i` or a schedule under a root (`\sqrt{\alpha_i}`), or a network given the
 * index as its time argument (`\mu_\theta(x_i, i)`). A bare `x_i` stays an item index.
 */
function stepLetters(ctx: Context): ReadonlySet<string> {
  const letters = new Set(TIME_LETTERS);
  for (const n of ctx.nodes) {
    if (n.type === 'id' && n.name === 'alpha' && n.accent === 'bar') { const l = scriptLetter(n.sub); if (l) letters.add(l); }
    if (n.type === 'sqrt') {
      // (`\sqrt{\sigma_i^2 - \sigma_{i-1}^2}`: the increments of a variance-exploding chain's noise levels.)
      for (const m of n.args?.[0] ?? []) if (m.type === 'id' && (m.name === 'alpha' || m.name === 'beta' || m.name === 'sigma')) { const l = scriptLetter(m.sub); if (l) letters.add(l); }
    }
  }
  // `\prod_{i=1}^{t} p_\theta(x_{i-1} | x_i)`: a product whose index runs up to the time step.
  for (const n of ctx.nodes) {
    if (n.type !== 'op' || (n.name !== 'prod' && n.name !== 'sum') || !n.sub || !n.sup) continue;
    const i = n.sub[0];
    if (i?.type === 'id' && i.name.length === 1 && n.sub[1]?.type === 'rel' && n.sup.length === 1 && n.sup[0].type === 'id' && TIME_LETTERS.has(n.sup[0].name)) letters.add(i.name);
  }
  // `s_\theta(x_\sigma, \sigma)`, `x_\sigma = x + \sigma\epsilon`: score-based notes index the noisy sample by its noise
  // level σ instead of a time step, and the level then counts the chain's steps.
  const indexed = ctx.nodes.some((n) => n.type === 'id' && n.name.length === 1 && n.sub?.length === 1 && n.sub[0].type === 'id' && n.sub[0].name === 'sigma');
  const bare = ctx.nodes.some((n) => n.type === 'id' && n.name === 'sigma' && !n.sub && !n.accent);
  if (noiseConditioned(ctx).length > 0 || (indexed && bare)) letters.add('sigma');
  for (const a of ctx.apps) {
    if (a.fn.type !== 'id' || !a.fn.sub?.some((n) => n.type === 'id' && n.name === 'theta') || a.main.length < 2) continue;
    const last = a.main[a.main.length - 1];
    if (last.length === 1 && last[0].type === 'id' && last[0].name.length === 1 && scriptLetter(a.main[0][0]?.sub) === last[0].name) letters.add(last[0].name);
  }
  return letters;
}

/** The level σ alone (`\sigma`, `\sigma_i`, `\sigma(t)` read as `\sigma` applied): the noise level as a value. */
function isLevel(arg: readonly MathNode[]): boolean {
  return arg.length >= 1 && arg[0].type === 'id' && arg[0].name === 'sigma' && !arg[0].accent && (arg.length === 1 || (arg.length === 2 && arg[1].type === 'group'));
}

/**
 * Networks conditioned on the noise level: a θ-network (not a density) given a variable and the level σ as
 * its arguments, `s_\theta(\mathbf x, \sigma)`, `D_\theta(x_\sigma, \sigma)`, `\epsilon_\theta(x; \sigma_i)`. This is how
 * noise-conditional score networks and denoisers are written; a network of a variable and an item index
 * (`f_\theta(x_i, i)`) is not one, and the σ of a Gaussian is a parameter of a density, not a network's input.
 */
function noiseConditioned(ctx: Context): App[] {
  return ctx.apps.filter((a) => a.fn.type === 'id' && a.fn.sub?.some((n) => n.type === 'id' && n.name === 'theta') && !isDensityName(a.fn) && a.fn.name !== 'N'
    && [...a.main, ...a.params].length >= 2 && [...a.main, ...a.params][0][0]?.type === 'id' && [...a.main, ...a.params].slice(1).some(isLevel));
}

/**
 * Networks differentiated in their input: `\nabla \cdot f_\theta(x, t)`, `\epsilon^T \nabla f_\theta(x, t)\, \epsilon`,
 * `\mathrm{Tr}(\partial f_\theta / \partial x)`. The divergence or Jacobian of a vector field, and Hutchinson's estimate
 * of its trace, are the change of variables of a continuous flow: the same for any neural ODE, not a sign of a
 * noising chain, so such a network is not counted as a noise predictor.
 */
function underDerivative(ctx: Context): Set<MathNode> {
  const out = new Set<MathNode>();
  for (const seq of ctx.seqs) {
    for (let k = 0; k < seq.length; k++) {
      const n = seq[k];
      if (n.type === 'op' && n.name === 'nabla') {
        const next = seq[k + 1]?.type === 'bin' && seq[k + 1].name === '*' ? seq[k + 2] : seq[k + 1];
        if (next) out.add(next);
      }
      // (`\mathrm{Tr}(\dots)`, `\operatorname{tr}[\dots]`: everything inside the trace.)
      if ((n.type === 'id' || n.type === 'op') && /^(?:Tr|tr|trace)$/.test(n.name) && seq[k + 1]?.type === 'group') for (const m of allNodes(seq[k + 1].children ?? [])) out.add(m);
    }
  }
  return out;
}

/** Detects a diffusion-model formula; `weak` when the only sign is a KL between time-step densities. */
export function detectDiffusion(ctx: Context): (Hit & { weak: boolean }) | null {
  const roles: Record<string, string> = {};
  let strong = false;
  let schedule = '';
  const steps = stepLetters(ctx);
  for (const seq of ctx.seqs) {
    for (let k = 0; k < seq.length && !schedule; k++) if (isScheduleSymbol(seq, k, steps)) schedule = nodeTex(seq[k]);
  }
  // `\alpha(t)`, `\sigma(t)`, `g(t)`: a schedule in continuous time, a function of t alone.
  if (!schedule) {
    const f = ctx.apps.find((a) => a.fn.type === 'id' && SCHEDULE_FUNCTIONS.has(a.fn.name) && a.main.length === 1 && a.main[0].length === 1 && a.main[0][0].type === 'id' && a.main[0][0].name === 't');
    if (f) schedule = nodeTex(f.fn) + '(t)';
  }
  if (schedule) roles.schedule = schedule;
  const continuous = continuousSigns(ctx, schedule !== '');
  const gaussians = ctx.apps.filter((a) => a.fn.type === 'id' && a.fn.name === 'N' && a.main.length > 0);
  // A Gaussian at a time step that shows the diffusion's noise: a root or letter of the schedule, a level with
  // the step's index (`\sigma_t^2 I`), the clean sample x_0 or a learned mean. A state-space or AR(1) transition,
  // `\mathcal N(x_t; A x_{t-1}, Q)`, `\mathcal N(x_t; \phi x_{t-1}, \sigma^2)`, is a Gaussian at a time step too but none of these.
  const timedGaussian = gaussians.some((g) => {
    const children = g.group.children ?? [];
    if (timeVariable(children.slice(0, 3), steps) === undefined) return false;
    return [...allNodes(children)].some((n) => n.type === 'sqrt' || isZero(n) || (n.type === 'id' && (n.name === 'alpha' || n.name === 'beta' || (n.name === 'sigma' && isTimeScript(n.sub, steps))
      // (or the reverse step's learned mean, `\mu_\theta(x_t, t)`)
      || (n.sub ?? []).some((m) => m.type === 'id' && m.name === 'theta'))));
  });
  // A network of the time step (`\epsilon_\theta(x_t, t)`, `s_\theta(x, t)`), or the noise predictor
  // applied to a noisy sample alone (`\epsilon_\theta(x_t)`, as DDIM writes it).
  const conditioned = noiseConditioned(ctx);
  const differentiated = underDerivative(ctx);
  // (`\Sigma_\theta(x_t, t)` is the reverse step's covariance, not a predictor: set to the schedule, `\Sigma_\theta(x_t, t) = \sigma_t^2 I`,
  // it is a design choice about the network, and inside a Gaussian it is read with that Gaussian.)
  const networks = ctx.apps.filter((a) => !differentiated.has(a.fn) && a.fn.name !== 'Sigma' && (conditioned.includes(a) || a.fn.type === 'id' && a.fn.sub !== undefined && a.fn.sub.some((n) => n.type === 'id' && n.name === 'theta')
    && !isDensityName(a.fn) && (a.main.some((arg) => arg[0]?.type === 'id' && arg[0].name === 't' && !arg[0].sub && arg.slice(1).every((n) => n.type === 'bin' || n.type === 'num' || (n.type === 'id' && (n.name === 'Delta' || n.name === 't'))))
      || (a.fn.name === 'epsilon' && a.main.length >= 1 && timeVariable(a.main[0], steps) !== undefined))));
  const transitions = ctx.apps.filter((a) => isTransition(a, steps));
  for (const t of transitions) {
    const name = t.fn.name.toLowerCase();
    const cond = t.cond.map(tex);
    if (name === 'q' && cond.length >= 2) roles.posterior ??= nodeTex(t.fn) + '(' + tex(t.group.children ?? []) + ')';
    else if (name === 'q') roles.forward ??= nodeTex(t.fn) + '(' + tex(t.group.children ?? []) + ')';
    else roles.reverse ??= nodeTex(t.fn) + '(' + tex(t.group.children ?? []) + ')';
  }
  if (transitions.length > 0 && (timedGaussian || schedule || ctx.ops.has('prod') || networks.length > 0)) strong = true;
  // `q(x_t | x) = \mathcal N(x_t; x, \sigma(t)^2 I)`, `p_{0t}(\mathbf y_t | \mathbf y) = \dots`: the perturbation kernel from the
  // clean sample written without an index (as score-based notes write it) to the noised one at time t, a Gaussian
  // centred on (a multiple of) the clean sample, its spread set by the schedule.
  for (const a of schedule || timedGaussian ? ctx.apps : []) {
    if (!isDensityApp(a) || a.main.length !== 1 || a.cond.length !== 1 || a.cond[0].length !== 1) continue;
    const base = timeVariable(a.main[0], steps);
    const clean = a.cond[0][0];
    if (!base || clean.type !== 'id' || clean.name !== base || clean.sub || clean.accent !== a.main[0][0].accent) continue;
    const centred = gaussians.some((g) => (g.params[0] ?? []).some((n) => n.type === 'id' && n.name === base && !n.sub));
    if (centred) { strong = true; roles.forward ??= nodeTex(a.fn) + '(' + tex(a.group.children ?? []) + ')'; }
  }
  if (networks.length > 0) {
    // The noise predictor on its own, named (`\epsilon_{cond} = \epsilon_\theta(x_t, t, y)`) or its
    // outputs mixed (classifier-free guidance), is notation about the network, not a step of the chain.
    if (transitions.length > 0 || !networkOnly(ctx, networks, steps)) strong = true;
    roles.noise_predictor = nodeTex(networks[0].fn);
  }
  // x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps: the forward process sampled in one step. The
  // clean sample may be written without its index (`\mathbf c_t = \sqrt{\bar\alpha_t}\mathbf c + ...`),
  // and the noise as a Gaussian of mean zero (`x_t \leftarrow x_0 + \mathcal N(0, \sigma^2 t)`).
  for (const line of ctx.lines.flatMap(clauses)) {
    const { sides: parts } = sides(line);
    if (parts.length < 2) continue;
    const base = timeVariable(parts[0], steps);
    if (!base || parts[0].length > 2) continue;
    const rhsTop = parts[parts.length - 1];
    const rhs = [...allNodes(rhsTop)];
    const zeroMeanGaussian = ctx.apps.some((a) => a.fn.type === 'id' && a.fn.name === 'N' && rhsTop.includes(a.fn) && a.main.length === 2 && a.main[0].length === 1 && a.main[0][0].type === 'num' && a.main[0][0].name === '0');
    // (The noise may be called z or ξ too, as score-based models write it: `x_i = x_{i-1} + \sqrt{\sigma_i^2 - \sigma_{i-1}^2}\, z`.)
    // (A probabilist writes the standard normal draw as a capital Z, `X_k = \sqrt{1-\beta_k} X_{k-1} + \sqrt{\beta_k} Z_k`, with
    // the random variables in capitals; here, at a step of the same chain scaled by a schedule's root, it is that noise.)
    const noise = rhs.some((n) => isNoise(n) || (n.type === 'id' && n.name === 'Z' && !n.accent)) || zeroMeanGaussian;
    const earlier = rhs.some((n, k) => n.type === 'id' && n.name === base && n.accent === parts[0][0].accent && (isTimeScript(n.sub, steps) || !n.sub || (rhs[k + 1]?.type === 'id' && rhs[k + 1].name === 't')));
    // The noise scaled by a schedule (`\sqrt{\beta_t}\epsilon`) makes it a diffusion; an AR(1)
    // process `x_t = \phi x_{t-1} + \epsilon_t` adds noise too, but with no schedule and no square root.
    // (The root must hold a schedule: a schedule's letter, a barred cumulative product, or anything indexed by the step;
    // `\sqrt{1 - \phi^2}\,\epsilon_t`, a root of a constant, is a stationary AR(1)'s innovation.)
    const scheduleRoot = rhs.some((n) => n.type === 'sqrt' && [...allNodes(n.args?.[0] ?? [])].some((m) => m.type === 'id' && (SCHEDULE_FUNCTIONS.has(m.name) || m.accent === 'bar' || isTimeScript(m.sub, steps))));
    // (`x_\sigma = x + \sigma\epsilon`: the noise scaled by the very level that indexes the noisy sample.)
    const level = parts[0][0].sub?.length === 1 && parts[0][0].sub[0].type === 'id' && parts[0][0].sub[0].name === 'sigma'
      && rhs.some((n, k) => n.type === 'id' && n.name === 'sigma' && !n.sub && (isNoise(rhs[k + 1]) || (rhs[k + 1]?.type === 'bin' && rhs[k + 1].name === '*' && isNoise(rhs[k + 2]))));
    const scheduled = schedule !== '' || scheduleRoot || zeroMeanGaussian || level;
    if (noise && earlier && scheduled) { strong = true; roles.reparameterized ??= tex(parts[0]); roles.noise ??= '\\epsilon'; }
    // DDIM's deterministic step, `x_{t-1} = \sqrt{\alpha_{t-1}}\, x_0 + \sqrt{1-\alpha_{t-1}}\, \frac{x_t - \sqrt{\alpha_t}\, x_0}{\sqrt{1-\alpha_t}}`:
    // no noise is drawn, but the next step is built from the clean sample (or the network's estimate of it) and the
    // current step, each weighed by a root of the schedule at a step. An AR(1) or Kalman mean has no such roots.
    const stepRoot = rhs.some((n) => n.type === 'sqrt' && [...allNodes(n.args?.[0] ?? [])].some((m) => m.type === 'id' && (m.name === 'alpha' || m.name === 'beta') && (m.accent === 'bar' || isTimeScript(m.sub, steps))));
    const clean = rhs.some((n) => isZero(n) && n.name === base) || rhs.some((n) => n.type === 'id' && (n.sub ?? []).some((m) => m.type === 'id' && m.name === 'theta'));
    const current = rhs.some((n) => n.type === 'id' && n.name === base && !isZero(n) && isTimeScript(n.sub, steps) && tex(n.sub ?? []) !== tex(parts[0][0].sub ?? []));
    if (!noise && stepRoot && clean && current && !isZero(parts[0][0])) { strong = true; roles.reverse ??= tex(parts[0]); }
  }
  // `x_t \sim \mathcal N(\sqrt{\bar\alpha_t}\, x_0, (1 - \bar\alpha_t) I)`: a time-step variable drawn from a Gaussian whose
  // mean is the same variable at another step (x_0, x_{t-1}, x_{t-2}) shrunk by a root of the schedule, the forward
  // process written as a draw rather than a density. An AR(1) draw `y_t \sim \mathcal N(\phi y_{t-1}, \sigma^2)` scales by
  // a plain coefficient, with no root, and a root of another constant (`\\sqrt\\rho`) is no noise schedule.
  // The same Gaussian evaluated at the step, `\mathcal N(x_t; \sqrt{1-\beta_t}\, x_{t-1}, \beta_t I)` written alone, is the kernel.
  const shrunkTo = (point: readonly MathNode[], mean: readonly MathNode[]): boolean => {
    const base = point.length === 1 ? timeVariable(point, steps) : undefined;
    if (!base) return false;
    const k = mean.findIndex((n) => n.type === 'id' && n.name === base && n.accent === point[0].accent && isTimeScript(n.sub, steps) && tex(n.sub ?? []) !== tex(point[0].sub ?? []));
    return k > 0 && mean.slice(0, k).some((n) => n.type === 'sqrt' && (schedule !== '' || [...allNodes(n.args?.[0] ?? [])].some((m) => m.type === 'id' && (m.name === 'alpha' || m.name === 'beta'))));
  };
  for (const line of strong ? [] : ctx.lines) {
    // (`sides` keeps `\sim` inside a side: it is found here by hand.)
    const at = line.findIndex((n) => n.type === 'rel');
    const g = at === 1 && line[at].name === 'sim' ? gaussians.find((a) => a.fn === line[2]) : undefined;
    if (g && shrunkTo(line.slice(0, 1), g.main[0] ?? [])) { strong = true; roles.forward ??= tex(line); break; }
    // `\mathbf x_\sigma \sim \mathcal N(\mathbf x, \sigma^2 \mathbf I)`, `y_t \sim \mathcal N(y, \sigma_t^2 I)`: a sample at a noise
    // level drawn around the clean sample, its variance set by that very level. (`y_i \sim \mathcal N(\mu, \sigma^2)`
    // draws data around a mean: i indexes items and is no level in the variance.)
    // `x_t \mid x_0 \sim \mathcal N(\mu_t, \sigma_t^2 I)`: the state at a step given the same variable at step zero, drawn
    // from a Gaussian whose moments carry the step: the forward marginal of a diffusion (or an SDE's transition from
    // its start). A state-space model conditions on the step before (`x_t \mid x_{t-1}`) or on another variable.
    const sim = line.findIndex((n) => n.type === 'rel' && n.name === 'sim');
    const given = sim === 3 ? gaussians.find((a) => a.fn === line[4]) : undefined;
    const [state, bar, start] = line;
    if (given && state?.type === 'id' && timeVariable([state], steps) !== undefined && !isZero(state) && tex([bar]).replace(/\s/g, '').match(/^(?:\||\\mid)$/)
      && isZero(start) && start.name === state.name && [...given.main, ...given.params].some((m) => m.some((n) => n.type === 'id' && isTimeScript(n.sub, steps)))) { strong = true; roles.forward ??= tex(line); break; }
    const point = line[0];
    const level = point?.type === 'id' && point.sub?.length === 1 && point.sub[0].type === 'id' && steps.has(point.sub[0].name) ? point.sub[0].name : undefined;
    const [mean, variance] = g ? [...g.main, ...g.params] : [];
    if (g && level && mean?.length === 1 && mean[0].type === 'id' && mean[0].name === point.name && !mean[0].sub
      && [...allNodes(variance ?? [])].some((n) => n.type === 'id' && (n.name === level || (n.sub ?? []).some((m) => m.type === 'id' && m.name === level)))) { strong = true; roles.forward ??= tex(line); break; }
  }
  if (!strong && ctx.lines.length === 1 && ctx.lines[0].length === 2) {
    const g = gaussians.find((a) => a.fn === ctx.lines[0][0]);
    if (g && g.main.length === 1 && g.params.length >= 1 && shrunkTo(g.main[0], g.params[0])) { strong = true; roles.forward ??= tex(ctx.lines[0]); }
  }
  // The forward posterior's mean and variance, `\tilde\mu_t(x_t, x_0)` and `\tilde\beta_t`, written
  // with the cumulative schedule: a side of a relation that is a tilde quantity at a time step (or
  // applied to time-step arguments, `\tilde\mu(x_i, x_0)`, `\tilde\sigma^2(i)`), set from \bar\alpha.
  const cumulative = ctx.nodes.some((n) => n.type === 'id' && n.name === 'alpha' && n.accent === 'bar' && isTimeScript(n.sub, steps));
  if (!strong && cumulative) {
    const stepArgs = (k: number, line: readonly MathNode[]): boolean => {
      const a = appAt(line as MathNode[], k);
      return a !== undefined && a.main.length > 0 && a.main.every((m) => timeVariable(m, steps) !== undefined || (m.length === 1 && m[0].type === 'id' && steps.has(m[0].name)));
    };
    for (const line of ctx.lines) {
      const { sides: parts } = sides(line);
      if (parts.length < 2) continue;
      for (const side of parts.slice(0, -1)) {
        const lhs = side[0];
        // (The tilde names the posterior's moment even unindexed, `\tilde\mu = \frac{1}{\sqrt{\alpha_t}}(x_t - \dots)`; without the
        // tilde a mean or covariance of the clean and the noisy sample, `\Sigma(x_t, x_0)`, is that posterior's too.)
        const k = line.indexOf(lhs);
        const tilde = lhs?.type === 'id' && lhs.accent === 'tilde' && (lhs.name === 'mu' || lhs.name === 'beta' || lhs.name === 'sigma')
          && (isTimeScript(lhs.sub, steps) || stepArgs(k, line) || (!lhs.sub && side.length === 1));
        const ofCleanAndNoisy = lhs?.type === 'id' && (lhs.name === 'mu' || lhs.name === 'Sigma' || lhs.name === 'sigma') && stepArgs(k, line)
          && (appAt(line as MathNode[], k)?.main ?? []).some((m) => isZero(m[0]));
        if (lhs && (tilde || ofCleanAndNoisy)) {
          strong = true;
          roles.posterior ??= nodeTex(lhs);
        }
      }
      // `x_{t-1} = \sqrt{\bar\alpha_{t-1}}\hat x_0 + ...`: a sampling step from an estimate of x_0.
      const lhs = line[0];
      if (lhs && timeVariable(line, steps) !== undefined && line.some((n) => n.type === 'id' && n.accent === 'hat' && timeVariable([n], steps) !== undefined)) strong = true;
      // A later side weighing x_0 and a noisier x_t with the cumulative schedule: the forward posterior's
      // mean worked out (`\mu_{Y|X} = ... = \frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t} x_0 + ... x_t`).
      for (const side of parts.slice(1)) {
        const ns = [...allNodes(side)];
        if (ns.some((n) => isZero(n)) && ns.some((n) => n.type === 'id' && !isZero(n) && n.name !== 'alpha' && n.name !== 'beta' && timeVariable([n], steps) !== undefined)) { strong = true; roles.posterior ??= 'mean'; }
      }
    }
  }
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (strong || rels.length === 0 || parts[0].length !== 1) continue;
    const lhs = parts[0][0];
    const rhs = parts[1];
    // `\hat x_0 = f(x_t, t)`: the clean sample estimated from a noisy one and its time step.
    const estimate = lhs.type === 'id' && lhs.accent === 'hat' && isZero(lhs) && ctx.apps.some((a) => a.main.length === 2 && timeVariable(a.main[0], steps) !== undefined && a.main[1].length === 1 && a.main[1][0].type === 'id' && steps.has(a.main[1][0].name));
    // `\mu_t = \sqrt{1-\beta_t} x_{t-1}`, `\mu_{t|t+1,0} = a_t x_0 + b_t x_{t+1}`: a mean at a time step set from
    // the chain's neighbouring variables.
    const rhsVars = [...allNodes(rhs)].filter((n) => n.type === 'id' && n.name.length === 1 && timeVariable([n], steps) !== undefined);
    // (`\mu_{k=1,\dots,K} \sim \mathcal N(\mu_0, \dots)` draws a mean from a prior: a range in the script and a `\sim` are no time step.)
    const drawn = rels[0] === 'sim' || (lhs.sub ?? []).some((n) => n.type === 'rel');
    const mean = !drawn && lhs.type === 'id' && lhs.name === 'mu' && isTimeScript((lhs.sub ?? []).filter((n) => n.type !== 'bar' && n.type !== 'punct'), steps) && rhsVars.length > 0 && (schedule !== '' || rhsVars.some(isZero));
    if (estimate || mean) { strong = true; roles.posterior ??= nodeTex(lhs); }
  }
  if (!strong) {
    const other = posteriorMoments(ctx, steps, cumulative) ?? (varianceSplit(ctx) ? 'forward process' : undefined);
    if (other) return { kind: 'diffusion', confidence: 0.8, roles: { ...roles, variant: other, time_step: 't' }, weak: false };
  }
  if (!strong && continuous) {
    if (roles.noise_predictor) roles.noise ??= '\\epsilon';
    return { kind: 'diffusion', confidence: 0.85, roles: { ...roles, variant: continuous, time_step: 't' }, weak: false };
  }
  if (strong) {
    roles.time_step = 't';
    roles.variant = roles.noise_predictor && ctx.lines.some((l) => l.some((n) => n.type === 'par' || (n.type === 'group' && n.name === '||'))) ? 'simplified loss'
      : roles.posterior ? 'forward posterior' : roles.reverse ? 'reverse step' : roles.forward ? (/x_0|x_\{0\}/.test(roles.forward) ? 'closed form' : 'forward step')
      : roles.reparameterized ? 'reparameterized sample' : 'noise prediction';
    if (roles.noise_predictor) roles.noise ??= '\\epsilon';
    return { kind: 'diffusion', confidence: 0.9, roles, weak: false };
  }
  const timedKL = klApps(ctx).some((k) => k.first.length > 0 && timeVariable((k.first[2]?.children ?? k.first[1]?.children ?? [])) !== undefined);
  if (timedKL) return { kind: 'diffusion', confidence: 0.6, roles: { time_step: 't' }, weak: true };
  return null;
}

/**
 * True when nothing but the networks' applications (and names, numbers, + and -) stands in the
 * formula: no density, schedule, root, fraction, operator, norm or time-step variable of its own.
 */
function networkOnly(ctx: Context, networks: readonly App[], steps: ReadonlySet<string>): boolean {
  const inside = new Set<MathNode>();
  for (const a of networks) { inside.add(a.fn); for (const n of allNodes([a.group])) inside.add(n); }
  const rest = ctx.nodes.filter((n) => !inside.has(n) && !(n.sub && [...n.sub].some((m) => inside.has(m))));
  // (A squared group, `(\epsilon - \epsilon_\theta(x_t, t))^2`, is a loss as much as a norm is.)
  return !rest.some((n) => n.type === 'sqrt' || n.type === 'frac' || n.type === 'op' || n.type === 'par' || (n.type === 'group' && (n.name === '||' || (n.sup?.length === 1 && n.sup[0].name === '2')))
    // (The noise level σ scaling one network into another, `\epsilon_\theta(x_\sigma, \sigma) = -\sigma\, s_\theta(x_\sigma, \sigma)`, converts
    // between the noise and score parametrisations, a schedule's work: classifier-free guidance mixes with a plain weight.
    // A lone network scaled or set to σ, `\Sigma_\theta(x_t, t) = \sigma_t^2 I`, is still notation about the network.)
    || (n.type === 'id' && (n.name === 'alpha' || n.name === 'beta' || (n.name === 'sigma' && networks.length >= 2) || n.name === 'N' || isDensityName(n) || timeVariable([n], steps) !== undefined)));
}

/**
 * The clauses of a line split at its top-level commas and semicolons, when more than one holds a
 * relation: `x_i = \sqrt{1-\beta_i}\, x_{i-1} + \sqrt{\beta_i}\, z, \text{where } 0 < \beta_i < 1` is an equation
 * followed by a side condition, and the condition's `<` must not become the equation's right side.
 * A comma inside a list (`x_0, \dots, x_T`) does not end a clause that has no relation yet.
 */
export function clauses(line: MathNode[]): MathNode[][] {
  const out: MathNode[][] = [[]];
  for (const n of line) {
    const last = out[out.length - 1];
    // (A piece with no relation yet continues a list: `0 < \beta_1, \dots, \beta_N < 1` is one clause.)
    if (n.type === 'punct' && (n.name === ',' || n.name === ';') && last.some((m) => m.type === 'rel')) out.push([]);
    else last.push(n);
  }
  return out.length > 1 && out.every((c) => c.some((n) => n.type === 'rel')) ? out : [line];
}

/** Letters of a continuous-time schedule: `\alpha(t)`, `\sigma(t)`, `\beta(t)`, `g(t)`, `\lambda(t)`, `w(t)`. */
const SCHEDULE_FUNCTIONS: ReadonlySet<string> = new Set(['alpha', 'sigma', 'beta', 'g', 'lambda', 'gamma']);

