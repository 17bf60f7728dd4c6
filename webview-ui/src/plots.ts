/** Canvas drawing for the GAN panel: scatter over a heat map, and the manifold view. Plain 2D canvas: ~0.2 ms a frame. */
import { rgb } from './theme';

export interface Bounds {
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/** Sizes a canvas for the device's pixel ratio and returns its 2D context in CSS pixels. */
export function prepare(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth || 320;
  const h = canvas.clientHeight || 320;
  if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
    canvas.width = Math.round(w * ratio);
    canvas.height = Math.round(h * ratio);
  }
  const ctx = canvas.getContext('2d')!;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

/** Maps data coordinates to canvas pixels (y up). */
export function projector(b: Bounds, w: number, h: number) {
  const sx = w / (b.xMax - b.xMin);
  const sy = h / (b.yMax - b.yMin);
  return { x: (x: number) => (x - b.xMin) * sx, y: (y: number) => h - (y - b.yMin) * sy };
}

let heatCanvas: HTMLCanvasElement | undefined;

/**
 * Draws D(x) as a heat map: towards `high` where D says "real", towards `low` where it says "fake".
 * Probabilities are used as they are; critic and least-squares scores are scaled to their range.
 */
export function drawHeatmap(ctx: CanvasRenderingContext2D, w: number, h: number, heat: { width: number; height: number; values: readonly number[]; kind: string }, high: string, low: string): void {
  heatCanvas ??= document.createElement('canvas');
  heatCanvas.width = heat.width;
  heatCanvas.height = heat.height;
  const hctx = heatCanvas.getContext('2d')!;
  const image = hctx.createImageData(heat.width, heat.height);
  let min = 0;
  let max = 1;
  if (heat.kind !== 'probability') {
    min = Infinity;
    max = -Infinity;
    for (const v of heat.values) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (!(max > min)) max = min + 1;
  }
  const [hr, hg, hb] = rgb(high);
  const [lr, lg, lb] = rgb(low);
  for (let row = 0; row < heat.height; row++) {
    // Row 0 of the data is at yMin, which is the bottom of the picture.
    const out = (heat.height - 1 - row) * heat.width;
    for (let col = 0; col < heat.width; col++) {
      const t = Math.min(1, Math.max(0, (heat.values[row * heat.width + col] - min) / (max - min)));
      const p = (out + col) * 4;
      image.data[p] = lr + (hr - lr) * t;
      image.data[p + 1] = lg + (hg - lg) * t;
      image.data[p + 2] = lb + (hb - lb) * t;
      image.data[p + 3] = 90;
    }
  }
  hctx.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(heatCanvas, 0, 0, w, h);
}

/** Draws points [x0, y0, x1, y1, ...] as small squares (fillRect is the fastest canvas primitive). */
export function drawPoints(ctx: CanvasRenderingContext2D, points: readonly number[], project: ReturnType<typeof projector>, color: string, size: number): void {
  ctx.fillStyle = color;
  const half = size / 2;
  for (let i = 0; i + 1 < points.length; i += 2) ctx.fillRect(project.x(points[i]) - half, project.y(points[i + 1]) - half, size, size);
}

/** Draws the generator's image of a latent grid as a mesh: how G bends the plane. */
export function drawManifold(ctx: CanvasRenderingContext2D, m: { rows: number; cols: number; points: readonly number[] }, project: ReturnType<typeof projector>, color: string): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = 1;
  ctx.beginPath();
  const at = (i: number, j: number) => (i * m.cols + j) * 2;
  for (let i = 0; i < m.rows; i++) {
    for (let j = 0; j < m.cols; j++) {
      const p = at(i, j);
      const x = project.x(m.points[p]);
      const y = project.y(m.points[p + 1]);
      if (j + 1 < m.cols) {
        ctx.moveTo(x, y);
        ctx.lineTo(project.x(m.points[at(i, j + 1)]), project.y(m.points[at(i, j + 1) + 1]));
      }
      if (i + 1 < m.rows) {
        ctx.moveTo(x, y);
        ctx.lineTo(project.x(m.points[at(i + 1, j)]), project.y(m.points[at(i + 1, j) + 1]));
      }
    }
  }
  ctx.stroke();
}
