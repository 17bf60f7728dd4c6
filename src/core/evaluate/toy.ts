/**
 * Toy instances for symbolic formulas: a small concrete model of the formula's kind with
 * sliders (the panel recomputes live as they move). Each `compute` clamps its inputs to the
 * sliders' ranges and returns only finite numbers, whatever the webview sends.
 *
 * Every text here (title, slider labels, result text, curve labels) is prose with its symbols
 * in `$...$` (src/core/text/prose.ts): words stay words and only the symbols are typeset, and
 * no TeX source reaches a reader. A Gaussian is written N(mean, variance) and its variance as
 * the square of the standard deviation its slider sets (`N(0.75, 0.7071²)`), so a label and a
 * slider never disagree about which of the two a number is.
 */
import { parseMath } from '../parse/parser';
import { allNodes } from '../recognize/query';
import { formatNumber, numberTex } from '../text/numbers';
import { inlineMath as m } from '../text/prose';
import { gaussian, gaussianLogPdf, gaussianPdf } from './distributions';
import { jsdGaussians, klGaussians } from './divergences';

/** One slider; `label` is prose with its symbols in `$...$`. */
export interface ToyParameter { readonly name: string; readonly label: string; readonly value: number; readonly min: number; readonly max: number; readonly step: number }
/** What a toy shows for one setting of its sliders; `text` and the curves' labels are prose with `$...$` math. */
export interface ToyResult { readonly value: number; readonly text: string; /** curves to plot, e.g. both densities */ readonly curves: readonly { readonly label: string; readonly x: readonly number[]; readonly y: readonly number[] }[] }
/** A concrete instance of a formula's kind, with sliders for its parameters; `title` is prose with `$...$` math, `latex` is TeX. */
export interface ToyInstance { readonly title: string; readonly latex: string; readonly parameters: readonly ToyParameter[]; compute(values: Readonly<Record<string, number>>): ToyResult }

type Curve = ToyResult['curves'][number];

const POINTS = 200;

function param(name: string, label: string, value: number, min: number, max: number, step: number): ToyParameter {
  return { name, label, value, min, max, step };
}

/** Each slider's value from `values`, clamped to its range; a missing or non-number value is the default. */
function read(params: readonly ToyParameter[], values: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of params) {
    const raw = values !== null && typeof values === 'object' ? values[p.name] : undefined;
    const v = typeof raw === 'number' && Number.isFinite(raw) ? raw : p.value;
    out[p.name] = Math.min(p.max, Math.max(p.min, v));
  }
  return out;
}

/** A finite number: the last line of defence so the panel never plots NaN. */
function finite(x: number, fallback = 0): number {
  if (Number.isFinite(x)) return x;
  if (x === Infinity) return Number.MAX_VALUE;
  if (x === -Infinity) return -Number.MAX_VALUE;
  return fallback;
}

function result(value: number, text: string, curves: Curve[]): ToyResult {
  return {
    value: finite(value),
    text,
    curves: curves.map((c) => ({ label: c.label, x: c.x.map((v) => finite(v)), y: c.y.map((v) => finite(v)) })),
  };
}

function grid(lo: number, hi: number, n = POINTS): number[] {
  return Array.from({ length: n }, (_, i) => lo + ((hi - lo) * i) / (n - 1));
}

function densityCurve(label: string, xs: readonly number[], mean: number, sd: number): Curve {
  return { label, x: xs, y: xs.map((x) => gaussianPdf(x, mean, sd * sd)) };
}

function range(pairs: readonly [number, number][]): [number, number] {
  return [Math.min(...pairs.map(([m, s]) => m - 4 * s)), Math.max(...pairs.map(([m, s]) => m + 4 * s))];
}

/** A number in prose, to four significant digits. */
function f4(x: number): string {
  return formatNumber(finite(x));
}

/** A number inside TeX, to four significant digits. */
function t4(x: number): string {
  return numberTex(finite(x), 4);
}

/** The TeX of a Gaussian with its variance written as the square of its standard deviation: `\mathcal{N}(0.75,\ 0.7071^2)`. */
function normalTex(mean: number, sd: number): string {
  const s = t4(sd);
  return `\\mathcal{N}(${t4(mean)},\\ ${/\s/.test(s) ? `(${s})` : s}^2)`;
}

/**
 * A role of the note to write in the toy's prose, or `fallback`. The roles are the note's own TeX
 * (`q_{\phi}(z|x)`), typeset; one that holds a control word nobody defined where GenMath could read
 * it (a preamble it never saw) would show KaTeX's red error in the panel, so the plain letter is
 * written instead. Control words books define for decorated letters (`\vx`) are read by the parser.
 */
export function roleOr(role: string | undefined, fallback: string): string {
  if (role === undefined) return fallback;
  const parsed = parseMath(role);
  for (const line of parsed.lines) for (const n of allNodes(line)) if (n.macro) return fallback;
  return role;
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function klToy(roles: Readonly<Record<string, string>>): ToyInstance {
  // The roles are the note's own TeX (`q_{\phi}(z|x)`): typeset, never shown as source.
  const p = roleOr(roles.first, 'p');
  const q = roleOr(roles.second, 'q');
  const parameters = [
    param('mu1', `mean ${m('\\mu_1')} of ${m(p)}`, 0, -3, 3, 0.1), param('sigma1', `standard deviation ${m('\\sigma_1')} of ${m(p)}`, 1, 0.2, 3, 0.05),
    param('mu2', `mean ${m('\\mu_2')} of ${m(q)}`, 1, -3, 3, 0.1), param('sigma2', `standard deviation ${m('\\sigma_2')} of ${m(q)}`, 1.5, 0.2, 3, 0.05),
  ];
  return {
    title: `KL divergence of two Gaussians: ${m(`${p} = \\mathcal{N}(\\mu_1, \\sigma_1^2)`)} and ${m(`${q} = \\mathcal{N}(\\mu_2, \\sigma_2^2)`)}`,
    latex: 'D_{KL}\\big(\\mathcal{N}(\\mu_1,\\sigma_1^2)\\,\\|\\,\\mathcal{N}(\\mu_2,\\sigma_2^2)\\big) = \\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1-\\mu_2)^2}{2\\sigma_2^2} - \\frac{1}{2}',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const value = klGaussians(gaussian(v.mu1, v.sigma1 ** 2), gaussian(v.mu2, v.sigma2 ** 2));
      const xs = grid(...range([[v.mu1, v.sigma1], [v.mu2, v.sigma2]]));
      return result(value, `${m(`D_{\\mathrm{KL}}(${p} \\,\\|\\, ${q})`)} = ${f4(value)} nats (closed form); it is 0 only when the two Gaussians coincide`, [
        densityCurve(m(`${p} = ${normalTex(v.mu1, v.sigma1)}`), xs, v.mu1, v.sigma1),
        densityCurve(m(`${q} = ${normalTex(v.mu2, v.sigma2)}`), xs, v.mu2, v.sigma2),
      ]);
    },
  };
}

function binaryEntropy(p: number): number {
  let h = 0;
  if (p > 0) h -= p * Math.log(p);
  if (p < 1) h -= (1 - p) * Math.log(1 - p);
  return h;
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function entropyToy(): ToyInstance {
  const parameters = [param('p', `probability ${m('p = P(x = 1)')}`, 0.3, 0, 1, 0.01)];
  return {
    title: `Entropy of a coin flip, ${m('\\mathrm{Bernoulli}(p)')}`,
    latex: 'H(\\mathrm{Bern}(p)) = -p\\log p - (1-p)\\log(1-p)',
    parameters,
    compute(values) {
      const { p } = read(parameters, values);
      const value = binaryEntropy(p);
      const ps = grid(0, 1);
      return result(value, `${m('H')} = ${f4(value)} nats; the largest is ${m('\\log 2')} = 0.6931 at ${m('p')} = 0.5, and 0 when the outcome is certain`, [
        { label: `${m('H(\\mathrm{Bernoulli}(p))')} as ${m('p')} varies`, x: ps, y: ps.map(binaryEntropy) },
        { label: `current ${m('p')}`, x: [p], y: [value] },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function jsdToy(): ToyInstance {
  const parameters = [
    param('mu1', `mean ${m('\\mu_1')} of ${m('P')}`, 0, -3, 3, 0.1), param('sigma1', `standard deviation ${m('\\sigma_1')} of ${m('P')}`, 1, 0.2, 3, 0.05),
    param('mu2', `mean ${m('\\mu_2')} of ${m('Q')}`, 2, -3, 3, 0.1), param('sigma2', `standard deviation ${m('\\sigma_2')} of ${m('Q')}`, 1, 0.2, 3, 0.05),
  ];
  return {
    title: `Jensen-Shannon divergence of two Gaussians ${m('P = \\mathcal{N}(\\mu_1, \\sigma_1^2)')} and ${m('Q = \\mathcal{N}(\\mu_2, \\sigma_2^2)')}`,
    latex: '\\mathrm{JSD}(P\\|Q) = \\tfrac12 D_{KL}(P\\|M) + \\tfrac12 D_{KL}(Q\\|M),\\quad M = \\tfrac12(P+Q)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const value = jsdGaussians(gaussian(v.mu1, v.sigma1 ** 2), gaussian(v.mu2, v.sigma2 ** 2));
      const xs = grid(...range([[v.mu1, v.sigma1], [v.mu2, v.sigma2]]));
      const pc = densityCurve(m(`P = ${normalTex(v.mu1, v.sigma1)}`), xs, v.mu1, v.sigma1);
      const qc = densityCurve(m(`Q = ${normalTex(v.mu2, v.sigma2)}`), xs, v.mu2, v.sigma2);
      return result(value, `${m('\\mathrm{JSD}(P \\,\\|\\, Q)')} = ${f4(value)} nats (numerical integration), always between 0 and ${m('\\log 2')} = 0.6931`, [
        pc, qc, { label: m('M = \\tfrac12(P + Q)'), x: xs, y: xs.map((_, i) => 0.5 * (pc.y[i] + qc.y[i])) },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function minimaxToy(): ToyInstance {
  const parameters = [param('muG', `generator mean ${m('\\mu_g')}`, 2, -4, 4, 0.1), param('sigmaG', `generator standard deviation ${m('\\sigma_g')}`, 1, 0.3, 3, 0.05)];
  return {
    title: `GAN value at the optimal discriminator: ${m('p_{\\text{data}} = \\mathcal{N}(0, 1)')} and ${m('p_g = \\mathcal{N}(\\mu_g, \\sigma_g^2)')}`,
    latex: 'V(D^*, G) = -\\log 4 + 2\\,\\mathrm{JSD}(p_{\\text{data}}\\|p_g)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const j = jsdGaussians(gaussian(0, 1), gaussian(v.muG, v.sigmaG ** 2));
      const value = -Math.log(4) + 2 * j;
      const xs = grid(...range([[0, 1], [v.muG, v.sigmaG]]));
      const pd = densityCurve(m('p_{\\text{data}} = \\mathcal{N}(0, 1)'), xs, 0, 1);
      const pg = densityCurve(m(`p_g = ${normalTex(v.muG, v.sigmaG)}`), xs, v.muG, v.sigmaG);
      // D*(x) = p_data / (p_data + p_g), in log space so far tails give 0 or 1, not 0/0.
      const dStar = xs.map((x) => {
        const a = gaussianLogPdf(x, 0, 1);
        const b = gaussianLogPdf(x, v.muG, v.sigmaG ** 2);
        return 1 / (1 + Math.exp(b - a));
      });
      return result(value, `${m('V(D^*, G) = -\\log 4 + 2\\,\\mathrm{JSD}(p_{\\text{data}} \\,\\|\\, p_g)')} = ${f4(value)}; the minimum ${m('-\\log 4')} = -1.386 is reached only when ${m('p_g = p_{\\text{data}}')}`, [
        pd, pg, { label: m('D^*(x) = p_{\\text{data}}(x) / (p_{\\text{data}}(x) + p_g(x))'), x: xs, y: dStar },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function elboToy(): ToyInstance {
  const parameters = [
    param('x', `observed ${m('x')}`, 1.5, -3, 3, 0.1), param('noise', `decoder noise standard deviation ${m('s')}`, 1, 0.2, 2, 0.05),
    param('m', `mean ${m('m')} of ${m('q(z)')}`, 0, -3, 3, 0.05), param('sd', `standard deviation ${m('s_q')} of ${m('q(z)')}`, 1, 0.05, 2, 0.01),
  ];
  return {
    title: `ELBO of a linear-Gaussian model: ${m('z \\sim \\mathcal{N}(0, 1)')}, ${m('x \\mid z \\sim \\mathcal{N}(z, s^2)')}, ${m('q(z) = \\mathcal{N}(m, s_q^2)')}`,
    latex: '\\log p(x) = \\mathrm{ELBO}(q) + D_{KL}(q(z)\\,\\|\\,p(z\\mid x))',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const s2 = v.noise ** 2;
      // Conjugate model: p(x) = N(0, 1 + s²), p(z | x) = N(x / (1 + s²), s² / (1 + s²)).
      const logPx = gaussianLogPdf(v.x, 0, 1 + s2);
      const postMean = v.x / (1 + s2);
      const postVar = s2 / (1 + s2);
      const gap = klGaussians(gaussian(v.m, v.sd ** 2), gaussian(postMean, postVar));
      const value = logPx - gap;
      const xs = grid(...range([[v.m, v.sd], [postMean, Math.sqrt(postVar)]]));
      const postSd = Math.sqrt(postVar);
      // The posterior's spread is given as the standard deviation the q slider sets, not as the
      // variance: "N(0.75, 0.5)" read a variance the slider then did not reach.
      return result(value, `${m('\\log p(x)')} = ${f4(logPx)}, ELBO = ${f4(value)}: the gap ${f4(gap)} is ${m('D_{\\mathrm{KL}}(q(z) \\,\\|\\, p(z \\mid x))')}, zero when ${m('q')} is the posterior ${m(normalTex(postMean, postSd))}, that is ${m('m')} = ${f4(postMean)} and ${m('s_q')} = ${f4(postSd)}`, [
        densityCurve(`posterior ${m(`p(z \\mid x) = ${normalTex(postMean, postSd)}`)}`, xs, postMean, postSd),
        densityCurve(m(`q(z) = ${normalTex(v.m, v.sd)}`), xs, v.m, v.sd),
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function gradientToy(roles: Readonly<Record<string, string>>): ToyInstance {
  // The note's own symbols (TeX) name the step size and the parameter throughout.
  const eta = roleOr(roles.learning_rate, '\\eta');
  const theta = roleOr(roles.parameter, '\\theta');
  const th = (k: string) => `{${theta}}_{${k}}`;
  const parameters = [
    param('eta', `step size ${m(eta)}`, 0.5, 0.01, 2.5, 0.01), param('L', `curvature ${m('L')}`, 1, 0.1, 10, 0.1), param('theta0', `start ${m(th('0'))}`, 2, -5, 5, 0.1),
  ];
  return {
    title: `One gradient step on ${m(`f(${theta}) = \\tfrac12 L\\,{${theta}}^2`)}`,
    latex: '\\theta_1 = \\theta_0 - \\eta\\,\\nabla f(\\theta_0) = (1 - \\eta L)\\,\\theta_0',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const factor = 1 - v.eta * v.L;
      const value = factor * v.theta0;
      const limit = 2 / v.L;
      const verdict = v.eta < limit
        ? `${m(eta)} = ${f4(v.eta)} < ${m('2/L')} = ${f4(limit)}: each step shrinks ${m(`|${theta}|`)} by ${m(`|1 - ${eta} L|`)} = ${f4(Math.abs(factor))}, so gradient descent converges`
        : v.eta === limit
          ? `${m(`${eta} = 2/L`)} = ${f4(limit)}: ${m(theta)} flips sign each step and neither converges nor diverges`
          : `${m(eta)} = ${f4(v.eta)} > ${m('2/L')} = ${f4(limit)}: each step multiplies ${m(`|${theta}|`)} by ${f4(Math.abs(factor))} > 1, so gradient descent diverges`;
      const path: number[] = [v.theta0];
      for (let k = 0; k < 10; k++) path.push(path[k] * factor);
      const r = Math.max(5, ...path.slice(0, 4).map(Math.abs));
      const xs = grid(-r, r);
      return result(value, `${m(th('1'))} = ${f4(value)}. ${verdict}`, [
        { label: m(`f(${theta}) = \\tfrac12 L\\,{${theta}}^2`), x: xs, y: xs.map((t) => 0.5 * v.L * t * t) },
        { label: `iterates ${m(`${th('0')}, ${th('1')}, \\dots`)}`, x: path, y: path.map((t) => 0.5 * v.L * t * t) },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function bayesToy(): ToyInstance {
  const parameters = [
    param('prior', `prior ${m('P(A)')}`, 0.01, 0, 1, 0.005), param('likelihood', `likelihood ${m('P(B \\mid A)')}`, 0.9, 0, 1, 0.01),
    param('falseRate', `false-alarm rate ${m('P(B \\mid \\neg A)')}`, 0.1, 0, 1, 0.01),
  ];
  const posterior = (prior: number, lik: number, fr: number): number | undefined => {
    const evidence = lik * prior + fr * (1 - prior);
    return evidence > 0 ? (lik * prior) / evidence : undefined;
  };
  return {
    title: `Bayes' rule: the posterior ${m('P(A \\mid B)')} from a prior and two likelihoods`,
    latex: 'P(A\\mid B) = \\frac{P(B\\mid A)\\,P(A)}{P(B\\mid A)\\,P(A) + P(B\\mid \\neg A)\\,(1 - P(A))}',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const post = posterior(v.prior, v.likelihood, v.falseRate);
      const ps = grid(0, 1);
      const curve = { label: `posterior ${m('P(A \\mid B)')} as the prior varies`, x: ps, y: ps.map((p) => posterior(p, v.likelihood, v.falseRate) ?? p) };
      if (post === undefined) {
        return result(v.prior, `${m('P(B) = 0')}: the evidence is impossible under these numbers, so there is no posterior (the prior is shown)`, [curve]);
      }
      return result(post, `${m('P(A \\mid B)')} = ${f4(post)} from a prior of ${f4(v.prior)}; the evidence ${m('P(B)')} = ${f4(v.likelihood * v.prior + v.falseRate * (1 - v.prior))}`, [curve]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function mleToy(): ToyInstance {
  const parameters = [
    param('n', `coin flips ${m('n')}`, 10, 1, 100, 1), param('k', `heads ${m('k')}`, 7, 0, 100, 1), param('theta', `probability of heads ${m('\\theta')}`, 0.5, 0.01, 0.99, 0.01),
  ];
  const logLik = (theta: number, n: number, k: number): number => k * Math.log(theta) + (n - k) * Math.log(1 - theta);
  return {
    title: `Maximum likelihood for a coin: ${m('k')} heads in ${m('n')} flips`,
    latex: '\\log L(\\theta) = k\\log\\theta + (n-k)\\log(1-\\theta),\\qquad \\hat\\theta = \\frac{k}{n}',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const n = Math.round(v.n);
      const k = Math.min(n, Math.round(v.k));
      const value = logLik(v.theta, n, k);
      const best = Math.min(0.99, Math.max(0.01, k / n));
      const ts = grid(0.01, 0.99);
      return result(value, `${m('\\log L(\\theta)')} = ${f4(value)} at ${m('\\theta')} = ${f4(v.theta)}; the maximum is at ${m('\\hat\\theta = k/n')} = ${f4(k / n)} (${m('\\log L')} = ${f4(logLik(best, n, k))} within the slider's range)`, [
        { label: `log-likelihood ${m('\\log L(\\theta)')}`, x: ts, y: ts.map((t) => logLik(t, n, k)) },
        { label: `current ${m('\\theta')}`, x: [v.theta], y: [value] },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function marginalToy(): ToyInstance {
  const parameters = [
    param('pi', `weight ${m('\\pi')} of component 1`, 0.3, 0, 1, 0.01), param('mu1', `mean ${m('\\mu_1')} of component 1`, -1.5, -4, 4, 0.1),
    param('mu2', `mean ${m('\\mu_2')} of component 2`, 1.5, -4, 4, 0.1), param('sigma', `shared standard deviation ${m('\\sigma')}`, 0.7, 0.1, 3, 0.05),
    param('x', `evaluate at ${m('x')}`, 0, -5, 5, 0.1),
  ];
  return {
    title: `Marginal likelihood of a two-component Gaussian mixture: ${m('p(x) = \\sum_z p(z)\\,p(x \\mid z)')}`,
    latex: 'p(x) = \\sum_{z} p(z)\\,p(x\\mid z) = \\pi\\,\\mathcal{N}(x;\\mu_1,\\sigma^2) + (1-\\pi)\\,\\mathcal{N}(x;\\mu_2,\\sigma^2)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const s2 = v.sigma ** 2;
      const px = (x: number): number => v.pi * gaussianPdf(x, v.mu1, s2) + (1 - v.pi) * gaussianPdf(x, v.mu2, s2);
      const value = px(v.x);
      const xs = grid(...range([[v.mu1, v.sigma], [v.mu2, v.sigma]]));
      return result(value, `${m('p(x)')} = ${f4(value)} at ${m('x')} = ${f4(v.x)}: the sum over the latent ${m('z')} of the prior times the likelihood`, [
        { label: m('\\pi\\,\\mathcal{N}(x; \\mu_1, \\sigma^2)'), x: xs, y: xs.map((x) => v.pi * gaussianPdf(x, v.mu1, s2)) },
        { label: m('(1 - \\pi)\\,\\mathcal{N}(x; \\mu_2, \\sigma^2)'), x: xs, y: xs.map((x) => (1 - v.pi) * gaussianPdf(x, v.mu2, s2)) },
        { label: `marginal ${m('p(x)')}`, x: xs, y: xs.map(px) },
      ]);
    },
  };
}

/** ᾱ_t = Π_{s<=t} (1 − β_s) for the linear schedule of Ho et al. (2020): β from 1e-4 to 0.02 over T = 1000 steps. */
function alphaBar(t: number): number {
  let a = 1;
  for (let s = 1; s <= t; s++) a *= 1 - (1e-4 + ((0.02 - 1e-4) * (s - 1)) / 999);
  return a;
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function diffusionToy(): ToyInstance {
  const parameters = [param('t', `time step ${m('t')}`, 100, 1, 1000, 1), param('x0', `clean value ${m('x_0')}`, 2, -3, 3, 0.1)];
  return {
    title: `Forward diffusion ${m('q(x_t \\mid x_0) = \\mathcal{N}(\\sqrt{\\bar\\alpha_t}\\,x_0,\\ 1 - \\bar\\alpha_t)')} with a linear ${m('\\beta')} schedule, ${m('T = 1000')}`,
    latex: 'q(x_t\\mid x_0) = \\mathcal{N}\\big(\\sqrt{\\bar\\alpha_t}\\,x_0,\\ (1-\\bar\\alpha_t)I\\big),\\qquad \\bar\\alpha_t = \\prod_{s=1}^{t}(1-\\beta_s)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const value = alphaBar(Math.round(v.t));
      const mean = Math.sqrt(value) * v.x0;
      const sd = Math.sqrt(1 - value);
      const xs = grid(-4, 4, 400);
      return result(value, `${m('\\bar\\alpha_t')} = ${f4(value)}: ${m('x_t')} keeps ${f4(Math.sqrt(value))} of ${m('x_0')} (mean ${f4(mean)}) and has noise variance ${m('1 - \\bar\\alpha_t')} = ${f4(1 - value)} (standard deviation ${f4(sd)}); as ${m('t')} grows ${m('q(x_t \\mid x_0)')} approaches ${m('\\mathcal{N}(0, 1)')}`, [
        densityCurve(m(`q(x_t \\mid x_0) = ${normalTex(mean, sd)}`), xs, mean, sd),
        densityCurve(m('\\mathcal{N}(0, 1)'), xs, 0, 1),
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function reconstructionToy(): ToyInstance {
  const parameters = [
    param('x', `data ${m('x')}`, 1, -3, 3, 0.05), param('xhat', `reconstruction ${m('\\hat x')}`, 0, -3, 3, 0.05),
    param('sigma', `decoder standard deviation ${m('\\sigma')}`, 1, 0.1, 2, 0.05),
  ];
  return {
    title: 'Squared error as a Gaussian negative log-likelihood',
    latex: '-\\log\\mathcal{N}(x;\\hat x,\\sigma^2) = \\frac{(x-\\hat x)^2}{2\\sigma^2} + \\tfrac12\\log(2\\pi\\sigma^2)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const nll = (xhat: number): number => -gaussianLogPdf(v.x, xhat, v.sigma ** 2);
      const value = (v.x - v.xhat) ** 2;
      const xs = grid(-3, 3);
      return result(value, `${m('(x - \\hat x)^2')} = ${f4(value)}; the Gaussian negative log-likelihood (NLL) ${m('\\frac{(x - \\hat x)^2}{2\\sigma^2} + \\tfrac12 \\log(2\\pi\\sigma^2)')} = ${f4(nll(v.xhat))} is the same loss up to scale and a constant`, [
        { label: `squared error ${m('(x - \\hat x)^2')} as ${m('\\hat x')} varies`, x: xs, y: xs.map((h) => (v.x - h) ** 2) },
        { label: `Gaussian negative log-likelihood ${m('-\\log \\mathcal{N}(x; \\hat x, \\sigma^2)')}`, x: xs, y: xs.map(nll) },
      ]);
    },
  };
}
