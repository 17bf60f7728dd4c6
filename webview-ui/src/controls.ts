/**
 * The settings controls of the toy panels: menus, number fields and sliders (linear or log scale,
 * with a marked value such as η = 2/L). A slider marked `live` sends while it is dragged, at most
 * every LIVE_MS, and once more when let go.
 */
import type { ToyControl } from '../../src/shared/toyProtocol';
import { el } from './dom';
import { formatNumber } from './format';

/** Numbers are formatted in one place for every panel; re-exported for the views that import it from here. */
export { formatNumber };

const LIVE_MS = 60;
/** A log slider's positions: fine enough that one arrow key moves η by about 0.5%. */
const LOG_POSITIONS = 1000;

/** Maps a log slider's position to its value and back. */
function logScale(c: ToyControl) {
  const lo = Math.log10(c.min ?? 1e-3);
  const hi = Math.log10(c.max ?? 1);
  return {
    value: (position: number) => Number((10 ** (lo + ((hi - lo) * position) / LOG_POSITIONS)).toPrecision(4)),
    position: (value: number) => Math.round(((Math.log10(Math.max(value, 1e-300)) - lo) / (hi - lo)) * LOG_POSITIONS),
  };
}

/** One control: its element (inside a label) and how to show a value the run reports. */
export interface BuiltControl {
  readonly label: HTMLLabelElement;
  show(value: string | number): void;
}

export function buildControl(c: ToyControl, send: (value: string | number) => void): BuiltControl {
  const id = `setting-${c.key}`;
  const label = el('label', { for: id }, `${c.label} `);
  if (c.kind === 'select') {
    const input = el('select', { id });
    for (const o of c.options ?? []) input.append(el('option', { value: o }, o));
    input.addEventListener('change', () => send(input.value));
    label.append(input);
    return { label, show: (v) => { if (document.activeElement !== input) input.value = String(v); } };
  }
  if (c.kind === 'number') {
    const input = el('input', { id, type: 'number', min: String(c.min ?? ''), max: String(c.max ?? ''), step: String(c.step ?? 'any') });
    input.addEventListener('change', () => {
      const n = Number(input.value);
      if (input.value.trim() !== '' && Number.isFinite(n)) send(n);
    });
    label.append(input);
    // Never overwrite the field the person is typing in.
    return { label, show: (v) => { if (document.activeElement !== input) input.value = String(v); } };
  }
  const log = c.scale === 'log' ? logScale(c) : undefined;
  const input = el('input', log
    ? { id, type: 'range', min: '0', max: String(LOG_POSITIONS), step: '1' }
    : { id, type: 'range', min: String(c.min ?? 0), max: String(c.max ?? 1), step: String(c.step ?? 'any') });
  const output = el('output', { for: id, class: 'slider-value' });
  const valueOf = () => (log ? log.value(Number(input.value)) : Number(input.value));
  const showValue = (v: number) => {
    output.textContent = formatNumber(v);
    input.setAttribute('aria-valuetext', formatNumber(v));
  };
  if (c.mark) {
    // A tick on the track where the value means something (Chromium draws a datalist's options).
    const list = el('datalist', { id: `${id}-marks` });
    list.append(el('option', { value: String(log ? log.position(c.mark.value) : c.mark.value), label: c.mark.label }));
    input.setAttribute('list', list.id);
    input.title = c.mark.label;
    label.append(list);
  }
  let lastSent = 0;
  let trailing: ReturnType<typeof setTimeout> | undefined;
  const sendNow = () => {
    clearTimeout(trailing);
    trailing = undefined;
    lastSent = Date.now();
    send(valueOf());
  };
  input.addEventListener('input', () => {
    showValue(valueOf());
    if (!c.live) return;
    const wait = LIVE_MS - (Date.now() - lastSent);
    if (wait <= 0) sendNow();
    else trailing ??= setTimeout(sendNow, wait);
  });
  input.addEventListener('change', sendNow);
  label.append(input, output);
  return {
    label,
    show: (v) => {
      if (typeof v !== 'number') return;
      // Never move the slider under the person's hand, nor show a value older than the one on its way.
      if (document.activeElement !== input) input.value = String(log ? log.position(v) : v);
      if (trailing === undefined) showValue(v);
    },
  };
}
