/**
 * Autoencoder losses: a deterministic encoder and decoder (`\|x - g(f(x))\|^2`), a denoising one
 * (the encoder sees a corrupted input), and a vector-quantized one (stop-gradient codebook terms).
 */
import type { Expr } from '../expr/types';
import { nodes } from '../expr/walk';
import type { Reading } from '../read/reading';
import { every } from '../read/reading';

/** The autoencoder variants. */
export type AutoencoderVariant = 'deterministic' | 'denoising' | 'vq';

/** Letters of an autoencoder loss. */
export interface AutoencoderLetters {
  /** The input as written. */
  readonly x: Expr;
  /** Encoder and decoder function letters. */
  readonly enc?: string;
  readonly dec?: string;
  /** The reconstruction as written (`g(f(x))`, `\hat{x}`). */
  readonly recon: Expr;
  /** Denoising: the corrupted input. */
  readonly corrupted?: Expr;
  /** VQ: the encoder output, the code vector and the commitment weight. */
  readonly ze?: string;
  readonly code?: string;
  readonly beta?: Expr;
  /** True when the loss is a generic L(x, x̂) rather than a squared error. */
  readonly generic?: boolean;
}

/** A detected autoencoder loss. */
export interface AutoencoderDetected {
  readonly family: 'autoencoder';
  readonly name: AutoencoderVariant;
  readonly letters: AutoencoderLetters;
}

/** The input and reconstruction of a squared error `\|a - b\|^2`, the reconstruction being a call or an accented symbol. */
function squaredError(e: Expr): { x: Expr; recon: Expr } | undefined {
  if (e.t !== 'fn' || e.f !== 'norm2') return undefined;
  const inner = e.a;
  if (inner.t !== 'add' || inner.terms.length !== 2 || inner.terms[1].t !== 'neg') return undefined;
  const isInput = (e: Expr) => e.t === 'sym' || e.t === 'idx';
  const isRecon = (e: Expr) => e.t === 'call' || (e.t === 'sym' && /^\\hat/.test(e.name));
  const [first, second] = [inner.terms[0], inner.terms[1].a];
  // Either order: \|x - g(f(x))\|^2 or \|g(f(x)) - x\|^2.
  if (isInput(first) && isRecon(second)) return { x: first, recon: second };
  if (isRecon(first) && isInput(second)) return { x: second, recon: first };
  return undefined;
}

/** The autoencoder variant of a formula, if it writes a reconstruction loss of one. */
export function detectAutoencoder(r: Reading): AutoencoderDetected | undefined {
  const sg = r.all.some((e) => e.t === 'sym' && /^\\mathrm\{sg\}$|^\\operatorname\{sg\}$/.test(e.name)) || /\\(?:mathrm|operatorname|text)\{sg\}/.test(r.tex);
  const norms = every(r, 'fn').filter((f) => f.f === 'norm2');
  if (sg && norms.length >= 2) {
    const ze = every(r, 'call').find((c) => /^z_\{?e\}?$/.test(c.head))?.head ?? (r.symbols.has('z_e') ? 'z_e' : undefined);
    const codeE = r.all.find((e) => (e.t === 'sym' && e.name === 'e') || (e.t === 'idx' && e.base === 'e'));
    const weighted = every(r, 'mul').find((m) => m.fs.some((f) => f.t === 'fn' && f.f === 'norm2') && m.fs.some((f) => f.t === 'sym' && !/sg/.test(f.name)));
    const beta = weighted?.fs.find((f) => f.t === 'sym' && !/sg/.test(f.name));
    return { family: 'autoencoder', name: 'vq', letters: { x: { t: 'sym', name: 'x' }, recon: { t: 'sym', name: 'x' }, ze: ze ?? 'z_e', code: codeE ? 'e' : undefined, beta } };
  }
  // A loss L of the input and its reconstruction: `L(x, g(f(x)))`.
  const generic = every(r, 'call').find((c) => c.args.length === 2 && (c.args[0].t === 'sym' || c.args[0].t === 'idx') && c.args[1].t === 'call' && c.args[1].args[0]?.t === 'call');
  const pairs = [...norms.map(squaredError), generic ? { x: generic.args[0], recon: generic.args[1] } : undefined];
  for (const se of pairs) {
    if (!se) continue;
    const calls = se.recon.t === 'call' ? [...nodes(se.recon)].filter((c): c is Extract<Expr, { t: 'call' }> => c.t === 'call') : [];
    const dec = calls[0]?.head;
    const enc = calls[1]?.head;
    const innerArg = calls[1]?.args[0] ?? calls[0]?.args[0];
    const corrupted = innerArg && innerArg.t === 'sym' && /^\\tilde/.test(innerArg.name) ? innerArg : innerArg && innerArg.t === 'add' ? innerArg : undefined;
    const letters: AutoencoderLetters = { x: se.x, recon: se.recon, enc, dec, corrupted, generic: generic !== undefined && se.recon === generic.args[1] };
    return { family: 'autoencoder', name: corrupted ? 'denoising' : 'deterministic', letters };
  }
  return undefined;
}
