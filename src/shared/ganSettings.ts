/**
 * The toy GAN's settings, described once: the panel draws these controls, the worker checks every
 * change against them, and `genmath train gan` makes its flags, `--config` checks and `--help`
 * lines from them. Values are the panel's (a layer list is the text `64,64`); `ganConfigOf` turns
 * them into the core trainer's config.
 */
import { DATASET_NAMES } from '../core/train/datasets';
import { DEFAULT_GAN_CONFIG, GAN_LOSSES, PLAIN_GAN, type GanConfig } from '../core/train/gan';
import { parseList } from './toySettings';
import type { ToyControl } from './toyProtocol';

/** The data set name of points drawn in the panel (they travel beside the settings). */
export const DRAWN_DATASET = 'drawn';

/** Hidden layers of G or D: 1 to 4 layers, each 1 to 256 units wide (bounded so that no message can ask for a network that exhausts memory). */
const LAYERS = { min: 1, max: 256, maxItems: 4 } as const;

/** The GAN's controls, in the panel's order; their limits are the limits everywhere. */
export const GAN_CONTROLS: readonly ToyControl[] = [
  { key: 'dataset', label: 'Data', kind: 'select', options: [...DATASET_NAMES, DRAWN_DATASET], title: 'The real data; "drawn" is the points drawn on the plot' },
  { key: 'loss', label: 'Loss', kind: 'select', options: GAN_LOSSES, title: 'minimax: the saturating original; nonsaturating: G maximizes log D(G(z)); wgan-gp: Wasserstein critic with gradient penalty; least-squares: LSGAN' },
  { key: 'optimizer', label: 'Optimizer', kind: 'select', options: ['sgd', 'momentum', 'adam'] },
  { key: 'learningRateG', label: 'lr G', kind: 'number', min: 1e-6, max: 1, step: 1e-4, title: "The generator's learning rate" },
  { key: 'learningRateD', label: 'lr D', kind: 'number', min: 1e-6, max: 1, step: 1e-4, title: "The discriminator's learning rate" },
  { key: 'dSteps', label: 'D steps/G step', kind: 'number', min: 1, max: 10, step: 1, integer: true },
  { key: 'batchSize', label: 'Batch', kind: 'number', min: 2, max: 1024, step: 2, integer: true },
  { key: 'generatorHidden', label: 'G layers', kind: 'list', ...LAYERS, title: 'Hidden layer widths of G, e.g. 64,64' },
  { key: 'discriminatorHidden', label: 'D layers', kind: 'list', ...LAYERS, title: 'Hidden layer widths of D, e.g. 64,64' },
  { key: 'pack', label: 'Packing', kind: 'number', min: 1, max: 8, step: 1, integer: true, title: 'PacGAN: D judges this many samples at once' },
  { key: 'gradientPenalty', label: 'Grad. penalty λ', kind: 'number', min: 0, max: 100, step: 0.1 },
  { key: 'lrDecay', label: 'lr schedule', kind: 'select', options: ['linear', 'none'], title: 'linear: both learning rates fall to a tenth over the run\'s steps; none: constant' },
  { key: 'emaDecay', label: 'Weight EMA', kind: 'number', min: 0, max: 0.9999, step: 0.001, title: "Decay of the average of G's weights that samples come from (0: G itself)" },
  { key: 'seed', label: 'Seed', kind: 'number', min: 0, max: 1_000_000, step: 1, integer: true },
];

/** The keys of the GAN's settings. */
export const GAN_SETTING_KEYS: readonly string[] = GAN_CONTROLS.map((c) => c.key);

/** The panel's value of a config entry: a layer list as `64,64`, anything else as it is. */
function settingOf(value: unknown): string | number | undefined {
  if (Array.isArray(value)) return value.join(',');
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) ? value : undefined;
}

/** The panel's settings of a trainer's config: every control's key, nothing else. */
export function ganSettingsOf(config: Readonly<Record<string, unknown>>): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const key of GAN_SETTING_KEYS) {
    const v = settingOf(config[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** Settings without the data set: a preset keeps the data one trains on. */
function withoutDataset(settings: Readonly<Record<string, string | number>>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(settings).filter(([k]) => k !== 'dataset'));
}

/** The defaults as the panel shows them. */
export const GAN_DEFAULT_SETTINGS: Readonly<Record<string, string | number>> = ganSettingsOf(DEFAULT_GAN_CONFIG as unknown as Record<string, unknown>);

/**
 * The plain GAN: the defaults without stabilizers or schedule (no packing, no weight averaging, no
 * gradient penalty, constant and equal learning rates), to watch it collapse. The data set is kept.
 */
export const PLAIN_GAN_SETTINGS: Readonly<Record<string, string | number>> = withoutDataset(ganSettingsOf({ ...DEFAULT_GAN_CONFIG, ...PLAIN_GAN } as unknown as Record<string, unknown>));

/** The stabilized defaults, the data set kept. */
export const DEFAULT_GAN_PRESET: Readonly<Record<string, string | number>> = withoutDataset(GAN_DEFAULT_SETTINGS);

/**
 * The trainer's config entries of some settings (already checked against the controls): only the
 * keys given, a layer list as numbers, drawn data with its points.
 */
export function ganConfigOf(settings: Readonly<Record<string, string | number>>, drawn?: readonly number[]): Partial<GanConfig> {
  const out: Record<string, unknown> = {};
  for (const control of GAN_CONTROLS) {
    const v = settings[control.key];
    if (v === undefined) continue;
    out[control.key] = control.kind === 'list' ? parseList(String(v)) : v;
  }
  if (out.dataset === DRAWN_DATASET) out.drawn = drawn ?? [];
  return out as Partial<GanConfig>;
}
