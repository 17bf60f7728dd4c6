/**
 * Small mathematical predicates shared by the kinds: what counts as a parameter, a
 * time index, a KL operator, a density application, a log ratio under an average.
 */
import type { MathNode } from '../parse/tree';
import type { Context, LogUse } from './context';
import { firstApp, isDensityName, nodeTex, tex, type App } from './query';

/** Symbols notes use for model parameters (θ, φ, ψ, w). */
const PARAMETER_NAMES: ReadonlySet<string> = new Set(['theta', 'Theta', 'phi', 'psi', 'w', 'W', 'vartheta']);

/** True when the nodes name a model parameter: `\theta`, `\boldsymbol\theta`, `\theta_t`, `\theta, \phi`, `p \in M`. */
export function isParameter(nodes: readonly MathNode[]): boolean {
  if (nodes.length === 0) return false;
  const first = nodes[0];
  if (first.type === 'id' && PARAMETER_NAMES.has(first.name)) return true;
  // `\max_{P_\theta}`: a maximum over a family of models named by their parameter.
  if (isDensityName(first) && first.sub?.some((n) => n.type === 'id' && PARAMETER_NAMES.has(n.name))) return true;
  // `\max_{p \in M}`: a maximum over a family of models.
  return nodes.length >= 3 && isDensityName(first) && nodes[1].type === 'rel' && nodes[1].name === 'in';
}

/** True when an operator's subscript ranges over a parameter. */
export function overParameter(sub: readonly MathNode[] | undefined): boolean {
  if (!sub || sub.length === 0) return false;
  return isParameter(sub) || sub.some((n) => n.type === 'id' && PARAMETER_NAMES.has(n.name) && !n.sub);
}

/** The letters that index time steps in any formula: `t` and its horizon `T`. */
export const TIME_LETTERS: ReadonlySet<string> = new Set(['t', 'T']);

/** True for a subscript that is a time step: `t`, `t-1`, `0`, `T`, `1:T`, `0:T`, `t+1`. */
export function isTimeScript(sub: readonly MathNode[] | undefined, steps: ReadonlySet<string> = TIME_LETTERS): boolean {
  if (!sub || sub.length === 0) return false;
  // `\tau_i`: DDIM's sub-sequence of time steps. Another letter in the script (`z_{\ell+1}`,
  // `x_{i-1}`) is a layer or an item index, not a time step, unless the formula itself says the
  // letter counts steps (see diffusion's stepLetters: `\alpha_i`, `\epsilon_\theta(x_i, i)`).
  const ids = sub.filter((n) => n.type === 'id');
  if (ids.some((n) => n.name === 'tau')) return true;
  // `x_{t+\Delta t}`: a step of size Δt from t.
  if (ids.some((n) => !steps.has(n.name) && !(n.name === 'Delta' && ids.some((m) => steps.has(m.name))))) return false;
  return ids.length > 0 || sub.some((n) => n.type === 'num');
}

/**
 * The base symbol of a time-indexed variable at the start of `nodes`: `x` for `x_t`,
 * `x_{t-1}`, `x_0` and for the flattened `x t - 1` of text scraped from a rendered page.
 */
export function timeVariable(nodes: readonly MathNode[], steps: ReadonlySet<string> = TIME_LETTERS): string | undefined {
  const n = nodes[0];
  if (!n || n.type !== 'id' || n.name.length === 0) return undefined;
  if (isTimeScript(n.sub, steps)) return n.name;
  const next = nodes[1];
  if (!n.sub && next && next.type === 'id' && (next.name === 't' || next.name === 'T') && !next.sub) return n.name;
  return undefined;
}

/** True for the KL operator in any spelling: `KL`, `\mathrm{KL}`, `D_{KL}`, `D_\text{KL}`, `\mathbb{KL}`, `\DKL`. */
export function isKLOperator(n: MathNode): boolean {
  if (n.type === 'op' && n.name === 'KL') return true;
  return n.type === 'id' && (n.name === 'D' || n.name === 'd') && n.sub !== undefined && n.sub.some((m) => m.type === 'op' && m.name === 'KL');
}

/** True for the Jensen-Shannon operator: `JSD`, `\mathrm{JS}`, `D_{JS}`, `\operatorname{D}_{\text{JS}}`. */
export function isJSOperator(n: MathNode): boolean {
  if (n.type === 'op' && n.name === 'JS') return true;
  return n.type === 'id' && n.name === 'D' && n.sub !== undefined && n.sub.some((m) => m.type === 'op' && m.name === 'JS');
}

/** Applications of the KL operator, with their two arguments. */
export function klApps(ctx: Context): { app: App; first: MathNode[]; second: MathNode[] }[] {
  const out: { app: App; first: MathNode[]; second: MathNode[] }[] = [];
  for (const a of ctx.apps) {
    if (!isKLOperator(a.fn)) continue;
    const children = a.group.children ?? [];
    let first: MathNode[] = [];
    let second: MathNode[] = [];
    if (a.parts.length === 2) [first, second] = a.parts;
    else {
      // `KL(p, q)`: split at the top-level comma.
      const k = children.findIndex((n) => n.type === 'punct' && n.name === ',');
      if (k > 0) { first = children.slice(0, k); second = children.slice(k + 1); }
    }
    out.push({ app: a, first, second });
  }
  return out;
}

/** An application's full TeX, for comparing two densities (`p_\theta(x|z)` equals `p_\theta(x|z)`). */
export function appKey(a: App): string {
  return nodeTex(a.fn) + '(' + tex(a.group.children ?? []) + ')';
}

/** True for an application of a density (`p(x)`, `q_\phi(z|x)`, `P(X|\theta)`, `\tilde p(x)`). */
export function isDensityApp(a: App | undefined): a is App {
  return a !== undefined && isDensityName(a.fn);
}

/** A density letter compared without case, scripts or accents: `P` and `p` are the same distribution. */
export function sameLetter(a: MathNode, b: MathNode): boolean {
  return a.type === 'id' && b.type === 'id' && a.name.toLowerCase() === b.name.toLowerCase();
}

/** The first density symbol of an expectation's measure (`q_\phi` of `q_\phi(z|x)`, `P` of `x \sim P`). */
export function measureDensity(measure: readonly MathNode[]): { node: MathNode; app?: App } | undefined {
  for (let k = 0; k < measure.length; k++) {
    const n = measure[k];
    if (n.type === 'id' && (isDensityName(n) || (k === 0 && measure.length <= 2))) {
      const app = firstApp(measure.slice(k, k + 2));
      return { node: n, app };
    }
  }
  return undefined;
}

/** A log of a ratio of two densities under an average, and what that average is over. */
export interface LogRatio {
  readonly log: LogUse;
  readonly num: App;
  readonly den: App;
  /** `kl` when the average is over the numerator; `elbo` when it is over the denominator (E_q log p/q) or the denominator is unnormalized (p̃). */
  readonly shape: 'kl' | 'elbo';
  readonly weight: string;
  /** True when the ratio is over a joint of more variables than its weight: the negative bound, not a KL. */
  readonly negativeBound?: boolean;
}

/** Finds `\sum_x q(x)\log\frac{q(x)}{p(x)}`, `E_{x\sim P}[\log\frac{p(x)}{q(x)}]`, `E_q[\log\frac{p(x,z)}{q(z|x)}]`. */
export function logRatios(ctx: Context): LogRatio[] {
  const out: LogRatio[] = [];
  for (const log of ctx.logs) {
    if (!log.frac || !log.frac.args) continue;
    const num = firstApp(log.frac.args[0]);
    const den = firstApp(log.frac.args[1]);
    if (!num || !den || num.fn.type !== 'id' || den.fn.type !== 'id') continue;
    if (den.fn.accent === 'tilde' || num.fn.accent === 'tilde') {
      out.push({ log, num, den, shape: 'elbo', weight: '' });
      continue;
    }
    // Which kind a weighed log ratio is also depends on what the two densities are over. A KL compares two densities of
    // the same variables; over a joint of more variables than the weight (`q(z|x) \log \frac{q(z|x)}{p(z, x)}`) the ratio
    // is the negative bound (its gap to the KL is the log evidence), and two densities of one variable under the
    // denominator's average (`\mathbb{E}_q[-\log \frac{p(x_{t-1}|x_t)}{q(x_{t-1}|x_t, x_0)}]`) are a KL, the
    // ELBO's numerator being a joint or the data's density rather than the latent's own.
    const vars = (a: App): string[] => a.main.map((m) => tex(m).replace(/\\mathbf\{(.+)\}$/, '$1'));
    const same = (a: App, b: App): boolean => { const x = vars(a); const y = vars(b); return x.length > 0 && x.length === y.length && x.every((v) => y.includes(v)); };
    const wider = (a: App, b: App): boolean => { const x = vars(a); const y = vars(b); return y.length > x.length && x.length > 0 && x.every((v) => y.includes(v)); };
    const shapeOf = (weighs: 'num' | 'den'): 'kl' | 'elbo' => (weighs === 'num' ? (wider(num, den) ? 'elbo' : 'kl') : (same(num, den) && num.cond.length > 0 && den.cond.length > 0 ? 'kl' : 'elbo'));
    // A weight written in front of the log in the same product: `q(x) \log \frac{q(x)}{p(x)}`.
    let weight: App | undefined;
    for (let k = log.index - 1; k >= 1; k--) {
      const n = log.seq[k];
      if (n.type === 'bin' && n.name !== '*') break;
      if (n.type === 'rel' || (n.type === 'op' && n.name !== 'sum' && n.name !== 'int')) break;
      if (n.type === 'group') {
        const prev = log.seq[k - 1];
        if (prev.type === 'id') { weight = { fn: prev, group: n, main: [], cond: [], params: [], parts: [], seq: log.seq, index: k - 1 }; break; }
      }
    }
    if (weight) {
      const w = appKey(weight);
      if (w === appKey(num)) { out.push({ log, num, den, shape: wider(num, den) ? 'elbo' : 'kl', weight: w, negativeBound: wider(num, den) }); continue; }
      if (w === appKey(den)) { out.push({ log, num, den, shape: ctx.lines.some((l) => l.some((n) => n.type === 'bin' && n.name === '-')) ? 'kl' : 'elbo', weight: w }); continue; }
    }
    for (const e of ctx.expectations) {
      if (e.body !== log.seq && e.seq !== log.seq) continue;
      const m = measureDensity(e.measure);
      if (!m) continue;
      // (`\mathbb{E}_{P(x | \theta^*)}[\log \frac{P(x | \theta^*)}{P(x | \theta)}]`: with one letter for both, the measure's own
      // arguments say which it is.)
      if (m.app && sameLetter(num.fn, den.fn) && appKey(m.app) === appKey(num)) { out.push({ log, num, den, shape: 'kl', weight: appKey(m.app) }); break; }
      if (sameLetter(m.node, num.fn) && !sameLetter(m.node, den.fn)) out.push({ log, num, den, shape: shapeOf('num'), weight: nodeTex(m.node), negativeBound: wider(num, den) });
      else if (sameLetter(m.node, den.fn)) out.push({ log, num, den, shape: shapeOf('den'), weight: nodeTex(m.node) });
      break;
    }
  }
  return out;
}

/** True when the nodes contain a derivative: `\nabla`, `\partial`, `f'`, `\frac{d}{d\theta}`. */
export function hasDerivative(nodes: readonly MathNode[]): boolean {
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.type === 'op' && (n.name === 'nabla' || n.name === 'partial')) return true;
    // `f'(x)`, `L'(\theta)`: a primed function applied. A primed variable standing alone (`\sum_{z'} p(z', x)`,
    // `\pi_{k'}`) is another value of a dummy index, not a derivative.
    if (n.type === 'id' && (n.prime ?? 0) > 0 && n.name !== '' && nodes[i + 1]?.type === 'group' && nodes[i + 1].name === '(') return true;
    if (n.type === 'id' && n.name === 'grad') return true;
    if (n.type === 'frac' && n.args && isDerivativeFrac(n)) return true;
    if (n.children && hasDerivative(n.children)) return true;
    if (n.args) for (const a of n.args) if (hasDerivative(a)) return true;
  }
  return false;
}

/** `\frac{d}{dx}`, `\frac{\partial f}{\partial x}`. */
export function isDerivativeFrac(n: MathNode): boolean {
  const [num, den] = n.args ?? [[], []];
  const isD = (s: readonly MathNode[]): boolean => s.length > 0 && ((s[0].type === 'op' && s[0].name === 'partial') || (s[0].type === 'id' && s[0].name === 'd' && s.length >= 1));
  return isD(num) && isD(den) && den.length >= 2;
}

/** Greek letters that name a distribution's parameters after a semicolon: `p(k; \lambda)`, `p(x; \mu, \sigma)`. */
const DISTRIBUTION_PARAMETERS: ReadonlySet<string> = new Set(['mu', 'sigma', 'lambda', 'pi', 'alpha', 'beta', 'gamma', 'tau', 'kappa', 'nu', 'eta', 'rho']);

/** True when the nodes name a parameter of a model or of a distribution: θ, w, λ, μ, σ, .... */
export function isParameterArg(nodes: readonly MathNode[]): boolean {
  if (isParameter(nodes) || (nodes.length === 1 && nodes[0].type === 'id' && DISTRIBUTION_PARAMETERS.has(nodes[0].name))) return true;
  // `\{\beta_k\}_{k=1}^K`, `\{\mu_j\}`: the set of every component's copy of a parameter is a parameter too.
  const g = nodes.length === 1 && nodes[0].type === 'group' && nodes[0].name === '{' ? nodes[0].children ?? [] : [];
  return g.length === 1 && g[0].type === 'id' && isParameterArg([{ ...g[0], sub: undefined }]);
}

/**
 * True when `\log(1 - o)` is weighted by `(1 - t)`, the complement of a label: the shape of a
 * Bernoulli log-likelihood or a binary cross-entropy, `t \log o + (1 - t) \log(1 - o)`.
 */
export function labelWeighted(log: LogUse): boolean {
  let k = log.index - 1;
  while (k >= 0 && log.seq[k].type === 'bin' && log.seq[k].name === '*') k--;
  const w = log.seq[k];
  const c = w?.type === 'group' ? w.children ?? [] : [];
  return c.length >= 3 && c[0].type === 'num' && c[0].name === '1' && c[1].type === 'bin' && c[1].name === '-';
}

/**
 * `\log p(x) = \int q(z|x) \log p(x)\, dz = \mathbb{E}_{q(z|x)}[\log p(x)]`: every log is the same log evidence,
 * averaged under q only because it does not depend on z. That identity opens the ELBO's derivation but bounds
 * nothing and maximizes nothing: no joint, no log of q, no KL, no optimizer.
 */
export function evidenceAsItsOwnAverage(ctx: Context): boolean {
  if (ctx.logs.length < 2 || ctx.ops.has('KL') || ctx.ops.has('ELBO')) return false;
  const first = ctx.logs[0].app;
  if (!first || !isDensityApp(first) || first.main.length !== 1 || !first.cond.every((c) => isParameter(c))) return false;
  if (!ctx.logs.every((l) => l.app !== undefined && appKey(l.app) === appKey(first) && l.arg.length <= 2)) return false;
  // The average is over another variable (`q(z | x)` for a log of x alone); an average of the log over the data
  // itself (`\mathbb{E}_{x \sim p^*}[\log p(x)] \approx \frac{1}{N}\sum_i \log p(x_i)`) is the expected log-likelihood.
  const v = tex(first.main[0]);
  return ctx.apps.some((a) => isDensityApp(a) && a.main.length > 0 && !a.main.some((m) => tex(m) === v) && !ctx.logs.some((l) => l.app === a || l.app?.fn === a.fn));
}
