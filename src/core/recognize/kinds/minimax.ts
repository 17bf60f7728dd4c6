/**
 * GAN games: `\min_G \max_D V(D,G)`, the discriminator's and the generator's losses
 * (saturating `\log(1-D(G(z)))`, non-saturating `\log D(G(z))`), WGAN's critic
 * `E[D(x)] - E[D(G(z))]` and the least-squares form. A `\min` over something that is
 * not a game (no second player, no discriminator) is not one.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { allNodes, firstApp, isDensityName, nodeTex, some, terms, tex, type App } from '../query';
import { labelWeighted } from '../math';

/**
 * Whether a function's letter can name a player: plain, or calligraphic as some papers write
 * them (\mathcal{D}, \mathcal{G}), except the calligraphic letters conventionally kept for a
 * normal distribution and a loss.
 */
function playerFont(fn: MathNode): boolean {
  if (!fn.font) return true;
  return fn.font === 'cal' && fn.name !== 'N' && fn.name !== 'L';
}

/** A data variable as GAN notes write it: x or X, bold, or a vector macro (`\xvec`, `\vx`, `\bx`). */
const DATA_VARIABLE = /^(?:x|X|xvec|vx|bx|bfx|xb)$/;

/** The formula is `\log D(x)` alone (a leading minus allowed), D a discriminator's letter and x a data variable. */
function loneRealTerm(ctx: Context): boolean {
  if (ctx.lines.length !== 1) return false;
  const written = ctx.lines[0];
  // (`\log(D(x))`: the log's argument in its own parentheses is the same term.)
  const last = written[written.length - 1];
  const line = last?.type === 'group' && (last.name === '(' || last.name === '[') && !last.sub && !last.sup && written.length <= 3 && written[written.length - 2]?.type === 'op' ? [...written.slice(0, -1), ...(last.children ?? [])] : written;
  const k = line[0]?.type === 'bin' && line[0].name === '-' ? 1 : 0;
  const [log, d, g] = [line[k], line[k + 1], line[k + 2]];
  if (line.length !== k + 3 || log?.type !== 'op' || log.name !== 'log' || d?.type !== 'id' || d.name !== 'D' || !playerFont(d) || g?.type !== 'group') return false;
  const arg = g.children ?? [];
  return arg.length === 1 && arg[0].type === 'id' && DATA_VARIABLE.test(arg[0].name);
}

/** `F(G(z))`: a function applied to the output of another function (the generator's sample). */
function compositions(ctx: Context): { outer: App; inner: App }[] {
  const out: { outer: App; inner: App }[] = [];
  for (const a of ctx.apps) {
    if (a.fn.type !== 'id' || isDensityName(a.fn) || a.fn.name === 'E' || !playerFont(a.fn)) continue;
    // (A conditional GAN gives both players the side information, `D(G(z \mid y) \mid y)`: the condition after the bar.)
    if (a.main.length !== 1) continue;
    const inner = firstApp(a.main[0]);
    if (!inner || inner.fn.type !== 'id' || isDensityName(inner.fn) || !playerFont(inner.fn)) continue;
    // The player scores the other's output itself: `D(G(z))`, not `\delta(x - G(z))` (a point mass at a
    // network's output) nor `k(x - G(z))`, where the output is only part of the argument.
    if (a.main[0].some((n) => n.type === 'bin' || n.type === 'rel')) continue;
    out.push({ outer: a, inner });
  }
  return out;
}

/** The application a log is taken of, and whether it is `1 - F(...)`. */
function logTarget(arg: readonly MathNode[]): { app: App; oneMinus: boolean } | undefined {
  let s = arg as MathNode[];
  let oneMinus = false;
  if (s.length >= 3 && s[0].type === 'num' && s[0].name === '1' && s[1].type === 'bin' && s[1].name === '-') {
    s = s.slice(2);
    oneMinus = true;
  }
  const app = firstApp(s.slice(0, 2));
  return app ? { app, oneMinus } : undefined;
}

/** True when an optimization over the player D or G ranges over a function of that player and one other argument. */
function oneSide(ctx: Context, ops: readonly MathNode[]): boolean {
  for (const op of ops) {
    const sub = op.sub ?? [];
    if (sub.length !== 1 || sub[0].type !== 'id' || (sub[0].name !== 'D' && sub[0].name !== 'G')) continue;
    const player = sub[0].name;
    // (`\max_D P(D, H)`: a probability of data D is no value function.)
    if (ctx.apps.some((a) => a.fn.type === 'id' && /^[A-OR-Z]$/.test(a.fn.name) && a.fn.name !== 'N' && a.fn.name !== player && a.main.length === 2 && a.cond.length === 0
      && a.main.some((m) => m[0]?.type === 'id' && m[0].name === player) && a.main.some((m) => !(m[0]?.type === 'id' && m[0].name === player)))) return true;
  }
  return false;
}

/** Detects a GAN objective. */
export function detectMinimax(ctx: Context): Hit | null {
  const allComps = compositions(ctx);
  // The discriminator: a function applied to a generated sample, or the conventional D.
  // A composition inside a norm (`\|E f(x) - E f(G(z))\|^2`) is feature matching: a loss on
  // statistics, not a game between two players.
  const insideNorm = new Set<MathNode>();
  for (const n of ctx.nodes) if (n.type === 'group' && (n.name === '||' || n.name === '\\|')) for (const m of allNodes(n.children ?? [])) insideNorm.add(m);
  const comps = allComps.filter((c) => !c.outer.seq.some((n) => n.type === 'par') && !insideNorm.has(c.outer.fn));
  if (allComps.length > 0 && comps.length === 0) return null;
  const discriminators = new Set<string>(comps.map((c) => c.outer.fn.name));
  for (const a of ctx.apps) if (a.fn.type === 'id' && a.fn.name === 'D' && playerFont(a.fn)) discriminators.add('D');
  // `\log d(x)` beside `\log(1 - d(\tilde x))`: whatever its letter, d scores real against fake.
  for (const name of pairedLogFunctions(ctx)) discriminators.add(name);
  const minOps: MathNode[] = [];
  const maxOps: MathNode[] = [];
  // `\max(0, 1 - m)` applied to a list of arguments is the function, not an optimization.
  const functional = new Set<MathNode>();
  for (const seq of ctx.seqs) {
    for (let k = 0; k + 1 < seq.length; k++) {
      const n = seq[k];
      const g = seq[k + 1];
      if (n.type === 'op' && !n.sub && g.type === 'group' && g.name === '(' && (g.children ?? []).some((c) => c.type === 'punct' && c.name === ',')) functional.add(n);
    }
  }
  for (const n of ctx.nodes) {
    if (functional.has(n)) continue;
    if (n.type === 'op' && (n.name === 'min' || n.name === 'inf' || n.name === 'argmin')) minOps.push(n);
    if (n.type === 'op' && (n.name === 'max' || n.name === 'sup' || n.name === 'argmax')) maxOps.push(n);
  }
  let logD = 0;
  let logOneMinus = 0;
  let logOfComposition = 0;
  let oneMinusComposition = 0;
  for (const log of ctx.logs) {
    const t = logTarget(log.arg);
    if (!t || !discriminators.has(t.app.fn.name)) continue;
    const composed = t.app.main.length === 1 && firstApp(t.app.main[0]) !== undefined;
    if (t.oneMinus) { logOneMinus++; if (composed) oneMinusComposition++; } else { logD++; if (composed) logOfComposition++; }
  }
  const twoPlayers = twoPlayersOf(minOps, maxOps);
  const optimized = minOps.length > 0 || maxOps.length > 0;
  const valueFn = ctx.apps.some((a) => a.main.length === 2 && a.cond.length === 0 && a.main.every((m) => m.length === 1 && m[0].type === 'id' && /^[A-Z]$/.test(m[0].name))) && comps.length > 0;
  // `\min_g \max_d v(g, d)`: a value function of exactly the two players optimized over.
  const players = new Set([...minOps, ...maxOps].map((n) => tex(n.sub ?? [])));
  // (Several players on each side, `\min_{G,F} \max_{D_X,D_Y} \mathcal{L}(G, F, D_X, D_Y)` as CycleGAN writes it: the function
  // takes every player named under the min and the max, each a network's capital letter: a Lagrangian's saddle point
  // `\min_{x,y} \max_{\lambda,\mu} L(x, y, \lambda, \mu)` is over variables and multipliers.)
  const playerNames = [...minOps, ...maxOps].flatMap((n) => tex(n.sub ?? []).split(','));
  const valueOfPlayers = twoPlayersOf(minOps, maxOps) && ctx.apps.some((a) => a.cond.length === 0 && ((a.main.length === 2 && a.main.every((m) => players.has(tex(m))))
    || (a.main.length > 2 && playerNames.length === a.main.length && playerNames.every((p) => /^[A-Z]/.test(p) && a.main.some((m) => tex(m) === p)))));
  const logs = logD + logOneMinus;
  let game = false;
  if (twoPlayers && (logs > 0 || comps.length > 0 || valueFn || valueOfPlayers || ctx.ids.has('V'))) game = true;
  else if (logs > 0 && (comps.length > 0 || optimized)) game = true;
  else if (valueFn) game = true;
  // `\log d(x) + \log(1 - d(\tilde x))` averaged over two distributions: the game's value written out.
  // (Weighted by a label and its complement, `y \log f + (1-y)\log(1-f)`, the same logs are a
  // classifier's likelihood, not a game.)
  else if (logD > 0 && logOneMinus > 0 && (ctx.expectations.length >= 2 || ctx.ops.has('int') || ctx.ops.has('sum')) && !ctx.logs.some(labelWeighted)) game = true;
  // `\log D(x)`, `-\log D_\phi(\mathbf x)` written alone: the discriminator's log-score of a real sample, the
  // real-data term of the game named on its own (as `\log D(G(z))` names the generator's). Only D, the letter
  // GAN notes keep for the discriminator, of a data variable: `\log p(x)` or `\log f(x)` is no player's term.
  else if (logD === 1 && logOneMinus === 0 && loneRealTerm(ctx)) game = true;
  let variant = comps.length === 0 && logs === 1 && loneRealTerm(ctx) ? 'real-data term' : '';
  if (logs === 0 && comps.length > 0) {
    // No log: WGAN's critic (a difference of averages) or least squares (squared distances to labels),
    // alone or inside a min-max (`\min_G \max_D E[D(x)] - E[D(G(z))]` is WGAN's, not the saturating game).
    const c = comps[0];
    const squared = hasSquare(ctx, c.outer.fn.name);
    const averaged = ctx.expectations.length > 0 || optimized || ctx.ops.has('sum');
    const realToo = ctx.apps.some((a) => a.fn.name === c.outer.fn.name && a !== c.outer && a.main.length === 1 && !firstApp(a.main[0]));
    // `-\frac1m\sum f_w(g_\theta(z^{(i)}))`: the generator's loss alone, its sample drawn from noise.
    // (Squared against a label, `(D(G(x)) - 1)^2`, D of G's output is the least-squares generator loss whatever G
    // maps from: CycleGAN's generators translate an image x.)
    const generated = comps.some((x) => isGeneratorSample(x.inner) || (squared && x.outer.fn.name === 'D' && x.inner.fn.name === 'G'));
    // The real sample's score against the generated one's is a difference (`E[D(x)] - E[D(G(z))]`), or sits
    // under the players' optimization; the same function of a sample and of a reparameterized sample set
    // equal (`E_q[f(z)] = E_{p(\epsilon)}[f(g(\epsilon))]`) is the reparameterization trick, no game.
    const opposed = realToo && opposite(ctx, c.outer.fn.name);
    if ((averaged && ((realToo && (opposed || optimized || squared)) || (generated && !(realToo && !opposed && !optimized)))) || (opposed && !ctx.lines.some((l) => l.some((n) => n.type === 'rel')))) { game = true; variant = squared ? 'least-squares' : 'wasserstein'; }
  }
  if (!game && logs === 0 && wassersteinDual(ctx, maxOps)) { game = true; variant = 'wasserstein'; }
  if (!game && logs === 0 && criticObjective(ctx)) { game = true; variant = 'critic'; }
  // `mean(D(fake)) - mean(D(real))`, `D(x_{real}) - D(x_{fake})`: the critic's scores of samples named real and
  // fake (or generated), subtracted, is WGAN's critic loss as code writes it.
  const named = realAndFake(ctx);
  if (!game && named && opposite(ctx, named)) { game = true; variant = logs > 0 ? 'saturating' : 'wasserstein'; }
  // `L_D = \text{Error}(D(x), 1) + \text{Error}(D(G(z)), 0)`: a loss named for a player, scoring the
  // generated sample, is that player's side of the game whatever distance it uses.
  if (!game && comps.length > 0 && playerLossOnLeft(ctx)) game = true;
  // `L_{critic} = \frac1m \sum_i [f_w(\tilde x^{(i)}) - f_w(x^{(i)})]`: a critic (a function of weights w) on a
  // generated sample against a real one, subtracted, in a loss named for a player.
  if (!game && logs === 0 && playerLossOnLeft(ctx) && criticGap(ctx)) { game = true; variant = 'wasserstein'; }
  // `\mathcal{L}_{GAN}(G, D_Y, X, Y) + \lambda \mathcal{L}_{cyc}(G, F)`: objectives built from losses named as a GAN's.
  if (!game && ctx.nodes.some((n) => n.type === 'id' && /^(?:L|J|ell)$/.test(n.name) && (n.sub ?? []).some((m) => /^(?:GAN|gan|adv|cGAN)$/.test(m.name)))) game = true;
  // `\max_D V(G, D)`, `\sup_D U(p_g, D)`, `\min_G V(G, D^*_G)`: one player's side of the game, an optimization over
  // the discriminator D (or generator G) of a function of it and of the other player or its distribution. Only the
  // letters GAN notes keep for the players count: `\max_y f(x, y)` or `\max_\theta \ell(\theta, x)` is plain optimization.
  if (!game && oneSide(ctx, [...minOps, ...maxOps])) game = true;
  if (!game) return null;
  if (!variant) {
    if (logOfComposition > 0 && oneMinusComposition === 0) variant = 'non-saturating';
    else if (logD === 1 && logOneMinus === 0 && maxOps.length > 0 && minOps.length === 0) variant = 'non-saturating';
    else variant = 'saturating';
  }
  const roles: Record<string, string> = { variant };
  const c = comps[0];
  if (c) {
    roles.generator = tex([c.inner.fn]);
    roles.discriminator = tex([c.outer.fn]);
    if (c.inner.main.length > 0) roles.noise = tex(c.inner.main[0]);
  } else if (discriminators.size > 0) roles.discriminator = [...discriminators][0];
  for (const a of ctx.apps) {
    if (roles.discriminator && a.fn.name === roles.discriminator && a.main.length === 1 && !firstApp(a.main[0])) { roles.data = tex(a.main[0]); break; }
  }
  for (const e of ctx.expectations) {
    const m = tex(e.measure);
    if (/data|real|\^\*/.test(m) && !roles.data_distribution) roles.data_distribution = m;
    else if (m && !roles.noise_distribution && roles.noise && tex(e.variable) === roles.noise) roles.noise_distribution = m;
  }
  if (twoPlayers) {
    roles.generator ??= tex(minOps[0].sub ?? []);
    roles.discriminator ??= tex(maxOps[0].sub ?? []);
  }
  return { kind: 'minimax', confidence: twoPlayers || comps.length > 0 ? 0.9 : 0.75, roles };
}

/** True when the discriminator's output is squared somewhere: `(D(x) - 1)^2`, `D(G(z))^2`. */
function hasSquare(ctx: Context, name: string): boolean {
  for (const line of ctx.lines) {
    for (const n of allNodes(line)) {
      if (!n.sup || n.sup.length !== 1 || n.sup[0].name !== '2') continue;
      if (n.type === 'group' && (n.children ?? []).some((m) => m.type === 'id' && m.name === name)) return true;
      if (n.type === 'group') return true;
    }
  }
  return false;
}

/** True when some min and some max are taken over different things: two players. */
function twoPlayersOf(minOps: readonly MathNode[], maxOps: readonly MathNode[]): boolean {
  return minOps.length > 0 && maxOps.length > 0 && minOps.some((m) => maxOps.some((x) => tex(m.sub ?? []) !== tex(x.sub ?? [])));
}

/** Functions (not densities, not a sigmoid) whose log and log of one minus both appear. */
function pairedLogFunctions(ctx: Context): string[] {
  const plain = new Set<string>();
  const oneMinus = new Set<string>();
  for (const log of ctx.logs) {
    const t = logTarget(log.arg);
    if (!t || t.app.fn.type !== 'id' || isDensityName(t.app.fn) || t.app.fn.name === 'E' || t.app.fn.name === 'sigma' || !playerFont(t.app.fn)) continue;
    (t.oneMinus ? oneMinus : plain).add(t.app.fn.name);
  }
  return [...plain].filter((n) => oneMinus.has(n));
}

/** `g_\theta(z)`, `G(z^{(i)})`, `G(\mathbf z)`: a generator's letter applied to noise. */
function isGeneratorSample(a: App): boolean {
  if (a.fn.type !== 'id' || (a.fn.name !== 'G' && a.fn.name !== 'g')) return false;
  const arg = a.main[0];
  // Noise alone: `g_\phi(\epsilon, x)` of a noise and a data point is a reparameterized sample of an encoder.
  return a.main.length === 1 && arg !== undefined && arg.length === 1 && arg[0].type === 'id' && (arg[0].name === 'z' || arg[0].name === 'epsilon' || arg[0].name === 'xi');
}

/**
 * The Wasserstein distance in its dual form: a sup over 1-Lipschitz functions (`\|f\|_L \le 1`)
 * or over a critic's weights (`w \in \mathcal W`) of the difference of one function's averages
 * under two distributions.
 */
function wassersteinDual(ctx: Context, maxOps: readonly MathNode[]): boolean {
  const over = maxOps.find((m) => {
    const sub = m.sub ?? [];
    const lipschitz = sub.some((n) => n.type === 'par' && n.sub?.some((k) => k.type === 'id' && k.name === 'L')) || sub.some((n) => n.type === 'text' && /lipschitz/i.test(n.name));
    const weights = sub.length >= 1 && sub[0].type === 'id' && sub[0].name === 'w';
    // `\sup_{T \in \mathcal{T}}`: over a class of critics (f-GAN's variational bound).
    const critics = sub.length >= 3 && sub[0].type === 'id' && sub[0].name.length === 1 && sub[1].type === 'rel' && sub[1].name === 'in' && sub[2].font === 'cal';
    return lipschitz || weights || critics || kantorovich(sub);
  });
  if (!over) return false;
  // Kantorovich's dual: two potentials under the two distributions, constrained together by the cost.
  if (kantorovich(over.sub ?? []) && ctx.expectations.length >= 2) return true;
  const bodies = ctx.expectations.map((e) => firstApp(e.body.length > 0 ? e.body : []));
  const apps = bodies.filter((a): a is App => a !== undefined && a.fn.type === 'id' && !isDensityName(a.fn));
  const fns = apps.map((a) => a.fn.name);
  // The same critic under both distributions, or the critic under one and a function of it under the
  // other (`\mathbb{E}_p[T(x)] - \mathbb{E}_q[f^*(T(x))]`).
  const critic = fns[0];
  const sameCritic = fns.every((f) => f === critic) || apps.slice(1).every((a) => a.main.length === 1 && firstApp(a.main[0])?.fn.name === critic);
  return ctx.expectations.length >= 2 && fns.length >= 2 && sameCritic;
}

/** True when a line starts with a loss named for a player, `L_D`, `\mathcal{L}_G`, `J^{(D)}`, `\ell_G`, set equal to something. */
function playerLossOnLeft(ctx: Context): boolean {
  const player = (script: readonly MathNode[] | undefined): boolean => {
    const ids = (script ?? []).filter((n) => n.type === 'id');
    // `L_D`, `J^{(G)}`, or the player's name spelt out: `L_{critic}`, `\mathcal{L}_{disc}`, `L_{gen}`.
    return (ids.length === 1 && (ids[0].name === 'D' || ids[0].name === 'G')) || (ids.length === 1 && /^(?:critic|disc|dis|gen|discriminator|generator)$/.test(ids[0].name));
  };
  return ctx.lines.some((line) => {
    const f = line[0];
    const rel = line[1];
    return f !== undefined && f.type === 'id' && /^(?:L|J|ell|V)$/.test(f.name) && (player(f.sub) || player(f.sup)) && rel?.type === 'rel' && rel.name === '=';
  });
}

/**
 * `\sup_{f, g:\ f(x) + g(y) \le \|x - y\|}`: Kantorovich's dual of optimal transport, a sup over two
 * potentials whose sum is bounded by the transport cost (a norm or distance of x - y). A sup over a set
 * of numbers (`\sup\{x : x^2 < 2\}`) has no such constraint.
 */
function kantorovich(sub: readonly MathNode[]): boolean {
  const nodes = [...allNodes(sub)];
  const bound = nodes.some((n) => n.type === 'rel' && (n.name === '<=' || n.name === 'le' || n.name === 'leq' || n.name === '\u2264'));
  const cost = nodes.some((n) => n.type === 'par' || (n.type === 'group' && (n.name === '||' || n.name === '\\|')) || (n.type === 'id' && n.name === 'c'));
  const potentials = nodes.filter((n) => n.type === 'id' && /^(?:f|g|phi|psi|u|v)$/.test(n.name));
  return bound && cost && new Set(potentials.map((n) => n.name)).size >= 2;
}

/** True when two applications of `name`, one to a real sample and one to a generated one, stand in terms of opposite signs. */
function opposite(ctx: Context, name: string): boolean {
  for (const line of ctx.seqs) {
    const ts = terms(line);
    const signs = ts.filter((t) => some(t.nodes, (n) => n.type === 'id' && n.name === name)).map((t) => t.sign);
    if (signs.includes(1) && signs.includes(-1)) return true;
  }
  return false;
}

/**
 * A critic's objective: the same function averaged under the data and under the model, subtracted,
 * `\mathbb{E}_{x\sim p_{data}}[E(x)] - \mathbb{E}_{x \sim q}[E(x)]` (an energy or a critic), or a critic under
 * one distribution against the conjugate of it under the other, `\mathbb{E}_P[T(x)] - \mathbb{E}_Q[f^*(T(x))]`
 * (f-GAN). Two averages of a kernel of two samples (MMD) or of a density are not one.
 */
function criticObjective(ctx: Context): boolean {
  if (ctx.expectations.length !== 2) return false;
  const [a, b] = ctx.expectations;
  const fa = firstApp(a.body);
  const fb = firstApp(b.body);
  if (!fa || !fb || fa.fn.type !== 'id' || isDensityName(fa.fn) || fa.main.length !== 1 || fb.main.length !== 1) return false;
  const sameCritic = nodeTex(fa.fn) === nodeTex(fb.fn) && a.body.length <= 2 && b.body.length <= 2;
  const inner = firstApp(fb.main[0]);
  const conjugate = fb.fn.sup?.some((n) => n.name === '*' || n.name === 'ast') === true && inner !== undefined && nodeTex(inner.fn) === nodeTex(fa.fn);
  if (!sameCritic && !conjugate) return false;
  // Under two different distributions, one of them the data's, and subtracted.
  const ma = tex(a.measure);
  const mb = tex(b.measure);
  // (Two plain letters, `\mathbb{E}_p[f] - \mathbb{E}_q[f]`, are any two distributions: an integral probability metric's body.)
  const data = /data|_r\b|_\{?r\}?|real|_d\b/.test(ma) || conjugate;
  const minus = b.seq[b.index - 1]?.type === 'bin' && b.seq[b.index - 1].name === '-';
  return ma !== '' && mb !== '' && ma !== mb && data && minus;
}

/** `f_w(\tilde x) - f_w(x)`: one function applied to a marked (generated) sample and to a plain one, in terms of opposite signs. */
function criticGap(ctx: Context): boolean {
  for (const seq of ctx.seqs) {
    const ts = terms(seq);
    if (ts.length !== 2 || ts[0].sign === ts[1].sign) continue;
    const [a, b] = ts.map((t) => firstApp(t.nodes));
    if (!a || !b || nodeTex(a.fn) !== nodeTex(b.fn) || isDensityName(a.fn) || a.main.length !== 1 || b.main.length !== 1) continue;
    const [u, v] = [a.main[0][0], b.main[0][0]];
    if (u?.type === 'id' && v?.type === 'id' && u.name === v.name && (u.accent !== undefined) !== (v.accent !== undefined)) return true;
  }
  return false;
}

/** The name of a function applied both to a sample named real and to one named fake or generated, if any. */
function realAndFake(ctx: Context): string | undefined {
  const word = (a: App, re: RegExp): boolean => a.main.length === 1 && re.test(tex(a.main[0]));
  for (const a of ctx.apps) {
    // The scorer is a player's letter (`D`, `f_w`) or named as one, not an average (`mean(x_real)`).
    const scorer = a.fn.name.length === 1 || /^(?:critic|disc|discriminator)$/.test(a.fn.name);
    if (a.fn.type !== 'id' || !scorer || isDensityName(a.fn) || !word(a, /real|data/)) continue;
    if (ctx.apps.some((b) => b !== a && nodeTex(b.fn) === nodeTex(a.fn) && word(b, /fake|gen/))) return a.fn.name;
  }
  return undefined;
}
