/** Central finite differences, shared by the gradient-check tests. */
import * as assert from 'node:assert/strict';

/** d f / d x_i by central differences, for every i (restoring x). */
export function numericGradient(f: () => number, x: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const keep = x[i];
    x[i] = keep + h;
    const up = f();
    x[i] = keep - h;
    const down = f();
    x[i] = keep;
    g[i] = (up - down) / (2 * h);
  }
  return g;
}

/** Asserts two gradients agree to a relative tolerance (scaled by the larger magnitude, floor 1). */
export function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tol = 1e-6, what = 'gradient'): void {
  assert.equal(actual.length, expected.length, `${what}: lengths differ`);
  for (let i = 0; i < actual.length; i++) {
    const scale = Math.max(1, Math.abs(actual[i]), Math.abs(expected[i]));
    assert.ok(Math.abs(actual[i] - expected[i]) <= tol * scale, `${what}[${i}]: ${actual[i]} vs ${expected[i]} (finite differences)`);
  }
}
