/**
 * KL divergences: the closed form between two Gaussians in the note's own letters, and for other
 * pairs the definition, non-negativity, the cross-entropy form and what the direction means,
 * the direction read from which argument is the data (or target) and which the model.
 */
import { TableJoint } from '../check/models';
import { getNum, makeWorld, real, type Getter, type World } from '../check/world';
import { E, H, add, dens, div, grad, half, kl, log, mul, neg, normal, normalAt, num, sq, stmt, sub, sym } from '../expr/build';
import type { Expr } from '../expr/types';
import { nodes, varName } from '../expr/walk';
import type { KlLetters, KlVariant } from '../detect/kl';
import { subscriptOf } from '../read/reading';
import { latentWorld } from '../worlds/latent';
import type { PlannedStep } from '../step';
import { m, step, type Built } from './common';

function fresh(symbols: ReadonlySet<string>, candidates: readonly string[]): string {
  return candidates.find((c) => !symbols.has(c)) ?? candidates[candidates.length - 1];
}

/** The steps of a KL variant and the toy instance that checks them. */
export function klSteps(variant: KlVariant, L: KlLetters, symbols: ReadonlySet<string>): Built {
  return variant === 'gaussian' ? gaussianKl(L, symbols) : directedKl(variant, L, symbols);
}

/** The standard deviation a variance is the square of (`\sigma_p` for `\sigma_p^2`), if it is written so. */
function sdOf(v: Expr): Expr | undefined {
  return v.t === 'pow' && v.b.t === 'num' && v.b.v === 2 ? v.a : undefined;
}

/** Strips an identity factor: `\sigma^2 I` is σ² per coordinate. */
function perCoordinate(v: Expr): { v: Expr; identity: boolean } {
  if (v.t === 'sym' && v.name === 'I') return { v: num(1), identity: true };
  if (v.t === 'mul') {
    const rest = v.fs.filter((f) => !(f.t === 'sym' && f.name === 'I'));
    if (rest.length < v.fs.length) return { v: rest.length === 1 ? rest[0] : rest.length === 0 ? num(1) : mul(...rest), identity: true };
  }
  return { v, identity: false };
}

function gaussianKl(L: KlLetters, symbols: ReadonlySet<string>): Built {
  const a = L.first as Extract<Expr, { t: 'normal' }>;
  const b = L.second as Extract<Expr, { t: 'normal' }>;
  const A = perCoordinate(a.var);
  const B = perCoordinate(b.var);
  const m1 = a.mean; const m2 = b.mean;
  const v1 = A.v; const v2 = B.v;
  const s1 = sdOf(v1); const s2 = sdOf(v2);
  const identity = A.identity || B.identity;
  const P = normal(m1, v1);
  const Q = normal(m2, v2);
  const x = fresh(symbols, ['x', 'u', 'y']);
  const X = sym(x);
  // Every symbol of the two Gaussians gets a value: standard deviations and variances positive.
  const specs: Record<string, ReturnType<typeof real>> = { [x]: real(-2, 2) };
  for (const e of [m1, m2]) for (const n of nodes(e)) if (n.t === 'sym') specs[n.name] = real(-1, 1);
  for (const e of [v1, v2]) for (const n of nodes(e)) if (n.t === 'sym') specs[n.name] = real(0.5, 1.5);
  const world = (seed: number): World => makeWorld(seed, { name: 'two Gaussians', specs });
  const logRatio = s1 && s2 ? log(div(s2, s1)) : mul(half, log(div(v2, v1)));
  const closed = add(logRatio, div(add(v1, sq({ t: 'paren', a: sub(m1, m2) })), mul(num(2), v2)), neg(half));
  const assumption = identity ? 'one coordinate: with covariances that are multiples of the identity $I$, the divergence is a sum of identical terms, one per coordinate' : undefined;
  const extra = { ...(assumption ? { assumption } : {}) };
  const kl1 = kl(P, Q);
  return {
    world,
    steps: [
      step(stmt(kl1, '=', E(P, sub(log(normalAt(X, m1, v1)), log(normalAt(X, m2, v2))), [X])), 'definition of the KL divergence',
        `The divergence is the expected log-ratio of the two densities, the expectation under the first Gaussian.`, { ...extra, introduces: [x], assumption: assumption ?? `${m(x)} is the variable both Gaussians are over` }),
      step(stmt(sub(log(normalAt(X, m1, v1)), log(normalAt(X, m2, v2))), '=', add(logRatio, neg(div(sq({ t: 'paren', a: sub(X, m1) }), mul(num(2), v1))), div(sq({ t: 'paren', a: sub(X, m2) }), mul(num(2), v2)))), 'the log-ratio of two Gaussians',
        `The normalizing constants give the log-ratio of the spreads, and the exponents two quadratics in ${m(x)}.`, { introduces: [x], assumption: assumption ?? `${m(x)} is any point` }),
      step([stmt(E(P, sq({ t: 'paren', a: sub(X, m1) }), [X]), '=', v1), stmt(E(P, sq({ t: 'paren', a: sub(X, m2) }), [X]), '=', add(v1, sq({ t: 'paren', a: sub(m1, m2) })))], 'Gaussian moments',
        `Under the first Gaussian the expected squared distance to its own mean is its variance, and to the other mean it is the variance plus the squared offset.`, { introduces: [x], assumption: assumption ?? `${m(x)} is the variable both Gaussians are over` }),
      step(stmt(kl1, '=', closed), 'the closed form',
        `Taking the expectation term by term gives the closed form in the note's letters.`, extra),
      step(stmt(closed, '>=', num(0)), 'non-negativity',
        `It is never negative, and zero exactly when the means and the variances agree.`, extra),
    ],
  };
}

/** The letter a distribution is over: its written variable, or a fresh one for a bare letter. */
function variableOf(d: Expr): Expr | undefined {
  return d.t === 'dens' && d.main.length === 1 ? d.main[0] : undefined;
}

function directedKl(variant: KlVariant, L: KlLetters, symbols: ReadonlySet<string>): Built {
  const a = L.first as Extract<Expr, { t: 'dens' }>;
  const b = L.second as Extract<Expr, { t: 'dens' }>;
  const conditional = a.cond.length > 0 && b.cond.length > 0;
  const written = variableOf(a) ?? L.variable;
  const x = written ? varName(written) : fresh(symbols, ['x', 'u']);
  const X = written ?? sym(x);
  const introduced = written ? [] : [x];
  const at = (d: Extract<Expr, { t: 'dens' }>): Expr => (d.main.length > 0 ? d : dens(d.head, [X]));
  const A = at(a);
  const B = at(b);
  const modelHead = L.roles[0] === 'model' ? a.head : L.roles[1] === 'model' ? b.head : undefined;
  const theta = modelHead ? subscriptOf(modelHead) : undefined;
  const thetaOk = theta && /^(?:\\[a-z]+|[a-z])$/.test(theta) ? theta : undefined;
  let world: (seed: number) => World;
  const given = a.cond[0] ?? b.cond[0];
  if ((a.cond.length > 0 || b.cond.length > 0) && given && [a, b].every((d) => d.cond.length === 0 || (d.cond.length === 1 && varName(d.cond[0]) === varName(given)))) {
    // A density given the data (a posterior or an encoder) against a prior or another posterior:
    // the latent-variable model, where all of them are exact.
    const zKey = x;
    const xKey = varName(given);
    world = (seed) => latentWorld({ x: xKey, z: [zKey], pHeads: [/^[pP]/.test(b.head) ? b.head : a.head], qHeads: [/^[qQ]/.test(a.head) ? a.head : b.head], theta: thetaOk && /^[pP]/.test(modelHead ?? '') ? thetaOk : undefined, phi: thetaOk && /^[qQ]/.test(modelHead ?? '') ? thetaOk : undefined }, seed);
  } else {
    // Three outcomes; the model's probabilities move with its parameter, so gradients mean something.
    world = (seed) => makeWorld(seed, {
      name: 'distributions on three outcomes',
      specs: { '#l': real(-1, 1), ...(thetaOk ? { [thetaOk]: real(-1, 1) } : {}) },
      domains: { [x]: { kind: 'support', values: [1, 2, 3] } },
      models: Object.fromEntries([a.head, b.head].map((h) => [h, (get: Getter) => {
        const logits = [1, 2, 3].map((k) => getNum(get, `#l_{${h}${k}}`) + (thetaOk && h === modelHead ? getNum(get, thetaOk) * (2 - k) : 0));
        const z = logits.reduce((s, l) => s + Math.exp(l), 0);
        return TableJoint.independent([{ v: x, support: [1, 2, 3], probs: logits.map((l) => Math.exp(l) / z) }]);
      }])),
    });
    world = wrapLogits(world);
  }
  const steps: PlannedStep[] = [];
  const intro = introduced.length > 0 ? { introduces: introduced, assumption: `${m(x)} ranges over the outcomes` } : {};
  steps.push(step(stmt(L.node, '=', E(A, sub(log(A), log(B)))), 'definition of the KL divergence',
    `The divergence is the expected log-ratio of the two distributions, the expectation under the first, ${m(A)}.`, intro));
  steps.push(step(stmt(neg(L.node), '=', E(A, log(div(B, A))), '<=', log(E(A, div(B, A))), '=', num(0)), "Jensen's inequality: it is never negative",
    `The log is concave, so the expected log-ratio is at most the log of the expected ratio, which is the log of the total probability of ${m(B)}, zero.`, { ...intro, tolerance: 1e-4 }));
  steps.push(step(stmt(L.node, '=', sub(H(a, b), H(a))), 'cross-entropy minus entropy',
    `It is the cross-entropy of ${m(B)} under ${m(A)} minus the entropy of ${m(A)}.`, intro));
  if (variant === 'forward' && thetaOk) {
    steps.push(step(stmt(grad(thetaOk, L.node), '=', neg(grad(thetaOk, E(A, log(B))))), 'only the cross-entropy depends on the model',
      `The first argument is the data and the second the model: the entropy of the data does not depend on ${m(thetaOk)}, so minimizing this forward KL is maximizing the expected log-likelihood, maximum likelihood. It punishes the model for missing mass where the data has it: fits cover every mode.`, intro));
  } else if (variant === 'forward') {
    steps.push(step(stmt(L.node, '=', sub(neg(H(a)), E(A, log(B)))), 'the forward direction',
      `The first argument is the data (or the target) and the second the model: this forward KL is expected under the data, so the model is punished for missing mass where the data has it, and fits cover every mode, as maximum likelihood does.`, intro));
  } else if (variant === 'reverse') {
    steps.push(step(stmt(L.node, '=', sub(neg(H(a)), E(A, log(B)))), 'the reverse direction',
      `The first argument is the model and the second the data (or the target): this reverse KL is expected under the model, so it needs samples from the model only and punishes it for putting mass where the target has little: fits lock onto one mode, as in variational inference.`, intro));
    if (conditional) {
      const x0 = a.cond[0];
      const evidence = dens(b.head, [x0]);
      const joint = dens(b.head, [x0, X]);
      steps.push(step(stmt(L.node, '=', sub(log(evidence), E(A, sub(log(joint), log(A))))), 'the gap of the evidence lower bound',
        `With the true posterior as target, this is ${m(log(evidence))} minus the ELBO: minimizing it over ${m(a.head)} maximizes the bound.`));
    }
  }
  return { steps, world };
}

/** The logit symbols of the three-outcome world are read through the world's table. */
function wrapLogits(factory: (seed: number) => World): (seed: number) => World {
  return (seed) => {
    const w = factory(seed);
    return { ...w, value: (key, base) => w.value(key, key.startsWith('#l_') ? '#l' : base) };
  };
}
