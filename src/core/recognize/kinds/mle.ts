/**
 * Maximum likelihood: `\arg\max_\theta` of a (log-)likelihood in any spelling, a
 * likelihood function `L(\theta)`, a density conditioned on the parameter `p(x|\theta)`
 * in a log or a product, the negative log-likelihood, the expected or average
 * log-likelihood of data. An argmax over classes, a derivative of the likelihood, or a
 * closed-form estimate is not the objective.
 */
import type { MathNode } from '../../parse/tree';
import type { Context, LogUse } from '../context';
import type { Hit } from '../types';
import { evidenceAsItsOwnAverage, hasDerivative, isDensityApp, isKLOperator, isParameter, isParameterArg, measureDensity, overParameter } from '../math';
import { crossEntropyAverage } from './entropy';
import { appAt, isDensityName, nodeTex, sides, some, tex, type App } from '../query';

const OPTIMIZERS: ReadonlySet<string> = new Set(['argmax', 'argmin', 'max', 'min']);

/** The variant of a log density standing alone, `\log p_\theta(x)`: an objective or a mere mention, as the words around it say. */
export const BARE = 'bare log density';

/** Names of Greek letters, which notes use for parameters (`\mu`, `\Sigma`, `\pi`, `\beta`). */
const GREEK = /^(?:alpha|beta|gamma|delta|epsilon|eta|theta|vartheta|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|phi|psi|omega|Sigma|Lambda|Theta|Phi|Psi|Omega)$/;

/** Letters of latent codes, whose log densities are not the data's likelihood. */
const LATENT: ReadonlySet<string> = new Set(['z', 'h']);

/** `L(\theta)`, `\ell(\theta; x)`, `l(\theta)`, `\mathbf{L}(\theta|x)`: a likelihood as a function of the parameter. */
function isLikelihoodFn(a: App): boolean {
  const f = a.fn;
  // `\ell_c(\theta)`: the complete-data log-likelihood of EM keeps a one-letter subscript.
  // `L_n(\theta)`: the likelihood of n samples.
  const sub = f.sub === undefined || (f.sub.length === 1 && f.sub[0].type === 'id' && (f.sub[0].name === 'c' || f.sub[0].name === 'n'));
  if (f.type !== 'id' || f.font === 'cal' || !sub) return false;
  if (f.name !== 'L' && f.name !== 'l' && f.name !== 'ell') return false;
  // `L(\mu)`, `\ell(\mu, \sigma^2)`: a likelihood of a distribution's Greek parameters too.
  const greek = (arg: readonly MathNode[]): boolean => arg.length >= 1 && arg[0].type === 'id' && ['mu', 'sigma', 'lambda', 'pi', 'p'].includes(arg[0].name) && arg.length <= 2;
  // `L(\mu | Y)`, `L(\pi \mid x_1, \dots, x_n)`: the likelihood of those parameters given the observed data, the textbook
  // spelling (a Greek letter after the bar would be a conditional of one parameter on another, not a likelihood).
  const data = (arg: readonly MathNode[]): boolean => !arg.some((n) => n.type === 'id' && GREEK.test(n.name));
  return a.main.length > 0 && (isParameter(a.main[0]) || a.params.some((c) => isParameter(c)) || (f.name === 'ell' || f.name === 'L') && a.main.every(greek) && a.cond.every(data));
}

/** A density conditioned on (or parameterized by) the parameter: `P(X|\theta)`, `p(x;\theta)`. */
function conditionedOnParameter(a: App, withSemicolon: boolean, namedModel = withSemicolon): boolean {
  if (!isDensityApp(a)) return false;
  if (a.cond.some((c) => isParameter(c))) return true;
  // `p_\theta(x)`, `P_\theta(x)`: the model named by its parameter.
  if (namedModel && a.fn.sub?.some((n) => n.type === 'id' && (n.name === 'theta' || n.name === 'w'))) return true;
  // `p(\mathcal D, \lambda)`: the data set and the parameter side by side.
  if (withSemicolon && a.main.length === 2 && a.main[0].length === 1 && a.main[0][0].font === 'cal' && a.main[0][0].name === 'D' && isParameterArg(a.main[1])) return true;
  return withSemicolon && a.params.some((c) => isParameterArg(c));
}

/** Detects a maximum-likelihood objective. */
export function detectMLE(ctx: Context): Hit | null {
  const roles: Record<string, string> = {};
  let optimizer: MathNode | undefined;
  let classes = false;
  for (const n of ctx.nodes) {
    // `\underset{\theta}{max}`: the operator spelled in plain letters under its range.
    if ((n.type !== 'op' && n.type !== 'id') || !OPTIMIZERS.has(n.name) || !n.sub) continue;
    if (overParameter(n.sub) || overHypotheses(n.sub) || overLikelihoodArgument(ctx, n.sub)) optimizer ??= n;
    else classes = true;
  }
  // An argmax over labels is a prediction rule; a derivative of the likelihood is calculus, not the objective.
  if (classes && !optimizer) return null;
  // An average under a plain p of minus the log of another distribution q is their cross-entropy, unless
  // the formula optimizes a parameter (minimizing it over q_\theta is fitting the model by maximum likelihood).
  if (!optimizer && crossEntropyAverage(ctx)) return null;
  if (ctx.lines.some((l) => hasDerivative(l))) return null;
  if (!optimizer && evidenceAsItsOwnAverage(ctx)) return null;
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels[0] === '<-' && parts[0].some((n) => n.type === 'op' && n.name === 'log')) return null;
  }
  // `\log p(x, z; \theta) - \log q(z; \lambda)`: the log joint of data and latent against the log of a variational
  // density is the ELBO's integrand (or a mean-field step), not a likelihood, unless something optimizes the parameter.
  const loggedJoint = ctx.logs.some((l) => l.app !== undefined && isDensityApp(l.app) && l.app.fn.name.toLowerCase() === 'p' && l.app.main.length >= 2);
  const loggedQ = ctx.logs.some((l) => l.app !== undefined && isDensityApp(l.app) && l.app.fn.name.toLowerCase() === 'q');
  if (!optimizer && loggedJoint && loggedQ) return null;
  const densityApps = ctx.apps.filter(isDensityApp);
  // `\log p(x | \hat\theta) - \frac{d}{2}\log n`, `\ell(\hat\theta)`: the likelihood evaluated at the fitted estimate is a
  // number (the maximized value an information criterion penalizes), not the objective being maximized over the parameter.
  const parameterArgs = [...densityApps.flatMap((a) => [...a.cond, ...a.params]), ...ctx.apps.filter(isLikelihoodFn).map((a) => a.main[0])].filter((c) => isParameter(c));
  // (So is the likelihood at the null value, `2[\ell(\hat\theta) - \ell(\theta_0)]`, a test statistic, and at a point
  // near the optimum, `L(w^* + \delta w) \approx L(w^*) + \dots`, a Taylor expansion: every argument is a fixed value.)
  // (`\theta_0` counts as fixed only beside a fitted value: alone it may be the iterate a log-likelihood is written out at.)
  const fitted = (n: MathNode): boolean => n.accent === 'hat' || n.accent === 'tilde' || (n.sup?.some((m) => m.name === '*' || m.name === 'ast') ?? false);
  const isNull = (n: MathNode): boolean => n.sub?.length === 1 && n.sub[0].type === 'num' && n.sub[0].name === '0' && n.sup === undefined;
  const atValue = (c: readonly MathNode[], fixed: (n: MathNode) => boolean): boolean => c.length > 0 && fixed(c[0]) && (c.length === 1 || (c[1].type === 'bin' && (c[1].name === '+' || c[1].name === '-')));
  const comparesToFit = parameterArgs.some((c) => atValue(c, fitted));
  if (!optimizer && parameterArgs.length > 0 && comparesToFit && parameterArgs.every((c) => atValue(c, (n) => fitted(n) || isNull(n)))) return null;
  // `L(\theta) = \frac1m \sum_i \ell(f(x_i; \theta), y_i)`: a loss function of prediction and label averaged over the data is
  // the empirical risk, whatever it is named; without a log or a density it says nothing of a likelihood.
  if (empiricalRisk(ctx)) return null;
  // `\ell(\theta^{(t+1)}) \ge \ell(\theta^{(t)})`: the likelihood compared with itself at two iterates (EM's monotonicity) is a
  // fact about the iterates, not the objective.
  if (!optimizer && ctx.lines.some(selfComparison)) return null;
  // (Times the parameter's prior, `\prod_i P(x_i | \theta)\, P(\theta)`, the product is the joint of data and parameter, a posterior's kernel.)
  const priorOfParameter = densityApps.some((a) => a.cond.length === 0 && a.params.length === 0 && a.main.length === 1 && isParameter(a.main[0]));
  const model = densityApps.find((a) => conditionedOnParameter(a, true)) ?? densityApps[0];
  if (model) {
    roles.model = nodeTex(model.fn) + '(' + tex(model.group.children ?? []) + ')';
    if (model.main.length > 0) roles.data = tex(model.main[0]);
  }
  const fill = (param: string | undefined, confidence: number): Hit => {
    if (param) roles.parameter = param;
    else {
      const p = densityApps.flatMap((a) => [...a.cond, ...a.params]).find((c) => isParameter(c));
      if (p) roles.parameter = tex(p);
    }
    return { kind: 'mle', confidence, roles };
  };
  // (The data distribution an average is taken under, `\mathbb{E}_{x \sim p_{data}(x)}[\mathcal{L}_{\theta}(x)]`, is no likelihood term:
  // what is averaged there is another objective.)
  const measures = new Set<MathNode>(ctx.expectations.flatMap((e) => e.measure));
  // (`\prod_i f(x_i; \theta)`, `\prod_i f(x_i | \theta)`: statistics names the density f; any function of a data point given
  // the parameter, multiplied over the sample, is the likelihood.)
  const productOfModel = ctx.ops.has('prod') && ctx.apps.some((a) => a.fn.type === 'id' && !a.fn.font && /^[fg]$/.test(a.fn.name) && a.main.length === 1 && (a.params.some((c) => isParameterArg(c)) || a.cond.some((c) => isParameterArg(c))));
  const hasLikelihoodTerm = ctx.logs.length > 0 || densityApps.some((a) => !measures.has(a.fn)) || ctx.apps.some((a) => isLikelihoodFn(a) || isAuxiliary(a)) || productOfModel;
  if (optimizer && hasLikelihoodTerm) return fill(tex(optimizer.sub ?? []), 0.95);
  // `\hat f_{\text{MLE}}`, `\theta_{ML}`: the estimate named as the maximum-likelihood one.
  const named = ctx.nodes.find((n) => n.type === 'id' && n.sub?.some((m) => (m.type === 'id' || m.type === 'text') && /^(?:MLE|ML|mle)$/.test(m.name)));
  if (named && (hasLikelihoodTerm || ctx.ops.has('argmax') || ctx.ops.has('max'))) return fill(nodeTex({ ...named, sub: undefined }), 0.9);
  // `\ell(p, y) = -\log p(y)`: a loss defined as the negative log-probability of the observed outcome.
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    const f = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    const rhs = parts[1] ?? [];
    if (rels[0] === '=' && f && f.fn.type === 'id' && /^(?:ell|L|l|J|NLL)$/.test(f.fn.name) && rhs[0]?.type === 'bin' && rhs[0].name === '-' && rhs[1]?.type === 'op' && rhs[1].name === 'log' && rhs.length <= 4) {
      const a = appAt(rhs, 2);
      if (a && isDensityApp(a)) { roles.loss = nodeTex(f.fn); return fill(undefined, 0.8); }
    }
  }
  if (emAuxiliary(ctx)) return fill(undefined, 0.85);
  const product = likelihoodAsProduct(ctx);
  if (product) { roles.likelihood = product; return fill(undefined, 0.85); }
  // `-\frac1n \sum_i \log [f(x_i)](y_i)`, `\arg\max_f \sum_i \log f(x_i)(y_i)`: the predicted distribution
  // evaluated at the observed outcome, its log summed, averaged or maximized: the log loss of a conditional model.
  if ((optimizer !== undefined || ctx.ops.has('sum') || ctx.expectations.length > 0) && ctx.logs.some(predictionAtOutcome)) return fill(undefined, 0.8);
  const lik = ctx.apps.find(isLikelihoodFn);
  if (lik) {
    roles.likelihood = nodeTex(lik.fn);
    // `\ell(\theta)`, `L_n(\mathbf{y}; \theta)` alone: the likelihood's name mentioned, an objective only if the words
    // around maximize it (marked, as a bare log density is).
    const alone = ctx.lines.length === 1 && ctx.lines[0].length === 2 && ctx.lines[0][0] === lik.fn;
    if (alone) roles.variant = BARE;
    return fill(tex(lik.main[0]), alone ? 0.6 : 0.9);
  }
  // log p(x|θ), products of p(x_i|θ), or P(X|θ) = ... on the left. A model named by its parameter
  // (`p_\theta(x)`) counts only inside an objective: a sum, an average or an optimization.
  const objective = optimizer !== undefined || ctx.ops.has('sum') || ctx.expectations.length > 0;
  // A log joint of the data and a latent beside a variational density (`\log p(x, z; \theta) - \log q(z; \lambda)`,
  // `\mathbb{E}_{q}[\log p(\theta, X)]`) is a piece of the ELBO or of a coordinate-ascent step, not the data's likelihood;
  // only an optimization over the parameter (EM's M-step) makes it an MLE objective.
  // (`\mathbb{E}_{q(z|x)}[\log p(x, z | \theta)]`, the joint given the parameter averaged under q, is EM's auxiliary function and stays.)
  const isVariational = (a: App | undefined): boolean => isDensityApp(a) && (a.fn.name.toLowerCase() === 'q' || a.fn.accent === 'tilde');
  const variational = ctx.apps.some(isVariational);
  const variationalLogged = ctx.logs.some((l) => isVariational(l.app));
  const notLikelihood = (a: App): boolean => optimizer === undefined && variational && a.main.length >= 2 && a.fn.name.toLowerCase() === 'p'
    && (variationalLogged || !a.cond.some((c) => isParameter(c)));
  for (const log of ctx.logs) if (log.app && !notLikelihood(log.app) && conditionedOnParameter(log.app, true, objective)) return fill(undefined, 0.85);
  for (const line of ctx.lines) {
    const first = appAt(line, 0);
    // `P(x = H | \theta) = \theta`, `p(x|\theta) = \mathcal N(...)` define the model; a likelihood is a
    // product, a sum or a power over the data.
    const rhs = sides(line).sides[1] ?? [];
    // (A power whose exponent is only the left side's own variable, `p(x | \theta) = \theta^x (1 - \theta)^{1 - x}`, is the
    // Bernoulli pmf of one draw, the model; a power of a count or of an indexed sum is the likelihood of a sample.)
    const own = new Set(first ? first.main.flatMap((m) => m.filter((n) => n.type === 'id' && !n.sub).map((n) => n.name)) : []);
    const sampleExponent = (sup: readonly MathNode[]): boolean => sup.some((m) => m.type === 'id') && !sup.every((m) => m.type !== 'id' || (own.has(m.name) && !m.sub));
    const likelihoodShape = rhs.some((n) => (n.type === 'op' && (n.name === 'prod' || n.name === 'sum' || n.name === 'log')) || (n.sup !== undefined && sampleExponent(n.sup)))
      || densityApps.filter((a) => a.seq === rhs || rhs.includes(a.fn)).length >= 2;
    // A q on the left is a variational family (`q(\theta|\phi) = \prod_i q_i(\theta_i|\phi_i)`), and a joint set
    // to a density times a conditional of the rest is the chain rule, not a likelihood.
    const family = (a: App | undefined): boolean => a !== undefined && a.fn.name.toLowerCase() === 'q';
    // The parameter may follow a semicolon (`p(\mathcal D; \theta) = \prod_i p(x_i; \theta)`), but then only an explicit
    // product or sum over the sample counts: `p(x; \mu, \Sigma) = (2\pi)^{-n/2} \dots` is a density's formula, and the left
    // side one indexed point (`p(z_n; \theta) = \prod_k \theta_k^{z_{nk}}`) is the pmf of a single draw.
    const bySemicolon = first !== undefined && !conditionedOnParameter(first, false) && conditionedOnParameter(first, true, false);
    const sampleProduct = rhs.some((n) => n.type === 'op' && (n.name === 'prod' || n.name === 'sum'))
      && !(first?.main.length === 1 && first.main[0].length === 1 && first.main[0][0].sub !== undefined);
    if (first && !family(first) && !chainRule(first, rhs) && conditionedOnParameter(first, true, false) && (!bySemicolon || sampleProduct) && sides(line).rels.length > 0 && likelihoodShape) return fill(undefined, 0.8);
    // `p(\mathbf X | \boldsymbol\pi, \boldsymbol\mu, \boldsymbol\Sigma) = \prod_n \sum_k \pi_k \mathcal N(\dots)`: given only a distribution's
    // Greek parameters and multiplied over the sample, it is the data set's likelihood. (A sum alone, `p(x | \pi, \mu) =
    // \sum_k \pi_k \dots`, is one point's mixture density, so a product is required.)
    const greekGiven = first !== undefined && first.cond.length > 0 && first.cond.every((c) => c.length === 1 && c[0].type === 'id' && GREEK.test(c[0].name));
    // (Multiplied over data points: a density of an indexed point inside, `\mathcal N(x_n | \dots)`; `\prod_k \pi_k^{z_k}` is a
    // latent's pmf and `\prod_k \pi_k^{\alpha - 1}` a Dirichlet prior. The joint with the latent is left alone.)
    const ofPoint = ctx.apps.some((a) => a !== first && (isDensityName(a.fn) || (a.fn.type === 'id' && a.fn.name === 'N')) && a.main.length === 1 && a.main[0].length === 1 && a.main[0][0].sub !== undefined && /^[xXyYt]$/.test(a.main[0][0].name));
    if (first && greekGiven && first.main.length === 1 && ofPoint && !family(first) && sampleProduct && rhs.some((n) => n.type === 'op' && n.name === 'prod') && sides(line).rels.length > 0) return fill(undefined, 0.75);
    if (line[0]?.type === 'op' && line[0].name === 'prod' && !priorOfParameter) {
      const a = appAt(line, 1);
      if (a && isDensityApp(a) && !family(a)) return fill(undefined, 0.7);
    }
  }
  // `\prod_i f(x_i | \theta)`: a density named f (or g) of each data point given the parameter, multiplied over the sample.
  if (productOfModel && !priorOfParameter) return fill(undefined, 0.75);
  // A product of p's given the parameter; a product of q's is a mean-field family, not a likelihood.
  // (`\prod_i p(y_i | x_i; w)`: the parameter after a semicolon too.)
  const underProduct = (a: App): boolean => a.seq.slice(0, a.index).some((n) => n.type === 'op' && n.name === 'prod');
  if (ctx.ops.has('prod') && !priorOfParameter && densityApps.some((a) => (conditionedOnParameter(a, false) || (underProduct(a) && a.cond.length > 0 && a.params.some((c) => isParameterArg(c)))) && a.fn.name.toLowerCase() === 'p')) return fill(undefined, 0.8);
  // Σ_{x∈D} log p(x), E_{x~p_data}[log p(x)]: the log-likelihood of data averaged.
  if (ctx.ops.has('exp')) return null;
  // (`sum(log p(x_i))`: typed as code, the log is the argument of the sum.)
  const sumArguments = new Set<MathNode[]>();
  if (ctx.ops.has('sum')) for (const seq of ctx.seqs) seq.forEach((n, i) => { if (n.type === 'op' && n.name === 'sum' && seq[i + 1]?.type === 'group' && seq[i + 1].children) sumArguments.add(seq[i + 1].children!); });
  for (const log of ctx.logs) {
    if (!log.app || !isDensityName(log.app.fn) || notLikelihood(log.app)) continue;
    const summed = log.seq.slice(0, log.index).some((n) => n.type === 'op' && n.name === 'sum') || sumArguments.has(log.seq);
    if (summed) return fill(undefined, 0.75);
    for (const e of ctx.expectations) {
      if (e.body !== log.seq && e.seq !== log.seq) continue;
      const m = measureDensity(e.measure);
      const same = m && nodeTex(m.node).toLowerCase() === nodeTex(log.app.fn).toLowerCase();
      // `\mathbb{E}_q[\log q(z)]`, `\mathbb{E}_{q}[\log p(z)]`, `-\mathbb{E}_s[\log q^t(z)]`: a log density of the latent averaged under
      // a variational distribution is an entropy or a cross-entropy of the code, not a likelihood of data.
      const ofLatent = m !== undefined && (m.node.name === 'q' || m.node.name === 's' || same) && log.app.main.length === 1 && LATENT.has(tex(log.app.main[0]).replace(/^\\mathbf\{(.)\}$/, '$1'));
      if (ofLatent) continue;
      if (!same || !log.negated) {
        if (m) roles.data_distribution = nodeTex(m.node);
        return fill(undefined, 0.75);
      }
    }
  }
  // A log-likelihood defined on the left (`\ln p(\mathbf{X} | \boldsymbol\mu, \boldsymbol\Sigma) = \sum_n \dots`) whatever its right side.
  // (Summed or multiplied over the data: `\log p(x) = \log \frac{p(x, z)}{p(z | x)}` is Bayes' rule solved for the evidence.)
  if ((ctx.ops.has('sum') || ctx.ops.has('prod')) && likelihoodOnLeft(ctx)) return fill(undefined, 0.75);
  if (!bareLogLikelihood(ctx)) return null;
  // (Marked, so that the words around it may say whether the note means the objective or only names the log evidence.)
  roles.variant = BARE;
  return fill(undefined, 0.6);
}

/**
 * `\log p_\theta(x)`, `-\ln P(\mathbf y; \theta)`, `\log p(x_0)`: the log of a density of the data alone,
 * with nothing else in the formula, is the log-likelihood a note is about to maximize. A log of a
 * conditional (`\log p(x|z)`, a decoder's term) or of a critic (`\log D(x)`) is not.
 */
function bareLogLikelihood(ctx: Context): boolean {
  if (ctx.lines.length !== 1 || ctx.logs.length !== 1 || ctx.rels.size > 0) return false;
  const line = ctx.lines[0];
  const log = ctx.logs[0];
  const a = log.app;
  if (!a || (a.fn.name.toLowerCase() !== 'p' && a.fn.name !== 'L') || a.main.length !== 1 || a.main[0].length === 0) return false;
  if (a.cond.length > 0 && !a.cond.every((c) => isParameter(c))) return false;
  // Only the log, its density and its arguments: `\log p(x)`, `- \log p(x)`, `\ln \, L_n(y; \theta)`.
  const at = line.indexOf(log.seq[log.index]);
  const head = line.slice(0, at);
  const tail = line.slice(at + 1).filter((n) => n !== a.fn && n !== a.group && !(n.type === 'group' && (n.children ?? []).includes(a.fn)));
  return log.seq === line && head.every((n) => n.type === 'bin' && n.name === '-') && tail.length === 0;
}

/**
 * True when a line defines a likelihood: it starts with `\ell(\theta)`, `L(\theta)`, `\log L(\theta)`
 * or `\log p(\mathcal D; w)` and goes on with `=`. What it is set equal to (a sum of weighted
 * logs, a product of Bernoullis) is then that likelihood written out, not a cross-entropy or a game.
 */
export function likelihoodOnLeft(ctx: Context): boolean {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels[0] !== '=' && rels[0] !== ':=') continue;
    let lhs = parts[0];
    const logged = lhs[0]?.type === 'op' && lhs[0].name === 'log';
    if (logged) lhs = lhs.slice(1);
    // (`\log \left( P(X | \theta) \right)`: the log's argument in parentheses of its own.)
    if (logged && lhs.length === 1 && lhs[0].type === 'group' && lhs[0].name === '(' && lhs[0].children) lhs = lhs[0].children;
    const a = lhs.length === 2 ? appAt(lhs, 0) : undefined;
    // A density on the left is a likelihood only under a log (`p(z | x; \theta) = ...` is a posterior).
    // (`\log p_\theta(x|z) = ...` is a decoder's term: conditioned on the code, not only on the parameter; and
    // `L(\theta) = \|\epsilon - \epsilon_\theta(x_t, t)\|^2`, with no log, density or product, is a loss named L.)
    const rhs = parts[1] ?? [];
    // (`L(\theta) = \arg\min_\theta D_{KL}(p_{data} \| p_\theta)`: a divergence alone on the right, not a log or a product
    // of densities, makes the formula about the KL whatever the left is named.)
    const divergenceOnly = !logged && rhs.some(isKLOperator) && !rhs.some((n) => n.type === 'op' && (n.name === 'log' || n.name === 'prod' || n.name === 'sum'));
    if (divergenceOnly) continue;
    const likelihoodLike = logged || some(rhs, (n) => (n.type === 'op' && (n.name === 'log' || n.name === 'prod' || n.name === 'sum')) || (n.type === 'id' && isDensityName(n)) || (n.type === 'id' && n.name === 'E'));
    // `\ln p(\mathbf{X} | \boldsymbol\mu, \boldsymbol\Sigma, \boldsymbol\pi) = \sum_n \ln \{\dots\}`: given only Greek letters (a
    // distribution's parameters) and summed or multiplied over the data points, it is the data set's log-likelihood.
    const overData = rhs.some((n) => n.type === 'op' && (n.name === 'sum' || n.name === 'prod'));
    const greekGiven = a !== undefined && isDensityApp(a) && a.cond.length > 0 && a.cond.every((c) => c.length === 1 && c[0].type === 'id' && GREEK.test(c[0].name));
    if (a && ((isLikelihoodFn(a) && likelihoodLike) || (logged && conditionedOnParameter(a, true) && a.cond.every((c) => isParameter(c))) || (logged && greekGiven && overData))) return true;
  }
  return false;
}

/** `p(x, z | \theta) = p(x | \theta)\, p(z | x, \theta)`: a joint set to the density of some of its variables times the rest given them. */
function chainRule(joint: App, rhs: readonly MathNode[]): boolean {
  if (joint.main.length < 2) return false;
  const apps: App[] = [];
  for (let i = 0; i < rhs.length - 1; i++) { const a = appAt(rhs as MathNode[], i); if (a && isDensityName(a.fn)) apps.push(a); }
  const vars = new Set(apps.flatMap((a) => a.main.map(tex)));
  return apps.length === 2 && joint.main.every((m) => vars.has(tex(m))) && vars.size === joint.main.length;
}

/**
 * `L(a, b) = \prod_{i=1}^n \frac{1}{b - a} \mathbb{1}(x_i)`, `\ell(\lambda) = \Pi_i ...`: a function named as a
 * likelihood set to a product over the data points. Whatever its arguments are called, a product of one factor
 * per observation is the likelihood of the sample. Returns the likelihood's name.
 */
function likelihoodAsProduct(ctx: Context): string | undefined {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels[0] !== '=' && rels[0] !== ':=') continue;
    const a = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    // (`\mathcal{L}(\theta) = \prod_i ...` too: a bound or a loss is never a product over the sample.)
    if (!a || a.fn.type !== 'id' || (a.fn.font && a.fn.font !== 'cal') || !/^(?:L|ell|l)$/.test(a.fn.name) || a.main.length === 0) continue;
    const first = parts[1][0];
    // `\prod_{i=1}^n`, or the capital Pi some notes write for it, ranging over an index.
    if (first && ((first.type === 'op' && first.name === 'prod') || (first.type === 'id' && first.name === 'Pi')) && first.sub?.some((n) => n.type === 'id')) return nodeTex(a.fn);
  }
  return undefined;
}

/** `\log [f(x_i)](y_i)`, `\log f(x)(y)`: a log of a function's output applied to the outcome, the predicted distribution at the label. */
function predictionAtOutcome(log: LogUse): boolean {
  const seq = log.seq;
  const next = seq[log.index + 1];
  const after = seq[log.index + 2];
  const isCall = (s: readonly MathNode[], i: number): boolean => s[i]?.type === 'id' && s[i + 1]?.type === 'group' && s[i + 1].name === '(';
  // `\log [f(x_i)](y_i)`: the bracket holds the prediction, the parentheses after it the outcome.
  if (next?.type === 'group' && next.name === '[' && after?.type === 'group' && after.name === '(' && isCall(next.children ?? [], 0) && (next.children ?? []).length === 2) return true;
  // `\log [f(x)(y)]`, `\log f(x)(y)`: two argument groups in a row after one name.
  const inner = next?.type === 'group' && next.name !== '(' ? next.children ?? [] : seq.slice(log.index + 1);
  return isCall(inner, 0) && inner[2]?.type === 'group' && inner[2].name === '(' && !isDensityName(inner[0]);
}

/**
 * True when the formula maximizes (or minimizes) over the model's parameter: `\arg\max_\theta`, `\max_{\theta}`.
 * What is maximized over the parameter (a marginal likelihood `\prod_n \int p(x_n|z)p(z)dz` too) is the likelihood
 * being fitted, so the maximization names the formula.
 */
export function optimizesParameter(ctx: Context): boolean {
  return ctx.nodes.some((n) => (n.type === 'op' || n.type === 'id') && (n.name === 'argmax' || n.name === 'max') && overParameter(n.sub));
}

/**
 * `\arg\max_{f \in \mathcal{F}}`: a maximum over a class of models written in a calligraphic letter (a hypothesis
 * space) fits a model as a maximum over its parameter does. Labels range over finite sets (`y \in \{1, \dots, K\}`,
 * `c \in C`), not over calligraphic classes of functions.
 */
/**
 * `\arg\max_\mu L(\mu \mid x)`, `\max_{\mu, \sigma} \ell(\mu, \sigma)`: the optimization ranges over exactly the letters a
 * likelihood function of the formula takes, whatever they are named (a Greek `\pi` alone may be a policy, so it counts
 * only beside the likelihood).
 */
function overLikelihoodArgument(ctx: Context, sub: readonly MathNode[]): boolean {
  const names = new Set<string>();
  for (const a of ctx.apps) if (isLikelihoodFn(a)) for (const arg of a.main) if (arg[0]?.type === 'id') names.add(arg[0].name);
  const letters = sub.filter((n) => n.type !== 'punct');
  return letters.length > 0 && letters.every((n) => n.type === 'id' && names.has(n.name));
}

function overHypotheses(sub: readonly MathNode[]): boolean {
  return sub.length === 3 && sub[0].type === 'id' && /^[fgh]$/.test(sub[0].name) && sub[1].type === 'rel' && sub[1].name === 'in' && sub[2].type === 'id' && sub[2].font === 'cal';
}

/** `Q(\theta, \theta^{old})`, `\mathcal{Q}(\boldsymbol\theta, \boldsymbol\theta^{(t)})`: EM's auxiliary function of the parameter and its previous iterate. */
function isAuxiliary(a: App): boolean {
  if (a.fn.type !== 'id' || a.fn.name !== 'Q' || (a.fn.font && a.fn.font !== 'cal')) return false;
  const args = [...a.main, ...a.cond];
  return args.length === 2 && isParameter(args[0]) && isParameter(args[1]) && (args[1][0].sup !== undefined || args[1][0].sub !== undefined || args[1][0].accent !== undefined);
}

/**
 * `Q(\theta, \theta^{old}) = \sum_n \sum_k \gamma_{nk} \log [\pi_k \mathcal{N}(x_n | \mu_k, \Sigma_k)]`: EM's auxiliary
 * function, the complete-data log-likelihood averaged under the posterior at the previous iterate, defined (`=`, `\triangleq`)
 * as a function of the parameter and that iterate. Its maximization is the M-step, so it is the likelihood EM fits.
 * A comparison of two of its values (`Q(\theta^t, \theta^{t-1}) \ge Q(\theta^{t-1}, \theta^{t-1})`) defines nothing.
 */
export function emAuxiliary(ctx: Context): boolean {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels[0] !== '=' && rels[0] !== ':=') continue;
    const a = parts[0].length === 2 ? appAt(parts[0], 0) : undefined;
    if (!a || !isAuxiliary(a)) continue;
    const averagedLog = some(parts[1], (n) => n.type === 'op' && n.name === 'log') || ctx.expectations.length > 0;
    if (averagedLog) return true;
  }
  return false;
}

/** `L(w) = \frac{1}{n} \sum_i \ell(h_w(x_i), y_i)`: a generic per-example loss of two arguments, summed, with no log or density anywhere. */
function empiricalRisk(ctx: Context): boolean {
  if (ctx.logs.length > 0 || ctx.apps.some((a) => isDensityApp(a)) || !ctx.ops.has('sum')) return false;
  return ctx.apps.some((a) => a.fn.type === 'id' && /^(?:ell|l|L|loss)$/.test(a.fn.name) && a.main.length === 2 && a.cond.length === 0 && !isParameter(a.main[0]));
}

/** `f(a) \ge f(b)`, `\log p(x | \theta') \le \log p(x | \theta)`: one function (or log density) on both sides of an inequality. */
function selfComparison(line: readonly MathNode[]): boolean {
  const { sides: parts, rels } = sides(line as MathNode[]);
  if (parts.length !== 2 || !['>=', '<=', '>', '<'].includes(rels[0])) return false;
  const head = (p: readonly MathNode[]): string | undefined => {
    const q = p[0]?.type === 'op' && p[0].name === 'log' ? p.slice(1) : p;
    return q.length === 2 && q[1].type === 'group' && q[0].type === 'id' ? nodeTex({ ...q[0], sub: undefined, sup: undefined }) : undefined;
  };
  const a = head(parts[0]);
  return a !== undefined && a === head(parts[1]);
}
