import * as assert from 'node:assert/strict';
import { aggregatePosterior, standardNormalDensity } from '../../../src/core/train/latent';

describe('the aggregate posterior of a 1-D latent', () => {
  const zs = Array.from({ length: 801 }, (_, i) => -8 + i * 0.02);

  it('is the prior when every code is N(0, 1)', () => {
    const q = aggregatePosterior([0, 0, 0], [1, 1, 1], zs);
    zs.forEach((z, j) => assert.ok(Math.abs(q[j] - standardNormalDensity(z)) < 1e-12));
  });

  it('is a density: it integrates to 1 and peaks at the codes', () => {
    const q = aggregatePosterior([-2, 2], [0.3, 0.3], zs);
    const mass = q.reduce((a, b) => a + b, 0) * 0.02;
    assert.ok(Math.abs(mass - 1) < 1e-3, String(mass));
    const at = (z: number) => q[Math.round((z + 8) / 0.02)];
    assert.ok(at(-2) > 10 * at(0) && at(2) > 10 * at(0));
  });

  it('keeps a code with σ = 0 finite', () => {
    assert.ok(aggregatePosterior([0.5], [0], zs).every(Number.isFinite));
  });
});
