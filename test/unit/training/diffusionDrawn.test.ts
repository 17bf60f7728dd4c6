/** Drawn data for the toy diffusion: the model learns to sample the points a person drew. */
import * as assert from 'node:assert/strict';
import { createDiffusionTrainer } from '../../../src/core/train/diffusion';
import type { ToyEvent, ToyFrame } from '../../../src/shared/toyProtocol';
import { ToyRunner } from '../../../src/worker/toyRunner';
import { diffusionToy } from '../../../src/worker/toys/diffusion';

/** 30 points around (1.5, -1), about 0.3 from it. */
function drawnPoints(): number[] {
  const drawn: number[] = [];
  for (let i = 0; i < 30; i++) drawn.push(1.5 + 0.3 * Math.cos(i), -1 + 0.3 * Math.sin(i * 1.7));
  return drawn;
}

function meanDistance(xy: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < xy.length; i += 2) sum += Math.hypot(xy[i] - 1.5, xy[i + 1] + 1);
  return sum / (xy.length / 2);
}

describe('the toy diffusion on drawn data', function () {
  this.timeout(120_000);

  it('samples near the drawn points once trained, and far from them before', () => {
    const trainer = createDiffusionTrainer({ dataset: 'drawn', drawn: drawnPoints(), steps: 1500, seed: 3 });
    const before = meanDistance(trainer.sample(500));
    trainer.step(1500);
    const after = meanDistance(trainer.sample(500));
    assert.ok(after < 0.5, `samples are on average ${after.toFixed(3)} from the drawn cluster`);
    assert.ok(before > 2 * after, `untrained ${before.toFixed(3)} vs trained ${after.toFixed(3)}`);
  });

  it('takes drawn points from the panel (a data command) and names them on its plot', () => {
    const frames: ToyFrame[] = [];
    const errors: string[] = [];
    const r = new ToyRunner('diffusion', diffusionToy, (e: ToyEvent) => (e.type === 'frame' ? frames.push(e.frame) : errors.push(e.message)));
    r.handle({ type: 'ready' });
    assert.ok(frames[0].drawable, 'the panel is not offered drawing');
    r.handle({ type: 'data', points: drawnPoints() });
    r.dispose();
    assert.deepEqual(errors, []);
    const last = frames[frames.length - 1];
    assert.equal(last.settings.dataset, 'drawn');
    assert.equal(last.planes[0].points.find((p) => p.color === 'real')!.label, 'drawn data');
  });

  it('refuses "drawn" with no points, saying to draw some first', () => {
    assert.throws(() => createDiffusionTrainer({ dataset: 'drawn' }), /draw some on the plot first/);
  });
});
