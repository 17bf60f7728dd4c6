/**
 * Evidence lower bounds, per variant, in the note's own letters: the plain bound, the bound as a
 * loss (minus the ELBO), the β-weighted bound, the conditional bound (every density given y), the
 * hierarchical bound (two latents, each KL over its own variable) and the importance-weighted
 * bound. Every claim is checked in a linear-Gaussian latent model where all of them are exact.
 */
import {
  E, add, at, call, dens, div, grad, half, integral, kl, log, mul, neg, normal, num, partial, range, sq, stmt, sub, sum, sym,
} from '../expr/build';
import type { Expr } from '../expr/types';
import { varName } from '../expr/walk';
import { latentWorld } from '../worlds/latent';
import { keyOf, m, step, type Built } from './common';
import type { PlannedStep } from '../step';
import { real, int } from '../check/world';

/** The ELBO variants GenMath tells apart. */
export type ElboVariant = 'plain' | 'loss' | 'beta' | 'conditional' | 'hierarchical' | 'iwae';

/** The note's letters for a latent-variable bound. */
export interface ElboLetters {
  readonly x: Expr;
  /** The latent (the lower one in a hierarchy). */
  readonly z: Expr;
  /** The upper latent of a hierarchical bound. */
  readonly z2?: Expr;
  /** A condition every density sees (a conditional VAE's label). */
  readonly y?: Expr;
  /** Density letters: variational family, model, prior. */
  readonly q: string;
  readonly p: string;
  readonly prior: string;
  readonly theta?: string;
  readonly phi?: string;
  /** The weight on the KL term of a β-weighted bound. */
  readonly beta?: Expr;
  /** The note's name for its objective, when the formula defines one. */
  readonly objective?: Expr;
  /** Whether the note writes a loss (minus the bound) or the bound. */
  readonly sign: 'loss' | 'bound';
  /** Importance-weighted bound: the number of samples and the index letter. */
  readonly K?: string;
  readonly k?: string;
  /** The note's latent letter without its index, for z_1..z_K. */
  readonly zBase?: string;
}

/** A density written with one variable but evaluated as another (`p(x, z_k)` is p over x and z at z = z_k). */
function densAs(head: string, main: Expr[], cond: Expr[], asMain: Expr[], asCond: Expr[]): Expr {
  return { t: 'dens', head, main, cond, as: { main: asMain, cond: asCond } };
}

/** The steps of an ELBO variant in the note's letters, and the toy instance that checks them. */
export function elboSteps(variant: ElboVariant, L: ElboLetters): Built {
  const c = L.y ? [L.y] : [];
  const X = L.x;
  const Z = L.z;
  const qh = L.q;
  const ph = L.p;
  const q = dens(qh, [Z], [X, ...c]);
  const lik = dens(ph, [X], [Z, ...c]);
  const prior = dens(L.prior, [Z], c);
  const joint = dens(ph, [X, Z], c);
  const post = dens(ph, [Z], [X, ...c]);
  const ev = dens(ph, [X], c);
  const recon = E(q, log(lik));
  const klp = kl(q, prior);
  const bound = sub(recon, klp);
  const muName = L.phi ? `\\mu_{${L.phi}}` : '\\mu';
  const sdName = L.phi ? `\\sigma_{${L.phi}}` : '\\sigma';
  const eps = sym('\\epsilon');
  const zBase = L.zBase ?? 'z';
  const copies = L.K ? ['1', '2', '3'].map((i) => `${zBase}_{${i}}`) : undefined;
  // Importance weights are smooth (and exact quadrature nearly exact) when q is wider than the
  // true posterior, as a good proposal is.
  const specs = { ...(L.beta ? { [varName(L.beta)]: real(1, 4) } : {}), ...(L.K ? { [L.K]: int(2, 3), '#v': real(0.8, 1.2) } : {}) };
  const world = (seed: number) => latentWorld({
    x: keyOf(X), z: L.z2 ? [keyOf(Z), keyOf(L.z2)] : [keyOf(Z)], y: L.y ? keyOf(L.y) : undefined,
    theta: L.theta, phi: L.phi, pHeads: [...new Set([ph, L.prior])], qHeads: [qh], mu: muName, sigma: sdName, copies, specs,
  }, seed);
  const steps: PlannedStep[] = [];
  const obj = L.objective;

  if (variant === 'hierarchical' && L.z2) return { steps: hierarchical(L, X, Z, L.z2), world };
  if (variant === 'iwae' && L.K && L.k) return { steps: iwae(L, X, Z, zBase), world };

  if (variant === 'beta' && L.beta) {
    const b = L.beta;
    steps.push(step(stmt(mul(b, klp), '=', mul(b, E(q, sub(log(q), log(prior))))), 'definition of the KL divergence',
      `The penalty is the KL divergence from the prior, an expectation under ${m(q)} of the log-ratio, weighted by ${m(b)}.`));
    if (obj && L.sign === 'loss') {
      steps.push(step(stmt(obj, '=', add(neg(bound), mul({ t: 'paren', a: sub(b, num(1)) }, klp))), 'splitting the weight: β = 1 + (β − 1)',
        `Writing ${m(b)} as 1 plus ${m(sub(b, num(1)))} shows the note's loss as minus the ordinary ELBO plus an extra ${m(sub(b, num(1)))} times the KL term.`));
    } else if (obj) {
      steps.push(step(stmt(obj, '=', sub(bound, mul({ t: 'paren', a: sub(b, num(1)) }, klp))), 'splitting the weight: β = 1 + (β − 1)',
        `Writing ${m(b)} as 1 plus ${m(sub(b, num(1)))} shows the objective as the ordinary ELBO minus an extra ${m(sub(b, num(1)))} times the KL term.`));
    }
    steps.push(step(stmt(bound, '=', sub(log(ev), kl(q, post))), 'the ELBO identity',
      `With weight 1 the objective is the ordinary bound, which falls short of ${m(log(ev))} by exactly the KL divergence from ${m(q)} to the true posterior.`));
    if (obj) {
      const weighted = L.sign === 'loss' ? neg(obj) : obj;
      steps.push(step(stmt(weighted, '<=', bound, '<=', log(ev)), 'a larger weight on a non-negative term',
        `For ${m(b)} at least 1 the KL term is subtracted more than once, so the weighted objective is a looser lower bound on ${m(log(ev))}: ${m(b)} trades reconstruction for a posterior closer to the prior.`,
        { assumption: `${m(b)} ≥ 1, as in a β-VAE` }));
      steps.push(step(stmt(partial(b, obj), '=', L.sign === 'loss' ? klp : neg(klp)), 'derivative with respect to the weight',
        `Raising ${m(b)} changes the objective at the rate of the KL term itself, so a larger ${m(b)} pushes ${m(q)} towards the prior ${m(prior)}.`));
      if (L.theta && !L.prior.includes(L.theta)) {
        steps.push(step(stmt(grad(L.theta, obj), '=', L.sign === 'loss' ? neg(grad(L.theta, recon)) : grad(L.theta, recon)), 'the KL term does not involve the decoder',
          `Neither ${m(q)} nor the prior depends on ${m(L.theta)}, so ${m(b)} leaves the decoder's gradient unchanged: it acts on the encoder and the prior only.`));
      }
    }
    steps.push(...reparameterization(L, q, lik, X, Z, eps, muName, sdName));
    return { steps, world };
  }

  if (variant === 'conditional' && L.y) {
    steps.push(step(stmt(log(ev), '>=', bound), 'the ELBO, conditioned on y',
      `Every density is conditioned on ${m(L.y)}: the encoder ${m(q)}, the decoder ${m(lik)} and the prior ${m(prior)}, so the bound is on ${m(log(ev))}, the log-likelihood of ${m(X)} given ${m(L.y)}.`));
  }
  if (obj && L.sign === 'loss') {
    steps.push(step(stmt(obj, '=', neg({ t: 'paren', a: bound })), 'the loss is minus the ELBO',
      `The note's ${m(obj)} is minus the evidence lower bound, so minimizing it maximizes the bound.`));
  }
  steps.push(step(stmt(log(ev), '=', log(integral([Z], joint))), 'marginalization (sum rule)',
    `The likelihood of ${m(X)} is the joint density with the latent ${m(Z)} integrated out, which is usually intractable.`));
  steps.push(step(stmt(log(ev), '=', log(E(q, div(joint, q)))), 'multiplying and dividing by q',
    `Multiplying and dividing by ${m(q)}, positive wherever the joint is, turns the integral into an expectation under it.`, { tolerance: 1e-4 }));
  steps.push(step(stmt(log(ev), '>=', E(q, sub(log(joint), log(q)))), "Jensen's inequality",
    'The logarithm is concave, so the log of an expectation is at least the expectation of the log.'));
  steps.push(step(stmt(E(q, sub(log(joint), log(q))), '=', bound), 'product rule and definition of the KL divergence',
    `Writing the joint as ${m(lik)} times ${m(prior)} splits the bound into a reconstruction term and a KL penalty towards the prior.`));
  if (obj && L.sign === 'loss') {
    steps.push(step(stmt(obj, '>=', neg(log(ev))), 'the bound, negated',
      `So the loss is an upper bound on the negative log-likelihood ${m(neg(log(ev)))}: driving it down pushes the likelihood up.`));
  }
  steps.push(step(stmt(sub(log(ev), bound), '=', kl(q, post)), "Bayes' rule: the gap is a KL divergence",
    `Writing the joint as the true posterior ${m(post)} times ${m(ev)} shows that the bound falls short by exactly the KL divergence to the true posterior, so maximizing it also pulls ${m(q)} towards that posterior.`));
  steps.push(...reparameterization(L, q, lik, X, Z, eps, muName, sdName));
  if (!L.y) {
    const mu = call(muName, X);
    const sd = call(sdName, X);
    steps.push(step(stmt(klp, '=', mul(half, add(sq(mu), sq(sd), num(-1), neg(log(sq(sd)))))), 'KL divergence between Gaussians, closed form',
      `With a standard normal prior the KL term needs no sampling: it depends only on the encoder's mean and standard deviation.`,
      { assumption: `${m(prior)} is $\\mathcal{N}(0, 1)$ and ${m(q)} is $\\mathcal{N}(${muName}(${varName(X)}), ${sdName}(${varName(X)})^2)$`, introduces: [muName, sdName] }));
  }
  return { steps, world };
}

/** The reparameterization trick and the gradient it gives, for a Gaussian q. */
function reparameterization(L: ElboLetters, q: Expr, lik: Expr, X: Expr, Z: Expr, eps: Expr, muName: string, sdName: string): PlannedStep[] {
  const args = L.y ? [X, L.y] : [X];
  const sample = add(call(muName, ...args), mul(call(sdName, ...args), eps));
  const std = normal(num(0), num(1));
  const assumption = `${m(q)} is Gaussian with mean ${m(call(muName, ...args))} and standard deviation ${m(call(sdName, ...args))}`;
  const out: PlannedStep[] = [
    step(stmt(E(q, log(lik)), '=', E(std, at(log(lik), Z, sample), [eps])), 'reparameterization',
      `A sample of ${m(q)} is its mean plus its standard deviation times independent standard normal noise ${m(eps)}, so the expectation can be taken over the noise instead.`,
      { assumption, introduces: [muName, sdName, '\\epsilon'] }),
  ];
  if (L.phi) {
    out.push(step(stmt(grad(L.phi, E(q, log(lik))), '=', E(std, grad(L.phi, at(log(lik), Z, sample)), [eps])), 'gradient through the reparameterization',
      `The noise distribution does not depend on ${m(L.phi)}, so the gradient moves inside the expectation and a Monte Carlo average of it is unbiased.`,
      { assumption, introduces: [muName, sdName, '\\epsilon'] }));
  }
  return out;
}

function hierarchical(L: ElboLetters, X: Expr, Z1: Expr, Z2: Expr): PlannedStep[] {
  const q12 = dens(L.q, [Z1, Z2], [X]);
  const q1 = dens(L.q, [Z1], [X]);
  const q2 = dens(L.q, [Z2], [Z1]);
  const p12 = dens(L.p, [X, Z1, Z2]);
  const lik = dens(L.p, [X], [Z1]);
  const p1 = dens(L.p, [Z1], [Z2]);
  const p2 = dens(L.prior, [Z2]);
  const ev = dens(L.p, [X]);
  const elbo = E(q12, sub(log(p12), log(q12)));
  return [
    step(stmt(log(ev), '>=', elbo), "Jensen's inequality over both latents",
      `The same argument as for one latent, with the joint of ${m(Z1)} and ${m(Z2)} integrated out, bounds ${m(log(ev))} by an expectation under ${m(q12)}.`),
    step(stmt(log(p12), '=', add(log(lik), log(p1), log(p2))), 'chain rule of the generative model',
      `The model generates ${m(Z2)} from the prior, then ${m(Z1)} given ${m(Z2)}, then ${m(X)} given ${m(Z1)}.`),
    step(stmt(log(q12), '=', add(log(q1), log(q2))), 'chain rule of the inference model',
      `The encoder infers ${m(Z1)} from ${m(X)}, then ${m(Z2)} from ${m(Z1)}.`),
    step(stmt(elbo, '=', add(E(q1, log(lik)), neg(E(q1, kl(q2, p2))), neg(E(q12, sub(log(q1), log(p1)))))), 'grouping the terms of each latent',
      `Grouping each latent with its own prior gives a reconstruction term, a KL divergence between two distributions over ${m(Z2)}, and a term comparing ${m(q1)} with ${m(p1)}: every comparison is between distributions over the same variable.`),
    step(stmt(sub(log(ev), elbo), '=', kl(q12, dens(L.p, [Z1, Z2], [X]))), 'the gap is a KL divergence',
      `As with one latent, the bound falls short by the KL divergence from ${m(q12)} to the true joint posterior of both latents.`),
  ];
}

function iwae(L: ElboLetters, X: Expr, Z: Expr, zBase: string): PlannedStep[] {
  const K = sym(L.K as string);
  const k = L.k as string;
  const zk = { t: 'idx', base: zBase, index: sym(k) } as Expr;
  const z1 = { t: 'idx', base: zBase, index: num(1) } as Expr;
  const zs = range(zBase, 1, K);
  const qAll = dens(L.q, [zs], [X]);
  const weight = div(densAs(L.p, [X, zk], [], [X, Z], []), densAs(L.q, [zk], [X], [Z], [X]));
  const avg = mul(div(num(1), K), sum(k, weight, 1, K));
  const LK = E(qAll, log(avg));
  const ev = dens(L.p, [X]);
  const q1 = densAs(L.q, [z1], [X], [Z], [X]);
  const elbo1 = { ...(E(q1, sub(log(densAs(L.p, [X, z1], [], [X, Z], [])), log(q1)), [z1]) as Extract<Expr, { t: 'E' }>), showVars: false };
  return [
    step(stmt(E(qAll, avg), '=', dens(L.p, [X])), 'each importance weight is unbiased',
      `Each ratio ${m(weight)} has expectation ${m(ev)} under ${m(dens(L.q, [zk], [X]))}, so their average over the ${m(K)} samples does too.`,
      { tolerance: 1e-4 }),
    step(stmt(log(ev), '>=', LK), "Jensen's inequality",
      'The logarithm is concave, so the expected log of the average weight is a lower bound on the log-likelihood.'),
    step(stmt(LK, '>=', elbo1), 'more samples, a tighter bound',
      `With one sample the bound is the ordinary ELBO; averaging ${m(K)} weights before the log tightens it (Burda et al.), and it tends to ${m(log(ev))} as ${m(K)} grows.`),
  ];
}
