/**
 * Run Toy Diffusion: an ε-prediction MLP trained on the noise-prediction error (t drawn with more
 * weight on small t by default, as the header formula states); the forward process,
 * the schedule's ᾱ_t, and reverse sampling animated from noise to data.
 */
import { createDiffusionTrainer, DEFAULT_DIFFUSION_CONFIG, type DiffusionConfig, type DiffusionSnapshot } from '../../core/train/diffusion';
import { DATASET_NAMES, dataset, drawnDataset } from '../../core/train/datasets';
import { DRAWN_DATASET } from '../../shared/ganSettings';
import { MAX_DRAWN_POINTS } from '../../shared/toyProtocol';
import { makeSchedule, SCHEDULE_NAMES } from '../../core/train/schedules';
import { choice, num, plain, type ToyModel } from './model';

/** A snapshot runs 256 points through every reverse step (~0.2 s): taken this often, then replayed frame by frame. */
const SNAPSHOT_EVERY = 250;
/** Stages of each chain the snapshot keeps, t = 0 and T included, and panel frames per stage. */
const STAGES = 21;
const FRAMES_PER_STAGE = 2;
/** Frames the replay holds on its last stage before starting over. */
const HOLD = 8;

/** The noise-prediction term that every form of the loss averages. */
const NOISE_ERROR = '\\big\\|\\epsilon - \\epsilon_\\theta(\\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon,\\ t)\\big\\|^2';

/** The loss's symbol: Ho et al.'s L_simple when t is uniform; a plain L when it is not, since then it is not theirs. */
function lossName(sampling: DiffusionConfig['timeSampling']): string {
  return sampling === 'uniform' ? 'L_{\\text{simple}}' : 'L';
}

/**
 * What the trainer minimizes, exactly: the noise-prediction error averaged over t as training draws
 * it (uniform on 1..T, or with probability ∝ 1/√t), x_0 from the data and ε ~ N(0, I).
 */
function lossFormula(sampling: DiffusionConfig['timeSampling']): string {
  if (sampling === 'uniform') return `${lossName(sampling)} = \\mathbb{E}_{t \\sim \\mathcal{U}\\{1,\\dots,T\\},\\,x_0,\\,\\epsilon}${NOISE_ERROR}`;
  return `${lossName(sampling)} = \\mathbb{E}_{t \\sim p,\\,x_0,\\,\\epsilon}${NOISE_ERROR},\\quad p(t) \\propto 1/\\sqrt{t},\\ t = 1,\\dots,T`;
}

/** ᾱ_t of both schedules, t = 0..T, for the chart that compares them (computed once per run). */
function alphaBarCurves(T: number) {
  const x = Array.from({ length: T + 1 }, (_, t) => t);
  const [linear, cosine] = SCHEDULE_NAMES.map((n) => plain(makeSchedule(n, T).alphaBar, 1e5));
  return { x, linear, cosine };
}

export const diffusionToy: ToyModel = {
  title: 'Toy diffusion',
  controls: [
    { key: 'dataset', label: 'Data', kind: 'select', options: [...DATASET_NAMES.filter((d) => d !== 'bimodal'), DRAWN_DATASET] },
    { key: 'schedule', label: 'Schedule', kind: 'select', options: SCHEDULE_NAMES },
    { key: 'seed', label: 'Seed', kind: 'number', min: 0, max: 1e6, step: 1 },
  ],
  defaults: { dataset: DEFAULT_DIFFUSION_CONFIG.dataset, schedule: DEFAULT_DIFFUSION_CONFIG.schedule, seed: DEFAULT_DIFFUSION_CONFIG.seed },
  // Draw data on the forward-process plot, then "Train on these": the model learns to sample them.
  drawable: { max: MAX_DRAWN_POINTS, setting: { dataset: DRAWN_DATASET } },
  create(settings, drawn) {
    const name = choice(settings, 'dataset', [...DATASET_NAMES, DRAWN_DATASET] as const, DEFAULT_DIFFUSION_CONFIG.dataset);
    const trainer = createDiffusionTrainer({ dataset: name, ...(name === DRAWN_DATASET ? { drawn: drawn ?? [] } : {}), schedule: choice(settings, 'schedule', SCHEDULE_NAMES, DEFAULT_DIFFUSION_CONFIG.schedule), seed: num(settings, 'seed', DEFAULT_DIFFUSION_CONFIG.seed) });
    const bounds = name === DRAWN_DATASET ? drawnDataset(drawn ?? []).bounds : dataset(name).bounds;
    const dataLabel = name === DRAWN_DATASET ? 'drawn data' : 'data';
    let snap: DiffusionSnapshot | undefined;
    let frameIndex = 0;
    const schedule = trainer.schedule.name;
    const curves = alphaBarCurves(trainer.schedule.steps);
    return {
      get stepCount() { return trainer.stepCount; },
      // The trainer's own reason (what grew, and when), not a generic sentence.
      get diverged() { return trainer.diverged; },
      get finished() { return trainer.stepCount >= trainer.config.steps; },
      step(count) {
        if (trainer.stepCount >= trainer.config.steps) return false;
        return trainer.step(Math.min(count, trainer.config.steps - trainer.stepCount));
      },
      view() {
        const finished = trainer.stepCount >= trainer.config.steps;
        // Early on the model changes fastest: the chains are redrawn at steps 25, 50, 100, 200, then every 250.
        const every = snap ? Math.min(SNAPSHOT_EVERY, Math.max(25, snap.step)) : 0;
        if (!snap || trainer.stepCount - snap.step >= every || (finished && snap.step !== trainer.stepCount)) {
          snap = trainer.snapshot({ samples: 256, frames: STAGES, historyPoints: 300 });
        }
        // Both chains are replayed in step, one stage every FRAMES_PER_STAGE frames, then held a moment:
        // the forward one noises the data (t rising to T), the reverse one denoises noise (t falling to 0).
        // A new snapshot joins the replay where it is rather than restarting it from noise.
        const stage = Math.min(STAGES - 1, Math.floor(frameIndex / FRAMES_PER_STAGE) % (STAGES + HOLD));
        frameIndex++;
        const forward = snap.forward[Math.min(stage, snap.forward.length - 1)];
        const reverse = snap.reverse[Math.min(stage, snap.reverse.length - 1)];
        const T = snap.alphaBar.length - 1;
        const ab = snap.alphaBar;
        // The loss is live; the chains are the latest snapshot's.
        const history = trainer.lossHistory(300);
        return {
          formula: lossFormula(trainer.config.timeSampling),
          terms: [
            { tex: lossName(trainer.config.timeSampling), value: trainer.recentLoss() ?? 0 },
            { tex: '\\bar\\alpha_{' + forward.t + '}', value: ab[forward.t] },
          ],
          planes: [{
            title: `Forward process: data noised step by step, t = ${forward.t} of ${T}`,
            bounds,
            axes: { x: 'x₁', y: 'x₂' },
            points: [
              { label: dataLabel, color: 'real', xy: plain(snap.real) },
              { label: `x_t, t = ${forward.t}`, color: 'high', xy: plain(forward.points) },
            ],
            lines: [],
          }, {
            title: `Reverse sampling: noise to data, t = ${reverse.t}`,
            bounds,
            axes: { x: 'x₁', y: 'x₂' },
            points: [
              { label: dataLabel, color: 'real', xy: plain(snap.real) },
              { label: `samples, t = ${reverse.t}`, color: 'fake', xy: plain(reverse.points) },
            ],
            lines: [],
          }],
          series: [{
            title: 'Noise-prediction loss over steps',
            x: Array.from(history.steps),
            lines: [{ label: 'loss', color: 'fake', y: plain(history.loss) }],
          }, {
            title: 'The schedules’ ᾱ_t over t: the signal left at step t (this run uses ' + schedule + ')',
            xLabel: 't',
            x: curves.x,
            lines: SCHEDULE_NAMES.map((n) => ({ label: `ᾱ_t ${n}${n === schedule ? ' (this run)' : ''}`, color: n === 'linear' ? 'fake' as const : 'high' as const, y: n === 'linear' ? curves.linear : curves.cosine })),
          }],
          diagnostics: [
            ...(trainer.diverged ? [trainer.diverged] : []),
            `The ${schedule} schedule keeps ᾱ_t = ${plain([ab[Math.floor(T / 2)]], 1000)[0]} of the signal at t = ${Math.floor(T / 2)} and ${plain([ab[T]], 1e6)[0]} at t = ${T}. In the ᾱ_t chart, cosine removes the signal evenly over t, while linear has removed most of it by the middle.`,
            `Both chains come from the model as it was at step ${snap.step}; they are redrawn as it trains (every ${SNAPSHOT_EVERY} steps after the first few hundred).`,
          ],
        };
      },
    };
  },
};
