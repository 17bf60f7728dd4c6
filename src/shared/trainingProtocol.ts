/**
 * What every training panel's messages share (the GAN's and the toys'): the playback commands a
 * webview sends, and the frame-or-error events a worker sends back, with their guards. Each panel's
 * protocol adds its own settings (and the GAN its presets) on top.
 */
import { isFiniteNumber, isRecord } from './is';

/** Webview -> host -> worker: the playback controls of a training panel. */
export type PlaybackCommand =
  | { readonly type: 'ready' }
  | { readonly type: 'play' }
  | { readonly type: 'pause' }
  | { readonly type: 'step' }
  | { readonly type: 'reset' }
  | { readonly type: 'speed'; readonly stepsPerFrame: number };

/** Worker -> host -> webview: a frame to draw, or a sentence about what went wrong. */
export type TrainingEvent<F> = { readonly type: 'frame'; readonly frame: F } | { readonly type: 'error'; readonly message: string };

/**
 * Checks a playback command, the speed among `speeds`: true or false for the playback types,
 * undefined for any other type (the panel's own protocol checks those).
 */
export function checkPlayback(v: Record<string, unknown>, speeds: readonly number[]): boolean | undefined {
  switch (v.type) {
    case 'ready':
    case 'play':
    case 'pause':
    case 'step':
    case 'reset':
      return true;
    case 'speed':
      return speeds.includes(v.stepsPerFrame as number);
    default:
      return undefined;
  }
}

/** Checks a worker's event: an error with its message, or a frame with a finite step. */
export function isTrainingEvent(v: unknown): v is TrainingEvent<{ readonly step: number }> {
  if (!isRecord(v)) return false;
  if (v.type === 'error') return typeof v.message === 'string';
  return v.type === 'frame' && isRecord(v.frame) && isFiniteNumber(v.frame.step);
}
