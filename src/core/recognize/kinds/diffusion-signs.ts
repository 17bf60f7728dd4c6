/**
 * The signs of a diffusion that need no transition density `q(x_t|x_{t-1})`: the continuous-time and
 * score-based forms (an SDE, a probability-flow ODE, a score of a noised density, a loss averaged over
 * time steps), the forward posterior's moments written as conditional moments, and a worked
 * variance-preserving sample. Split from diffusion.ts, which combines them with the discrete chain's signs.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import { isTimeScript, timeVariable } from '../math';
import { appAt, firstApp, isDensityName, sides, terms, tex } from '../query';

/** True for `\mathrm{d}x` at `seq[k]`: the letter d followed by a variable (`dx`, `dX_t`, `d\mathbf w`). */
export function differentialAt(seq: readonly MathNode[], k: number, names?: ReadonlySet<string>): boolean {
  const d = seq[k];
  const v = seq[k + 1];
  return d !== undefined && d.type === 'id' && d.name === 'd' && !d.sub && v !== undefined && v.type === 'id' && (names === undefined || names.has(v.name));
}

// (ω too: some notes write the Wiener process \omega(t), `dx = f\,dt + g\,d\omega`.)
const BROWNIAN: ReadonlySet<string> = new Set(['w', 'W', 'B', 'omega']);

/**
 * The score-based and continuous-time forms of diffusion, which write no `x_{t-1}`: an SDE
 * `dx = f\,dt + g\,dw`, a score network `s_\theta(x, t)` or the score `\nabla_x \log p_t(x)` of a
 * noised density, the denoiser `\mathbb{E}[x_0 | x_t]`, a loss averaged over time steps and noisy
 * samples, a sample perturbed by scaled noise `x + \sigma_i z`, or `x_t = \alpha(t) x_0 + \sigma(t)\epsilon`.
 * Returns the variant's name, or undefined.
 */
export function continuousSigns(ctx: Context, scheduled: boolean): string | undefined {
  const scoreOf = (timed: boolean): boolean => ctx.logs.some((l) => l.app !== undefined && isDensityName(l.app.fn) && l.seq[l.index - 1]?.type === 'op' && l.seq[l.index - 1].name === 'nabla'
    && (!timed || (l.app.main.length === 1 && timeVariable(l.app.main[0]) !== undefined && !isZero(l.app.main[0][0]))));
  for (const line of ctx.lines) {
    if (differentialAt(line, 0) && line.some((_, k) => differentialAt(line, k, BROWNIAN))) return 'stochastic differential equation';
    // `dx = -\dot\sigma(t)\sigma(t) \nabla_x \log p(x; \sigma(t))\, dt`: the probability-flow ODE, driven by a score.
    if (differentialAt(line, 0) && line.some((_, k) => differentialAt(line, k) && line[k + 1].name === 't') && scoreOf(false)) return 'probability flow ODE';
  }
  if (ctx.lines.some(eulerMaruyama)) return 'sampler step';
  if (tweedie(ctx)) return 'score of the noised density';
  if (ctx.lines.some(fokkerPlanck)) return 'Fokker-Planck equation';
  // `\nabla_{x_t} \log q(x_t) = -\epsilon / \sqrt{1 - \bar\alpha_t}`: the score of the noised marginal at a time step,
  // written in the cumulative schedule.
  if (ctx.nodes.some((n) => n.type === 'id' && n.name === 'alpha' && n.accent === 'bar' && n.sub !== undefined) && scoreOf(true)) return 'score of the noised density';
  // Tweedie's formula, `\nabla_x \log p_\sigma(x) = (D(x; \sigma) - x) / \sigma^2`: the score of a density indexed by its noise
  // level, equated to a residual over the level's square. (The score of a plain Gaussian, `\nabla_x \log \mathcal N(x; \mu, \sigma^2)
  // = -(x - \mu)/\sigma^2`, has no density indexed by a level; the score of the kernel `q_\sigma(\tilde x | x)` is a Gaussian's too.)
  const levelScore = ctx.logs.some((l) => l.app !== undefined && isDensityName(l.app.fn) && (l.app.fn.sub ?? []).some((n) => n.type === 'id' && n.name === 'sigma')
    && l.app.cond.length === 0 && l.seq[l.index - 1]?.type === 'op' && l.seq[l.index - 1].name === 'nabla');
  if (levelScore && ctx.rels.size > 0 && ctx.nodes.some((n) => n.type === 'frac' && (n.args?.[1] ?? []).some((m) => m.type === 'id' && m.name === 'sigma' && m.sup !== undefined))) return 'score of the noised density';
  // `\tilde x + \eta \nabla_{\tilde x} \log p(\tilde x \mid x)`: a sample moved along the score of its own density
  // (the gradient taken in the density's variable, not in a parameter it is conditioned on) is a
  // Langevin or denoising step. Gradient ascent on a parameter, `\theta + \eta\nabla_\theta \log p(x|\theta)`, is not.
  for (const log of ctx.logs) {
    const p = log.app;
    const nabla = log.seq[log.index - 1];
    if (!p || !isDensityName(p.fn) || !nabla || nabla.type !== 'op' || nabla.name !== 'nabla' || p.main.length !== 1) continue;
    const v = tex(p.main[0]);
    // (A bare `\nabla` before a density of one variable, `y + \delta^2 \nabla \log p_Y(y)`, is taken in that variable;
    // Tweedie's formula writes the posterior mean of the clean signal so, the noise variance times the noisy marginal's score.)
    if (nabla.sub ? tex(nabla.sub) !== v : p.cond.length > 0) continue;
    let k = log.index - 2;
    while (k >= 0 && (log.seq[k].type === 'bin' && log.seq[k].name === '*')) k--;
    if (k >= 0 && log.seq[k].type === 'id' && STEP_LETTERS.has(log.seq[k].name)) k--;
    if (k >= 1 && log.seq[k].type === 'bin' && log.seq[k].name === '+' && tex(log.seq.slice(k - 1, k)) === v && (k - 1 === 0 || log.seq[k - 2].type === 'rel')) return 'score step';
  }
  // `\mathcal{L}_{DSM}`: an objective named for denoising score matching, which scores noised samples. Score
  // matching of the data's own density (`\mathcal{L}_{SM}` alone) is not yet a diffusion.
  if (ctx.nodes.some((n) => n.type === 'id' && /^(?:L|J)$/.test(n.name) && /^DSM$/.test(tex(n.sub ?? []).replace(/[{}\s]|\\(?:mathrm|text)/g, '')))) return 'denoising score matching';
  // `\mathbb{E}_{q_\sigma(\tilde x | x)} \|s_\theta(\tilde x) + \frac{\tilde x - x}{\sigma^2}\|^2`: a squared error averaged over the
  // noise kernel, a σ-indexed density of a perturbed copy of the variable it is conditioned on, is denoising score
  // matching whatever the network is called. (An encoder `q_\phi(z|x)` draws another variable.)
  const normed = ctx.nodes.some((n) => n.type === 'par' || (n.type === 'group' && n.name === '||'));
  for (const e of normed ? ctx.expectations : []) {
    const k = firstApp(e.measure);
    if (!k || !isDensityName(k.fn) || !k.fn.sub?.some((n) => n.type === 'id' && n.name === 'sigma') || k.main.length !== 1 || k.cond.length !== 1) continue;
    const [y, x] = [k.main[0], k.cond[0]];
    if (y.length === 1 && x.length === 1 && y[0].type === 'id' && x[0].type === 'id' && y[0].name === x[0].name && y[0].accent === 'tilde' && !x[0].accent) return 'denoising score matching';
  }
  // A score matched to the score of a noised density in a squared error is denoising score matching;
  // a score model on its own (`s_\theta(x) \approx \nabla_x \log p(x)`) is not yet a diffusion.
  const squared = ctx.nodes.some((n) => n.type === 'par' || (n.sup?.length === 1 && n.sup[0].name === '2' && n.type === 'group'));
  for (const log of squared ? ctx.logs : []) {
    const p = log.app;
    const prev = log.seq[log.index - 1];
    if (!p || !isDensityName(p.fn) || !prev || prev.type !== 'op' || prev.name !== 'nabla') continue;
    // The score of a noised density: `p_t`, `p_{\sigma_i}`, or a noisy sample's conditional `q(\tilde x | x)`.
    const noised = p.fn.sub?.some((n) => n.type === 'id' && (n.name === 't' || n.name === 'sigma')) || (p.main[0]?.[0]?.accent === 'tilde' && p.cond.length > 0);
    if (noised) return 'denoising score matching';
  }
  for (const seq of ctx.seqs) {
    for (let k = 0; k < seq.length; k++) {
      const n = seq[k];
      // E[x_0 | x_t]: the optimal denoiser.
      if (n.type === 'group' && n.children && n.children.some((m) => m.type === 'bar')) {
        const bar = n.children.findIndex((m) => m.type === 'bar');
        if (timeVariable(n.children.slice(0, bar)) !== undefined && isZero(n.children[0]) && timeVariable(n.children.slice(bar + 1)) !== undefined && !isZero(n.children[bar + 1])) {
          const e = seq[k - 1];
          if (e && e.type === 'id' && e.name === 'E') return 'denoiser';
        }
      }
      // x + \sigma_i z: a sample perturbed by noise of a level that has an index.
      const next = seq[k + 1];
      if (n.type === 'id' && n.name === 'sigma' && (n.sub || (next?.type === 'group' && seq[k + 2]?.type === 'id' && isNoise(seq[k + 2]))) && next && (isNoise(next) || (next.type === 'bin' && next.name === '*' && seq[k + 2] && isNoise(seq[k + 2])))) {
        const before = seq[k - 1];
        // (`\mu + \sigma \epsilon` is the reparameterisation of a Gaussian, not a sample noised by a level.)
        const base = seq[k - 2];
        if (before && before.type === 'bin' && before.name === '+' && !(base?.type === 'id' && base.name === 'mu')) return 'perturbed sample';
      }
    }
  }
  // A loss averaged over time steps and noisy samples: E_{t, x_0, \epsilon}, E_{x_t \sim ...}; the time may be
  // integrated instead of averaged (`\int_{t_{min}}^{t_{max}} w(t)\, \mathbb{E}_{x_0, x_t}[\dots]\, dt`).
  const integratedT = ctx.ops.has('int') && ctx.seqs.some((seq) => seq.some((_, k) => differentialAt(seq, k) && seq[k + 1].name === 't'));
  for (const e of ctx.expectations) {
    const sub = [...(e.node.sub ?? [])];
    const vars = sub.filter((n) => n.type === 'id');
    const hasT = vars.some((n) => (n.name === 't' || n.name === 'sigma' || n.name === 'lambda') && !n.sub);
    // (The density of the measure, `x \sim p_t(x)`, is no noisy sample: flow matching averages over it too.)
    const hasX0 = vars.some((n) => isZero(n) || (n.sub && !isDensityName(n) && timeVariable([n]) !== undefined && tex(n.sub) === 't'));
    const hasNoise = vars.some(isNoise);
    if (hasT && (hasX0 || hasNoise)) return 'loss over time steps';
    if (integratedT && hasX0 && vars.some((n) => !isZero(n) && timeVariable([n]) !== undefined)) return 'loss over time steps';
  }
  // The same averages nested, `\mathbb{E}_{q(x_0)} \mathbb{E}_t \mathbb{E}_{q(x_{t+1} | x_0)}[...]`: one over the
  // time step, another over the clean data or a noisy sample given it.
  const overT = ctx.expectations.some((e) => (e.node.sub ?? []).some((n) => n.type === 'id' && n.name === 't' && !n.sub));
  const overData = ctx.expectations.some((e) => { const a = firstApp(e.measure); return a !== undefined && isDensityName(a.fn) && (a.main.some((m) => isZero(m[0])) || a.cond.some((c) => isZero(c[0]))); });
  if (overT && overData) return 'loss over time steps';
  // Tweedie's formula, `\mathbb{E}[x_{t-1} | x_t] \approx x_t + \sigma_t^2 \nabla \log p_t(x_t)`: the score of the
  // noised density at a time step, in a relation about the chain's variables.
  if (ctx.rels.size > 0 && ctx.logs.some((l) => l.app && isDensityName(l.app.fn) && l.app.fn.sub?.length === 1 && l.app.fn.sub[0].type === 'id' && l.app.fn.sub[0].name === 't' && l.seq[l.index - 1]?.type === 'op' && l.seq[l.index - 1].name === 'nabla')
    && ctx.nodes.some((n) => n.type === 'id' && n.name !== 'p' && timeVariable([n]) !== undefined && !isZero(n))) return 'score of the noised density';
  // `f(\mathbf x, t) = -\frac12 \beta(t)\, \mathbf x`: the drift of an SDE, a function of the state at time t and of t,
  // set to a schedule of t times that state (the variance-preserving SDE's drift). A right side with no schedule
  // (`f(x_t, t) = -k\, x_t`, an ODE's linear decay) is not this.
  for (const line of scheduled ? ctx.lines.flatMap((l) => l.some((n) => n.type === 'punct') ? splitAtCommas(l) : [l]) : []) {
    const a = appAt(line, 0);
    const { sides: parts, rels } = sides(line);
    if (!a || rels.length !== 1 || a.main.length !== 2 || parts[0].length !== 2) continue;
    const state = timeVariable(a.main[0]) ?? (a.main[0].length === 1 && a.main[0][0].type === 'id' ? a.main[0][0].name : undefined);
    const time = a.main[1].length === 1 && a.main[1][0].type === 'id' && a.main[1][0].name === 't';
    const rhs = parts[1];
    const scheduleOfT = rhs.some((n, k) => n.type === 'id' && (n.name === 'beta' || n.name === 'alpha' || n.name === 'sigma') && rhs[k + 1]?.type === 'group' && tex(rhs[k + 1].children ?? []) === 't');
    if (state && time && scheduleOfT && rhs.some((n) => n.type === 'id' && n.name === state && n !== a.main[0][0])) return 'drift';
  }
  // `\alpha_t \mathbf x + \sigma_t \boldsymbol\epsilon`, `\mathbf v = \alpha_t \boldsymbol\epsilon - \sigma_t \mathbf x`: the clean sample
  // and the noise each weighed by one of the schedule's two coefficients at a time step (VDM's notation, where the
  // clean sample has no index, and the v-prediction target). The reparameterisation `\mu + \sigma\epsilon` has no
  // coefficient at a step.
  for (const seq of ctx.seqs) {
    const weighed = (coef: string, target: (n: MathNode) => boolean): boolean => seq.some((n, k) => n.type === 'id' && n.name === coef && (n.sub ?? []).some((m) => m.type === 'id' && m.name === 't') && isTimeScript(n.sub) && !n.sup && seq[k + 1] !== undefined && target(seq[k + 1]));
    const variable = (n: MathNode): boolean => n.type === 'id' && n.name.length === 1 && /[xyz]/.test(n.name) && (!n.sub || isZero(n));
    if ((weighed('alpha', isNoise) && weighed('sigma', variable)) || (weighed('alpha', variable) && weighed('sigma', isNoise))) return 'forward process';
  }
  // x_t = \alpha(t) x_0 + \sigma(t) \epsilon, v = \alpha(t)\epsilon - \sigma(t) x_0: continuous-time forward process.
  if (scheduled && ctx.nodes.some(isNoise) && ctx.nodes.some(isZero)) return 'forward process';
  if (scheduled && ctx.apps.some((a) => isDensityName(a.fn) && a.cond.some((c) => c.length === 1 && isZero(c[0])) && a.main.some((m) => timeVariable(m) !== undefined))) return 'forward process';
  // The perturbed density `p_{\sigma}(x) = \int p(y) \mathcal{N}(x; y, \sigma^2 I) dy`.
  for (const line of ctx.lines) {
    const a = appAt(line, 0);
    if (!a || !isDensityName(a.fn) || !a.fn.sub?.some((n) => n.type === 'id' && n.name === 'sigma')) continue;
    const gauss = ctx.apps.find((g) => g.fn.type === 'id' && g.fn.name === 'N' && line.includes(g.fn));
    if (!gauss && !line.some((n) => n.type === 'id' && n.name === 'N')) continue;
    // A conditional density is the perturbation kernel `p_\sigma(\tilde x | x) = \mathcal N(\tilde x; x, \sigma^2 I)` only when the
    // Gaussian is centred on what it is conditioned on (noise added to it); `Q_\sigma(z | X) = \mathcal N(z | \mu_\sigma(X), \dots)`
    // with the mean a function of it is an encoder or a decoder of a VAE.
    const args = gauss ? [...gauss.main, ...gauss.cond, ...gauss.params].map(tex) : [];
    if (a.cond.length === 0 || a.cond.some((c) => args.includes(tex(c)))) return 'perturbed density';
  }
  return undefined;
}

/** A line cut at its top-level commas: `f(x, t) = \dots,\ g(t) = \dots` defines two things. */
function splitAtCommas(line: readonly MathNode[]): MathNode[][] {
  const out: MathNode[][] = [[]];
  for (const n of line) {
    if (n.type === 'punct' && n.name === ',') out.push([]);
    else out[out.length - 1].push(n);
  }
  return out;
}

/** Letters for the size of a sampler's step. */
// (σ: Tweedie's and annealed Langevin's coefficient is a noise level's square, `\sigma^2 \nabla \log p`.)
const STEP_LETTERS: ReadonlySet<string> = new Set(['eta', 'epsilon', 'alpha', 'delta', 'tau', 'gamma', 'lambda', 'sigma']);

/** ε, ξ or z: the noise a diffusion adds. */
export function isNoise(n: MathNode): boolean {
  return n.type === 'id' && (n.name === 'epsilon' || n.name === 'z' || n.name === 'xi') && !n.accent;
}

/** `x_0`: a variable at time step zero (the clean data). */
export function isZero(n: MathNode | undefined): boolean {
  return n !== undefined && n.type === 'id' && n.name.length === 1 && n.sub?.length === 1 && n.sub[0].type === 'num' && n.sub[0].name === '0';
}

/**
 * The forward posterior's moments written as such: `\mathrm{Var}_q[x_t \mid x_0, x_{t+1}]`, `\mathbb{E}[x_{t-1} \mid x_t, x_0]`
 * (a moment of one step given the clean sample and a neighbouring step), or a conditional covariance
 * or mean (`\Sigma_{Y|X}`, `\mu_{Y|X}`) worked out in the cumulative schedule `\bar\alpha`. A Gaussian
 * conditional of linear algebra with no time step (`\Sigma_{Y|X} = \Sigma_{YY} - \dots`) is not one.
 */
export function posteriorMoments(ctx: Context, steps: ReadonlySet<string>, cumulative: boolean): string | undefined {
  for (const seq of ctx.seqs) {
    for (let k = 1; k < seq.length; k++) {
      const g = seq[k];
      const op = seq[k - 1];
      if (g.type !== 'group' || !op || (op.type !== 'id' && op.type !== 'op') || !/^(?:Var|E|Cov|V|mathbb)$/.test(op.name)) continue;
      const c = g.children ?? [];
      const bar = c.findIndex((n) => n.type === 'bar');
      if (bar <= 0) continue;
      const given = c.slice(bar + 1);
      const main = timeVariable(c.slice(0, bar), steps);
      const zero = given.some((n) => isZero(n));
      const neighbour = given.some((n) => n.type === 'id' && !isZero(n) && timeVariable([n], steps) !== undefined);
      if (main !== undefined && !isZero(c[0]) && zero && neighbour) return 'forward posterior';
    }
  }
  if (!cumulative && !ctx.nodes.some((n) => n.type === 'id' && n.name === 'alpha' && n.accent === 'bar' && n.sub !== undefined)) return undefined;
  for (const line of ctx.lines) {
    const lhs = line[0];
    if (!lhs || lhs.type !== 'id' || !/^(?:Sigma|sigma|mu)$/.test(lhs.name) || !(lhs.sub ?? []).some((n) => n.type === 'bar') || !line.some((n) => n.type === 'rel')) continue;
    return 'forward posterior';
  }
  return undefined;
}

/**
 * `x_2 = 0.9\,x_0 + 0.436\,\epsilon`: a later step written from the clean sample and noise with numbers
 * whose squares add up to one, the variance-preserving forward process worked out. An AR(1) step
 * from the previous value (`x_2 = 0.9 x_1 + 0.5\epsilon`) or weights that do not preserve the variance
 * are not this.
 */
export function varianceSplit(ctx: Context): boolean {
  if (ctx.lines.length !== 1) return false;
  const { sides: parts, rels } = sides(ctx.lines[0]);
  if (rels.length !== 1 || parts[0].length !== 1) return false;
  const lhs = parts[0][0];
  if (lhs.type !== 'id' || isZero(lhs) || !lhs.sub) return false;
  const rhs = parts[1].filter((n) => !(n.type === 'bin' && n.name === '*'));
  if (rhs.length !== 5 || rhs[2].type !== 'bin' || rhs[2].name !== '+') return false;
  const [a, x0, , b, eps] = rhs;
  if (a.type !== 'num' || b.type !== 'num' || !isZero(x0) || x0.name !== lhs.name || !isNoise(eps)) return false;
  const sum = Number(a.name) ** 2 + Number(b.name) ** 2;
  return Math.abs(sum - 1) < 0.02;
}

/**
 * `x_{t+h} = x_t + f(x_t, t)\, h + g(t)\sqrt{h}\, \epsilon`, `X_{n+1} = X_n + \mu(X_n)\Delta t + \sigma(X_n)\sqrt{\Delta t}\, Z_n`:
 * the Euler-Maruyama step of an SDE (a diffusion's sampler, unadjusted Langevin with `\sqrt{2h}`). The variable at
 * the next step is its value at this one, plus a drift times the step h, plus noise times the root of that same h,
 * since a Brownian increment over h has standard deviation sqrt(h). A random walk (no drift term) and an AR(1) (no
 * root of the step) do not qualify.
 */
function eulerMaruyama(line: readonly MathNode[]): boolean {
  const { sides: parts, rels } = sides(line as MathNode[]);
  if (rels.length === 0 || parts[0].length !== 1 || parts[0][0].type !== 'id' || !parts[0][0].sub) return false;
  const target = parts[0][0];
  // (What follows a top-level comma, `\quad \epsilon \sim \mathcal N(0, I)`, is a side condition.)
  const rhs0 = parts[1];
  const comma = rhs0.findIndex((n) => n.type === 'punct' && n.name === ',');
  const ts = terms(comma > 0 ? rhs0.slice(0, comma) : rhs0).map((t) => t.nodes.filter((n) => !(n.type === 'bin' && n.name === '*')));
  if (ts.length < 3) return false;
  const first = ts[0];
  if (first.length !== 1 || first[0].type !== 'id' || first[0].name !== target.name || tex(first[0].sub ?? []) === tex(target.sub ?? [])) return false;
  const noisy = (n: MathNode | undefined): boolean => n !== undefined && (isNoise(n) || (n.type === 'id' && n.name === 'Z' && !n.accent));
  const stepOf = (t: readonly MathNode[]): string | undefined => {
    if (!noisy(t[t.length - 1])) return undefined;
    const root = t.find((n) => n.type === 'sqrt');
    // (`\sqrt{2h}`: a number may scale the step under the root.)
    const arg = (root?.args?.[0] ?? []).filter((n) => !(n.type === 'bin' && n.name === '*'));
    const inside = arg[0]?.type === 'num' ? arg.slice(1) : arg;
    return inside.length > 0 ? tex(inside).replace(/\s/g, '') : undefined;
  };
  const noiseTerm = ts.slice(1).find((t) => stepOf(t) !== undefined);
  const h = noiseTerm ? stepOf(noiseTerm) : undefined;
  if (!noiseTerm || !h) return false;
  // The drift: another term with the same step as a factor outside any root.
  // (A one-letter step must stand as a factor of its own; `\Delta t` is read from the term's spelling.)
  const flat = (n: MathNode): string => tex([n]).replace(/\s/g, '');
  return ts.slice(1).some((t) => t !== noiseTerm && !t.some((n) => n.type === 'sqrt')
    && (t.some((n) => flat(n) === h) || (h.length > 1 && tex(t).replace(/\s/g, '').includes(h))));
}

/**
 * `\nabla \log p_Y(y) = -\frac{1}{\sigma^2}(y - \mathbb{E}[X \mid Y = y])`: Tweedie's formula solved for the score. The
 * score of the noisy observation's density is equated to the gap between the denoiser (the clean signal's mean given
 * the observation) and the observation, over the noise variance. All three must show: the score of a density of one
 * variable (the gradient bare or in that variable), an expectation conditioned on that variable, and a squared level.
 * Fisher's identity, `\nabla_\theta \log p_\theta(x) = \mathbb{E}[\nabla_\theta \log p_\theta(x, z) \mid x]`, differentiates in a parameter.
 */
function tweedie(ctx: Context): boolean {
  if (ctx.rels.size === 0) return false;
  const variance = ctx.nodes.some((n) => n.type === 'id' && (n.name === 'sigma' || n.name === 'delta') && n.sup?.length === 1 && n.sup[0].name === '2');
  if (!variance) return false;
  return ctx.logs.some((l) => {
    const p = l.app;
    const nabla = l.seq[l.index - 1];
    if (!p || !isDensityName(p.fn) || p.cond.length > 0 || p.main.length !== 1 || nabla?.type !== 'op' || nabla.name !== 'nabla') return false;
    const v = tex(p.main[0]).replace(/\s/g, '');
    if (nabla.sub && tex(nabla.sub).replace(/\s/g, '') !== v) return false;
    return ctx.expectations.some((e) => {
      const body = tex([...e.measure, ...e.body]).replace(/\s/g, '');
      const bar = body.search(/\||\\mid/);
      return bar >= 0 && body.slice(bar).includes(v);
    });
  });
}

/**
 * `\frac{\partial p_t(x)}{\partial t} = -\nabla \cdot [f p_t] + \frac{1}{2} g^2 \nabla^2 p_t`: the Fokker-Planck equation, how the
 * density of an SDE's state evolves: its time derivative is a divergence (the drift carrying mass) plus a second-order
 * term (the noise spreading it). The density must be differentiated in time on the left, and the right must hold both a
 * divergence and a second derivative; an integration by parts (`\int \phi \nabla \cdot (fp)`) has no time derivative.
 */
function fokkerPlanck(line: readonly MathNode[]): boolean {
  const { sides: parts, rels } = sides(line as MathNode[]);
  if (rels.length !== 1 || rels[0] !== '=') return false;
  const [lhs, rhs] = parts.map((x) => tex(x).replace(/\s/g, ''));
  const timeDerivative = /^\\frac\{\\partial(?:p|\\rho|q)[^}]*\}\{\\partial(?:t|s|\\tau)\}/.test(lhs) || /^\\partial_\{?(?:t|s|\\tau)\}?(?:p|\\rho|q)/.test(lhs);
  return timeDerivative && /\\nabla(?:_\{?\w+\}?)?\\cdot/.test(rhs) && /\\nabla(?:_\{?\w+\}?)?\^\{?2|\\Delta|\\partial\^\{?2/.test(rhs);
}
