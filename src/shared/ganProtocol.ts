/**
 * The messages of the Train Toy GAN panel: webview <-> extension host <-> training worker.
 * One union per direction (house style 1-2); every message that arrives is checked by the guards
 * below before it is used (house style 3). Imported with `import type` where only types are needed.
 */
import { isFiniteNumber, isOneOf, isRecord } from './is';
import { checkPlayback, isTrainingEvent, type PlaybackCommand, type TrainingEvent } from './trainingProtocol';

/** Settings the panel can change; the trainer checks ranges and says what it refused. */
export interface GanSettings {
  readonly dataset?: string;
  readonly loss?: string;
  readonly optimizer?: string;
  readonly learningRateG?: number;
  readonly learningRateD?: number;
  readonly dSteps?: number;
  readonly batchSize?: number;
  readonly generatorHidden?: readonly number[];
  readonly discriminatorHidden?: readonly number[];
  readonly pack?: number;
  readonly gradientPenalty?: number;
  readonly emaDecay?: number;
  readonly seed?: number;
}

const NUMBER_SETTINGS = ['learningRateG', 'learningRateD', 'dSteps', 'batchSize', 'pack', 'gradientPenalty', 'emaDecay', 'seed'] as const;
const STRING_SETTINGS = ['dataset', 'loss', 'optimizer'] as const;
const LIST_SETTINGS = ['generatorHidden', 'discriminatorHidden'] as const;

/** Webview -> host (and host -> worker: the host forwards them once checked). */
export type GanCommand =
  | PlaybackCommand
  | { readonly type: 'settings'; readonly settings: GanSettings }
  | { readonly type: 'preset'; readonly name: 'defaults' | 'plain' };

export const SPEEDS: readonly number[] = [1, 5, 20, 50];

/** A frame of plots; arrays are plain numbers (finite, rounded) so they cross postMessage cheaply. */
export interface GanFrame {
  readonly step: number;
  readonly running: boolean;
  /** Every setting of the run, as the trainer resolved them. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly bounds: { readonly xMin: number; readonly xMax: number; readonly yMin: number; readonly yMax: number };
  readonly real: readonly number[];
  readonly fake: readonly number[];
  readonly heatmap: { readonly width: number; readonly height: number; readonly values: readonly number[]; readonly kind: string };
  readonly manifold: { readonly rows: number; readonly cols: number; readonly points: readonly number[] };
  readonly lossD: number | null;
  readonly lossG: number | null;
  readonly value: number | null;
  readonly valueOptimum: number;
  /** Loss history since the previous frame (appended), or whole (`replace`: it was thinned or restarted). */
  readonly history: { readonly replace: boolean; readonly steps: readonly number[]; readonly lossD: readonly number[]; readonly lossG: readonly number[] };
  readonly metrics: { readonly step: number; readonly modesCovered: number; readonly modesTotal: number; readonly highQualityRatio: number; readonly jsd: number } | null;
  /** Sentences for the person watching: divergence, mode collapse, a stalled saturating loss. */
  readonly diagnostics: readonly string[];
  readonly diverged: string | null;
  /** True when this frame starts a new run (the panel clears its line plots). */
  readonly restarted: boolean;
  readonly stepsPerSecond: number;
}

/** Host -> webview, and worker -> host. */
export type GanEvent = TrainingEvent<GanFrame>;

/** Checks a message from the webview; anything else is dropped by the caller. */
export function isGanCommand(v: unknown): v is GanCommand {
  if (!isRecord(v)) return false;
  const playback = checkPlayback(v, SPEEDS);
  if (playback !== undefined) return playback;
  switch (v.type) {
    case 'preset':
      return isOneOf(v.name, ['defaults', 'plain'] as const);
    case 'settings':
      return isGanSettings(v.settings);
    default:
      return false;
  }
}

/** Settings with known keys only, each of the right type and size. */
export function isGanSettings(v: unknown): v is GanSettings {
  if (!isRecord(v)) return false;
  for (const [key, value] of Object.entries(v)) {
    if ((NUMBER_SETTINGS as readonly string[]).includes(key)) {
      if (!isFiniteNumber(value)) return false;
    } else if ((STRING_SETTINGS as readonly string[]).includes(key)) {
      if (typeof value !== 'string' || value.length > 40) return false;
    } else if ((LIST_SETTINGS as readonly string[]).includes(key)) {
      // Bounded so that a message cannot ask for a network that would exhaust memory.
      if (!Array.isArray(value) || value.length < 1 || value.length > 4 || !value.every((n) => Number.isInteger(n) && n >= 1 && n <= 256)) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** Checks a message from the worker. */
export function isGanEvent(v: unknown): v is GanEvent {
  return isTrainingEvent(v);
}
