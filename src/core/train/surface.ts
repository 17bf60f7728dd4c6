/**
 * A scalar function sampled on a regular 2-D grid, for the contour plots of the maximum-likelihood
 * fit and the gradient-descent explorer. It lives apart from the GAN's heat map because these
 * surfaces are sampled at grid nodes (so the optimum and the path's points sit on exact
 * coordinates) and carry their axis names.
 */

/** A function of two variables on a grid of nodes. */
export interface Surface {
  /** What the horizontal and vertical axes are, e.g. `μ` and `σ`. */
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
  /** Nodes per row and per column (at least 2 each). */
  readonly width: number;
  readonly height: number;
  /** Row-major [height][width]; row 0 at yMin, column 0 at xMin, the last ones at yMax and xMax. */
  readonly values: Float64Array;
}

/** Samples `f` on `width` × `height` nodes spanning the rectangle, corners included. */
export function sampleSurface(
  labels: readonly [string, string],
  box: { readonly xMin: number; readonly xMax: number; readonly yMin: number; readonly yMax: number },
  width: number,
  height: number,
  f: (x: number, y: number) => number,
): Surface {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 2 || height < 2) {
    throw new RangeError(`a surface needs at least 2 × 2 nodes, got ${width} × ${height}`);
  }
  const values = new Float64Array(width * height);
  for (let r = 0; r < height; r++) {
    const y = box.yMin + ((box.yMax - box.yMin) * r) / (height - 1);
    for (let c = 0; c < width; c++) {
      const x = box.xMin + ((box.xMax - box.xMin) * c) / (width - 1);
      values[r * width + c] = f(x, y);
    }
  }
  return { xLabel: labels[0], yLabel: labels[1], ...box, width, height, values };
}

/**
 * The smallest rectangle holding the given (x, y) pairs, widened by `margin` of its size on each
 * side (and to at least `minSpan` per axis, so a path that has not moved still gets a plot).
 */
export function boundsOf(points: readonly number[] | Float64Array, margin = 0.15, minSpan = 1e-3): { xMin: number; xMax: number; yMin: number; yMax: number } {
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (let i = 0; i + 1 < points.length; i += 2) {
    const x = points[i];
    const y = points[i + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  if (!Number.isFinite(xMin)) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  const padX = Math.max((xMax - xMin) * margin, minSpan / 2);
  const padY = Math.max((yMax - yMin) * margin, minSpan / 2);
  return { xMin: xMin - padX, xMax: xMax + padX, yMin: yMin - padY, yMax: yMax + padY };
}
