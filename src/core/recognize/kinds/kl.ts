/** KL divergence: `D_{KL}(q\|p)` in any spelling, or its definition as an average log ratio. */
import type { Context, LogUse } from '../context';
import type { Hit } from '../types';
import type { MathNode } from '../../parse/tree';
import { appKey, isDensityApp, isKLOperator, klApps, logRatios, measureDensity } from '../math';
import { argsTex } from './probability';
import { allNodes, appAt, firstApp, logArgument, nodeTex, sides, terms, tex, type App } from '../query';
import { densityRoles } from '../roles';
import { klThroughJoint } from './posterior-gap';

/**
 * Direction of `KL(first \| second)`: when the first argument is the approximation
 * (`q`, an encoder) the divergence is the reverse, mode-seeking one used by variational
 * inference; when it is the data or true distribution it is the forward, mass-covering one
 * that maximum likelihood minimizes.
 */
function direction(first: string, second: string): string {
  const f = first.trim();
  const s = second.trim();
  if (/^q/.test(f) && /^p/.test(s)) return 'reverse (q || p): mode-seeking, as in variational inference';
  if (/^p/.test(f) && /^q/.test(s)) return 'forward (p || q): mass-covering, as in maximum likelihood';
  if (/data|\*/.test(f)) return 'forward (data || model): mass-covering, as in maximum likelihood';
  return 'first || second: the information lost when the second is used in place of the first';
}

/** Detects a KL divergence. */
export function detectKL(ctx: Context): Hit | null {
  if (klOnlyInside(ctx)) return null;
  const apps = klApps(ctx);
  const gap = apps.length === 0 ? klThroughJoint(ctx) : null;
  if (gap) return gap;
  if (apps.length > 0) {
    const best = apps.find((a) => a.first.length > 0) ?? apps[0];
    const first = tex(best.first);
    const second = tex(best.second);
    const roles: Record<string, string> = {};
    if (first) roles.first = first;
    if (second) roles.second = second;
    if (first && second) roles.direction = direction(first, second);
    const model = densityRoles(ctx);
    for (const r of ['encoder', 'prior', 'decoder', 'latent', 'data', 'parameter', 'variational_parameter']) if (model[r] !== undefined) roles[r] = model[r];
    return { kind: 'kl', confidence: first ? 0.95 : 0.75, roles };
  }
  const bernoulli = bernoulliKL(ctx);
  if (bernoulli) return { kind: 'kl', confidence: 0.8, roles: { first: bernoulli[0], second: bernoulli[1], direction: direction(bernoulli[0], bernoulli[1]), variant: 'between Bernoullis' } };
  const indexed = indexedLogRatio(ctx);
  if (indexed) return { kind: 'kl', confidence: 0.8, roles: { first: indexed[0], second: indexed[1], direction: direction(indexed[0], indexed[1]), variant: 'discrete, as vectors' } };
  const ratio = logRatios(ctx).find((r) => r.shape === 'kl');
  if (ratio && !pointwiseLimit(ctx)) {
    const first = tex([ratio.num.fn, ratio.num.group]);
    const second = tex([ratio.den.fn, ratio.den.group]);
    return { kind: 'kl', confidence: 0.8, roles: { first, second, direction: direction(first, second) } };
  }
  // `\mathbb{E}_{q}[\log q(z|x) - \log p(z)]`: the KL written out as an average of a difference of
  // logs under its first argument, the measure's own log first.
  for (const e of ctx.expectations) {
    const m = measureDensity(e.measure);
    if (!m) continue;
    const ts = terms(e.body);
    if (ts.length !== 2 || ts[0].sign !== 1 || ts[1].sign !== -1) continue;
    const a = logApp(ts[0].nodes);
    const b = logApp(ts[1].nodes);
    // (Scores, `\nabla \log p - \nabla \log q`, averaged and squared are the Fisher divergence, not a KL.)
    const scored = [...ts[0].nodes, ...ts[1].nodes].some((n) => n.type === 'op' && n.name === 'nabla');
    // (`\mathbb{E}_{x \sim p}`: a measure named by its bare letter is the density of that letter.)
    const ofMeasure = (x: App): boolean => (m.app ? appKey(x) === appKey(m.app) : nodeTex(x.fn) === nodeTex(m.node));
    if (a && b && !scored && ofMeasure(a) && isDensityApp(b) && appKey(b) !== appKey(a) && argsTex(a.main) === argsTex(b.main)) {
      const first = tex([a.fn, a.group]);
      const second = tex([b.fn, b.group]);
      return { kind: 'kl', confidence: 0.8, roles: { first, second, direction: direction(first, second) } };
    }
  }
  // `\sum_i p(x_i) \log p(x_i) - \sum_i p(x_i) \log q(x_i)`: the KL as the difference of two sums weighted by p.
  for (const seq of [...ctx.seqs, ...ctx.lines.flatMap((l) => sides(l).sides)]) {
    const ts = terms(seq);
    if (ts.length !== 2 || ts[0].sign !== 1 || ts[1].sign !== -1) continue;
    const weighted = (nodes: readonly MathNode[]): [App, App] | undefined => {
      if (nodes[0]?.type !== 'op' || nodes[0].name !== 'sum') return undefined;
      const w = appAt(nodes as MathNode[], 1);
      const k = nodes.findIndex((n) => n.type === 'op' && n.name === 'log');
      const l = k > 0 ? appAt(nodes as MathNode[], k + 1) ?? firstApp(nodes[k + 1]?.children ?? []) : undefined;
      return w && l && isDensityApp(w) && isDensityApp(l) ? [w, l] : undefined;
    };
    const a = weighted(ts[0].nodes);
    const b = weighted(ts[1].nodes);
    if (a && b && appKey(a[0]) === appKey(b[0]) && appKey(a[1]) === appKey(a[0]) && appKey(b[1]) !== appKey(a[0])) {
      const first = tex([a[0].fn, a[0].group]);
      const second = tex([b[1].fn, b[1].group]);
      return { kind: 'kl', confidence: 0.8, roles: { first, second, direction: direction(first, second) } };
    }
  }
  const other = crossEntropyMinusEntropy(ctx) ?? symmetrized(ctx) ?? weightedLogDifference(ctx) ?? barePair(ctx);
  if (other) return other;
  // The closed form against a standard normal, `-\frac12 \sum_j (1 + \log\sigma_j^2 - \mu_j^2 - \sigma_j^2)`,
  // whatever the left side calls it.
  if (ctx.seqs.some(gaussianClosedForm)) return { kind: 'kl', confidence: 0.8, roles: { variant: 'Gaussian closed form against a standard normal' } };
  // `D_{KL} \ge 0` written without arguments.
  for (const line of ctx.lines) for (const n of line) if (isKLOperator(n)) return { kind: 'kl', confidence: 0.6, roles: {} };
  return null;
}

/** The density a term takes the log of: `p(z)` of `\log p(z)`. */
function logApp(nodes: readonly MathNode[]): App | undefined {
  const k = nodes.findIndex((n) => n.type === 'op' && n.name === 'log');
  return k >= 0 ? appAt(nodes as MathNode[], k + 1) : undefined;
}

/**
 * `1 + \log \sigma^2 - \mu^2 - \sigma^2` (in any order), or all four negated as the KL itself writes them
 * (`\mu^2 + \sigma^2 - \log\sigma^2 - 1`, also with `(\mu_j^{(i)})^2`): the terms of the Gaussian KL's closed form.
 */
export function gaussianClosedForm(seq: readonly MathNode[]): boolean {
  const ts = terms(seq);
  if (ts.length < 4) return false;
  // The multivariate form, `\mathrm{tr}(\Sigma) + \mu^T\mu - k - \log\det\Sigma`.
  const has = (t: { nodes: MathNode[] }, name: string): boolean => t.nodes.some((n) => (n.type === 'id' || n.type === 'op') && n.name === name);
  if (ts.some((t) => has(t, 'tr')) && ts.some((t) => has(t, 'log') && has(t, 'det')) && ts.some((t) => has(t, 'mu'))) return true;
  const named = (n: MathNode | undefined, name: string): boolean => n !== undefined && ((n.type === 'id' && n.name === name) || (n.type === 'group' && (n.children ?? []).length === 1 && n.children![0].type === 'id' && n.children![0].name === name));
  const squared = (t: { nodes: MathNode[] }, name: string): boolean => t.nodes.length === 1 && named(t.nodes[0], name) && (t.nodes[0].sup?.[0]?.name === '2' || t.nodes[0].children?.[0]?.sup?.[0]?.name === '2');
  for (const s of [1, -1]) {
    const one = ts.some((t) => t.sign === s && t.nodes.length === 1 && t.nodes[0].type === 'num' && t.nodes[0].name === '1');
    const logVar = ts.some((t) => t.sign === s && t.nodes[0]?.type === 'op' && t.nodes[0].name === 'log' && t.nodes.some((n) => named(n, 'sigma') || (n.type === 'group' && (n.children ?? []).some((m) => named(m, 'sigma')))));
    const mean = ts.some((t) => t.sign === -s && squared(t, 'mu'));
    const variance = ts.some((t) => t.sign === -s && (squared(t, 'sigma') || (t.nodes[0]?.type === 'op' && t.nodes[0].name === 'exp')));
    if (one && logVar && mean && variance) return true;
  }
  return false;
}

/** `H(p)`, `H_q(p)`, `H(p, q)`: an entropy-like application, with its arguments (and the subscript's, if any). */
function entropyApp(nodes: readonly MathNode[]): { args: string[]; sub?: string } | undefined {
  if (nodes.length !== 2) return undefined;
  const a = appAt(nodes as MathNode[], 0);
  if (!a || a.fn.type !== 'id' || a.fn.name !== 'H' || a.cond.length > 0 || a.parts.length > 0) return undefined;
  return { args: a.main.map(tex), sub: a.fn.sub ? tex(a.fn.sub) : undefined };
}

/**
 * `D_q(p) = H_q(p) - H(p)`, `H(p, q) - H(p)`: the cross-entropy of q under p minus p's own entropy is the KL
 * from p to q (the extra cost of coding p with q's code). A conditional entropy `H(X | Y)` or a difference of two
 * plain entropies (`H(X) - H(Y)`) is not one: the first term must carry the second distribution.
 */
export function crossEntropyMinusEntropy(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    for (const side of sides(line).sides) {
      const ts = terms(side);
      if (ts.length !== 2 || ts[0].sign !== 1 || ts[1].sign !== -1) continue;
      const cross = entropyApp(ts[0].nodes);
      const own = entropyApp(ts[1].nodes);
      if (!cross || !own || own.sub !== undefined || own.args.length !== 1) continue;
      const p = own.args[0];
      const q = cross.sub !== undefined && cross.args.length === 1 && cross.args[0] === p ? cross.sub : cross.args.length === 2 && cross.args[0] === p ? cross.args[1] : undefined;
      if (q && q !== p) return { kind: 'kl', confidence: 0.8, roles: { first: p, second: q, direction: direction(p, q), variant: 'cross-entropy minus entropy' } };
    }
  }
  return null;
}

/**
 * `\int (p(x) - q(x)) \log \frac{p(x)}{q(x)} dx`: the log ratio weighted by the difference of the two densities
 * is the symmetrized (Jeffreys) KL, `KL(p \| q) + KL(q \| p)`.
 */
function symmetrized(ctx: Context): Hit | null {
  for (const log of ctx.logs) {
    if (!log.frac?.args) continue;
    const num = firstApp(log.frac.args[0]);
    const den = firstApp(log.frac.args[1]);
    const w = log.seq[log.index - 1];
    if (!num || !den || !isDensityApp(num) || !isDensityApp(den) || w?.type !== 'group' || w.name !== '(') continue;
    const ts = terms(w.children ?? []);
    const keys = ts.map((t) => { const a = t.nodes.length === 2 ? appAt(t.nodes, 0) : undefined; return a ? appKey(a) : ''; });
    if (ts.length === 2 && ts[0].sign !== ts[1].sign && keys.includes(appKey(num)) && keys.includes(appKey(den)) && appKey(num) !== appKey(den)) {
      const first = tex([num.fn, num.group]);
      const second = tex([den.fn, den.group]);
      return { kind: 'kl', confidence: 0.75, roles: { first, second, variant: 'symmetrized (Jeffreys) divergence' } };
    }
  }
  return null;
}

/** `q(z | x) \| p(z)` alone: the two arguments of a divergence joined by its double bar, the KL named by its pair. */
function barePair(ctx: Context): Hit | null {
  if (ctx.lines.length !== 1) return null;
  const line = ctx.lines[0];
  if (line.length !== 5 || line[2].type !== 'par') return null;
  const a = appAt(line, 0);
  const b = appAt(line, 3);
  if (!isDensityApp(a) || !isDensityApp(b)) return null;
  const first = tex([a.fn, a.group]);
  const second = tex([b.fn, b.group]);
  return { kind: 'kl', confidence: 0.6, roles: { first, second, direction: direction(first, second) } };
}

/**
 * True when every KL of the formula sits where it is not the quantity: inside an `\exp` of an average (the Inception Score,
 * `\exp(\mathbb{E}_x[\mathrm{KL}(p(y|x) \| p(y))])`, is a score built from a KL) or in an optimizer's range
 * (`\arg\min_{d \text{ s.t. } \mathrm{KL}[p_\theta \| p_{\theta+d}] = c}`, a constraint on a step).
 */
function klOnlyInside(ctx: Context): boolean {
  const isKL = (n: MathNode): boolean => isKLOperator(n);
  let total = 0;
  for (const n of ctx.nodes) if (isKL(n)) total++;
  if (total === 0) return false;
  let hidden = 0;
  for (const seq of ctx.seqs) {
    for (let i = 0; i < seq.length; i++) {
      const n = seq[i];
      const held: MathNode[][] = [];
      // (An exponentiated average of KLs is a score; `\exp(-\mathrm{KL}(p \| q))` alone is still about that KL.)
      const inner = n.type === 'op' && n.name === 'exp' && seq[i + 1]?.type === 'group' ? seq[i + 1].children ?? [] : undefined;
      if (inner && inner.some((m) => (m.type === 'id' && m.name === 'E') || (m.type === 'op' && m.name === 'sum'))) held.push(inner);
      if ((n.type === 'op' || n.type === 'id') && /^(?:argmin|argmax|min|max)$/.test(n.name) && n.sub) held.push(n.sub);
      for (const h of held) for (const m of allNodes(h)) if (isKL(m)) hidden++;
    }
  }
  // `\arg\min_d \mathcal{L}(\theta + d) \text{ s.t. } \mathrm{KL}[\dots] = c`: a KL after "subject to" constrains an optimization.
  const optimized = ctx.nodes.some((n) => (n.type === 'op' || n.type === 'id') && /^(?:argmin|argmax|min|max)$/.test(n.name));
  for (const line of ctx.lines) {
    const k = line.findIndex((n) => n.type === 'text' && /^\s*(?:s\.\s*t\.|subject to)/i.test(n.name));
    if (optimized && k >= 0) for (const m of allNodes(line.slice(k + 1))) if (isKL(m)) hidden++;
  }
  return hidden === total;
}

/**
 * `\sum_i p_i (\log p_i - \log q_i)`, `\int p(x)(\log p(x) - \log q(x))dx`, and the log-probability-input form of
 * library docstrings, `\mathrm{mean}(\mathrm{sum}(t \cdot (\log(t) - x)))`: a weight times the difference of its own
 * log and another log (or a log-probability), summed or averaged, is the KL from the weight's distribution.
 * `x(\log x - 1)` (Stirling) subtracts a number, and an entropy has no difference.
 */
function weightedLogDifference(ctx: Context): Hit | null {
  if (!ctx.ops.has('sum') && !ctx.ops.has('int') && ctx.expectations.length === 0 && !ctx.ids.has('mean')) return null;
  for (const seq of ctx.seqs) {
    for (let i = 1; i < seq.length; i++) {
      const g = seq[i];
      if (g.type !== 'group' || g.name !== '(') continue;
      const ts = terms(g.children ?? []);
      if (ts.length !== 2 || ts[0].sign !== 1 || ts[1].sign !== -1 || ts[0].nodes[0]?.type !== 'op' || ts[0].nodes[0].name !== 'log') continue;
      if (ts[1].nodes.length === 1 && ts[1].nodes[0].type === 'num') continue;
      const own = tex(logArgument(ts[0].nodes, 0));
      // The weight: the factor written right before the parentheses (a `\cdot` or `*` between is allowed).
      let k = i - 1;
      if (seq[k].type === 'bin' && seq[k].name === '*') k--;
      const weight: MathNode[] = [];
      for (; k >= 0; k--) {
        const n = seq[k];
        if (n.type === 'bin' || n.type === 'rel' || n.type === 'punct' || (n.type === 'op' && /^(?:sum|prod|int|min|max|argmin|argmax)$/.test(n.name))) break;
        weight.unshift(n);
      }
      if (weight.length > 0 && tex(weight) === own) return { kind: 'kl', confidence: 0.75, roles: { first: own, variant: 'weighted difference of logs' } };
    }
  }
  return null;
}

/**
 * `\sum_i p_i \log \frac{p_i}{q_i}`: two distributions written as vectors, each entry indexed by the sum's index, the
 * first weighing the log of its ratio to the second. (`\sum_i p_i \log p_i` has no ratio: an entropy.) Returns the
 * two letters.
 */
function indexedLogRatio(ctx: Context): [string, string] | undefined {
  const letterAt = (s: readonly MathNode[] | undefined, index: string): string | undefined => {
    if (!s || s.length !== 1) return undefined;
    const n = s[0];
    return n.type === 'id' && n.sub?.length === 1 && n.sub[0].type === 'id' && n.sub[0].name === index ? n.name : undefined;
  };
  for (const log of ctx.logs) {
    const seq = log.seq;
    const sum = seq.slice(0, log.index).find((n) => n.type === 'op' && n.name === 'sum');
    const index = sum?.sub?.[0]?.type === 'id' ? sum.sub[0].name : undefined;
    if (!index || !log.frac?.args) continue;
    const num = letterAt(log.frac.args[0], index);
    const den = letterAt(log.frac.args[1], index);
    const weight = letterAt(log.index > 0 ? [seq[log.index - 1]] : undefined, index);
    if (num && den && num !== den && weight === num) return [`${num}`, `${den}`];
  }
  return undefined;
}

/**
 * `p(x) \log \frac{p(x)}{q(x)} \to 0`, `q(x) \log \frac{q(x)}{p(x)} \gg 0`, `\approx +\infty`: the KL's integrand at one point,
 * with no sum, integral or average over x, said to tend to or sit near a number, is a remark about where the
 * divergence gets its mass (mode seeking, the vanishing gradient of a GAN), not the divergence itself.
 */
function pointwiseLimit(ctx: Context): boolean {
  if (ctx.ops.has('sum') || ctx.ops.has('int') || ctx.expectations.length > 0 || ctx.lines.length !== 1) return false;
  const { sides: parts, rels } = sides(ctx.lines[0]);
  if (rels.length !== 1 || !['->', '~=', '>', '<'].includes(rels[0])) return false;
  const value = parts[1];
  return value.length > 0 && value.every((n) => n.type === 'num' || (n.type === 'id' && n.name === 'infty') || (n.type === 'bin' && (n.name === '+' || n.name === '-')));
}

/**
 * `p \log \frac{p}{q} + (1 - p) \log \frac{1 - p}{1 - q}`, the sparse autoencoder's `\rho \log \frac{\rho}{\hat\rho_j} + (1 - \rho)
 * \log \frac{1 - \rho}{1 - \hat\rho_j}`: each outcome's probability times the log of its ratio, for success and failure,
 * is the KL between two Bernoulli distributions (summed or not). A binary cross-entropy, `y \log \hat y + (1 - y)
 * \log(1 - \hat y)`, has no ratio, and a JSD's ratios have a mixture below. Returns the two success probabilities.
 */
function bernoulliKL(ctx: Context): [string, string] | undefined {
  if (ctx.logs.length < 2) return undefined;
  const flat = (nodes: readonly MathNode[]): string => tex(nodes).replace(/\s+/g, '');
  const ratio = (log: LogUse): [string, string] | undefined => (log.frac?.args?.length === 2 ? [flat(log.frac.args[0]), flat(log.frac.args[1])] : undefined);
  const weightOf = (log: LogUse): string | undefined => {
    let i = log.index - 1;
    // (`p \cdot \log \frac{p}{q}`: a product sign between the weight and the log.)
    if (log.seq[i]?.type === 'bin' && log.seq[i].name !== '+' && log.seq[i].name !== '-') i--;
    const w = log.seq[i];
    if (!w) return undefined;
    return w.type === 'group' && w.name === '(' && !w.sub && !w.sup ? flat(w.children ?? []) : flat([w]);
  };
  for (const a of ctx.logs) {
    const r = ratio(a);
    if (!r || r[0] === r[1] || weightOf(a) !== r[0]) continue;
    const complement = ctx.logs.some((b) => {
      const c = ratio(b);
      return c !== undefined && c[0] === `1-${r[0]}` && c[1] === `1-${r[1]}` && weightOf(b) === `1-${r[0]}`;
    });
    if (complement) return r;
  }
  return undefined;
}
