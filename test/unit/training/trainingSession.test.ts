import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { ToyEvent, ToyFrame } from '../../../src/shared/toyProtocol';
import { TrainingSession } from '../../../src/host/panels/trainingSession';

// The worker as the extension runs it (`npm run test:unit` builds it first): the toy worker, running the GAN.
const workerPath = path.resolve('dist/workers/toy.js');

/** A frame's plotted numbers: generated samples, D's heat map, G's manifold. */
const fakeOf = (f: ToyFrame) => f.planes[0].points.find((p) => p.color === 'fake')!.xy;
const heatOf = (f: ToyFrame) => f.planes[0].grid!.values;
const manifoldOf = (f: ToyFrame) => f.planes[0].lines.flatMap((l) => l.xy);
const divergedOf = (f: ToyFrame) => f.diagnostics.find((d) => d.startsWith('diverged at step'));

function collect(): { frames: ToyFrame[]; errors: string[]; on: (e: ToyEvent) => void } {
  const frames: ToyFrame[] = [];
  const errors: string[] = [];
  return { frames, errors, on: (e) => (e.type === 'frame' ? frames.push(e.frame) : errors.push(e.message)) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a training session (the GAN worker behind a panel)', function () {
  this.timeout(60_000);

  it('streams frames while playing, at most about 30 a second, and stops changing when paused', async () => {
    const c = collect();
    const session = new TrainingSession(workerPath, c.on, { toy: 'gan', settings: { seed: 3 } });
    session.send({ type: 'ready' });
    session.send({ type: 'play' });
    await sleep(2000);
    const playing = c.frames.filter((f) => f.running);
    assert.ok(playing.length >= 5, `${playing.length} frames`);
    assert.ok(playing.length <= 2 * 35, `${playing.length} frames in 2 s`);
    assert.ok(playing[playing.length - 1].step > playing[0].step);
    for (const f of playing) for (const v of [...fakeOf(f), ...heatOf(f)]) assert.ok(Number.isFinite(v));
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
    const session = new TrainingSession(workerPath, c.on, { toy: 'gan', settings: { learningRateG: 1, learningRateD: 1, optimizer: 'sgd', seed: 1 } });
    session.send({ type: 'speed', stepsPerFrame: 50 });
    session.send({ type: 'play' });
    const deadline = Date.now() + 20_000;
    while (!c.frames.some((f) => divergedOf(f)) && Date.now() < deadline) await sleep(100);
    const last = c.frames[c.frames.length - 1];
    assert.match(divergedOf(last) ?? '', /^diverged at step \d+: (.*; )?learning rate too high\?$/);
    assert.equal(last.running, false);
    for (const v of [...fakeOf(last), ...heatOf(last), ...manifoldOf(last)]) assert.ok(Number.isFinite(v));
    await session.dispose();
  });

  it('refuses a bad setting with a clear message and keeps running', async () => {
    const c = collect();
    const session = new TrainingSession(workerPath, c.on, { toy: 'gan' });
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
      const session = new TrainingSession(workerPath, () => undefined, { toy: 'gan' });
      session.send({ type: 'play' });
      await sleep(20);
      exits.push(session.dispose());
    }
    const codes = await Promise.race([Promise.all(exits), sleep(15_000).then(() => 'timeout' as const)]);
    assert.notEqual(codes, 'timeout', 'some worker did not exit');
    assert.equal((codes as number[]).length, 20);
  });
});
