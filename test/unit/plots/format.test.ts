import * as assert from 'node:assert/strict';
import { formatNumber, texNumber } from '../../../webview-ui/src/format';

describe('how panels show a number', () => {
  it('shows everyday sizes as plain decimals to five significant digits, without trailing zeros', () => {
    assert.equal(formatNumber(0.1), '0.1');
    assert.equal(formatNumber(12.345678), '12.346');
    assert.equal(formatNumber(-3), '-3');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(-0), '0');
    assert.equal(formatNumber(0.001), '0.001');
    assert.equal(formatNumber(9999.4), '9999.4');
  });

  it('writes very small and very large numbers as a mantissa times a power of ten, never with an e', () => {
    assert.equal(formatNumber(6.681e-5), '6.681 × 10⁻⁵');
    assert.equal(formatNumber(-6.6812345e-5), '-6.6812 × 10⁻⁵');
    assert.equal(formatNumber(1e-7), '1 × 10⁻⁷');
    assert.equal(formatNumber(12345), '1.2345 × 10⁴');
    assert.equal(formatNumber(2.5e12), '2.5 × 10¹²');
    assert.doesNotMatch(formatNumber(3.2e-9), /e/);
  });

  it('takes the number of significant digits it is asked for', () => {
    assert.equal(formatNumber(Math.PI, 3), '3.14');
    assert.equal(formatNumber(Math.PI * 1e-6, 2), '3.1 × 10⁻⁶');
  });

  it('names the values that are not finite numbers', () => {
    assert.equal(formatNumber(Infinity), '∞');
    assert.equal(formatNumber(-Infinity), '−∞');
    assert.equal(formatNumber(NaN), 'not a number');
  });

  it('gives KaTeX a \\times 10^{k} it typesets as written, not 6.681e-5 (which reads "e − 5")', () => {
    assert.equal(texNumber(6.681e-5), '6.681 \\times 10^{-5}');
    assert.equal(texNumber(0.25), '0.25');
    assert.equal(texNumber(-2e6), '-2 \\times 10^{6}');
    assert.equal(texNumber(Infinity), '\\infty');
  });
});
