/**
 * Autoencoders, per variant: deterministic (a code that is a function of the input, and the
 * squared error as a Gaussian negative log-likelihood), denoising (the corrupted input, and the
 * optimal denoiser pointing along the score), vector-quantized (what each stop-gradient term
 * moves). Checked on three-pixel inputs with small random networks.
 */
import type { Value } from '../check/models';
import { fixed, makeWorld, real, vector, type World } from '../check/world';
import { add, at, call, div, grad, log, mul, neg, norm2, normalAt, num, partial, sg, sq, stmt, sub, sym } from '../expr/build';
import { varName } from '../expr/walk';
import type { AutoencoderLetters, AutoencoderVariant } from '../detect/autoencoder';
import type { PlannedStep } from '../step';
import { m, step, type Built } from './common';

function fresh(symbols: ReadonlySet<string>, candidates: readonly string[]): string {
  return candidates.find((c) => !symbols.has(c)) ?? candidates[candidates.length - 1];
}

const vec = (v: Value): readonly number[] => (typeof v === 'number' ? [v] : v);

/** A small network: a fixed random linear map (with tanh for the encoder), from a seed. */
function network(seed: number, rows: number, squash: boolean): (x: Value) => number[] {
  let s = seed;
  const next = (): number => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return (s / 4294967296) * 1.6 - 0.8;
  };
  const w: number[][] = Array.from({ length: rows }, () => Array.from({ length: 3 }, next));
  return (x) => {
    const xs = vec(x);
    return w.map((row) => {
      const y = row.reduce((acc, wij, j) => acc + wij * (xs[j % xs.length] ?? 0), 0);
      return squash ? Math.tanh(y) : y;
    });
  };
}

/** The steps of an autoencoder variant and the toy instance that checks them. */
export function autoencoderSteps(variant: AutoencoderVariant, L: AutoencoderLetters, symbols: ReadonlySet<string>): Built {
  if (variant === 'vq') return vq(L, symbols);
  const x = L.x;
  const xKey = varName(x);
  const enc = L.enc;
  const dec = L.dec;
  const sigma = fresh(symbols, ['\\sigma', 's']);
  const d = fresh(symbols, ['d', 'D', 'n']);
  const world = (seed: number): World => makeWorld(seed, {
    name: 'three-pixel inputs and a small random network',
    specs: { [xKey]: vector(3, -1, 1), [sigma]: real(0.3, 1.2), [d]: fixed(3), '#noise': vector(3, -1, 1), '\\epsilon': vector(3, -1, 1) },
    // A corruption written into the loss (`x + \\sigma\\epsilon`) has its own scale.
    fallback: real(0.1, 0.5),
    functions: {
      ...(enc ? { [enc]: (args) => network(seed * 7 + 1, 2, true)(args[0]) } : {}),
      ...(dec ? { [dec]: (args) => network(seed * 7 + 2, 3, false)(args[0]) } : {}),
    },
    derived: L.corrupted && L.corrupted.t === 'sym' ? { [L.corrupted.name]: (t) => {
      const xs = vec(t.value(xKey) as Value);
      const e = vec(t.value('#noise') as Value);
      return xs.map((v, i) => v + 0.3 * e[i]);
    } } : undefined,
  });
  const steps: PlannedStep[] = [];
  const recon = L.recon;
  const z = fresh(symbols, ['z', 'h', 'c']);
  if (enc && recon.t === 'call' && recon.args[0]?.t === 'call') {
    const code = recon.args[0];
    steps.push(step(stmt(sym(z), ':=', code), 'the code is a function of the input',
      `The encoder ${m(enc)} is a deterministic function: the same input always gives the same code ${m(z)}; it has no distribution, unlike a VAE's encoder.`));
    steps.push(step(stmt(recon, '=', call(dec ?? '', sym(z))), 'the reconstruction decodes the code',
      `The decoder ${m(dec ?? '')} maps the code back to the input space.`));
  }
  // A generic loss L(x, x̂) says nothing about a likelihood: only the code and reconstruction steps apply.
  const squared = L.recon.t !== 'call' || !L.generic;
  const assumption = `the decoder's output is the mean of a Gaussian with variance ${m(sq(sym(sigma)))} in each of the ${m(d)} coordinates of ${m(x)}`;
  if (squared) steps.push(step(stmt(neg(log(normalAt(x, recon, sq(sym(sigma))))), '=', add(div(norm2(sub(x, recon)), mul(num(2), sq(sym(sigma)))), mul(div(sym(d), num(2)), log(mul(num(2), sym('\\pi'), sq(sym(sigma))))))), 'squared error as a Gaussian likelihood',
    `Read as a Gaussian decoder, minus the log-likelihood of ${m(x)} is the squared error scaled by ${m(div(num(1), mul(num(2), sq(sym(sigma)))))} plus a constant: minimizing the squared error is maximum likelihood.`,
    { assumption, introduces: [sigma, d] }));
  if (variant === 'denoising' && L.corrupted) {
    const xt = L.corrupted;
    const mu = fresh(symbols, ['\\mu', 'm']);
    const s = fresh(symbols, ['\\tau', 's', 'v']);
    const u = fresh(symbols, ['u', 'y', 'w']);
    const U = sym(u);
    const exWorld = (seed: number): World => makeWorld(seed, { name: 'Gaussian data with Gaussian corruption', specs: { [mu]: real(-1, 1), [s]: real(0.5, 1.5), [sigma]: real(0.2, 0.8), [u]: real(-2, 2) } });
    const total = add(sq(sym(s)), sq(sym(sigma)));
    steps.push(step(stmt(div(add(mul(sq(sym(s)), U), mul(sq(sym(sigma)), sym(mu))), total), '=', add(U, mul(sq(sym(sigma)), partial(U, log(normalAt(U, sym(mu), total)))))), 'the best denoiser follows the score',
      `The decoder sees the corrupted ${m(xt)}, so the best reconstruction is the mean of ${m(x)} given it. For Gaussian data (mean ${m(mu)}, variance ${m(sq(sym(s)))}) and noise of variance ${m(sq(sym(sigma)))}, that mean is the corrupted point ${m(U)} moved along the score of the noisy data: a denoising autoencoder learns the score.`,
      { example: true, assumption: `one-dimensional data ~ $\\mathcal{N}(${mu}, ${s}^2)$ corrupted by Gaussian noise of variance $${sigma}^2$`, introduces: [mu, s, u, sigma], world: exWorld }));
  }
  return { steps, world };
}

function vq(L: AutoencoderLetters, symbols: ReadonlySet<string>): Built {
  const ze = sym(L.ze ?? 'z_e');
  const e = sym(L.code ?? 'e');
  const zq = fresh(symbols, ['z_q', 'z_{q}']);
  const u = fresh(symbols, ['z', 'h']);
  const xKey = 'x';
  const dec = fresh(symbols, ['g', 'D']);
  const world = (seed: number): World => makeWorld(seed, {
    name: 'a two-dimensional code and a small random decoder',
    specs: { [varName(ze)]: vector(2, -1, 1), [varName(e)]: vector(2, -1, 1), [zq]: vector(2, -1, 1), [xKey]: vector(3, -1, 1) },
    functions: { [dec]: (args) => network(seed * 7 + 2, 3, false)(args[0]) },
  });
  const a = norm2(sub(sg(ze), e));
  const b = norm2(sub(ze, sg(e)));
  const steps: PlannedStep[] = [
    step(stmt(a, '=', b), 'the same value', `The codebook term and the commitment term have the same value, the squared distance between the encoder output ${m(ze)} and the code vector ${m(e)}; they differ only in what the gradient moves.`),
    step([stmt(grad(e, a), '=', mul(num(2), sub(e, ze))), stmt(grad(e, b), '=', num(0))], 'the codebook term moves the code',
      `The stop-gradient holds ${m(ze)} fixed in the first term, so its gradient moves the code vector ${m(e)} towards the encoder output; the second term does not move ${m(e)} at all.`, { tolerance: 1e-5 }),
    step([stmt(grad(ze, b), '=', mul(num(2), sub(ze, e))), stmt(grad(ze, a), '=', num(0))], 'the commitment term moves the encoder',
      `Conversely the commitment term pulls the encoder output towards its code${L.beta ? `, weighted by ${m(L.beta)}` : ''}, so the encoder commits to the codebook instead of growing without bound.`, { tolerance: 1e-5 }),
    step(stmt(add(ze, sg(sub(sym(zq), ze))), '=', sym(zq)), 'the straight-through estimator',
      `In the forward pass the decoder receives the quantized code ${m(zq)}; the stop-gradient makes the backward pass treat quantization as the identity.`,
      { introduces: [zq], assumption: `${m(zq)} is the code vector nearest to ${m(ze)}` }),
    step(stmt(grad(ze, norm2(sub(sym(xKey), call(dec, add(ze, sg(sub(sym(zq), ze))))))), '=', at(grad(u, norm2(sub(sym(xKey), call(dec, sym(u))))), sym(u), sym(zq))), 'copying the gradient',
      `So the encoder receives the decoder's gradient at the quantized code, copied across the non-differentiable nearest-code lookup.`,
      { introduces: [zq, dec, xKey, u], assumption: `${m(zq)} is the code vector nearest to ${m(ze)} and ${m(dec)} is the decoder`, tolerance: 1e-5 }),
  ];
  return { steps, world };
}
