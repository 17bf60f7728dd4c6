/**
 * The note's own formula, carried from a "Run demo ▸" link into the training panel it opens, so
 * the panel can show the formula the person wrote above the experiment that optimizes it.
 */
import { isRecord } from './is';

/** The note's formula and what the recognizer calls it ("Evidence lower bound (ELBO)"). */
export interface SourceFormula {
  readonly tex: string;
  readonly name: string;
}

/** Host -> webview, for the GAN and the toy panels alike. */
export interface SourceMessage extends SourceFormula {
  readonly type: 'source';
}

/** Longer formulas are not carried into a panel (a hover link's arguments are untrusted input). */
export const MAX_SOURCE_TEX = 2000;
const MAX_NAME = 80;

/** A demo link's second argument, checked like any message. */
export function isSourceFormula(v: unknown): v is SourceFormula {
  return isRecord(v) && typeof v.tex === 'string' && v.tex.length > 0 && v.tex.length <= MAX_SOURCE_TEX && typeof v.name === 'string' && v.name.length <= MAX_NAME;
}
