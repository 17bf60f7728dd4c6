/**
 * The toy panel (GAN, VAE, maximum likelihood, autoencoder, diffusion, KL fits, gradient descent):
 * the note's formula when a note opened it, the toy's formula with its terms' live values, controls
 * (playback, the toy's own actions, slow motion, drawing data, copy and export), the plane plots
 * beside the charts of curves when the panel is wide enough, and the settings.
 * What to draw comes from the toy's frames; this file only knows how to draw.
 */
import type uPlot from 'uplot';
import { MAX_DRAWN_COORDINATE, type ToyCommand, type ToyEvent, type ToyFrame, type ToyPlane, type ToySeries } from '../../src/shared/toyProtocol';
import { buildControl, type BuiltControl } from './controls';
import { texNumber } from './format';
import { el } from './dom';
import { latestOnly } from './latest';
import { renderMath } from './math';
import { SeriesChart } from './chart';
import { drawPlane as drawPlaneOn, fillPlaneLegend } from './plane';
import { sourceView } from './source';
import { onThemeChange, palette } from './theme';
import { vscode } from './vscodeApi';

type Settings = Record<string, string | number>;
interface SavedState { toy?: string; settings?: Settings; drawn?: number[] }

function post(command: ToyCommand): void {
  vscode.postMessage(command);
}

/** Each chart's uPlot wrapper, by the element it draws in. */
const charts = new WeakMap<HTMLElement, SeriesChart>();

const state = (): SavedState => (vscode.getState() as SavedState | undefined) ?? {};

/** A plane plot: its canvas, title and legend. The first one's canvas is `#plane`, the others `#plane-1`, `#plane-2`. */
interface PlaneView { readonly canvas: HTMLCanvasElement; readonly title: HTMLElement; readonly legend: HTMLElement }
/** A chart of curves, `#series`, `#series-1`; rebuilt when its lines change. `data` is what it shows (appended to as frames add points). */
interface SeriesView { readonly host: HTMLElement; readonly title: HTMLElement; plot?: uPlot; lines: string; data: number[][] }

/** Scales a formula down (never below 55%) until it fits its box: a long objective is never clipped. */
function fitWidth(box: HTMLElement): void {
  box.style.fontSize = '';
  const over = box.scrollWidth / Math.max(1, box.clientWidth);
  if (over > 1) box.style.fontSize = `${Math.max(55, Math.floor(100 / over))}%`;
}

/** Mounts the toy view into `root`. */
export function mountToy(root: HTMLElement): void {
  let colors = palette();
  let last: ToyFrame | undefined;
  let shownFormula = '';
  let shownControls = '';
  let shownActions = '';
  let controlViews: { key: string; view: BuiltControl }[] = [];
  const planeViews: PlaneView[] = [];
  const seriesViews: SeriesView[] = [];
  /** Points being drawn on the main plane, [x, y, ...] in its data coordinates; kept across reloads. */
  let drawing = false;
  let drawn: number[] = [...(state().drawn ?? [])];
  let savedSettings = '';

  const source = sourceView();
  const header = el('section', { class: 'formula-header', id: 'formula-header' });
  const formula = el('div', { class: 'formula', 'aria-label': 'the objective' });
  const terms = el('div', { class: 'value', id: 'terms' });
  header.append(formula, terms);

  const controls = el('section', { class: 'controls', 'aria-label': 'controls' });
  const play = el('button', { id: 'play', title: 'Play or pause' }, 'Pause');
  const step = el('button', { id: 'step', title: 'One step, then pause' }, 'Step');
  const reset = el('button', { id: 'reset', title: 'Start again from step 0' }, 'Reset');
  const actions = el('span', { class: 'actions', id: 'actions' });
  const speedLabel = el('label', { for: 'speed' }, 'Speed ');
  const speed = el('select', { id: 'speed' });
  for (const n of [1, 5, 20, 50, 100]) speed.append(el('option', { value: String(n) }, `${n} steps/frame`));
  speed.value = '5';
  speedLabel.append(speed);
  const slowLabel = el('label', { for: 'slow', title: 'One step a second, saying what each one updated' }, 'Slow motion ');
  const slow = el('input', { id: 'slow', type: 'checkbox' });
  slowLabel.append(slow);
  controls.append(play, step, reset, actions, speedLabel, slowLabel);

  const tools = el('section', { class: 'controls tools', 'aria-label': 'experiment tools' });
  const copy = el('button', { id: 'copyExperiment', class: 'secondary', title: 'Write this experiment (every setting, the seed, drawn data) into the note beside the panel as a genmath block: its "Run this experiment" link runs it again, step for step; genmath train --config reads it. Shift-click: a Run demo link instead' }, 'Copy experiment');
  const exportPng = el('button', { id: 'exportPng', class: 'secondary', title: 'Save the main plot as a PNG image' }, 'Export PNG');
  const exportSvg = el('button', { id: 'exportSvg', class: 'secondary', title: 'Save the main plot as an SVG drawing' }, 'Export SVG');
  const draw = el('button', { id: 'draw', class: 'secondary', hidden: '', 'aria-pressed': 'false', title: 'Draw your own data on the main plot: click to add a point, Shift- or Alt-click to remove the nearest one' }, 'Draw data');
  const trainDrawn = el('button', { id: 'trainDrawn', hidden: '', title: 'Train on the points drawn' }, 'Train on these');
  const clearDrawn = el('button', { id: 'clearDrawn', class: 'secondary', hidden: '' }, 'Clear');
  const drawnCount = el('span', { id: 'drawnCount', class: 'muted' });
  tools.append(copy, exportPng, exportSvg, draw, trainDrawn, clearDrawn, drawnCount);

  const footer = el('footer', { class: 'footer', id: 'footer' });
  const update = el('div', { class: 'update', id: 'update', role: 'status' });
  const errors = el('div', { class: 'error', id: 'error', role: 'alert' });
  const diagnostics = el('section', { class: 'diagnostics', id: 'diagnostics', role: 'status' });
  const stage = el('section', { class: 'stage' });
  const planesBox = el('section', { class: 'plots planes' });
  const seriesBox = el('section', { class: 'plots charts' });
  stage.append(planesBox, seriesBox);

  const settingsBox = el('details', { class: 'settings-box', open: '' });
  settingsBox.append(el('summary', {}, 'Settings'));
  const settings = el('section', { class: 'settings', 'aria-label': 'settings' });
  settingsBox.append(settings);
  root.append(source.element, header, controls, tools, footer, update, errors, diagnostics, stage, settingsBox);

  const plotWidth = () => Math.max(160, Math.min(760, seriesBox.clientWidth - 4));
  // Beside the plot (a panel 480 px or wider) the charts are lower, so plot and charts fit in one screen.
  const chartHeight = () => (stage.clientWidth >= 480 ? 130 : 170);

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

  /** Draws one plane plot (the plots' module draws the grid, contours, points, arrows, axes and colour scale). */
  function drawPlane(view: PlaneView, p: ToyPlane): void {
    if (view.title.textContent !== p.title) {
      view.title.textContent = p.title;
      view.canvas.setAttribute('aria-label', p.title);
    }
    drawPlaneOn(view.canvas, p, colors);
    fillPlaneLegend(view.legend, p, colors);
  }

  function seriesView(i: number): SeriesView {
    while (seriesViews.length <= i) {
      const n = seriesViews.length;
      const fig = el('figure', { class: 'wide' });
      const title = el('figcaption', { class: 'plot-title' });
      const host = el('div', { id: n === 0 ? 'series' : `series-${n}` });
      fig.append(title, host);
      seriesBox.append(fig);
      seriesViews.push({ host, title, lines: '', data: [] });
    }
    return seriesViews[i];
  }

  /** Keeps a chart's data: a frame's points replace it, or are added to it when the frame says `append`. */
  function takeSeries(view: SeriesView, s: ToySeries): void {
    const columns = [s.x, ...s.lines.map((l) => l.y)];
    if (s.append && view.data.length === columns.length) {
      columns.forEach((c, j) => { for (const v of c) view.data[j].push(v); });
    } else {
      view.data = columns.map((c) => [...c]);
    }
  }

  /** Draws one chart of curves from its kept data. */
  function drawSeries(view: SeriesView, s: ToySeries): void {
    view.title.textContent = s.title;
    // A new theme clears `lines`: the chart is then rebuilt in the new colours.
    let chart = charts.get(view.host);
    if (!chart || !view.plot || view.lines !== 'drawn') {
      chart?.destroy();
      chart = new SeriesChart(view.host, colors, plotWidth(), chartHeight());
      charts.set(view.host, chart);
      view.lines = 'drawn';
    }
    chart.update({ ...s, append: false, x: view.data[0] ?? [], lines: s.lines.map((l, j) => ({ ...l, y: view.data[j + 1] ?? [] })) });
    view.plot = chart.plot;
  }

  /** Removes plots a previous frame had and this one has not (a setting changed the toy's views). */
  function trim<T>(views: T[], count: number, remove: (v: T) => void): void {
    while (views.length > count) remove(views.pop()!);
  }

  /** The main plane as drawn: the frame's, plus the points being drawn. */
  function mainPlane(p: ToyPlane): ToyPlane {
    if (!drawing && drawn.length === 0) return p;
    return { ...p, points: [...p.points, { label: `your points (${drawn.length / 2})`, color: 'third', xy: drawn }] };
  }

  function showActions(frame: ToyFrame): void {
    const key = JSON.stringify(frame.actions ?? []);
    if (key === shownActions) return;
    shownActions = key;
    actions.textContent = '';
    for (const a of frame.actions ?? []) {
      const b = el('button', { id: `action-${a.id}`, ...(a.title ? { title: a.title } : {}) }, a.label);
      b.addEventListener('click', () => post({ type: 'action', id: a.id }));
      actions.append(b);
    }
    draw.hidden = !frame.drawable;
  }

  function showDrawTools(): void {
    draw.setAttribute('aria-pressed', String(drawing));
    draw.textContent = drawing ? 'Stop drawing' : 'Draw data';
    trainDrawn.hidden = clearDrawn.hidden = !drawing && drawn.length === 0;
    trainDrawn.disabled = drawn.length === 0;
    drawnCount.textContent = drawing || drawn.length > 0 ? `${drawn.length / 2} of ${last?.drawable?.max ?? 0} points` : '';
    planeView(0).canvas.classList.toggle('drawing', drawing);
  }

  function show(frame: ToyFrame): void {
    last = frame;
    if (frame.formula !== shownFormula) {
      shownFormula = frame.formula;
      renderMath(formula, frame.formula);
      fitWidth(formula);
    }
    const controlKey = JSON.stringify(frame.controls);
    if (controlKey !== shownControls) {
      shownControls = controlKey;
      buildSettings(frame);
    }
    showActions(frame);
    for (const c of controlViews) if (frame.settings[c.key] !== undefined) c.view.show(frame.settings[c.key]);
    terms.textContent = '';
    for (const t of frame.terms) {
      const span = el('span', { class: 'term' });
      renderMath(span, `${t.tex} = ${texNumber(t.value)}`, false);
      terms.append(span);
    }
    play.textContent = frame.running ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(frame.running));
    slow.checked = frame.slow === true;
    footer.textContent = `${frame.title} · step ${frame.step}${frame.running ? (frame.slow ? ' · slow motion' : '') : frame.finished ? ' · done' : ' · paused'}`;
    update.textContent = frame.update ?? '';
    diagnostics.textContent = '';
    for (const d of frame.diagnostics) diagnostics.append(el('p', {}, d));
    frame.planes.forEach((p, i) => drawPlane(planeView(i), i === 0 ? mainPlane(p) : p));
    trim(planeViews, frame.planes.length, (v) => v.canvas.parentElement?.remove());
    frame.series.forEach((s, i) => drawSeries(seriesView(i), s));
    trim(seriesViews, frame.series.length, (v) => { v.plot?.destroy(); v.host.parentElement?.remove(); });
  }

  /** The data coordinates of a click on the main plane. */
  function pointAt(event: MouseEvent): [number, number] | undefined {
    const b = last?.planes[0]?.bounds;
    if (!b) return undefined;
    const rect = planeView(0).canvas.getBoundingClientRect();
    const x = b.xMin + ((event.clientX - rect.left) / rect.width) * (b.xMax - b.xMin);
    const y = b.yMax - ((event.clientY - rect.top) / rect.height) * (b.yMax - b.yMin);
    return Math.abs(x) <= MAX_DRAWN_COORDINATE && Math.abs(y) <= MAX_DRAWN_COORDINATE ? [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000] : undefined;
  }

  function saveDrawn(): void {
    vscode.setState({ ...state(), drawn });
    showDrawTools();
    if (last) drawPlane(planeView(0), mainPlane(last.planes[0]));
  }

  const showLatest = latestOnly(show);
  play.addEventListener('click', () => post({ type: last?.running ? 'pause' : 'play' }));
  step.addEventListener('click', () => post({ type: 'step' }));
  reset.addEventListener('click', () => post({ type: 'reset' }));
  speed.addEventListener('change', () => post({ type: 'speed', stepsPerFrame: Number(speed.value) }));
  slow.addEventListener('change', () => post({ type: 'slow', on: slow.checked }));
  // Shift-click writes the Run demo link instead of the block.
  copy.addEventListener('click', (event) => post({ type: 'copyExperiment', as: event.shiftKey ? 'link' : 'block' }));
  exportSvg.addEventListener('click', () => post({ type: 'export', format: 'svg' }));
  exportPng.addEventListener('click', () => post({ type: 'export', format: 'png', dataUrl: planeView(0).canvas.toDataURL('image/png') }));
  draw.addEventListener('click', () => {
    drawing = !drawing;
    saveDrawn();
  });
  clearDrawn.addEventListener('click', () => {
    drawn = [];
    saveDrawn();
  });
  trainDrawn.addEventListener('click', () => {
    if (drawn.length === 0) return;
    errors.textContent = '';
    post({ type: 'data', points: drawn });
    drawing = false;
    saveDrawn();
  });
  planeView(0).canvas.addEventListener('click', (event) => {
    if (!drawing) return;
    const at = pointAt(event);
    if (!at) return;
    if (event.shiftKey || event.altKey) {
      // The nearest drawn point goes.
      let best = -1, bestD = Infinity;
      for (let i = 0; i + 1 < drawn.length; i += 2) {
        const d = Math.hypot(drawn[i] - at[0], drawn[i + 1] - at[1]);
        if (d < bestD) { bestD = d; best = i; }
      }
      if (best >= 0) drawn.splice(best, 2);
    } else if (drawn.length / 2 < (last?.drawable?.max ?? 0)) {
      drawn.push(at[0], at[1]);
    } else {
      errors.textContent = `At most ${last?.drawable?.max ?? 0} points can be drawn.`;
    }
    saveDrawn();
  });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as ToyEvent;
    if (typeof message !== 'object' || message === null || source.handle(message)) return;
    if (message.type === 'frame' && typeof message.frame === 'object') {
      // The run's settings as the worker holds them (presets and drawn data included), for a window reload.
      const settingsKey = JSON.stringify(message.frame.settings);
      if (settingsKey !== savedSettings) {
        savedSettings = settingsKey;
        vscode.setState({ ...state(), toy: message.frame.toy, settings: message.frame.settings });
      }
      last = message.frame;
      // Every frame's chart points are kept, drawn or not: a dropped frame's appended points are still needed.
      message.frame.series.forEach((s, i) => takeSeries(seriesView(i), s));
      showLatest(message.frame);
    } else if (message.type === 'error' && typeof message.message === 'string') {
      errors.textContent = message.message;
    }
  });
  const relayout = () => {
    fitWidth(formula);
    for (const v of seriesViews) charts.get(v.host)?.resize(plotWidth());
    if (last) last.planes.forEach((p, i) => drawPlane(planeView(i), i === 0 ? mainPlane(p) : p));
  };
  window.addEventListener('resize', relayout);
  // The charts' column gets its width once laid out (and again when the stage changes columns).
  let chartsWidth = 0;
  new ResizeObserver(() => {
    if (seriesBox.clientWidth === chartsWidth) return;
    chartsWidth = seriesBox.clientWidth;
    relayout();
  }).observe(seriesBox);
  onThemeChange(() => {
    colors = palette();
    for (const v of seriesViews) v.lines = '';
    if (last) show(last);
  });
  showDrawTools();
  post({ type: 'ready' });
}
