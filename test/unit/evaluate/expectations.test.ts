/** Expectations under a named distribution: closed form for moments, Monte Carlo otherwise. */
import * as assert from 'node:assert/strict';
import { formatEvaluation } from '../../../src/core/evaluate';
import { near, value } from './helpers';

/** Monte Carlo within 4 standard errors of the truth, and the error itself small. */
function within4se(e: { value: number; standardError?: number }, truth: number): void {
  assert.ok(e.standardError !== undefined && e.standardError > 0, 'a Monte Carlo estimate reports its standard error');
  assert.ok(Math.abs(e.value - truth) <= 4 * e.standardError, `estimate ${e.value} ± ${e.standardError} is more than 4 standard errors from ${truth}`);
}

describe('evaluate: expectations', () => {
  it('gives E[x²] = 1 under N(0,1)', () => {
    const e = value('\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[x^2]');
    near(e.value, 1, 1e-12);
    assert.equal(e.method, 'closed form');
  });

  it('uses the variance convention in moments: E[(x − 1)² + 3x] under N(1, 2) is 2 + 3', () => {
    near(value('\\mathbb{E}_{x\\sim\\mathcal{N}(1,2)}\\left[(x-1)^2 + 3x\\right]').value, 5, 1e-12);
  });

  it('gives E[e^x] under N(0,1) in closed form, the mean of a log-normal, √e', () => {
    const e = value('\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[e^{x}]', { seed: 7 });
    assert.equal(e.method, 'closed form');
    near(e.value, Math.sqrt(Math.E), 1e-12);
    assert.match(e.detail, /log-normal/);
  });

  it('gives E[c e^{a + bx}] under N(μ, σ²) in closed form, c e^{a + bμ + b²σ²/2}', () => {
    near(value('\\mathbb{E}_{x\\sim\\mathcal{N}(1,4)}[3e^{2x+1}]').value, 3 * Math.exp(1 + 2 * 1 + (4 * 4) / 2), 1e-6);
    near(value('\\mathbb{E}_{x\\sim\\mathcal{N}(-1,0.25)}[\\exp(-x)]').value, Math.exp(1 + 0.25 / 2), 1e-12);
  });

  it('estimates E[e^{x^2/4}] under N(0,1), which has no closed form here, by Monte Carlo within 4 standard errors of √2', () => {
    const e = value('\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[e^{x^2/4}]', { seed: 7 });
    assert.equal(e.method, 'Monte Carlo');
    assert.ok((e.samples ?? 0) >= 1000);
    // E[exp(x²/4)] = 1/sqrt(1 - 2/4).
    within4se(e, Math.SQRT2);
    assert.match(e.detail, /Monte Carlo/);
  });

  it('estimates E[log(1 + x)] under U(0,1) within 4 standard errors of 2 log 2 − 1', () => {
    within4se(value('\\mathbb{E}_{x\\sim\\mathcal{U}(0,1)}[\\log(1+x)]', { seed: 3 }), 2 * Math.log(2) - 1);
  });

  it('gives the same estimate for the same seed', () => {
    const a = value('\\mathbb{E}_{x\\sim N(0,1)}[\\cos x]', { seed: 11, samples: 2000 });
    const b = value('\\mathbb{E}_{x\\sim N(0,1)}[\\cos x]', { seed: 11, samples: 2000 });
    assert.equal(a.value, b.value);
    within4se(a, Math.exp(-0.5));
  });

  it('sums exactly over a Bernoulli\'s outcomes', () => {
    near(value('E_{x \\sim \\mathrm{Bern}(0.3)}[x^2 + 1]').value, 1.3, 1e-12);
    near(value('E_{x \\sim \\mathrm{Bern}(0.3)}[e^{x}]').value, 0.7 + 0.3 * Math.E, 1e-12);
  });
});

describe('formatEvaluation', () => {
  it('writes = value (method) for exact results and ≈ value ± error for estimates', () => {
    assert.equal(formatEvaluation(value('D_{KL}(\\mathcal N(0,1)\\,\\|\\,\\mathcal N(1,4))')), '= 0.4431 (closed form)');
    assert.match(formatEvaluation(value('\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[e^{x^2/4}]', { samples: 1000 })), /^≈ 1\.\d+ ± 0\.\d+ \(Monte Carlo, 1,000 samples\)$/);
  });
});

describe('evaluate: Monte Carlo inside arithmetic', () => {
  it('carries the standard error through a sum of estimates', () => {
    const one = value('\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[e^{x^2/4}]', { seed: 2, samples: 4000 });
    const sum = value('\\sum_{k=1}^{2} \\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[e^{x^2/4}]', { seed: 2, samples: 4000 });
    assert.equal(sum.method, 'Monte Carlo');
    assert.ok(sum.standardError !== undefined && sum.standardError > one.standardError!);
    assert.ok(Math.abs(sum.value - 2 * Math.SQRT2) <= 4 * sum.standardError);
  });

  it('scales the standard error with a constant factor', () => {
    const one = value('\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[\\cos x]', { seed: 4, samples: 3000 });
    const three = value('3\\,\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[\\cos x]', { seed: 4, samples: 3000 });
    near(three.value, 3 * one.value, 1e-12);
    near(three.standardError!, 3 * one.standardError!, 1e-9);
  });
});
