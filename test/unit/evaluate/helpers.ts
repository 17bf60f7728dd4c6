import * as assert from 'node:assert/strict';
import { evaluate, type Evaluation } from '../../../src/core/evaluate';

/** The evaluation of `latex`, failing the test with the evaluator's own error when there is none. */
export function value(latex: string, options?: { seed?: number; samples?: number }): Evaluation {
  const r = evaluate(latex, options);
  if (!r.ok) assert.fail(`expected a value for ${latex}, got error: ${r.error}`);
  return r.evaluation;
}

/** Asserts |actual − expected| <= tol, with both numbers in the message. */
export function near(actual: number, expected: number, tol = 1e-9): void {
  assert.ok(Math.abs(actual - expected) <= tol, `expected ${expected} (±${tol}), got ${actual}`);
}

/** The error `evaluate` gives for `latex`, failing the test when it gives a value. */
export function errorOf(latex: string): string {
  const r = evaluate(latex);
  if (r.ok) assert.fail(`expected an error for ${latex.slice(0, 80)}, got ${r.evaluation.value}`);
  return r.error;
}
