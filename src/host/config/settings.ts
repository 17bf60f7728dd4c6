/**
 * GenMath's settings as package.json contributes them (`genmath.*`): type, default and range, and
 * how a value read from the user's settings is made safe to use. Plain data (no `vscode`), so
 * `test/unit/host/settings.test.ts` checks it against package.json in Node; `./read.ts` reads
 * through it.
 */

/** One setting's contract. */
export type SettingSpec =
  | { readonly type: 'boolean'; readonly default: boolean }
  | { readonly type: 'number'; readonly default: number; readonly minimum: number; readonly maximum: number }
  | { readonly type: 'object'; readonly default: Readonly<Record<string, never>> }
  | { readonly type: 'array'; readonly default: readonly never[] };

/** Every `genmath.*` setting, by its key after `genmath.`. */
export const SETTINGS = {
  'hover.enabled': { type: 'boolean', default: true },
  'hover.renderAhead': { type: 'boolean', default: true },
  'hover.scale': { type: 'number', default: 1.25, minimum: 0.5, maximum: 4 },
  macros: { type: 'object', default: {} },
  macroFiles: { type: 'array', default: [] },
  'unicode.enabled': { type: 'boolean', default: true },
  'codeLens.enabled': { type: 'boolean', default: true },
  'panel.followCursor': { type: 'boolean', default: true },
} as const satisfies Readonly<Record<string, SettingSpec>>;

/** A setting's key after `genmath.`. */
export type SettingKey = keyof typeof SETTINGS;

/**
 * What a setting's getter returns: a boolean or a number in range; an object or array setting as
 * the user wrote it (`unknown`), since its reader checks each entry itself (macros, macro files).
 */
export type SettingValue<K extends SettingKey> = (typeof SETTINGS)[K]['type'] extends 'boolean'
  ? boolean
  : (typeof SETTINGS)[K]['type'] extends 'number'
    ? number
    : unknown;

/**
 * A value from the user's settings made safe: a boolean or number of the wrong type, or NaN, is the
 * default; a number is clamped to the range package.json states (the Settings editor warns, but
 * settings.json takes anything); an object or array setting passes as it is, or the default when absent.
 */
export function checkedSetting<K extends SettingKey>(key: K, raw: unknown): SettingValue<K> {
  const spec: SettingSpec = SETTINGS[key];
  switch (spec.type) {
    case 'boolean':
      return (typeof raw === 'boolean' ? raw : spec.default) as SettingValue<K>;
    case 'number':
      return (typeof raw === 'number' && !Number.isNaN(raw) ? Math.min(spec.maximum, Math.max(spec.minimum, raw)) : spec.default) as SettingValue<K>;
    default:
      return (raw ?? spec.default) as SettingValue<K>;
  }
}
