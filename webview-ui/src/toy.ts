/**
 * The generic toy panel (VAE, maximum likelihood, autoencoder, diffusion, KL fits, gradient
 * descent): the formula with its terms' live values, controls, a plane plot and curves over steps.
 * What to draw comes from the toy's frames; this file only knows how to draw.
 */
import uPlot from 'uplot';
import type { ToyColor, ToyCommand, ToyEvent, ToyFrame } from '../../src/shared/toyProtocol';
import { el } from './dom';
import { renderMath } from './math';
import { drawHeatmap, drawPoints, prepare, projector } from './plots';
import { palette } from './theme';
import { vscode } from './vscodeApi';

function post(command: ToyCommand): void {
  vscode.postMessage(command);
}

function colorOf(c: ToyColor, colors: ReturnType<typeof palette>): string {
  return c === 'muted' ? colors.foreground : colors[c];
}

function formatNumber(x: number): string {
  return Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : Number(x.toPrecision(5)).toString();
}

/** Mounts the toy view into `root`. */
export function mountToy(root: HTMLElement): void {
  let colors = palette();
  let last: ToyFrame | undefined;
  let shownFormula = '';
  let shownControls = '';
  let lossPlot: uPlot | undefined;
  let plotLines = '';

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

  const plots = el('section', { class: 'plots' });
  const planeFig = el('figure');
  const plane = el('canvas', { id: 'plane', width: '360', height: '360', 'aria-label': 'the toy, drawn on the plane' });
  const legend = el('figcaption', { class: 'legend' });
  planeFig.append(plane, legend);
  const seriesFig = el('figure', { class: 'wide' });
  const seriesEl = el('div', { id: 'series' });
  seriesFig.append(seriesEl, el('figcaption', {}, 'Over steps'));
  plots.append(planeFig, seriesFig);

  const settingsBox = el('details', { class: 'settings-box', open: '' });
  settingsBox.append(el('summary', {}, 'Settings'));
  const settings = el('section', { class: 'settings', 'aria-label': 'settings' });
  settingsBox.append(settings);
  root.append(header, controls, footer, errors, diagnostics, plots, settingsBox);

  const plotWidth = () => Math.max(300, Math.min(760, root.clientWidth - 24));

  function buildSettings(frame: ToyFrame): void {
    settings.textContent = '';
    for (const c of frame.controls) {
      const id = `setting-${c.key}`;
      const label = el('label', { for: id }, `${c.label} `);
      if (c.kind === 'select') {
        const input = el('select', { id });
        for (const o of c.options ?? []) input.append(el('option', { value: o }, o));
        input.addEventListener('change', () => send({ [c.key]: input.value }));
        label.append(input);
      } else {
        const input = el('input', { id, type: 'number', min: String(c.min ?? ''), max: String(c.max ?? ''), step: String(c.step ?? 'any') });
        input.addEventListener('change', () => {
          const n = Number(input.value);
          if (input.value.trim() !== '' && Number.isFinite(n)) send({ [c.key]: n });
        });
        label.append(input);
      }
      settings.append(label);
    }
  }

  function showSettings(frame: ToyFrame): void {
    for (const c of frame.controls) {
      const input = document.getElementById(`setting-${c.key}`) as HTMLInputElement | HTMLSelectElement | null;
      const v = frame.settings[c.key];
      // Never overwrite the field the person is typing in.
      if (input && input !== document.activeElement && v !== undefined) input.value = String(v);
    }
  }

  function send(s: Record<string, string | number>): void {
    errors.textContent = '';
    post({ type: 'settings', settings: s });
    const state = (vscode.getState() as { toy?: string; settings?: Record<string, string | number> } | undefined) ?? {};
    vscode.setState({ ...state, toy: last?.toy, settings: { ...(state.settings ?? {}), ...s } });
  }

  function drawPlane(frame: ToyFrame): void {
    const ctx = prepare(plane);
    const w = plane.clientWidth || 360;
    const h = plane.clientHeight || 360;
    ctx.clearRect(0, 0, w, h);
    const p = frame.plane;
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
    for (const item of [...p.points, ...p.lines]) {
      const key = el('span', { class: 'key' });
      key.style.borderColor = colorOf(item.color, colors);
      legend.append(key, document.createTextNode(` ${item.label}  `));
    }
  }

  function drawSeries(frame: ToyFrame): void {
    const names = frame.series.lines.map((l) => `${l.label}:${l.color}`).join('|');
    if (!lossPlot || names !== plotLines) {
      lossPlot?.destroy();
      plotLines = names;
      const axis = () => ({ stroke: colors.muted, grid: { stroke: colors.grid, width: 0.5 }, ticks: { stroke: colors.grid } });
      lossPlot = new uPlot({
        width: plotWidth(), height: 180, scales: { x: { time: false } }, axes: [axis(), axis()],
        series: [{ label: 'step' }, ...frame.series.lines.map((l) => ({ label: l.label, stroke: colorOf(l.color, colors), width: 1.5 }))],
      }, [[]], seriesEl);
    }
    lossPlot.setData([frame.series.x as number[], ...frame.series.lines.map((l) => l.y as number[])]);
  }

  function show(frame: ToyFrame): void {
    last = frame;
    if (frame.formula !== shownFormula) {
      shownFormula = frame.formula;
      renderMath(formula, frame.formula);
    }
    const controlKeys = frame.controls.map((c) => c.key).join(',');
    if (controlKeys !== shownControls) {
      shownControls = controlKeys;
      buildSettings(frame);
    }
    showSettings(frame);
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
    drawPlane(frame);
    drawSeries(frame);
  }

  play.addEventListener('click', () => post({ type: last?.running ? 'pause' : 'play' }));
  step.addEventListener('click', () => post({ type: 'step' }));
  reset.addEventListener('click', () => post({ type: 'reset' }));
  speed.addEventListener('change', () => post({ type: 'speed', stepsPerFrame: Number(speed.value) }));
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as ToyEvent;
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'frame' && typeof message.frame === 'object') {
      if (!vscode.getState()) vscode.setState({ toy: message.frame.toy, settings: message.frame.settings });
      show(message.frame);
    } else if (message.type === 'error' && typeof message.message === 'string') {
      errors.textContent = message.message;
    }
  });
  window.addEventListener('resize', () => {
    lossPlot?.setSize({ width: plotWidth(), height: 180 });
    if (last) drawPlane(last);
  });
  new MutationObserver(() => {
    colors = palette();
    plotLines = '';
    if (last) show(last);
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  post({ type: 'ready' });
}
