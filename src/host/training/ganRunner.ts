/**
 * Runs a toy GAN for the panel: steps while playing, and emits at most ~30 frames a second.
 * It lives in the training worker (never on the extension host's thread) and imports neither
 * `vscode` nor the DOM, so tests drive it directly.
 */
import { createGanTrainer, DEFAULT_GAN_CONFIG, PLAIN_GAN, resolveGanConfig, type GanConfig, type GanSnapshot, type GanTrainer } from '../../core/train/gan';
import type { GanCommand, GanEvent, GanFrame, GanSettings } from '../../shared/ganProtocol';

/** Frames are at least this far apart (about 30 a second). */
const FRAME_MS = 33;
/** The 2,500-sample quality metrics cost a pass of G; they are refreshed this often. */
const METRICS_MS = 500;
/** One burst of steps may take this long before the runner yields to messages. */
const BURST_MS = 30;

function round(values: ArrayLike<number>, digits = 1000): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Math.round(values[i] * digits) / digits;
  return out;
}

export class GanRunner {
  #trainer: GanTrainer;
  #running = false;
  #stepsPerFrame = 5;
  #timer: NodeJS.Timeout | undefined;
  #lastFrame = 0;
  #lastMetrics = -Infinity;
  #metrics: GanFrame['metrics'] = null;
  #historySent = 0;
  #lastHistoryStep = -1;
  #restarted = true;
  #rateWindow: { t: number; step: number } = { t: Date.now(), step: 0 };
  #stepsPerSecond = 0;

  constructor(private readonly emit: (event: GanEvent) => void, config: Partial<GanConfig> = {}) {
    try {
      this.#trainer = createGanTrainer(config);
    } catch (err) {
      // Bad settings (from a saved panel, say) should not cost the panel: say so and use the defaults.
      emit({ type: 'error', message: `${err instanceof Error ? err.message : String(err)}; using the defaults` });
      this.#trainer = createGanTrainer();
    }
  }

  /** Applies one command (already checked by `isGanCommand`). */
  handle(command: GanCommand): void {
    switch (command.type) {
      case 'ready':
        this.#frame(true);
        break;
      case 'play':
        if (this.#trainer.diverged) return this.#frame(true);
        this.#running = true;
        this.#schedule();
        break;
      case 'pause':
        this.#running = false;
        this.#frame(true);
        break;
      case 'step':
        this.#running = false;
        this.#trainer.step(1);
        this.#frame(true);
        break;
      case 'reset':
        this.#trainer.reset();
        this.#restart();
        break;
      case 'speed':
        this.#stepsPerFrame = command.stepsPerFrame;
        break;
      case 'preset':
        this.#trainer.reset(command.name === 'plain' ? { ...DEFAULT_GAN_CONFIG, ...PLAIN_GAN, dataset: this.#trainer.config.dataset } : { ...DEFAULT_GAN_CONFIG, dataset: this.#trainer.config.dataset });
        this.#restart();
        break;
      case 'settings':
        this.#apply(command.settings);
        break;
    }
  }

  /** Stops stepping; the worker ends after this. */
  dispose(): void {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
  }

  #apply(settings: GanSettings): void {
    try {
      // resolveGanConfig checks every value and names the first bad one.
      resolveGanConfig({ ...this.#trainer.config, ...(settings as Partial<GanConfig>) });
      const { restarted } = this.#trainer.update(settings as Partial<GanConfig>);
      if (restarted) this.#restart();
      else this.#frame(true);
    } catch (err) {
      this.emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      this.#frame(true);
    }
  }

  #restart(): void {
    this.#historySent = 0;
    this.#metrics = null;
    this.#lastMetrics = -Infinity;
    this.#restarted = true;
    this.#frame(true);
  }

  #schedule(): void {
    if (this.#timer || !this.#running) return;
    // setTimeout rather than a tight loop, so commands (pause!) are handled between bursts.
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#tick();
    }, 0);
  }

  #tick(): void {
    if (!this.#running) return;
    const started = Date.now();
    let steps = 0;
    // Several bursts per frame when a step is cheap, so "speed" means steps per frame, not per burst.
    while (steps < this.#stepsPerFrame && Date.now() - started < BURST_MS) {
      if (!this.#trainer.step(1)) break;
      steps++;
    }
    if (this.#trainer.diverged) this.#running = false;
    const now = Date.now();
    if (now - this.#lastFrame >= FRAME_MS || !this.#running) this.#frame(!this.#running);
    const wait = Math.max(0, FRAME_MS - (Date.now() - started));
    if (this.#running) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        this.#tick();
      }, steps >= this.#stepsPerFrame ? wait : 0);
    }
  }

  #frame(forceMetrics: boolean): void {
    const now = Date.now();
    const wantMetrics = forceMetrics || now - this.#lastMetrics >= METRICS_MS;
    // A 48 x 48 heat map costs D about 10 ms a frame; 64 x 64 would take half again as much from training.
    const snap = this.#trainer.snapshot({ samples: 512, heatmap: 48, manifold: 16, metrics: wantMetrics });
    if (snap.metrics) {
      this.#lastMetrics = now;
      this.#metrics = { step: snap.step, modesCovered: snap.metrics.modesCovered, modesTotal: snap.metrics.modesTotal, highQualityRatio: snap.metrics.highQualityRatio, jsd: snap.metrics.jsd };
    }
    if (now - this.#rateWindow.t >= 1000) {
      this.#stepsPerSecond = ((snap.step - this.#rateWindow.step) * 1000) / (now - this.#rateWindow.t);
      this.#rateWindow = { t: now, step: snap.step };
    }
    const h = snap.history;
    // Only the points after the last one sent, unless the trainer thinned its history (it keeps a
    // few thousand points) or restarted: then the whole history replaces the panel's.
    const thinned = h.steps.length < this.#historySent;
    let from = thinned ? 0 : this.#historySent;
    if (from > 0 && h.steps[from - 1] !== this.#lastHistoryStep) from = 0;
    const frame: GanFrame = {
      step: snap.step,
      running: this.#running,
      config: snap.config as unknown as Record<string, unknown>,
      bounds: this.#bounds(snap),
      real: round(snap.real),
      fake: round(snap.fake),
      heatmap: { width: snap.heatmap.width, height: snap.heatmap.height, values: round(snap.heatmap.values), kind: snap.heatmap.kind },
      manifold: { rows: snap.manifold.rows, cols: snap.manifold.cols, points: round(snap.manifold.points) },
      lossD: snap.lossD,
      lossG: snap.lossG,
      value: snap.value,
      valueOptimum: snap.valueOptimum,
      history: { replace: from === 0, steps: Array.from(h.steps.subarray(from)), lossD: round(h.lossD.subarray(from), 1e5), lossG: round(h.lossG.subarray(from), 1e5) },
      metrics: this.#metrics,
      diagnostics: this.#diagnostics(snap),
      diverged: snap.diverged,
      restarted: this.#restarted,
      stepsPerSecond: Math.round(this.#stepsPerSecond),
    };
    this.#historySent = h.steps.length;
    this.#lastHistoryStep = h.steps.length > 0 ? h.steps[h.steps.length - 1] : -1;
    this.#restarted = false;
    this.#lastFrame = now;
    this.emit({ type: 'frame', frame });
  }

  #bounds(snap: GanSnapshot): GanFrame['bounds'] {
    return snap.heatmap.bounds;
  }

  /** Plain sentences about what is happening, so that failure modes are named, not hidden. */
  #diagnostics(snap: GanSnapshot): string[] {
    const out: string[] = [];
    if (snap.diverged) out.push(snap.diverged);
    if (snap.metrics?.collapse) out.push(snap.metrics.collapse);
    if (snap.config.loss === 'minimax' && snap.lossG !== null && snap.lossG > -0.02 && snap.step > 0) {
      // G minimizes log(1 - D(G(z))); when D rejects every fake this is ~0 and flat, so G barely moves.
      out.push('The saturating loss has stalled: D rejects the fakes, so log(1 − D(G(z))) is flat and G gets almost no gradient. Try the non-saturating loss.');
    }
    return out;
  }
}
