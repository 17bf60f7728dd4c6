import * as assert from 'node:assert/strict';
import { evalCommand } from '../../../src/cli/eval';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

function fakeIO(): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', stderrIsTTY: false }, out, err };
}

describe('cli: genmath eval', () => {
  it('writes one JSON line with value, method and detail', async () => {
    const { io, out, err } = fakeIO();
    assert.equal(await main(['eval', 'D_{KL}(\\mathcal N(0,1)\\,\\|\\,\\mathcal N(1,4))'], io), 0);
    const text = out.join('');
    assert.equal(text.trim().split('\n').length, 1);
    const r = JSON.parse(text);
    assert.ok(Math.abs(r.value - (Math.log(2) + 2 / 8 - 0.5)) < 1e-12);
    assert.equal(r.method, 'closed form');
    assert.equal(typeof r.detail, 'string');
    assert.equal(r.standardError, undefined);
    assert.equal(err.length, 0);
  });

  it('adds the standard error and sample count for Monte Carlo', async () => {
    const { io, out } = fakeIO();
    assert.equal(await evalCommand.run(['\\mathbb{E}_{x\\sim\\mathcal{N}(0,1)}[e^{x^2/4}]', '--seed', '5', '--samples', '5000'], io), 0);
    const r = JSON.parse(out.join(''));
    assert.equal(r.method, 'Monte Carlo');
    assert.equal(r.samples, 5000);
    assert.ok(r.standardError > 0);
  });

  it('exits 1 with a one-line error for a symbolic formula', async () => {
    const { io, out, err } = fakeIO();
    assert.equal(await main(['eval', 'D_{KL}(q\\|p)'], io), 1);
    assert.equal(out.length, 0);
    assert.match(err.join(''), /^genmath eval: .*symbolic.*\n$/);
  });

  it('exits 1 for invalid input and 2 without a formula', async () => {
    const bad = fakeIO();
    assert.equal(await main(['eval', '\\frac{1}{'], bad.io), 1);
    assert.equal(bad.err.join('').split('\n').filter(Boolean).length, 1);
    const none = fakeIO();
    assert.equal(await main(['eval'], none.io), 2);
    assert.match(none.err.join(''), /needs a formula/);
    const badOption = fakeIO();
    assert.equal(await main(['eval', '1+1', '--seed'], badOption.io), 2);
  });
});
