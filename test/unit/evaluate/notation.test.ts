/**
 * What people write: the entropy of a listed distribution, values given after the formula (in it
 * or in the text that follows), the logistic sigmoid, a softmax entry, I as the identity and
 * bold one, each against values computed here by hand from their definitions.
 */
import * as assert from 'node:assert/strict';
import { evaluate } from '../../../src/core/evaluate';
import { near, value } from './helpers';

const entropy = (p: number[]) => -p.reduce((s, x) => s + (x > 0 ? x * Math.log(x) : 0), 0);
const crossEntropy = (p: number[], q: number[]) => -p.reduce((s, x, i) => s + x * Math.log(q[i]), 0);
const kl = (p: number[], q: number[]) => p.reduce((s, x, i) => s + x * Math.log(x / q[i]), 0);

describe('evaluate: what people write', () => {
  it('takes the entropy of a distribution listed in H(...)', () => {
    const e = value('H(0.25, 0.25, 0.5)');
    near(e.value, entropy([0.25, 0.25, 0.5]), 1e-12);
    assert.equal(e.method, 'closed form');
  });

  it('reads values written after the formula: after a comma, after \\quad, after "where" or "with"', () => {
    const truth = crossEntropy([0.5, 0.5], [0.9, 0.1]);
    for (const f of [
      'H(p,q) = -\\sum_i p_i\\log q_i, \\quad p = (0.5, 0.5), q = (0.9, 0.1)',
      'H(p,q) = -\\sum_i p_i\\log q_i, p = (0.5, 0.5), q = (0.9, 0.1)',
      'H(p,q) = -\\sum_i p_i\\log q_i \\text{ where } p = (0.5, 0.5), q = (0.9, 0.1)',
      'H(p,q) = -\\sum_i p_i\\log q_i \\text{ with } p = (0.5, 0.5); q = (0.9, 0.1)',
    ]) {
      const e = value(f);
      near(e.value, truth, 1e-12);
      assert.match(e.detail, /p = \(0\.5, 0\.5\), q = \(0\.9, 0\.1\) as the note gives them/, f);
    }
  });

  it('reads values from the text after the formula, on the same line or the next', () => {
    const r = evaluate('-\\sum_i p_i \\log \\frac{p_i}{q_i}', { context: ' where $p = (0.2, 0.8)$\nand $q = [0.5, 0.5]$.' });
    assert.ok(r.ok, r.ok ? '' : r.error);
    near(r.evaluation.value, -kl([0.2, 0.8], [0.5, 0.5]), 1e-12);
    const plain = evaluate('\\theta^2 + 1', { context: ', with theta = 3 in this example' });
    assert.ok(!plain.ok, 'a word that only looks like a letter is not a given');
    const n = evaluate('\\mu + 2\\sigma', { context: 'for $\\mu = 1$, $\\sigma = 0.5$' });
    assert.ok(n.ok);
    near(n.evaluation.value, 2, 1e-12);
  });

  it('reads \\sigma(x) as the logistic sigmoid and says so', () => {
    const e = value('\\sigma(2)');
    near(e.value, 1 / (1 + Math.exp(-2)), 1e-15);
    assert.match(e.detail, /logistic sigmoid/);
  });

  it('gives an entry of a softmax, counting from 1', () => {
    const z = Math.exp(1) + Math.exp(2) + Math.exp(3);
    near(value('\\mathrm{softmax}(1,2,3)_2').value, Math.exp(2) / z, 1e-15);
    near(value('\\operatorname{softmax}(0, 0)_1').value, 0.5, 1e-15);
    assert.ok(!evaluate('\\mathrm{softmax}(1,2,3)_4').ok);
  });

  it('reads I as the identity in the parameters of a Gaussian, in one dimension', () => {
    const e = value('D_{KL}(\\mathcal{N}(0, I)\\|\\mathcal{N}(1, 2I))');
    near(e.value, 0.5 * Math.log(2) + (1 + 1) / 4 - 0.5, 1e-12);
    assert.match(e.detail, /identity/);
    near(value('2 \\cdot \\mathbf{1} + 1').value, 3, 1e-15);
  });

  it('always says what was done in its method field', () => {
    for (const f of ['H(0.25, 0.25, 0.5)', '\\sigma(2)', '\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[e^{x}]', '\\mathbb{E}_{x\\sim\\mathcal{U}(0,1)}[\\log(1+x)]', '1 + 2']) {
      const e = value(f);
      assert.ok(['closed form', 'Monte Carlo', 'arithmetic'].includes(e.method));
      assert.ok(e.detail.length > 10);
    }
  });
});
