/** Text for the SVG files GenMath writes (the CLI's `--svg`, a panel's "Export SVG"). */

/** A coordinate or label: whole numbers as they are, others to two decimals (SVG needs no more). */
export function svgNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** Text safe inside an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** A grid of values over a square plot: `width` × `height` cells, row 0 at the bottom. */
export interface SvgGrid {
  readonly width: number;
  readonly height: number;
  readonly values: ArrayLike<number>;
  /** Probabilities keep their absolute scale; other values are stretched to their own range. */
  readonly kind?: string;
}

/** The grid as `<rect>` cells filling the square at (`left`, `top`) of side `size`, each coloured by `colour` of its value in [0, 1]. */
export function svgGridCells(g: SvgGrid, left: number, top: number, size: number, colour: (t: number) => string): string[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < g.values.length; i++) { lo = Math.min(lo, g.values[i]); hi = Math.max(hi, g.values[i]); }
  const norm = g.kind === 'probability' ? (v: number) => v : (v: number) => (hi > lo ? (v - lo) / (hi - lo) : 0.5);
  const cw = size / g.width;
  const ch = size / g.height;
  const cells: string[] = [];
  for (let r = 0; r < g.height; r++) {
    for (let c = 0; c < g.width; c++) {
      // Row 0 is at yMin, the bottom of the plot; cells overlap by a hair so no seam shows.
      cells.push(`<rect x="${svgNumber(left + c * cw)}" y="${svgNumber(top + size - (r + 1) * ch)}" width="${svgNumber(cw + 0.05)}" height="${svgNumber(ch + 0.05)}" fill="${colour(norm(g.values[r * g.width + c]))}"/>`);
    }
  }
  return cells;
}
