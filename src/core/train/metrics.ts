/**
 * Sample-quality metrics of a generator on a toy data set, as the Unrolled GAN, VEEGAN and PacGAN
 * papers define them, plus a grid-histogram Jensen-Shannon divergence for data sets without modes.
 */
import type { Bounds } from './datasets';

/** How many generated samples the papers' metrics use. */
export const METRIC_SAMPLES = 2500;

/** A sample is high quality within this many standard deviations of its nearest mode centre. */
export const HIGH_QUALITY_STDS = 3;

/** A mode is covered when at least this many high-quality samples are nearest to it. */
export const MIN_SAMPLES_PER_MODE = 20;

/** The papers' mode metrics. */
export interface ModeMetrics {
  /** Modes with at least MIN_SAMPLES_PER_MODE high-quality samples nearest to them. */
  readonly modesCovered: number;
  readonly modesTotal: number;
  /** The fraction of samples within HIGH_QUALITY_STDS standard deviations of their nearest mode. */
  readonly highQualityRatio: number;
  /** High-quality samples per mode, in the data set's order of modes. */
  readonly perMode: readonly number[];
  /** Set when most samples sit in one or two modes: a sentence naming it, else null. */
  readonly collapse: string | null;
}

/**
 * Mode coverage and high-quality ratio of 2-D points ([n][2], row-major). Mode collapse is named
 * when the two fullest modes hold at least 75% of all samples (counted by nearest mode,
 * high quality or not) while the data set has three modes or more.
 */
export function modeMetrics(points: Float64Array, modes: readonly (readonly [number, number])[], std: number): ModeMetrics {
  if (points.length % 2 !== 0) throw new RangeError(`modeMetrics: expected [n][2] points, got ${points.length} numbers`);
  const n = points.length / 2;
  const k = modes.length;
  if (k === 0) return { modesCovered: 0, modesTotal: 0, highQualityRatio: 0, perMode: [], collapse: null };
  const radius2 = (HIGH_QUALITY_STDS * std) ** 2;
  const perMode = new Array<number>(k).fill(0);
  const nearestCount = new Array<number>(k).fill(0);
  let good = 0;
  for (let i = 0; i < n; i++) {
    const x = points[2 * i];
    const y = points[2 * i + 1];
    let best = -1;
    let bestD = Infinity;
    for (let j = 0; j < k; j++) {
      const dx = x - modes[j][0];
      const dy = y - modes[j][1];
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    // A non-finite sample has no nearest mode and is not high quality.
    if (best < 0) continue;
    nearestCount[best]++;
    if (bestD <= radius2) {
      good++;
      perMode[best]++;
    }
  }
  const modesCovered = perMode.filter((c) => c >= MIN_SAMPLES_PER_MODE).length;
  let collapse: string | null = null;
  if (k >= 3 && n > 0) {
    const sorted = [...nearestCount].sort((a, b) => b - a);
    const share = (sorted[0] + sorted[1]) / n;
    if (share >= 0.75) {
      const one = sorted[0] / n >= 0.75;
      collapse = `mode collapse: ${one ? 'one mode holds' : 'two modes hold'} ${Math.round(100 * (one ? sorted[0] / n : share))}% of the samples`;
    }
  }
  return { modesCovered, modesTotal: k, highQualityRatio: n > 0 ? good / n : 0, perMode, collapse };
}

/** The grid of the histogram JS divergence: `bins` x `bins` cells over `bounds`. */
export interface JsGrid {
  readonly bounds: Bounds;
  readonly bins: number;
}

/** The number of cells per side of the JS grid that the trainer uses (40 x 40 over the data set's bounds). */
export const JS_BINS = 40;

function histogram(points: Float64Array, grid: JsGrid): Float64Array {
  const { bounds: b, bins } = grid;
  // One extra cell counts everything outside the bounds, so no sample is dropped or moved.
  const h = new Float64Array(bins * bins + 1);
  const n = points.length / 2;
  const sx = bins / (b.xMax - b.xMin);
  const sy = bins / (b.yMax - b.yMin);
  for (let i = 0; i < n; i++) {
    const cx = Math.floor((points[2 * i] - b.xMin) * sx);
    const cy = Math.floor((points[2 * i + 1] - b.yMin) * sy);
    if (cx >= 0 && cx < bins && cy >= 0 && cy < bins) h[cy * bins + cx]++;
    else h[bins * bins]++;
  }
  for (let i = 0; i < h.length; i++) h[i] /= n;
  return h;
}

/**
 * The Jensen-Shannon divergence, in nats (between 0 and ln 2), between the histograms of two
 * point sets ([n][2]) on the grid, with one extra cell for all points outside it. Two finite
 * samples of the same distribution score above 0 (about 0.1 for 2,500 points each on ring8).
 */
export function jsDivergence(real: Float64Array, fake: Float64Array, grid: JsGrid): number {
  if (real.length % 2 !== 0 || fake.length % 2 !== 0 || real.length === 0 || fake.length === 0) {
    throw new RangeError(`jsDivergence: expected two non-empty [n][2] point sets, got ${real.length} and ${fake.length} numbers`);
  }
  const p = histogram(real, grid);
  const q = histogram(fake, grid);
  let js = 0;
  for (let i = 0; i < p.length; i++) {
    const m = 0.5 * (p[i] + q[i]);
    if (p[i] > 0) js += 0.5 * p[i] * Math.log(p[i] / m);
    if (q[i] > 0) js += 0.5 * q[i] * Math.log(q[i] / m);
  }
  return Math.max(0, js);
}
