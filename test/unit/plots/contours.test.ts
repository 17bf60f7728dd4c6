import * as assert from 'node:assert/strict';
import { contourLevels, gridRange, marchingSquares, surfaceRange } from '../../../webview-ui/src/plot/contours';

/** A grid of f(col, row). */
function grid(width: number, height: number, f: (x: number, y: number) => number) {
  const values: number[] = [];
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) values.push(f(c, r));
  return { width, height, values };
}

describe('contour lines', () => {
  it('chooses round levels strictly inside the range, none for a flat grid', () => {
    assert.deepEqual(contourLevels(0, 1, 4), [0.2, 0.4, 0.6, 0.8]);
    assert.deepEqual(contourLevels(1.37, 9.8, 8), [2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(contourLevels(-0.03, 0.031, 5), [-0.02, -0.01, 0, 0.01, 0.02, 0.03]);
    assert.deepEqual(contourLevels(2, 2), []);
    assert.deepEqual(contourLevels(NaN, 1), []);
  });

  it('finds the smallest and largest finite value of a grid', () => {
    assert.deepEqual(gridRange([3, -1, 7, 2]), { min: -1, max: 7 });
    assert.deepEqual(gridRange([]), { min: 0, max: 1 });
  });

  it('traces a circle: every segment end lies on the level set, and the pieces add up to its length', () => {
    const n = 61;
    const c = (n - 1) / 2;
    const g = grid(n, n, (x, y) => Math.hypot(x - c, y - c));
    const r = 17.3;
    const seg = marchingSquares(g, r);
    assert.ok(seg.length > 0 && seg.length % 4 === 0);
    let length = 0;
    for (let i = 0; i < seg.length; i += 4) {
      // Linear interpolation along a cell edge of a cone is exact to well under a tenth of a cell.
      assert.ok(Math.abs(Math.hypot(seg[i] - c, seg[i + 1] - c) - r) < 0.05);
      length += Math.hypot(seg[i + 2] - seg[i], seg[i + 3] - seg[i + 1]);
    }
    assert.ok(Math.abs(length - 2 * Math.PI * r) / (2 * Math.PI * r) < 0.01, `length ${length}`);
  });

  it('draws a straight line for a plane, crossing each cell once', () => {
    const g = grid(5, 4, (x) => x);
    const seg = marchingSquares(g, 2.5);
    // One vertical segment in each of the 3 rows of cells, at x = 2.5.
    assert.equal(seg.length, 3 * 4);
    for (let i = 0; i < seg.length; i += 2) assert.equal(seg[i], 2.5);
  });

  it('splits a saddle cell by its centre, so the lines never cross', () => {
    // Corners: bottom-left 1, bottom-right 0, top-right 1, top-left 0; centre 0.5.
    const g = { width: 2, height: 2, values: [1, 0, 0, 1] };
    const above = marchingSquares(g, 0.4); // centre above: the high diagonal is connected
    const below = marchingSquares(g, 0.6); // centre below: the low diagonal is connected
    assert.equal(above.length, 8);
    assert.equal(below.length, 8);
    // Centre above the level: the lines cut off the low corners, bottom-right (1, 0) and top-left (0, 1).
    const cutsOff = (seg: number[], cx: number, cy: number) => {
      for (let i = 0; i < seg.length; i += 4) {
        const mx = (seg[i] + seg[i + 2]) / 2, my = (seg[i + 1] + seg[i + 3]) / 2;
        if (Math.hypot(mx - cx, my - cy) < 0.5) return true;
      }
      return false;
    };
    assert.ok(cutsOff(above, 1, 0) && cutsOff(above, 0, 1));
    assert.ok(cutsOff(below, 0, 0) && cutsOff(below, 1, 1));
  });

  it('skips cells with a value that is not finite, and cells all on one side', () => {
    assert.deepEqual(marchingSquares({ width: 2, height: 2, values: [0, NaN, 1, 1] }, 0.5), []);
    assert.deepEqual(marchingSquares({ width: 2, height: 2, values: [0, 0, 0, 0] }, 0.5), []);
  });
});

describe('the range a surface is coloured over', () => {
  it('spans the whole grid when no value towers over the rest', () => {
    const values = Array.from({ length: 100 }, (_, i) => i / 10);
    assert.deepEqual(surfaceRange(values), { min: 0, max: 9.9, clipped: false });
  });

  it('cuts off a towering tail at the 95th percentile, and says so', () => {
    // A basin from 1 to 2 with a wall up to 700 at one edge (a likelihood as σ goes to 0).
    const values = Array.from({ length: 400 }, (_, i) => (i < 390 ? 1 + i / 390 : 100 * (i - 389)));
    const r = surfaceRange(values);
    assert.equal(r.clipped, true);
    assert.equal(r.min, 1);
    assert.ok(r.max > 1.9 && r.max < 2, `top ${r.max}`);
    // Contour levels then fall in the basin, where the path is.
    assert.ok(contourLevels(r.min, r.max).length >= 5);
  });
});
