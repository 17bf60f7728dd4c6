/**
 * KL divergence, cross-entropy and Jensen-Shannon divergence between concrete
 * distributions, in nats (natural log). Closed forms where they exist; the JSD of two
 * Gaussians has none, so it is integrated numerically (deterministic, no sampling).
 */
import { DomainError, describe, entropy, gaussianLogPdf, probabilities, type Distribution, type Gaussian } from './distributions';

/** A number together with how it was obtained. */
export interface Computed {
  readonly value: number;
  readonly method: 'closed form' | 'arithmetic';
  readonly detail: string;
}

/** KL(N(μ1, σ1²) ‖ N(μ2, σ2²)) = log(σ2/σ1) + (σ1² + (μ1 − μ2)²) / (2σ2²) − ½. */
export function klGaussians(p: Gaussian, q: Gaussian): number {
  const d = p.mean - q.mean;
  return 0.5 * Math.log(q.variance / p.variance) + (p.variance + d * d) / (2 * q.variance) - 0.5;
}

/** Simpson's rule for f on [lo, hi] with n intervals (n made even). */
function simpson(f: (x: number) => number, lo: number, hi: number, n: number): number {
  const m = n % 2 === 0 ? n : n + 1;
  const h = (hi - lo) / m;
  let acc = f(lo) + f(hi);
  for (let i = 1; i < m; i++) acc += (i % 2 === 1 ? 4 : 2) * f(lo + i * h);
  return (acc * h) / 3;
}

/**
 * The JSD of two Gaussians by Simpson's rule on the integrand ½ p log(p/m) + ½ q log(q/m).
 * The narrower Gaussian's ±14σ window gets its own fine grid and the rest of the wider
 * one's window a grid on the wider scale, so neither density is under-resolved even when
 * the scales differ by orders of magnitude (a single grid would step over a narrow spike).
 */
export function jsdGaussians(p: Gaussian, q: Gaussian): number {
  if (p.mean === q.mean && p.variance === q.variance) return 0;
  const f = (x: number): number => {
    const lp = gaussianLogPdf(x, p.mean, p.variance);
    const lq = gaussianLogPdf(x, q.mean, q.variance);
    const hi = Math.max(lp, lq);
    // log m = log ½(p + q), computed in log space so far tails do not underflow to 0/0.
    const lm = hi + Math.log(0.5 * (Math.exp(lp - hi) + Math.exp(lq - hi)));
    return 0.5 * Math.exp(lp) * (lp - lm) + 0.5 * Math.exp(lq) * (lq - lm);
  };
  const [narrow, wide] = p.variance <= q.variance ? [p, q] : [q, p];
  const sn = Math.sqrt(narrow.variance);
  const sw = Math.sqrt(wide.variance);
  const nLo = narrow.mean - 14 * sn;
  const nHi = narrow.mean + 14 * sn;
  const wLo = wide.mean - 14 * sw;
  const wHi = wide.mean + 14 * sw;
  let total = simpson(f, nLo, nHi, 4000);
  const pieces: [number, number][] = [];
  if (wLo < nLo) pieces.push([wLo, Math.min(nLo, wHi)]);
  if (wHi > nHi) pieces.push([Math.max(nHi, wLo), wHi]);
  for (const [lo, hi] of pieces) {
    if (hi > lo) total += simpson(f, lo, hi, Math.min(20_000, Math.max(2, Math.ceil((hi - lo) / (0.005 * sw)))));
  }
  // The exact value lies in [0, log 2]; clamp away quadrature error of order 1e-12.
  return Math.min(Math.LN2, Math.max(0, total));
}

function discretePair(p: Distribution, q: Distribution, what: string): [readonly number[], readonly number[]] {
  const a = probabilities(p);
  const b = probabilities(q);
  if (!a || !b) throw new DomainError(`the ${what} of a ${describe(p)} and a ${describe(q)} distribution is not supported`);
  if (a.length !== b.length) throw new DomainError(`the ${what} needs two distributions over the same outcomes: ${a.length} vs ${b.length} probabilities`);
  return [a, b];
}

function pairName(p: Distribution, q: Distribution): string {
  return p.kind === q.kind ? `two ${describe(p)}s`.replace('categoricals', 'categorical distributions') : `a ${describe(p)} and a ${describe(q)}`;
}

/** KL(P ‖ Q) in nats; an infinite divergence (Q = 0 where P > 0) is a DomainError. */
export function kl(p: Distribution, q: Distribution): Computed {
  if (p.kind === 'gaussian' && q.kind === 'gaussian') {
    return { value: klGaussians(p, q), method: 'closed form', detail: 'KL divergence of two Gaussians, closed form (natural log, nats)' };
  }
  if (p.kind === 'uniform' && q.kind === 'uniform') {
    if (p.a < q.a || p.b > q.b) throw new DomainError('the KL divergence is infinite: Q gives zero density where P does not');
    return { value: Math.log((q.b - q.a) / (p.b - p.a)), method: 'closed form', detail: 'KL divergence of two uniform distributions, closed form (natural log, nats)' };
  }
  const [a, b] = discretePair(p, q, 'KL divergence');
  let v = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0) continue;
    if (b[i] === 0) throw new DomainError('the KL divergence is infinite: Q gives zero probability to an outcome P can take');
    v += a[i] * Math.log(a[i] / b[i]);
  }
  return { value: Math.max(0, v), method: 'closed form', detail: `KL divergence of ${pairName(p, q)}, exact sum (natural log, nats)` };
}

/** Cross-entropy H(P, Q) = −E_P[log Q] = H(P) + KL(P ‖ Q), in nats. */
export function crossEntropy(p: Distribution, q: Distribution): Computed {
  if (p.kind === 'gaussian' && q.kind === 'gaussian') {
    return { value: entropy(p) + klGaussians(p, q), method: 'closed form', detail: 'cross-entropy of two Gaussians, closed form (natural log, nats)' };
  }
  if (p.kind === 'uniform' && q.kind === 'uniform') {
    const k = kl(p, q);
    return { value: entropy(p) + k.value, method: 'closed form', detail: 'cross-entropy of two uniform distributions, closed form (natural log, nats)' };
  }
  const [a, b] = discretePair(p, q, 'cross-entropy');
  let v = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 0) continue;
    if (b[i] === 0) throw new DomainError('the cross-entropy is infinite: Q gives zero probability to an outcome P can take');
    v -= a[i] * Math.log(b[i]);
  }
  return { value: v, method: 'closed form', detail: `cross-entropy of ${pairName(p, q)}, exact sum (natural log, nats)` };
}

/** JSD(P ‖ Q) = ½ KL(P ‖ M) + ½ KL(Q ‖ M) with M = ½(P + Q), in nats (between 0 and log 2). */
export function jsd(p: Distribution, q: Distribution): Computed {
  if (p.kind === 'gaussian' && q.kind === 'gaussian') {
    return {
      value: jsdGaussians(p, q),
      method: 'arithmetic',
      detail: 'Jensen-Shannon divergence of two Gaussians by numerical integration (Simpson\'s rule; no closed form exists), natural log, nats',
    };
  }
  const [a, b] = discretePair(p, q, 'Jensen-Shannon divergence');
  let v = 0;
  for (let i = 0; i < a.length; i++) {
    const m = 0.5 * (a[i] + b[i]);
    if (a[i] > 0) v += 0.5 * a[i] * Math.log(a[i] / m);
    if (b[i] > 0) v += 0.5 * b[i] * Math.log(b[i] / m);
  }
  return { value: Math.min(Math.LN2, Math.max(0, v)), method: 'closed form', detail: `Jensen-Shannon divergence of ${pairName(p, q)}, exact sum (natural log, nats)` };
}

/** Entropy H(P) in nats, closed form. */
export function entropyOf(p: Distribution): Computed {
  const unit = p.kind === 'gaussian' ? '½ log(2πeσ²)' : p.kind === 'uniform' ? 'log(b − a)' : '−Σ p log p';
  return { value: entropy(p), method: 'closed form', detail: `entropy of a ${describe(p)} distribution, closed form ${unit} (natural log, nats)` };
}
