/**
 * A toy's settings checked against its controls: the controls' `options`, `min`, `max`, `integer`
 * and `maxItems` are the one table of limits, read by the panel's inputs, the worker (every
 * `settings` command) and `genmath train` (flags and `--config`).
 */
import type { ToyControl } from './toyProtocol';

/** A `list` control's text as whole numbers (`64,64` -> [64, 64]); undefined when it is not one. */
export function parseList(text: string): number[] | undefined {
  const items = text.split(/[\s,]+/).filter(Boolean);
  if (items.length === 0 || !items.every((t) => /^\d{1,6}$/.test(t))) return undefined;
  return items.map(Number);
}

/** What `control` expects, in words: "whole number from 1 to 10", "one of sgd, momentum, adam". */
export function describeControl(control: ToyControl): string {
  switch (control.kind) {
    case 'select':
      return (control.options ?? []).join('|');
    case 'list':
      return `widths, e.g. 64,64: 1 to ${control.maxItems ?? 1} layers of ${control.min ?? 1} to ${control.max ?? 1} units`;
    default:
      return `${control.integer ? 'whole number' : 'number'} from ${control.min ?? -Infinity} to ${control.max ?? Infinity}`;
  }
}

/** Why `value` does not fit `control`, or undefined when it does. */
export function settingProblem(control: ToyControl, value: string | number): string | undefined {
  const key = control.key;
  switch (control.kind) {
    case 'select': {
      const options = control.options ?? [];
      return options.includes(String(value)) ? undefined : `unknown ${key} '${value}' (have: ${options.join(', ')})`;
    }
    case 'list': {
      const widths = typeof value === 'string' ? parseList(value) : undefined;
      const ok = widths !== undefined && widths.length <= (control.maxItems ?? 1) && widths.every((w) => w >= (control.min ?? 1) && w <= (control.max ?? 1));
      return ok ? undefined : `a setting has the wrong type or size: ${key} takes ${describeControl(control)}, got '${value}'`;
    }
    default: {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${key} must be a number, got '${value}'`;
      if (control.integer && !Number.isInteger(value)) return `${key} must be a whole number, got ${value}`;
      const min = control.min ?? -Infinity;
      const max = control.max ?? Infinity;
      return value < min || value > max ? `${key} must be from ${min} to ${max}, got ${value}` : undefined;
    }
  }
}

/**
 * Why some settings do not fit the controls, naming the first bad one, or undefined. Keys without a
 * control are left to the toy (a demo link's extra settings).
 */
export function settingsProblem(controls: readonly ToyControl[], settings: Readonly<Record<string, string | number>>): string | undefined {
  for (const control of controls) {
    const value = settings[control.key];
    if (value === undefined) continue;
    const problem = settingProblem(control, value);
    if (problem) return problem;
  }
  return undefined;
}
