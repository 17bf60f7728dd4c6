/** Toy instances for symbolic formulas: finite at every slider extreme, and correct where checkable. */
import * as assert from 'node:assert/strict';
import type { ToyInstance } from '../../../src/core/evaluate';
import { toyInstanceFor } from '../../../src/core/kinds';
import { recognize, type FormulaKind } from '../../../src/core/recognize';

const KINDS: readonly FormulaKind[] = ['kl', 'entropy', 'jsd', 'minimax', 'elbo', 'gradient_step', 'bayes', 'mle', 'marginal', 'diffusion', 'reconstruction'];

function toy(kind: FormulaKind, roles: Record<string, string> = {}): ToyInstance {
  const t = toyInstanceFor(kind, roles);
  assert.ok(t, `a toy for ${kind}`);
  return t;
}

function assertFinite(t: ToyInstance, values: Record<string, number>): void {
  const r = t.compute(values);
  const where = `${t.title} at ${JSON.stringify(values)}`;
  assert.ok(Number.isFinite(r.value), `value of ${where}`);
  assert.ok(r.text.length > 0 && !/NaN|Infinity/.test(r.text), `text of ${where}: ${r.text}`);
  for (const c of r.curves) {
    assert.equal(c.x.length, c.y.length);
    for (const v of [...c.x, ...c.y]) assert.ok(Number.isFinite(v), `curve ${c.label} of ${where}`);
  }
}

describe('toy instances', () => {
  it('exists for every kind the issue names, with sliders whose defaults lie in range', () => {
    for (const kind of KINDS) {
      const t = toy(kind);
      assert.ok(t.parameters.length > 0);
      for (const p of t.parameters) assert.ok(p.min <= p.value && p.value <= p.max && p.step > 0, `${kind}.${p.name}`);
    }
    assert.equal(toyInstanceFor('none', {}), undefined);
  });

  it('never returns NaN at any corner of the sliders, nor for junk input', () => {
    for (const kind of KINDS) {
      const t = toy(kind);
      const ps = t.parameters;
      for (let mask = 0; mask < 1 << ps.length; mask++) {
        assertFinite(t, Object.fromEntries(ps.map((p, i) => [p.name, (mask >> i) & 1 ? p.max : p.min])));
      }
      assertFinite(t, Object.fromEntries(ps.map((p) => [p.name, NaN])));
      assertFinite(t, Object.fromEntries(ps.map((p) => [p.name, 1e300])));
      assertFinite(t, Object.fromEntries(ps.map((p) => [p.name, -Infinity])));
      assertFinite(t, {});
    }
  });

  it('gives the closed-form KL of two Gaussians and plots both densities', () => {
    const t = toy('kl', { first: 'q', second: 'p' });
    const r = t.compute({ mu1: 0.5, sigma1: 0.8, mu2: -1, sigma2: 2 });
    const expected = Math.log(2 / 0.8) + (0.64 + 1.5 ** 2) / (2 * 4) - 0.5;
    assert.ok(Math.abs(r.value - expected) < 1e-12);
    assert.equal(r.curves.length, 2);
    assert.ok(r.curves.every((c) => c.x.length >= 200));
    // The densities integrate to about 1 over the plotted range.
    for (const c of r.curves) {
      let area = 0;
      for (let i = 1; i < c.x.length; i++) area += ((c.y[i] + c.y[i - 1]) / 2) * (c.x[i] - c.x[i - 1]);
      assert.ok(Math.abs(area - 1) < 1e-3, `area ${area}`);
    }
    assert.match(t.title, /q/);
  });

  it('clamps slider values to their ranges', () => {
    const t = toy('kl');
    const sigmaMin = t.parameters.find((p) => p.name === 'sigma1')?.min ?? 0;
    const a = t.compute({ mu1: 0, sigma1: -5, mu2: 0, sigma2: 1 });
    const b = t.compute({ mu1: 0, sigma1: sigmaMin, mu2: 0, sigma2: 1 });
    assert.equal(a.value, b.value);
  });

  it('says the gradient step diverges when η > 2/L and converges when η < 2/L', () => {
    const t = toy('gradient_step');
    const bad = t.compute({ eta: 0.5, L: 8, theta0: 1 });
    assert.match(bad.text, /diverge/);
    assert.ok(Math.abs(bad.value - (1 - 0.5 * 8) * 1) < 1e-12);
    const good = t.compute({ eta: 0.1, L: 8, theta0: 1 });
    assert.match(good.text, /converge/);
    assert.doesNotMatch(good.text, /diverge/);
  });

  it('gives an ELBO below log p(x) with the gap equal to the KL from the posterior', () => {
    const t = toy('elbo');
    // z ~ N(0,1), x|z ~ N(z, 1): p(x) = N(0, 2), posterior N(x/2, 1/2).
    const x = 1.5;
    const logPx = -0.5 * Math.log(2 * Math.PI * 2) - (x * x) / 4;
    const atPosterior = t.compute({ x, noise: 1, m: x / 2, sd: Math.sqrt(0.5) });
    assert.ok(Math.abs(atPosterior.value - logPx) < 1e-9);
    const off = t.compute({ x, noise: 1, m: 0, sd: 1 });
    assert.ok(off.value < logPx);
    assert.match(off.text, /gap/);
  });

  it('gives the GAN value −log 4 when the generator matches the data', () => {
    const r = toy('minimax').compute({ muG: 0, sigmaG: 1 });
    assert.ok(Math.abs(r.value + Math.log(4)) < 1e-9);
  });

  it('gives the posterior of Bayes\' rule from its sliders', () => {
    const r = toy('bayes').compute({ prior: 0.01, likelihood: 0.9, falseRate: 0.1 });
    assert.ok(Math.abs(r.value - 0.009 / (0.009 + 0.099)) < 1e-12);
  });

  it('gives the binary entropy and the Bernoulli JSD stays within [0, log 2]', () => {
    const h = toy('entropy').compute({ p: 0.5 });
    assert.ok(Math.abs(h.value - Math.log(2)) < 1e-12);
    const j = toy('jsd').compute({ mu1: -3, sigma1: 0.2, mu2: 3, sigma2: 0.2 });
    assert.ok(j.value >= 0 && j.value <= Math.log(2) + 1e-12);
  });
});

describe('toy instances for the other kinds', () => {
  it('puts the coin\'s maximum-likelihood estimate at k/n', () => {
    const t = toy('mle');
    const at = (theta: number): number => t.compute({ n: 10, k: 7, theta }).value;
    assert.ok(Math.abs(at(0.7) - (7 * Math.log(0.7) + 3 * Math.log(0.3))) < 1e-12);
    assert.ok(at(0.7) > at(0.6) && at(0.7) > at(0.8));
  });

  it('gives the mixture\'s marginal density as the weighted sum of its components', () => {
    const r = toy('marginal').compute({ pi: 0.3, mu1: -1, mu2: 2, sigma: 0.5, x: 0 });
    const pdf = (x: number, m: number, s: number): number => Math.exp(-((x - m) ** 2) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI));
    assert.ok(Math.abs(r.value - (0.3 * pdf(0, -1, 0.5) + 0.7 * pdf(0, 2, 0.5))) < 1e-12);
  });

  it('gives ᾱ_t of the linear schedule, 1 − β₁ at t = 1 and near 0 at t = T', () => {
    const t = toy('diffusion');
    assert.ok(Math.abs(t.compute({ t: 1, x0: 0 }).value - (1 - 1e-4)) < 1e-15);
    assert.ok(t.compute({ t: 1000, x0: 0 }).value < 1e-4);
  });

  it('gives the squared error and names the Gaussian NLL it equals up to scale', () => {
    const r = toy('reconstruction').compute({ x: 1, xhat: -0.5, sigma: 1 });
    assert.ok(Math.abs(r.value - 2.25) < 1e-12);
    assert.match(r.text, /NLL/);
  });
});

describe('toy instances from recognized formulas', () => {
  it('gives a symbolic KL formula a KL toy labelled with its own symbols', () => {
    const card = recognize('D_{KL}(q(z)\\|p(z))');
    assert.equal(card.kind, 'kl');
    const t = toyInstanceFor(card.kind, card.roles);
    assert.ok(t);
    assert.equal(t.parameters.length, 4);
    assert.ok(Number.isFinite(t.compute({}).value));
  });
});
