/**
 * plane-frame: one frame of a plane plot (a 48 × 48 heat map and 1,000 points, 500 real and 500
 * generated) drawn by webview-ui/src/plane.ts, with axes, ticks, colour scale and contour, against
 * the drawing it replaced (a bare heat map and the points), in Chromium (the webviews' engine, here
 * without a GPU as on a CI machine), each frame read back so rasterizing is counted. Target: our
 * median under 5 ms.
 *
 * With PLANE_SHOTS=DIR it also saves what the toys' planes look like in a dark, a light
 * and a high-contrast theme (PNG files in DIR), for a person to look at.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { ToyPlane } from '../src/shared/toyProtocol';
import { gdToy } from '../src/worker/toys/gd';
import { klfitToy } from '../src/worker/toys/klfit';
import { mleToy } from '../src/worker/toys/mle';
import { vaeToy } from '../src/worker/toys/vae';
import { Random } from '../src/core/train/random';
import { quantile, report } from './stats';

// esbuild is loaded at run time, not bundled into this benchmark (its binary cannot be bundled).
const esbuild = createRequire(__filename)('esbuild') as typeof import('esbuild');
const root = path.resolve(__dirname, '..', '..');

/** The theme variables of VS Code's Dark Modern, Dark High Contrast and Light Modern that the plots read. */
const THEMES: Record<string, Record<string, string>> = {
  dark: {
    '--vscode-editor-background': '#1f1f1f', '--vscode-editor-foreground': '#cccccc', '--vscode-foreground': '#cccccc',
    '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editorWidget-border': '#313131', '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7', '--vscode-charts-red': '#f14c4c',
  },
  'high-contrast': {
    '--vscode-editor-background': '#000000', '--vscode-editor-foreground': '#ffffff', '--vscode-foreground': '#ffffff',
    '--vscode-descriptionForeground': '#ffffff', '--vscode-editorWidget-border': '#6fc3df', '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#89d185', '--vscode-charts-purple': '#b180d7', '--vscode-charts-red': '#f14c4c',
  },
  light: {
    '--vscode-editor-background': '#ffffff', '--vscode-editor-foreground': '#3b3b3b', '--vscode-foreground': '#3b3b3b',
    '--vscode-descriptionForeground': '#3b3b3b', '--vscode-editorWidget-border': '#c8c8c8', '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-orange': '#d18616', '--vscode-charts-green': '#388a34', '--vscode-charts-purple': '#652d90', '--vscode-charts-red': '#e51400',
  },
};

function benchPlane(): ToyPlane {
  const random = new Random(1);
  const side = 48;
  const values: number[] = [];
  for (let r = 0; r < side; r++) for (let c = 0; c < side; c++) values.push(1 / (1 + Math.exp(-3 * Math.sin(c / 7) * Math.cos(r / 9))));
  const cloud = (n: number, spread: number) => Array.from({ length: 2 * n }, () => spread * random.normal());
  return {
    title: 'bench', bounds: { xMin: -3, xMax: 3, yMin: -3, yMax: 3 }, axes: { x: 'x₁', y: 'x₂' },
    grid: { width: side, height: side, values, kind: 'probability', label: 'D(x) = P(real)' },
    points: [{ label: 'generated', color: 'fake', xy: cloud(500, 1.2) }, { label: 'real', color: 'real', xy: cloud(500, 1) }],
    lines: [],
  };
}

/** Generated points with arrows towards the unit circle, as a GAN's gradient arrows would show. */
function arrowPlane(): ToyPlane {
  const random = new Random(2);
  const xy: number[] = [];
  const xyd: number[] = [];
  for (let i = 0; i < 60; i++) {
    const x = 1.6 * random.normal(), y = 1.6 * random.normal();
    const r = Math.hypot(x, y) || 1;
    xy.push(x, y);
    xyd.push(x, y, 0.3 * (x / r - x), 0.3 * (y / r - y));
  }
  return {
    title: 'arrows', bounds: { xMin: -3, xMax: 3, yMin: -3, yMax: 3 }, axes: { x: 'x₁', y: 'x₂' },
    points: [{ label: 'generated', color: 'fake', xy }],
    lines: [],
    arrows: [{ label: 'where G moves them', color: 'fake', xyd }],
  };
}

function toyPlanes(): ToyPlane[] {
  const planes: ToyPlane[] = [benchPlane(), arrowPlane()];
  const mle = mleToy.create({ model: 'gaussian', method: 'gradient', seed: 1 });
  mle.step(60);
  planes.push(...mle.view().planes);
  const mix = mleToy.create({ model: 'mixture', method: 'em', seed: 1 });
  mix.step(30);
  planes.push(...mix.view().planes);
  for (const fn of ['quadratic', 'rosenbrock']) {
    const gd = gdToy.create({ function: fn });
    gd.step(60);
    planes.push(...gd.view().planes);
  }
  const kl = klfitToy.create({});
  kl.step(200);
  planes.push(...kl.view().planes);
  const vae = vaeToy.create({ dataset: 'ring8', latentDim: '2', seed: 1 });
  vae.step(200);
  planes.push(...vae.view().planes);
  return planes;
}

async function main(): Promise<void> {
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'webview-ui/bench/planePage.ts')], bundle: true, write: false, format: 'iife',
    platform: 'browser', target: 'es2022', outdir: '/tmp/plane-bench', logLevel: 'warning',
  });
  const js = built.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = built.outputFiles.filter((f) => f.path.endsWith('.css')).map((f) => f.text).join('\n');
  const browser = await chromium.launch({ executablePath: process.env.GENMATH_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const load = async (theme: string) => {
      const vars = Object.entries(THEMES[theme]).map(([k, v]) => `${k}: ${v};`).join(' ');
      const style = `body { ${vars} background: var(--vscode-editor-background); color: var(--vscode-foreground); font-family: system-ui, sans-serif; font-size: 13px; }
        .plots { display: flex; flex-wrap: wrap; gap: 12px; } figure { margin: 0; } figcaption { font-size: 0.9em; color: var(--vscode-descriptionForeground); }
        figure.plane { flex: 0 0 360px; } figure.plane canvas { width: 100%; height: auto; }`;
      await page.setContent(`<html><head><style>${style}\n${css}</style></head><body><div id="plots" class="plots"></div></body></html>`);
      await page.addScriptTag({ content: js });
    };
    await load('dark');
    const plane = benchPlane();
    await page.evaluate((p) => (globalThis as unknown as { timePlane(p: ToyPlane, n: number): unknown }).timePlane(p, 20), plane);
    const { ours, baseline } = await page.evaluate((p) => (globalThis as unknown as { timePlane(p: ToyPlane, n: number): { ours: number[]; baseline: number[] } }).timePlane(p, 300), plane);
    report('plane-frame', quantile(ours, 0.5), quantile(baseline, 0.5), 'ms', `median of 300 frames, 48 × 48 grid and 1,000 points, 360 px canvas; p95 ${quantile(ours, 0.95).toFixed(2)} ms vs ${quantile(baseline, 0.95).toFixed(2)} ms; the baseline draws no axes, scale nor contour`);
    const shots = process.env.PLANE_SHOTS;
    if (shots) {
      const planes = toyPlanes();
      for (const theme of Object.keys(THEMES)) {
        await load(theme);
        await page.evaluate((ps) => (globalThis as unknown as { showPlanes(p: ToyPlane[]): void }).showPlanes(ps), planes);
        await page.screenshot({ path: path.join(shots, `planes-${theme}.png`), fullPage: true });
      }
    }
  } finally {
    await browser.close();
  }
}

void main();
