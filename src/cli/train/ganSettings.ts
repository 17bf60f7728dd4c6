/**
 * The GAN panel's settings on the command line: one flag per control, named after its key
 * (`learningRateG` is `--learning-rate-g`), and `--config FILE` for the JSON object of those same
 * keys (or a kept experiment, as "Copy experiment" writes it). Flags, the file and `--help` all
 * read their limits from the panel's controls (GAN_CONTROLS), so the two accept the same values.
 */
import { readFileSync } from 'node:fs';
import { isExperiment } from '../../shared/experiment';
import { GAN_CONTROLS, GAN_SETTING_KEYS } from '../../shared/ganSettings';
import { isRecord } from '../../shared/is';
import { describeControl, settingProblem } from '../../shared/toySettings';
import { CliError } from '../io';
import { usageError, type FlagSpec, type Flags } from './flags';

/** Settings as the panel holds them (a layer list as `64,64`), and drawn data when the file had some. */
export interface CliGanSettings {
  readonly settings: Readonly<Record<string, string | number>>;
  readonly drawn?: readonly number[];
}

/** `learningRateG` -> `--learning-rate-g`. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** Every setting's flag, a value flag each. */
export const GAN_SETTING_FLAGS: FlagSpec = Object.fromEntries(GAN_SETTING_KEYS.map((k) => [flagOf(k), 'value' as const]));

/** The lines of `genmath train gan --help` that list the settings, each with its range. */
export function ganSettingsHelp(): string[] {
  return GAN_CONTROLS.map((c) => `  ${flagOf(c.key).padEnd(24)} ${describeControl(c)}`);
}

/**
 * Settings that fit the panel's controls, or a usage error that names the first bad one. A layer
 * list may be given as JSON numbers ([64, 64]) or as the panel's text ("64,64"). `origin` says
 * where they came from (a flag or a file) in the message.
 */
export function checkedSettings(value: unknown, origin: string, usage: string): Record<string, string | number> {
  if (!isRecord(value)) throw usageError(usage, `${origin}: it is not a JSON object`);
  const out: Record<string, string | number> = {};
  for (const [key, v] of Object.entries(value)) {
    const control = GAN_CONTROLS.find((c) => c.key === key);
    if (!control) throw usageError(usage, `${origin}: unknown setting '${key}' (have: ${GAN_SETTING_KEYS.join(', ')})`);
    const text = control.kind === 'list' && Array.isArray(v) && v.every((n) => typeof n === 'number') ? v.join(',') : v;
    const typed = control.kind === 'number' || control.kind === 'range' ? typeof text === 'number' : typeof text === 'string' && text.length <= 40;
    if (!typed) throw usageError(usage, `${origin}: a setting has the wrong type or size`);
    const problem = settingProblem(control, text as string | number);
    if (problem) throw usageError(usage, `${origin}: ${problem}`);
    out[key] = text as string | number;
  }
  return out;
}

/** The settings in the JSON file `file` (the panel's settings, or a kept experiment of the GAN); a missing or bad file is a usage error. */
export function readSettingsFile(file: string, usage: string): CliGanSettings {
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
  if (isRecord(json) && 'toy' in json) {
    if (!isExperiment(json) || json.toy !== 'gan') throw usageError(usage, `--config ${file}: not an experiment of the GAN (it needs "toy": "gan" and "settings")`);
    return { settings: checkedSettings(json.settings, `--config ${file}`, usage), ...(json.drawn ? { drawn: json.drawn } : {}) };
  }
  return { settings: checkedSettings(json, `--config ${file}`, usage) };
}

/** The settings the flags give, each checked as the panel checks it. */
export function settingsFromFlags(flags: Flags, usage: string): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const control of GAN_CONTROLS) {
    const text = flags.get(flagOf(control.key));
    if (typeof text !== 'string') continue;
    let value: string | number = text;
    if (control.kind === 'number' || control.kind === 'range') {
      value = Number(text);
      if (text.trim() === '' || !Number.isFinite(value)) throw usageError(usage, `${flagOf(control.key)} needs a number, got '${text}'`);
    }
    // One key at a time, so the message names the flag that was given.
    Object.assign(out, checkedSettings({ [control.key]: value }, flagOf(control.key), usage));
  }
  return out;
}
