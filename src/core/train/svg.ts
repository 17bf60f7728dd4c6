/**
 * A GAN snapshot as one self-contained SVG (pure string building, no DOM): the D(x) heat map
 * with real and generated samples over it, and the losses over steps. The CLI writes it for
 * `--svg`; colours are fixed because a standalone file has no editor theme to follow.
 */
import { escapeXml, svgGridCells, svgNumber as fmt } from '../text/xml';
import type { GanSnapshot } from './gan';

const PANEL = 300;
const PAD = 36;

/** Blue (low) through white to orange (high), for a value in [0, 1]. */
function heatColour(t: number): string {
  const v = Math.max(0, Math.min(1, t));
  const lo = [49, 104, 180];
  const hi = [230, 120, 30];
  const mix = (a: number, b: number) => Math.round(v < 0.5 ? a + (255 - a) * (v / 0.5) : 255 + (b - 255) * ((v - 0.5) / 0.5));
  return `rgb(${mix(lo[0], hi[0])},${mix(lo[1], hi[1])},${mix(lo[2], hi[2])})`;
}

function scatterPanel(s: GanSnapshot): string {
  const { heatmap: h } = s;
  const b = h.bounds;
  const sx = (x: number) => PAD + ((x - b.xMin) / (b.xMax - b.xMin)) * PANEL;
  const sy = (y: number) => PAD + PANEL - ((y - b.yMin) / (b.yMax - b.yMin)) * PANEL;
  const parts = svgGridCells(h, PAD, PAD, PANEL, heatColour);
  const dots = (pts: Float64Array, fill: string, radius: number) => {
    const out: string[] = [];
    for (let i = 0; i + 1 < pts.length; i += 2) out.push(`<circle cx="${fmt(sx(pts[i]))}" cy="${fmt(sy(pts[i + 1]))}" r="${radius}"/>`);
    return `<g fill="${fill}" fill-opacity="0.75">${out.join('')}</g>`;
  };
  parts.push(dots(s.real, '#2a9d3a', 1.6), dots(s.fake, '#7b2cbf', 1.6));
  parts.push(`<rect x="${PAD}" y="${PAD}" width="${PANEL}" height="${PANEL}" fill="none" stroke="#444"/>`);
  const heatName = h.kind === 'probability' ? 'D(x)' : h.kind === 'critic' ? 'critic D(x)' : 'D(x) score';
  parts.push(`<text x="${PAD}" y="${PAD - 10}" font-size="13">samples: real (green), generated (purple); background ${heatName}</text>`);
  parts.push(`<text x="${PAD}" y="${PAD + PANEL + 16}" font-size="11">x from ${fmt(b.xMin)} to ${fmt(b.xMax)}, y from ${fmt(b.yMin)} to ${fmt(b.yMax)}</text>`);
  return parts.join('');
}

function lossPanel(s: GanSnapshot, left: number): string {
  const { steps, lossD, lossG } = s.history;
  const parts: string[] = [`<rect x="${left}" y="${PAD}" width="${PANEL}" height="${PANEL}" fill="none" stroke="#444"/>`];
  parts.push(`<text x="${left}" y="${PAD - 10}" font-size="13">losses over steps: D (blue), G (orange)</text>`);
  if (steps.length === 0) return parts.join('');
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of [lossD, lossG]) {
    for (const v of a) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (!(hi > lo)) {
    hi = lo + 1;
    lo -= 1;
  }
  const x0 = steps[0];
  const x1 = Math.max(steps[steps.length - 1], x0 + 1);
  const sx = (x: number) => left + ((x - x0) / (x1 - x0)) * PANEL;
  const sy = (y: number) => PAD + PANEL - ((y - lo) / (hi - lo)) * PANEL;
  // At most ~600 points a line: more cannot be seen at this size.
  const stride = Math.max(1, Math.ceil(steps.length / 600));
  const line = (a: Float64Array, colour: string) => {
    const pts: string[] = [];
    for (let i = 0; i < a.length; i += stride) pts.push(`${fmt(sx(steps[i]))},${fmt(sy(a[i]))}`);
    return `<polyline fill="none" stroke="${colour}" stroke-width="1.2" points="${pts.join(' ')}"/>`;
  };
  parts.push(line(lossD, '#3168b4'), line(lossG, '#e6781e'));
  parts.push(`<text x="${left}" y="${PAD + PANEL + 16}" font-size="11">steps ${fmt(x0)}-${fmt(x1)}, loss from ${lo.toFixed(3)} to ${hi.toFixed(3)}</text>`);
  return parts.join('');
}

/** The snapshot's scatter over the heat map, and its loss curves, as an SVG document. */
export function ganSvg(s: GanSnapshot, title = `GenMath toy GAN: ${s.config.dataset}, ${s.config.loss}, step ${s.step}`): string {
  const width = 2 * PANEL + 3 * PAD + 20;
  const height = PANEL + 2 * PAD + 36;
  const m = s.metrics;
  const summary = [
    m && m.modesTotal > 0 ? `modes covered ${m.modesCovered}/${m.modesTotal}, high quality ${(100 * m.highQualityRatio).toFixed(1)}%` : '',
    m ? `JS divergence ${m.jsd.toFixed(3)} nats` : '',
    m?.collapse ?? '',
    s.diverged ?? '',
  ].filter(Boolean);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${PAD}" y="14" font-size="13" font-weight="bold">${escapeXml(title)}</text>`,
    // The panels sit a line lower, so their captions clear the title.
    `<g transform="translate(0,12)">`,
    scatterPanel(s),
    lossPanel(s, 2 * PAD + PANEL + 20),
    '</g>',
    `<text x="${PAD}" y="${height - 6}" font-size="12">${escapeXml(summary.join('; '))}</text>`,
    '</svg>',
    '',
  ].join('\n');
}
