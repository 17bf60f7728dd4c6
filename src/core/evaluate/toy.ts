/**
 * Toy instances for symbolic formulas: a small concrete model of the formula's kind with
 * sliders (the panel recomputes live as they move). Each `compute` clamps its inputs to the
 * sliders' ranges and returns only finite numbers, whatever the webview sends.
 */
import { gaussian, gaussianLogPdf, gaussianPdf } from './distributions';
import { jsdGaussians, klGaussians } from './divergences';

/** One slider. */
export interface ToyParameter { readonly name: string; readonly label: string; readonly value: number; readonly min: number; readonly max: number; readonly step: number }
/** What a toy shows for one setting of its sliders. */
export interface ToyResult { readonly value: number; readonly text: string; /** curves to plot, e.g. both densities */ readonly curves: readonly { readonly label: string; readonly x: readonly number[]; readonly y: readonly number[] }[] }
/** A concrete instance of a formula's kind, with sliders for its parameters. */
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

function f4(x: number): string {
  return Number(finite(x).toPrecision(4)).toString();
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function klToy(roles: Readonly<Record<string, string>>): ToyInstance {
  const p = roles.first ?? 'p';
  const q = roles.second ?? 'q';
  const parameters = [
    param('mu1', `μ₁ (mean of ${p})`, 0, -3, 3, 0.1), param('sigma1', `σ₁ (std of ${p})`, 1, 0.2, 3, 0.05),
    param('mu2', `μ₂ (mean of ${q})`, 1, -3, 3, 0.1), param('sigma2', `σ₂ (std of ${q})`, 1.5, 0.2, 3, 0.05),
  ];
  return {
    title: `KL divergence of two Gaussians: ${p} = N(μ₁, σ₁²), ${q} = N(μ₂, σ₂²)`,
    latex: 'D_{KL}\\big(\\mathcal{N}(\\mu_1,\\sigma_1^2)\\,\\|\\,\\mathcal{N}(\\mu_2,\\sigma_2^2)\\big) = \\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1-\\mu_2)^2}{2\\sigma_2^2} - \\frac{1}{2}',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const value = klGaussians(gaussian(v.mu1, v.sigma1 ** 2), gaussian(v.mu2, v.sigma2 ** 2));
      const xs = grid(...range([[v.mu1, v.sigma1], [v.mu2, v.sigma2]]));
      return result(value, `KL(${p} ‖ ${q}) = ${f4(value)} nats (closed form); it is 0 only when the two Gaussians coincide`, [
        densityCurve(`${p} = N(${f4(v.mu1)}, ${f4(v.sigma1 ** 2)})`, xs, v.mu1, v.sigma1),
        densityCurve(`${q} = N(${f4(v.mu2)}, ${f4(v.sigma2 ** 2)})`, xs, v.mu2, v.sigma2),
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
  const parameters = [param('p', 'p = P(x = 1)', 0.3, 0, 1, 0.01)];
  return {
    title: 'Entropy of a Bernoulli(p)',
    latex: 'H(\\mathrm{Bern}(p)) = -p\\log p - (1-p)\\log(1-p)',
    parameters,
    compute(values) {
      const { p } = read(parameters, values);
      const value = binaryEntropy(p);
      const ps = grid(0, 1);
      return result(value, `H = ${f4(value)} nats; the largest is log 2 = 0.6931 at p = 0.5, and 0 when the outcome is certain`, [
        { label: 'H(Bern(p)) as p varies', x: ps, y: ps.map(binaryEntropy) },
        { label: 'current p', x: [p], y: [value] },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function jsdToy(): ToyInstance {
  const parameters = [
    param('mu1', 'μ₁ (mean of P)', 0, -3, 3, 0.1), param('sigma1', 'σ₁ (std of P)', 1, 0.2, 3, 0.05),
    param('mu2', 'μ₂ (mean of Q)', 2, -3, 3, 0.1), param('sigma2', 'σ₂ (std of Q)', 1, 0.2, 3, 0.05),
  ];
  return {
    title: 'Jensen-Shannon divergence of two Gaussians',
    latex: '\\mathrm{JSD}(P\\|Q) = \\tfrac12 D_{KL}(P\\|M) + \\tfrac12 D_{KL}(Q\\|M),\\quad M = \\tfrac12(P+Q)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const value = jsdGaussians(gaussian(v.mu1, v.sigma1 ** 2), gaussian(v.mu2, v.sigma2 ** 2));
      const xs = grid(...range([[v.mu1, v.sigma1], [v.mu2, v.sigma2]]));
      const pc = densityCurve('P', xs, v.mu1, v.sigma1);
      const qc = densityCurve('Q', xs, v.mu2, v.sigma2);
      return result(value, `JSD = ${f4(value)} nats (numerical integration), always between 0 and log 2 = 0.6931`, [
        pc, qc, { label: 'M = ½(P + Q)', x: xs, y: xs.map((_, i) => 0.5 * (pc.y[i] + qc.y[i])) },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function minimaxToy(): ToyInstance {
  const parameters = [param('muG', 'generator mean μ_g', 2, -4, 4, 0.1), param('sigmaG', 'generator std σ_g', 1, 0.3, 3, 0.05)];
  return {
    title: 'GAN value at the optimal discriminator: p_data = N(0, 1), p_g = N(μ_g, σ_g²)',
    latex: 'V(D^*, G) = -\\log 4 + 2\\,\\mathrm{JSD}(p_{\\text{data}}\\|p_g)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const j = jsdGaussians(gaussian(0, 1), gaussian(v.muG, v.sigmaG ** 2));
      const value = -Math.log(4) + 2 * j;
      const xs = grid(...range([[0, 1], [v.muG, v.sigmaG]]));
      const pd = densityCurve('p_data', xs, 0, 1);
      const pg = densityCurve('p_g', xs, v.muG, v.sigmaG);
      // D*(x) = p_data / (p_data + p_g), in log space so far tails give 0 or 1, not 0/0.
      const dStar = xs.map((x) => {
        const a = gaussianLogPdf(x, 0, 1);
        const b = gaussianLogPdf(x, v.muG, v.sigmaG ** 2);
        return 1 / (1 + Math.exp(b - a));
      });
      return result(value, `V(D*, G) = −log 4 + 2·JSD = ${f4(value)}; the minimum −log 4 = −1.386 is reached only when p_g = p_data`, [
        pd, pg, { label: 'D*(x) = p_data / (p_data + p_g)', x: xs, y: dStar },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function elboToy(): ToyInstance {
  const parameters = [
    param('x', 'observed x', 1.5, -3, 3, 0.1), param('noise', 'decoder noise std s', 1, 0.2, 2, 0.05),
    param('m', 'q mean m', 0, -3, 3, 0.05), param('sd', 'q std', 1, 0.05, 2, 0.01),
  ];
  return {
    title: 'ELBO of a linear-Gaussian model: z ~ N(0, 1), x | z ~ N(z, s²), q(z) = N(m, std²)',
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
      return result(value, `log p(x) = ${f4(logPx)}, ELBO = ${f4(value)}: the gap ${f4(gap)} is KL(q(z) ‖ p(z|x)), zero when q is the posterior N(${f4(postMean)}, ${f4(postVar)})`, [
        densityCurve('posterior p(z | x)', xs, postMean, Math.sqrt(postVar)),
        densityCurve('q(z)', xs, v.m, v.sd),
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function gradientToy(roles: Readonly<Record<string, string>>): ToyInstance {
  const eta = roles.learning_rate ?? 'η';
  const theta = roles.parameter ?? 'θ';
  const parameters = [
    param('eta', `step size ${eta}`, 0.5, 0.01, 2.5, 0.01), param('L', 'curvature L', 1, 0.1, 10, 0.1), param('theta0', `start ${theta}₀`, 2, -5, 5, 0.1),
  ];
  return {
    title: `One gradient step on f(${theta}) = ½ L ${theta}²`,
    latex: '\\theta_1 = \\theta_0 - \\eta\\,\\nabla f(\\theta_0) = (1 - \\eta L)\\,\\theta_0',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const factor = 1 - v.eta * v.L;
      const value = factor * v.theta0;
      const limit = 2 / v.L;
      const verdict = v.eta < limit
        ? `η = ${f4(v.eta)} < 2/L = ${f4(limit)}: each step shrinks |θ| by |1 − ηL| = ${f4(Math.abs(factor))}, so gradient descent converges`
        : v.eta === limit
          ? `η = 2/L = ${f4(limit)}: θ flips sign each step and neither converges nor diverges`
          : `η = ${f4(v.eta)} > 2/L = ${f4(limit)}: each step multiplies |θ| by ${f4(Math.abs(factor))} > 1, so gradient descent diverges`;
      const path: number[] = [v.theta0];
      for (let k = 0; k < 10; k++) path.push(path[k] * factor);
      const r = Math.max(5, ...path.slice(0, 4).map(Math.abs));
      const xs = grid(-r, r);
      return result(value, `θ₁ = ${f4(value)}. ${verdict}`, [
        { label: 'f(θ) = ½Lθ²', x: xs, y: xs.map((t) => 0.5 * v.L * t * t) },
        { label: 'iterates θ₀, θ₁, …', x: path, y: path.map((t) => 0.5 * v.L * t * t) },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function bayesToy(): ToyInstance {
  const parameters = [
    param('prior', 'prior P(A)', 0.01, 0, 1, 0.005), param('likelihood', 'likelihood P(B | A)', 0.9, 0, 1, 0.01),
    param('falseRate', 'P(B | not A)', 0.1, 0, 1, 0.01),
  ];
  const posterior = (prior: number, lik: number, fr: number): number | undefined => {
    const evidence = lik * prior + fr * (1 - prior);
    return evidence > 0 ? (lik * prior) / evidence : undefined;
  };
  return {
    title: 'Bayes\' rule: the posterior P(A | B) from a prior and two likelihoods',
    latex: 'P(A\\mid B) = \\frac{P(B\\mid A)\\,P(A)}{P(B\\mid A)\\,P(A) + P(B\\mid \\neg A)\\,(1 - P(A))}',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const post = posterior(v.prior, v.likelihood, v.falseRate);
      const ps = grid(0, 1);
      const curve = { label: 'posterior P(A | B) as the prior varies', x: ps, y: ps.map((p) => posterior(p, v.likelihood, v.falseRate) ?? p) };
      if (post === undefined) {
        return result(v.prior, 'P(B) = 0: the evidence is impossible under these numbers, so there is no posterior (the prior is shown)', [curve]);
      }
      return result(post, `P(A | B) = ${f4(post)} from a prior of ${f4(v.prior)}; the evidence P(B) = ${f4(v.likelihood * v.prior + v.falseRate * (1 - v.prior))}`, [curve]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function mleToy(): ToyInstance {
  const parameters = [
    param('n', 'coin flips n', 10, 1, 100, 1), param('k', 'heads k', 7, 0, 100, 1), param('theta', 'θ = P(heads)', 0.5, 0.01, 0.99, 0.01),
  ];
  const logLik = (theta: number, n: number, k: number): number => k * Math.log(theta) + (n - k) * Math.log(1 - theta);
  return {
    title: 'Maximum likelihood for a coin: k heads in n flips',
    latex: '\\log L(\\theta) = k\\log\\theta + (n-k)\\log(1-\\theta),\\qquad \\hat\\theta = \\frac{k}{n}',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const n = Math.round(v.n);
      const k = Math.min(n, Math.round(v.k));
      const value = logLik(v.theta, n, k);
      const best = Math.min(0.99, Math.max(0.01, k / n));
      const ts = grid(0.01, 0.99);
      return result(value, `log L(${f4(v.theta)}) = ${f4(value)}; the maximum is at θ̂ = k/n = ${f4(k / n)} (log L = ${f4(logLik(best, n, k))} within the slider's range)`, [
        { label: 'log-likelihood log L(θ)', x: ts, y: ts.map((t) => logLik(t, n, k)) },
        { label: 'current θ', x: [v.theta], y: [value] },
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function marginalToy(): ToyInstance {
  const parameters = [
    param('pi', 'weight π of component 1', 0.3, 0, 1, 0.01), param('mu1', 'μ₁', -1.5, -4, 4, 0.1), param('mu2', 'μ₂', 1.5, -4, 4, 0.1),
    param('sigma', 'shared std σ', 0.7, 0.1, 3, 0.05), param('x', 'evaluate at x', 0, -5, 5, 0.1),
  ];
  return {
    title: 'Marginal likelihood of a two-component Gaussian mixture: p(x) = Σ_z p(z) p(x | z)',
    latex: 'p(x) = \\sum_{z} p(z)\\,p(x\\mid z) = \\pi\\,\\mathcal{N}(x;\\mu_1,\\sigma^2) + (1-\\pi)\\,\\mathcal{N}(x;\\mu_2,\\sigma^2)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const s2 = v.sigma ** 2;
      const px = (x: number): number => v.pi * gaussianPdf(x, v.mu1, s2) + (1 - v.pi) * gaussianPdf(x, v.mu2, s2);
      const value = px(v.x);
      const xs = grid(...range([[v.mu1, v.sigma], [v.mu2, v.sigma]]));
      return result(value, `p(${f4(v.x)}) = ${f4(value)}: the sum over the latent z of the prior times the likelihood`, [
        { label: 'π N(x; μ₁, σ²)', x: xs, y: xs.map((x) => v.pi * gaussianPdf(x, v.mu1, s2)) },
        { label: '(1 − π) N(x; μ₂, σ²)', x: xs, y: xs.map((x) => (1 - v.pi) * gaussianPdf(x, v.mu2, s2)) },
        { label: 'marginal p(x)', x: xs, y: xs.map(px) },
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
  const parameters = [param('t', 'time step t', 100, 1, 1000, 1), param('x0', 'clean value x₀', 2, -3, 3, 0.1)];
  return {
    title: 'Forward diffusion: q(x_t | x₀) = N(√ᾱ_t x₀, 1 − ᾱ_t), linear β schedule, T = 1000',
    latex: 'q(x_t\\mid x_0) = \\mathcal{N}\\big(\\sqrt{\\bar\\alpha_t}\\,x_0,\\ (1-\\bar\\alpha_t)I\\big),\\qquad \\bar\\alpha_t = \\prod_{s=1}^{t}(1-\\beta_s)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const value = alphaBar(Math.round(v.t));
      const mean = Math.sqrt(value) * v.x0;
      const sd = Math.sqrt(1 - value);
      const xs = grid(-4, 4, 400);
      return result(value, `ᾱ_t = ${f4(value)}: x_t keeps ${f4(Math.sqrt(value))} of x₀ (mean ${f4(mean)}) and has noise variance ${f4(1 - value)}; as t grows q(x_t | x₀) approaches N(0, 1)`, [
        densityCurve('q(x_t | x₀)', xs, mean, sd),
        densityCurve('N(0, 1)', xs, 0, 1),
      ]);
    },
  };
}

/** The toy instance of its kind (src/core/kinds.ts names which). */
export function reconstructionToy(): ToyInstance {
  const parameters = [param('x', 'data x', 1, -3, 3, 0.05), param('xhat', 'reconstruction x̂', 0, -3, 3, 0.05), param('sigma', 'decoder std σ', 1, 0.1, 2, 0.05)];
  return {
    title: 'Squared error as a Gaussian negative log-likelihood',
    latex: '-\\log\\mathcal{N}(x;\\hat x,\\sigma^2) = \\frac{(x-\\hat x)^2}{2\\sigma^2} + \\tfrac12\\log(2\\pi\\sigma^2)',
    parameters,
    compute(values) {
      const v = read(parameters, values);
      const nll = (xhat: number): number => -gaussianLogPdf(v.x, xhat, v.sigma ** 2);
      const value = (v.x - v.xhat) ** 2;
      const xs = grid(-3, 3);
      return result(value, `(x − x̂)² = ${f4(value)}; the Gaussian NLL is ${f4(nll(v.xhat))} = (x − x̂)²/(2σ²) + ½ log(2πσ²), the same loss up to scale and a constant`, [
        { label: 'squared error (x − x̂)² as x̂ varies', x: xs, y: xs.map((h) => (v.x - h) ** 2) },
        { label: 'Gaussian NLL −log N(x; x̂, σ²)', x: xs, y: xs.map(nll) },
      ]);
    },
  };
}
