import * as assert from 'node:assert/strict';
import { checkSteps, type CheckContext } from '../../../src/core/explain/check';
import { formulaSymbols } from '../../../src/core/explain/check/symbols';
import { GaussianJoint } from '../../../src/core/explain/check/models';
import { Numeric } from '../../../src/core/explain/check/numeric';
import { gaussHermite } from '../../../src/core/explain/check/quadrature';
import {
  E, add, div, half, integral, kl, log, mul, neg, num, sq, stmt, sub, sym, dens, normal, call, at, grad, pow, argmax,
} from '../../../src/core/explain/expr/build';
import { stepTex } from '../../../src/core/explain/expr/tex';
import type { PlannedStep } from '../../../src/core/explain/step';
import { latentWorld } from '../../../src/core/explain/worlds/latent';
import { makeWorld, real } from '../../../src/core/explain/check/world';

const x = sym('x');
const z = sym('z');
const q = dens('q_{\\phi}', [z], [x]);
const prior = dens('p', [z]);
const lik = dens('p_{\\theta}', [x], [z]);
const joint = dens('p_{\\theta}', [x, z]);
const posterior = dens('p_{\\theta}', [z], [x]);
const evidence = dens('p_{\\theta}', [x]);
const letters = { x: 'x', z: ['z'], theta: '\\theta', phi: '\\phi', pHeads: ['p', 'p_{\\theta}'], qHeads: ['q_{\\phi}'], mu: '\\mu_{\\phi}', sigma: '\\sigma_{\\phi}' };
const ctx: CheckContext = {
  symbols: formulaSymbols('\\log p_\\theta(x) \\ge \\mathbb{E}_{q_\\phi(z|x)}[\\log p_\\theta(x|z)] - D_{KL}(q_\\phi(z|x)\\|p(z))'),
  world: (seed) => latentWorld(letters, seed),
};

function step(math: PlannedStep['math'], extra: Partial<PlannedStep> = {}): PlannedStep {
  return { math, why: 'A reason.', rule: 'a rule', ...extra };
}

function verdicts(steps: PlannedStep[]) {
  return checkSteps(steps, ctx).map((c) => c.verdict);
}

describe('the step checker', () => {
  it('integrates exactly with Gauss-Hermite nodes: E[u^2] = 1 and E[u^4] = 3 under N(0, 1)', () => {
    const r = gaussHermite(24);
    const m = (k: number) => r.x.reduce((s, xi, i) => s + r.w[i] * xi ** k, 0);
    assert.ok(Math.abs(m(0) - 1) < 1e-13);
    assert.ok(Math.abs(m(2) - 1) < 1e-12);
    assert.ok(Math.abs(m(4) - 3) < 1e-11);
  });

  it('computes conditionals of a linear-Gaussian model by hand-checkable formulas', () => {
    // z ~ N(0, 1), x | z ~ N(2z, 1): x ~ N(0, 5), z | x ~ N(2x/5, 1/5).
    const g = GaussianJoint.linear([{ v: 'z', bias: 0, variance: 1 }, { v: 'x', bias: 0, parents: { z: 2 }, variance: 1 }]);
    const c = g.conditional(['z'], ['x'], () => 1.5);
    assert.ok(Math.abs(c.mean[0] - 0.6) < 1e-12);
    assert.ok(Math.abs(c.cov[0][0] - 0.2) < 1e-12);
    const lx = g.logDensity(['x'], [], () => 1.5);
    assert.ok(Math.abs(lx - (-0.5 * Math.log(2 * Math.PI * 5) - 1.5 ** 2 / 10)) < 1e-12);
  });

  it('passes the true steps of an ELBO derivation and marks them checked numerically', () => {
    const elbo = E(q, sub(log(joint), log(q)));
    const v = verdicts([
      step([stmt(log(evidence), '=', log(integral([z], joint)))]),
      step([stmt(log(evidence), '=', log(E(q, div(joint, q))))]),
      step([stmt(log(evidence), '>=', elbo)]),
      step([stmt(sub(log(evidence), elbo), '=', kl(q, posterior))]),
      step([stmt(elbo, '=', sub(E(q, log(lik)), kl(q, prior)))]),
    ]);
    for (const [i, r] of v.entries()) {
      assert.equal(r.ok, true, `step ${i}: ${r.problems.join('; ')}`);
      assert.equal(r.checked, 'numerically');
    }
  });

  it('drops a deliberately wrong step: the ELBO gap written with the KL reversed', () => {
    const elbo = E(q, sub(log(joint), log(q)));
    const [r] = verdicts([step([stmt(sub(log(evidence), elbo), '=', kl(posterior, q))])]);
    assert.equal(r.ok, false);
    assert.match(r.problems.join(' '), /toy instance .* two sides/);
  });

  it('drops a deliberately wrong inequality: Jensen turned the wrong way', () => {
    const [r] = verdicts([step([stmt(log(evidence), '<=', E(q, sub(log(joint), log(q))))])]);
    assert.equal(r.ok, false);
  });

  it('drops a Gaussian KL closed form that forgets the -1/2', () => {
    const mu = sym('\\mu'); const s2 = sym('\\sigma^2');
    const world = (seed: number) => makeWorld(seed, {
      name: 'a Gaussian', specs: { '\\mu': real(-1, 1), 's': real(0.5, 1.5) },
      derived: { '\\sigma^2': (t) => t.num('s') ** 2 },
      models: { q: (get) => GaussianJoint.linear([{ v: 'z', bias: get('\\mu') as number, variance: get('\\sigma^2') as number }]), p: () => GaussianJoint.linear([{ v: 'z', bias: 0, variance: 1 }]) },
    });
    const lhs = kl(dens('q', [z]), dens('p', [z]));
    const right = mul(half, add(sq(mu), s2, num(-1), neg(log(s2))));
    const wrong = mul(half, add(sq(mu), s2, neg(log(s2))));
    const intro = { assumption: 'if q is N(mu, sigma^2)', introduces: ['\\mu', '\\sigma^2'], world };
    const v = verdicts([step([stmt(lhs, '=', right)], intro), step([stmt(lhs, '=', wrong)], intro)]);
    assert.equal(v[0].ok, true, v[0].problems.join('; '));
    assert.equal(v[1].ok, false);
  });

  it('drops a step that uses a symbol the formula never has and no assumption brings in', () => {
    const [r] = verdicts([step([stmt(kl(q, prior), '=', E(q, sub(log(q), log(dens('r_{\\psi}', [z], [x])))))])]);
    assert.equal(r.ok, false);
    assert.match(r.problems.join(' '), /r_\{\\psi\}/);
  });

  it('allows new symbols that a stated assumption introduces, and checks the step under it', () => {
    const eps = sym('\\epsilon');
    const mu = call('\\mu_{\\phi}', x);
    const sd = call('\\sigma_{\\phi}', x);
    const s = step([stmt(E(q, log(lik)), '=', E(normal(num(0), num(1)), at(log(lik), z, add(mu, mul(sd, eps))), [eps]))],
      { assumption: 'if q is Gaussian', introduces: ['\\mu_{\\phi}', '\\sigma_{\\phi}', '\\epsilon'] });
    const [r] = verdicts([s]);
    assert.equal(r.ok, true, r.problems.join('; '));
    assert.equal(r.checked, 'numerically');
    assert.match(stepTex(s.math), /p_\{\\theta\}\(x \\mid \\mu_\{\\phi\}\(x\) \+ \\sigma_\{\\phi\}\(x\) \\, \\epsilon\)/);
    const [bare] = verdicts([{ ...s, assumption: undefined }]);
    assert.equal(bare.ok, false, 'without the assumption the new symbols are foreign');
  });

  it('drops a KL between distributions over different variables', () => {
    const [r] = verdicts([step([stmt(kl(dens('q_{\\phi}', [sym('z_1')], [x]), dens('p', [sym('z_2')])), '>=', num(0))])]);
    assert.equal(r.ok, false);
    assert.match(r.problems.join(' '), /over z_1 and one over z_2/);
  });

  it('drops an expectation whose integrand does not depend on its variable', () => {
    const [r] = verdicts([step([stmt(E(q, log(evidence)), '=', log(evidence))])]);
    assert.equal(r.ok, false);
    const [ok] = verdicts([step([stmt(E(q, log(evidence), undefined, { constant: true }), '=', log(evidence))])]);
    assert.equal(ok.ok, true, ok.problems.join('; '));
  });

  it('checks gradients by central differences and maximizers by search', () => {
    const world = (seed: number) => makeWorld(seed, { name: 'a quadratic', specs: { a: real(0.5, 2), c: real(-1, 1), '\\theta': real(-2, 2) } });
    const th = sym('\\theta');
    const f = mul(half, sym('a'), sq(sub(th, sym('c'))));
    const steps = [
      step([stmt(grad(th, f), '=', mul(sym('a'), sub(th, sym('c'))))]),
      step([stmt(argmax('\\theta', neg(f), -10, 10), '=', sym('c'))]),
      step([stmt(grad(th, f), '=', mul(sym('a'), th))]),
    ];
    const v = checkSteps(steps, { symbols: new Set(['a', 'c', '\\theta']), world }).map((c) => c.verdict);
    assert.deepEqual(v.map((r) => r.ok), [true, true, false]);
    assert.equal(new Numeric(world(1)).value(pow(num(2), num(10))), 1024);
  });

  it('registers definitions for later steps and refuses a step that leans on a dropped one', () => {
    const elbo = sym('\\mathrm{ELBO}');
    const v = verdicts([
      step([stmt(elbo, ':=', E(q, sub(log(joint), log(q))))]),
      step([stmt(log(evidence), '>=', elbo)]),
      step([stmt(sym('\\mathcal{B}'), ':=', kl(q, dens('r', [z])))]),
      step([stmt(sym('\\mathcal{B}'), '>=', num(0))]),
    ]);
    assert.equal(v[0].checked, 'definition');
    assert.equal(v[1].ok, true, v[1].problems.join('; '));
    assert.equal(v[2].ok, false, 'r is foreign');
    assert.equal(v[3].ok, false, 'B was never shown');
  });
});
