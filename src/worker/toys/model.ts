/** What every toy of the generic toy panel provides; one file per toy in this folder. */
import type { ToyAction, ToyControl, ToyFrame, ToyPlane } from '../../shared/toyProtocol';

/** The part of a frame a toy draws itself; the runner adds the rest (step, running, controls...). */
export type ToyView = Pick<ToyFrame, 'formula' | 'terms' | 'planes' | 'series' | 'diagnostics'>;

/** One run of a toy with fixed settings. */
export interface ToySession {
  readonly stepCount: number;
  /** `diverged at step k: ...` once a number went non-finite, else null. */
  readonly diverged: string | null;
  /** True when the run has done all its steps. */
  readonly finished: boolean;
  /** Runs up to `count` steps; false once diverged or finished. */
  step(count: number): boolean;
  view(): ToyView;
  /**
   * Applies changed settings to the run as it is (learning rates, the loss...), where the trainer
   * can; false when they need a fresh run (network sizes, seed), which the runner then starts.
   */
  update?(settings: Readonly<Record<string, string | number>>): boolean;
  /** Runs one of the toy's own actions (its `actions`' ids; the runner checks the id). */
  action?(id: string): void;
  /** What the last step updated, for slow motion. */
  lastUpdate?(): string;
}

/** A toy: its title, its settings and how to start a run with them. */
export interface ToyModel {
  readonly title: string;
  readonly controls: readonly ToyControl[];
  readonly defaults: Readonly<Record<string, string | number>>;
  /** The controls for these settings, where they depend on them (a slider's range per function). */
  controlsFor?(settings: Readonly<Record<string, string | number>>): readonly ToyControl[];
  /**
   * True when a toy's steps only reveal a result computed whole (gradient descent's paths): a run
   * with new settings then starts where the old one was, so a slider's drag redraws in place.
   */
  readonly keepsStep?: boolean;
  /** The settings to run after a change from `previous` to `next` (say, a function's own defaults when it changes). */
  reconcile?(previous: Readonly<Record<string, string | number>>, next: Readonly<Record<string, string | number>>): Record<string, string | number>;
  /** The toy's own buttons (Step D only, Step G only). */
  readonly actions?: readonly ToyAction[];
  /** The main plane takes drawn data (at most `max` points); the run then uses `drawnSetting`. */
  readonly drawable?: { readonly max: number; readonly setting: Readonly<Record<string, string>> };
  /** Starts a run, on drawn data when there are some; a RangeError names a bad setting. */
  create(settings: Readonly<Record<string, string | number>>, drawn?: readonly number[]): ToySession;
}

/** A core trainer that runs up to a step budget (`config.steps`) and says when it diverged. */
export interface BudgetedTrainer {
  readonly config: { readonly steps: number };
  readonly stepCount: number;
  readonly diverged: string | null;
  step(count: number): boolean;
}

/** The session of such a trainer: it steps until the budget is spent; `view` draws it. */
export function budgetedSession(trainer: BudgetedTrainer, view: () => ToyView): ToySession {
  const left = () => trainer.config.steps - trainer.stepCount;
  return {
    get stepCount() { return trainer.stepCount; },
    get diverged() { return trainer.diverged; },
    get finished() { return left() <= 0; },
    step: (count) => left() > 0 && trainer.step(Math.min(count, left())),
    view,
  };
}

/** Plain, finite, rounded numbers for postMessage: a non-finite value becomes 0 (the run reports its divergence). */
export function plain(values: ArrayLike<number>, digits = 1e4): number[] {
  const out = new Array<number>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = Number.isFinite(values[i]) ? Math.round(values[i] * digits) / digits : 0;
  return out;
}

/** At most `max` evenly spaced items of a list, the last one always kept. */
export function thin<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  const stride = items.length / max;
  for (let i = 0; i < max - 1; i++) out.push(items[Math.floor(i * stride)]);
  out.push(items[items.length - 1]);
  return out;
}

/** The bounds of some [x, y, x, y, ...] points with a margin (a unit box when there are none). */
export function boundsOf(xy: ArrayLike<number>, margin = 0.1): ToyPlane['bounds'] {
  let xMin = Infinity, xMax = -Infinity, yMin = Infinity, yMax = -Infinity;
  for (let i = 0; i + 1 < xy.length; i += 2) {
    if (!Number.isFinite(xy[i]) || !Number.isFinite(xy[i + 1])) continue;
    xMin = Math.min(xMin, xy[i]); xMax = Math.max(xMax, xy[i]);
    yMin = Math.min(yMin, xy[i + 1]); yMax = Math.max(yMax, xy[i + 1]);
  }
  if (!(xMax > xMin)) { xMin = (Number.isFinite(xMin) ? xMin : 0) - 1; xMax = xMin + 2; }
  if (!(yMax > yMin)) { yMin = (Number.isFinite(yMin) ? yMin : 0) - 1; yMax = yMin + 2; }
  const mx = (xMax - xMin) * margin;
  const my = (yMax - yMin) * margin;
  return { xMin: xMin - mx, xMax: xMax + mx, yMin: yMin - my, yMax: yMax + my };
}

/** A setting read as a number, or the fallback. */
export function num(settings: Readonly<Record<string, string | number>>, key: string, fallback: number): number {
  const v = settings[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** A setting read as one of some names, or the fallback. */
export function choice<T extends string>(settings: Readonly<Record<string, string | number>>, key: string, options: readonly T[], fallback: T): T {
  const v = settings[key];
  return typeof v === 'string' && (options as readonly string[]).includes(v) ? (v as T) : fallback;
}
