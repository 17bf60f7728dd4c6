/**
 * What the toys tell the plot drawer about their planes: the axes' names, what a grid holds, and
 * bounds that keep an optimizer's path on the plot.
 */
import * as assert from 'node:assert/strict';
import type { ToyPlane } from '../../../src/shared/toyProtocol';
import { TOYS } from '../../../src/worker/toys';
import { gdToy } from '../../../src/worker/toys/gd';
import { mleToy } from '../../../src/worker/toys/mle';

/** The points of a polyline that lie outside its plane's bounds. */
function outside(plane: ToyPlane, xy: readonly number[]): number {
  const b = plane.bounds;
  let n = 0;
  for (let i = 0; i + 1 < xy.length; i += 2) if (xy[i] < b.xMin || xy[i] > b.xMax || xy[i + 1] < b.yMin || xy[i + 1] > b.yMax) n++;
  return n;
}

describe('the toys’ planes as the plot drawer reads them', function () {
  this.timeout(60_000);

  it('maximum likelihood: a surface of the negative log-likelihood over μ and σ, with the whole path on it', () => {
    // Gradient ascent overshoots in σ at the start: the surface's box must grow to hold the path.
    const s = mleToy.create({ model: 'gaussian', method: 'gradient', seed: 1 });
    for (const steps of [0, 5, 20, 100, 400]) {
      s.step(steps);
      const plane = s.view().planes[0];
      assert.deepEqual(plane.axes, { x: 'μ', y: 'σ' });
      assert.equal(plane.grid?.kind, 'surface');
      assert.match(plane.grid?.label ?? '', /negative log-likelihood/);
      assert.equal(outside(plane, plane.lines[0].xy), 0, `the path leaves the plot at step ${s.stepCount}`);
      // A surface to minimize: its smallest value is at (next to) the optimum.
      const g = plane.grid!;
      const min = g.values.indexOf(Math.min(...g.values));
      const [ox, oy] = plane.points[0].xy;
      const b = plane.bounds;
      const col = Math.round(((ox - b.xMin) / (b.xMax - b.xMin)) * (g.width - 1));
      const row = Math.round(((oy - b.yMin) / (b.yMax - b.yMin)) * (g.height - 1));
      assert.ok(Math.abs((min % g.width) - col) <= 1 && Math.abs(Math.floor(min / g.width) - row) <= 1, `minimum at node ${min}, optimum at (${col}, ${row})`);
    }
  });

  it('maximum likelihood of a mixture: the means μ₁, μ₂ as axes, the path on the plot', () => {
    const s = mleToy.create({ model: 'mixture', method: 'gradient', seed: 2 });
    s.step(60);
    const plane = s.view().planes[0];
    assert.deepEqual(plane.axes, { x: 'μ₁', y: 'μ₂' });
    assert.equal(outside(plane, plane.lines[0].xy), 0);
  });

  it('gradient descent: contours of log(1 + f) over the formula’s own variables', () => {
    const quadratic = gdToy.create({ function: 'quadratic' }).view().planes[0];
    assert.deepEqual(quadratic.axes, { x: 'θ₁', y: 'θ₂' });
    assert.equal(quadratic.grid?.kind, 'surface');
    assert.equal(quadratic.grid?.label, 'log(1 + f)');
    assert.deepEqual(gdToy.create({ function: 'rosenbrock' }).view().planes[0].axes, { x: 'x', y: 'y' });
  });

  it('every toy names the axes of every plane it draws', () => {
    for (const [name, toy] of Object.entries(TOYS)) {
      if (!toy) continue;
      const s = toy.create(toy.defaults);
      s.step(3);
      for (const plane of s.view().planes) {
        assert.ok(plane.axes && plane.axes.x && plane.axes.y, `${name}: "${plane.title}" has no axis names`);
        assert.doesNotMatch(plane.axes.x + plane.axes.y, /\\/, `${name}: TeX in an axis name`);
      }
    }
  });
});
