/**
 * KL, entropy, cross-entropy and JSD of concrete distributions. Every expected value is
 * written out again here from its textbook closed form (or integrated numerically here),
 * not taken from the evaluator's helpers.
 */
import * as assert from 'node:assert/strict';
import { errorOf, near, value } from './helpers';

/** KL(N(m1, v1) ‖ N(m2, v2)), with variances, as the literature writes it. */
function klNormal(m1: number, v1: number, m2: number, v2: number): number {
  return Math.log(Math.sqrt(v2) / Math.sqrt(v1)) + (v1 + (m1 - m2) ** 2) / (2 * v2) - 0.5;
}

describe('evaluate: KL divergence', () => {
  it('gives 2 for the KL of N(0,1) from N(2,1)', () => {
    const e = value('D_{KL}(\\mathcal{N}(0,1)\\|\\mathcal{N}(2,1))');
    near(e.value, 2, 1e-12);
    assert.equal(e.method, 'closed form');
    assert.match(e.detail, /KL divergence of two Gaussians, closed form/);
    assert.match(e.detail, /natural log/);
  });

  it('reads the second argument of N as the variance: KL(N(0,1) ‖ N(1,4)) = log 2 + 2/8 − 1/2', () => {
    const e = value('D_{KL}(\\mathcal N(0,1)\\,\\|\\,\\mathcal N(1,4))');
    near(e.value, Math.log(2) + (1 + 1) / 8 - 0.5, 1e-12);
    near(e.value, 0.4431471805599453, 1e-12);
  });

  it('accepts every common way of writing the KL and the Gaussian', () => {
    const expected = klNormal(0, 1, 1, 2);
    for (const latex of [
      'KL(N(0, 1) || N(1, 2))',
      '\\mathrm{KL}(\\mathcal{N}(0,1)\\|\\mathcal{N}(1,2))',
      'D_\\text{KL}\\left(\\mathcal N(0,1) \\,\\|\\, \\mathcal N(1,2)\\right)',
      'D_{\\mathrm{KL}}(\\mathcal{N}(0, 1) \\Vert \\mathcal{N}(1, 2))',
      '$D_{KL}(\\mathcal{N}(0,1)\\parallel\\mathcal{N}(1,2))$',
      'D_{KL}(𝒩(0,1) ‖ 𝒩(1,2))',
    ]) {
      near(value(latex).value, expected, 1e-12);
    }
  });

  it('evaluates parameters that are themselves arithmetic, such as a variance written 2^2', () => {
    near(value('D_{KL}(\\mathcal{N}(0.5, 2^2)\\|\\mathcal{N}(-1, \\frac{1}{4}))').value, klNormal(0.5, 4, -1, 0.25), 1e-12);
  });

  it('sums p log(p/q) for Bernoullis in any spelling', () => {
    const expected = 0.3 * Math.log(0.3 / 0.5) + 0.7 * Math.log(0.7 / 0.5);
    near(value('\\mathrm{KL}(\\text{Bernoulli}(0.3)\\|\\mathrm{Bern}(0.5))').value, expected, 1e-12);
    near(value('KL(Ber(0.3)||Bern(0.5))').value, expected, 1e-12);
  });

  it('sums p log(p/q) for categorical vectors in brackets or parentheses', () => {
    const p = [0.2, 0.3, 0.5];
    const expected = p.reduce((s, x) => s + x * Math.log(x * 3), 0);
    near(value('D_{KL}([0.2, 0.3, 0.5]\\|[1/3, 1/3, 1/3])').value, expected, 1e-12);
    near(value('KL((0.2,0.8)||(0.5,0.5))').value, 0.2 * Math.log(0.4) + 0.8 * Math.log(1.6), 1e-12);
  });

  it('evaluates the side without unknowns when the formula has an equals sign', () => {
    near(value('D_{KL}(\\mathcal{N}(0,1)\\|\\mathcal{N}(2,1)) = ?').value, 2, 1e-12);
  });

  it('says the KL is infinite when Q rules out an outcome P can take', () => {
    assert.match(errorOf('KL(\\mathrm{Bern}(0.5)\\|\\mathrm{Bern}(0))'), /infinite/);
  });
});

describe('evaluate: entropy and cross-entropy', () => {
  it('gives log 2 for the entropy of a fair coin', () => {
    const e = value('H(\\mathrm{Bern}(0.5))');
    near(e.value, Math.log(2), 1e-12);
    assert.equal(e.method, 'closed form');
  });

  it('gives ½ log(2πeσ²) for a Gaussian, with σ² the second argument', () => {
    near(value('H(\\mathcal{N}(3, 4))').value, 0.5 * Math.log(2 * Math.PI * Math.E * 4), 1e-12);
  });

  it('gives −Σ p log p for a categorical vector', () => {
    near(value('H([0.2, 0.3, 0.5])').value, -(0.2 * Math.log(0.2) + 0.3 * Math.log(0.3) + 0.5 * Math.log(0.5)), 1e-12);
    near(value('H((0.2,0.8))').value, -(0.2 * Math.log(0.2) + 0.8 * Math.log(0.8)), 1e-12);
  });

  it('reads H(P, Q) as the cross-entropy −E_P[log Q]', () => {
    // Gaussians: −E_P[log Q] = ½ log(2π v2) + (v1 + (m1 − m2)²) / (2 v2).
    near(value('H(\\mathcal N(0,1), \\mathcal N(1,2))').value, 0.5 * Math.log(2 * Math.PI * 2) + (1 + 1) / 4, 1e-12);
    near(value('H(\\mathrm{Bern}(0.3), \\mathrm{Bern}(0.6))').value, -(0.3 * Math.log(0.6) + 0.7 * Math.log(0.4)), 1e-12);
  });
});

describe('evaluate: Jensen-Shannon divergence', () => {
  it('computes the JSD of two Bernoullis exactly', () => {
    const [p, q] = [0.1, 0.9];
    const m = [(1 - p + 1 - q) / 2, (p + q) / 2];
    const expected = 0.5 * ((1 - p) * Math.log((1 - p) / m[0]) + p * Math.log(p / m[1])) + 0.5 * ((1 - q) * Math.log((1 - q) / m[0]) + q * Math.log(q / m[1]));
    const e = value('JSD(\\mathrm{Bern}(0.1)\\|\\mathrm{Bern}(0.9))');
    near(e.value, expected, 1e-12);
    assert.equal(e.method, 'closed form');
  });

  it('gives log 2 for Bernoullis with disjoint support and 0 for equal ones', () => {
    near(value('\\mathrm{JSD}(\\mathrm{Bern}(0)\\|\\mathrm{Bern}(1))').value, Math.log(2), 1e-12);
    near(value('\\mathrm{JSD}(\\mathrm{Bern}(0.4)\\|\\mathrm{Bern}(0.4))').value, 0, 1e-12);
  });

  it('integrates the JSD of two Gaussians numerically and says so', () => {
    // Independent check: a plain trapezoid rule on a fine grid of x.
    const pdf = (x: number, m: number, v: number): number => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    let acc = 0;
    const lo = -15;
    const hi = 17;
    const n = 200_000;
    const h = (hi - lo) / n;
    for (let i = 0; i <= n; i++) {
      const x = lo + i * h;
      const p = pdf(x, 0, 1);
      const q = pdf(x, 2, 1);
      const m = (p + q) / 2;
      const f = (p > 0 ? 0.5 * p * Math.log(p / m) : 0) + (q > 0 ? 0.5 * q * Math.log(q / m) : 0);
      acc += (i === 0 || i === n ? 0.5 : 1) * f;
    }
    const e = value('\\mathrm{JSD}(\\mathcal N(0,1)\\|\\mathcal N(2,1))');
    near(e.value, acc * h, 1e-7);
    assert.notEqual(e.method, 'Monte Carlo');
    assert.match(e.detail, /numerical integration/);
  });

  it('stays within [0, log 2] for Gaussians of very different scales', () => {
    const e = value('JSD(N(0, 0.000001) || N(0, 1000000))');
    assert.ok(e.value >= 0 && e.value <= Math.log(2));
    near(e.value, Math.log(2), 1e-2);
  });
});

describe('evaluate: more notations', () => {
  it('reads H(p) with a number as the binary entropy', () => {
    near(value('H(0.2)').value, -(0.2 * Math.log(0.2) + 0.8 * Math.log(0.8)), 1e-12);
  });

  it('accepts \\middle\\| and brackets around the KL arguments', () => {
    near(value('\\mathrm{KL}\\left[\\mathcal N(0,1) \\middle\\| \\mathcal N(1,1)\\right]').value, 0.5, 1e-12);
  });

  it('evaluates the GAN value at the optimal discriminator with numbers', () => {
    const [p, q] = [0.2, 0.7];
    const m = (p + q) / 2;
    const jsd = 0.5 * (p * Math.log(p / m) + (1 - p) * Math.log((1 - p) / (1 - m))) + 0.5 * (q * Math.log(q / m) + (1 - q) * Math.log((1 - q) / (1 - m)));
    near(value('-\\log 4 + 2\\,\\mathrm{JSD}(\\mathrm{Bern}(0.2)\\|\\mathrm{Bern}(0.7))').value, -Math.log(4) + 2 * jsd, 1e-12);
  });
});
