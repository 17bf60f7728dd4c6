/**
 * What a VAE's latent space looks like next to its prior: the aggregate posterior
 * q(z) = (1/n) Σ_i N(z; μ(x_i), σ²(x_i)) of a 1-D latent, on a grid, for plotting beside p(z) = N(0, 1).
 * A VAE whose codes fill the prior has q(z) close to p(z); codes bunched or spread too far show here.
 */

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** The standard normal density, the prior p(z). */
export function standardNormalDensity(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/** q(z) at each of `zs`, for codes with means `mu` and standard deviations `sigma` (same length). */
export function aggregatePosterior(mu: ArrayLike<number>, sigma: ArrayLike<number>, zs: ArrayLike<number>): Float64Array {
  const out = new Float64Array(zs.length);
  const n = mu.length;
  if (n === 0) return out;
  for (let i = 0; i < n; i++) {
    // A σ of 0 would make a spike no grid can show; a floor keeps every code visible.
    const s = Math.max(sigma[i], 1e-3);
    const c = INV_SQRT_2PI / s;
    for (let j = 0; j < zs.length; j++) {
      const u = (zs[j] - mu[i]) / s;
      out[j] += c * Math.exp(-0.5 * u * u);
    }
  }
  for (let j = 0; j < zs.length; j++) out[j] /= n;
  return out;
}
