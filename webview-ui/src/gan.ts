/** The Train Toy GAN panel: controls, the formula being trained, and plots that move while it learns. */
import { GAN_NUMBER_RANGES, ganSettingsOf, type GanCommand, type GanEvent, type GanFrame, type GanSettings } from '../../src/shared/ganProtocol';
import { el } from './dom';
import { latestOnly } from './latest';
import { renderMath } from './math';
import { SeriesChart } from './chart';
import { texNumber } from './format';
import { drawPlane } from './plane';
import { drawManifold, drawPoints, prepare, projector } from './plots';
import { sourceView } from './source';
import { palette } from './theme';
import { vscode } from './vscodeApi';

const FORMULAS: Record<string, string> = {
  minimax: '\\min_G \\max_D V(D,G) = \\mathbb{E}_{x\\sim p_{\\text{data}}}[\\log D(x)] + \\mathbb{E}_{z\\sim p(z)}[\\log(1 - D(G(z)))]',
  nonsaturating: '\\max_D \\mathbb{E}_{x\\sim p_{\\text{data}}}[\\log D(x)] + \\mathbb{E}_{z}[\\log(1 - D(G(z)))], \\quad \\max_G \\mathbb{E}_{z\\sim p(z)}[\\log D(G(z))]',
  'wgan-gp': '\\min_G \\max_{D} \\mathbb{E}_{x\\sim p_{\\text{data}}}[D(x)] - \\mathbb{E}_{z}[D(G(z))] - \\lambda\\, \\mathbb{E}_{\\hat x}\\big[(\\|\\nabla_{\\hat x} D(\\hat x)\\|_2 - 1)^2\\big]',
  'least-squares': '\\min_D \\tfrac12\\mathbb{E}_{x}[(D(x)-1)^2] + \\tfrac12\\mathbb{E}_{z}[D(G(z))^2], \\quad \\min_G \\tfrac12\\mathbb{E}_{z}[(D(G(z))-1)^2]',
};
const OPTIMUM_TEX: Record<string, string> = { minimax: '-\\log 4', nonsaturating: '-\\log 4', 'wgan-gp': '0', 'least-squares': '-\\tfrac14' };

const DATASETS = ['ring8', 'grid25', 'moons', 'spiral', 'gaussian', 'line', 'bimodal'];
const LOSSES: [string, string][] = [['minimax', 'saturating min-max'], ['nonsaturating', 'non-saturating'], ['wgan-gp', 'Wasserstein + gradient penalty'], ['least-squares', 'least squares']];
const OPTIMIZERS: [string, string][] = [['sgd', 'SGD'], ['momentum', 'SGD + momentum'], ['adam', 'Adam']];

function post(command: GanCommand): void {
  vscode.postMessage(command);
}

function select(id: string, label: string, options: [string, string][]): { wrap: HTMLElement; input: HTMLSelectElement } {
  const wrap = el('label', { for: id }, label);
  const input = el('select', { id });
  for (const [value, text] of options) input.append(el('option', { value }, text));
  wrap.append(input);
  return { wrap, input };
}

/** A number input with the range the shared table gives its setting (the CLI accepts the same). */
function rangedInput(key: keyof typeof GAN_NUMBER_RANGES, label: string): { wrap: HTMLElement; input: HTMLInputElement } {
  const r = GAN_NUMBER_RANGES[key];
  return numberInput(key, label, String(r.step), String(r.min), String(r.max));
}

function numberInput(id: string, label: string, step: string, min: string, max: string): { wrap: HTMLElement; input: HTMLInputElement } {
  const wrap = el('label', { for: id }, label);
  const input = el('input', { id, type: 'number', step, min, max });
  wrap.append(input);
  return { wrap, input };
}

function textInput(id: string, label: string, title: string): { wrap: HTMLElement; input: HTMLInputElement } {
  const wrap = el('label', { for: id, title }, label);
  const input = el('input', { id, type: 'text', size: '7' });
  wrap.append(input);
  return { wrap, input };
}

/** Mounts the GAN view into `root`. */
export function mountGan(root: HTMLElement): void {
  let colors = palette();
  let lastFrame: GanFrame | undefined;
  let shownLoss = '';

  const header = el('section', { class: 'formula-header' });
  const formula = el('div', { class: 'formula', 'aria-label': 'the objective being trained' });
  const value = el('div', { class: 'value', id: 'value' });
  header.append(formula, value);

  const controls = el('section', { class: 'controls', 'aria-label': 'training controls' });
  const play = el('button', { id: 'play', title: 'Play or pause (the run continues from where it is)' }, 'Pause');
  const step = el('button', { id: 'step', title: 'One step of D and G, then pause' }, 'Step');
  const reset = el('button', { id: 'reset', title: 'Start again from step 0 with these settings' }, 'Reset');
  const speed = select('speed', 'Speed ', [['1', '1 step/frame'], ['5', '5 steps/frame'], ['20', '20 steps/frame'], ['50', '50 steps/frame']]);
  speed.input.value = '5';
  const defaults = el('button', { id: 'defaults', title: 'Our stabilized defaults: packing, weight averaging, two-time-scale learning rates' }, 'Defaults');
  const plain = el('button', { id: 'plain', title: 'The plain GAN, without stabilizers: watch it collapse' }, 'Plain GAN');
  const copy = el('button', { id: 'copySettings', title: 'Copy these settings as JSON: genmath train gan --config FILE runs the same experiment from the command line' }, 'Copy settings');
  controls.append(play, step, reset, speed.wrap, defaults, plain, copy);

  // Settings sit below the plots, in a disclosure, so the plots are what a person sees first.
  const settingsBox = el('details', { class: 'settings-box', open: '' });
  settingsBox.append(el('summary', {}, 'Settings'));
  const settings = el('section', { class: 'settings', 'aria-label': 'settings' });
  settingsBox.append(settings);
  const dataset = select('dataset', 'Data ', DATASETS.map((d) => [d, d]));
  const loss = select('loss', 'Loss ', LOSSES);
  const optimizer = select('optimizer', 'Optimizer ', OPTIMIZERS);
  const lrG = rangedInput('learningRateG', 'lr G ');
  const lrD = rangedInput('learningRateD', 'lr D ');
  const dSteps = rangedInput('dSteps', 'D steps/G step ');
  const batch = rangedInput('batchSize', 'Batch ');
  const gHidden = textInput('generatorHidden', 'G layers ', 'hidden layer widths of G, e.g. 64,64');
  const dHidden = textInput('discriminatorHidden', 'D layers ', 'hidden layer widths of D, e.g. 64,64');
  const pack = rangedInput('pack', 'Packing ');
  const penalty = rangedInput('gradientPenalty', 'Grad. penalty λ ');
  const ema = rangedInput('emaDecay', 'Weight EMA ');
  const seed = rangedInput('seed', 'Seed ');
  settings.append(dataset.wrap, loss.wrap, optimizer.wrap, lrG.wrap, lrD.wrap, dSteps.wrap, batch.wrap, gHidden.wrap, dHidden.wrap, pack.wrap, penalty.wrap, ema.wrap, seed.wrap);

  const diagnostics = el('section', { class: 'diagnostics', id: 'diagnostics', role: 'status' });
  const errors = el('div', { class: 'error', id: 'error', role: 'alert' });

  const plots = el('section', { class: 'plots' });
  const scatterFig = el('figure');
  const scatter = el('canvas', { id: 'scatter', width: '360', height: '360', 'aria-label': 'real samples (blue) and generated samples (orange) over D(x)' });
  scatterFig.append(scatter, el('figcaption', {}, 'Real (blue) and generated (orange) samples over D(x): green where D says real, purple where it says fake'));
  const manifoldFig = el('figure');
  const manifold = el('canvas', { id: 'manifold', width: '360', height: '360', 'aria-label': "the generator's image of a latent grid" });
  manifoldFig.append(manifold, el('figcaption', {}, "The generator's transformation of a latent grid (the manifold view)"));
  const lossFig = el('figure', { class: 'wide' });
  const lossPlotEl = el('div', { id: 'losses' });
  lossFig.append(lossPlotEl, el('figcaption', {}, "Discriminator's and generator's losses over steps"));
  const qualityFig = el('figure', { class: 'wide' });
  const qualityPlotEl = el('div', { id: 'quality' });
  qualityFig.append(qualityPlotEl, el('figcaption', {}, 'Quality: modes covered (of all), high-quality ratio, grid-histogram JS divergence'));
  plots.append(scatterFig, manifoldFig, lossFig, qualityFig);
  const footer = el('footer', { class: 'footer', id: 'footer' });

  const source = sourceView();
  root.append(source.element, header, controls, footer, errors, diagnostics, plots, settingsBox);

  const lossData: [number[], number[], number[]] = [[], [], []];
  const qualityData: [number[], number[], number[], number[]] = [[], [], [], []];
  const plotWidth = () => Math.max(300, Math.min(760, root.clientWidth - 24));
  // The losses in the loss colours (blue D, orange G); the quality fractions in green, blue and red.
  const lossPlot = new SeriesChart(lossPlotEl, colors, plotWidth(), 180);
  const qualityPlot = new SeriesChart(qualityPlotEl, colors, plotWidth(), 180);
  const drawCharts = () => {
    lossPlot.update({ title: 'losses over steps', x: lossData[0], lines: [{ label: 'loss D', color: 'real', y: lossData[1] }, { label: 'loss G', color: 'fake', y: lossData[2] }] });
    qualityPlot.update({
      title: 'fraction over steps', x: qualityData[0],
      lines: [{ label: 'modes covered', color: 'high', y: qualityData[1] }, { label: 'high quality', color: 'real', y: qualityData[2] }, { label: 'JSD / log 2', color: 'third', y: qualityData[3] }],
    });
  };

  function showSettings(config: Record<string, unknown>): void {
    const active = document.activeElement;
    const setIfIdle = (input: HTMLInputElement | HTMLSelectElement, v: unknown) => {
      // Never overwrite the field the person is typing in.
      if (input !== active && v !== undefined) input.value = Array.isArray(v) ? v.join(',') : String(v);
    };
    setIfIdle(dataset.input, config.dataset);
    setIfIdle(loss.input, config.loss);
    setIfIdle(optimizer.input, config.optimizer);
    setIfIdle(lrG.input, config.learningRateG);
    setIfIdle(lrD.input, config.learningRateD);
    setIfIdle(dSteps.input, config.dSteps);
    setIfIdle(batch.input, config.batchSize);
    setIfIdle(gHidden.input, config.generatorHidden);
    setIfIdle(dHidden.input, config.discriminatorHidden);
    setIfIdle(pack.input, config.pack);
    setIfIdle(penalty.input, config.gradientPenalty);
    setIfIdle(ema.input, config.emaDecay);
    setIfIdle(seed.input, config.seed);
  }

  function draw(frame: GanFrame): void {
    const b = frame.bounds;
    {
      // D's heat map with its colour scale, the real samples drawn above the generated ones.
      const heat = frame.heatmap;
      drawPlane(scatter, {
        title: 'Real and generated samples over D(x)',
        bounds: b,
        axes: { x: 'x₁', y: 'x₂' },
        grid: { ...heat, kind: heat.kind === 'probability' ? 'probability' : 'score', label: heat.kind === 'probability' ? 'D(x) = P(real)' : heat.kind === 'critic' ? "critic's score D(x)" : 'score D(x)' },
        points: [{ label: 'generated', color: 'fake', xy: frame.fake }, { label: 'real', color: 'real', xy: frame.real }],
        lines: [],
      }, colors);
    }
    {
      const ctx = prepare(manifold);
      const w = manifold.clientWidth || 360;
      const h = manifold.clientHeight || 360;
      ctx.clearRect(0, 0, w, h);
      const p = projector(b, w, h);
      drawPoints(ctx, frame.real, p, colors.real, 2);
      drawManifold(ctx, frame.manifold, p, colors.fake);
    }
    if (frame.restarted || frame.history.replace) {
      lossData[0].length = lossData[1].length = lossData[2].length = 0;
    }
    if (frame.restarted) for (const s of qualityData) s.length = 0;
    lossData[0].push(...frame.history.steps);
    lossData[1].push(...frame.history.lossD);
    lossData[2].push(...frame.history.lossG);
    const m = frame.metrics;
    if (m && qualityData[0][qualityData[0].length - 1] !== m.step) {
      qualityData[0].push(m.step);
      qualityData[1].push(m.modesTotal > 0 ? m.modesCovered / m.modesTotal : 0);
      qualityData[2].push(m.highQualityRatio);
      qualityData[3].push(m.jsd / Math.LN2);
    }
    drawCharts();
  }

  function show(frame: GanFrame): void {
    lastFrame = frame;
    const lossName = String(frame.config.loss);
    if (lossName !== shownLoss) {
      shownLoss = lossName;
      renderMath(formula, FORMULAS[lossName] ?? FORMULAS.minimax);
    }
    const v = frame.value === null ? '—' : texNumber(frame.value, 4);
    value.textContent = '';
    const valueMath = el('span');
    renderMath(valueMath, `V(D,G) \\approx ${v === '—' ? '\\text{—}' : v} \\qquad \\text{optimum } ${OPTIMUM_TEX[lossName] ?? '-\\log 4'} = ${texNumber(frame.valueOptimum, 4)}`, false);
    value.append(valueMath);
    play.textContent = frame.running ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(frame.running));
    play.disabled = frame.diverged !== null;
    showSettings(frame.config);
    diagnostics.textContent = '';
    for (const d of frame.diagnostics) diagnostics.append(el('p', {}, d));
    const m = frame.metrics;
    footer.textContent = `step ${frame.step}` + (frame.running ? ` · ${frame.stepsPerSecond} steps/s` : ' · paused')
      + (m ? ` · ${m.modesCovered}/${m.modesTotal} modes · ${(m.highQualityRatio * 100).toFixed(0)}% high quality · JSD ${m.jsd.toFixed(3)}` : '');
    draw(frame);
  }

  const numberSetting = (input: HTMLInputElement, key: keyof GanSettings) => {
    input.addEventListener('change', () => {
      const n = Number(input.value);
      if (input.value.trim() !== '' && Number.isFinite(n)) sendSettings({ [key]: n });
    });
  };
  const listSetting = (input: HTMLInputElement, key: keyof GanSettings) => {
    input.addEventListener('change', () => {
      const list = input.value.split(/[\s,]+/).filter(Boolean).map(Number);
      if (list.length > 0 && list.every((n) => Number.isInteger(n) && n >= 1 && n <= 256)) sendSettings({ [key]: list });
      else errors.textContent = 'Layer widths are whole numbers from 1 to 256, separated by commas (e.g. 64,64).';
    });
  };
  function sendSettings(s: GanSettings): void {
    errors.textContent = '';
    post({ type: 'settings', settings: s });
    const state = (vscode.getState() as { settings?: GanSettings } | undefined) ?? {};
    vscode.setState({ ...state, settings: { ...(state.settings ?? {}), ...s } });
  }

  const showLatest = latestOnly(show);
  play.addEventListener('click', () => post({ type: lastFrame?.running ? 'pause' : 'play' }));
  step.addEventListener('click', () => post({ type: 'step' }));
  reset.addEventListener('click', () => post({ type: 'reset' }));
  speed.input.addEventListener('change', () => post({ type: 'speed', stepsPerFrame: Number(speed.input.value) }));
  defaults.addEventListener('click', () => post({ type: 'preset', name: 'defaults' }));
  plain.addEventListener('click', () => post({ type: 'preset', name: 'plain' }));
  copy.addEventListener('click', () => {
    if (lastFrame) post({ type: 'copySettings', settings: ganSettingsOf(lastFrame.config) });
  });
  for (const s of [dataset, loss, optimizer]) s.input.addEventListener('change', () => sendSettings({ [s.input.id]: s.input.value }));
  for (const [input, key] of [[lrG.input, 'learningRateG'], [lrD.input, 'learningRateD'], [dSteps.input, 'dSteps'], [batch.input, 'batchSize'], [pack.input, 'pack'], [penalty.input, 'gradientPenalty'], [ema.input, 'emaDecay'], [seed.input, 'seed']] as const) numberSetting(input, key);
  listSetting(gHidden.input, 'generatorHidden');
  listSetting(dHidden.input, 'discriminatorHidden');

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as GanEvent;
    if (typeof message !== 'object' || message === null || source.handle(message)) return;
    if (message.type === 'frame' && typeof message.frame === 'object') {
      // The Play/Pause button answers to the newest state even before it is drawn.
      lastFrame = message.frame;
      showLatest(message.frame);
    }
    else if (message.type === 'error' && typeof message.message === 'string') errors.textContent = message.message;
  });
  window.addEventListener('resize', () => {
    lossPlot.resize(plotWidth());
    qualityPlot.resize(plotWidth());
    if (lastFrame) draw(lastFrame);
  });
  // VS Code changes the --vscode-* variables in place when the theme changes.
  new MutationObserver(() => {
    colors = palette();
    lossPlot.setColors(colors);
    qualityPlot.setColors(colors);
    if (lastFrame) draw(lastFrame);
  }).observe(document.body, { attributes: true, attributeFilter: ['class'] });

  post({ type: 'ready' });
}
