/** The guards every message from a webview (and a worker) passes before it is used. */
import * as assert from 'node:assert/strict';
import { isGanCommand, isGanSettings } from '../../../src/shared/ganProtocol';
import { isSourceFormula } from '../../../src/shared/sourceFormula';
import { isToyCommand, isToySettings } from '../../../src/shared/toyProtocol';
import { isTrainingEvent } from '../../../src/shared/trainingProtocol';

/** Messages no panel sends: wrong shapes and types, unknown kinds, prototype tricks. */
const ODD: unknown[] = [
  null, undefined, 42, 'play', [], ['play'], {}, { type: 'PLAY' }, { type: 'explode' }, { type: ['play'] },
  { type: 'speed', stepsPerFrame: 7 }, { type: 'speed', stepsPerFrame: '5' }, { type: 'speed' },
  { type: 'settings' }, { type: 'settings', settings: 'seed=1' }, { type: 'settings', settings: { seed: Number.NaN } },
  JSON.parse('{"type": "settings", "settings": {"__proto__": {"polluted": 1}}}'),
];

describe('the training panels’ message guards', () => {
  it('take the playback commands both panels send, at their speeds', () => {
    for (const c of [{ type: 'ready' }, { type: 'play' }, { type: 'pause' }, { type: 'step' }, { type: 'reset' }]) {
      assert.ok(isGanCommand(c) && isToyCommand(c), c.type);
    }
    assert.ok(isGanCommand({ type: 'speed', stepsPerFrame: 50 }) && !isToyCommand({ type: 'speed', stepsPerFrame: 50 }));
    assert.ok(isToyCommand({ type: 'speed', stepsPerFrame: 100 }) && !isGanCommand({ type: 'speed', stepsPerFrame: 100 }));
    assert.ok(isGanCommand({ type: 'preset', name: 'plain' }) && !isToyCommand({ type: 'preset', name: 'plain' }));
  });

  it('refuse odd messages', () => {
    for (const m of ODD) {
      assert.equal(isGanCommand(m), false, JSON.stringify(m));
      assert.equal(isToyCommand(m), false, JSON.stringify(m));
    }
    assert.equal(isGanCommand({ type: 'preset', name: 'turbo' }), false);
  });

  it('take settings of the right types and sizes only', () => {
    assert.ok(isToySettings({ dataset: 'ring8', learningRate: 0.01 }));
    assert.equal(isToySettings({ dataset: 'x'.repeat(41) }), false);
    assert.equal(isToySettings({ 'learning-rate': 1 }), false);
    assert.equal(isToySettings(Object.fromEntries(Array.from({ length: 13 }, (_, i) => [`k${'abcdefghijklm'[i]}`, 1]))), false);
    assert.ok(isGanSettings({ loss: 'wgan-gp', generatorHidden: [64, 64] }));
    // A network that would exhaust memory is refused before it reaches the worker.
    assert.equal(isGanSettings({ generatorHidden: [1e9] }), false);
    assert.equal(isGanSettings({ generatorHidden: [8, 8, 8, 8, 8] }), false);
    assert.equal(isGanSettings({ unknown: 1 }), false);
  });

  it("take a demo link's formula only when it is short text", () => {
    assert.ok(isSourceFormula({ tex: 'D_{KL}(q\\|p)', name: 'KL divergence' }));
    for (const bad of [{ tex: '' , name: '' }, { tex: 'x'.repeat(2001), name: '' }, { tex: 7, name: '' }, { tex: 'x', name: 'n'.repeat(81) }, 'x', null]) {
      assert.equal(isSourceFormula(bad), false, JSON.stringify(bad)?.slice(0, 60));
    }
  });

  it("take a worker's frame with a finite step, or an error with its message", () => {
    assert.ok(isTrainingEvent({ type: 'frame', frame: { step: 3 } }));
    assert.ok(isTrainingEvent({ type: 'error', message: 'diverged' }));
    for (const bad of [{ type: 'frame', frame: { step: Number.POSITIVE_INFINITY } }, { type: 'frame' }, { type: 'error' }, { type: 'log', message: 'x' }, 'frame']) {
      assert.equal(isTrainingEvent(bad), false, JSON.stringify(bad));
    }
  });
});
