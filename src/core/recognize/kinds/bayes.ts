/**
 * Bayes' rule: a posterior as likelihood times prior over the evidence,
 * `p(z|x) = p(x|z)p(z)/p(x)`, `\propto p(x|z)p(z)`, in a fraction or with `/`, or in
 * words (posterior ∝ likelihood × prior). A conditional probability of one observed
 * variable defined from a joint (`p(y|x) = p(x,y)/p(x)`, `P(A|B) = P(A,B)/P(B)`) is not
 * Bayes' rule; the posterior of a latent or a parameter written the same way
 * (`p(z|x) = p(x,z)/p(x)`, over `\int p(x,z)\,dz`) is, as notes on inference name it.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { isParameter, isParameterArg } from '../math';
import { allNodes, appAt, firstApp, forEachSeq, isDensityName, nodeTex, sides, some, terms, tex, type App } from '../query';
import { argsTex, evidenceInWords, likelihoodPriorPairs, type LikelihoodPrior } from './probability';

/** Detects Bayes' rule. */
export function detectBayes(ctx: Context): Hit | null {
  const roles = (p: LikelihoodPrior): Record<string, string> => ({
    likelihood: tex([p.likelihood.fn, p.likelihood.group]),
    prior: tex([p.prior.fn, p.prior.group]),
    posterior: tex([p.likelihood.fn]) + '(' + argsTex(p.prior.main) + ' | ' + argsTex(p.likelihood.main) + ')',
    data: argsTex(p.likelihood.main),
    parameter: argsTex(p.prior.main),
  });
  let hit: Hit | null = null;
  // In a fraction's numerator, or before a `/`.
  for (const seq of ctx.seqs) {
    if (hit) break;
    for (const n of seq) {
      if (n.type !== 'frac' || !n.args) continue;
      const p = likelihoodPriorPairs(n.args[0])[0];
      if (p) { hit = { kind: 'bayes', confidence: 0.95, roles: roles(p) }; break; }
    }
    for (const p of likelihoodPriorPairs(seq)) {
      const after = seq[p.end];
      if (after && after.type === 'bin' && after.name === '/') { hit = { kind: 'bayes', confidence: 0.9, roles: roles(p) }; break; }
    }
  }
  if (hit) return hit;
  // p(b|a) = (or ∝) p(a|b) p(b) ...: the posterior on the other side.
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels.length === 0) continue;
    const lhs = parts[0];
    const post = lhs.length === 2 ? appAt(lhs as MathNode[], 0) : undefined;
    if (!post || !isDensityName(post.fn) || post.cond.length === 0) continue;
    for (const side of parts.slice(1)) {
      for (const p of likelihoodPriorPairs(side)) {
        // With naive Bayes' product the likelihood's variable is one feature `x_i` of the conditions.
        const features = side[p.start + 2]?.type === 'op' && side[p.start + 2].name === 'prod';
        // (The posterior may also be given the model's parameters: `\Pr[z = k | y, \mu, \sigma, \lambda]`.)
        const given = post.cond.filter((c) => !isParameterArg(c));
        if (argsTex(p.prior.main) === argsTex(post.main) && (argsTex(p.likelihood.main) === argsTex(post.cond) || argsTex(p.likelihood.main) === argsTex(given) || features)) {
          return { kind: 'bayes', confidence: 0.9, roles: roles(p) };
        }
      }
    }
  }
  // `r_{nk} \propto p(x_n | z_n = k)\, p(z_n = k)`: a weight of one point and one hypothesis proportional to the likelihood
  // times the prior is the unnormalized posterior (EM's responsibility), whatever its letter. (With `=` the same product
  // is the joint, the chain rule; proportionality is what makes it a posterior.)
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    const lhs = parts[0];
    if (rels.length !== 1 || rels[0] !== 'propto' || lhs.length !== 1 || lhs[0].type !== 'id' || !lhs[0].sub) continue;
    const p = likelihoodPriorPairs(parts[1])[0];
    if (p && p.start === 0 && p.end === parts[1].length) return { kind: 'bayes', confidence: 0.8, roles: { ...roles(p), posterior: nodeTex(lhs[0]) } };
  }
  // p(θ | D) = ...: the posterior of a parameter given data, written out (a conjugate update).
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels[0] !== '=' && rels[0] !== 'propto') continue;
    const post = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    if (!post || !isDensityName(post.fn) || post.cond.length === 0 || post.main.length !== 1 || !isParameter(post.main[0])) continue;
    if (post.cond.some((c) => isParameter(c))) continue;
    if (parts[1].some((n) => n.type === 'frac' || (n.type === 'bin' && n.name === '*'))) {
      return { kind: 'bayes', confidence: 0.7, roles: { posterior: tex(parts[0]), parameter: tex(post.main[0]), data: argsTex(post.cond) } };
    }
  }
  const conjugate = conjugatePosterior(ctx) ?? proportionalPosterior(ctx);
  if (conjugate) return conjugate;
  const logForm = bayesInLogs(ctx) ?? latentOverEvidence(ctx) ?? maximumAPosteriori(ctx) ?? responsibility(ctx) ?? normalizedPosterior(ctx) ?? numericPosterior(ctx) ?? evidenceFromPosterior(ctx);
  if (logForm) return logForm;
  // Bayes' rule in words: posterior ∝ likelihood × prior. (`evidence = integral of likelihood * prior` is the
  // marginal likelihood in words; see evidenceInWords in marginal.ts.)
  if (ctx.ids.has('likelihood') && ctx.ids.has('prior') && !evidenceInWords(ctx)) return { kind: 'bayes', confidence: 0.8, roles: { likelihood: 'likelihood', prior: 'prior' } };
  return null;
}

/**
 * Bayes' rule taken logs of, or its score: `\log p(x|y) = \log p(y|x) + \log p(x) - \log p(y)`,
 * `\nabla_x \log p(x|y) = \nabla_x \log p(y|x) + \nabla_x \log p(x)` (classifier guidance), with
 * any weights on the terms. The left side is a posterior; the right holds the likelihood of the
 * other variable given it and its prior.
 */
function bayesInLogs(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels.length === 0) continue;
    const logApps = (side: readonly MathNode[]): App[] => ctx.logs.filter((l) => l.seq === side || side.includes(l.seq[l.index])).map((l) => l.app).filter((a): a is App => a !== undefined && isDensityName(a.fn));
    for (let k = 0; k + 1 < parts.length; k++) {
      const left = logApps(parts[k]);
      const post = left.length === 1 ? left[0] : undefined;
      if (!post || post.cond.length === 0) continue;
      const right = logApps(parts[k + 1]);
      // (Model parameters given on every side, `\log \Pr[z = k | y, \mu, \lambda] = \log p(y | z = k, \mu) + \log \Pr[z = k | \lambda] - \dots`,
      // are left out of the comparison: Bayes' rule holds given them.)
      const bare = (args: readonly MathNode[][]): string => argsTex(args.filter((c) => !isParameterArg(c)));
      // (A posterior given the data set, `\ln p(\mathbf{w} | \mathcal{D})`, has for likelihood the targets given the inputs and
      // the parameter, `\ln p(\mathbf{y} | \mathbf{X}, \mathbf{w})`: the data set is the inputs and targets together.)
      const givenDataSet = post.cond.length === 1 && post.cond[0].length === 1 && post.cond[0][0].type === 'id' && post.cond[0][0].name === 'D';
      const lik = right.find((a) => bare(a.main) === bare(post.cond) && bare(a.cond) === bare(post.main) && bare(a.main) !== '')
        ?? (givenDataSet ? right.find((a) => a.main.length > 0 && argsTex(a.main) !== argsTex(post.main) && a.cond.some((c) => tex(c) === argsTex(post.main))) : undefined);
      // The prior of either variable: `\log p(x)` after `\log p(x|y)` and `\log p(y|x)`, whichever way round.
      const prior = right.find((a) => (argsTex(a.main) === argsTex(post.main) || argsTex(a.main) === argsTex(post.cond)) && a.cond.every((c) => isParameterArg(c)));
      if (lik && prior) {
        return { kind: 'bayes', confidence: 0.85, roles: { posterior: tex([post.fn, post.group]), likelihood: tex([lik.fn, lik.group]), prior: tex([prior.fn, prior.group]), variant: line.some((n) => n.type === 'op' && n.name === 'nabla') ? 'score form' : 'log form' } };
      }
    }
  }
  return null;
}

/**
 * The MAP estimate: an argmax over the parameter of the log-likelihood plus the log prior
 * `\log p(\theta)`, or of the log posterior `\log p(\theta | \mathcal D)` itself. It is Bayes'
 * rule at work (the evidence drops out of the argmax), not maximum likelihood.
 */
function maximumAPosteriori(ctx: Context): Hit | null {
  const over = ctx.nodes.find((n) => n.type === 'op' && (n.name === 'argmax' || n.name === 'max') && n.sub !== undefined && isParameter(n.sub));
  if (!over) return null;
  const theta = tex(over.sub ?? []);
  const logged = ctx.logs.map((l) => l.app).filter((a): a is App => a !== undefined && isDensityName(a.fn));
  const prior = logged.find((a) => a.cond.length === 0 && argsTex(a.main) === theta);
  const posterior = logged.find((a) => argsTex(a.main) === theta && a.cond.length > 0);
  if (prior || posterior) return { kind: 'bayes', confidence: 0.8, roles: { parameter: theta, variant: 'maximum a posteriori' } };
  return null;
}

/** Letters notes use for a mixture's weights: π_k, w_k, α_k, λ_k, φ_k. */
const WEIGHTS: ReadonlySet<string> = new Set(['pi', 'w', 'alpha', 'lambda', 'phi']);

/** `\pi_k \mathcal N(x | \mu_k, \Sigma_k)`: a weight times a component's density; the component, or undefined. */
function weightedComponent(nodes: readonly MathNode[]): App | undefined {
  const s = nodes.filter((n) => !(n.type === 'bin' && n.name === '*'));
  if (s.length !== 3) return undefined;
  const isWeight = (n: MathNode): boolean => n.type === 'id' && WEIGHTS.has(n.name) && n.sub !== undefined;
  // The weight before the component or after it: `\pi_k \mathcal N(x | \mu_k, \Sigma_k)`, `f_{\mu_k, \Sigma_k}(x)\, \pi_k`.
  const a = isWeight(s[0]) ? firstApp(s.slice(1)) : isWeight(s[2]) ? firstApp(s.slice(0, 2)) : undefined;
  // A component is a density: named as one (`p`, `\mathcal N`), conditioned on its parameters (`g_1(x | \mu_1, \sigma_1)`),
  // or a density letter f, g indexed by them (`f_{(m_k, \Sigma_k)}(x_i)`).
  return a && a.fn.type === 'id' && (isDensityName(a.fn) || a.fn.name === 'N' || a.cond.length > 0 || (/^[fg]$/.test(a.fn.name) && a.fn.sub !== undefined)) ? a : undefined;
}

/**
 * A mixture's responsibility, `\gamma_{k} = \frac{\pi_k \mathcal N(x|\mu_k,\Sigma_k)}{\sum_j \pi_j \mathcal N(x|\mu_j,\Sigma_j)}`:
 * Bayes' rule for the component given the point, the prior weight times the component's likelihood
 * over their sum over components. (A softmax holds no density; a normalised weight holds no weight.)
 */
function responsibility(ctx: Context): Hit | null {
  for (const n of ctx.nodes) {
    if (n.type !== 'frac' || !n.args) continue;
    const [num, den] = n.args;
    const c = weightedComponent(num);
    if (!c) continue;
    const ts = terms(den);
    const summed = den[0]?.type === 'op' && den[0].name === 'sum' && weightedComponent(den.slice(1)) !== undefined;
    const listed = ts.length >= 2 && ts.every((t) => t.sign === 1 && weightedComponent(t.nodes) !== undefined) && ts.some((t) => tex(t.nodes) === tex(num));
    if (summed || listed) return { kind: 'bayes', confidence: 0.85, roles: { likelihood: tex([c.fn, c.group]), prior: tex(num.filter((m) => m.type === 'id').slice(0, 1)), variant: 'responsibility' } };
  }
  return null;
}

/**
 * Classifier guidance, `s(x_t, t) + \lambda \nabla_{x_t} \log p_\phi(y | x_t)`, also on the noise prediction
 * (`\epsilon_\theta(x_t, t) - \sqrt{1 - \bar\alpha_t}\,\nabla_{x_t} \log p_\phi(y | x_t)`): the model's score plus
 * the classifier's, Bayes' rule for scores with the evidence's score gone.
 */
export function classifierGuidance(ctx: Context): Hit | null {
  const classifier = ctx.logs.find((l) => l.app && isDensityName(l.app.fn) && l.app.cond.length === 1 && l.app.main.length === 1
    && l.seq[l.index - 1]?.type === 'op' && l.seq[l.index - 1].name === 'nabla' && l.app.main[0].length === 1 && l.app.main[0][0].type === 'id' && l.app.main[0][0].name === 'y');
  if (!classifier?.app) return null;
  // Beside the model's own score or noise prediction: a network of (x_t, t), or the score of x's density alone.
  const model = ctx.apps.some((a) => a.fn.type === 'id' && a.fn.sub?.some((n) => n.type === 'id' && n.name === 'theta') && a.main.length >= 2)
    || ctx.logs.some((l) => l !== classifier && l.app && isDensityName(l.app.fn) && l.app.cond.length === 0 && l.seq[l.index - 1]?.type === 'op' && l.seq[l.index - 1].name === 'nabla');
  return model ? { kind: 'bayes', confidence: 0.8, roles: { likelihood: tex([classifier.app.fn, classifier.app.group]), variant: 'classifier guidance' } } : null;
}

/** `P(M | x)`, `\log p(z | x)`, `\Pr[z = k \mid y]`: a conditional density standing alone on a side, possibly under a log. */
function conditionalOn(side: readonly MathNode[]): App | undefined {
  const s = side[0]?.type === 'op' && side[0].name === 'log' ? side.slice(1) : side;
  const a = s.length === 2 ? appAt(s as MathNode[], 0) : undefined;
  return a && isDensityName(a.fn) && a.cond.length > 0 ? a : undefined;
}

/**
 * The densities and model functions applied in a sequence (at any depth): one-letter names (`f_i`, `g`, `\mathcal N`)
 * and `\Pr`. `e` and named functions (`\mathrm{count}(w, c)`, whose ratio is a frequency estimate) are left out.
 */
function appliedNames(seq: readonly MathNode[]): Set<string> {
  const out = new Set<string>();
  const model = (n: MathNode): boolean => n.type === 'id' && n.name !== 'e' && (n.name.length === 1 || n.name === 'Pr' || n.name === 'ell');
  forEachSeq([seq as MathNode[]], (s) => { for (let i = 0; i + 1 < s.length; i++) { const a = appAt(s, i); if (a && model(a.fn)) out.add(a.fn.name); } });
  return out;
}

/**
 * A posterior as a normalized ratio: `P(M_i | x) = \frac{f_i(x)}{\sum_j f_j(x)}`, `\frac{f_1 P(M_1)}{f_1 P(M_1) + f_2 P(M_2)}`,
 * `\Pr[z = k | y] = \frac{p(y, z = k)}{\sum_{k'} p(y, z = k')}`, or `\propto f_i(x)`: each hypothesis's unnormalized
 * weight (likelihood times prior, a joint) over the sum of all of them, which is the evidence. A softmax has the
 * same shape with `\exp` of scores and no density or model function, and `p(y|x) = p(x,y)/p(x)` divides by a
 * marginal rather than by a sum over the hypotheses: neither is taken here.
 */
function normalizedPosterior(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    const post = conditionalOn(parts[0]);
    if (!post || rels.length === 0) continue;
    for (const side of parts.slice(1)) {
      for (const n of allNodes(side)) {
        if (n.type !== 'frac' || !n.args) continue;
        const [num, den] = n.args;
        if (some(num, (m) => (m.type === 'op' && m.name === 'exp') || (m.type === 'id' && m.name === 'e' && m.sup !== undefined))) continue;
        const names = appliedNames(num);
        if (names.size === 0) continue;
        // The denominator sums the same weights over the hypotheses: a \sum of them, or the numerator among listed terms.
        const summed = den[0]?.type === 'op' && den[0].name === 'sum' && [...appliedNames(den)].some((x) => names.has(x));
        const ts = terms(den);
        const listed = ts.length >= 2 && ts.every((t) => t.sign === 1) && ts.some((t) => tex(t.nodes) === tex(num)) && ts.every((t) => [...appliedNames(t.nodes)].some((x) => names.has(x)));
        if (summed || listed) return { kind: 'bayes', confidence: 0.8, roles: { posterior: tex([post.fn, post.group]), variant: 'normalized over the hypotheses' } };
      }
    }
  }
  // `q^*(z | x) \propto \exp[\log p(x, z)]`, `p(\theta | D) \propto p(\theta, D)`: a posterior proportional to the joint.
  // (With `\propto` the posterior may be written in any letter, `\pi(\theta | y)`, `g(\lambda | k)`.)
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    const left = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    const post = conditionalOn(parts[0]) ?? (left && left.fn.type === 'id' && left.cond.length > 0 && (left.fn.name.length === 1 || left.fn.name === 'pi') ? left : undefined);
    if (!post || rels[0] !== 'propto') continue;
    const vars = [...post.main, ...post.cond].map(tex);
    let joint = false;
    forEachSeq([parts[1]], (s) => { for (let i = 0; i + 1 < s.length; i++) { const a = appAt(s, i); if (a && isDensityName(a.fn) && a.main.length >= 2 && vars.every((v) => a.main.some((m) => tex(m) === v))) joint = true; } });
    if (joint) return { kind: 'bayes', confidence: 0.75, roles: { posterior: tex([post.fn, post.group]), variant: 'proportional to the joint' } };
    // `\pi(\theta | y) \propto L(\theta; y)\, \pi(\theta)`: the prior is the posterior's own letter without the condition, and
    // the other factor is a function of the data (a likelihood in any letter).
    const given = post.cond.map(tex);
    const rhsApps: App[] = [];
    forEachSeq([parts[1]], (q) => { for (let i = 0; i + 1 < q.length; i++) { const a = appAt(q, i); if (a && a.fn.type === 'id') rhsApps.push(a); } });
    const prior = rhsApps.find((a) => a.fn.name === post.fn.name && a.cond.length === 0 && argsTex(a.main) === argsTex(post.main));
    const likelihood = rhsApps.find((a) => a !== prior && [...a.main, ...a.cond, ...a.params].some((m) => given.includes(tex(m))));
    if (prior && likelihood) return { kind: 'bayes', confidence: 0.8, roles: { posterior: tex([post.fn, post.group]), prior: tex([prior.fn, prior.group]), likelihood: tex([likelihood.fn, likelihood.group]) } };
  }
  return null;
}

/**
 * Bayes' rule with numbers: `p(z=1 | x=1) = 0.8 \cdot 0.5 / 0.5`, `P(H|E) = \frac{0.9 \times 0.01}{0.05}`: a
 * conditional probability computed as a product of two numbers (likelihood, prior) over a third (evidence).
 * The definition of a conditional, `P(A|B) = 0.2 / 0.5`, divides one number by another.
 */
function numericPosterior(ctx: Context): Hit | null {
  const isNum = (n: MathNode | undefined): boolean => n !== undefined && n.type === 'num';
  const product = (s: readonly MathNode[]): boolean => s.length === 3 && isNum(s[0]) && s[1].type === 'bin' && s[1].name === '*' && isNum(s[2]);
  for (const line of ctx.lines) {
    const { sides: parts } = sides(line);
    const post = conditionalOn(parts[0]);
    if (!post || parts[0][0]?.type === 'op') continue;
    for (const side of parts.slice(1)) {
      const slashed = side.length === 5 && product(side.slice(0, 3)) && side[3].type === 'bin' && side[3].name === '/' && isNum(side[4]);
      const frac = side.length === 1 && side[0].type === 'frac' && product(side[0].args?.[0] ?? []) && (side[0].args?.[1] ?? []).length === 1 && isNum(side[0].args?.[1][0]);
      if (slashed || frac) return { kind: 'bayes', confidence: 0.75, roles: { posterior: tex([post.fn, post.group]), variant: 'with numbers' } };
    }
  }
  return null;
}

/**
 * Bayes' rule solved for the evidence: `p(x) = \frac{p(x, z)}{p(z | x)}`, also in logs
 * (`\log p(x) = \log p(x, z) - \log p(z | x)`): the joint over the posterior of the other variable.
 */
function evidenceFromPosterior(ctx: Context): Hit | null {
  for (const n of ctx.nodes) {
    if (n.type !== 'frac' || !n.args) continue;
    const j = n.args[0].length === 2 ? appAt(n.args[0], 0) : undefined;
    const post = n.args[1].length === 2 ? appAt(n.args[1], 0) : undefined;
    if (!j || !post || !isDensityName(j.fn) || !isDensityName(post.fn) || j.main.length !== 2 || post.main.length !== 1 || post.cond.length !== 1) continue;
    // (Over `q(z | x)` it is the importance ratio of the ELBO and the evidence's estimate: the model's own posterior is meant.)
    if (j.fn.name.toLowerCase() !== post.fn.name.toLowerCase()) continue;
    const both = [tex(post.main[0]), tex(post.cond[0])];
    if (j.main.every((m) => both.includes(tex(m))) && both[0] !== both[1]) return { kind: 'bayes', confidence: 0.7, roles: { joint: tex([j.fn, j.group]), posterior: tex([post.fn, post.group]), variant: 'solved for the evidence' } };
  }
  return null;
}

/** `z`, `\mathbf{h}`, `\theta`, `w`: a hidden variable or a model's parameter, what a posterior is about. */
function isHidden(arg: readonly MathNode[]): boolean {
  return (arg.length === 1 && arg[0].type === 'id' && ['z', 'h', 'Z', 'H'].includes(arg[0].name)) || isParameter(arg);
}

/**
 * The posterior of a hidden variable as the joint over the evidence: `p(z | x) = \frac{p(x, z)}{p(x)}`,
 * `p_\theta(z | x) = \frac{p(x, z)}{\int p(x, z)\, dz}`, `\log p(z | x) = \log p(x, z) - \log p(x)`. The joint is
 * likelihood times prior and the denominator is the evidence, which notes on latent-variable inference call Bayes'
 * rule. Over a sum or integral of the joint over the posterior's own variable it is Bayes' normalization whatever the
 * letters; over a bare marginal it counts only for a hidden variable or a parameter given the data, since
 * `P(A | B) = P(A, B) / P(B)` with two observed events is the definition of a conditional probability.
 */
function latentOverEvidence(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels.length === 0 || rels[0] !== '=') continue;
    // (EM's E-step names the posterior by the variational letter alone: `Q_i(z^{(i)}) = \frac{p(x^{(i)}, z^{(i)}; \theta)}{\sum_z p(x^{(i)}, z; \theta)}`.)
    const left = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    const eStep = left !== undefined && left.fn.type === 'id' && /^[qQ]$/.test(left.fn.name) && left.cond.length === 0 && left.main.length === 1 ? left : undefined;
    const post = conditionalOn(parts[0]) ?? eStep;
    if (!post || post.main.length !== 1 || post.cond.some((c) => isParameter(c))) continue;
    const vars = [...post.main, ...post.cond].map(tex);
    const isJoint = (a: App | undefined): a is App => a !== undefined && isDensityName(a.fn) && a.main.length >= 2 && vars.every((v) => a.main.some((m) => tex(m) === v));
    const given = argsTex(post.cond);
    const hidden = isHidden(post.main[0]);
    const logged = parts[0][0]?.type === 'op' && parts[0][0].name === 'log';
    // (A sentence's comma or period after the formula is no part of it.)
    const side = parts[1].filter((n, i) => !(n.type === 'punct' && i === parts[1].length - 1));
    if (logged) {
      // `\log p(x, z) - \log p(x)`: the log joint less the log evidence.
      const ts = terms(side);
      const logApp = (t: (typeof ts)[number]): App | undefined => (t.nodes[0]?.type === 'op' && t.nodes[0].name === 'log' && t.nodes.length === 3 ? appAt(t.nodes.slice(1), 0) : undefined);
      if (hidden && ts.length === 2 && ts[0].sign === 1 && ts[1].sign === -1 && isJoint(logApp(ts[0]))) {
        const ev = logApp(ts[1]);
        if (ev && isDensityName(ev.fn) && ev.cond.length === 0 && argsTex(ev.main) === given) return { kind: 'bayes', confidence: 0.75, roles: { posterior: tex([post.fn, post.group]), variant: 'joint over evidence (log form)' } };
      }
      continue;
    }
    const frac = side[0];
    if (side.length !== 1 || frac.type !== 'frac' || !frac.args) continue;
    const [num, den] = frac.args;
    if (num.length !== 2 || !isJoint(appAt(num, 0))) continue;
    const ev = den.length === 2 ? appAt(den, 0) : undefined;
    const overEvidence = hidden && post !== eStep && ev !== undefined && isDensityName(ev.fn) && ev.cond.length === 0 && argsTex(ev.main) === given;
    const normalized = (den[0]?.type === 'op' && (den[0].name === 'int' || den[0].name === 'sum')) && [...allNodes(den)].some((n) => n.type === 'id' && isDensityName(n) && n.name.toLowerCase() === (num[0] as MathNode).name.toLowerCase());
    if (overEvidence || normalized) return { kind: 'bayes', confidence: 0.8, roles: { posterior: tex([post.fn, post.group]), joint: tex(num), variant: 'joint over evidence' } };
  }
  return null;
}

/** Names of the families conjugate updates land in: `\text{Beta}`, `\mathrm{Gamma}`, `\mathcal{N}`, `\operatorname{Dir}`. */
const FAMILIES = /^(?:Beta|Gamma|Dir|Dirichlet|N|Normal|Gaussian|IG|InvGamma|Wishart|NIW)$/;

/**
 * A conjugate posterior: `p(\theta | D) = \text{Beta}(\alpha + s, \beta + n - s)`, `p(\lambda | x_{1:n}) = \mathrm{Gamma}(a + \sum_i x_i, b + n)`,
 * `p(\mu | D) = \mathcal{N}(\mu_n, \sigma_n^2)`: a parameter given the data set equal to the prior's family with
 * hyperparameters updated by the data (a sum with a count or statistic, or indexed by the sample size n). That is
 * Bayes' rule solved in closed form. A prior (`p(\theta) = \text{Beta}(\alpha, \beta)`, nothing given), a model
 * (`p(x | \theta) = \mathcal{N}(\theta, 1)`, given the parameter) and an encoder (`q(z | x) = \mathcal N(\mu(x), \sigma(x))`,
 * a latent code with no updated hyperparameters) are not.
 */
function conjugatePosterior(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels[0] !== '=' && rels[0] !== 'sim') continue;
    const post = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    if (!post || !isDensityName(post.fn) || post.main.length !== 1 || !isParameterArg(post.main[0]) || post.cond.length === 0 || post.cond.some((c) => isParameterArg(c))) continue;
    const fam = parts[1][0];
    const args = parts[1][1];
    if (fam?.type !== 'id' || !FAMILIES.test(fam.name) || (fam.name === 'N' && fam.font !== 'cal') || args?.type !== 'group' || args.name !== '(') continue;
    const inside = args.children ?? [];
    const updated = inside.some((n) => n.type === 'bin' && n.name === '+') || inside.some((n) => n.type === 'id' && n.sub?.length === 1 && n.sub[0].type === 'id' && (n.sub[0].name === 'n' || n.sub[0].name === 'N'));
    if (updated) return { kind: 'bayes', confidence: 0.75, roles: { posterior: tex([post.fn, post.group]), parameter: tex(post.main[0]), variant: 'conjugate update' } };
  }
  return null;
}

/**
 * `p(\theta | D) \propto f(\theta; \alpha_n)`, `\pi(\lambda | x_{1:n}) \propto \lambda^{a + \sum_i x_i - 1} e^{-(b + n)\lambda}`,
 * `p(w | D) \propto \exp(-\frac{\beta}{2}\|y - Xw\|^2 - \frac{\alpha}{2}\|w\|^2)`: a parameter given the data, proportional to
 * a function of that parameter, is the posterior up to its evidence, Bayes' rule unnormalized. A model given the
 * parameter (`p(x | \theta) \propto \theta^x`), a code given the data (`q(z | x)`), a policy of an action (`\pi(a | s)`) and
 * a flat `\propto 1` are not.
 */
function proportionalPosterior(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels[0] !== 'propto' || parts.length < 2) continue;
    const post = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    if (!post || post.main.length !== 1 || post.cond.length === 0) continue;
    // (Bayesian statistics writes the posterior with π, `\pi(\theta | y)`.)
    if (!isDensityName(post.fn) && !(post.fn.type === 'id' && post.fn.name === 'pi')) continue;
    const variable = post.main[0];
    const greek = variable.length === 1 && variable[0].type === 'id' && GREEK_PARAMETER.test(variable[0].name);
    if (!(isParameterArg(variable) || greek) || post.cond.some((c) => isParameterArg(c))) continue;
    const name = tex(variable);
    if (some(parts[1], (n) => n.type === 'id' && nodeTex(n) === name)) return { kind: 'bayes', confidence: 0.7, roles: { posterior: tex([post.fn, post.group]), parameter: name, variant: 'unnormalized' } };
  }
  return null;
}

/** Greek letters that name a parameter a posterior is about (not `\pi`, the posterior's own letter in some notes). */
const GREEK_PARAMETER = /^(?:alpha|beta|gamma|delta|eta|theta|vartheta|kappa|lambda|mu|nu|xi|rho|sigma|tau|phi|psi|omega|Sigma|Lambda|Theta|Phi|Psi|Omega)$/;
