import * as assert from 'node:assert/strict';
import { createGanTrainer, DEFAULT_GAN_CONFIG, PLAIN_GAN, resolveGanConfig, type GanConfig, type GanSnapshot } from '../../../src/core/train/gan';

/** A small, fast config for the behavioural tests (the quality test uses the real defaults). */
const SMALL: Partial<GanConfig> = { generatorHidden: [16], discriminatorHidden: [16], batchSize: 32, steps: 100 };

function everyNumber(s: GanSnapshot): number[] {
  const out: number[] = [...s.real, ...s.fake, ...s.heatmap.values, ...s.manifold.points, ...s.history.steps, ...s.history.lossD, ...s.history.lossG, s.valueOptimum];
  for (const v of [s.lossD, s.lossG, s.value]) if (v !== null) out.push(v);
  if (s.metrics) out.push(s.metrics.jsd, s.metrics.highQualityRatio, ...s.metrics.perMode);
  return out;
}

function bits(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe('the GAN trainer', () => {
  it('gives the same run, bit for bit, for the same seed', () => {
    const a = createGanTrainer({ ...SMALL, seed: 42 });
    const b = createGanTrainer({ ...SMALL, seed: 42 });
    a.step(60);
    b.step(60);
    const sa = a.snapshot();
    const sb = b.snapshot();
    for (const key of ['real', 'fake'] as const) assert.ok(bits(sa[key]).equals(bits(sb[key])), key);
    assert.ok(bits(sa.heatmap.values).equals(bits(sb.heatmap.values)));
    assert.ok(bits(sa.manifold.points).equals(bits(sb.manifold.points)));
    assert.ok(bits(sa.history.lossD).equals(bits(sb.history.lossD)));
    assert.deepEqual(sa.metrics, sb.metrics);
    assert.equal(sa.lossG, sb.lossG);
  });

  it('gives a different run for a different seed', () => {
    const a = createGanTrainer({ ...SMALL, seed: 1 });
    const b = createGanTrainer({ ...SMALL, seed: 2 });
    a.step(10);
    b.step(10);
    assert.ok(!bits(a.snapshot().fake).equals(bits(b.snapshot().fake)));
  });

  it('does not change the course of training when snapshots are taken', () => {
    const a = createGanTrainer({ ...SMALL, seed: 5 });
    const b = createGanTrainer({ ...SMALL, seed: 5 });
    for (let i = 0; i < 10; i++) {
      a.step(3);
      a.snapshot();
    }
    b.step(30);
    assert.ok(bits(a.snapshot().fake).equals(bits(b.snapshot().fake)));
  });

  it('stops a diverging learning rate with the message, and its snapshot holds only finite numbers', () => {
    const t = createGanTrainer({ ...SMALL, optimizer: 'sgd', learningRateG: 1e3, learningRateD: 1e3 });
    let ok = true;
    for (let i = 0; i < 500 && ok; i++) ok = t.step(1);
    assert.equal(ok, false);
    assert.match(t.diverged ?? '', /^diverged at step \d+: (.*; )?learning rate too high\?$/);
    assert.equal(t.step(5), false, 'a diverged run does not step again');
    const s = t.snapshot();
    assert.equal(s.diverged, t.diverged);
    assert.ok(everyNumber(s).every(Number.isFinite));
  });

  it('snapshots hold what the panel plots, in the documented shapes', () => {
    const t = createGanTrainer(SMALL);
    const before = t.snapshot({ samples: 100, heatmap: 10, manifold: 5 });
    assert.equal(before.step, 0);
    assert.equal(before.lossD, null);
    t.step(5);
    const s = t.snapshot({ samples: 100, heatmap: 10, manifold: 5 });
    assert.equal(s.step, 5);
    assert.equal(s.real.length, 200);
    assert.equal(s.fake.length, 200);
    assert.equal(s.heatmap.values.length, 100);
    assert.equal(s.heatmap.kind, 'probability');
    assert.ok(s.heatmap.values.every((v) => v >= 0 && v <= 1));
    assert.equal(s.manifold.points.length, 2 * 25);
    assert.equal(s.history.steps.length, 5);
    assert.equal(s.valueOptimum, -Math.log(4));
    assert.equal(s.metrics?.modesTotal, 8);
    assert.equal(t.samples().length, 2 * 2500);
    assert.equal(t.snapshot({ metrics: false }).metrics, null);
    assert.ok(everyNumber(s).every(Number.isFinite));
  });

  for (const loss of ['minimax', 'wgan-gp', 'least-squares'] as const) {
    it(`trains with the ${loss} loss and reports its own value scale`, () => {
      const t = createGanTrainer({ ...SMALL, loss, learningRateG: 1e-3, learningRateD: 1e-3 });
      assert.ok(t.step(20), t.diverged ?? '');
      const s = t.snapshot();
      assert.equal(s.valueOptimum, { minimax: -Math.log(4), 'wgan-gp': 0, 'least-squares': -0.25 }[loss]);
      assert.equal(s.heatmap.kind, { minimax: 'probability', 'wgan-gp': 'critic', 'least-squares': 'score' }[loss]);
      if (loss === 'wgan-gp') assert.equal(t.config.gradientPenalty, 10);
      assert.ok(everyNumber(s).every(Number.isFinite));
    });
  }

  it('trains with R1, momentum and SGD', () => {
    for (const extra of [{ gradientPenalty: 1, penaltyKind: 'r1' as const }, { optimizer: 'momentum' as const, learningRateG: 1e-2, learningRateD: 1e-2 }, { optimizer: 'sgd' as const, learningRateG: 1e-2, learningRateD: 1e-2 }]) {
      const t = createGanTrainer({ ...SMALL, ...extra });
      assert.ok(t.step(10), t.diverged ?? '');
    }
  });

  it('trains the 1-D bimodal data set and plots it at y = 0', () => {
    const t = createGanTrainer({ ...SMALL, dataset: 'bimodal' });
    t.step(5);
    const s = t.snapshot({ samples: 50 });
    for (let i = 1; i < s.fake.length; i += 2) assert.equal(s.fake[i], 0);
    for (let i = 1; i < s.real.length; i += 2) assert.equal(s.real[i], 0);
    assert.equal(s.metrics?.modesTotal, 2);
    assert.equal(s.manifold.rows, 16);
  });

  it('applies learning rates, loss and batch size mid-run, and restarts for a new network size', () => {
    const t = createGanTrainer(SMALL);
    t.step(5);
    assert.deepEqual(t.update({ learningRateG: 1e-4, loss: 'least-squares', batchSize: 64, dSteps: 2 }), { restarted: false });
    assert.equal(t.stepCount, 5);
    assert.ok(t.step(2));
    assert.equal(t.config.batchSize, 64);
    assert.deepEqual(t.update({ dataset: 'grid25' }), { restarted: false });
    assert.equal(t.snapshot().metrics?.modesTotal, 25);
    assert.deepEqual(t.update({ loss: 'wgan-gp' }), { restarted: false });
    assert.equal(t.config.gradientPenalty, 10);
    assert.deepEqual(t.update({ loss: 'nonsaturating' }), { restarted: false });
    assert.equal(t.config.gradientPenalty, 0, 'leaving wgan-gp leaves its penalty');
    assert.deepEqual(t.update({ generatorHidden: [8, 8] }), { restarted: true });
    assert.equal(t.stepCount, 0);
    assert.deepEqual(t.update({ dataset: 'bimodal' }), { restarted: true });
    t.reset();
    assert.equal(t.stepCount, 0);
  });

  it('refuses bad settings with a message naming them', () => {
    assert.throws(() => createGanTrainer({ batchSize: 33, pack: 2 }), /batchSize \(33\) must be a multiple of pack \(2\)/);
    assert.throws(() => createGanTrainer({ learningRateG: -1 }), /learningRateG must be a positive number/);
    assert.throws(() => createGanTrainer({ dataset: 'cats' as never }), /unknown data set 'cats'/);
    assert.throws(() => createGanTrainer({ loss: 'hinge' as never }), /unknown loss 'hinge'/);
    assert.throws(() => createGanTrainer({ generatorHidden: [0] }), /generatorHidden must be a list of positive integers/);
    assert.throws(() => resolveGanConfig({ beta1: 1 }), /beta1 must be in \[0, 1\)/);
    const t = createGanTrainer(SMALL);
    assert.throws(() => t.update({ dSteps: 0 }), /dSteps must be a positive integer/);
  });

  it('keeps the plain GAN one config away from the defaults', () => {
    const plain = resolveGanConfig({ ...DEFAULT_GAN_CONFIG, ...PLAIN_GAN });
    assert.equal(plain.pack, 1);
    assert.equal(plain.emaDecay, 0);
    assert.equal(plain.gradientPenalty, 0);
    assert.equal(plain.learningRateD, plain.learningRateG);
    assert.ok(createGanTrainer(plain).step(3));
  });

  it(`reaches issue 15's bar on ring8 with the defaults and seed 1: 8 of 8 modes, >= 95% high quality, in ${DEFAULT_GAN_CONFIG.steps} steps`, function () {
    // About 5 s of CPU. One seed keeps the suite fast; the README's table has seeds 1-5, all at
    // 96.6-97.8% (seed 1: 97.12%), and seed 1 is the one the previous defaults left under the bar.
    this.timeout(240_000);
    const t = createGanTrainer({ seed: 1 });
    assert.equal(t.config.steps, 36000);
    assert.ok(t.step(t.config.steps), t.diverged ?? '');
    const m = t.snapshot().metrics!;
    assert.equal(m.modesCovered, 8, `covered ${m.modesCovered} modes`);
    assert.ok(m.highQualityRatio >= 0.95, `high quality ${m.highQualityRatio}`);
    assert.equal(m.collapse, null);
  });
});
