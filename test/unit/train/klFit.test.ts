import * as assert from 'node:assert/strict';
import type { CliIO } from '../../../src/cli/io';
import { klfitTask } from '../../../src/cli/train/klfit';
import { createKlFitter } from '../../../src/core/train/klFit';

function fakeIO(tty = false): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), readStdin: async () => '', stderrIsTTY: tty };
  return io;
}

describe('Fit KL: forward vs reverse', () => {
  const fitter = createKlFitter();
  fitter.step(500);
  const s = fitter.snapshot();

  it('covers both modes with forward KL: μ near 0, σ near √4.25', () => {
    assert.equal(s.diverged, null);
    assert.ok(Math.abs(s.forward.mu) < 1e-2, `μ = ${s.forward.mu}`);
    assert.ok(Math.abs(s.forward.sigma - Math.sqrt(4.25)) < 1e-2, `σ = ${s.forward.sigma}`);
  });

  it('seeks one mode with reverse KL: |μ| near 2, σ near 0.5, KL near log 2', () => {
    assert.ok(Math.abs(Math.abs(s.reverse.mu) - 2) < 0.1, `μ = ${s.reverse.mu}`);
    assert.ok(Math.abs(s.reverse.sigma - 0.5) < 0.05, `σ = ${s.reverse.sigma}`);
    assert.ok(Math.abs(s.reverse.kl - Math.log(2)) < 1e-3, `KL = ${s.reverse.kl}`);
  });

  it('lowers both divergences over the run and gives identical numbers when run again', () => {
    assert.ok(s.history[0].forward > s.forward.kl && s.history[0].reverse > s.reverse.kl);
    const again = createKlFitter();
    again.step(500);
    assert.deepEqual(again.snapshot().forward, s.forward);
    assert.deepEqual(again.snapshot().reverse, s.reverse);
  });

  it('plots p and both q as densities that integrate to about 1 on the grid', () => {
    const { x, p, qForward, qReverse } = s.densities;
    const h = x[1] - x[0];
    for (const d of [p, qForward, qReverse]) {
      assert.equal(d.length, x.length);
      const mass = d.reduce((a, b) => a + b, 0) * h;
      assert.ok(Math.abs(mass - 1) < 0.01, `mass ${mass}`);
    }
    assert.equal(s.forwardPath.length, 2 * 501);
    assert.ok(s.reversePath.every(Number.isFinite));
  });
});

describe('genmath train klfit', () => {
  it('prints forward and reverse as {mu, sigma}', async () => {
    const io = fakeIO();
    assert.equal(await klfitTask.run(['--steps', '500', '--json'], io), 0);
    const j = JSON.parse(io.out);
    assert.deepEqual(Object.keys(j.forward), ['mu', 'sigma']);
    assert.deepEqual(Object.keys(j.reverse), ['mu', 'sigma']);
    assert.ok(Math.abs(j.forward.sigma - Math.sqrt(4.25)) < 1e-2);
    assert.equal(io.err, '');
  });

  it('answers bad flags with exit code 2', async () => {
    for (const args of [['--steps', 'many'], ['--lr', '1']]) {
      await assert.rejects(klfitTask.run(args, fakeIO()), (err: unknown) => (err as { exitCode?: number }).exitCode === 2);
    }
  });
});
