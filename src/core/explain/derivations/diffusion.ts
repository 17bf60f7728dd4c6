/**
 * Diffusion models, per variant, in the note's letters: the variational bound (its KL terms, the
 * fixed forward posterior, nothing learned in q: there is no encoder φ), the simplified
 * noise-prediction loss, and the forward process. Checked in a one-dimensional diffusion of
 * Gaussian data with a random schedule, where every density is a linear-Gaussian conditional.
 */
import { GaussianJoint, type LinearNode } from '../check/models';
import { getNum, int, makeWorld, real, type Getter, type World } from '../check/world';
import {
  E, add, call, dens, div, half, idx, kl, log, mul, neg, normal, normalAt, num, range, sq, sqrt, stmt, sub, sum, sym,
} from '../expr/build';
import type { Expr } from '../expr/types';
import type { DiffusionLetters, DiffusionVariant } from '../detect/diffusion';
import type { PlannedStep } from '../step';
import { m, step, type Built } from './common';

function fresh(symbols: ReadonlySet<string>, candidates: readonly string[]): string {
  return candidates.find((c) => !symbols.has(c)) ?? candidates[candidates.length - 1];
}

/** Names the toy uses for the schedule, whichever the note writes. */
interface Schedule { beta: string; alpha: string; alphaBar: string; eps: string; epsTheta: string; sigma: string; mu: string; T: string }

/** The world: data x_0 ~ N(m, s²), forward steps with a random schedule, a linear reverse model. */
function diffusionWorld(seed: number, L: DiffusionLetters, S: Schedule): World {
  const prod = (get: Getter, k: number): number => {
    let a = 1;
    for (let r = 1; r <= k; r++) a *= 1 - getNum(get, `${S.beta}_{${r}}`);
    return a;
  };
  const steps = (get: Getter) => getNum(get, S.T);
  const reverse = (get: Getter): GaussianJoint => {
    const T = steps(get);
    const nodes: LinearNode[] = [{ v: `${L.x}_{${T}}`, bias: 0, variance: 1 }];
    for (let k = T; k >= 1; k--) {
      // μ_θ(x_k, k) = (x_k - β_k / √(1 - ᾱ_k) ε_θ(x_k, k)) / √α_k, linear because ε_θ is.
      const b = getNum(get, `${S.beta}_{${k}}`);
      const scale = b / Math.sqrt(1 - prod(get, k));
      const a = Math.sqrt(1 - b);
      const weight = (1 - scale * getNum(get, `#c_{${k}}`)) / a;
      const bias = (-scale * getNum(get, `#d_{${k}}`)) / a;
      nodes.push({ v: `${L.x}_{${k - 1}}`, bias, parents: { [`${L.x}_{${k}}`]: weight }, variance: b });
    }
    return GaussianJoint.linear(nodes);
  };
  const epsTheta = (xv: number, k: number, get: Getter) => getNum(get, `#c_{${k}}`) * xv + getNum(get, `#d_{${k}}`);
  return makeWorld(seed, {
    name: 'a one-dimensional diffusion of Gaussian data',
    specs: {
      [S.T]: int(2, 3), [L.t]: int(2, 2), '#beta': real(0.05, 0.3), '#c': real(-0.5, 0.5), '#d': real(-0.3, 0.3), '#m': real(-1, 1), '#s': real(0.5, 1.2),
      [L.x]: real(-2, 2), [S.eps]: real(-1.5, 1.5),
    },
    exact: (base, index, table, get) => {
      if (index === undefined) return undefined;
      if (base === S.beta) return table.value(`${base}_{${index}}`, '#beta');
      if (base === S.alpha) return 1 - getNum(get, `${S.beta}_{${index}}`);
      if (base === S.alphaBar) return prod(get, index);
      if (base === S.sigma) return Math.sqrt(getNum(get, `${S.beta}_{${index}}`));
      if (base === '#c' || base === '#d') return table.value(`${base}_{${index}}`, base);
      return undefined;
    },
    models: {
      ...Object.fromEntries(L.pHeads.filter((h) => h !== L.p).map((h) => [h, (get: Getter) => reverse(get)])),
      [L.q]: (get) => {
        const nodes: LinearNode[] = [{ v: `${L.x}_{0}`, bias: getNum(get, '#m'), variance: getNum(get, '#s') ** 2 }];
        for (let k = 1; k <= steps(get); k++) {
          const b = getNum(get, `${S.beta}_{${k}}`);
          nodes.push({ v: `${L.x}_{${k}}`, bias: 0, parents: { [`${L.x}_{${k - 1}}`]: Math.sqrt(1 - b) }, variance: b });
        }
        return GaussianJoint.linear(nodes);
      },
      [L.p]: (get) => reverse(get),
    },
    functions: {
      [S.epsTheta]: (args, get) => epsTheta(args[0] as number, args[1] as number, get),
      [S.mu]: (args, get) => {
        const k = args[1] as number;
        const b = getNum(get, `${S.beta}_{${k}}`);
        return ((args[0] as number) - (b / Math.sqrt(1 - prod(get, k))) * epsTheta(args[0] as number, k, get)) / Math.sqrt(1 - b);
      },
    },
  });
}

/** The steps of a diffusion variant and the toy instance that checks them. */
export function diffusionSteps(variant: DiffusionVariant, L: DiffusionLetters, symbols: ReadonlySet<string>): Built {
  const S: Schedule = {
    beta: L.beta ?? '\\beta', alpha: L.alpha ?? '\\alpha', alphaBar: L.alphaBar ?? '\\bar{\\alpha}', eps: L.eps ?? '\\epsilon',
    epsTheta: L.epsTheta ?? '\\epsilon_{\\theta}', sigma: fresh(symbols, ['\\sigma', 's']), mu: '\\mu_{\\theta}', T: L.T ?? 'T',
  };
  const world = (seed: number) => diffusionWorld(seed, L, S);
  const t = sym(L.t);
  const X = (e: Expr | number) => idx(L.x, e);
  const tm1 = sub(t, num(1));
  const B = (e: Expr) => idx(S.beta, e);
  const A = (e: Expr) => idx(S.alpha, e);
  const AB = (e: Expr) => idx(S.alphaBar, e);
  const schedule = `the forward process adds Gaussian noise with variances ${m(B(t))}, with ${m(A(t))} = 1 − ${m(B(t))} and ${m(AB(t))} the product of the ${m(S.alpha)}'s up to ${m(t)}`;
  const scheduleIntro = [S.beta, S.alpha, S.alphaBar, L.q].filter((s) => !symbols.has(s));
  const sched = { assumption: schedule, introduces: scheduleIntro };
  const x0 = X(0);
  const xt = X(t);
  const xp = X(tm1);
  const T = sym(S.T);
  const tIntro = symbols.has(S.T) ? {} : { introduces: [S.T], assumption: `${m(S.T)} is the number of steps` };
  const muTilde = add(mul(div(mul(sqrt(AB(tm1)), B(t)), sub(num(1), AB(t))), x0), mul(div(mul(sqrt(A(t)), { t: 'paren', a: sub(num(1), AB(tm1)) }), sub(num(1), AB(t))), xt));
  const betaTilde = mul(div(sub(num(1), AB(tm1)), sub(num(1), AB(t))), B(t));
  const post = dens(L.q, [xp], [xt, x0]);
  const steps: PlannedStep[] = [];
  if (variant === 'vlb') {
    const qAll = dens(L.q, [range(L.x, 1, T)], [x0]);
    const pAll = dens(L.p, [range(L.x, 0, T)]);
    const bound = E(qAll, sub(log(pAll), log(qAll)));
    steps.push(step(stmt(log(dens(L.p, [x0])), '>=', bound), "Jensen's inequality over the whole chain",
      `As for any latent-variable model, with the noisy samples ${m(X(1))} to ${m(X(T))} as latents and the forward process ${m(L.q)} in place of an encoder, the log-likelihood of ${m(x0)} is bounded below.`, tIntro));
    steps.push(step(stmt(dens(L.q, [xt], [xp]), '=', div(mul(post, dens(L.q, [xt], [x0])), dens(L.q, [xp], [x0]))), "Bayes' rule on the forward chain",
      `Because the forward process is a Markov chain, each step can be reversed given ${m(x0)}: Bayes' rule writes it with the forward posterior ${m(post)}.`));
    const kt = kl(post, dens(L.p, [xp], [xt]));
    const regrouped = add(kl(dens(L.q, [X(T)], [x0]), dens(L.p, [X(T)])), sum(L.t, E(dens(L.q, [xt], [x0]), kt), 2, T), neg(E(dens(L.q, [X(1)], [x0]), log(dens(L.p, [x0], [X(1)])))));
    steps.push(step(stmt(neg(bound), '=', regrouped), 'regrouping the terms by step',
      `Substituting that into the bound and regrouping gives one KL divergence per step, each between two distributions over ${m(xp)}, plus a prior term at ${m(X(T))} and a reconstruction term at ${m(x0)}.`, tIntro));
    if (L.objective) {
      steps.push(step(stmt(L.objective, '=', regrouped), "the note's bound",
        `This is the note's ${m(L.objective)}: minus the variational bound, a loss.`, tIntro));
    }
    steps.push(step(stmt(post, '=', normalAt(xp, muTilde, betaTilde)), 'the forward posterior is a fixed Gaussian',
      `The forward posterior is a product of Gaussians in ${m(xp)}, so it is Gaussian, with a mean and variance fixed by the schedule: nothing in ${m(L.q)} is learned, there is no encoder and no ${m('\\phi')}; only ${m(L.p)} is trained.`, sched));
    steps.push(step(stmt(dens(L.q, [xt], [x0]), '=', normalAt(xt, mul(sqrt(AB(t)), x0), sub(num(1), AB(t)))), 'the forward process in one step',
      `Composing the Gaussian steps, ${m(xt)} given ${m(x0)} is Gaussian around a shrunk copy of ${m(x0)}.`, sched));
    const sig = idx(S.sigma, t);
    const muT = call(S.mu, xt, t);
    steps.push(step(stmt(kt, '=', add(div(sq({ t: 'paren', a: sub(muTilde, muT) }), mul(num(2), sq(sig))), mul(half, { t: 'paren', a: add(div(betaTilde, sq(sig)), num(-1), neg(log(div(betaTilde, sq(sig))))) }))), 'KL between two Gaussians',
      `If the learned step is Gaussian with mean ${m(muT)} and variance ${m(sq(sig))}, each KL term is a scaled squared distance between the two means, plus a term that does not involve the network.`,
      { assumption: `${m(dens(L.p, [xp], [xt]))} is $\\mathcal{N}(${S.mu}(${L.x}_t, t), ${S.sigma}_t^2)$; ${schedule}`, introduces: [...scheduleIntro, S.mu, S.sigma] }));
    return { steps, world };
  }
  const eps = sym(S.eps);
  const ab = AB(t);
  const sample = add(mul(sqrt(ab), x0), mul(sqrt(sub(num(1), ab)), eps));
  if (variant === 'simple') {
    const epsT = call(S.epsTheta, xt, t);
    steps.push(step(stmt(xt, ':=', sample), 'the noisy input',
      `The network's input is ${m(x0)} noised to step ${m(t)} in one shot: scaled down by ${m(sqrt(ab))} and mixed with standard noise ${m(eps)}.`, sched));
    steps.push(step([stmt(E(normal(num(0), num(1)), xt, [eps]), '=', mul(sqrt(ab), x0)), stmt(E(normal(num(0), num(1)), sq({ t: 'paren', a: sub(xt, mul(sqrt(ab), x0)) }), [eps]), '=', sub(num(1), ab))], 'a sample of the forward process',
      `So ${m(xt)} has the mean and variance of the forward process at step ${m(t)}: it is a sample of ${m(dens(L.q, [xt], [x0]))}.`, sched));
    steps.push(step(stmt(muTilde, '=', mul(div(num(1), sqrt(A(t))), { t: 'paren', a: sub(xt, mul(div(B(t), sqrt(sub(num(1), ab))), eps)) })), 'the posterior mean in terms of the noise',
      `Writing ${m(x0)} in terms of ${m(xt)} and ${m(eps)}, the mean of the forward posterior depends on the noise alone.`, sched));
    const muDef = mul(div(num(1), sqrt(A(t))), { t: 'paren', a: sub(xt, mul(div(B(t), sqrt(sub(num(1), ab))), epsT)) });
    steps.push(step(stmt(call(S.mu, xt, t), ':=', muDef), 'predicting the noise',
      `So the reverse step's mean is parameterized the same way, with the network ${m(epsT)} predicting the noise.`, { ...sched, introduces: [...scheduleIntro, S.mu] }));
    const sig = idx(S.sigma, t);
    steps.push(step(stmt(div(sq({ t: 'paren', a: sub(muTilde, call(S.mu, xt, t)) }), mul(num(2), sq(sig))), '=', mul(div(sq(B(t)), mul(num(2), sq(sig), A(t), { t: 'paren', a: sub(num(1), ab) })), sq({ t: 'paren', a: sub(eps, epsT) }))), 'the KL term is a weighted noise error',
      `The KL term of the bound becomes a weighted squared error between the true and the predicted noise; the note's loss drops the weight, which Ho et al. found trains better.`,
      { assumption: `the reverse step has variance ${m(sq(sig))}; ${schedule}`, introduces: [...scheduleIntro, S.mu, S.sigma] }));
    return { steps, world };
  }
  // The forward process.
  steps.push(step([stmt(E(normal(num(0), num(1)), sample, [eps]), '=', mul(sqrt(ab), x0)), stmt(E(normal(num(0), num(1)), sq({ t: 'paren', a: sub(sample, mul(sqrt(ab), x0)) }), [eps]), '=', sub(num(1), ab))], 'mean and variance of a noised sample',
    `A noised sample keeps ${m(sqrt(ab))} of the data point and adds noise of variance ${m(sub(num(1), ab))}.`, { ...sched, introduces: [...scheduleIntro, ...(symbols.has(S.eps) ? [] : [S.eps])] }));
  steps.push(step(stmt(dens(L.q, [xt], [x0]), '=', normalAt(xt, mul(sqrt(ab), x0), sub(num(1), ab))), 'composing the steps',
    `Composing the Gaussian steps of the forward process gives the noisy sample at any step in one shot.`, sched));
  steps.push(step(stmt(add(mul(A(t), { t: 'paren', a: sub(num(1), A(tm1)) }), sub(num(1), A(t))), '=', sub(num(1), mul(A(t), A(tm1)))), 'two noises add up',
    `Two consecutive steps add independent Gaussian noises whose variances sum to one minus the product of the ${m(S.alpha)}'s: by induction the closed form holds at every step.`, sched));
  steps.push(step(stmt(AB(t), '<=', AB(tm1)), 'the signal fades',
    `Each step multiplies ${m(S.alphaBar)} by a number below one, so the data fade and the samples approach pure noise.`, sched));
  return { steps, world };
}
