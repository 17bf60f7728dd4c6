/**
 * Runs one toy for its panel, in the training worker: steps while playing, at most ~30 frames a
 * second, settings applied by starting a fresh run. Imports neither `vscode` nor the DOM.
 */
import type { ToyCommand, ToyEvent, ToyName } from '../../shared/toyProtocol';
import type { ToyModel, ToySession } from './toys/model';

const FRAME_MS = 33;
const BURST_MS = 30;

export class ToyRunner {
  readonly #model: ToyModel;
  #settings: Record<string, string | number>;
  #session: ToySession;
  #running = false;
  #stepsPerFrame = 5;
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly name: ToyName, model: ToyModel, private readonly emit: (e: ToyEvent) => void, settings: Readonly<Record<string, string | number>> = {}) {
    this.#model = model;
    const merged = { ...model.defaults, ...settings };
    this.#settings = model.reconcile?.(model.defaults, merged) ?? merged;
    try {
      this.#session = model.create(this.#settings);
    } catch (err) {
      // Saved or linked settings that no longer fit should not cost the panel.
      emit({ type: 'error', message: `${err instanceof Error ? err.message : String(err)}; using the defaults` });
      this.#settings = { ...model.defaults };
      this.#session = model.create(this.#settings);
    }
  }

  handle(command: ToyCommand): void {
    switch (command.type) {
      case 'ready':
        return this.#frame();
      case 'play':
        if (this.#session.finished) this.#restart();
        this.#running = !this.#session.diverged;
        return this.#tick();
      case 'pause':
        this.#running = false;
        return this.#frame();
      case 'step':
        this.#running = false;
        this.#session.step(1);
        return this.#frame();
      case 'reset':
        return this.#restart();
      case 'speed':
        this.#stepsPerFrame = command.stepsPerFrame;
        return;
      case 'settings':
        try {
          const merged = { ...this.#settings, ...command.settings };
          const next = this.#model.reconcile?.(this.#settings, merged) ?? merged;
          const at = this.#session.stepCount;
          this.#session = this.#model.create(next);
          this.#settings = next;
          if (this.#model.keepsStep && at > 0) this.#session.step(at);
        } catch (err) {
          this.emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
        }
        return this.#frame();
    }
  }

  dispose(): void {
    this.#running = false;
    clearTimeout(this.#timer);
  }

  #restart(): void {
    this.#session = this.#model.create(this.#settings);
    this.#frame();
  }

  #tick(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#running) return this.#frame();
    const started = Date.now();
    let steps = 0;
    while (steps < this.#stepsPerFrame && Date.now() - started < BURST_MS) {
      if (!this.#session.step(1)) break;
      steps++;
    }
    if (this.#session.diverged || this.#session.finished) this.#running = false;
    this.#frame();
    if (this.#running) this.#timer = setTimeout(() => this.#tick(), Math.max(0, FRAME_MS - (Date.now() - started)));
  }

  #frame(): void {
    const view = this.#session.view();
    this.emit({
      type: 'frame',
      frame: {
        toy: this.name,
        title: this.#model.title,
        step: this.#session.stepCount,
        running: this.#running,
        finished: this.#session.finished,
        controls: this.#model.controlsFor?.(this.#settings) ?? this.#model.controls,
        settings: this.#settings,
        ...view,
        diagnostics: [...(this.#session.finished && !this.#session.diverged ? ['Done: press Play to run it again, or change a setting.'] : []), ...view.diagnostics],
      },
    });
  }
}
