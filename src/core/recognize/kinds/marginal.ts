/**
 * Marginal likelihood: a density obtained by summing or integrating a joint over a
 * latent variable, `p(x) = \int p(x,z)\,dz = \sum_z p(x|z)p(z)`, also with the sum
 * written out term by term. A sum of conditionals over labels (`\sum_y p(y|x) = 1`) or a
 * factorization without a sum is not one.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { allNodes, appAt, forEachSeq, isDensityName, nodeTex, sides, terms, tex, type App } from '../query';
import { argsTex, evidenceInWords, likelihoodPriorPairs } from './probability';
import { isParameterArg } from '../math';

/** Letters of hidden (latent) variables, and of the visible data, in an energy model. */
const LATENT_LETTERS: ReadonlySet<string> = new Set(['h', 'z']);
const DATA_LETTERS: ReadonlySet<string> = new Set(['x', 'v']);

/** The density on the left of `=`, with an optional `\log` in front. */
function lhsDensity(side: readonly MathNode[]): App | undefined {
  let s = side as MathNode[];
  // `\sum_i \log p(x_i | \theta)`: the data's log-likelihood summed over its points.
  if (s[0]?.type === 'op' && s[0].name === 'sum' && s[1]?.type === 'op' && s[1].name === 'log') s = s.slice(1);
  if (s[0]?.type === 'op' && s[0].name === 'log') s = s.slice(1);
  // `\mathbf{x} \sim p_\theta(\mathbf{x}) = \int ...`: a sampling statement naming the density before defining it.
  if (s.length === 4 && s[0].type === 'id' && s[1].type === 'rel' && s[1].name === 'sim') s = s.slice(2);
  if (s.length !== 2) return undefined;
  const a = appAt(s, 0);
  return a && isDensityName(a.fn) ? a : undefined;
}

/** Detects a marginal likelihood. */
export function detectMarginal(ctx: Context): Hit | null {
  const fracParts = new Set<MathNode[]>(ctx.nodes.filter((n) => n.type === 'frac').flatMap((n) => n.args ?? []));
  const summed = ctx.ops.has('sum') || ctx.ops.has('int');
  if (summed) {
    let found: { likelihood: App; prior: App } | undefined;
    // (`\int q_\phi(z | x)\, p(x)\, dx`: the encoder averaged over the data is the aggregated posterior, a density of the
    // code, not the model's marginal likelihood of the data.)
    const aggregate = (pair: { likelihood: App; prior: App }): boolean => pair.likelihood.fn.name === 'q' && pair.prior.fn.name.toLowerCase() === 'p';
    for (const seq of ctx.seqs) {
      found = likelihoodPriorPairs(seq).find((pair) => !aggregate(pair));
      if (found) break;
    }
    if (found) {
      return { kind: 'marginal', confidence: 0.9, roles: { likelihood: tex([found.likelihood.fn, found.likelihood.group]), prior: tex([found.prior.fn, found.prior.group]), latent: argsTex(found.prior.main), data: argsTex(found.likelihood.main) } };
    }
  }
  // `-\log \sum_h e^{-E(x, h)}`: an energy model's unnormalised marginal, the hidden units summed out.
  for (const seq of ctx.seqs) {
    for (let k = 0; k + 1 < seq.length; k++) {
      const n = seq[k];
      const h = n.type === 'op' && n.name === 'sum' ? n.sub?.[0] : undefined;
      if (!h || h.type !== 'id' || !LATENT_LETTERS.has(h.name)) continue;
      const e = seq[k + 1];
      const exponent = e.type === 'id' && e.name === 'e' ? e.sup : e.type === 'op' && e.name === 'exp' ? seq[k + 2]?.children : undefined;
      const ids = exponent ? [...allNodes(exponent)].filter((m) => m.type === 'id') : [];
      if (ids.some((m) => m.name === h.name) && ids.some((m) => DATA_LETTERS.has(m.name))) return { kind: 'marginal', confidence: 0.7, roles: { latent: h.name, variant: 'energy model, hidden units summed out' } };
    }
  }
  const sampled = importanceEstimate(ctx) ?? numericTotal(ctx);
  if (sampled) return sampled;
  if (evidenceInWords(ctx)) return { kind: 'marginal', confidence: 0.7, roles: { likelihood: 'likelihood', prior: 'prior', variant: 'in words' } };
  const integrated = summed ? likelihoodIntegrated(ctx) : null;
  if (integrated) return integrated;
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    // Each side against the next, and the first against every later one of a chain of `=`: in
    // `P(X) = P(X \text{ and } A) + \dots = P(X|A)P(A) + \dots`, the last side is what the first equals too.
    const pairs: [number, number][] = [];
    for (let k = 0; k + 1 < parts.length; k++) pairs.push([k, k + 1]);
    for (let j = 2; j < parts.length; j++) if (rels.slice(0, j).every((r) => r === '=')) pairs.push([0, j]);
    for (const [k, r] of pairs) {
      const lhs = lhsDensity(parts[k]);
      if (!lhs) continue;
      const wanted = lhs.main.map(tex);
      const rhs = parts[r];
      // `P(y | x, \mathcal D) = \int P(y | x, \theta) P(\theta | \mathcal D) d\theta`: the left side's variable given
      // another, times that other's density, summed or integrated (the law of total probability).
      if (summed) {
        let total: App | undefined;
        forEachSeq([rhs], (seq) => {
          for (let i = 0; i + 2 < seq.length && !total; i++) {
            const a = appAt(seq, i);
            const b = appAt(seq, i + 2);
            if (a && b && isDensityName(a.fn) && isDensityName(b.fn) && argsTex(a.main) === argsTex(lhs.main) && b.main.length === 1 && a.cond.some((c) => tex(c) === tex(b.main[0]))) total = b;
          }
        });
        if (total) return { kind: 'marginal', confidence: 0.8, roles: { model: nodeTex(lhs.fn), data: wanted.join(','), latent: tex(total.main[0]), variant: 'total probability' } };
      }
      // `p(y | \lambda, \mu, \sigma)`: conditioned on parameters only, it is still the data's marginal.
      if (!lhs.cond.every((c) => isParameterArg(c))) continue;
      const over = integratedOverParameter(lhs, rhs);
      if (over) return { kind: 'marginal', confidence: 0.75, roles: { model: nodeTex(lhs.fn), data: wanted.join(','), latent: over, variant: 'parameter integrated out' } };
      const ts = terms(rhs);
      // A joint with the left side's variables and more, summed/integrated or written out term by term.
      const joints: App[] = [];
      forEachSeq([rhs], (seq) => {
        for (let i = 0; i < seq.length - 1; i++) {
          const a = appAt(seq, i);
          // (`p(x, z | \theta)`: a joint given the parameter only.)
          // (A joint divided by something, `\tilde P(Z) = \frac{P(X, Z|\theta)}{e^{1+\lambda}}`, is normalised, not summed out.)
          if (!a || !isDensityName(a.fn) || !a.cond.every((c) => isParameterArg(c)) || fracParts.has(seq)) continue;
          const have = a.main.map(tex);
          if (have.length > wanted.length && wanted.every((w) => have.includes(w))) joints.push(a);
        }
      });
      // A mixture: \sum_k \pi_k \mathcal{N}(x | \mu_k, \Sigma_k), weights times components of the same variable.
      if (ctx.ops.has('sum') && ts.length === 1) {
        const component = ctx.apps.find((a) => a.fn.type === 'id' && a.fn.name === 'N' && a.main.length > 0 && tex(a.main[0]) === wanted[0] && (a.cond.length > 0 || a.params.length > 0));
        const sumAt = rhs.findIndex((n) => n.type === 'op' && n.name === 'sum');
        if (component && sumAt >= 0 && rhs.indexOf(component.fn) > sumAt + 1) {
          return { kind: 'marginal', confidence: 0.8, roles: { model: nodeTex(lhs.fn), data: wanted.join(','), component: tex([component.fn, component.group]), weight: tex([rhs[sumAt + 1]]) } };
        }
      }
      // (An event `X_1 = x_1` is about its value: the components are densities of `x_i`.)
      const event = lhs.main[0]?.findIndex((n) => n.type === 'rel' && n.name === '=') ?? -1;
      const mixture = mixtureOf(rhs, event > 0 ? tex(lhs.main[0].slice(event + 1)) : wanted[0]);
      if (mixture) return { kind: 'marginal', confidence: 0.8, roles: { model: nodeTex(lhs.fn), data: wanted.join(','), component: mixture, variant: 'mixture' } };
      // `\log p(x) \approx \log \frac1k \sum_i p(x | z^{(i)})`: the marginal estimated by sampling the latent.
      // (The sampled latent carries its index: `z^{(i)}`, `z_i`, also as `Z = z_i`.)
      // (An average of the encoder, `\frac1K \sum_k q_\phi(z | u_k)`, is a mixture prior of codes (VampPrior), not an estimate of the evidence.)
      if (ctx.ops.has('sum') && ctx.apps.some((a) => isDensityName(a.fn) && a.fn.name !== 'q' && a.main.length > 0 && tex(a.main[0]) === wanted[0] && a.cond.length > 0 && a.cond.some((c) => c.some((n) => n.type === 'id' && (n.sup !== undefined || n.sub !== undefined))))) {
        return { kind: 'marginal', confidence: 0.75, roles: { model: nodeTex(lhs.fn), data: wanted.join(','), variant: 'Monte Carlo estimate' } };
      }
      // `p(x) = \int \delta(x - G(z)) p(z) dz`, `p(x) = \mathbb{E}_{u}[p(x + u)]`: the data's density as
      // an average over another variable's distribution.
      const integral = rhs.some((n) => n.type === 'op' && n.name === 'int');
      const integrated = integral && (ctx.apps.some((a) => isDensityName(a.fn) && a.cond.length === 0 && a.main.length === 1 && tex(a.main[0]) !== wanted[0] && rhs.includes(a.fn))
        // `P(X) = \int P(X | z) \mathcal{N}(z; 0, I)\, dz`: the variable given the latent, integrated against the latent's
        // law whatever it is written as (the law of total probability; a CDF integrates a density of its own variable).
        || ctx.apps.some((a) => isDensityName(a.fn) && a.main.length === 1 && tex(a.main[0]) === wanted[0] && a.cond.length > 0 && rhs.includes(a.fn) && differentialOf(rhs, a.cond[0])));
      // With logs on both sides, `\log p(x) = \log \mathbb{E}_{q(z|x)}[\frac{p(x,z)}{q(z|x)}]`: the evidence as the
      // average of an importance ratio.
      const e = rhs[0]?.type === 'op' && rhs[0].name === 'log' && parts[k][0]?.type === 'op' && parts[k][0].name === 'log' ? 1 : 0;
      const ratio = rhs.slice(e).some((n) => n.type === 'group' && (n.children ?? []).some((m) => m.type === 'frac' && (m.args ?? []).every((arg) => arg.some((x) => x.type === 'id' && isDensityName(x)))));
      const averaged = rhs[e]?.type === 'id' && rhs[e].name === 'E' && (ratio || ctx.apps.some((a) => isDensityName(a.fn) && a.main.length === 1 && tex(a.main[0]).startsWith(wanted[0]) && tex(a.main[0]) !== wanted[0]));
      // `p(x) = \mathbb{E}_{z \sim p(z)}[p(x | z)]`: the variable's density given the latent, averaged over the latent's law.
      const overLatent = rhs[e]?.type === 'id' && rhs[e].name === 'E' && ctx.expectations.some((x) => x.node === rhs[e] && x.body.some((n, i) => {
        const a = appAt(x.body, i);
        return n.type === 'id' && a !== undefined && isDensityName(a.fn) && argsTex(a.main) === wanted.join(',') && a.cond.length > 0;
      }));
      // (`q(z) = \mathbb{E}_{p_d(x)}[q(z | x)]` averages the encoder over the data: the aggregated posterior, no likelihood.)
      if (lhs.cond.length === 0 && (integrated || averaged || (overLatent && lhs.fn.name.toLowerCase() !== 'q'))) return { kind: 'marginal', confidence: 0.75, roles: { model: nodeTex(lhs.fn), data: wanted.join(','), variant: integrated ? 'integral over a latent' : 'expectation' } };
      const explicit = ts.length >= 2 && ts.every((t) => t.sign === 1 && (t.nodes.length === 2 || likelihoodPriorPairs(t.nodes).length > 0));
      if (joints.length > 0 && (summed || explicit)) {
        const extra = joints[0].main.map(tex).filter((m) => !wanted.includes(m));
        return { kind: 'marginal', confidence: 0.85, roles: { model: nodeTex(lhs.fn), data: wanted.join(','), latent: extra.join(',').replace(/=.*$/, ''), joint: tex([joints[0].fn, joints[0].group]) } };
      }
      if (explicit && ts.every((t) => likelihoodPriorPairs(t.nodes).length > 0)) {
        return { kind: 'marginal', confidence: 0.85, roles: { model: nodeTex(lhs.fn), data: wanted.join(',') } };
      }
    }
  }
  return null;
}

/**
 * A mixture written out: weights times components of the same variable, added (`\lambda\,
 * \textsf{normal}(y | \mu_1, \sigma_1) + (1 - \lambda)\,\textsf{normal}(y | \mu_2, \sigma_2)`), also
 * inside a product over data points or under a `\sum_k \lambda_k`. Returns the component's TeX.
 */
function mixtureOf(rhs: readonly MathNode[], data: string | undefined): string | undefined {
  if (!data) return undefined;
  const base = data.replace(/_.*$/, '');
  let found: string | undefined;
  // (A density letter indexed by its component's parameters, `f_{(m_k, \Sigma_k)}(x)`, `f_{\theta_k}(x)`, is a component
  // beside a mixing weight `\pi_k`; without one, `\sum_m f_m(x)` is an additive model.)
  const weightIn = (nodes: readonly MathNode[]): boolean => nodes.some((n) => n.type === 'id' && ['pi', 'w', 'alpha', 'lambda', 'phi'].includes(n.name) && n.sub !== undefined);
  const isComponent = (a: App | undefined, nodes: readonly MathNode[]): a is App => a !== undefined && a.fn.type === 'id' && a.main.length > 0 && tex(a.main[0]).replace(/_.*$/, '') === base
    && (a.cond.length > 0 || a.params.length > 0 || (/^[fg]$/.test(a.fn.name) && a.fn.sub !== undefined && weightIn(nodes))) && (a.fn.name === 'N' || a.fn.name === 'normal' || isDensityName(a.fn) || a.fn.sub !== undefined);
  forEachSeq([rhs as MathNode[]], (seq) => {
    if (found) return;
    const ts = terms(seq);
    const comps = ts.map((t) => { for (let i = 0; i < t.nodes.length - 1; i++) { const a = appAt(t.nodes, i); if (isComponent(a, t.nodes)) return a; } return undefined; });
    const weighted = ts.every((t, i) => comps[i] !== undefined && t.nodes.indexOf(comps[i]!.fn) > 0);
    // (`\sum_k \log p(s_k | s_{<k})`: a sum of log densities is a log-likelihood, no mixture.)
    // (`\prod_i \sum_k \pi_k \mathcal{N}(x_i | \mu_k, \sigma_k^2)`: the mixture of each data point, multiplied over the sample.)
    const lead = ts[0]?.nodes[0]?.type === 'op' && ts[0].nodes[0].name === 'prod' ? 1 : 0;
    const summed = ts.length === 1 && ts[0].nodes[lead]?.type === 'op' && ts[0].nodes[lead].name === 'sum' && comps[0] !== undefined && !ts[0].nodes.some((n) => n.type === 'op' && n.name === 'log');
    if ((ts.length >= 2 && weighted) || summed) found = tex([comps[0]!.fn, comps[0]!.group]);
  });
  return found;
}

/** True when `d` followed by the first letter of `arg` (`dz`, `\mathrm{d}z`) stands in `seq`: the integral is over it. */
function differentialOf(seq: readonly MathNode[], arg: readonly MathNode[]): boolean {
  const v = arg[0];
  if (!v || v.type !== 'id') return false;
  return seq.some((n, i) => n.type === 'id' && n.name === 'd' && seq[i + 1]?.type === 'id' && seq[i + 1].name === v.name);
}

/**
 * The importance-sampling estimate of the evidence, `\frac1M \sum_m \frac{p(x, z_m)}{q(z_m | x)}` or
 * `\mathbb{E}_{q(z|x)}[\frac{p(x, z)}{q(z|x)}]`, with no log anywhere: the model's density of the data
 * and a latent over the proposal given the data, averaged. Under a log it is a bound (the ELBO's, IWAE's);
 * a ratio over an unconditional proposal `p(x)/q(x)` weighs an expectation of something else.
 */
function importanceEstimate(ctx: Context): Hit | null {
  if (ctx.logs.length > 0 || (!ctx.ops.has('sum') && ctx.expectations.length === 0)) return null;
  for (const n of ctx.nodes) {
    if (n.type !== 'frac' || !n.args) continue;
    const num = n.args[0].length === 2 ? appAt(n.args[0], 0) : undefined;
    const den = n.args[1].length === 2 ? appAt(n.args[1], 0) : undefined;
    if (!num || !den || !isDensityName(num.fn) || !isDensityName(den.fn) || den.cond.length === 0 || num.fn.name.toLowerCase() === den.fn.name.toLowerCase()) continue;
    const given = den.cond.map((c) => tex(c));
    const of = num.main.map((m) => tex(m));
    // The numerator is a density of the data the proposal is conditioned on (with the latent beside or added to it).
    if (given.some((g) => of.some((m) => m === g || m.startsWith(g + '+') || m.startsWith(g + ',')))) {
      return { kind: 'marginal', confidence: 0.7, roles: { model: tex([num.fn, num.group]), proposal: tex([den.fn, den.group]), variant: 'importance-sampling estimate' } };
    }
  }
  return null;
}

/**
 * The law of total probability with numbers, `p(x=1) = 0.5 \cdot 0.2 + 0.5 \cdot 0.8`: a probability computed
 * as a sum of products of two numbers (the latent's probability times the data's given it).
 */
function numericTotal(ctx: Context): Hit | null {
  const isNum = (m: MathNode | undefined): boolean => m !== undefined && m.type === 'num';
  for (const line of ctx.lines) {
    const { sides: parts } = sides(line);
    if (parts.length < 2 || parts[0].length !== 2) continue;
    const lhs = appAt(parts[0], 0);
    if (!lhs || !isDensityName(lhs.fn) || lhs.main.length !== 1) continue;
    const ts = terms(parts[1]);
    if (ts.length >= 2 && ts.every((t) => t.sign === 1 && t.nodes.length === 3 && isNum(t.nodes[0]) && t.nodes[1].type === 'bin' && t.nodes[1].name === '*' && isNum(t.nodes[2]))) {
      return { kind: 'marginal', confidence: 0.7, roles: { model: tex([lhs.fn, lhs.group]), variant: 'total probability with numbers' } };
    }
  }
  return null;
}

/**
 * `\ell(\theta) = \log \int_z p(x, z | \theta)\, dz`, `L(\theta) = \sum_z p(x, z; \theta)`: a likelihood named as a function of the
 * parameter, set to (the log of) a joint of the data and a latent summed or integrated over that latent, is the
 * marginal likelihood written out; the latent is the integral's differential or the sum's index.
 */
function likelihoodIntegrated(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (parts.length < 2 || rels[0] !== '=') continue;
    const f = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    if (!f || f.fn.type !== 'id' || f.fn.font || !/^(?:ell|l|L)$/.test(f.fn.name) || f.main.length === 0 || !isParameterArg(f.main[0])) continue;
    for (const rhs of parts.slice(1)) {
      const s = rhs[0]?.type === 'op' && rhs[0].name === 'log' ? rhs.slice(1) : rhs;
      const op = s[0];
      if (!op || op.type !== 'op' || (op.name !== 'int' && op.name !== 'sum')) continue;
      const joint = appAt(s, 1);
      if (!joint || !isDensityName(joint.fn) || joint.main.length < 2) continue;
      const vars = joint.main.map(tex);
      const index = op.name === 'sum' ? tex((op.sub ?? []).slice(0, 1)) : '';
      const over = vars.some((v) => v === index || differentialOf(s, [{ type: 'id', name: v } as MathNode]) || tex(op.sub ?? []) === v);
      if (over) return { kind: 'marginal', confidence: 0.8, roles: { likelihood: nodeTex(f.fn), joint: tex([joint.fn, joint.group]), variant: 'likelihood as a joint summed over a latent' } };
    }
  }
  return null;
}

/**
 * `P(D) = \int_0^1 \binom{n}{s} \theta^s (1-\theta)^{n-s} \frac{\theta^{\alpha-1}(1-\theta)^{\beta-1}}{B(\alpha, \beta)}\, d\theta`,
 * `p(\mathbf y) = \frac{1}{Z} \int e^{-\lambda} \lambda^{y} \dots d\lambda`: the data's density (a single argument that is
 * not itself a parameter) as an integral over a parameter of an integrand that depends on it. However the likelihood
 * and the prior are written (closed-form kernels, no density letters), integrating the parameter out of their product
 * is the evidence. Returns the parameter, or undefined. (A CDF, `P(X \le a) = \int_{-\infty}^a f(x)\,dx`, integrates
 * the variable itself; `\mathbb{E}[\theta] = \int \theta\, p(\theta | D)\, d\theta` has no density on the left.)
 */
function integratedOverParameter(lhs: App, rhs: readonly MathNode[]): string | undefined {
  if (lhs.main.length !== 1 || lhs.cond.length > 0 || isParameterArg(lhs.main[0]) || lhs.main[0].some((n) => n.type === 'rel')) return undefined;
  const at = rhs.findIndex((n) => n.type === 'op' && n.name === 'int');
  if (at < 0) return undefined;
  const body = rhs.slice(at + 1);
  for (let i = 0; i + 1 < body.length; i++) {
    const d = body[i];
    const v = body[i + 1];
    const isD = d.type === 'id' && d.name === 'd' && !d.sub && !d.sup;
    if (!isD || v.type !== 'id' || !isParameterArg([v]) || v.sub) continue;
    const uses = [...allNodes(body.slice(0, i))].some((n) => n.type === 'id' && n.name === v.name && n !== d);
    if (uses) return nodeTex(v);
  }
  return undefined;
}
