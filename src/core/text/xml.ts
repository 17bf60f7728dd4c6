/** Text for the SVG files GenMath writes (the CLI's `--svg`, a panel's "Export SVG"). */

/** A coordinate or label: whole numbers as they are, others to two decimals (SVG needs no more). */
export function svgNumber(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

/** Text safe inside an XML element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
