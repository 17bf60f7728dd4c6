/**
 * A toy's plane plot as one self-contained SVG (pure string building, no DOM): the "Export SVG"
 * of the toy panel. The grid as cells, lines, points (real ones last, so above the others), arrows,
 * the axes' ranges and names, the title. Colours are fixed: a file has no editor theme to follow.
 */
import { escapeXml, svgGridCells, svgNumber as fmt } from '../core/text/xml';
import type { ToyColor, ToyPlane } from './toyProtocol';

const SIZE = 480;
const PAD = 44;

const COLOURS: Readonly<Record<ToyColor, string>> = { real: '#1f77b4', fake: '#e07b00', high: '#2a9d3a', low: '#7b2cbf', third: '#d62728', muted: '#555555' };

/** White (low) to green (high), for a value in [0, 1]. */
function cellColour(t: number): string {
  const v = Math.max(0, Math.min(1, t));
  return `rgb(${Math.round(255 - 213 * v)},${Math.round(255 - 98 * v)},${Math.round(255 - 197 * v)})`;
}

/** The SVG text of one plane. */
export function planeSvg(p: ToyPlane): string {
  const b = p.bounds;
  const sx = (x: number) => PAD + ((x - b.xMin) / (b.xMax - b.xMin)) * SIZE;
  const sy = (y: number) => PAD + SIZE - ((y - b.yMin) / (b.yMax - b.yMin)) * SIZE;
  // (The cells are the array itself, not spread into one: a 256 × 256 grid is too many arguments.)
  const parts = p.grid && p.grid.width > 0 && p.grid.height > 0 ? svgGridCells(p.grid, PAD, PAD, SIZE, cellColour) : [];
  for (const line of p.lines) {
    const pts: string[] = [];
    for (let i = 0; i + 1 < line.xy.length; i += 2) pts.push(`${fmt(sx(line.xy[i]))},${fmt(sy(line.xy[i + 1]))}`);
    parts.push(`<polyline fill="none" stroke="${COLOURS[line.color]}" stroke-width="1" points="${pts.join(' ')}"/>`);
  }
  const clouds = [...p.points.filter((c) => c.color !== 'real'), ...p.points.filter((c) => c.color === 'real')];
  for (const cloud of clouds) {
    const dots: string[] = [];
    for (let i = 0; i + 1 < cloud.xy.length; i += 2) dots.push(`<circle cx="${fmt(sx(cloud.xy[i]))}" cy="${fmt(sy(cloud.xy[i + 1]))}" r="2"/>`);
    parts.push(`<g fill="${COLOURS[cloud.color]}" fill-opacity="0.8">${dots.join('')}</g>`);
  }
  for (const set of p.arrows ?? []) {
    const segs: string[] = [];
    for (let i = 0; i + 3 < set.xyd.length; i += 4) segs.push(`<line x1="${fmt(sx(set.xyd[i]))}" y1="${fmt(sy(set.xyd[i + 1]))}" x2="${fmt(sx(set.xyd[i] + set.xyd[i + 2]))}" y2="${fmt(sy(set.xyd[i + 1] + set.xyd[i + 3]))}"/>`);
    parts.push(`<g stroke="${COLOURS[set.color]}" stroke-width="1" marker-end="url(#head)">${segs.join('')}</g>`);
  }
  const legend = [...p.points, ...p.lines, ...(p.arrows ?? [])].filter((i) => i.label).map((i) => i.label).join(' · ');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE + 2 * PAD}" height="${SIZE + 2 * PAD + 20}" font-family="sans-serif" font-size="12">`,
    '<defs><marker id="head" viewBox="0 0 6 6" refX="5" refY="3" markerWidth="5" markerHeight="5" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#555555"/></marker></defs>',
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${PAD}" y="${PAD - 24}" font-size="14">${escapeXml(p.title)}</text>`,
    `<text x="${PAD}" y="${PAD - 8}" fill="#555555">${escapeXml(legend)}${p.grid?.label ? ` · background: ${escapeXml(p.grid.label)}` : ''}</text>`,
    `<clipPath id="plot"><rect x="${PAD}" y="${PAD}" width="${SIZE}" height="${SIZE}"/></clipPath>`,
    `<g clip-path="url(#plot)">${parts.join('')}</g>`,
    `<rect x="${PAD}" y="${PAD}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#444444"/>`,
    `<text x="${PAD}" y="${PAD + SIZE + 16}">${escapeXml(p.axes?.x ?? 'x')} from ${fmt(b.xMin)} to ${fmt(b.xMax)}; ${escapeXml(p.axes?.y ?? 'y')} from ${fmt(b.yMin)} to ${fmt(b.yMax)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
