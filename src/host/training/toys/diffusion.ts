/**
 * Run Toy Diffusion: an ε-prediction MLP trained with the simplified loss; the forward process,
 * the schedule's ᾱ_t, and reverse sampling animated from noise to data.
 */
import { createDiffusionTrainer, DEFAULT_DIFFUSION_CONFIG, type DiffusionSnapshot } from '../../../core/train/diffusion';
import { DATASET_NAMES, dataset } from '../../../core/train/datasets';
import { SCHEDULE_NAMES } from '../../../core/train/schedules';
import { choice, num, plain, type ToyModel } from './model';

/** A snapshot runs 256 points through every reverse step (~0.2 s): taken this often, then replayed frame by frame. */
const SNAPSHOT_EVERY = 250;

export const diffusionToy: ToyModel = {
  title: 'Toy diffusion',
  controls: [
    { key: 'dataset', label: 'Data', kind: 'select', options: DATASET_NAMES.filter((d) => d !== 'bimodal') },
    { key: 'schedule', label: 'Schedule', kind: 'select', options: SCHEDULE_NAMES },
    { key: 'seed', label: 'Seed', kind: 'number', min: 0, max: 1e6, step: 1 },
  ],
  defaults: { dataset: DEFAULT_DIFFUSION_CONFIG.dataset, schedule: DEFAULT_DIFFUSION_CONFIG.schedule, seed: DEFAULT_DIFFUSION_CONFIG.seed },
  create(settings) {
    const name = choice(settings, 'dataset', DATASET_NAMES, DEFAULT_DIFFUSION_CONFIG.dataset);
    const trainer = createDiffusionTrainer({ dataset: name, schedule: choice(settings, 'schedule', SCHEDULE_NAMES, DEFAULT_DIFFUSION_CONFIG.schedule), seed: num(settings, 'seed', DEFAULT_DIFFUSION_CONFIG.seed) });
    const bounds = dataset(name).bounds;
    let snap: DiffusionSnapshot | undefined;
    let frameIndex = 0;
    let diverged: string | null = null;
    return {
      get stepCount() { return trainer.stepCount; },
      get diverged() { return diverged; },
      get finished() { return trainer.stepCount >= trainer.config.steps; },
      step(count) {
        if (trainer.stepCount >= trainer.config.steps || diverged) return false;
        const ok = trainer.step(Math.min(count, trainer.config.steps - trainer.stepCount));
        if (!ok && trainer.stepCount < trainer.config.steps) diverged = `diverged at step ${trainer.stepCount}: learning rate too high?`;
        return ok;
      },
      view() {
        const finished = trainer.stepCount >= trainer.config.steps;
        if (!snap || trainer.stepCount - snap.step >= SNAPSHOT_EVERY || (finished && snap.step !== trainer.stepCount)) {
          snap = trainer.snapshot({ samples: 256, frames: 11, historyPoints: 300 });
          frameIndex = 0;
        }
        // Replays the reverse chain, noise to data, one stage per frame, then holds on the data for a moment.
        const frames = snap.reverse;
        const shown = frames[Math.min(frames.length - 1, Math.floor(frameIndex / 3) % (frames.length + 4))];
        frameIndex++;
        const T = snap.alphaBar.length - 1;
        const ab: number[] = [];
        const at: number[] = [];
        for (let t = 0; t <= T; t++) { at.push(t); ab.push(snap.alphaBar[t]); }
        return {
          formula: 'L_{\\text{simple}} = \\mathbb{E}_{t,x_0,\\epsilon}\\big\\|\\epsilon - \\epsilon_\\theta(\\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1-\\bar\\alpha_t}\\,\\epsilon,\\ t)\\big\\|^2',
          terms: [{ tex: 'L_{\\text{simple}}', value: snap.loss ?? 0 }, { tex: 't', value: shown.t }],
          plane: {
            bounds,
            points: [
              { label: 'data', color: 'real', xy: plain(snap.real) },
              { label: `reverse sampling, t = ${shown.t}`, color: 'fake', xy: plain(shown.points) },
            ],
            lines: [],
          },
          series: {
            x: Array.from(snap.history.steps),
            lines: [{ label: 'simplified loss', color: 'fake', y: plain(snap.history.loss) }],
          },
          diagnostics: [
            ...(diverged ? [diverged] : []),
            `The schedule keeps ᾱ_t = ${plain([ab[Math.floor(T / 2)]], 1000)[0]} of the signal at t = ${Math.floor(T / 2)} and ${plain([ab[T]], 1e6)[0]} at t = ${T}; the orange points replay the reverse process from noise (t = ${T}) to data (t = 0).`,
          ],
        };
      },
    };
  },
};
