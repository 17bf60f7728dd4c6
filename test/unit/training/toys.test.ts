import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TOY_NAMES, isToyEvent, type ToyCommand, type ToyEvent, type ToyFrame } from '../../../src/shared/toyProtocol';
import { TrainingSession } from '../../../src/host/panels/trainingSession';

// The worker as the extension runs it (`npm run test:unit` builds it first).
const workerPath = path.resolve('dist/workers/toy.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function finite(frame: ToyFrame): boolean {
  const numbers = [
    ...frame.planes.flatMap((plane) => [
      ...Object.values(plane.bounds), ...plane.points.flatMap((p) => p.xy), ...plane.lines.flatMap((l) => l.xy), ...(plane.grid?.values ?? []), ...(plane.arrows ?? []).flatMap((a) => a.xyd),
    ]),
    ...frame.series.flatMap((s) => [...s.x, ...s.lines.flatMap((l) => l.y)]), ...frame.terms.map((t) => t.value),
  ];
  return numbers.every(Number.isFinite);
}

describe('the toy panels’ worker (GAN, VAE, maximum likelihood, autoencoder, diffusion, KL fits, gradient descent)', function () {
  this.timeout(60_000);

  for (const toy of TOY_NAMES) {
    it(`streams frames of ${toy} that move while it runs, with only finite numbers`, async () => {
      const frames: ToyFrame[] = [];
      const errors: string[] = [];
      const session = new TrainingSession<ToyCommand, ToyEvent>(workerPath, (e) => (e.type === 'frame' ? frames.push(e.frame) : errors.push(e.message)), { toy }, isToyEvent);
      session.send({ type: 'ready' });
      session.send({ type: 'speed', stepsPerFrame: 20 });
      session.send({ type: 'play' });
      const deadline = Date.now() + 20_000;
      while (!frames.some((f) => f.step >= 2) && Date.now() < deadline) await sleep(100);
      await sleep(500);
      session.send({ type: 'pause' });
      await sleep(300);
      await session.dispose();
      assert.deepEqual(errors, []);
      assert.ok(frames.length >= 2, `${frames.length} frames`);
      assert.equal(frames[0].toy, toy);
      assert.ok(frames[frames.length - 1].step > frames[0].step, 'the step count did not move');
      assert.ok(frames.every(finite), 'a frame held a non-finite number');
      assert.ok(frames[0].formula.length > 0 && frames[0].controls.length > 0);
    });
  }

  it('applies a setting by starting a fresh run, and refuses a bad one with a message', async () => {
    const frames: ToyFrame[] = [];
    const errors: string[] = [];
    const session = new TrainingSession<ToyCommand, ToyEvent>(workerPath, (e) => (e.type === 'frame' ? frames.push(e.frame) : errors.push(e.message)), { toy: 'gd' }, isToyEvent);
    session.send({ type: 'settings', settings: { learningRate: 0.21 } });
    session.send({ type: 'speed', stepsPerFrame: 100 });
    session.send({ type: 'play' });
    const deadline = Date.now() + 10_000;
    while (!frames.some((f) => f.finished) && Date.now() < deadline) await sleep(50);
    const last = frames[frames.length - 1];
    assert.equal(last.settings.learningRate, 0.21);
    // Past eta = 2/L the plain path diverges, and the panel says so.
    assert.ok(last.diagnostics.some((d) => /^Plain gradient descent diverged/.test(d)), last.diagnostics.join(' | '));
    session.send({ type: 'settings', settings: { learningRate: -1 } });
    await sleep(300);
    await session.dispose();
    assert.ok(errors.some((e) => /learningRate|learning rate/i.test(e)), errors.join(' | '));
    assert.equal(frames[frames.length - 1].settings.learningRate, 0.21, 'the refused setting was kept');
  });
});
