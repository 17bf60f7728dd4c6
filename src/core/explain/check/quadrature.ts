/**
 * Gauss-Hermite quadrature for expectations under Gaussians: n nodes integrate a polynomial of
 * degree up to 2n - 1 exactly, and every log-density of a Gaussian is a quadratic, so the
 * expectations in the toy instances are exact to rounding rather than Monte Carlo estimates.
 */

/** Nodes and weights for E[f(u)] with u ~ N(0, 1): the weights sum to 1. */
export interface Rule {
  readonly x: readonly number[];
  readonly w: readonly number[];
}

const cache = new Map<number, Rule>();

/**
 * The n-point rule for a standard normal, from the physicists' Hermite roots found by Newton's
 * method (the classic recurrence-based algorithm) and rescaled to the probabilists' weight.
 */
export function gaussHermite(n: number): Rule {
  const hit = cache.get(n);
  if (hit) return hit;
  const x = new Array<number>(n).fill(0);
  const w = new Array<number>(n).fill(0);
  const PIM4 = Math.PI ** -0.25;
  let z = 0;
  for (let i = 0; i < (n + 1) >> 1; i++) {
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * x[0];
    else if (i === 3) z = 1.91 * z - 0.91 * x[1];
    else z = 2 * z - x[i - 2];
    let pp = 1;
    for (let it = 0; it < 100; it++) {
      let p1 = PIM4;
      let p2 = 0;
      for (let j = 0; j < n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / (j + 1)) * p2 - Math.sqrt(j / (j + 1)) * p3;
      }
      pp = Math.sqrt(2 * n) * p2;
      const z1 = z;
      z = z1 - p1 / pp;
      if (Math.abs(z - z1) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    x[i] = z;
    x[n - 1 - i] = -z;
    w[i] = w[n - 1 - i] = 2 / (pp * pp);
  }
  const rule: Rule = { x: x.map((v) => v * Math.SQRT2), w: w.map((v) => v / Math.sqrt(Math.PI)) };
  cache.set(n, rule);
  return rule;
}

/** Nodes per dimension: exact for the quadratics of log-densities, and a grid that stays small. */
export function nodesPerDimension(d: number): number {
  return d <= 1 ? 24 : d === 2 ? 14 : d === 3 ? 7 : 4;
}
