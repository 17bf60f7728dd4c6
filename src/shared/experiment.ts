/**
 * An experiment a person keeps in a note: a toy, all its settings (the seed among them) and the
 * points they drew, if it trains on some. "Copy experiment" writes it as a fenced `genmath` block
 * of this JSON (or a Run demo link with the same arguments); the block's CodeLens and
 * `genmath train TOY --config FILE` read it back. Same settings and seed, same run, step for step.
 */
import { isRecord } from './is';
import { isDrawnPoints, isToyName, isToySettings, type ToyName } from './toyProtocol';

export interface Experiment {
  readonly toy: ToyName;
  readonly settings: Readonly<Record<string, string | number>>;
  readonly drawn?: readonly number[];
}

/** The language of the fenced block. */
export const EXPERIMENT_FENCE = 'genmath';

/** Checks a parsed experiment: a known toy, settings of the right types and sizes, drawn points within bounds. */
export function isExperiment(v: unknown): v is Experiment {
  return isRecord(v) && isToyName(v.toy) && isToySettings(v.settings) && (v.drawn === undefined || isDrawnPoints(v.drawn));
}

/** The fenced block's text (a line of JSON, so that a diff of two experiments is readable). */
export function experimentBlock(e: Experiment): string {
  const json = JSON.stringify({ toy: e.toy, settings: e.settings, ...(e.drawn ? { drawn: e.drawn } : {}) });
  return `\`\`\`${EXPERIMENT_FENCE}\n${json}\n\`\`\`\n`;
}

/** The experiment in a block's body, or a sentence saying why it is not one. */
export function parseExperiment(body: string): Experiment | string {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (err) {
    return `not JSON (${err instanceof Error ? err.message : String(err)})`;
  }
  return isExperiment(json) ? json : 'not an experiment: it needs "toy" (one of the toys), "settings" (short names with numbers or short texts) and optionally "drawn" points';
}
