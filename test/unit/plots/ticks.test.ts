import * as assert from 'node:assert/strict';
import { formatTicks, niceStep, niceTicks } from '../../../webview-ui/src/plot/ticks';

describe('axis ticks at round numbers', () => {
  it('picks 1, 2 or 5 times a power of ten as the step', () => {
    assert.equal(niceStep(10, 5), 2);
    assert.equal(niceStep(1, 4), 0.2);
    assert.equal(niceStep(7, 5), 1);
    assert.equal(niceStep(3e-4, 3), 1e-4);
    assert.equal(niceStep(900, 3), 200);
    assert.equal(niceStep(0, 5), 1);
  });

  it('places ticks on multiples of the step inside the range, without float dust', () => {
    assert.deepEqual(niceTicks(-1.3, 1.3, 5), [-1, -0.5, 0, 0.5, 1]);
    assert.deepEqual(niceTicks(0, 1, 5), [0, 0.2, 0.4, 0.6, 0.8, 1]);
    assert.deepEqual(niceTicks(0.1, 0.35, 5), [0.1, 0.15, 0.2, 0.25, 0.3, 0.35]);
    for (const t of niceTicks(-3.7, 12.9, 7)) assert.ok(t >= -3.7 && t <= 12.9);
    assert.deepEqual(niceTicks(2, 2), [2]);
    assert.deepEqual(niceTicks(5, 1, 4), [1, 2, 3, 4, 5]);
    assert.deepEqual(niceTicks(NaN, 1), []);
  });

  it('labels ticks with just the digits their spacing needs', () => {
    assert.deepEqual(formatTicks([0, 0.5, 1, 1.5]), ['0', '0.5', '1', '1.5']);
    assert.deepEqual(formatTicks([1, 1.02, 1.04]), ['1', '1.02', '1.04']);
    assert.deepEqual(formatTicks([1, 1.25, 1.5]), ['1', '1.25', '1.5']);
    assert.deepEqual(formatTicks([0, 5000, 10000, 15000]), ['0', '5000', '10000', '15000']);
    assert.deepEqual(formatTicks([2e-5, 4e-5, 6e-5]), ['2 × 10⁻⁵', '4 × 10⁻⁵', '6 × 10⁻⁵']);
    assert.deepEqual(formatTicks([1.5e-5, 2e-5, 2.5e-5]), ['1.5 × 10⁻⁵', '2 × 10⁻⁵', '2.5 × 10⁻⁵']);
  });
});
