/** The guards every message from a webview (and a worker) passes before it is used. */
import * as assert from 'node:assert/strict';
import { isSourceFormula } from '../../../src/shared/sourceFormula';
import { isToyCommand, isToySettings, MAX_DRAWN_POINTS, MAX_TOY_SETTINGS, TOY_NAMES } from '../../../src/shared/toyProtocol';
import { TOYS } from '../../../src/worker/toys';
import { settingsProblem } from '../../../src/shared/toySettings';
import { isTrainingEvent } from '../../../src/shared/trainingProtocol';

/** Messages no panel sends: wrong shapes and types, unknown kinds, prototype tricks. */
const ODD: unknown[] = [
  null, undefined, 42, 'play', [], ['play'], {}, { type: 'PLAY' }, { type: 'explode' }, { type: ['play'] },
  { type: 'speed', stepsPerFrame: 7 }, { type: 'speed', stepsPerFrame: '5' }, { type: 'speed' },
  { type: 'settings' }, { type: 'settings', settings: 'seed=1' }, { type: 'settings', settings: { seed: Number.NaN } },
  JSON.parse('{"type": "settings", "settings": {"__proto__": {"polluted": 1}}}'),
];

describe('the training panels’ message guards', () => {
  it('are one guard for the seven toys, the GAN among them', () => {
    assert.deepEqual([...TOY_NAMES].sort(), ['autoencoder', 'diffusion', 'gan', 'gd', 'klfit', 'mle', 'vae']);
    // Every toy's worker is started by the one toy worker and fed through isToyCommand.
    assert.deepEqual(Object.keys(TOYS).sort(), [...TOY_NAMES].sort());
  });

  it('take the playback commands every panel sends, at its speeds', () => {
    for (const c of [{ type: 'ready' }, { type: 'play' }, { type: 'pause' }, { type: 'step' }, { type: 'reset' }]) {
      assert.ok(isToyCommand(c), c.type);
    }
    assert.ok(isToyCommand({ type: 'speed', stepsPerFrame: 50 }) && isToyCommand({ type: 'speed', stepsPerFrame: 100 }));
    assert.equal(isToyCommand({ type: 'preset', name: 'plain' }), false);
  });

  it('take the tools’ commands only in their shapes and sizes', () => {
    assert.ok(isToyCommand({ type: 'action', id: 'stepD' }));
    assert.ok(isToyCommand({ type: 'slow', on: true }));
    assert.ok(isToyCommand({ type: 'data', points: [0, 1, 2, 3] }));
    assert.ok(isToyCommand({ type: 'export', format: 'svg' }));
    assert.ok(isToyCommand({ type: 'export', format: 'png', dataUrl: 'data:image/png;base64,AAAA' }));
    for (const bad of [
      { type: 'action', id: 'step D' }, { type: 'action', id: 7 }, { type: 'action', id: 'x'.repeat(25) }, { type: 'slow', on: 'yes' },
      { type: 'data', points: [0, 1, 2] }, { type: 'data', points: [0, Number.NaN] }, { type: 'data', points: [1e9, 0] },
      { type: 'data', points: Array.from({ length: 2 * MAX_DRAWN_POINTS + 2 }, () => 0) }, { type: 'data', points: 'all' },
      { type: 'export', format: 'gif' }, { type: 'export', format: 'png', dataUrl: 'javascript:alert(1)' }, { type: 'export', format: 'png' },
    ]) assert.equal(isToyCommand(bad), false, JSON.stringify(bad).slice(0, 80));
  });

  it('refuse odd messages', () => {
    for (const m of ODD) assert.equal(isToyCommand(m), false, JSON.stringify(m));
  });

  it('take settings of the right types and sizes only, and the controls hold their limits', () => {
    assert.ok(isToySettings({ dataset: 'ring8', learningRate: 0.01 }));
    assert.equal(isToySettings({ dataset: 'x'.repeat(41) }), false);
    assert.equal(isToySettings({ 'learning-rate': 1 }), false);
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${'abcdefghijklmnopqrstuvwxyz'[i]}`, 1]));
    assert.ok(isToySettings(many(MAX_TOY_SETTINGS)));
    assert.equal(isToySettings(many(MAX_TOY_SETTINGS + 1)), false);
    assert.ok(isToySettings({ loss: 'wgan-gp', generatorHidden: '64,64' }));
    // A network that would exhaust memory is refused before it is built: the GAN's controls bound it.
    const gan = TOYS.gan.controls;
    assert.match(settingsProblem(gan, { generatorHidden: '1000000000' })!, /generatorHidden/);
    assert.match(settingsProblem(gan, { generatorHidden: '8,8,8,8,8' })!, /generatorHidden/);
    assert.equal(settingsProblem(gan, { generatorHidden: '8,8,8,8' }), undefined);
    // Every toy's defaults fit its own controls.
    for (const name of TOY_NAMES) assert.equal(settingsProblem(TOYS[name].controls, TOYS[name].defaults), undefined, name);
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
