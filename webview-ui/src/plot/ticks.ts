/**
 * Axis ticks at round numbers: steps of 1, 2 or 5 times a power of ten, and their labels printed
 * with just enough digits to tell them apart. No DOM here: unit tests import it in plain Node.
 */
import { formatNumber } from '../format';

/** The round step (1, 2 or 5 × 10^k) closest to dividing `span` into about `count` parts; 1 for an empty span. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span) || !(count >= 1)) return 1;
  const raw = span / count;
  const e = Math.floor(Math.log10(raw));
  const unit = raw / 10 ** e;
  // Thresholds at the geometric means of 1, 2, 5 and 10, so the step is the closest in ratio.
  const nice = unit < Math.SQRT2 ? 1 : unit < Math.sqrt(10) ? 2 : unit < Math.sqrt(50) ? 5 : 10;
  // Dividing by an exact power of ten keeps 1e-4 exact, where 10 * 1e-5 is 0.00009999999999999999.
  return e < 0 ? nice / 10 ** -e : nice * 10 ** e;
}

/** The multiples of a round step inside [min, max] (ends included), about `count` of them, free of float dust (0.30000000000000004). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (max < min) [min, max] = [max, min];
  if (max === min) return [min];
  const step = niceStep(max - min, count);
  const first = Math.ceil(min / step - 1e-9);
  const last = Math.floor(max / step + 1e-9);
  // Digits of the step, to round each tick back to the decimal it stands for.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  const out: number[] = [];
  for (let k = first; k <= last && out.length < 1000; k++) {
    const v = k * step;
    out.push(decimals <= 20 ? Number(v.toFixed(decimals)) : v);
  }
  return out;
}

/**
 * Labels for ticks that share one spacing, with just the digits that spacing needs: 0.5, 1, 1.5
 * rather than 0.500, 1.000, 1.500; 1.02, 1.04 rather than 1, 1; whole numbers (step counts) as
 * they are up to a million; the rest in scientific notation past the size `formatNumber` sets.
 */
export function formatTicks(ticks: readonly number[]): string[] {
  if (ticks.every((t) => Number.isInteger(t) && Math.abs(t) < 1e6)) return ticks.map((t) => String(t === 0 ? 0 : t));
  let largest = 0;
  for (const t of ticks) largest = Math.max(largest, Math.abs(t));
  let spacing = Infinity;
  for (let i = 1; i < ticks.length; i++) spacing = Math.min(spacing, Math.abs(ticks[i] - ticks[i - 1]) || Infinity);
  if (!Number.isFinite(spacing) || largest === 0) return ticks.map((t) => formatNumber(t, 3));
  // Significant digits: from the largest tick's first digit down to the spacing's last one.
  const spacingDigits = Number(spacing.toPrecision(6)).toExponential().split('e')[0].replace(/^-?\d\.?/, '').length + 1;
  const digits = Math.floor(Math.log10(largest)) - Math.floor(Math.log10(spacing)) + spacingDigits;
  return ticks.map((t) => formatNumber(t, Math.min(8, Math.max(1, digits))));
}
