// MathJax's linear text, line by line with its blank lines: the scripts put back where they were.
import * as assert from 'node:assert/strict';
import { formatPastedTex } from '../../../src/core/find/pasted/format';
import { linearToTex, type LinearPiece } from '../../../src/core/find/pasted/linear';

/** Pieces from `[gapBefore, text]` pairs. */
const pieces = (...list: [number, string][]): LinearPiece[] => list.map(([gapBefore, text]) => ({ gapBefore, text }));

/** The formatted TeX of a linear text, or undefined when it does not read as one formula. */
function read(...list: [number, string][]): string | undefined {
  const tex = linearToTex(pieces(...list));
  return tex === undefined ? undefined : formatPastedTex(tex);
}

describe('the linear text of a MathJax copy', () => {
  it('puts a limit back under its operator (G / min is \\min_G)', () => {
    assert.equal(read([0, 'G'], [1, 'min'], [2, 'D'], [1, 'max'], [2, 'V(D,G)']), '\\min_G \\max_D V(D,G)');
  });

  it('puts a subscript after its base and a nested one inside it, closing as many as the blank lines say', () => {
    assert.equal(read([0, 'E'], [1, 'x∼p'], [1, 'data'], [3, '[logD(x)]']), '\\mathbb{E}_{x\\sim p_{data}}[\\log D(x)]');
  });

  it('restores the sum a copy lost from its limits (i=1 / N)', () => {
    assert.equal(read([0, 'L='], [1, 'i=1'], [1, 'N'], [2, 'logp(x'], [1, 'i'], [2, ')']), 'L = \\sum_{i=1}^N \\log p(x_i)');
  });

  it('restores a lost sum whose only limit follows an operator (−, x)', () => {
    assert.equal(read([0, 'H(p)=−'], [1, 'x'], [2, 'p(x)logp(x)']), 'H(p) = -\\sum_x p(x)\\log p(x)');
  });

  it('takes an integral for the lost operator when what follows ends in dx', () => {
    assert.equal(read([0, 'F='], [1, 'x=0'], [1, '1'], [2, 'f(x)dx']), 'F = \\int_{x=0}^1 f(x)dx');
  });

  it('puts a power up and a transpose up, an index down', () => {
    assert.equal(read([0, '∥x∥'], [1, '2'], [2, '+w'], [1, 'T'], [2, 'x'], [1, 'i']), '\\|x\\|^2 + w^T x_i');
  });

  it('reads a sub- and a superscript of one base as siblings (x_i^2)', () => {
    assert.equal(read([0, 'x'], [1, 'i'], [1, '2'], [2, '+1']), 'x_i^2 + 1');
  });

  it('reads two lines entered after an operator as a fraction, its denominator with scripts of its own', () => {
    assert.equal(read([0, 'p(z∣x)='], [1, 'p(x∣z)p(z)'], [1, 'p(x)'], [2, '.']), 'p(z \\mid x) = \\frac{p(x\\mid z)p(z)}{p(x)}.');
    assert.equal(read([0, 'σ(z)='], [1, '1'], [1, '1+e'], [1, '−z'], [3, '']), '\\sigma(z) = \\frac{1}{1+e^{-z}}');
  });

  it('does not read a script that has nothing to sit on', () => {
    assert.equal(read([0, 'a+'], [1, 'bc'], [2, 'd']), undefined);
  });

  it('does not read lines that close more scripts than were open', () => {
    assert.equal(read([0, 'x'], [1, 'i'], [4, '+y']), undefined);
  });
});
