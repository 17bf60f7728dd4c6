/**
 * Maximum likelihood, per family, from the note's own likelihood: θ̂ = k/n for Bernoulli and
 * binomial counts, the sample mean and variance for a Gaussian sample, π̂ = counts over the total
 * for categorical counts (with a Lagrange multiplier), responsibilities for a mixture, and for a
 * negative log-likelihood loss its link to likelihood, cross-entropy and the forward KL.
 */
import { FunctionalModel, gaussianLog, type Value } from '../check/models';
import { int, makeWorld, real, type Getter, type World } from '../check/world';
import {
  E, H, add, argmax, argmin, call, dens, div, idx, kl, log, mul, neg, normalAt, num, partial, pow, prod, sq, stmt, sub, sum, sym,
} from '../expr/build';
import type { Expr } from '../expr/types';
import { toTex } from '../expr/tex';
import type { MleLetters, MleVariant } from '../detect/mle';
import type { PlannedStep } from '../step';
import { m, step, type Built } from './common';

function fresh(symbols: ReadonlySet<string>, candidates: readonly string[]): string {
  return candidates.find((c) => !symbols.has(c)) ?? candidates[candidates.length - 1];
}

const name = (e: Expr | undefined): string | undefined => (e && e.t === 'sym' ? e.name : undefined);

/** Normalized positive weights for indices 1..K, drawn per world. */
function simplexWeight(table: { num(k: string): number; value(k: string, b?: string): Value | undefined }, K: number, j: number): number {
  let total = 0;
  for (let l = 1; l <= K; l++) total += table.value(`#w_{${l}}`, '#w') as number;
  return (table.value(`#w_{${j}}`, '#w') as number) / total;
}

/** The steps of an MLE variant and the toy instance that checks them. */
export function mleSteps(variant: MleVariant, L: MleLetters, symbols: ReadonlySet<string>): Built {
  switch (variant) {
    case 'bernoulli': case 'binomial': return bernoulli(variant, L, symbols);
    case 'gaussian': return gaussian(L);
    case 'categorical': return categorical(L, symbols);
    case 'mixture': return mixture(L, symbols);
    case 'nll': case 'generic': return likelihood(variant, L, symbols);
  }
}

function bernoulli(variant: 'bernoulli' | 'binomial', L: MleLetters, symbols: ReadonlySet<string>): Built {
  const theta = L.theta as string;
  const th = sym(theta);
  const n = L.n as Expr;
  const nName = name(n);
  const steps: PlannedStep[] = [];
  const ell = fresh(symbols, ['\\ell', '\\mathcal{L}', 'J']);
  const hat = sym(`\\hat{${theta}}`);
  const perObservation = !!L.x && !!L.i;
  const k: Expr = perObservation ? sym(fresh(symbols, ['k', 'm', 's'])) : (L.k as Expr);
  const kName = name(k);
  const world = (seed: number): World => makeWorld(seed, {
    name: 'Bernoulli trials',
    specs: { ...(nName ? { [nName]: int(4, 12) } : {}), [theta]: real(0.1, 0.9), '#u': real(0, 1) },
    derived: kName && !perObservation ? { [kName]: (t) => 1 + Math.floor(t.num('#u') * ((t.num(nName as string)) - 1) * 0.999) } : undefined,
    exact: (base, index, t) => {
      if (!perObservation || base !== L.x || index === undefined) return undefined;
      // At least one success and one failure, so the maximum is inside (0, 1).
      const nn = t.num(nName as string);
      if (index === 1) return 1;
      if (index === nn) return 0;
      return (t.value(`${base}_{${index}}`, '#u') as number) < 0.5 ? 0 : 1;
    },
  });
  const logLik = add(mul(k, log(th)), mul({ t: 'paren', a: sub(n, k) }, log({ t: 'paren', a: sub(num(1), th) })));
  if (perObservation) {
    const x = L.x as string;
    const i = L.i as string;
    steps.push(step(stmt(k, ':=', sum(i, idx(x, i), 1, n)), 'counting the successes',
      `Let ${m(k)} be the number of observations equal to 1.`));
    steps.push(step(stmt(L.expr as Expr, '=', logLik), 'grouping the terms by outcome',
      `Each observation contributes ${m(log(th))} if it is a 1 and ${m(log(sub(num(1), th)))} if it is a 0, so the log-likelihood only depends on the count ${m(k)}.`));
  } else if (L.expr && L.expr.t !== 'add') {
    // The reader does not keep `\binom`, so the likelihood is written out from the letters.
    const likelihood = mul(...(variant === 'binomial' ? [call('\\binom', n, k)] : []), pow(th, k), pow({ t: 'paren', a: sub(num(1), th) }, sub(n, k)));
    steps.push(step(stmt(log(likelihood), '=', variant === 'binomial' ? add(log(call('\\binom', n, k)), logLik) : logLik), 'the logarithm of the likelihood',
      `Taking the log turns the product of powers into a sum${variant === 'binomial' ? `; the binomial coefficient ${m(call('\\binom', n, k))} does not depend on ${m(th)}, so it does not move the maximizer` : ''}.`));
  }
  const f = L.objective && L.objective.t === 'call' && !perObservation && L.expr?.t === 'add' ? L.objective : call(ell, th);
  if (f.t === 'call' && f.head === ell) {
    steps.push(step(stmt(f, ':=', logLik), 'the log-likelihood', `Call the log-likelihood ${m(f)}.`));
  }
  steps.push(step(stmt(partial(th, f), '=', sub(div(k, th), div(sub(n, k), sub(num(1), th)))), 'differentiating',
    `Each success pulls ${m(th)} up in proportion to ${m(div(num(1), th))} and each failure pulls it down in proportion to ${m(div(num(1), sub(num(1), th)))}.`, { tolerance: 1e-5 }));
  steps.push(step(stmt(hat, ':=', argmax(theta, f, 1e-9, 1 - 1e-9, `${theta} \\in (0, 1)`), '=', div(k, n)), 'setting the derivative to zero',
    `The derivative vanishes where ${m(mul(k, sub(num(1), th)))} equals ${m(mul({ t: 'paren', a: sub(n, k) }, th))}: the estimate is the fraction of successes.`,
    { tolerance: 1e-5, assumption: `$0 < ${toTex(k)} < ${toTex(n)}$, so the maximum is inside $(0, 1)$` }));
  steps.push(step(stmt(partial(th, partial(th, f)), '=', sub(neg(div(k, sq(th))), div(sub(n, k), sq({ t: 'paren', a: sub(num(1), th) }))), '<', num(0)), 'the second derivative',
    `The second derivative is negative everywhere, so the log-likelihood is concave and the stationary point is its maximum.`, { tolerance: 1e-3 }));
  return { steps, world };
}

function gaussian(L: MleLetters): Built {
  const x = L.x as string;
  const i = L.i as string;
  const n = L.n as Expr;
  const mu = L.mu as string;
  const sigma = L.sigma as string;
  const F = L.expr as Expr;
  const s2 = sq(sym(sigma));
  const xi = idx(x, i);
  const world = (seed: number): World => makeWorld(seed, {
    name: 'a Gaussian sample',
    specs: { ...(name(n) ? { [name(n) as string]: int(3, 6) } : {}), [mu]: real(-1, 1), [sigma]: real(0.5, 1.5), '#x': real(-2, 2) },
    exact: (base, index, t) => (base === x && index !== undefined ? t.value(`${base}_{${index}}`, '#x') : undefined),
  });
  const muHat = sym(`\\hat{${mu}}`);
  const sdHat = sym(`\\hat{${sigma}}`);
  const steps: PlannedStep[] = [
    step(stmt(F, '=', sub(neg(mul(div(n, num(2)), log(mul(num(2), sym('\\pi'), s2)))), mul(div(num(1), mul(num(2), s2)), sum(i, sq(sub(xi, sym(mu))), 1, n)))), 'the Gaussian log-density, summed',
      `Each observation contributes the log of the Gaussian density: a normalizing term and a squared distance to ${m(mu)} scaled by ${m(s2)}.`),
    step(stmt(partial(mu, F), '=', mul(div(num(1), s2), sum(i, sub(xi, sym(mu)), 1, n))), 'differentiating in the mean',
      `The derivative in ${m(mu)} is the sum of the residuals over ${m(s2)}.`, { tolerance: 1e-5 }),
    step(stmt(muHat, ':=', argmax(mu, F, -50, 50), '=', mul(div(num(1), n), sum(i, xi, 1, n))), 'setting it to zero',
      `It vanishes when the residuals sum to zero: the estimate of the mean is the sample mean.`, { tolerance: 1e-5 }),
  ];
  steps.push(step([stmt(sdHat, ':=', argmax(sigma, { t: 'at', body: F, v: sym(mu), value: muHat }, 1e-3, 50)), stmt(sq(sdHat), '=', mul(div(num(1), n), sum(i, sq(sub(xi, muHat)), 1, n)))],
    'maximizing in the variance',
    `At the sample mean, the likelihood is largest when ${m(s2)} is the average squared residual, with ${m(div(num(1), n))} rather than ${m(div(num(1), sub(n, num(1))))}: slightly biased.`,
    { tolerance: 1e-5 }));
  return { steps, world };
}

function categorical(L: MleLetters, symbols: ReadonlySet<string>): Built {
  const nB = L.counts as string;
  const pB = L.probs as string;
  const K = L.K as Expr;
  const j = L.j as string;
  const lam = fresh(symbols, ['\\lambda', '\\nu']);
  const free = fresh(symbols, ['l', 'r']);
  const world = (seed: number): World => makeWorld(seed, {
    name: 'categorical counts',
    specs: { ...(name(K) ? { [name(K) as string]: int(2, 4) } : {}), '#count': int(1, 6), '#w': real(0.2, 1), [lam]: real(0.5, 5) },
    derived: { [j]: (t) => 1 + ((t.value('#pick', '#w') as number) > 0.6 ? 1 : 0) },
    exact: (base, index, t) => {
      if (index === undefined) return undefined;
      if (base === nB) return t.value(`${base}_{${index}}`, '#count');
      if (base === pB) return simplexWeight(t, t.num(name(K) as string), index);
      return undefined;
    },
  });
  const hat = `\\hat{${pB}}`;
  const N = sum(free, idx(nB, free), 1, K);
  const lagr = add(sum(free, mul(idx(nB, free), log(idx(pB, free))), 1, K), mul(sym(lam), { t: 'paren', a: sub(num(1), sum(free, idx(pB, free), 1, K)) }));
  const steps: PlannedStep[] = [
    step(stmt(partial(idx(pB, j), lagr), '=', sub(div(idx(nB, j), idx(pB, j)), sym(lam))), 'a Lagrange multiplier for the constraint',
      `The probabilities must sum to one, so add ${m(lam)} times the constraint; its derivative in ${m(idx(pB, j))} vanishes when ${m(idx(pB, j))} is proportional to ${m(idx(nB, j))}.`,
      { assumption: `a Lagrange multiplier ${m(lam)} for the constraint that the ${m(pB)} sum to one`, introduces: [lam], tolerance: 1e-5 }),
    step(stmt(idx(hat, j), ':=', div(idx(nB, j), N)), 'normalizing',
      `Summing over the categories fixes ${m(lam)} to the total count: each probability is its category's share of the counts.`),
    step(stmt(sum(j, mul(idx(nB, j), log(idx(hat, j))), 1, K), '>=', sum(j, mul(idx(nB, j), log(idx(pB, j))), 1, K)), "Gibbs' inequality",
      `No other probabilities give the counts a higher log-likelihood.`),
    step(stmt(sub(sum(j, mul(idx(nB, j), log(idx(hat, j))), 1, K), sum(j, mul(idx(nB, j), log(idx(pB, j))), 1, K)), '=', mul(N, sum(j, mul(idx(hat, j), log(div(idx(hat, j), idx(pB, j)))), 1, K))), 'the gap is a KL divergence',
      `The gap is the total count times the KL divergence from the estimated to the other probabilities, which is non-negative and zero only when they agree.`),
  ];
  return { steps, world };
}

function mixture(L: MleLetters, symbols: ReadonlySet<string>): Built {
  const pi = L.probs as string;
  const mu = L.mu as string;
  const sd = L.sigma as string;
  const k = L.j as string;
  const K = L.K as Expr;
  const x = L.point as Expr;
  const j = fresh(symbols, ['j', 'l', 'r']);
  const g = fresh(symbols, ['\\gamma', 'r', 'w']);
  const comp = (c: Expr | string): Expr => mul(idx(pi, c), normalAt(x, idx(mu, c), sq(idx(sd, c))));
  const total = sum(j, comp(j), 1, K);
  const world = (seed: number): World => makeWorld(seed, {
    name: 'a mixture of Gaussians',
    specs: { ...(name(K) ? { [name(K) as string]: int(2, 3) } : {}), '#w': real(0.2, 1), '#m': real(-2, 2), '#s': real(0.5, 1.5), ...(name(x) ? { [name(x) as string]: real(-2, 2) } : {}) },
    derived: { [k]: (t) => 1 + ((t.value('#pick', '#w') as number) > 0.6 ? 1 : 0) },
    exact: (base, index, t) => {
      if (index === undefined) return undefined;
      if (base === pi) return simplexWeight(t, t.num(name(K) as string), index);
      if (base === mu) return t.value(`${base}_{${index}}`, '#m');
      if (base === sd) return t.value(`${base}_{${index}}`, '#s');
      return undefined;
    },
  });
  const steps: PlannedStep[] = [
    step(stmt(idx(g, k), ':=', div(comp(k), total)), 'responsibilities',
      `Call ${m(idx(g, k))} the responsibility of component ${m(k)} for ${m(x)}: its share of the mixture density there (the posterior probability of the component).`),
    step(stmt(sum(k, idx(g, k), 1, K), '=', num(1)), 'they sum to one', 'The responsibilities of all components add up to one.'),
    step(stmt(partial(idx(mu, k), log(total)), '=', mul(idx(g, k), div(sub(x, idx(mu, k)), sq(idx(sd, k))))), 'the gradient of the log of a sum',
      `The log of a sum does not split, but its gradient does: each component's Gaussian gradient, weighted by its responsibility.`, { tolerance: 1e-5 }),
    step(stmt(log(total), '=', sum(k, mul(idx(g, k), log(div(comp(k), idx(g, k)))), 1, K)), 'the EM bound is tight at the responsibilities',
      `By Jensen's inequality any weights give a lower bound on the log of the mixture; with the responsibilities it is an equality, which is why EM alternates computing them and maximizing the bound.`),
  ];
  return { steps, world };
}

function likelihood(variant: 'nll' | 'generic', L: MleLetters, symbols: ReadonlySet<string>): Built {
  const head = L.model as string;
  const theta = L.theta;
  const x = L.x as string;
  const i = L.i as string;
  const n = L.n as Expr;
  const F = L.expr as Expr;
  const xi = idx(x, i);
  const hat = fresh(symbols, ['\\hat{p}', '\\tilde{p}']);
  const world = (seed: number): World => makeWorld(seed, {
    name: 'a Gaussian model of a sample',
    specs: { ...(name(n) ? { [name(n) as string]: int(3, 5) } : {}), ...(theta ? { [theta]: real(-1, 1) } : {}), '#x': real(-2, 2), x: real(-2, 2) },
    exact: (base, index, t) => (base === x && index !== undefined ? t.value(`${base}_{${index}}`, '#x') : undefined),
    models: {
      [head]: (get: Getter) => new FunctionalModel([x], (main, _c, at) => gaussianLog(at(main[0]), theta ? (get(theta) as number) : 0, 1), () => ({ points: [], weights: [] })),
      [hat]: (get: Getter) => {
        const nn = get(name(n) as string) as number;
        const pts: Value[][] = [];
        for (let k = 1; k <= nn; k++) pts.push([get(`${x}_{${k}}`)]);
        // The empirical distribution: mass 1/n at each observation (the draws are distinct).
        return new FunctionalModel([x], (main, _c, at) => (pts.some((p) => Math.abs((p[0] as number) - (at(main[0]) as number)) < 1e-12) ? -Math.log(nn) : -Infinity), () => ({ points: pts, weights: pts.map(() => 1 / nn) }));
      },
    },
  });
  const model = (v: Expr): Expr => dens(head, [v], theta && !head.includes(theta) ? [sym(theta)] : []);
  const sumLog = sum(i, log(model(xi)), 1, n);
  const steps: PlannedStep[] = [
    step(stmt(sumLog, '=', log(prod(i, model(xi), 1, n))), 'the log of a product',
      `The observations are independent, so the likelihood of the sample is a product, and its log is the sum the note writes.`),
  ];
  if (theta) {
    steps.push(variant === 'nll'
      ? step(stmt(argmin(theta, F, -20, 20), '=', argmax(theta, prod(i, model(xi), 1, n), -20, 20)), 'minimizing the loss is maximizing the likelihood',
        `The logarithm is increasing and the sign is flipped, so the ${m(theta)} that minimizes this loss is the maximum-likelihood estimate.`, { tolerance: 1e-5 })
      : step(stmt(argmax(theta, sumLog, -20, 20), '=', argmax(theta, prod(i, model(xi), 1, n), -20, 20)), 'the logarithm keeps the maximizer',
        `The logarithm is increasing, so maximizing the sum of logs maximizes the likelihood itself, and sums are easier to differentiate than products.`, { tolerance: 1e-5 }));
  }
  const empirical = dens(hat);
  const assumption = `${m(hat)} is the empirical distribution of the sample, mass ${m(div(num(1), n))} on each observation`;
  steps.push(step(stmt(mul(div(num(1), n), sumLog), '=', E(empirical, log(model(sym(x))), [sym(x)])), 'an average over the sample',
    `Divided by ${m(n)}, the log-likelihood is an expectation under the empirical distribution ${m(hat)}.`, { assumption, introduces: [hat] }));
  steps.push(step(stmt(E(empirical, log(model(sym(x))), [sym(x)]), '=', sub(neg(H(empirical)), kl(empirical, dens(head)))), 'cross-entropy = entropy + KL',
    `The entropy of the data does not depend on the model, so maximizing the likelihood minimizes the KL divergence from the data's distribution to the model: the forward KL, which punishes the model for missing any observation.`,
    { assumption, introduces: [hat] }));
  return { steps, world };
}
