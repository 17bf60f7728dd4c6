/**
 * Runs one toy for its panel, in the training worker: steps while playing (or one a second in slow
 * motion), at most ~30 frames a second; settings applied in place where the toy can, else by a
 * fresh run; histories sent as the points the panel does not have yet. Imports neither `vscode`
 * nor the DOM, so tests drive it directly.
 */
import type { ToyCommand, ToyEvent, ToyFrame, ToyName, ToySeries } from '../shared/toyProtocol';
import { settingsProblem } from '../shared/toySettings';
import type { ToyModel, ToySession } from './toys/model';

const FRAME_MS = 33;
const BURST_MS = 30;
/** Slow motion: one step this often. */
const SLOW_MS = 1000;

type Settings = Record<string, string | number>;

/** What the panel holds of one chart: enough to tell whether a new history only adds to it. */
interface SentSeries {
  readonly key: string;
  readonly count: number;
  readonly firstX: number;
  readonly lastX: number;
  readonly lastY: readonly number[];
}

export class ToyRunner {
  readonly #model: ToyModel;
  #settings: Settings;
  #drawn: readonly number[] | undefined;
  #session: ToySession;
  #running = false;
  #slow = false;
  #stepsPerFrame = 5;
  #timer: NodeJS.Timeout | undefined;
  #sent: (SentSeries | undefined)[] = [];
  #update: string | undefined;

  constructor(private readonly name: ToyName, model: ToyModel, private readonly emit: (e: ToyEvent) => void, settings: Readonly<Settings> = {}, drawn?: readonly number[]) {
    this.#model = model;
    this.#drawn = drawn;
    try {
      this.#settings = this.#checked(model.defaults, settings);
      this.#session = model.create(this.#settings, drawn);
    } catch (err) {
      // Saved or linked settings that no longer fit should not cost the panel.
      emit({ type: 'error', message: `${err instanceof Error ? err.message : String(err)}; using the defaults` });
      this.#settings = { ...model.defaults };
      this.#drawn = undefined;
      this.#session = model.create(this.#settings);
    }
  }

  /** The settings after a change from `previous`, checked against the controls; a RangeError names a bad one. */
  #checked(previous: Readonly<Settings>, change: Readonly<Settings>): Settings {
    const merged = { ...previous, ...change };
    const next = this.#model.reconcile?.(previous, merged) ?? merged;
    const problem = settingsProblem(this.#model.controlsFor?.(next) ?? this.#model.controls, next);
    if (problem) throw new RangeError(problem);
    return next;
  }

  handle(command: ToyCommand): void {
    switch (command.type) {
      case 'ready':
        // A (re)loaded webview has no history: it gets all of it.
        this.#sent = [];
        return this.#frame();
      case 'play':
        // What a single step or action updated no longer describes a run at speed.
        if (!this.#slow) this.#update = undefined;
        if (this.#session.finished) this.#restart();
        this.#running = !this.#session.diverged;
        return this.#tick();
      case 'pause':
        this.#running = false;
        clearTimeout(this.#timer);
        return this.#frame();
      case 'step':
        this.#running = false;
        clearTimeout(this.#timer);
        this.#session.step(1);
        this.#update = this.#session.lastUpdate?.();
        return this.#frame();
      case 'reset':
        return this.#restart();
      case 'speed':
        this.#stepsPerFrame = command.stepsPerFrame;
        return;
      case 'slow':
        this.#slow = command.on;
        this.#update = undefined;
        if (this.#running) this.#tick();
        else this.#frame();
        return;
      case 'action': {
        const action = this.#model.actions?.find((a) => a.id === command.id);
        if (!action) return;
        // A preset is a change of settings, and a change that needs a fresh run restarts it.
        if (action.settings) return this.#apply(action.settings, this.#drawn);
        this.#running = false;
        clearTimeout(this.#timer);
        this.#session.action?.(command.id);
        this.#update = this.#session.lastUpdate?.();
        return this.#frame();
      }
      case 'data':
        if (!this.#model.drawable || command.points.length / 2 > this.#model.drawable.max) return;
        return this.#apply(this.#model.drawable.setting, command.points);
      case 'settings':
        return this.#apply(command.settings, this.#drawn);
      default:
        // copyExperiment and export are the host's.
        return;
    }
  }

  dispose(): void {
    this.#running = false;
    clearTimeout(this.#timer);
  }

  #apply(change: Readonly<Settings>, drawn: readonly number[] | undefined): void {
    try {
      const next = this.#checked(this.#settings, change);
      if (drawn === this.#drawn && this.#session.update?.(next)) {
        this.#settings = next;
      } else {
        const at = this.#session.stepCount;
        this.#session = this.#model.create(next, drawn);
        this.#settings = next;
        this.#drawn = drawn;
        this.#sent = [];
        this.#update = undefined;
        if (this.#model.keepsStep && at > 0) this.#session.step(at);
      }
    } catch (err) {
      this.emit({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    }
    this.#frame();
  }

  #restart(): void {
    this.#session = this.#model.create(this.#settings, this.#drawn);
    this.#sent = [];
    this.#update = undefined;
    this.#frame();
  }

  #tick(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#running) return this.#frame();
    const started = Date.now();
    if (this.#slow) {
      this.#session.step(1);
      this.#update = this.#session.lastUpdate?.() ?? `Step ${this.#session.stepCount}: one training step.`;
    } else {
      let steps = 0;
      while (steps < this.#stepsPerFrame && Date.now() - started < BURST_MS) {
        if (!this.#session.step(1)) break;
        steps++;
      }
    }
    if (this.#session.diverged || this.#session.finished) this.#running = false;
    this.#frame();
    const wait = this.#slow ? SLOW_MS : FRAME_MS;
    if (this.#running) this.#timer = setTimeout(() => this.#tick(), Math.max(0, wait - (Date.now() - started)));
  }

  /**
   * A chart as the panel needs it: only the points after those it has when the history has only
   * grown since (same chart, same first point, the last point sent unchanged), else all of it.
   */
  #incremental(s: ToySeries, i: number): ToySeries {
    const key = [s.title, s.xLabel ?? '', ...s.lines.map((l) => `${l.label}:${l.color}`)].join('|');
    const sent = this.#sent[i];
    const n = s.x.length;
    const grew = sent !== undefined && sent.key === key && n >= sent.count
      && (sent.count === 0 || (s.x[0] === sent.firstX && s.x[sent.count - 1] === sent.lastX && s.lines.every((l, j) => l.y[sent.count - 1] === sent.lastY[j])));
    this.#sent[i] = { key, count: n, firstX: s.x[0], lastX: s.x[n - 1], lastY: s.lines.map((l) => l.y[n - 1]) };
    if (!grew) return s;
    const from = sent.count;
    return { ...s, append: true, x: s.x.slice(from), lines: s.lines.map((l) => ({ ...l, y: l.y.slice(from) })) };
  }

  #frame(): void {
    const view = this.#session.view();
    const frame: ToyFrame = {
      toy: this.name,
      title: this.#model.title,
      step: this.#session.stepCount,
      running: this.#running,
      finished: this.#session.finished,
      controls: this.#model.controlsFor?.(this.#settings) ?? this.#model.controls,
      settings: this.#settings,
      ...view,
      series: view.series.map((s, i) => this.#incremental(s, i)),
      diagnostics: [...(this.#session.finished && !this.#session.diverged ? ['Done: press Play to run it again, or change a setting.'] : []), ...view.diagnostics],
      ...(this.#model.actions ? { actions: this.#model.actions } : {}),
      ...(this.#model.drawable ? { drawable: { max: this.#model.drawable.max } } : {}),
      ...(this.#slow ? { slow: true } : {}),
      ...(this.#update ? { update: this.#update } : {}),
    };
    this.#sent.length = view.series.length;
    this.emit({ type: 'frame', frame });
  }
}
