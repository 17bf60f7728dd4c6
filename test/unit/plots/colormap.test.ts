import * as assert from 'node:assert/strict';
import { divergingLut, fromOklab, lightness, LUT_SIZE, lutIndex, mix, sequentialLut, toOklab, viridis, type Rgb } from '../../../webview-ui/src/plot/colormap';

const at = (lut: Uint8ClampedArray, k: number): Rgb => [lut[3 * k], lut[3 * k + 1], lut[3 * k + 2]];
const DARK: Rgb = [30, 30, 30];
const LIGHT: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

describe('the colour maps of the plane plots', () => {
  it('converts sRGB to OKLab and back', () => {
    for (const c of [[0, 0, 0], [255, 255, 255], [68, 1, 84], [253, 231, 37], [55, 148, 255]] as Rgb[]) {
      assert.deepEqual(fromOklab(toOklab(c)), c);
    }
    assert.ok(Math.abs(lightness([255, 255, 255]) - 1) < 1e-3);
    assert.ok(Math.abs(lightness([0, 0, 0])) < 1e-6);
  });

  it('keeps viridis perceptual: its lightness rises steadily from 0 to 1', () => {
    let previous = -1;
    const steps: number[] = [];
    for (let k = 0; k <= 50; k++) {
      const l = lightness(viridis(k / 50));
      assert.ok(l > previous, `lightness fell at ${k / 50}`);
      if (previous >= 0) steps.push(l - previous);
      previous = l;
    }
    // Even steps: no step more than three times another (an RGB ramp through grey fails this).
    assert.ok(Math.max(...steps) / Math.min(...steps) < 3);
    assert.deepEqual(viridis(0), [68, 1, 84]);
    assert.deepEqual(viridis(1), [253, 231, 37]);
    assert.deepEqual(viridis(2), viridis(1));
  });

  it('mixes in OKLab: halfway between blue and yellow is not grey', () => {
    const m = mix([0, 0, 255], [255, 255, 0], 0.5);
    const [, a, b] = toOklab(m);
    // An RGB mix gives (128, 128, 128), with no chroma at all.
    assert.ok(Math.hypot(a, b) > 0.02, `chroma ${Math.hypot(a, b)}`);
  });

  it('spreads the sequential map over lightness on dark, light and high-contrast backgrounds alike', () => {
    for (const bg of [DARK, LIGHT, BLACK]) {
      const lut = sequentialLut(bg, 0.9);
      assert.equal(lut.length, 3 * LUT_SIZE);
      const spread = lightness(at(lut, LUT_SIZE - 1)) - lightness(at(lut, 0));
      assert.ok(spread > 0.35, `lightness spread ${spread} on ${bg}`);
    }
  });

  it('centres the probability map on the background, with its two colours at the ends', () => {
    const low: Rgb = [177, 128, 215];
    const high: Rgb = [137, 209, 133];
    const lut = divergingLut(DARK, low, high, 0.7);
    const middle = at(lut, LUT_SIZE / 2);
    assert.ok(middle.every((v, i) => Math.abs(v - DARK[i]) <= 3), `middle ${middle}`);
    const [, a0, b0] = toOklab(at(lut, 0));
    const [, a1, b1] = toOklab(at(lut, LUT_SIZE - 1));
    const [, la, lb] = toOklab(low);
    const [, ha, hb] = toOklab(high);
    // Each end has the hue of its colour (its chroma points the same way).
    assert.ok(a0 * la + b0 * lb > 0 && a1 * ha + b1 * hb > 0);
  });

  it('maps a value to its table entry, clamping outside the range', () => {
    assert.equal(lutIndex(0, 0, 1), 0);
    assert.equal(lutIndex(1, 0, 1), LUT_SIZE - 1);
    assert.equal(lutIndex(0.5, 0, 1), LUT_SIZE / 2);
    assert.equal(lutIndex(-3, 0, 1), 0);
    assert.equal(lutIndex(7, 0, 1), LUT_SIZE - 1);
    assert.equal(lutIndex(NaN, 0, 1), 0);
  });
});
