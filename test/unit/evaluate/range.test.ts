/**
 * Values beyond a double's range: never silently 0 or Infinity. Products, quotients, roots and
 * powers carry them exactly enough; where they cannot be carried, the first overflow or underflow
 * stops the evaluation with a message that says so.
 */
import * as assert from 'node:assert/strict';
import { evaluate } from '../../../src/core/evaluate';
import * as wide from '../../../src/core/evaluate/wide';
import { errorOf, near, value } from './helpers';

describe('evaluate: numbers beyond a double', () => {
  it('gives 1 for 10^-200 · 10^-200 / 10^-300 · 10^100, whose product underflows a double', () => {
    assert.equal(value('\\frac{10^{-200}\\cdot 10^{-200}}{10^{-300}}\\cdot 10^{100}').value, 1);
  });

  it('takes the log of 10^-400 (-921.03...) and the square root of 10^400 (1e200)', () => {
    near(value('\\log 10^{-400}').value, -400 * Math.LN10, 1e-9);
    assert.equal(value('\\sqrt{10^{400}}').value, 1e200);
    assert.equal(value('\\sqrt[3]{-10^{600}}').value, -1e200);
    assert.equal(value('(10^{400})^{1/2}').value, 1e200);
    near(value('\\log_{10} 10^{-500}').value, -500, 1e-9);
  });

  it('reads a literal a double cannot hold (1e-400, 2.5e400) as the number written, not 0 or Infinity', () => {
    assert.equal(value('1e-400 \\cdot 10^{400}').value, 1);
    assert.equal(value('2.5e-400 / 1e-400').value, 2.5);
    near(value('\\log 1e-400').value, -400 * Math.LN10, 1e-9);
    assert.equal(value('\\sqrt{4e400}').value, 2e200);
    assert.equal(value('1e400 - 1e400').value, 0);
    assert.match(errorOf('1e-400'), /about 1\.0e-400.*0 would be wrong/);
    assert.match(errorOf('1e99999999999999999999'), /beyond anything a formula can mean/);
  });

  it('carries exponentials, factorials and binomials past a double and back', () => {
    assert.equal(value('e^{-800}\\cdot e^{800}').value, 1);
    assert.equal(value('\\cosh(1000)/\\sinh(1000)').value, 1);
    assert.equal(value('200!/199!').value, 200);
    near(value('\\binom{2000}{1000}/\\binom{2000}{999}').value, 1001 / 1000, 1e-12);
    near(value('\\log(300!)').value, 1414.905840, 1e-5);
  });

  it('refuses a final value that does not fit a double, saying how large or small it is, never 0', () => {
    assert.match(errorOf('e^{-800}'), /about 3\.7e-348, closer to 0 than the smallest normal double.*0 would be wrong/);
    assert.match(errorOf('10^{-400}'), /about 1\.0e-400/);
    assert.match(errorOf('\\prod_{i=1}^{400} 10'), /about 1\.0e400, beyond the largest number a double holds/);
    assert.match(errorOf('2^{2000}'), /beyond the largest number a double holds/);
  });

  it('stops at a function that has no answer for a number beyond a double, naming it', () => {
    assert.match(errorOf('\\sin(10^{400})'), /the argument of \\sin is about 1\.0e400/);
    assert.match(errorOf('\\cos(1e400)'), /the argument of \\cos is about 1\.0e400/);
  });

  it('stops at the first overflow or underflow inside a Monte Carlo estimate, rather than report 0 or Infinity', () => {
    const r = evaluate('\\mathbb{E}_{x\\sim\\mathcal N(0,1)}[x^2]\\cdot 10^{-320}\\cdot 10^{-300}');
    assert.ok(!r.ok && /underflow|closer to 0/.test(r.error), JSON.stringify(r));
    const big = evaluate('\\mathbb{E}_{x\\sim\\mathcal N(0,1)}[x^2]\\cdot 10^{300}\\cdot 10^{300}');
    assert.ok(!big.ok && /overflow|beyond the largest/.test(big.error), JSON.stringify(big));
  });

  it('refuses what log space cannot compute precisely rather than show wrong digits', () => {
    assert.match(errorOf('10^{10^{10}}/10^{10^{10}}'), /too far beyond a double's range to compute precisely/);
  });

  it('leaves ordinary arithmetic as it was, float noise and all', () => {
    assert.equal(value('0.1+0.2').value, 0.1 + 0.2);
    assert.equal(value('10^{-300}\\cdot 10^{-5}').value, 1e-305);
    assert.equal(value('10^{-400}\\cdot 0').value, 0);
    assert.equal(value('\\exp(1000)-\\exp(1000)').value, 0);
  });
});

describe('wide numbers', () => {
  it('multiply and divide with a double\'s precision at any exponent, and come back to doubles', () => {
    const tiny = wide.mul(1e-200, 1e-200);
    assert.ok(wide.isWide(tiny));
    assert.equal(wide.describeReal(tiny), '1.0e-400');
    const back = wide.mul(tiny, 1e300);
    assert.equal(typeof back, 'number');
    assert.ok(Math.abs((back as number) / 1e-100 - 1) < 4e-16, String(back));
    assert.ok(Math.abs((wide.toDouble(wide.div(tiny, 1e-300)) / 1e-100) - 1) < 4e-16);
  });

  it('add across exponents: the smaller vanishes below the last bit, equal ones cancel to 0', () => {
    const big = wide.pow(10, 400);
    assert.equal(wide.sub(big, big), 0);
    assert.deepEqual(wide.add(big, 1), big);
  });

  it('take integer powers exactly: (-10)^401 / (-10)^400 is -10', () => {
    assert.equal(wide.div(wide.pow(-10, 401), wide.pow(-10, 400)), -10);
    assert.ok(Number.isNaN(wide.pow(wide.pow(-10, 401), 0.5) as number));
  });
});
