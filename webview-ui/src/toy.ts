/**
 * The generic toy panel (VAE, maximum likelihood, autoencoder, diffusion, KL fits, gradient
 * descent): the note's formula when a note opened it, the toy's formula with its terms' live
 * values, controls, one to three plane plots and one or two charts of curves.
 * What to draw comes from the toy's frames; this file only knows how to draw.
 */
import uPlot from 'uplot';
import type { ToyCommand, ToyEvent, ToyFrame, ToyPlane, ToySeries } from '../../src/shared/toyProtocol';
import { buildControl, type BuiltControl } from './controls';
import { texNumber } from './format';
import { el } from './dom';
import { latestOnly } from './latest';
import { renderMath } from './math';
import { SeriesChart } from './chart';
import { drawPlane as drawPlaneOn, fillPlaneLegend } from './plane';
import { sourceView } from './source';
import { palette } from './theme';
import { vscode } from './vscodeApi';

type Settings = Record<string, string | number>;
interface SavedState { toy?: string; settings?: Settings }

function post(command: ToyCommand): void {
  vscode.postMessage(command);
}

/** Each chart's uPlot wrapper, by the element it draws in. */
const charts = new WeakMap<HTMLElement, SeriesChart>();

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
      seriesViews.push({ host, title, lines: '' });
    }
    return seriesViews[i];
  }

  function drawSeries(view: SeriesView, s: ToySeries): void {
    view.title.textContent = s.title;
    // A new theme clears `lines`: the chart is then rebuilt in the new colours.
    let chart = charts.get(view.host);
    if (!chart || !view.plot || view.lines !== 'drawn') {
      chart?.destroy();
      chart = new SeriesChart(view.host, colors, plotWidth());
      charts.set(view.host, chart);
      view.lines = 'drawn';
    }
    chart.update(s);
    view.plot = chart.plot;
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
      renderMath(span, `${t.tex} = ${texNumber(t.value)}`, false);
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
