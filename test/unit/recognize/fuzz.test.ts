/**
 * 100,000 random and mutated formulas (seeded, bounded by count): nothing throws, every call
 * returns quickly, and the parser's depth and length limits hold on hostile input.
 */
import * as assert from 'node:assert/strict';
import { MAX_DEPTH, MAX_INPUT, parseMath } from '../../../src/core/parse/parser';
import { FORMULA_KINDS, classify } from '../../../src/core/recognize';
import { Random } from '../../../src/core/train/random';

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function rng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

const SEEDS = [
  String.raw`$D_{KL}(q_\phi(z|x) \| p_\theta(z))$`,
  String.raw`\min_G \max_D \mathbb{E}_{x\sim p_{data}}[\log D(x)] + \mathbb{E}_z[\log(1-D(G(z)))]`,
  String.raw`\theta_{t+1} = \theta_t - \eta \nabla_\theta L(\theta_t)`,
  String.raw`q(x_t|x_{t-1}) = \mathcal{N}(x_t; \sqrt{1-\beta_t} x_{t-1}, \beta_t I)`,
  String.raw`\begin{aligned} \log p(x) &\ge \mathbb{E}_q[\log p(x|z)] - KL(q||p) \\ &= \mathcal{L} \end{aligned}`,
  String.raw`p(z|x) = \frac{p(x|z)p(z)}{\int p(x|z')p(z') dz'}`,
  'KL(q(z∣x)∥p(z∣x))', 'θ=θ−η∇L(θ)', '{% math %}H(X) = -\\sum_x p(x)\\log p(x){% endmath %}',
];

const PIECES = ['\\frac', '{', '}', '(', ')', '[', ']', '\\left(', '\\right)', '\\left.', '\\right|', '_', '^', '\\|', '|', '||', '\\mid',
  '\\log', '\\mathbb{E}', 'p', 'q', 'x', 'z', '\\theta', '=', '\\leftarrow', '-', '+', '\\sum_', '\\int', 'KL', 'D', 'G', '\\begin{aligned}',
  '\\end{aligned}', '&', '\\\\', '\\text{', '\\sqrt', '\\nabla', "'", '\\', '$', '$$', '%', '\\underset{', '\\operatorname*{', 'θ', '∥', '−', '\ud835', '\u0000'];

function mutate(s: string, r: () => number): string {
  const ops = 1 + Math.floor(r() * 4);
  let out = s;
  for (let k = 0; k < ops; k++) {
    const at = Math.floor(r() * (out.length + 1));
    const what = r();
    if (what < 0.4) out = out.slice(0, at) + PIECES[Math.floor(r() * PIECES.length)] + out.slice(at);
    else if (what < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(r() * 5));
    else if (what < 0.85) { const b = Math.floor(r() * out.length); out = out.slice(0, Math.min(at, b)) + out.slice(Math.max(at, b)) + out.slice(Math.min(at, b), Math.max(at, b)); }
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(r() * 0x3000)) + out.slice(at);
  }
  return out;
}

function random(r: () => number): string {
  const n = Math.floor(r() * 40);
  let s = '';
  for (let k = 0; k < n; k++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

describe('recognize: fuzz', function () {
  this.timeout(60_000);
  it('classifies 100,000 random and mutated formulas without throwing, each in bounded time', () => {
    const r = rng(20261125);
    const kinds = new Set<string>(FORMULA_KINDS);
    let worst = 0;
    let worstInput = '';
    const start = performance.now();
    for (let k = 0; k < 100_000; k++) {
      const input = k % 3 === 0 ? random(r) : mutate(SEEDS[k % SEEDS.length], r);
      let t0 = performance.now();
      const c = classify(input);
      let dt = performance.now() - t0;
      if (dt >= 200) {
        // A slow input is slow every time; a single slow call on a loaded machine (another process
        // took the core, a GC) is not: the time kept is the better of two.
        t0 = performance.now();
        classify(input);
        dt = Math.min(dt, performance.now() - t0);
      }
      if (dt > worst) { worst = dt; worstInput = input; }
      assert.ok(kinds.has(c.kind));
      assert.ok(c.confidence >= 0 && c.confidence <= 1);
    }
    const total = performance.now() - start;
    assert.ok(total < 30_000, `total ${total.toFixed(0)} ms`);
    assert.ok(worst < 200, `slowest call ${worst.toFixed(1)} ms on ${JSON.stringify(worstInput.slice(0, 200))}`);
  });

  it('keeps 10,000 nested braces and parentheses within the depth limit without a stack overflow', () => {
    for (const open of ['{', '(', '\\left(', '[', 'x_{', '\\frac{', '\\sqrt{', '\\mathbb{', 'p(', '\\text{']) {
      const deep = open.repeat(10_000) + 'x' + '}'.repeat(10_000);
      const parsed = parseMath(deep);
      assert.ok(parsed.maxDepth <= MAX_DEPTH, `${open}: depth ${parsed.maxDepth}`);
      const t0 = performance.now();
      const c = classify(deep);
      assert.ok(performance.now() - t0 < 200);
      assert.equal(c.kind, 'none');
    }
  });

  it('reads at most the input cap of a 100 KB formula and says so', () => {
    const long = String.raw`\mathrm{KL}(q \| p) + ` + 'x + '.repeat(25_000);
    assert.ok(long.length > 100_000);
    const parsed = parseMath(long);
    assert.equal(parsed.truncated, true);
    const t0 = performance.now();
    const c = classify(long);
    assert.ok(performance.now() - t0 < 200);
    assert.equal(c.kind, 'kl');
    assert.ok(c.confidence <= 0.5, 'a truncated formula is only partly read');
    assert.ok(MAX_INPUT < long.length);
  });
});
