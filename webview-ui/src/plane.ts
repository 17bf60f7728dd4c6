/**
 * Draws one plot on the plane (a ToyPlane) on a canvas: axes with round ticks and their names, the
 * grid as a heat map with a colour scale (contour lines where it is a surface to minimize, the
 * D = ½ boundary where it is a probability), lines, point clouds (the real data last, so generated
 * samples never hide it), arrows; and the legend that goes under it.
 *
 * Cheap by design, 1-2 ms for a 48 × 48 grid and 1,000 points (`npm run bench -- plane`):
 * colour tables are built once per theme, every layer is one path or one image, and text is a
 * couple of dozen labels.
 */
import type { ToyColor, ToyGridKind, ToyPlane } from '../../src/shared/toyProtocol';
import { el } from './dom';
import { formatNumber } from './format';
import { contourLevels, marchingSquares, surfaceRange } from './plot/contours';
import { divergingLut, lightness, LUT_SIZE, lutIndex, sequentialLut, type Lut, type Rgb } from './plot/colormap';
import { formatTicks, niceTicks } from './plot/ticks';
import { prepare } from './plots';
import { rgb, type palette } from './theme';
import './plot.css';

export type Palette = ReturnType<typeof palette>;

/** Options of a drawing. */
export interface PlaneOptions {
  /** False leaves out the colour scale (a small inset). */
  readonly colorBar?: boolean;
  /** True lets the plot area fill a wide canvas instead of staying square (curves, not shapes). */
  readonly fill?: boolean;
}

/** A plot colour role as a theme colour. */
export function toyColor(c: ToyColor, colors: Palette): string {
  return c === 'muted' ? colors.foreground : colors[c];
}

/** Gaps and sizes in CSS pixels. */
const FONT_PX = 11;
const TICK = 4;
const PAD = 6;
const BAR_WIDTH = 10;
const POINT = 4;
const MARKER = 9;

/** Per palette (a new one after each theme change): the font, the colour tables and the bars drawn from them. */
interface ThemeCache {
  readonly font: string;
  readonly background: Rgb;
  readonly luts: Map<ToyGridKind, { lut: Lut; bar: HTMLCanvasElement }>;
}
const themes = new WeakMap<Palette, ThemeCache>();

function themeOf(colors: Palette): ThemeCache {
  let t = themes.get(colors);
  if (!t) {
    const family = getComputedStyle(document.body).fontFamily || 'sans-serif';
    t = { font: `${FONT_PX}px ${family}`, background: rgb(colors.background), luts: new Map() };
    themes.set(colors, t);
  }
  return t;
}

/**
 * The colour table of a kind of grid. A probability is diverging around ½, in the theme's green
 * (real) and purple (fake); a score and a surface take viridis, a score at half strength because
 * the point clouds drawn over it must stay the loudest thing on the plot.
 */
function lutOf(kind: ToyGridKind, colors: Palette): { lut: Lut; bar: HTMLCanvasElement } {
  const theme = themeOf(colors);
  let entry = theme.luts.get(kind);
  if (!entry) {
    const lut = kind === 'probability'
      ? divergingLut(theme.background, rgb(colors.low), rgb(colors.high), 0.7)
      : sequentialLut(theme.background, kind === 'score' ? 0.55 : lightness(theme.background) > 0.5 ? 0.8 : 0.9);
    const bar = document.createElement('canvas');
    bar.width = 1;
    bar.height = LUT_SIZE;
    const image = new ImageData(1, LUT_SIZE);
    for (let k = 0; k < LUT_SIZE; k++) {
      // The bar's top is the table's last entry (the largest value).
      const p = (LUT_SIZE - 1 - k) * 4;
      image.data[p] = lut[3 * k];
      image.data[p + 1] = lut[3 * k + 1];
      image.data[p + 2] = lut[3 * k + 2];
      image.data[p + 3] = 255;
    }
    bar.getContext('2d')!.putImageData(image, 0, 0);
    entry = { lut, bar };
    theme.luts.set(kind, entry);
  }
  return entry;
}

/** The heat map's own small canvas and image, kept per plot canvas so a frame allocates nothing. */
const heatImages = new WeakMap<HTMLCanvasElement, { canvas: HTMLCanvasElement; image: ImageData }>();

function heatImage(owner: HTMLCanvasElement, width: number, height: number): { canvas: HTMLCanvasElement; image: ImageData } {
  let h = heatImages.get(owner);
  if (!h || h.image.width !== width || h.image.height !== height) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    h = { canvas, image: new ImageData(width, height) };
    heatImages.set(owner, h);
  }
  return h;
}

/** A box of data coordinates that is never empty (a flat axis gets a unit span around its value). */
function usableBounds(b: ToyPlane['bounds']) {
  const fix = (lo: number, hi: number): [number, number] => (hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5]);
  const [xMin, xMax] = fix(b.xMin, b.xMax);
  const [yMin, yMax] = fix(b.yMin, b.yMax);
  return { xMin, xMax, yMin, yMax };
}

/**
 * Draws `plane` on `canvas` (sized by its CSS box). The plot area is square unless `fill`, so a
 * circle in the data stays a circle when both axes span the same length; the rest of the canvas
 * holds the tick numbers, the axes' names and the colour scale.
 */
export function drawPlane(canvas: HTMLCanvasElement, plane: ToyPlane, colors: Palette, opts: PlaneOptions = {}): void {
  canvas.classList.add('plane-canvas');
  const ctx = prepare(canvas);
  // The same size prepare() gave the bitmap, so a canvas not laid out yet is drawn whole, not cropped.
  const w = canvas.clientWidth || 320;
  const h = canvas.clientHeight || 320;
  const theme = themeOf(colors);
  ctx.clearRect(0, 0, w, h);
  ctx.font = theme.font;
  const b = usableBounds(plane.bounds);
  const grid = plane.grid && plane.grid.width >= 1 && plane.grid.height >= 1 && plane.grid.values.length === plane.grid.width * plane.grid.height ? plane.grid : undefined;
  const bar = grid !== undefined && opts.colorBar !== false;

  // The margins follow from what goes in them: the widest y tick label, the names, the colour scale.
  const named = plane.axes !== undefined;
  const guess = Math.max(80, Math.min(w, h) - 100);
  const yTicks = niceTicks(b.yMin, b.yMax, Math.max(2, Math.round(guess / 50)));
  const yLabels = formatTicks(yTicks);
  let yLabelWidth = 0;
  for (const l of yLabels) yLabelWidth = Math.max(yLabelWidth, ctx.measureText(l).width);
  const kind: ToyGridKind = grid?.kind ?? 'surface';
  const range = grid && kind !== 'probability' ? surfaceRange(grid.values) : { min: 0, max: 1, clipped: false };
  const barTicks = bar ? colorBarTicks(kind, range) : [];
  let barLabelWidth = 0;
  for (const t of barTicks) barLabelWidth = Math.max(barLabelWidth, ctx.measureText(t.label).width);
  const left = PAD + (named ? FONT_PX + PAD : 0) + yLabelWidth + TICK + 2;
  const right = bar ? PAD + BAR_WIDTH + TICK + 2 + barLabelWidth + PAD + FONT_PX + PAD : PAD + 4;
  const top = PAD + 2;
  const bottom = TICK + 2 + FONT_PX + (named ? PAD + FONT_PX : 0) + PAD;
  const fitW = Math.max(40, w - left - right);
  const fitH = Math.max(40, h - top - bottom);
  const pw = opts.fill ? fitW : Math.min(fitW, fitH);
  const ph = opts.fill ? fitH : pw;
  // Centred in the space left, so a wide canvas does not push the plot against its edge.
  const x0 = left + Math.max(0, Math.floor((w - left - right - pw) / 2));
  const y0 = top;
  const sx = pw / (b.xMax - b.xMin);
  const sy = ph / (b.yMax - b.yMin);
  const px = (x: number) => x0 + (x - b.xMin) * sx;
  const py = (y: number) => y0 + ph - (y - b.yMin) * sy;

  if (grid) drawGrid(ctx, canvas, grid, kind, range, lutOf(kind, colors).lut, { x0, y0, pw, ph }, colors);

  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, y0, pw, ph);
  ctx.clip();
  drawLines(ctx, plane, colors, px, py);
  drawClouds(ctx, plane, colors, px, py);
  drawArrows(ctx, plane, colors, px, py);
  ctx.restore();

  // The frame, the ticks and their numbers.
  ctx.strokeStyle = colors.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(x0 + 0.5, y0 + 0.5, pw - 1, ph - 1);
  const xTicks = niceTicks(b.xMin, b.xMax, Math.max(2, Math.round(pw / 60)));
  const xLabels = formatTicks(xTicks);
  ctx.beginPath();
  for (const t of xTicks) {
    const x = Math.round(px(t)) + 0.5;
    ctx.moveTo(x, y0 + ph);
    ctx.lineTo(x, y0 + ph + TICK);
  }
  for (const t of yTicks) {
    const y = Math.round(py(t)) + 0.5;
    ctx.moveTo(x0 - TICK, y);
    ctx.lineTo(x0, y);
  }
  ctx.strokeStyle = colors.muted;
  ctx.stroke();
  ctx.fillStyle = colors.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  xTicks.forEach((t, i) => ctx.fillText(xLabels[i], px(t), y0 + ph + TICK + 2));
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  yTicks.forEach((t, i) => ctx.fillText(yLabels[i], x0 - TICK - 2, py(t)));

  if (plane.axes) {
    ctx.fillStyle = colors.foreground;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(plane.axes.x, x0 + pw / 2, y0 + ph + TICK + 2 + FONT_PX + PAD / 2);
    ctx.save();
    ctx.translate(x0 - TICK - 2 - yLabelWidth - PAD / 2 - FONT_PX, y0 + ph / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'top';
    ctx.fillText(plane.axes.y, 0, 0);
    ctx.restore();
  }

  if (bar && grid) {
    const bx = x0 + pw + PAD;
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(lutOf(kind, colors).bar, bx, y0, BAR_WIDTH, ph);
    ctx.strokeStyle = colors.grid;
    ctx.strokeRect(bx + 0.5, y0 + 0.5, BAR_WIDTH - 1, ph - 1);
    const barY = (v: number) => y0 + ph - ((v - range.min) / (range.max - range.min || 1)) * ph;
    ctx.beginPath();
    for (const t of barTicks) {
      const y = Math.round(barY(t.value)) + 0.5;
      // A contour level is marked across the bar, so the lines on the plot can be read off it.
      ctx.moveTo(t.level ? bx : bx + BAR_WIDTH, y);
      ctx.lineTo(bx + BAR_WIDTH + TICK, y);
    }
    ctx.strokeStyle = colors.foreground;
    ctx.stroke();
    ctx.fillStyle = colors.muted;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    for (const t of barTicks) if (t.label) ctx.fillText(t.label, bx + BAR_WIDTH + TICK + 2, Math.min(y0 + ph - FONT_PX / 2, Math.max(y0 + FONT_PX / 2, barY(t.value))));
    ctx.fillStyle = colors.foreground;
    ctx.save();
    ctx.translate(w - PAD, y0 + ph / 2);
    ctx.rotate(Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText(grid.label ?? (kind === 'probability' ? 'probability' : 'value'), 0, 0);
    ctx.restore();
  }
}

/** A mark on the colour scale: a number, and whether it is a contour level drawn on the plot. */
interface BarTick { readonly value: number; readonly label: string; readonly level: boolean }

/**
 * The colour scale's marks: 0, ½ and 1 for a probability; the ends of the range the colours are
 * scaled to for a score or a surface ("≥" at the top when a towering tail was cut off), and a
 * surface's contour levels.
 */
function colorBarTicks(kind: ToyGridKind, range: { min: number; max: number; clipped: boolean }): BarTick[] {
  if (kind === 'probability') return [0, 0.5, 1].map((value) => ({ value, label: String(value), level: value === 0.5 }));
  const ends: BarTick[] = [
    { value: range.min, label: formatNumber(range.min, 3), level: false },
    { value: range.max, label: `${range.clipped ? '≥ ' : ''}${formatNumber(range.max, 3)}`, level: false },
  ];
  if (kind !== 'surface') return ends;
  return [...ends, ...contourLevels(range.min, range.max).map((value) => ({ value, label: '', level: true }))];
}

/** The grid as an image scaled into the plot area, and its contour lines on top. */
function drawGrid(
  ctx: CanvasRenderingContext2D,
  owner: HTMLCanvasElement,
  grid: NonNullable<ToyPlane['grid']>,
  kind: ToyGridKind,
  range: { min: number; max: number },
  lut: Lut,
  area: { x0: number; y0: number; pw: number; ph: number },
  colors: Palette,
): void {
  const { width, height, values } = grid;
  const { canvas, image } = heatImage(owner, width, height);
  const data = image.data;
  for (let row = 0; row < height; row++) {
    // Row 0 of the grid is at yMin, the bottom of the picture.
    const out = (height - 1 - row) * width;
    for (let col = 0; col < width; col++) {
      const k = 3 * lutIndex(values[row * width + col], range.min, range.max);
      const p = (out + col) * 4;
      data[p] = lut[k];
      data[p + 1] = lut[k + 1];
      data[p + 2] = lut[k + 2];
      data[p + 3] = 255;
    }
  }
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  // A surface is sampled at nodes, corners included (src/core/train/surface.ts); a heat map of D at
  // the centres of cells (src/core/train/gan.ts). Nodes are pixel centres of the small image, so
  // for a surface the image is cropped by half a pixel on each side to put them on the plot's edges.
  const nodes = kind === 'surface' && width > 1 && height > 1;
  if (nodes) ctx.drawImage(canvas, 0.5, 0.5, width - 1, height - 1, area.x0, area.y0, area.pw, area.ph);
  else ctx.drawImage(canvas, area.x0, area.y0, area.pw, area.ph);

  const levels = kind === 'surface' ? contourLevels(range.min, range.max) : kind === 'probability' ? [0.5] : [];
  if (levels.length === 0) return;
  // Grid coordinates to pixels: nodes span the area; cell centres sit half a cell inside it.
  const cw = area.pw / (nodes ? width - 1 : width);
  const ch = area.ph / (nodes ? height - 1 : height);
  const off = nodes ? 0 : 0.5;
  ctx.beginPath();
  for (const level of levels) {
    const seg = marchingSquares(grid, level);
    for (let i = 0; i + 3 < seg.length; i += 4) {
      ctx.moveTo(area.x0 + (seg[i] + off) * cw, area.y0 + area.ph - (seg[i + 1] + off) * ch);
      ctx.lineTo(area.x0 + (seg[i + 2] + off) * cw, area.y0 + area.ph - (seg[i + 3] + off) * ch);
    }
  }
  ctx.save();
  ctx.globalAlpha = kind === 'surface' ? 0.6 : 0.8;
  ctx.strokeStyle = colors.foreground;
  ctx.lineWidth = 1;
  if (kind === 'probability') ctx.setLineDash([4, 3]);
  ctx.stroke();
  ctx.restore();
}

/** Polylines, each over a halo of the background so it stays visible over any colour of the map. */
function drawLines(ctx: CanvasRenderingContext2D, plane: ToyPlane, colors: Palette, px: (x: number) => number, py: (y: number) => number): void {
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  for (const line of plane.lines) {
    if (line.xy.length < 4) continue;
    ctx.beginPath();
    ctx.moveTo(px(line.xy[0]), py(line.xy[1]));
    for (let i = 2; i + 1 < line.xy.length; i += 2) ctx.lineTo(px(line.xy[i]), py(line.xy[i + 1]));
    if (plane.grid) {
      ctx.strokeStyle = colors.background;
      ctx.lineWidth = 4;
      ctx.stroke();
    }
    ctx.strokeStyle = toyColor(line.color, colors);
    ctx.lineWidth = 2;
    ctx.stroke();
  }
}

/**
 * Point clouds, generated ones first and `real` ones last so they are never hidden. Each point is a
 * small square on a background-coloured rim (fillRect is the cheapest canvas primitive); `muted`
 * points are markers (an optimum, a minimum): a ring with a cross.
 */
function drawClouds(ctx: CanvasRenderingContext2D, plane: ToyPlane, colors: Palette, px: (x: number) => number, py: (y: number) => number): void {
  const order = [...plane.points].sort((a, b) => (a.color === 'real' ? 1 : 0) - (b.color === 'real' ? 1 : 0));
  for (const cloud of order) {
    const xy = cloud.xy;
    if (cloud.color === 'muted') {
      for (let i = 0; i + 1 < xy.length; i += 2) marker(ctx, px(xy[i]), py(xy[i + 1]), colors);
      continue;
    }
    const half = POINT / 2;
    ctx.fillStyle = colors.background;
    for (let i = 0; i + 1 < xy.length; i += 2) ctx.fillRect(px(xy[i]) - half - 1, py(xy[i + 1]) - half - 1, POINT + 2, POINT + 2);
    ctx.fillStyle = toyColor(cloud.color, colors);
    for (let i = 0; i + 1 < xy.length; i += 2) ctx.fillRect(px(xy[i]) - half, py(xy[i + 1]) - half, POINT, POINT);
  }
}

function marker(ctx: CanvasRenderingContext2D, x: number, y: number, colors: Palette): void {
  const r = MARKER / 2;
  ctx.beginPath();
  ctx.arc(x, y, r, 0, 2 * Math.PI);
  ctx.moveTo(x - r - 2, y);
  ctx.lineTo(x + r + 2, y);
  ctx.moveTo(x, y - r - 2);
  ctx.lineTo(x, y + r + 2);
  ctx.strokeStyle = colors.background;
  ctx.lineWidth = 4;
  ctx.stroke();
  ctx.strokeStyle = colors.foreground;
  ctx.lineWidth = 1.5;
  ctx.stroke();
}

/** Arrows [x, y, dx, dy, ...]: a shaft and a head, all of a group in one path. */
function drawArrows(ctx: CanvasRenderingContext2D, plane: ToyPlane, colors: Palette, px: (x: number) => number, py: (y: number) => number): void {
  const head = 5;
  const spread = 0.45;
  for (const group of plane.arrows ?? []) {
    const a = group.xyd;
    ctx.beginPath();
    for (let i = 0; i + 3 < a.length; i += 4) {
      const x = px(a[i]), y = py(a[i + 1]);
      const tx = px(a[i] + a[i + 2]), ty = py(a[i + 1] + a[i + 3]);
      const len = Math.hypot(tx - x, ty - y);
      if (!(len >= 1)) continue;
      const angle = Math.atan2(ty - y, tx - x);
      const hl = Math.min(head, len * 0.6);
      ctx.moveTo(x, y);
      ctx.lineTo(tx, ty);
      ctx.moveTo(tx - hl * Math.cos(angle - spread), ty - hl * Math.sin(angle - spread));
      ctx.lineTo(tx, ty);
      ctx.lineTo(tx - hl * Math.cos(angle + spread), ty - hl * Math.sin(angle + spread));
    }
    ctx.strokeStyle = toyColor(group.color, colors);
    ctx.lineWidth = 1.2;
    ctx.stroke();
  }
}

/**
 * Fills `legend` with a key per labelled item of the plane: a square for a point cloud, a ring for
 * a marker, a line for a polyline, an arrow for arrows. An item without a label continues the one
 * before it (a prior's second circle). Rebuilt only when the items change, not every frame.
 */
export function fillPlaneLegend(legend: HTMLElement, plane: ToyPlane, colors: Palette): void {
  const items = [
    ...plane.points.map((p) => ({ shape: p.color === 'muted' ? 'marker' : 'point', label: p.label, color: p.color })),
    ...plane.lines.map((l) => ({ shape: 'line', label: l.label, color: l.color })),
    ...(plane.arrows ?? []).map((a) => ({ shape: 'arrow', label: a.label, color: a.color })),
  ].filter((i) => i.label);
  const key = JSON.stringify([items, colors.foreground, colors.real, colors.fake, colors.high]);
  if (legend.dataset.items === key) return;
  legend.dataset.items = key;
  legend.textContent = '';
  legend.classList.add('plane-legend');
  for (const item of items) {
    const entry = el('span', { class: 'legend-item' });
    const swatch = el('span', { class: `key key-${item.shape}` }, item.shape === 'arrow' ? '→' : '');
    swatch.style.setProperty('--key-color', toyColor(item.color, colors));
    entry.append(swatch, document.createTextNode(item.label));
    legend.append(entry);
  }
}
