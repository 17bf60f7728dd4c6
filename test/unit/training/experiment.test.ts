/** A kept experiment: the block "Copy experiment" writes, read back, and what is refused. */
import * as assert from 'node:assert/strict';
import { experimentBlock, isExperiment, parseExperiment } from '../../../src/shared/experiment';
import { GAN_DEFAULT_SETTINGS } from '../../../src/shared/ganSettings';
import type { ToyEvent, ToyFrame } from '../../../src/shared/toyProtocol';
import { ToyRunner } from '../../../src/worker/toyRunner';
import { TOYS } from '../../../src/worker/toys';

const bodyOf = (block: string) => /^```genmath\n(.*)\n```\n$/s.exec(block)![1];

describe('a kept experiment', function () {
  this.timeout(60_000);

  it('reads back what it wrote, drawn points included', () => {
    const e = { toy: 'gan' as const, settings: { ...GAN_DEFAULT_SETTINGS, dataset: 'drawn', seed: 4 }, drawn: [0.5, 1, -0.25, 2] };
    assert.deepEqual(parseExperiment(bodyOf(experimentBlock(e))), e);
    const vae = { toy: 'vae' as const, settings: { dataset: 'moons', seed: 3 } };
    assert.deepEqual(parseExperiment(bodyOf(experimentBlock(vae))), vae);
  });

  it('refuses what is not one, saying why', () => {
    assert.match(parseExperiment('{"toy": "gan",') as string, /^not JSON/);
    for (const bad of [{ toy: 'cat', settings: {} }, { toy: 'gan' }, { toy: 'gan', settings: { seed: [1] } }, { toy: 'gan', settings: {}, drawn: [1, 2, 3] }, { toy: 'gan', settings: {}, drawn: [1e9, 0] }]) {
      assert.equal(isExperiment(bad), false, JSON.stringify(bad));
      assert.match(parseExperiment(JSON.stringify(bad)) as string, /^not an experiment/);
    }
  });

  it('runs again step for step: the same settings and drawn points give the same frames', () => {
    const drawn = [1, 1, 1.2, 0.8, 0.9, 1.3, 1.1, 1.1];
    const run = () => {
      const frames: ToyFrame[] = [];
      const r = new ToyRunner('gan', TOYS.gan, (e: ToyEvent) => void (e.type === 'frame' && frames.push(e.frame)), { seed: 5, dataset: 'drawn' }, drawn);
      r.handle({ type: 'ready' });
      for (let i = 0; i < 5; i++) r.handle({ type: 'step' });
      r.dispose();
      const last = frames[frames.length - 1];
      return { settings: last.settings, fake: last.planes[0].points.find((p) => p.color === 'fake')!.xy, terms: last.terms };
    };
    const a = run();
    assert.equal(a.settings.dataset, 'drawn');
    assert.deepEqual(run(), a);
  });
});
