/** Numbers in plain scientific notation, in prose and in TeX, never JavaScript's `6.681e-5`. */
import * as assert from 'node:assert/strict';
import katex from 'katex';
import { formatValue } from '../../../src/core/evaluate';
import { toTex } from '../../../src/core/explain/expr/tex';
import { formatNumber, numberTex } from '../../../src/core/text/numbers';

/** The text KaTeX typesets for `tex`, as a reader sees it. */
function typeset(tex: string): string {
  const html = katex.renderToString(tex, { output: 'html' });
  return html.replace(/<[^>]+>/g, '').replace(/&[a-z]+;|&#\d+;/g, ' ');
}

describe('numbers as people read them', () => {
  it('writes tiny and huge values with a power of ten, in text and in TeX', () => {
    assert.equal(formatNumber(6.681e-5), '6.681 × 10⁻⁵');
    assert.equal(formatNumber(-2.5e-7), '-2.5 × 10⁻⁷');
    assert.equal(formatNumber(1234567), '1.235 × 10⁶');
    assert.equal(formatNumber(1e-12), '1 × 10⁻¹²');
    assert.equal(numberTex(6.681e-5, 4), '6.681 \\times 10^{-5}');
    assert.equal(numberTex(3e21), '3 \\times 10^{21}');
    // The hover writes a value as the panel does.
    assert.equal(formatValue(6.681e-5), '6.681 × 10⁻⁵');
    assert.equal(formatValue(0.44314718), '0.4431');
  });

  it('writes ordinary values as they are, to the digits asked for', () => {
    assert.equal(formatNumber(0.127687), '0.1277');
    assert.equal(formatNumber(2), '2');
    assert.equal(formatNumber(-1.3862944), '-1.386');
    assert.equal(formatNumber(0.00012346), '0.0001235');
    assert.equal(formatNumber(0.127687, 6), '0.127687');
    assert.equal(numberTex(0.5), '0.5');
    assert.equal(formatNumber(Infinity), '∞');
    assert.equal(formatNumber(NaN), 'not a number');
    assert.equal(formatNumber(-Infinity), '−∞');
  });

  it('never reaches KaTeX as "6.681e-5", which it typesets as "6.681e − 5"', () => {
    assert.match(typeset('6.681e-5'), /e\s*−\s*5/);
    for (const x of [6.681e-5, 3.2e-9, 7.7e12, -4e-6]) {
      const shown = typeset(numberTex(x, 4));
      assert.doesNotMatch(shown, /\de/, `${x} typesets as ${shown}`);
      assert.match(shown, /×\s*10/);
    }
  });

  it("writes a derivation's tiny constants with a power of ten", () => {
    assert.equal(toTex({ t: 'num', v: 6.681e-7 }), '6.681 \\times 10^{-7}');
    assert.equal(toTex({ t: 'num', v: 0.25 }), '0.25');
    assert.equal(toTex({ t: 'num', v: 1000000 }), '1000000');
  });
});
