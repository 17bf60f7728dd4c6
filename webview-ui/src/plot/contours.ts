/**
 * Contour lines of a function sampled on a grid: round levels to draw, and the segments of each
 * level by marching squares. No DOM here: unit tests import it in plain Node.
 */
import { niceStep } from './ticks';

/** A grid of values, row-major, `width` values per row. */
export interface GridValues {
  readonly width: number;
  readonly height: number;
  readonly values: ArrayLike<number>;
}

/** The smallest and largest finite value of a grid ([0, 1] when it has none). */
export function gridRange(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return Number.isFinite(min) && Number.isFinite(max) ? { min, max } : { min: 0, max: 1 };
}

/** Beyond this many times the spread of the bulk of the values, a tail is cut off the colour scale. */
const TAIL = 4;

/**
 * The range the colours and contours of a surface span: the grid's minimum and maximum, unless a
 * few values tower over the rest (a likelihood near σ = 0, a loss's wall), when the top is the 95th
 * percentile and `clipped` is true: the values above it take the top colour, and the scale says so.
 * Otherwise the basin, where the path goes, would be one flat colour without a contour.
 */
export function surfaceRange(values: ArrayLike<number>): { min: number; max: number; clipped: boolean } {
  const { min, max } = gridRange(values);
  const finite = Float64Array.from(values).filter(Number.isFinite).sort();
  if (finite.length < 20) return { min, max, clipped: false };
  const q = finite[Math.floor(0.95 * (finite.length - 1))];
  return max - min > TAIL * (q - min) && q > min ? { min, max: q, clipped: true } : { min, max, clipped: false };
}

/**
 * About `count` round levels strictly between `min` and `max` (multiples of a 1-2-5 step), so each
 * contour is labelled by a number a person can read off. None for a flat grid.
 */
export function contourLevels(min: number, max: number, count = 10): number[] {
  if (!(max > min) || !Number.isFinite(max - min)) return [];
  const step = niceStep(max - min, count + 1);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const out: number[] = [];
  for (let k = Math.floor(min / step) + 1; k * step < max && out.length < 4 * count; k++) {
    const v = k * step;
    if (v > min) out.push(decimals <= 20 ? Number(v.toFixed(decimals)) : v);
  }
  return out;
}

/**
 * The contour of `level` as line segments [x0, y0, x1, y1, ...] in grid coordinates: x the column
 * (0 at the first, width − 1 at the last), y the row, the crossing placed by linear interpolation
 * along each cell edge. A cell whose corners alternate above and below the level (a saddle) is
 * split by its centre's value, the average of its corners. Cells touching a non-finite value are
 * skipped.
 */
export function marchingSquares(grid: GridValues, level: number): number[] {
  const { width, height, values } = grid;
  const out: number[] = [];
  // Where along an edge from a value a to a value b the level is crossed (0 at a, 1 at b).
  const at = (a: number, b: number) => (a === b ? 0.5 : (level - a) / (b - a));
  for (let r = 0; r + 1 < height; r++) {
    for (let c = 0; c + 1 < width; c++) {
      const v0 = values[r * width + c]; // bottom-left (row r is the lower one)
      const v1 = values[r * width + c + 1]; // bottom-right
      const v2 = values[(r + 1) * width + c + 1]; // top-right
      const v3 = values[(r + 1) * width + c]; // top-left
      const index = (v0 > level ? 1 : 0) | (v1 > level ? 2 : 0) | (v2 > level ? 4 : 0) | (v3 > level ? 8 : 0);
      if (index === 0 || index === 15) continue;
      if (!Number.isFinite(v0 + v1 + v2 + v3)) continue;
      // The crossing on each edge: bottom (v0-v1), right (v1-v2), top (v3-v2), left (v0-v3).
      const bx = c + at(v0, v1), by = r;
      const rx = c + 1, ry = r + at(v1, v2);
      const tx = c + at(v3, v2), ty = r + 1;
      const lx = c, ly = r + at(v0, v3);
      switch (index) {
        case 1: case 14: out.push(lx, ly, bx, by); break;
        case 2: case 13: out.push(bx, by, rx, ry); break;
        case 3: case 12: out.push(lx, ly, rx, ry); break;
        case 4: case 11: out.push(rx, ry, tx, ty); break;
        case 6: case 9: out.push(bx, by, tx, ty); break;
        case 7: case 8: out.push(lx, ly, tx, ty); break;
        case 5: case 10: {
          // A saddle: v0 and v2 on one side, v1 and v3 on the other. If the centre is on v0's side,
          // the v0-v2 diagonal is connected, and the lines cut off the corners v1 and v3.
          const centreAbove = (v0 + v1 + v2 + v3) / 4 > level;
          const v0Above = index === 5;
          if (centreAbove === v0Above) out.push(bx, by, rx, ry, tx, ty, lx, ly);
          else out.push(lx, ly, bx, by, rx, ry, tx, ty);
          break;
        }
      }
    }
  }
  return out;
}
