import * as assert from 'node:assert/strict';
import { dataset, DATASET_NAMES } from '../../../src/core/train/datasets';
import { jsDivergence, modeMetrics } from '../../../src/core/train/metrics';
import { Random } from '../../../src/core/train/random';

const ring = dataset('ring8');

function pointsAt(list: [number, number, number][]): Float64Array {
  // Each entry: [x, y, how many].
  const out: number[] = [];
  for (const [x, y, n] of list) for (let i = 0; i < n; i++) out.push(x, y);
  return Float64Array.from(out);
}

describe('mode metrics', () => {
  it('count covered modes and high-quality samples exactly on a hand-made set', () => {
    const [m0, m1, m2] = ring.modes;
    const pts = pointsAt([
      [m0[0], m0[1], 30],
      [m1[0] + 0.059, m1[1], 20], // just inside 3 std (0.06)
      [m2[0] + 0.061, m2[1], 25], // just outside: nearest to mode 2 but not high quality
      [m2[0], m2[1], 19], // one short of covering mode 2
      [0, 0, 6], // the centre: far from every mode
    ]);
    const m = modeMetrics(pts, ring.modes, ring.std);
    assert.equal(m.modesTotal, 8);
    assert.equal(m.modesCovered, 2);
    assert.deepEqual(m.perMode, [30, 20, 19, 0, 0, 0, 0, 0]);
    assert.equal(m.highQualityRatio, 69 / 100);
  });

  it('name mode collapse when most samples sit in one or two modes, and not otherwise', () => {
    const [m0, m1] = ring.modes;
    const one = modeMetrics(pointsAt([[m0[0], m0[1], 90], ...ring.modes.slice(1).map(([x, y]) => [x, y, 1] as [number, number, number]), [m1[0], m1[1], 3]]), ring.modes, ring.std);
    assert.equal(one.collapse, 'mode collapse: one mode holds 90% of the samples');
    const two = modeMetrics(pointsAt([[m0[0], m0[1], 40], [m1[0], m1[1], 40], [0.1, -2, 20]]), ring.modes, ring.std);
    assert.equal(two.collapse, 'mode collapse: two modes hold 80% of the samples');
    const spread = modeMetrics(pointsAt(ring.modes.map(([x, y]) => [x, y, 25] as [number, number, number])), ring.modes, ring.std);
    assert.equal(spread.collapse, null);
    assert.equal(spread.modesCovered, 8);
  });

  it('count real ring8 samples as about 99% high quality (3 std in 2-D holds 1 - e^-4.5 of them)', () => {
    const pts = new Float64Array(2 * 2500);
    ring.sample(new Random(3), pts, 2500);
    const m = modeMetrics(pts, ring.modes, ring.std);
    assert.equal(m.modesCovered, 8);
    assert.ok(Math.abs(m.highQualityRatio - (1 - Math.exp(-4.5))) < 0.01, String(m.highQualityRatio));
  });

  it('do not count non-finite samples', () => {
    const m = modeMetrics(Float64Array.from([NaN, 0, 2, 0]), ring.modes, ring.std);
    assert.equal(m.highQualityRatio, 0.5);
  });
});

describe('the grid JS divergence', () => {
  const grid = { bounds: { xMin: 0, xMax: 4, yMin: 0, yMax: 4 }, bins: 4 };
  it('is 0 for the same histogram and ln 2 for disjoint ones', () => {
    const a = Float64Array.from([0.5, 0.5, 1.5, 2.5]);
    assert.equal(jsDivergence(a, a, grid), 0);
    const b = Float64Array.from([3.5, 3.5, 3.5, 3.5]);
    assert.ok(Math.abs(jsDivergence(a, b, grid) - Math.log(2)) < 1e-12);
  });

  it('puts every point outside the grid into one extra cell', () => {
    assert.equal(jsDivergence(Float64Array.from([-5, 0]), Float64Array.from([9, 9]), grid), 0);
  });

  it('is exact on a half-overlap: JS = ln 2 / 2', () => {
    const p = Float64Array.from([0.5, 0.5, 1.5, 0.5]);
    const q = Float64Array.from([0.5, 0.5, 2.5, 0.5]);
    assert.ok(Math.abs(jsDivergence(p, q, grid) - Math.log(2) / 2) < 1e-12);
  });
});

describe('data sets', () => {
  it('ring8 has 8 centres on the circle of radius 2 with std 0.02', () => {
    assert.equal(ring.modes.length, 8);
    for (const [x, y] of ring.modes) assert.ok(Math.abs(Math.hypot(x, y) - 2) < 1e-12);
    assert.equal(ring.std, 0.02);
  });

  it('grid25 has centres {-4, -2, 0, 2, 4}² with std 0.05', () => {
    const g = dataset('grid25');
    assert.equal(g.std, 0.05);
    assert.deepEqual(new Set(g.modes.map(([x, y]) => `${x},${y}`)).size, 25);
    for (const [x, y] of g.modes) assert.ok([-4, -2, 0, 2, 4].includes(x) && [-4, -2, 0, 2, 4].includes(y));
  });

  it('every data set samples finite points inside its bounds (nearly all)', () => {
    for (const name of DATASET_NAMES) {
      const d = dataset(name);
      const pts = new Float64Array(1000 * d.dim);
      d.sample(new Random(1), pts, 1000);
      assert.ok(pts.every(Number.isFinite), name);
      let inside = 0;
      for (let i = 0; i < 1000; i++) {
        const x = pts[i * d.dim];
        const y = d.dim === 2 ? pts[i * 2 + 1] : 0;
        if (x >= d.bounds.xMin && x <= d.bounds.xMax && y >= d.bounds.yMin && y <= d.bounds.yMax) inside++;
      }
      assert.ok(inside >= 990, `${name}: ${inside} of 1000 inside`);
    }
  });

  it('names the data sets there are when asked for an unknown one', () => {
    assert.throws(() => dataset('cats'), /unknown data set 'cats' \(have: ring8, grid25/);
  });
});
