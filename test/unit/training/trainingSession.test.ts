import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { GanEvent, GanFrame } from '../../../src/shared/ganProtocol';
import { TrainingSession } from '../../../src/host/training/trainingSession';

// The worker as the extension runs it (`npm run test:unit` builds it first).
const workerPath = path.resolve('dist/workers/gan.js');

function collect(): { frames: GanFrame[]; errors: string[]; on: (e: GanEvent) => void } {
  const frames: GanFrame[] = [];
  const errors: string[] = [];
  return { frames, errors, on: (e) => (e.type === 'frame' ? frames.push(e.frame) : errors.push(e.message)) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a training session (the GAN worker behind a panel)', function () {
  this.timeout(60_000);

  it('streams frames while playing, at most about 30 a second, and stops changing when paused', async () => {
    const c = collect();
    const session = new TrainingSession(workerPath, c.on, { seed: 3 });
    session.send({ type: 'ready' });
    session.send({ type: 'play' });
    await sleep(2000);
    const playing = c.frames.filter((f) => f.running);
    assert.ok(playing.length >= 5, `${playing.length} frames`);
    assert.ok(playing.length <= 2 * 35, `${playing.length} frames in 2 s`);
    assert.ok(playing[playing.length - 1].step > playing[0].step);
    for (const f of playing) for (const v of [...f.fake, ...f.heatmap.values]) assert.ok(Number.isFinite(v));
    session.send({ type: 'pause' });
    await sleep(300);
    const pausedAt = c.frames[c.frames.length - 1].step;
    const count = c.frames.length;
    await sleep(700);
    assert.equal(c.frames.length, count, 'no frames while paused');
    assert.equal(c.frames[c.frames.length - 1].step, pausedAt);
    await session.dispose();
  });

  it('stops a diverging run with the message and plots nothing non-finite', async () => {
    const c = collect();
    const session = new TrainingSession(workerPath, c.on, { learningRateG: 1e4, learningRateD: 1e4, optimizer: 'sgd', seed: 1 });
    session.send({ type: 'speed', stepsPerFrame: 50 });
    session.send({ type: 'play' });
    const deadline = Date.now() + 20_000;
    while (!c.frames.some((f) => f.diverged) && Date.now() < deadline) await sleep(100);
    const last = c.frames[c.frames.length - 1];
    assert.match(last.diverged ?? '', /^diverged at step \d+: learning rate too high\?$/);
    assert.equal(last.running, false);
    assert.ok(last.diagnostics.includes(last.diverged!));
    for (const v of [...last.fake, ...last.heatmap.values, ...last.manifold.points]) assert.ok(Number.isFinite(v));
    await session.dispose();
  });

  it('refuses a bad setting with a clear message and keeps running', async () => {
    const c = collect();
    const session = new TrainingSession(workerPath, c.on);
    session.send({ type: 'settings', settings: { batchSize: 7, pack: 2 } });
    await sleep(500);
    assert.ok(c.errors.some((e) => /batchSize/.test(e)), c.errors.join('; '));
    session.send({ type: 'step' });
    await sleep(300);
    assert.equal(c.frames[c.frames.length - 1].step, 1);
    await session.dispose();
  });

  it('leaves no thread behind after 20 open/close cycles', async () => {
    const exits: Promise<number>[] = [];
    for (let i = 0; i < 20; i++) {
      const session = new TrainingSession(workerPath, () => undefined);
      session.send({ type: 'play' });
      await sleep(20);
      exits.push(session.dispose());
    }
    const codes = await Promise.race([Promise.all(exits), sleep(15_000).then(() => 'timeout' as const)]);
    assert.notEqual(codes, 'timeout', 'some worker did not exit');
    assert.equal((codes as number[]).length, 20);
  });
});
