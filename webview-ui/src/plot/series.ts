/**
 * What a chart of curves says beside its plot: its y axis's name and the values its legend shows.
 * No DOM here: unit tests import it in plain Node.
 */
import type { ToySeries } from '../../../src/shared/toyProtocol';
import { formatNumber } from '../format';

/** The last finite value of a column (what the legend shows when nothing is hovered). */
export function latestValue(column: ArrayLike<number | null | undefined> | undefined): number | null {
  if (!column) return null;
  for (let i = column.length - 1; i >= 0; i--) {
    const v = column[i];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

/** Longer names do not fit along a 170-pixel chart's y axis (11 px type). */
const MAX_NAME = 22;

/**
 * The y axis's name, from the chart's title: what comes before "over steps" or "over t" (the
 * titles say "Reconstruction loss over steps", "log₁₀ f(θ_t) over steps"); when that is too long
 * to fit, or the title does not say, the curves' own labels; nothing rather than a cut-off name.
 */
export function yAxisName(s: Pick<ToySeries, 'title' | 'lines'>): string {
  const m = /^(.*?)\s+over\s+(?:steps|t)\b/i.exec(s.title);
  if (m && m[1].length <= MAX_NAME) return m[1];
  const labels = s.lines.map((l) => l.label).join(', ');
  return labels.length <= MAX_NAME ? labels : '';
}

/** A legend's number: a whole number (a step) as it is up to a million, anything else to 4 significant digits. */
export function legendValue(v: number | null | undefined): string {
  if (v === null || v === undefined) return '–';
  return Number.isInteger(v) && Math.abs(v) < 1e6 ? String(v) : formatNumber(v, 4);
}
