/**
 * What a chart of curves says beside its plot: its y axis's name and the values its legend shows.
 * No DOM here: unit tests import it in plain Node.
 */
import type { ToySeries } from '../../../src/shared/toyProtocol';

/** The last finite value of a column (what the legend shows when nothing is hovered). */
export function latestValue(column: ArrayLike<number | null | undefined> | undefined): number | null {
  if (!column) return null;
  for (let i = column.length - 1; i >= 0; i--) {
    const v = column[i];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return null;
}

/**
 * The y axis's name, from the chart's title: what comes before "over steps" or "over t" (the
 * titles say "Reconstruction loss over steps", "log₁₀ f(θ_t) over steps"); the single curve's
 * label when the title does not say; nothing rather than a guess otherwise.
 */
export function yAxisName(s: Pick<ToySeries, 'title' | 'lines'>): string {
  const m = /^(.*?)\s+over\s+(?:steps|t)\b/i.exec(s.title);
  if (m && m[1].length <= 32) return m[1];
  return s.lines.length === 1 ? s.lines[0].label : m ? m[1] : '';
}
