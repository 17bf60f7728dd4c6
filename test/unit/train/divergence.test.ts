import * as assert from 'node:assert/strict';
import { createDiffusionTrainer } from '../../../src/core/train/diffusion';
import { DivergenceWatch, LOSS_GROWTH, MAX_WEIGHT } from '../../../src/core/train/divergence';
import { createGanTrainer } from '../../../src/core/train/gan';

describe('train: the divergence watch', () => {
  it('flags a loss that grows a thousandfold past its best, long before it overflows', () => {
    const watch = new DivergenceWatch();
    let reason: string | null = null;
    let step = 0;
    // A loss that falls to 0.7, then grows by half each step, as under a step size far too large.
    for (let loss = 5; step < 200 && !reason; ) {
      step++;
      loss = step < 20 ? Math.max(0.7, loss * 0.8) : loss * 1.5;
      reason = watch.observe(step, loss);
    }
    assert.ok(reason, 'never flagged');
    assert.match(reason, /^diverged at step \d+: the loss grew from about .* to .*learning rate too high\?$/);
    assert.ok(step < 60, `flagged late, at step ${step}`);
  });

  it('leaves alone a noisy loss that stays within its scale, and one that falls towards 0', () => {
    const watch = new DivergenceWatch();
    for (let step = 1; step <= 5000; step++) {
      const noisy = 0.7 + 0.6 * Math.sin(step * 1.7) * Math.cos(step * 0.31);
      assert.equal(watch.observe(step, noisy), null);
    }
    const falling = new DivergenceWatch();
    // From 10 to 1e-9 and back up to 1e-3: tiny in absolute terms, so not divergence.
    for (let step = 1; step <= 300; step++) assert.equal(falling.observe(step, step < 200 ? 10 * 0.9 ** step : 1e-3), null);
  });

  it('flags one batch of a huge loss only when it persists (smoothed), and at once for NaN or a runaway weight', () => {
    const watch = new DivergenceWatch();
    for (let step = 1; step <= 50; step++) watch.observe(step, 1);
    assert.equal(watch.observe(51, 2 * LOSS_GROWTH), null, 'one spike is smoothed away');
    assert.match(new DivergenceWatch().observe(3, NaN) ?? '', /step 3: the loss is NaN/);
    assert.match(new DivergenceWatch().observe(4, 1, [new Float64Array([0, 2 * MAX_WEIGHT])]) ?? '', /step 4: a weight reached 2\.0e\+6/);
    assert.match(new DivergenceWatch().observe(4, 1, [[Infinity]], "D's loss") ?? '', /a weight is Infinity/);
  });

  it('starts afresh after reset', () => {
    const watch = new DivergenceWatch();
    for (let step = 1; step <= 20; step++) watch.observe(step, 0.01);
    watch.reset();
    for (let step = 1; step <= 20; step++) assert.equal(watch.observe(step, 500), null);
  });

  it('stops a GAN under Adam at the largest learning rate, whose losses grow without a NaN', () => {
    const gan = createGanTrainer({ learningRateG: 1, learningRateD: 1, optimizer: 'adam', seed: 1 });
    let steps = 0;
    while (steps < 500 && gan.step(1)) steps++;
    assert.ok(steps < 500, 'ran 500 steps without being flagged');
    assert.match(gan.diverged ?? '', /^diverged at step \d+: (D's|G's) loss grew from about .* to .*|a weight reached/);
    // It stopped on its last good weights: every number a snapshot shows is finite.
    const snap = gan.snapshot({ samples: 64, heatmap: 8, manifold: 4, metrics: false });
    assert.ok([...snap.fake, ...snap.heatmap.values].every(Number.isFinite));
  });

  it('leaves the default GAN and diffusion runs alone (no false alarm in their first thousand steps)', () => {
    const gan = createGanTrainer({ seed: 2 });
    assert.equal(gan.step(1000), true, gan.diverged ?? '');
    const diffusion = createDiffusionTrainer({ seed: 2 });
    assert.equal(diffusion.step(1000), true, diffusion.diverged ?? '');
  });
});
