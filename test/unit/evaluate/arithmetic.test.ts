/** Arithmetic with numbers: logs, roots, fractions, implicit products, sums, Bayes, a gradient step. */
import * as assert from 'node:assert/strict';
import { evaluate } from '../../../src/core/evaluate';
import { near, value } from './helpers';

describe('evaluate: arithmetic', () => {
  it('gives ½ log(2πe) = 1.4189… for the entropy of a standard normal written out', () => {
    const e = value('\\frac{1}{2}\\log(2\\pi e)');
    near(e.value, 0.5 * Math.log(2 * Math.PI * Math.E), 1e-12);
    assert.equal(e.method, 'arithmetic');
  });

  it('uses the natural log unless a base is written', () => {
    near(value('\\log 10').value, Math.log(10), 1e-12);
    near(value('\\ln 10').value, Math.log(10), 1e-12);
    near(value('\\log_2 8').value, 3, 1e-12);
    near(value('\\log_{10}(1000)').value, 3, 1e-12);
  });

  it('reads fractions in every style, roots, exp and powers', () => {
    near(value('\\tfrac12 + \\dfrac{3}{4} + \\frac{1}{8}').value, 1.375, 1e-12);
    near(value('\\sqrt{16} + \\sqrt[3]{27}').value, 7, 1e-12);
    near(value('\\exp(1) + e^{2} + 2^{10}').value, Math.E + Math.E ** 2 + 1024, 1e-9);
    near(value('2^{-1} + 10^{-3}').value, 0.501, 1e-12);
  });

  it('reads x^23 as x² times 3, as TeX typesets it', () => {
    near(value('2^23').value, 12, 1e-12);
  });

  it('multiplies implicitly and with \\cdot and \\times', () => {
    near(value('2\\pi e').value, 2 * Math.PI * Math.E, 1e-12);
    near(value('\\left(1+2\\right)\\times 3 \\cdot 2').value, 18, 1e-12);
    near(value('0.5(1 + 3)').value, 2, 1e-12);
  });

  it('evaluates a gradient step with numbers, θ − η∇L = 0.5 − 0.1·2', () => {
    near(value('0.5 - 0.1 \\cdot 2').value, 0.3, 1e-12);
    near(value('\\theta_{t+1} = 0.5 - 0.1 \\cdot 2').value, 0.3, 1e-12);
    near(value('\\theta \\leftarrow 0.5 - 0.1 \\times 2').value, 0.3, 1e-12);
  });

  it('evaluates Bayes\' rule with numbers', () => {
    near(value('\\frac{0.9 \\cdot 0.01}{0.9\\cdot 0.01 + 0.1 \\cdot 0.99}').value, 0.009 / (0.009 + 0.099), 1e-12);
    near(value('P(A|B) = \\frac{0.9 \\cdot 0.01}{0.9\\cdot 0.01 + 0.1 \\cdot 0.99}').value, 1 / 12, 1e-12);
  });

  it('sums and multiplies over numeric bounds', () => {
    near(value('\\sum_{i=1}^{100} i').value, 5050, 1e-9);
    near(value('\\prod_{i=1}^{5} i').value, 120, 1e-9);
    near(value('\\sum_{i=1}^{1000} \\frac{1}{i^2}').value, Array.from({ length: 1000 }, (_, i) => 1 / (i + 1) ** 2).reduce((a, b) => a + b, 0), 1e-12);
    near(value('\\sum\\limits_{k=0}^{3} 2^k').value, 15, 1e-12);
  });

  it('evaluates the left side when both sides have numbers', () => {
    near(value('\\frac{1}{2}\\log(2\\pi e) = 1.42').value, 0.5 * Math.log(2 * Math.PI * Math.E), 1e-12);
  });

  it('reports a domain error in one line: log of a negative number, division by zero', () => {
    for (const latex of ['\\log(-1)', '\\frac{1}{0}', '\\sqrt{-4}']) {
      const r = evaluate(latex);
      assert.equal(r.ok, false, latex);
      if (!r.ok) assert.doesNotMatch(r.error, /\n/);
    }
  });
});

describe('evaluate: layout and other notations', () => {
  it('reads aligned environments and skips labels', () => {
    near(value('\\begin{aligned} a &= 1+1 \\end{aligned}').value, 2, 1e-12);
    near(value('2 \\cdot 3 \\label{eq:six}').value, 6, 1e-12);
  });

  it('refuses a matrix rather than multiplying its entries', () => {
    const r = evaluate('\\begin{pmatrix} 0.2 & 0.8 \\end{pmatrix}');
    assert.equal(r.ok, false);
  });

  it('reads Unicode math as written in plain text', () => {
    near(value('½ log(2πe)').value, 0.5 * Math.log(2 * Math.PI * Math.E), 1e-12);
    near(value('D_KL(N(0,1)‖N(2,1))').value, 2, 1e-12);
    near(value('−log 0.5').value, Math.log(2), 1e-12);
  });

  it('reads \\mathcal{N}(x; μ, σ²) with three arguments as the density at x', () => {
    near(value('\\mathcal{N}(1; 0, 1)').value, Math.exp(-0.5) / Math.sqrt(2 * Math.PI), 1e-12);
  });

  it('reads factorials, binomials, absolute values, max and squared functions', () => {
    near(value('3! + \\binom{5}{2}').value, 16, 1e-12);
    near(value('|{-3}| + \\max(1, 2, 3)').value, 6, 1e-12);
    near(value('\\sin^2(1) + \\cos^2(1)').value, 1, 1e-12);
  });
});
