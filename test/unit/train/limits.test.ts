/** Step counts are capped in one place for every trainer, and long runs keep bounded histories. */
import * as assert from 'node:assert/strict';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { ThinnedHistory } from '../../../src/core/train/history';
import { createKlFitter } from '../../../src/core/train/klFit';
import { checkSteps, MAX_STEPS } from '../../../src/core/train/limits';

async function run(argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const io: CliIO = { stdout: () => undefined, stderr: (t) => err.push(t), readStdin: async () => '', stderrIsTTY: false };
  return { code: await main(argv, io), err: err.join('') };
}

describe('train: limits every trainer shares', () => {
  it('refuses --steps past MAX_STEPS (or a 20-digit one) for every task at once, naming the range', async () => {
    for (const task of ['gan', 'vae', 'mle', 'autoencoder', 'diffusion', 'klfit', 'gd']) {
      for (const steps of [String(MAX_STEPS + 1), '1000000000000', '12345678901234567890']) {
        const t0 = performance.now();
        const { code, err } = await run(['train', task, '--steps', steps, '--json']);
        assert.equal(code, 2, `${task} --steps ${steps}`);
        assert.match(err, /--steps must be from 0 to 1,000,000, got/, task);
        assert.ok(performance.now() - t0 < 2000, `${task} took ${performance.now() - t0} ms to refuse`);
      }
    }
  });

  it('refuses the same in the core, for a panel or a saved state', () => {
    assert.throws(() => checkSteps(MAX_STEPS + 1), /steps must be a whole number from 0 to 1,000,000, got 1000001/);
    assert.throws(() => checkSteps(1.5), /got 1\.5/);
    assert.doesNotThrow(() => checkSteps(MAX_STEPS));
  });

  it('thins a history past its size and always keeps the newest point', () => {
    const h = new ThinnedHistory<{ step: number }>(100);
    for (let step = 1; step <= 100_000; step++) h.push({ step });
    const points = h.points();
    assert.ok(points.length <= 201, `${points.length} points`);
    assert.equal(points[points.length - 1].step, 100_000);
    assert.ok(points[0].step <= 1024, 'still spans the start of the run');
    for (let i = 1; i < points.length; i++) assert.ok(points[i].step > points[i - 1].step);
  });

  it('keeps a long KL fit\'s history bounded (it grew with every step)', () => {
    const fit = createKlFitter({ steps: 5_000 });
    fit.step(5_000);
    const { history } = fit.snapshot();
    assert.ok(history.length <= 4001, `${history.length} points for 5,001 steps`);
    assert.equal(history[history.length - 1].step, 5_000);
  });
});
