import * as assert from 'node:assert/strict';
import { explainCommand } from '../../../src/cli/explain';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

function fakeIO(): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', stderrIsTTY: false }, out, err };
}

describe('cli: genmath explain', () => {
  it('writes the card and its derivation as one JSON object with the documented fields', async () => {
    const { io, out, err } = fakeIO();
    assert.equal(await main(['explain', 'D_{KL}(q_\\phi(z|x)\\|p(z|x))'], io), 0);
    assert.equal(err.length, 0);
    const text = out.join('');
    assert.equal(text.trim().split('\n').length, 1, 'one line of JSON');
    const card = JSON.parse(text);
    assert.deepEqual(Object.keys(card), ['kind', 'title', 'confidence', 'roles', 'glossary', 'steps']);
    assert.equal(card.kind, 'kl');
    assert.equal(typeof card.title, 'string');
    assert.equal(typeof card.confidence, 'number');
    assert.equal(card.roles.first, 'q_{\\phi}(z|x)');
    assert.ok(card.glossary.length > 0 && card.glossary.every((g: Record<string, unknown>) => typeof g.symbol === 'string' && typeof g.meaning === 'string'));
    assert.ok(card.steps.length >= 4);
    // design.md's {latex, why}, first, then the optional fields this version adds.
    for (const s of card.steps) {
      assert.deepEqual(Object.keys(s).slice(0, 2), ['latex', 'why']);
      assert.ok(Object.keys(s).every((k) => ['latex', 'why', 'checked', 'rule', 'assumption', 'example'].includes(k)));
      assert.equal(typeof s.checked, 'string');
    }
    assert.ok(card.steps.some((s: { checked: string }) => s.checked === 'numerically'));
  });

  it('adds the evaluation when the formula has concrete numbers', async () => {
    const { io, out } = fakeIO();
    assert.equal(await main(['explain', 'D_{KL}(\\mathcal{N}(0,1)\\|\\mathcal{N}(2,1))'], io), 0);
    const card = JSON.parse(out.join(''));
    assert.equal(card.kind, 'kl');
    assert.deepEqual(Object.keys(card).slice(-1), ['evaluation']);
    // KL(N(0,1) || N(2,1)) = (mu1 - mu2)^2 / (2 sigma^2) = 4 / 2.
    assert.ok(Math.abs(card.evaluation.value - 2) < 1e-12);
    assert.equal(card.evaluation.method, 'closed form');
  });

  it('joins arguments the shell split into one formula', async () => {
    const { io, out } = fakeIO();
    assert.equal(await explainCommand.run(['P(A|B)', '=', '\\frac{P(B|A)P(A)}{P(B)}'], io), 0);
    assert.equal(JSON.parse(out.join('')).kind, 'bayes');
  });

  it('answers a formula of no known kind with kind none, no steps and exit code 0', async () => {
    const { io, out } = fakeIO();
    assert.equal(await main(['explain', 'x^2 + y^2'], io), 0);
    const card = JSON.parse(out.join(''));
    assert.equal(card.kind, 'none');
    assert.deepEqual(card.steps, []);
  });

  it('rejects a missing or blank formula with a one-line error and a non-zero exit', async () => {
    for (const args of [[], ['   ']]) {
      const { io, out, err } = fakeIO();
      const code = await main(['explain', ...args], io);
      assert.notEqual(code, 0);
      assert.equal(out.length, 0);
      assert.equal(err.join('').trim().split('\n').length, 1);
      assert.match(err.join(''), /^genmath explain: /);
    }
  });

  it('is listed in the help text', async () => {
    const { io, out } = fakeIO();
    await main(['--help'], io);
    assert.match(out.join(''), /explain LATEX/);
  });
});
