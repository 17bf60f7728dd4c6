/**
 * The generic toy panel (VAE, maximum likelihood, autoencoder, diffusion, KL fits, gradient
 * descent): the note's formula when a note opened it, the toy's formula with its terms' live
 * values, controls, one to three plane plots and one or two charts of curves.
 * What to draw comes from the toy's frames; this file only knows how to draw.
 */
import uPlot from 'uplot';
import type { ToyColor, ToyCommand, ToyEvent, ToyFrame, ToyPlane, ToySeries } from '../../src/shared/toyProtocol';
import { buildControl, formatNumber, type BuiltControl } from './controls';
import { el } from './dom';
import { latestOnly } from './latest';
import { renderMath } from './math';
import { drawHeatmap, drawPoints, prepare, projector } from './plots';
import { sourceView } from './source';
import { palette } from './theme';
import { vscode } from './vscodeApi';

type Settings = Record<string, string | number>;
interface SavedState { toy?: string; settings?: Settings }

function post(command: ToyCommand): void {
  vscode.postMessage(command);
}

function colorOf(c: ToyColor, colors: ReturnType<typeof palette>): string {
  return c === 'muted' ? colors.foreground : colors[c];
}

const state = (): SavedState => (vscode.getState() as SavedState | undefined) ?? {};

/** A plane plot: its canvas, title and legend. The first one's canvas is `#plane`, the others `#plane-1`, `#plane-2`. */
interface PlaneView { readonly canvas: HTMLCanvasElement; readonly title: HTMLElement; readonly legend: HTMLElement }
/** A chart of curves, `#series`, `#series-1`; rebuilt when its lines change. */
interface SeriesView { readonly host: HTMLElement; readonly title: HTMLElement; plot?: uPlot; lines: string }

/** Mounts the toy view into `root`. */
export function mountToy(root: HTMLElement): void {
  let colors = palette();
  let last: ToyFrame | undefined;
  let shownFormula = '';
  let shownControls = '';
  let controlViews: { key: string; view: BuiltControl }[] = [];
  const planeViews: PlaneView[] = [];
  const seriesViews: SeriesView[] = [];

  const source = sourceView();
  const header = el('section', { class: 'formula-header' });
  const formula = el('div', { class: 'formula', 'aria-label': 'the objective' });
  const terms = el('div', { class: 'value', id: 'terms' });
  header.append(formula, terms);

  const controls = el('section', { class: 'controls', 'aria-label': 'controls' });
  const play = el('button', { id: 'play', title: 'Play or pause' }, 'Pause');
  const step = el('button', { id: 'step', title: 'One step, then pause' }, 'Step');
  const reset = el('button', { id: 'reset', title: 'Start again from step 0' }, 'Reset');
  const speedLabel = el('label', { for: 'speed' }, 'Speed ');
  const speed = el('select', { id: 'speed' });
  for (const n of [1, 5, 20, 100]) speed.append(el('option', { value: String(n) }, `${n} steps/frame`));
  speed.value = '5';
  speedLabel.append(speed);
  controls.append(play, step, reset, speedLabel);
  const footer = el('footer', { class: 'footer', id: 'footer' });
  const errors = el('div', { class: 'error', id: 'error', role: 'alert' });
  const diagnostics = el('section', { class: 'diagnostics', id: 'diagnostics', role: 'status' });
  const planesBox = el('section', { class: 'plots' });
  const seriesBox = el('section', { class: 'plots' });

  const settingsBox = el('details', { class: 'settings-box', open: '' });
  settingsBox.append(el('summary', {}, 'Settings'));
  const settings = el('section', { class: 'settings', 'aria-label': 'settings' });
  settingsBox.append(settings);
  root.append(source.element, header, controls, settingsBox, footer, errors, diagnostics, planesBox, seriesBox);

  const plotWidth = () => Math.max(300, Math.min(760, root.clientWidth - 24));

  function buildSettings(frame: ToyFrame): void {
    settings.textContent = '';
    controlViews = frame.controls.map((c) => {
      const view = buildControl(c, (value) => send({ [c.key]: value }));
      settings.append(view.label);
      return { key: c.key, view };
    });
  }

  function send(s: Settings): void {
    errors.textContent = '';
    post({ type: 'settings', settings: s });
    const saved = state();
    vscode.setState({ ...saved, toy: last?.toy, settings: { ...(saved.settings ?? {}), ...s } });
  }

  function planeView(i: number): PlaneView {
    while (planeViews.length <= i) {
      const n = planeViews.length;
      const fig = el('figure', { class: 'plane' });
      const canvas = el('canvas', { id: n === 0 ? 'plane' : `plane-${n}`, width: '360', height: '360' });
      const title = el('figcaption', { class: 'plot-title' });
      const legend = el('figcaption', { class: 'legend' });
      fig.append(title, canvas, legend);
      planesBox.append(fig);
      planeViews.push({ canvas, title, legend });
    }
    return planeViews[i];
  }

  function drawPlane(view: PlaneView, p: ToyPlane): void {
    const { canvas, legend } = view;
    if (view.title.textContent !== p.title) {
      view.title.textContent = p.title;
      canvas.setAttribute('aria-label', p.title);
    }
    const ctx = prepare(canvas);
    const w = canvas.clientWidth || 360;
    const h = canvas.clientHeight || 360;
    ctx.clearRect(0, 0, w, h);
    if (p.grid) {
      // Banded, so the surface reads as contours.
      let min = Infinity, max = -Infinity;
      for (const v of p.grid.values) { if (v < min) min = v; if (v > max) max = v; }
      const span = max > min ? max - min : 1;
      const values = p.grid.values.map((v) => Math.floor(((v - min) / span) * 12) / 12);
      drawHeatmap(ctx, w, h, { width: p.grid.width, height: p.grid.height, values, kind: 'probability' }, colors.high, colors.low);
    }
    const proj = projector(p.bounds, w, h);
    for (const line of p.lines) {
      ctx.strokeStyle = colorOf(line.color, colors);
      ctx.lineWidth = 2;
      ctx.beginPath();
      for (let i = 0; i + 1 < line.xy.length; i += 2) (i === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, proj.x(line.xy[i]), proj.y(line.xy[i + 1]));
      ctx.stroke();
    }
    for (const pts of p.points) drawPoints(ctx, pts.xy, proj, colorOf(pts.color, colors), pts.color === 'muted' ? 7 : 3);
    legend.textContent = '';
    // An item without a label continues the one before it (a second circle of the same prior).
    for (const item of [...p.points, ...p.lines]) {
      if (!item.label) continue;
      const key = el('span', { class: 'key' });
      key.style.borderColor = colorOf(item.color, colors);
      legend.append(key, document.createTextNode(` ${item.label}  `));
    }
  }

  function seriesView(i: number): SeriesView {
    while (seriesViews.length <= i) {
      const n = seriesViews.length;
      const fig = el('figure', { class: 'wide' });
      const title = el('figcaption', { class: 'plot-title' });
      const host = el('div', { id: n === 0 ? 'series' : `series-${n}` });
      fig.append(title, host);
      seriesBox.append(fig);
      seriesViews.push({ host, title, lines: '' });
    }
    return seriesViews[i];
  }

  function drawSeries(view: SeriesView, s: ToySeries): void {
    view.title.textContent = s.title;
    const names = [s.xLabel, ...s.lines.map((l) => `${l.label}:${l.color}`)].join('|');
    if (!view.plot || names !== view.lines) {
      view.plot?.destroy();
      view.lines = names;
      const axis = () => ({ stroke: colors.muted, grid: { stroke: colors.grid, width: 0.5 }, ticks: { stroke: colors.grid } });
      view.plot = new uPlot({
        width: plotWidth(), height: 170, scales: { x: { time: false } }, axes: [axis(), axis()],
        series: [{ label: s.xLabel ?? 'step' }, ...s.lines.map((l) => ({ label: l.label, stroke: colorOf(l.color, colors), width: 1.5 }))],
      }, [[]], view.host);
    }
    view.plot.setData([s.x as number[], ...s.lines.map((l) => l.y as number[])]);
  }

  /** Removes plots a previous frame had and this one has not (a setting changed the toy's views). */
  function trim<T>(views: T[], count: number, remove: (v: T) => void): void {
    while (views.length > count) remove(views.pop()!);
  }

  function show(frame: ToyFrame): void {
    last = frame;
    if (frame.formula !== shownFormula) {
      shownFormula = frame.formula;
      renderMath(formula, frame.formula);
    }
    const controlKey = JSON.stringify(frame.controls);
    if (controlKey !== shownControls) {
      shownControls = controlKey;
      buildSettings(frame);
    }
    for (const c of controlViews) if (frame.settings[c.key] !== undefined) c.view.show(frame.settings[c.key]);
    terms.textContent = '';
    for (const t of frame.terms) {
      const span = el('span', { class: 'term' });
      renderMath(span, `${t.tex} = ${formatNumber(t.value)}`, false);
      terms.append(span);
    }
    play.textContent = frame.running ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(frame.running));
    footer.textContent = `${frame.title} · step ${frame.step}${frame.running ? '' : frame.finished ? ' · done' : ' · paused'}`;
    diagnostics.textContent = '';
    for (const d of frame.diagnostics) diagnostics.append(el('p', {}, d));
    frame.planes.forEach((p, i) => drawPlane(planeView(i), p));
    trim(planeViews, frame.planes.length, (v) => v.canvas.parentElement?.remove());
    frame.series.forEach((s, i) => drawSeries(seriesView(i), s));
    trim(seriesViews, frame.series.length, (v) => { v.plot?.destroy(); v.host.parentElement?.remove(); });
  }

  const showLatest = latestOnly(show);
  play.addEventListener('click', () => post({ type: last?.running ? 'pause' : 'play' }));
  step.addEventListener('click', () => post({ type: 'step' }));
  reset.addEventListener('click', () => post({ type: 'reset' }));
  speed.addEventListener('change', () => post({ type: 'speed', stepsPerFrame: Number(speed.value) }));
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as ToyEvent;
    if (typeof message !== 'object' || message === null || source.handle(message)) return;
    if (message.type === 'frame' && typeof message.frame === 'object') {
      if (!state().toy) vscode.setState({ ...state(), toy: message.frame.toy, settings: message.frame.settings });
      last = message.frame;
      showLatest(message.frame);
    } else if (message.type === 'error' && typeof message.message === 'string') {
      errors.textContent = message.message;
    }
  });
  window.addEventListener('resize', () => {
    for (const v of seriesViews) v.plot?.setSize({ width: plotWidth(), height: 170 });
    if (last) last.planes.forEach((p, i) => drawPlane(planeView(i), p));
  });
  new MutationObserver(() => {
    colors = palette();
    for (const v of seriesViews) v.lines = '';
    if (last) show(last);
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  post({ type: 'ready' });
}
