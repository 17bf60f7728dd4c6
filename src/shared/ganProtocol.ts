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

/** The keys of the number settings, in the panel's order. */
export const NUMBER_SETTINGS = ['learningRateG', 'learningRateD', 'dSteps', 'batchSize', 'pack', 'gradientPenalty', 'emaDecay', 'seed'] as const;
/** The keys of the settings that are names (data set, loss, optimizer). */
export const STRING_SETTINGS = ['dataset', 'loss', 'optimizer'] as const;
/** The keys of the hidden-layer lists. */
export const LIST_SETTINGS = ['generatorHidden', 'discriminatorHidden'] as const;

/** The range of a number setting, as the panel's input offers it and the CLI accepts it. */
export interface GanNumberRange {
  readonly min: number;
  readonly max: number;
  /** The panel's input step; an integer setting has step 1. */
  readonly step: number;
  readonly integer: boolean;
}

/**
 * The panel's number settings and their ranges, one table read by the panel's inputs and by
 * `genmath train gan` (flags and `--config`), so the two accept the same values.
 */
export const GAN_NUMBER_RANGES: Readonly<Record<(typeof NUMBER_SETTINGS)[number], GanNumberRange>> = {
  learningRateG: { min: 1e-6, max: 1, step: 1e-4, integer: false },
  learningRateD: { min: 1e-6, max: 1, step: 1e-4, integer: false },
  dSteps: { min: 1, max: 10, step: 1, integer: true },
  batchSize: { min: 2, max: 1024, step: 2, integer: true },
  pack: { min: 1, max: 8, step: 1, integer: true },
  gradientPenalty: { min: 0, max: 100, step: 0.1, integer: false },
  emaDecay: { min: 0, max: 0.9999, step: 0.001, integer: false },
  seed: { min: 0, max: 1_000_000, step: 1, integer: true },
};

/** Hidden layers of G or D: 1 to 4 layers, each 1 to 256 units wide (the guard's bound). */
export const GAN_LAYERS = { maxLayers: 4, maxWidth: 256 } as const;

/**
 * Why `settings` (already through `isGanSettings`) fall outside the panel's ranges, or undefined
 * when they do not. The trainer checks the rest (a batch that packs evenly, known names).
 */
export function ganSettingsRangeProblem(settings: GanSettings): string | undefined {
  for (const key of NUMBER_SETTINGS) {
    const v = settings[key];
    if (v === undefined) continue;
    const r = GAN_NUMBER_RANGES[key];
    if (r.integer && !Number.isInteger(v)) return `${key} must be a whole number, got ${v}`;
    if (v < r.min || v > r.max) return `${key} must be from ${r.min} to ${r.max}, got ${v}`;
  }
  return undefined;
}

/** Webview -> host (and host -> worker: the host forwards them once checked). */
export type GanCommand =
  | PlaybackCommand
  | { readonly type: 'settings'; readonly settings: GanSettings }
  | { readonly type: 'preset'; readonly name: 'defaults' | 'plain' }
  /** "Copy settings": the host puts them on the clipboard as the JSON `genmath train gan --config` reads. */
  | { readonly type: 'copySettings'; readonly settings: GanSettings };

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
    case 'copySettings':
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
      if (!Array.isArray(value) || value.length < 1 || value.length > GAN_LAYERS.maxLayers || !value.every((n) => Number.isInteger(n) && n >= 1 && n <= GAN_LAYERS.maxWidth)) return false;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * The panel's settings of a run, picked from the trainer's whole config (a frame's `config`): what
 * "Copy settings" copies and `genmath train gan --config FILE` reads back. Keys the panel does not
 * set (β's, latent size, activations, schedule) are left out, so both take their defaults.
 */
export function ganSettingsOf(config: Readonly<Record<string, unknown>>): GanSettings {
  const out: Record<string, unknown> = {};
  for (const key of STRING_SETTINGS) if (typeof config[key] === 'string') out[key] = config[key];
  for (const key of NUMBER_SETTINGS) if (isFiniteNumber(config[key])) out[key] = config[key];
  for (const key of LIST_SETTINGS) if (Array.isArray(config[key])) out[key] = [...(config[key] as unknown[])];
  return out as GanSettings;
}

/** The JSON text "Copy settings" puts on the clipboard. */
export function ganSettingsJson(settings: GanSettings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

/** Checks a message from the worker. */
export function isGanEvent(v: unknown): v is GanEvent {
  return isTrainingEvent(v);
}
