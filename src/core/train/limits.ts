/**
 * Limits every trainer shares, in one place: what the core refuses, and so what the command line
 * and the panels accept (they read the same numbers).
 */

/**
 * The most steps one run may take. A step of the slowest toy (the GAN at its largest settings)
 * takes about a millisecond, so this bounds a run to a quarter of an hour or so; histories and
 * paths are thinned (history.ts), so memory stays bounded however long it runs.
 */
export const MAX_STEPS = 1_000_000;

/** Refuses a step count that is not a whole number from 0 to MAX_STEPS, naming the range. */
export function checkSteps(steps: number, name = 'steps'): void {
  if (!Number.isInteger(steps) || steps < 0 || steps > MAX_STEPS) {
    throw new RangeError(`${name} must be a whole number from 0 to ${MAX_STEPS.toLocaleString('en-US')}, got ${steps}`);
  }
}
