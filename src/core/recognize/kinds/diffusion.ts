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
import { isDensityApp, isTimeScript, klApps, timeVariable } from '../math';
import { allNodes, isDensityName, nodeTex, sides, tex, type App } from '../query';

/** A density between two time steps of the same variable: `q(x_t|x_{t-1})`, `p_\theta(x_{t-1}|x_t)`, `q(x_{t-1}|x_t,x_0)`. */
function isTransition(a: App): boolean {
  if (!isDensityApp(a) || a.cond.length === 0 || a.main.length === 0) return false;
  const condVar = timeVariable(a.cond[0]);
  const mainVar = timeVariable(a.main[0]);
  if (!condVar) return false;
  const m = a.main[0][0];
  return mainVar === condVar || (m.type === 'id' && m.name === condVar);
}

/** A symbol of the noise schedule with a time index: `\beta_t`, `\alpha_t`, `\bar\alpha_t`, or the flattened `\beta t`. */
function isScheduleSymbol(seq: readonly MathNode[], k: number): boolean {
  const n = seq[k];
  if (n.type !== 'id' || (n.name !== 'beta' && n.name !== 'alpha')) return false;
  if (isTimeScript(n.sub)) return true;
  const next = seq[k + 1];
  return next !== undefined && next.type === 'id' && next.name === 't';
}

/** Detects a diffusion-model formula; `weak` when the only sign is a KL between time-step densities. */
export function detectDiffusion(ctx: Context): (Hit & { weak: boolean }) | null {
  const roles: Record<string, string> = {};
  let strong = false;
  let schedule = '';
  for (const seq of ctx.seqs) {
    for (let k = 0; k < seq.length && !schedule; k++) if (isScheduleSymbol(seq, k)) schedule = nodeTex(seq[k]);
  }
  if (schedule) roles.schedule = schedule;
  const gaussians = ctx.apps.filter((a) => a.fn.type === 'id' && a.fn.name === 'N' && a.main.length > 0);
  const timedGaussian = gaussians.some((g) => {
    const first = (g.group.children ?? []).slice(0, 3);
    return timeVariable(first) !== undefined;
  });
  // A network of the time step (`\epsilon_\theta(x_t, t)`, `s_\theta(x, t)`), or the noise predictor
  // applied to a noisy sample alone (`\epsilon_\theta(x_t)`, as DDIM writes it).
  const networks = ctx.apps.filter((a) => a.fn.type === 'id' && a.fn.sub !== undefined && a.fn.sub.some((n) => n.type === 'id' && n.name === 'theta')
    && !isDensityName(a.fn) && (a.main.some((arg) => arg.length === 1 && arg[0].type === 'id' && arg[0].name === 't')
      || (a.fn.name === 'epsilon' && a.main.length >= 1 && timeVariable(a.main[0]) !== undefined)));
  const transitions = ctx.apps.filter(isTransition);
  for (const t of transitions) {
    const name = t.fn.name.toLowerCase();
    const cond = t.cond.map(tex);
    if (name === 'q' && cond.length >= 2) roles.posterior ??= nodeTex(t.fn) + '(' + tex(t.group.children ?? []) + ')';
    else if (name === 'q') roles.forward ??= nodeTex(t.fn) + '(' + tex(t.group.children ?? []) + ')';
    else roles.reverse ??= nodeTex(t.fn) + '(' + tex(t.group.children ?? []) + ')';
  }
  if (transitions.length > 0 && (timedGaussian || schedule || ctx.ops.has('prod') || networks.length > 0)) strong = true;
  if (networks.length > 0) {
    strong = true;
    roles.noise_predictor = nodeTex(networks[0].fn);
  }
  // x_t = sqrt(abar_t) x_0 + sqrt(1 - abar_t) eps: the forward process sampled in one step.
  for (const line of ctx.lines) {
    const { sides: parts } = sides(line);
    if (parts.length < 2) continue;
    const base = timeVariable(parts[0]);
    if (!base) continue;
    const rhs = [...allNodes(parts[1])];
    const noise = rhs.some((n) => n.type === 'id' && n.name === 'epsilon');
    const earlier = rhs.some((n, k) => n.type === 'id' && n.name === base && (isTimeScript(n.sub) || (rhs[k + 1]?.type === 'id' && rhs[k + 1].name === 't')));
    // The noise scaled by a schedule (`\sqrt{\beta_t}\epsilon`) makes it a diffusion; an AR(1)
    // process `x_t = \phi x_{t-1} + \epsilon_t` adds noise too, but with no schedule and no square root.
    const scheduled = schedule !== '' || rhs.some((n) => n.type === 'sqrt');
    if (noise && earlier && scheduled) { strong = true; roles.reparameterized ??= tex(parts[0]); roles.noise ??= '\\epsilon'; }
  }
  // The forward posterior's mean and variance, `\tilde\mu_t(x_t, x_0)` and `\tilde\beta_t`, written
  // with the cumulative schedule: a line defining a tilde quantity at a time step from \bar\alpha.
  const cumulative = ctx.nodes.some((n) => n.type === 'id' && n.name === 'alpha' && n.accent === 'bar' && isTimeScript(n.sub));
  if (!strong && cumulative) {
    for (const line of ctx.lines) {
      const lhs = line[0];
      if (lhs && lhs.type === 'id' && lhs.accent === 'tilde' && (lhs.name === 'mu' || lhs.name === 'beta' || lhs.name === 'sigma') && isTimeScript(lhs.sub) && sides(line).rels.length > 0) {
        strong = true;
        roles.posterior ??= nodeTex(lhs);
      }
      // `x_{t-1} = \sqrt{\bar\alpha_{t-1}}\hat x_0 + ...`: a sampling step from an estimate of x_0.
      if (lhs && timeVariable(line) !== undefined && line.some((n) => n.type === 'id' && n.accent === 'hat' && timeVariable([n]) !== undefined)) strong = true;
    }
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
