/** Small helpers shared by the benchmarks. */

/** The q-quantile (0..1) of some numbers. */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Prints a benchmark line in the form every benchmark uses: `NAME: <ours> vs <baseline> = <ratio>x`. */
export function report(name: string, ours: number, baseline: number, unit: string, note = ''): void {
  const ratio = ours / baseline;
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  console.log(`${name}: ${fmt(ours)} ${unit} vs ${fmt(baseline)} ${unit} = ${ratio.toFixed(2)}x${note ? `  (${note})` : ''}`);
}
