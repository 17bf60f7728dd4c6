/**
 * The toy data sets, exactly as the CLI, the panel and the metrics use them. Samples are 2-D
 * points in a row-major Float64Array; `bimodal` is 1-D (`dim` 1) and the trainer works on it in
 * 1-D, placing its points at y = 0 only for plots and metrics.
 */
import type { Random } from './random';

/** The names of the data sets. */
export type DatasetName = 'ring8' | 'grid25' | 'moons' | 'spiral' | 'gaussian' | 'line' | 'bimodal';

/** The names, in the order a menu lists them. */
export const DATASET_NAMES: readonly DatasetName[] = ['ring8', 'grid25', 'moons', 'spiral', 'gaussian', 'line', 'bimodal'];

/** A rectangle of the plane: where the data lie, with a margin; plots and the JS grid use it. */
export interface Bounds {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** One toy data set. */
export interface Dataset {
  /** A named data set's name, or `drawn` for points a person drew (`drawnDataset`). */
  readonly name: DatasetName | 'drawn';
  /** 2, or 1 for `bimodal`. */
  readonly dim: 1 | 2;
  /** Centres of its Gaussian modes as (x, y) points (y = 0 in 1-D); empty when it has no modes. */
  readonly modes: readonly (readonly [number, number])[];
  /** The standard deviation of every mode (0 when it has no modes). */
  readonly std: number;
  readonly bounds: Bounds;
  /** One line for a menu or a tooltip. */
  readonly description: string;
  /** Writes n samples ([n][dim], row-major) into out. */
  sample(rng: Random, out: Float64Array, n: number): void;
}

function mixture(rng: Random, out: Float64Array, n: number, modes: readonly (readonly [number, number])[], std: number, dim: 1 | 2): void {
  for (let i = 0; i < n; i++) {
    const c = modes[rng.int(modes.length)];
    out[i * dim] = c[0] + std * rng.normal();
    if (dim === 2) out[i * dim + 1] = c[1] + std * rng.normal();
  }
}

const ring8Modes = Array.from({ length: 8 }, (_, k) => [2 * Math.cos((2 * Math.PI * k) / 8), 2 * Math.sin((2 * Math.PI * k) / 8)] as const);
const grid25Modes = [-4, -2, 0, 2, 4].flatMap((x) => [-4, -2, 0, 2, 4].map((y) => [x, y] as const));

const datasets: Readonly<Record<DatasetName, Dataset>> = {
  ring8: {
    name: 'ring8',
    dim: 2,
    modes: ring8Modes,
    std: 0.02,
    bounds: { xMin: -3, xMax: 3, yMin: -3, yMax: 3 },
    description: '8 Gaussians on the circle of radius 2, standard deviation 0.02',
    sample: (rng, out, n) => mixture(rng, out, n, ring8Modes, 0.02, 2),
  },
  grid25: {
    name: 'grid25',
    dim: 2,
    modes: grid25Modes,
    std: 0.05,
    bounds: { xMin: -6, xMax: 6, yMin: -6, yMax: 6 },
    description: '25 Gaussians centred on {-4, -2, 0, 2, 4}², standard deviation 0.05',
    sample: (rng, out, n) => mixture(rng, out, n, grid25Modes, 0.05, 2),
  },
  moons: {
    name: 'moons',
    dim: 2,
    modes: [],
    std: 0,
    bounds: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
    description: 'two interleaving half circles (as scikit-learn makes them, centred), noise 0.05',
    sample(rng, out, n) {
      for (let i = 0; i < n; i++) {
        const t = Math.PI * rng.next();
        const upper = rng.next() < 0.5;
        // scikit-learn's make_moons, shifted by (-0.5, -0.25) so the pair is centred on the origin.
        out[2 * i] = (upper ? Math.cos(t) : 1 - Math.cos(t)) - 0.5 + 0.05 * rng.normal();
        out[2 * i + 1] = (upper ? Math.sin(t) : 0.5 - Math.sin(t)) - 0.25 + 0.05 * rng.normal();
      }
    },
  },
  spiral: {
    name: 'spiral',
    dim: 2,
    modes: [],
    std: 0,
    bounds: { xMin: -2.5, xMax: 2.5, yMin: -2.5, yMax: 2.5 },
    description: 'one arm of an Archimedean spiral, r = 2t, angle 3πt for t uniform in [0, 1], noise 0.05',
    sample(rng, out, n) {
      for (let i = 0; i < n; i++) {
        const t = rng.next();
        const r = 2 * t;
        out[2 * i] = r * Math.cos(3 * Math.PI * t) + 0.05 * rng.normal();
        out[2 * i + 1] = r * Math.sin(3 * Math.PI * t) + 0.05 * rng.normal();
      }
    },
  },
  gaussian: {
    name: 'gaussian',
    dim: 2,
    modes: [[1, 1]],
    std: 0.5,
    bounds: { xMin: -1.5, xMax: 3.5, yMin: -1.5, yMax: 3.5 },
    description: 'one Gaussian centred on (1, 1), standard deviation 0.5',
    sample: (rng, out, n) => mixture(rng, out, n, [[1, 1]], 0.5, 2),
  },
  line: {
    name: 'line',
    dim: 2,
    modes: [],
    std: 0,
    bounds: { xMin: -2, xMax: 2, yMin: -2, yMax: 2 },
    description: 'points uniform on the segment from (-1.5, -1) to (1.5, 1), no noise',
    sample(rng, out, n) {
      for (let i = 0; i < n; i++) {
        const t = rng.next();
        out[2 * i] = -1.5 + 3 * t;
        out[2 * i + 1] = -1 + 2 * t;
      }
    },
  },
  bimodal: {
    name: 'bimodal',
    dim: 1,
    modes: [
      [-2, 0],
      [2, 0],
    ],
    std: 0.25,
    bounds: { xMin: -3.5, xMax: 3.5, yMin: -1, yMax: 1 },
    description: '1-D: two Gaussians centred on -2 and 2, standard deviation 0.25 (plotted at y = 0)',
    sample: (rng, out, n) =>
      mixture(
        rng,
        out,
        n,
        [
          [-2, 0],
          [2, 0],
        ],
        0.25,
        1,
      ),
  },
};

/** The data set of a name, or a RangeError naming the ones there are. */
export function dataset(name: string): Dataset {
  const d = (datasets as Record<string, Dataset | undefined>)[name];
  if (!d) throw new RangeError(`unknown data set '${name}' (have: ${DATASET_NAMES.join(', ')})`);
  return d;
}

/** Points of a data set as 2-D points: a copy with y = 0 added in 1-D, the same array in 2-D. */
export function toPlane(points: Float64Array, dim: 1 | 2): Float64Array {
  if (dim === 2) return points;
  const out = new Float64Array(points.length * 2);
  for (let i = 0; i < points.length; i++) out[2 * i] = points[i];
  return out;
}

/** The spread of a drawn data set's samples around each drawn point. */
export const DRAWN_STD = 0.05;

/**
 * A data set of points a person drew, [x0, y0, x1, y1, ...]: each sample is one of them, picked
 * uniformly, plus N(0, DRAWN_STD²) noise, so the data have a density and not only atoms. No modes
 * are counted (the metrics report its JS divergence only); bounds cover the points with a margin.
 */
export function drawnDataset(points: readonly number[]): Dataset {
  const n = Math.floor(points.length / 2);
  if (n < 1) throw new RangeError('drawn data need at least one point: draw some on the plot first');
  for (const v of points) if (!Number.isFinite(v)) throw new RangeError('drawn data must be finite numbers');
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let i = 0; i < n; i++) {
    xMin = Math.min(xMin, points[2 * i]); xMax = Math.max(xMax, points[2 * i]);
    yMin = Math.min(yMin, points[2 * i + 1]); yMax = Math.max(yMax, points[2 * i + 1]);
  }
  // A square around the points, at least 2 wide, so the plot keeps its aspect and a lone point has room.
  const half = Math.max(1, (xMax - xMin) / 2, (yMax - yMin) / 2) * 1.25;
  const cx = (xMin + xMax) / 2;
  const cy = (yMin + yMax) / 2;
  const xy = Float64Array.from(points.slice(0, 2 * n));
  return {
    name: 'drawn',
    dim: 2,
    modes: [],
    std: 0,
    bounds: { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half },
    description: `${n} drawn points, each with noise of standard deviation ${DRAWN_STD}`,
    sample(rng, out, count) {
      for (let i = 0; i < count; i++) {
        const k = rng.int(n);
        out[2 * i] = xy[2 * k] + DRAWN_STD * rng.normal();
        out[2 * i + 1] = xy[2 * k + 1] + DRAWN_STD * rng.normal();
      }
    },
  };
}
