/**
 * The messages of the toy-training panels other than the GAN (VAE, maximum likelihood,
 * autoencoder, diffusion, forward vs reverse KL, gradient descent): one generic frame that the
 * panel draws, whatever the toy. Guards check everything that arrives from the webview.
 */
import { isFiniteNumber, isOneOf, isRecord } from './is';
import { checkPlayback, isTrainingEvent, type PlaybackCommand, type TrainingEvent } from './trainingProtocol';

export const TOY_NAMES = ['vae', 'mle', 'autoencoder', 'diffusion', 'klfit', 'gd'] as const;
export type ToyName = (typeof TOY_NAMES)[number];

/** Plot colours by role; the panel maps them to `--vscode-charts-*` theme colours. */
export type ToyColor = 'real' | 'fake' | 'high' | 'low' | 'third' | 'muted';

/** A setting of a toy, shown as a control in the panel. */
export interface ToyControl {
  readonly key: string;
  readonly label: string;
  /** A menu, a number field, or a slider (`range`, from `min` to `max`). */
  readonly kind: 'select' | 'number' | 'range';
  readonly options?: readonly string[];
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
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
}

/** Webview -> host -> worker. */
export type ToyCommand =
  | PlaybackCommand
  | { readonly type: 'settings'; readonly settings: Readonly<Record<string, string | number>> };

/** Worker -> host -> webview. */
export type ToyEvent = TrainingEvent<ToyFrame>;

export const TOY_SPEEDS: readonly number[] = [1, 5, 20, 100];

/** Settings: a few short keys, each a finite number or a short string. */
export function isToySettings(v: unknown): v is Readonly<Record<string, string | number>> {
  if (!isRecord(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= 12 && entries.every(([k, x]) => /^[A-Za-z]{1,24}$/.test(k) && (isFiniteNumber(x) || (typeof x === 'string' && x.length <= 40)));
}

export function isToyCommand(v: unknown): v is ToyCommand {
  if (!isRecord(v)) return false;
  const playback = checkPlayback(v, TOY_SPEEDS);
  if (playback !== undefined) return playback;
  return v.type === 'settings' && isToySettings(v.settings);
}

export function isToyName(v: unknown): v is ToyName {
  return isOneOf(v, TOY_NAMES);
}

export function isToyEvent(v: unknown): v is ToyEvent {
  return isTrainingEvent(v);
}
