/**
 * The messages of the toy-training panels (GAN, VAE, maximum likelihood, autoencoder, diffusion,
 * forward vs reverse KL, gradient descent): one generic frame that the panel draws, whatever the
 * toy, and one set of commands. Guards check everything that arrives from the webview.
 */
import { isFiniteNumber, isOneOf, isRecord } from './is';
import { checkPlayback, isTrainingEvent, type PlaybackCommand, type TrainingEvent } from './trainingProtocol';

export const TOY_NAMES = ['gan', 'vae', 'mle', 'autoencoder', 'diffusion', 'klfit', 'gd'] as const;
export type ToyName = (typeof TOY_NAMES)[number];

/** Plot colours by role; the panel maps them to `--vscode-charts-*` theme colours. */
export type ToyColor = 'real' | 'fake' | 'high' | 'low' | 'third' | 'muted';

/**
 * A setting of a toy, shown as a control in the panel. Its `min`/`max`/`options` are the setting's
 * limits wherever it is read (the panel, the worker, `genmath train`): see `settingProblem`.
 */
export interface ToyControl {
  readonly key: string;
  readonly label: string;
  /**
   * A menu, a number field, a slider (`range`, from `min` to `max`), or a `list` of whole numbers
   * written `64,64` (layer widths: 1 to `maxItems` items, each from `min` to `max`).
   */
  readonly kind: 'select' | 'number' | 'range' | 'list';
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** The value must be a whole number (a `list`'s items always are). */
  readonly integer?: boolean;
  /** A `list`'s most items. */
  readonly maxItems?: number;
  /** A sentence for the control's tooltip. */
  readonly title?: string;
  /** A slider's scale: `log` spreads `min`..`max` evenly in powers of ten (learning rates). */
  readonly scale?: 'linear' | 'log';
  /** A value marked on a slider's track, with what it means (e.g. η = 2/L, where descent diverges). */
  readonly mark?: { readonly value: number; readonly label: string };
  /** Send a slider's value while it is dragged, not only when it is let go (cheap toys). */
  readonly live?: boolean;
}

/**
 * What a plane's grid holds, which decides how it is drawn: `probability` in [0, 1] as it is (D(x) of
 * a GAN), `score` scaled to its own range (a critic's score), `surface` a function to minimize (a loss
 * or a negative log-likelihood over two parameters), drawn with contour lines.
 */
export type ToyGridKind = 'probability' | 'score' | 'surface';

/** One plot on the plane: an optional contour/heat map, point clouds, polylines (paths, curves), arrows. */
export interface ToyPlane {
  /** What the plot shows, said under it. */
  readonly title: string;
  readonly bounds: { readonly xMin: number; readonly xMax: number; readonly yMin: number; readonly yMax: number };
  /** The axes' names, drawn beside their ticks (μ and σ of a fit, x₁ and x₂ of data). Plain text, no TeX. */
  readonly axes?: { readonly x: string; readonly y: string };
  /**
   * A function of the plane sampled on a row-major grid, row 0 at yMin. `label` names the values on
   * the colour scale ("D(x) = P(real)"); `kind` says how to draw them (`surface` when absent).
   */
  readonly grid?: { readonly width: number; readonly height: number; readonly values: readonly number[]; readonly kind?: ToyGridKind; readonly label?: string };
  /** Point clouds; `real` ones are drawn above the others, so generated samples never hide the data. */
  readonly points: readonly { readonly label: string; readonly color: ToyColor; readonly xy: readonly number[] }[];
  readonly lines: readonly { readonly label: string; readonly color: ToyColor; readonly xy: readonly number[] }[];
  /** Arrows as [x, y, dx, dy, ...] in data units (where each generated sample is pushed next). */
  readonly arrows?: readonly { readonly label: string; readonly color: ToyColor; readonly xyd: readonly number[] }[];
}

/** A chart of curves over a shared x (steps, or t for a schedule). */
export interface ToySeries {
  readonly title: string;
  /**
   * True when `x` and the lines hold only the points after those the panel already has (the
   * runner sends a growing history this way); absent or false when they replace them.
   */
  readonly append?: boolean;
  /** A fixed range of the y axis ([0, 1] for fractions), else fitted to the data. */
  readonly yRange?: readonly [number, number];
  /** What x is, for the chart's legend ('step' when absent). */
  readonly xLabel?: string;
  readonly x: readonly number[];
  readonly lines: readonly { readonly label: string; readonly color: ToyColor; readonly y: readonly number[] }[];
}

/** One frame of a toy panel. Every number in it is finite. */
export interface ToyFrame {
  readonly toy: ToyName;
  readonly title: string;
  readonly step: number;
  readonly running: boolean;
  /** True when the toy has nothing left to do (its step budget is spent). */
  readonly finished: boolean;
  /** The formula being optimized (TeX), and its terms' live values. */
  readonly formula: string;
  readonly terms: readonly { readonly tex: string; readonly value: number }[];
  /** One to three plots on the plane, the first the main one. */
  readonly planes: readonly ToyPlane[];
  /** One or two charts of curves. */
  readonly series: readonly ToySeries[];
  readonly controls: readonly ToyControl[];
  readonly settings: Readonly<Record<string, string | number>>;
  /** Sentences for the person watching: divergence, what the picture shows. */
  readonly diagnostics: readonly string[];
  /** The toy's own buttons (Step D only, Step G only), each sent back as an `action` command. */
  readonly actions?: readonly ToyAction[];
  /** In slow motion, what the last step updated, in a sentence. */
  readonly update?: string;
  /** The main plane takes drawn data: at most `max` points (the toy trains on them with `data`). */
  readonly drawable?: { readonly max: number };
  /** One step a second, so each update can be watched. */
  readonly slow?: boolean;
}

/** A toy's own button. */
export interface ToyAction {
  readonly id: string;
  readonly label: string;
  readonly title?: string;
  /** A preset: the settings this button applies (the runner applies them as any change); absent for a toy's own action. */
  readonly settings?: Readonly<Record<string, string | number>>;
}

/** Most points a person may draw; a `data` command with more is refused. */
export const MAX_DRAWN_POINTS = 500;
/** Drawn points lie within this distance of the origin (the toys' planes are a few units wide). */
export const MAX_DRAWN_COORDINATE = 100;

/** Webview -> host -> worker (`copyExperiment` and `export` are for the host, which alone writes notes and files). */
export type ToyCommand =
  | PlaybackCommand
  | { readonly type: 'settings'; readonly settings: Readonly<Record<string, string | number>> }
  /** A toy's own button, by the id its frame's `actions` gave. */
  | { readonly type: 'action'; readonly id: string }
  /** Slow motion on or off: one step a second. */
  | { readonly type: 'slow'; readonly on: boolean }
  /** Train on these drawn points, [x, y, x, y, ...]. */
  | { readonly type: 'data'; readonly points: readonly number[] }
  /** Write the experiment (settings, seed, drawn data) into the active note. */
  | { readonly type: 'copyExperiment'; readonly as: 'block' | 'link' }
  /** Save the main plot: as SVG (the host builds it from the frame) or as the canvas's PNG. */
  | { readonly type: 'export'; readonly format: 'svg' } | { readonly type: 'export'; readonly format: 'png'; readonly dataUrl: string };

/** The largest PNG data URL an export may carry (a 4k canvas compresses to well under this). */
export const MAX_EXPORT_CHARS = 16_000_000;

/** Worker -> host -> webview. */
export type ToyEvent = TrainingEvent<ToyFrame>;

/** Steps per frame the panel offers. */
export const TOY_SPEEDS: readonly number[] = [1, 5, 20, 50, 100];

/** Most settings a toy has (the GAN's 13 with room to spare). */
export const MAX_TOY_SETTINGS = 20;

/** Settings: a few short keys, each a finite number or a short string. */
export function isToySettings(v: unknown): v is Readonly<Record<string, string | number>> {
  if (!isRecord(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= MAX_TOY_SETTINGS && entries.every(([k, x]) => /^[A-Za-z]{1,24}$/.test(k) && (isFiniteNumber(x) || (typeof x === 'string' && x.length <= 40)));
}

/** Drawn points: pairs of finite numbers near the plane, at most MAX_DRAWN_POINTS of them. */
export function isDrawnPoints(v: unknown): v is readonly number[] {
  return Array.isArray(v) && v.length % 2 === 0 && v.length <= 2 * MAX_DRAWN_POINTS && v.every((x) => isFiniteNumber(x) && Math.abs(x) <= MAX_DRAWN_COORDINATE);
}

/** The one guard of every toy panel's messages (the GAN's included). */
export function isToyCommand(v: unknown): v is ToyCommand {
  if (!isRecord(v)) return false;
  const playback = checkPlayback(v, TOY_SPEEDS);
  if (playback !== undefined) return playback;
  switch (v.type) {
    case 'settings':
      return isToySettings(v.settings);
    case 'action':
      return typeof v.id === 'string' && /^[A-Za-z]{1,24}$/.test(v.id);
    case 'slow':
      return typeof v.on === 'boolean';
    case 'data':
      return isDrawnPoints(v.points);
    case 'copyExperiment':
      return v.as === 'block' || v.as === 'link';
    case 'export':
      return v.format === 'svg' || (v.format === 'png' && typeof v.dataUrl === 'string' && v.dataUrl.length <= MAX_EXPORT_CHARS && v.dataUrl.startsWith('data:image/png;base64,'));
    default:
      return false;
  }
}

export function isToyName(v: unknown): v is ToyName {
  return isOneOf(v, TOY_NAMES);
}

export function isToyEvent(v: unknown): v is ToyEvent {
  return isTrainingEvent(v);
}
