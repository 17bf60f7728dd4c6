/**
 * Train Toy GAN: G and D on 2-D data. The main plot is D(x) over the plane with the real and the
 * generated samples, G's manifold (its image of a latent grid) and the direction G's loss pushes
 * each sample; charts of both losses and of the samples' quality. Settings change the run in place
 * where the trainer allows (learning rates, loss, optimizer...), else start it again.
 */
import { createGanTrainer, type GanConfig, type GanSnapshot, type GanTrainer } from '../../core/train/gan';
import { DEFAULT_GAN_PRESET, DRAWN_DATASET, GAN_CONTROLS, GAN_DEFAULT_SETTINGS, ganConfigOf, PLAIN_GAN_SETTINGS } from '../../shared/ganSettings';
import { MAX_DRAWN_POINTS, type ToyPlane, type ToySeries } from '../../shared/toyProtocol';
import { plain, type ToyModel, type ToySession, type ToyView } from './model';

/** The 2,500-sample quality metrics cost a pass of G; they are refreshed this often. */
const METRICS_MS = 500;
/** Quality points kept for the chart; beyond, every other one is dropped (the whole run stays in view). */
const QUALITY_CAP = 2000;
/** The longest arrow, as a fraction of the plot's width (arrows are scaled for visibility, directions exact). */
const ARROW_FRACTION = 0.08;

const FORMULAS: Readonly<Record<GanConfig['loss'], string>> = {
  minimax: '\\min_G \\max_D V(D,G) = \\mathbb{E}_{x\\sim p_{\\text{data}}}[\\log D(x)] + \\mathbb{E}_{z\\sim p(z)}[\\log(1 - D(G(z)))]',
  nonsaturating: '\\max_D \\mathbb{E}_{x\\sim p_{\\text{data}}}[\\log D(x)] + \\mathbb{E}_{z}[\\log(1 - D(G(z)))], \\quad \\max_G \\mathbb{E}_{z\\sim p(z)}[\\log D(G(z))]',
  'wgan-gp': '\\min_G \\max_{D} \\mathbb{E}_{x\\sim p_{\\text{data}}}[D(x)] - \\mathbb{E}_{z}[D(G(z))] - \\lambda\\, \\mathbb{E}_{\\hat x}\\big[(\\|\\nabla_{\\hat x} D(\\hat x)\\|_2 - 1)^2\\big]',
  'least-squares': '\\min_D \\tfrac12\\mathbb{E}_{x}[(D(x)-1)^2] + \\tfrac12\\mathbb{E}_{z}[D(G(z))^2], \\quad \\min_G \\tfrac12\\mathbb{E}_{z}[(D(G(z))-1)^2]',
};
const OPTIMUM_TEX: Readonly<Record<GanConfig['loss'], string>> = { minimax: 'V^*=-\\log 4', nonsaturating: 'V^*=-\\log 4', 'wgan-gp': 'V^*', 'least-squares': 'V^*=-\\tfrac14' };
/** What the heat map's colours mean, per kind of D. */
const GRID_LABEL: Readonly<Record<GanSnapshot['heatmap']['kind'], string>> = {
  probability: 'D(x) = P(real)',
  critic: 'critic score D(x)',
  score: 'least-squares score D(x)',
};

/** G's manifold as polylines: each row and each column of the latent grid's image. */
function manifoldLines(m: GanSnapshot['manifold']): ToyPlane['lines'] {
  const at = (i: number, j: number) => (i * m.cols + j) * 2;
  const lines: { label: string; color: 'fake'; xy: number[] }[] = [];
  for (let i = 0; i < m.rows; i++) {
    const xy: number[] = [];
    for (let j = 0; j < m.cols; j++) xy.push(m.points[at(i, j)], m.points[at(i, j) + 1]);
    lines.push({ label: '', color: 'fake', xy: plain(xy, 1000) });
  }
  if (m.rows > 1) {
    for (let j = 0; j < m.cols; j++) {
      const xy: number[] = [];
      for (let i = 0; i < m.rows; i++) xy.push(m.points[at(i, j)], m.points[at(i, j) + 1]);
      lines.push({ label: '', color: 'fake', xy: plain(xy, 1000) });
    }
  }
  if (lines.length > 0) lines[0].label = "G's manifold (image of a latent grid)";
  return lines;
}

/**
 * −∇ of G's loss at each sample, scaled together so that the longest is ARROW_FRACTION of the plot:
 * one factor for all, so the directions and the lengths' ratios are exact.
 */
function scaledArrows(xyd: Float64Array, bounds: ToyPlane['bounds']): number[] {
  let longest = 0;
  for (let i = 0; i + 3 < xyd.length; i += 4) longest = Math.max(longest, Math.hypot(xyd[i + 2], xyd[i + 3]));
  const scale = longest > 0 ? (ARROW_FRACTION * (bounds.xMax - bounds.xMin)) / longest : 0;
  const out = new Array<number>(xyd.length);
  for (let i = 0; i + 3 < xyd.length; i += 4) {
    out[i] = xyd[i];
    out[i + 1] = xyd[i + 1];
    out[i + 2] = xyd[i + 2] * scale;
    out[i + 3] = xyd[i + 3] * scale;
  }
  return plain(out, 1e4);
}

/** Plain sentences about what is happening, so that failure modes are named, not hidden. */
function diagnosticsOf(snap: GanSnapshot): string[] {
  const out: string[] = [];
  if (snap.diverged) out.push(snap.diverged);
  if (snap.metrics?.collapse) out.push(snap.metrics.collapse);
  if (snap.config.loss === 'minimax' && snap.lossG !== null && snap.lossG > -0.02 && snap.step > 0) {
    // G minimizes log(1 - D(G(z))); when D rejects every fake this is ~0 and flat, so G barely moves.
    out.push('The saturating loss has stalled: D rejects the fakes, so log(1 − D(G(z))) is flat and G gets almost no gradient. Try the non-saturating loss.');
  }
  return out;
}

/** A run of the GAN for the panel. */
function ganSession(trainer: GanTrainer, drawn: readonly number[] | undefined): ToySession {
  const quality = { x: [] as number[], modes: [] as number[], high: [] as number[], jsd: [] as number[] };
  let lastMetrics = -Infinity;
  let modesTotal = 0;
  let last = 'No step yet.';

  // Said only when asked (slow motion): a step must not pay for a sentence.
  const describe = (what: string) => {
    last = what;
  };

  const view = (): ToyView => {
    const now = Date.now();
    const wantMetrics = now - lastMetrics >= METRICS_MS;
    // A 48 x 48 heat map costs D about 10 ms a frame; 64 x 64 would take half again as much from training.
    const snap = trainer.snapshot({ samples: 512, heatmap: 48, manifold: 16, metrics: wantMetrics });
    if (snap.metrics) {
      lastMetrics = now;
      modesTotal = snap.metrics.modesTotal;
      if (quality.x[quality.x.length - 1] !== snap.step) {
        quality.x.push(snap.step);
        quality.modes.push(snap.metrics.modesTotal > 0 ? snap.metrics.modesCovered / snap.metrics.modesTotal : 0);
        quality.high.push(snap.metrics.highQualityRatio);
        quality.jsd.push(snap.metrics.jsd / Math.LN2);
        if (quality.x.length > QUALITY_CAP) for (const a of Object.values(quality)) a.splice(0, a.length, ...a.filter((_, i) => i % 2 === 1));
      }
    }
    const c = snap.config;
    const bounds = snap.heatmap.bounds;
    const h = snap.history;
    const series: ToySeries[] = [{
      title: "Losses over steps: D's and G's",
      x: Array.from(h.steps),
      lines: [{ label: 'loss D', color: 'real', y: plain(h.lossD, 1e5) }, { label: 'loss G', color: 'fake', y: plain(h.lossG, 1e5) }],
    }, {
      title: 'Quality of the samples over steps',
      x: [...quality.x],
      yRange: [0, 1],
      // A data set without modes (moons, spiral, line, drawn points) has no modes to cover: only its JSD is plotted.
      lines: [
        ...(modesTotal > 0 ? [
          { label: 'modes covered', color: 'high' as const, y: plain(quality.modes) },
          { label: 'high quality', color: 'real' as const, y: plain(quality.high) },
        ] : []),
        { label: 'JSD / log 2', color: 'third', y: plain(quality.jsd) },
      ],
    }];
    const fake = snap.fake;
    const m = snap.metrics;
    return {
      formula: FORMULAS[c.loss],
      terms: [
        ...(snap.value === null ? [] : [{ tex: 'V(D,G)', value: snap.value }]),
        { tex: OPTIMUM_TEX[c.loss], value: snap.valueOptimum },
        ...(snap.lossD === null ? [] : [{ tex: '\\mathcal{L}_D', value: snap.lossD }]),
        ...(snap.lossG === null ? [] : [{ tex: '\\mathcal{L}_G', value: snap.lossG }]),
      ],
      planes: [{
        title: c.dataset === DRAWN_DATASET ? 'Your drawn data and G’s samples over D(x)' : `Real (${c.dataset}) and generated samples over D(x)`,
        bounds,
        axes: { x: 'x₁', y: 'x₂' },
        grid: { width: snap.heatmap.width, height: snap.heatmap.height, values: plain(snap.heatmap.values, 1000), kind: snap.heatmap.kind === 'probability' ? 'probability' : 'score', label: GRID_LABEL[snap.heatmap.kind] },
        points: [
          { label: 'generated G(z)', color: 'fake', xy: plain(fake, 1000) },
          { label: c.dataset === DRAWN_DATASET ? 'drawn data' : 'real data', color: 'real', xy: plain(snap.real, 1000) },
        ],
        lines: manifoldLines(snap.manifold),
        arrows: [{ label: "−∇ of G's loss (where G moves each sample)", color: 'muted', xyd: scaledArrows(trainer.descent(fake.subarray(0, 2 * 128)), bounds) }],
      }],
      series,
      diagnostics: [
        ...diagnosticsOf(snap),
        ...(m && m.modesTotal > 0 ? [`${m.modesCovered}/${m.modesTotal} modes covered, ${(100 * m.highQualityRatio).toFixed(0)}% of the samples high quality, JSD ${m.jsd.toFixed(3)} nats.`] : []),
      ],
    };
  };

  return {
    get stepCount() { return trainer.stepCount; },
    get diverged() { return trainer.diverged; },
    // A GAN has no end: `steps` is the span of its learning-rate schedule, after which it goes on at the lowest rate.
    finished: false,
    step(count) {
      const ok = trainer.step(count);
      if (ok) describe(`Step ${trainer.stepCount}: D took ${trainer.config.dSteps} step${trainer.config.dSteps > 1 ? 's' : ''}, then G one.`);
      return ok;
    },
    view,
    update(settings) {
      // The trainer says when a change (sizes, packing, seed) needs the run started again.
      return !trainer.update(ganConfigOf(settings, drawn)).restarted;
    },
    action(id) {
      if (id === 'stepD' && trainer.stepD()) describe(`D alone took one step (G and the samples are unchanged); the heat map moved.`);
      if (id === 'stepG' && trainer.stepG()) describe(`Step ${trainer.stepCount}: G alone took one step along the arrows (D unchanged).`);
    },
    lastUpdate() {
      const snap = trainer.snapshot({ samples: 1, heatmap: 2, manifold: 2, metrics: false });
      const f = (v: number | null) => (v === null ? '—' : v.toFixed(4));
      return `${last} D's loss is now ${f(snap.lossD)}, G's ${f(snap.lossG)}.`;
    },
  };
}

export const ganToy: ToyModel = {
  title: 'Toy GAN',
  controls: GAN_CONTROLS,
  defaults: GAN_DEFAULT_SETTINGS,
  actions: [
    { id: 'stepD', label: 'Step D', title: 'One update of the discriminator alone: the heat map changes, the samples do not' },
    { id: 'stepG', label: 'Step G', title: 'One update of the generator alone: the samples move along the arrows' },
    { id: 'defaults', label: 'Defaults', title: 'Our stabilized defaults: packing, weight averaging, learning-rate decay', settings: DEFAULT_GAN_PRESET },
    { id: 'plain', label: 'Plain GAN', title: 'The plain GAN, without stabilizers: watch it collapse', settings: PLAIN_GAN_SETTINGS },
  ],
  drawable: { max: MAX_DRAWN_POINTS, setting: { dataset: DRAWN_DATASET } },
  create(settings, drawn) {
    return ganSession(createGanTrainer(ganConfigOf(settings, drawn)), drawn);
  },
};
