/**
 * The GAN panel's settings on the command line: one flag per setting, named after the panel's
 * key (`learningRateG` is `--learning-rate-g`), with the panel's ranges, and `--config FILE` for
 * the JSON object of those same keys that the panel's settings make. Both go through the guard
 * the panel's messages go through (`isGanSettings`) and the shared range table.
 */
import { readFileSync } from 'node:fs';
import { GAN_LAYERS, GAN_NUMBER_RANGES, ganSettingsRangeProblem, isGanSettings, LIST_SETTINGS, NUMBER_SETTINGS, STRING_SETTINGS, type GanSettings } from '../../shared/ganProtocol';
import { DATASET_NAMES } from '../../core/train/datasets';
import { GAN_LOSSES } from '../../core/train/gan';
import { CliError } from '../io';
import { usageError, type FlagSpec, type Flags } from './flags';

/** `learningRateG` -> `--learning-rate-g`. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

const CHOICES: Readonly<Record<(typeof STRING_SETTINGS)[number], readonly string[]>> = {
  dataset: DATASET_NAMES,
  loss: GAN_LOSSES,
  optimizer: ['sgd', 'momentum', 'adam'],
};

/** Every setting's flag, a value flag each. */
export const GAN_SETTING_FLAGS: FlagSpec = Object.fromEntries([...STRING_SETTINGS, ...NUMBER_SETTINGS, ...LIST_SETTINGS].map((k) => [flagOf(k), 'value' as const]));

/** The lines of `genmath train gan --help` that list the settings, each with its range. */
export function ganSettingsHelp(): string[] {
  const lines: string[] = [];
  for (const k of STRING_SETTINGS) lines.push(`  ${flagOf(k).padEnd(24)} ${CHOICES[k].join('|')}`);
  for (const k of NUMBER_SETTINGS) {
    const r = GAN_NUMBER_RANGES[k];
    lines.push(`  ${flagOf(k).padEnd(24)} ${r.integer ? 'whole number' : 'number'} from ${r.min} to ${r.max}`);
  }
  for (const k of LIST_SETTINGS) lines.push(`  ${flagOf(k).padEnd(24)} widths, e.g. 64,64: 1 to ${GAN_LAYERS.maxLayers} layers of 1 to ${GAN_LAYERS.maxWidth} units`);
  return lines;
}

/**
 * Settings that passed the panel's guard and ranges, or a usage error that names the first bad
 * one. `origin` says where they came from (a flag or a file) in the message.
 */
export function checkedSettings(value: unknown, origin: string, usage: string): GanSettings {
  if (!isGanSettings(value)) {
    const known = new Set<string>([...STRING_SETTINGS, ...NUMBER_SETTINGS, ...LIST_SETTINGS]);
    const record = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    const unknown = record ? Object.keys(record).find((k) => !known.has(k)) : undefined;
    const why = !record ? 'it is not a JSON object' : unknown !== undefined ? `unknown setting '${unknown}' (have: ${[...known].join(', ')})` : 'a setting has the wrong type or size';
    throw usageError(usage, `${origin}: ${why}`);
  }
  const problem = ganSettingsRangeProblem(value);
  if (problem) throw usageError(usage, `${origin}: ${problem}`);
  for (const k of STRING_SETTINGS) {
    const v = value[k];
    if (v !== undefined && !CHOICES[k].includes(v)) throw usageError(usage, `${origin}: unknown ${k} '${v}' (have: ${CHOICES[k].join(', ')})`);
  }
  return value;
}

/** The settings in the JSON file `file` (the panel's settings object); a missing or bad file is a usage error. */
export function readSettingsFile(file: string, usage: string): GanSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`--config ${file}: cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw usageError(usage, `--config ${file}: not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return checkedSettings(json, `--config ${file}`, usage);
}

/** The settings the flags give, each checked as the panel checks it. */
export function settingsFromFlags(flags: Flags, usage: string): GanSettings {
  const out: Record<string, unknown> = {};
  for (const k of STRING_SETTINGS) {
    const text = flags.get(flagOf(k));
    if (typeof text === 'string') out[k] = text;
  }
  for (const k of NUMBER_SETTINGS) {
    const text = flags.get(flagOf(k));
    if (typeof text !== 'string') continue;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw usageError(usage, `${flagOf(k)} needs a number, got '${text}'`);
    out[k] = n;
  }
  for (const k of LIST_SETTINGS) {
    const text = flags.get(flagOf(k));
    if (typeof text !== 'string') continue;
    const widths = text.split(/[\s,]+/).filter(Boolean).map(Number);
    out[k] = widths;
  }
  for (const [k, v] of Object.entries(out)) {
    // One key at a time, so the message names the flag that was given.
    checkedSettings({ [k]: v }, flagOf(k), usage);
  }
  return out as GanSettings;
}
