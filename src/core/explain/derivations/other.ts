/**
 * Derivations of the remaining families in the note's letters: the GAN game (checked with
 * distributions on a few outcomes, where every expectation is an exact sum), Bayes' rule, entropy
 * and cross-entropy, the Jensen-Shannon divergence, marginal likelihoods and binary cross-entropy.
 */
import { TableJoint, type Model, type Value } from '../check/models';
import { getNum, int, makeWorld, real, type Getter, type World } from '../check/world';
import {
  E, H, add, argmax, argmin, call, dens, div, integral, jsd, kl, log, maxOver, mul, neg, num, partial, sq, stmt, sub, sum, sym,
} from '../expr/build';
import type { Expr } from '../expr/types';
import { varName } from '../expr/walk';
import type { OtherLetters, OtherVariant } from '../detect/other';
import { latentWorld } from '../worlds/latent';
import type { PlannedStep } from '../step';
import { m, step, type Built } from './common';

function fresh(symbols: ReadonlySet<string>, candidates: readonly string[]): string {
  return candidates.find((c) => !symbols.has(c)) ?? candidates[candidates.length - 1];
}

/** Probabilities on `n` outcomes from a world's table: positive, summing to one. */
function simplex(get: Getter, key: string, n: number): number[] {
  const w = Array.from({ length: n }, (_, i) => 0.2 + Math.abs(getNum(get, `#p_{${key}${i}}`)));
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / s);
}

/** A world whose `#p_{...}` symbols all read one spec. */
function withSimplex(w: World): World {
  return { ...w, value: (key, base) => w.value(key, key.startsWith('#p_') ? '#p' : key.startsWith('#t_') ? '#t' : base) };
}

/** The steps of a variant of these families and the toy instance that checks them. */
export function otherSteps(variant: OtherVariant, L: OtherLetters, symbols: ReadonlySet<string>): Built {
  switch (variant) {
    case 'gan': case 'gan-nonsaturating': case 'gan-leastsquares': case 'gan-wasserstein': return gan(variant, L, symbols);
    case 'bayes-events': return bayesEvents(L, symbols);
    case 'bayes-densities': return bayesDensities(L);
    case 'entropy': case 'cross-entropy': return entropy(variant, L, symbols);
    case 'jsd': return jensenShannon(L, symbols);
    case 'marginal': return marginal(L);
    case 'bce': return bce(L, symbols);
  }
}

function gan(variant: OtherVariant, L: OtherLetters, symbols: ReadonlySet<string>): Built {
  const D = L.D as string;
  const G = L.G as string;
  const x = L.x && L.x.t === 'sym' ? L.x.name : fresh(symbols, ['x', 'u']);
  const z = L.z && L.z.t === 'sym' ? L.z.name : fresh(symbols, ['z', 'w']);
  const data = L.data ?? fresh(symbols, ['p_{\\mathrm{data}}', 'p_{d}']);
  const noise = L.noise ?? fresh(symbols, ['p_z', 'p_{\\mathrm{noise}}']);
  const pg = fresh(symbols, ['p_g', 'p_{G}', 'p_{\\mathrm{model}}']);
  // A note that writes E_x and E_z leaves the two distributions unnamed: the steps name them.
  const unnamed = [data, noise].filter((h) => !symbols.has(h));
  const y = fresh(symbols, ['y', 'u', 'a']);
  const X = sym(x);
  const Z = sym(z);
  const world = (seed: number): World => withSimplex(makeWorld(seed, {
    name: 'distributions on four outcomes',
    specs: { '#p': real(0, 1), '#t': real(0, 1), [y]: real(0.05, 0.95), [x]: int(1, 4) },
    fallback: real(-1, 1),
    domains: { [x]: { kind: 'support', values: [1, 2, 3, 4] }, [z]: { kind: 'support', values: [1, 2, 3] } },
    models: {
      [data]: (get) => TableJoint.independent([{ v: x, support: [1, 2, 3, 4], probs: simplex(get, 'data', 4) }]),
      [noise]: (get) => TableJoint.independent([{ v: z, support: [1, 2, 3], probs: simplex(get, 'noise', 3) }]),
      [pg]: (get) => {
        // The distribution of G(z): the noise's probabilities pushed through the generator's table.
        const pz = simplex(get, 'noise', 3);
        const probs = [0, 0, 0, 0];
        pz.forEach((p, i) => { probs[generator(get, i + 1) - 1] += p; });
        return TableJoint.independent([{ v: x, support: [1, 2, 3, 4], probs }]);
      },
    },
    functions: {
      [G]: (args, get) => generator(get, args[0] as number),
      [D]: (args, get) => 0.05 + 0.9 * Math.abs(getNum(get, `#t_{${args[0]}}`)),
    },
  }));
  const pD = dens(data, [X]);
  const pG = dens(pg, [X]);
  const steps: PlannedStep[] = [];
  const pushforward = { assumption: `${m(pg)} is the distribution of ${m(call(G, Z))} for ${m(Z)} drawn from ${m(noise)}${unnamed.length > 0 ? `, with data drawn from ${m(data)}` : ''}`, introduces: [pg, ...unnamed] };
  const dOf = (arg: Expr) => call(D, arg);
  const dStar = `${D}^{*}`;
  if (variant === 'gan-nonsaturating' && !L.data) {
    // The generator's loss alone: what it averages, and why its slope helps early on.
    const Y = sym(y);
    steps.push(step(stmt(E(dens(noise), neg(log(dOf(call(G, Z)))), [Z]), '=', E(dens(pg), neg(log(dOf(X))), [X])), 'change of variables',
      `Averaging over the noise and passing it through ${m(G)} is averaging over the generated samples: ${m(pg)} is the distribution of ${m(call(G, Z))}.`, pushforward));
    steps.push(step([stmt(partial(Y, log(sub(num(1), Y))), '=', neg(div(num(1), sub(num(1), Y)))), stmt(partial(Y, neg(log(Y))), '=', neg(div(num(1), Y)))], 'why the non-saturating loss',
      `Early in training ${m(dOf(call(G, Z)))} is near 0: there the original loss ${m(log(sub(num(1), Y)))} has slope about ${m(num(-1))} while ${m(neg(log(Y)))} has slope ${m(neg(div(num(1), Y)))}, large, so the generator still learns.`,
      { introduces: [y], assumption: `${m(y)} stands for ${m(dOf(call(G, Z)))}`, tolerance: 1e-5 }));
  } else if (variant === 'gan' || variant === 'gan-nonsaturating') {
    steps.push(step(stmt(E(dens(noise), log(sub(num(1), dOf(call(G, Z)))), [Z]), '=', E(dens(pg), log(sub(num(1), dOf(X))), [X])), 'change of variables',
      `Averaging over the noise and passing it through ${m(G)} is averaging over the generated samples: ${m(pg)} is the distribution of ${m(call(G, Z))}.`, pushforward));
    const value = add(mul(pD, log(dOf(X))), mul(pG, log(sub(num(1), dOf(X)))));
    steps.push(step(stmt(add(E(dens(data), log(dOf(X)), [X]), E(dens(pg), log(sub(num(1), dOf(X))), [X])), '=', sum(x, value)), 'one sum over the outcomes',
      `Both expectations are over the same space of samples, so the value is one sum (an integral for continuous data) over ${m(x)}.`, pushforward));
    steps.push(step(stmt(call(dStar, X), ':=', argmax(y, add(mul(pD, log(sym(y))), mul(pG, log(sub(num(1), sym(y))))), 1e-9, 1 - 1e-9, `${y} \\in (0, 1)`), '=', div(pD, add(pD, pG))), 'the optimal discriminator',
      `For each ${m(x)} separately, ${m(D)} maximizes ${m('a\\log y + b\\log(1-y)')}, which peaks at ${m('y = a/(a+b)')}: the best discriminator is the probability that a sample is real.`, { ...pushforward, tolerance: 1e-5 }));
    steps.push(step(stmt(add(E(dens(data), log(call(dStar, X)), [X]), E(dens(pg), log(sub(num(1), call(dStar, X))), [X])), '=', add(neg(log(num(4))), mul(num(2), jsd(dens(data), dens(pg))))), 'the value at the optimal discriminator',
      `Substituting it, the game's value is minus log 4 plus twice the Jensen-Shannon divergence between the data and the generated distribution.`, pushforward));
    steps.push(step(stmt(add(neg(log(num(4))), mul(num(2), jsd(dens(data), dens(pg)))), '>=', neg(log(num(4)))), 'the generator wins at equality',
      `The divergence is never negative and is zero only when the two distributions agree, so the generator's best response is ${m(pg)} = ${m(data)}, where the value is ${m(neg(log(num(4))))}.`, pushforward));
    if (variant === 'gan-nonsaturating') {
      const Y = sym(y);
      steps.push(step([stmt(partial(Y, log(sub(num(1), Y))), '=', neg(div(num(1), sub(num(1), Y)))), stmt(partial(Y, neg(log(Y))), '=', neg(div(num(1), Y)))], 'why the non-saturating loss',
        `Early in training ${m(dOf(call(G, Z)))} is near 0: there the saturating loss has slope about ${m(num(-1))} while ${m(neg(log(Y)))} has slope ${m(neg(div(num(1), Y)))}, large, so the generator still learns.`,
        { introduces: [y], assumption: `${m(y)} stands for ${m(dOf(call(G, Z)))}`, tolerance: 1e-5 }));
    }
  } else if (variant === 'gan-leastsquares') {
    // The note's own targets when it writes them; otherwise named here.
    const b = L.targetReal ?? sym(fresh(symbols, ['b', 'd']));
    const a = L.targetFake ?? sym(fresh(symbols, ['a', 'c']));
    const named = [a, b].filter((t) => t.t === 'sym' && !symbols.has(t.name)).map((t) => (t as { name: string }).name);
    const obj = add(mul(pD, sq(sub(sym(y), b))), mul(pG, sq(sub(sym(y), a))));
    steps.push(step(stmt(call(dStar, X), ':=', argmin(y, obj, -10, 10), '=', div(add(mul(b, pD), mul(a, pG)), add(pD, pG))), 'the optimal least-squares discriminator',
      `With target ${m(b)} for real and ${m(a)} for generated samples, the best discriminator at each ${m(x)} is the average of the targets weighted by the two densities.`,
      { ...pushforward, introduces: [...pushforward.introduces, ...named], assumption: `targets ${m(b)} (real) and ${m(a)} (generated); ${pushforward.assumption}`, tolerance: 1e-5 }));
  } else {
    steps.push(step(stmt(sub(E(dens(data), dOf(X), [X]), E(dens(noise), dOf(call(G, Z)), [Z])), '=', sum(x, mul(sub(pD, pG), dOf(X)))), 'the critic compares the two distributions',
      `The critic's score is the sum over samples of its value weighted by the difference of the two densities; over 1-Lipschitz critics its maximum is the Wasserstein-1 distance.`, pushforward));
  }
  void maxOver;
  return { steps, world };
}

/** The generator's table: noise outcome i goes to a sample in 1..4. */
function generator(get: Getter, i: number): number {
  return 1 + Math.floor(Math.abs(getNum(get, `#t_{g${i}}`)) * 3.999);
}

function bayesEvents(L: OtherLetters, symbols: ReadonlySet<string>): Built {
  const P = L.head as string;
  const A = L.A as Expr;
  const B = L.B as Expr;
  const a = varName(A);
  const b = varName(B);
  const notA = `\\neg ${a}`;
  const world = (seed: number): World => withSimplex(makeWorld(seed, {
    name: 'two binary events',
    specs: { '#p': real(0, 1) },
    derived: { [a]: () => 1, [b]: () => 1, [notA]: () => 0 },
    models: { [P]: (get): Model => {
      const p = simplex(get, 'ab', 4);
      return new TableJoint([a, b], [{ values: [0, 0], p: p[0] }, { values: [0, 1], p: p[1] }, { values: [1, 0], p: p[2] }, { values: [1, 1], p: p[3] }]);
    } },
  }));
  const post = dens(P, [A], [B]);
  const lik = dens(P, [B], [A]);
  const prior = dens(P, [A]);
  const ev = dens(P, [B]);
  const NA = sym(notA);
  const likNot: Expr = { t: 'dens', head: P, main: [B], cond: [NA], as: { main: [B], cond: [A] } };
  const priorNot: Expr = { t: 'dens', head: P, main: [NA], cond: [], as: { main: [A], cond: [] } };
  void symbols;
  return {
    world,
    steps: [
      step(stmt(dens(P, [A, B]), '=', mul(lik, prior), '=', mul(post, ev)), 'the product rule, both ways',
        `The probability that both happen factors through either event.`),
      step(stmt(post, '=', div(mul(lik, prior), ev)), 'dividing by the evidence',
        `Dividing by ${m(ev)}, which must be positive, gives Bayes' rule.`),
      step(stmt(ev, '=', add(mul(lik, prior), mul(likNot, priorNot))), 'the evidence by the sum rule',
        `${m(B)} happens either with ${m(A)} or without it, so its probability is the likelihood weighted by the prior over both cases.`,
        { assumption: `${m(NA)} is the complement of the event ${m(A)}`, introduces: [notA] }),
      step(stmt(post, '=', div(mul(lik, prior), add(mul(lik, prior), mul(likNot, priorNot)))), "Bayes' rule for a binary event",
        `So the posterior compares the two explanations of ${m(B)}: with ${m(A)} and without it.`,
        { assumption: `${m(NA)} is the complement of the event ${m(A)}`, introduces: [notA] }),
    ],
  };
}

function bayesDensities(L: OtherLetters): Built {
  const P = L.head as string;
  const A = L.A as Expr;
  const B = L.B as Expr;
  const world = (seed: number) => latentWorld({ x: varName(B), z: [varName(A)], pHeads: [P], qHeads: [] }, seed);
  const post = dens(P, [A], [B]);
  const lik = dens(P, [B], [A]);
  const prior = dens(P, [A]);
  const ev = dens(P, [B]);
  return {
    world,
    steps: [
      step(stmt(dens(P, [B, A]), '=', mul(lik, prior), '=', mul(post, ev)), 'the product rule, both ways', 'The joint density factors through either variable.'),
      step(stmt(ev, '=', integral([A], mul(lik, prior))), 'the evidence by the sum rule',
        `The evidence is the likelihood integrated against the prior over every value of ${m(A)}; it does not depend on ${m(A)}, so the posterior is proportional to likelihood times prior.`),
      step(stmt(log(post), '=', add(log(lik), log(prior), neg(log(ev)))), 'in logs',
        `In logs the prior adds to the log-likelihood, which is how a prior regularizes maximum likelihood (MAP estimation).`),
    ],
  };
}

function categoricalWorld(heads: readonly string[], x: string, extra: Record<string, (get: Getter) => Model> = {}): (seed: number) => World {
  return (seed) => withSimplex(makeWorld(seed, {
    name: 'distributions on three outcomes',
    specs: { '#p': real(0, 1) },
    domains: { [x]: { kind: 'support', values: [1, 2, 3] } },
    models: {
      ...Object.fromEntries(heads.map((h) => [h, (get: Getter) => TableJoint.independent([{ v: x, support: [1, 2, 3], probs: simplex(get, h, 3) }])])),
      ...extra,
    },
  }));
}

function entropy(variant: 'entropy' | 'cross-entropy', L: OtherLetters, symbols: ReadonlySet<string>): Built {
  const P = L.P ?? 'p';
  const Q = L.Q ?? fresh(symbols, ['q', 'r']);
  const x = L.x && L.x.t === 'sym' ? L.x.name : fresh(symbols, ['x', 'u']);
  const X = sym(x);
  const K = fresh(symbols, ['K', 'N', 'M']);
  const world = (seed: number) => {
    const w = categoricalWorld([P, Q], x)(seed);
    return { ...w, value: (key: string, base: string) => (key === K ? 3 : w.value(key, base)) } as World;
  };
  const p = dens(P, [X]);
  const q = dens(Q, [X]);
  const over = { introduces: L.x ? [] : [x], assumption: `${m(x)} ranges over the outcomes` };
  const steps: PlannedStep[] = [
    step(stmt(H(dens(P)), '=', E(p, neg(log(p))), '=', neg(sum(x, mul(p, log(p))))), 'entropy is expected surprise',
      `The surprise of an outcome is minus its log-probability; entropy is its average under ${m(P)} itself.`, over),
    step(stmt(num(0), '<=', H(dens(P)), '<=', log(sym(K))), 'bounds',
      `Each surprise is non-negative, and by Jensen's inequality the average is largest, ${m(log(sym(K)))}, for the uniform distribution on ${m(K)} outcomes.`,
      { introduces: [K, ...over.introduces], assumption: `there are ${m(K)} outcomes` }),
  ];
  if (variant === 'cross-entropy') {
    const cross = { ...over, introduces: [...over.introduces, ...(symbols.has(Q) ? [] : [Q])], assumption: `${over.assumption}; ${m(Q)} is the model scoring them` };
    steps.push(step(stmt(H(dens(P), dens(Q)), '=', E(p, neg(log(q)))), 'cross-entropy', `Cross-entropy is the average surprise when outcomes come from ${m(P)} but are scored by ${m(Q)}.`, cross));
    steps.push(step(stmt(H(dens(P), dens(Q)), '=', add(H(dens(P)), kl(dens(P), dens(Q)))), 'cross-entropy = entropy + KL',
      `Adding and subtracting ${m(log(p))} splits it into the entropy and the KL divergence: the entropy does not depend on ${m(Q)}, so minimizing cross-entropy over ${m(Q)} minimizes the KL divergence.`, cross));
    steps.push(step(stmt(H(dens(P), dens(Q)), '>=', H(dens(P))), "Gibbs' inequality", `So cross-entropy is never below the entropy, with equality only when ${m(Q)} = ${m(P)}.`, cross));
  }
  return { steps, world };
}

function jensenShannon(L: OtherLetters, symbols: ReadonlySet<string>): Built {
  const P = L.P ?? 'P';
  const Q = L.Q ?? 'Q';
  const M = fresh(symbols, ['M', 'R']);
  const x = fresh(symbols, ['x', 'u']);
  const mixture = (get: Getter): Model => {
    const a = simplex(get, P, 3);
    const b = simplex(get, Q, 3);
    return TableJoint.independent([{ v: x, support: [1, 2, 3], probs: a.map((v, i) => 0.5 * (v + b[i])) }]);
  };
  const world = categoricalWorld([P, Q], x, { [M]: mixture });
  const J = jsd(dens(P), dens(Q));
  const mix = { assumption: `${m(M)} is the mixture $\\tfrac{1}{2}(${P} + ${Q})$`, introduces: [M] };
  return {
    world,
    steps: [
      step(stmt(J, '=', add(mul(num(0.5, '\\tfrac{1}{2}'), kl(dens(P), dens(M))), mul(num(0.5, '\\tfrac{1}{2}'), kl(dens(Q), dens(M))))), 'definition via the mixture',
        `The Jensen-Shannon divergence is the average KL divergence of each distribution to their even mixture ${m(M)}.`, mix),
      step(stmt(J, '=', jsd(dens(Q), dens(P))), 'symmetry', 'Swapping the two distributions leaves the mixture, and so the divergence, unchanged.'),
      step(stmt(num(0), '<=', J, '<=', log(num(2))), 'bounds',
        'Each KL term to the mixture is at most log 2, because the mixture gives every outcome at least half of each distribution\'s probability.'),
    ],
  };
}

function marginal(L: OtherLetters): Built {
  const x = L.x as Expr;
  const z = L.z as Expr;
  const head = L.head as string;
  const prior = L.prior as string;
  const world = (seed: number) => latentWorld({ x: varName(x), z: [varName(z)], pHeads: [head, prior], qHeads: [] }, seed);
  const lik = dens(head, [x], [z]);
  const pz = dens(prior, [z]);
  return {
    world,
    steps: [
      step(stmt(integral([z], mul(lik, pz)), '=', E(pz, lik)), 'an expectation under the prior',
        `Integrating the likelihood against the prior is averaging it over latents drawn from the prior.`, { tolerance: 1e-4 }),
      step(stmt(integral([z], mul(lik, pz)), '=', dens(head, [x])), 'the sum rule', `The integral is the marginal density of ${m(x)}: the latent is integrated out.`),
      step(stmt(log(dens(head, [x])), '>=', E(pz, log(lik))), "Jensen's inequality",
        `Averaging log-likelihoods under the prior gives a lower bound; sampling latents from the prior wastes most samples, which is why VAEs use an encoder to propose them.`),
    ],
  };
}

function bce(L: OtherLetters, symbols: ReadonlySet<string>): Built {
  const x = L.x as Expr;
  const xh = L.xhat as Expr;
  const xKey = x.t === 'idx' ? x.base : varName(x);
  const hKey = xh.t === 'idx' ? xh.base : varName(xh);
  const i = x.t === 'idx' && x.index.t === 'sym' ? x.index.name : undefined;
  const world = (seed: number): World => makeWorld(seed, {
    name: 'a binary input and a reconstruction in (0, 1)',
    specs: { [hKey]: real(0.05, 0.95), '#bit': real(0, 1), ...(i ? { [i]: int(1, 3) } : {}) },
    exact: (base, index, t) => (base === xKey ? ((t.value(`${base}_{${index}}`, '#bit') as number) < 0.5 ? 0 : 1) : base === hKey && index !== undefined ? t.value(`${base}_{${index}}`, hKey) as Value : undefined),
    derived: x.t === 'sym' ? { [xKey]: (t) => ((t.value('#bit') as number) < 0.5 ? 0 : 1) } : undefined,
  });
  const bern = mul(E2(xh, x), E2(sub(num(1), xh), sub(num(1), x)));
  void symbols;
  return {
    world,
    steps: [
      step(stmt(neg(log(bern)), '=', neg(add(mul(x, log(xh)), mul({ t: 'paren', a: sub(num(1), x) }, log({ t: 'paren', a: sub(num(1), xh) }))))), 'a Bernoulli likelihood',
        `Read ${m(xh)} as the probability that ${m(x)} is 1: the likelihood of the observed bit is ${m(xh)} if it is 1 and ${m(sub(num(1), xh))} if it is 0, and minus its log is the binary cross-entropy.`),
    ],
  };
}

/** a^b written as a power. */
function E2(a: Expr, b: Expr): Expr {
  return { t: 'pow', a: a.t === 'sym' || a.t === 'idx' ? a : { t: 'paren', a }, b };
}
