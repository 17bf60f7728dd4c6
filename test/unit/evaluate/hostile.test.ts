/** Symbolic formulas get a clear error; hostile input gets an error in bounded time, never an exception. */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluate } from '../../../src/core/evaluate';
import { errorOf } from './helpers';

/** Runs `evaluate` and asserts it answers with an error, quickly, in one line. */
function boundedError(latex: string, limitMs = 200): string {
  const t0 = process.hrtime.bigint();
  const r = evaluate(latex);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(ms < limitMs, `took ${ms.toFixed(1)} ms`);
  assert.equal(r.ok, false);
  if (r.ok) return '';
  assert.doesNotMatch(r.error, /\n/);
  return r.error;
}

describe('evaluate: symbolic formulas', () => {
  it('says a KL between named densities is symbolic and names the letters', () => {
    const error = errorOf('D_{KL}(q_\\phi(z|x)\\|p_\\theta(z))');
    assert.match(error, /symbolic/);
    assert.match(error, /\\phi/);
  });

  it('says a gradient step without numbers is symbolic', () => {
    assert.match(errorOf('\\theta - \\eta \\nabla L(\\theta)'), /symbolic/);
    assert.match(errorOf('\\theta_{t+1} = \\theta_t - \\eta \\nabla_\\theta L'), /symbolic/);
  });

  it('says a Gaussian with a symbolic variance is symbolic', () => {
    assert.match(errorOf('H(\\mathcal{N}(\\mu, \\sigma^2))'), /symbolic/);
    assert.match(errorOf('\\mathbb{E}_{x\\sim p}[\\log p(x)]'), /symbolic/);
  });

  it('rejects a variance that is not positive with the reason', () => {
    assert.match(errorOf('D_{KL}(\\mathcal{N}(0,-1)\\|\\mathcal{N}(0,1))'), /variance/);
    assert.match(errorOf('KL([0.2, 0.3]\\|[0.5, 0.5])'), /sum to 1/);
    assert.match(errorOf('H(\\mathrm{Bern}(1.5))'), /\[0, 1\]/);
  });

  it('says a distribution alone is not a number', () => {
    assert.match(errorOf('\\mathcal{N}(0, 1)'), /distribution/);
  });

  it('answers empty input and a lone question mark with an error', () => {
    assert.equal(evaluate('').ok, false);
    assert.equal(evaluate('$$').ok, false);
    assert.equal(evaluate('?').ok, false);
  });
});

describe('evaluate: hostile input', () => {
  it('refuses a 100 KB formula quickly', () => {
    assert.match(boundedError('1+'.repeat(50_000) + '1'), /too long/);
  });

  it('refuses 10,000 nested braces quickly', () => {
    boundedError('{'.repeat(10_000) + '1' + '}'.repeat(10_000));
  });

  it('refuses deep nesting that fits the length cap without exhausting the stack', () => {
    assert.match(boundedError('('.repeat(1500) + '1' + ')'.repeat(1500)), /too (deeply|long)/);
    assert.match(boundedError('\\frac{'.repeat(600) + '1}{2}'.repeat(600)), /too (deeply|long)/);
    assert.match(boundedError('2^{'.repeat(200) + '1' + '}'.repeat(200)), /too deeply/);
  });

  it('refuses a sum of 10^12 terms without starting it', () => {
    assert.match(boundedError('\\sum_{i=1}^{10^{12}} i'), /terms/);
  });

  it('stops nested sums that multiply to too much work within the time budget', () => {
    boundedError('\\sum_{i=1}^{1000000}\\sum_{j=1}^{1000000} i j', 400);
  });

  it('stops a sum of numerically integrated divergences within the time budget', () => {
    boundedError('\\sum_{i=1}^{100000} \\mathrm{JSD}(\\mathcal N(0,1)\\|\\mathcal N(i,1))', 400);
  });

  it('evaluates a long flat chain of additions at the length cap', () => {
    const r = evaluate('1+'.repeat(1999) + '1');
    assert.ok(r.ok && r.evaluation.value === 2000);
  });

  it('never throws on malformed TeX', () => {
    for (const latex of ['\\frac{1}{', '(((', '1 +', '\\log', '\\sqrt', '}', '\\left(', 'KL(', 'D_{KL}(\\mathcal N(0,1)\\|', '^2', '\\mathbb{E}_{x\\sim', '\\sum_{i=1}', '|1', 'x^', '\\', '\uD800', '1e999', '10^{400}']) {
      const r = evaluate(latex);
      assert.equal(r.ok, false, latex);
    }
    // @ts-expect-error: a caller without types may pass anything.
    assert.equal(evaluate(undefined).ok, false);
  });

  it('answers a Monte Carlo request for too many samples within the time budget', () => {
    const t0 = Date.now();
    const r = evaluate('\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[\\log(1 + e^{x}) \\cdot \\cos(x) + \\sin(x)^2]', { samples: 1e9 });
    assert.ok(Date.now() - t0 < 250, `took ${Date.now() - t0} ms`);
    assert.equal(r.ok, true);
  });
});

describe('evaluate: formulas with an equals sign', () => {
  it('does not present a stated result as a computation', () => {
    assert.match(errorOf('\\theta_{MLE} = \\frac{h}{h + t} = 0.6'), /symbolic/);
    assert.match(errorOf('\\sum_y p(y \\mid x) = 1'), /symbolic/);
  });

  it('prefers "symbolic" to a reading problem on another side', () => {
    assert.match(errorOf('KL(p ∥ q) = ∞'), /symbolic/);
    assert.match(errorOf('\\Vr = g(f(\\Vx))'), /symbolic/);
  });

  it('evaluates the computing line of an aligned derivation and ignores its closing period', () => {
    const r = evaluate('\\begin{aligned} P(A) &= 0.9 \\cdot 0.01 + 0.1 \\cdot 0.99 \\\\ &= 0.108. \\end{aligned}');
    assert.ok(r.ok && Math.abs(r.evaluation.value - 0.108) < 1e-12);
  });
});

describe('evaluate: the dev corpus', () => {
  it('answers every formula of ../shared/corpus/formulas-dev.jsonl without throwing, each within 200 ms', function () {
    const path = resolve(process.cwd(), '../shared/corpus/formulas-dev.jsonl');
    if (!existsSync(path)) this.skip();
    const rows = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { latex: string });
    for (const row of rows) {
      const t0 = Date.now();
      const r = evaluate(row.latex);
      assert.ok(Date.now() - t0 < 200, row.latex);
      if (!r.ok) assert.doesNotMatch(r.error, /\n|internal|cannot evaluate this formula \(/, row.latex);
    }
  });
});

describe('evaluate: budgets inside loops', () => {
  it('stops a sum of a million Monte Carlo expectations within the time budget', () => {
    const t0 = Date.now();
    const r = evaluate('\\sum_{i=1}^{1000000}\\mathbb{E}_{x\\sim N(0,1)}[\\cos x]');
    // 150 ms budget plus slack for a shared machine.
    assert.ok(Date.now() - t0 < 250, `took ${Date.now() - t0} ms`);
    assert.equal(r.ok, false);
  });

  it('reads twenty nested fractions, as deep as a person writes them', () => {
    const r = evaluate('\\frac{1}{'.repeat(20) + '2' + '}'.repeat(20));
    // Twenty reciprocals of 2 cancel in pairs.
    assert.ok(r.ok && Math.abs(r.evaluation.value - 2) < 1e-12, JSON.stringify(r));
  });
});

describe('evaluate: a smaller time budget for the extension host', () => {
  it('keeps a Monte Carlo evaluation within a 40 ms budget, with fewer samples', () => {
    const t0 = Date.now();
    const r = evaluate('\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[\\log(1 + e^{x})]', { samples: 200_000, timeBudgetMs: 40 });
    assert.ok(Date.now() - t0 < 100, `took ${Date.now() - t0} ms`);
    if (r.ok) assert.ok((r.evaluation.samples ?? 0) >= 100);
  });
});
