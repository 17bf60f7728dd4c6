/**
 * The linear-Gaussian latent model `lineargauss`: z ~ N(0, 1), x = W z + b + ε with ε ~ N(0, σ²I)
 * in the plane. Its marginal x ~ N(b, W Wᵀ + σ²I) is known in closed form, which is what lets the
 * VAE demo show log p(x) beside the ELBO exactly instead of estimating it. Also here: the
 * log-density of a 2-D Gaussian and the exact maximum log-likelihood of any Gaussian with a full
 * covariance on a set of points, which a probabilistic-PCA decoder (A z + c, s²I) can reach.
 */
import type { Bounds } from './datasets';
import type { Random } from './random';

/** The true loading W (2 x 1), offset b and noise standard deviation σ of `lineargauss`. */
export const LINEAR_GAUSSIAN = Object.freeze({
  w: Object.freeze([1.2, 0.6] as const),
  b: Object.freeze([0.5, -0.25] as const),
  noiseStd: 0.3,
  bounds: Object.freeze({ xMin: -4, xMax: 5, yMin: -3, yMax: 2.5 }) satisfies Bounds,
  description: 'a linear-Gaussian latent model: z ~ N(0, 1), x = (1.2, 0.6) z + (0.5, -0.25) + N(0, 0.3²I)',
});

/** Writes n samples of `lineargauss` ([n][2], row-major) into out. */
export function sampleLinearGaussian(rng: Random, out: Float64Array, n: number): void {
  const { w, b, noiseStd } = LINEAR_GAUSSIAN;
  for (let i = 0; i < n; i++) {
    const z = rng.normal();
    out[2 * i] = w[0] * z + b[0] + noiseStd * rng.normal();
    out[2 * i + 1] = w[1] * z + b[1] + noiseStd * rng.normal();
  }
}

/** A symmetric 2 x 2 covariance [[xx, xy], [xy, yy]]. */
export interface Cov2 {
  readonly xx: number;
  readonly xy: number;
  readonly yy: number;
}

/**
 * The mean of log N(x_i; mean, cov) over n points ([n][2]), in nats per point. Throws when cov is
 * not positive definite, since then there is no density to report.
 */
export function meanGaussianLogDensity(points: Float64Array, n: number, mean: readonly [number, number], cov: Cov2): number {
  const det = cov.xx * cov.yy - cov.xy * cov.xy;
  if (!(det > 0 && cov.xx > 0)) throw new RangeError(`covariance is not positive definite (det ${det})`);
  // The inverse of [[a, c], [c, d]] is [[d, -c], [-c, a]] / det.
  const ixx = cov.yy / det;
  const iyy = cov.xx / det;
  const ixy = -cov.xy / det;
  let quad = 0;
  for (let i = 0; i < n; i++) {
    const dx = points[2 * i] - mean[0];
    const dy = points[2 * i + 1] - mean[1];
    quad += ixx * dx * dx + 2 * ixy * dx * dy + iyy * dy * dy;
  }
  return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - (0.5 * quad) / n;
}

/** log p(x) per point under the true `lineargauss` model: x ~ N(b, W Wᵀ + σ²I). */
export function trueLinearGaussianLogLikelihood(points: Float64Array, n: number): number {
  const { w, b, noiseStd } = LINEAR_GAUSSIAN;
  const s2 = noiseStd * noiseStd;
  return meanGaussianLogDensity(points, n, [b[0], b[1]], { xx: w[0] * w[0] + s2, xy: w[0] * w[1], yy: w[1] * w[1] + s2 });
}

/**
 * The largest mean log-likelihood any 2-D Gaussian reaches on the points: at the sample mean and
 * the (biased) sample covariance S it is -log 2π - ½ log det S - 1. Probabilistic PCA with a 1-D
 * latent reaches it too (Tipping and Bishop 1999: A = √(λ₁ - λ₂) u₁, s² = λ₂ makes AAᵀ + s²I = S),
 * and so does any larger latent, so it is the VAE's ceiling on `lineargauss`.
 */
export function maxGaussianLogLikelihood(points: Float64Array, n: number): number {
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += points[2 * i];
    my += points[2 * i + 1];
  }
  mx /= n;
  my /= n;
  let xx = 0;
  let xy = 0;
  let yy = 0;
  for (let i = 0; i < n; i++) {
    const dx = points[2 * i] - mx;
    const dy = points[2 * i + 1] - my;
    xx += dx * dx;
    xy += dx * dy;
    yy += dy * dy;
  }
  const det = (xx / n) * (yy / n) - (xy / n) * (xy / n);
  return -Math.log(2 * Math.PI) - 0.5 * Math.log(det) - 1;
}
