/**
 * What every derivation builder shares: the result type, a step constructor, and turning the
 * note's variables into ones the toy instances can bind.
 */
import type { WorldFactory } from '../check/world';
import { sym } from '../expr/build';
import { toTex } from '../expr/tex';
import type { Expr, Stmt } from '../expr/types';
import type { PlannedStep } from '../step';

/** A builder's output: planned steps and the toy instance their claims are checked in. */
export interface Built {
  readonly steps: PlannedStep[];
  readonly world?: WorldFactory;
}

/** A planned step. */
export function step(math: Stmt | readonly Stmt[], rule: string, why: string, extra: Partial<PlannedStep> = {}): PlannedStep {
  return { math: Array.isArray(math) ? (math as Stmt[]) : [math as Stmt], rule, why, ...extra };
}

/**
 * A variable as the toy instance binds it. An indexed variable with a letter index (`x_i`) is one
 * data point, not a sequence the derivation walks along, so it is bound by its written name.
 */
export function asVar(e: Expr): Expr {
  if (e.t === 'idx' && e.index.t !== 'num') return sym(toTex(e));
  return e;
}

/** The key a variable is bound under in a toy instance (`z`, `x_{i}`). */
export function keyOf(e: Expr): string {
  if (e.t === 'sym') return e.name;
  if (e.t === 'idx' && e.index.t === 'num') return `${e.base}_{${e.index.v}}`;
  return toTex(e);
}

/** A symbol name for people in a sentence: `$\beta$`. */
export function m(e: Expr | string): string {
  return `$${typeof e === 'string' ? e : toTex(e)}$`;
}
