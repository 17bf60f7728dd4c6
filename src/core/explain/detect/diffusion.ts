/**
 * Diffusion formulas: the variational bound (KL terms between the fixed forward posterior and the
 * learned reverse step), the simplified noise-prediction loss, and the forward process.
 */
import type { Expr } from '../expr/types';
import { nodes } from '../expr/walk';
import type { Reading } from '../read/reading';
import { every } from '../read/reading';

/** The diffusion variants. */
export type DiffusionVariant = 'vlb' | 'simple' | 'forward';

/** Letters of a diffusion formula. */
export interface DiffusionLetters {
  /** The chain's letter (`x`) and step index (`t`). */
  readonly x: string;
  readonly t: string;
  /** The number of steps, when written. */
  readonly T?: string;
  /** Forward process (fixed) and reverse model (learned) density letters. */
  readonly q: string;
  readonly p: string;
  /** Every letter the note uses for the reverse model (`p` and `p_{\theta}`). */
  readonly pHeads: readonly string[];
  /** Schedule letters as written, when written. */
  readonly beta?: string;
  readonly alpha?: string;
  readonly alphaBar?: string;
  /** The noise and the noise predictor. */
  readonly eps?: string;
  readonly epsTheta?: string;
  /** The note's name for its objective, when it defines one. */
  readonly objective?: Expr;
}

/** A detected diffusion formula. */
export interface DiffusionDetected {
  readonly family: 'diffusion';
  readonly name: DiffusionVariant;
  readonly letters: DiffusionLetters;
}

const idxBase = (e: Expr | undefined): string | undefined => (e && e.t === 'idx' ? e.base : undefined);

/** The diffusion variant of a formula, if it writes one. */
export function detectDiffusion(r: Reading): DiffusionDetected | undefined {
  const all = r.all;
  const syms = r.symbols;
  // The chain: x_t and x_{t-1} (or x_0) of one letter.
  const chain = all.filter((e): e is Extract<Expr, { t: 'idx' }> => e.t === 'idx' && e.index.t !== 'num' && [...nodes(e.index)].some((n) => n.t === 'sym' && n.name === 't'));
  const epsCall = every(r, 'call').find((c) => /^\\epsilon_/.test(c.head));
  const x = chain.find((e) => /^(?:x|\\mathbf\{x\}|z)$/.test(e.base))?.base
    ?? (epsCall ? all.find((e): e is Extract<Expr, { t: 'idx' }> => e.t === 'idx' && e.index.t === 'num' && e.index.v === 0)?.base : undefined);
  if (!x) return undefined;
  const dens = every(r, 'dens');
  const q = dens.find((d) => /^q/.test(d.head) && idxBase(d.main[0]) === x)?.head ?? 'q';
  const p = dens.find((d) => /^p/.test(d.head) && idxBase(d.main[0]) === x && d.cond.length > 0)?.head ?? dens.find((d) => /^p/.test(d.head))?.head ?? 'p_{\\theta}';
  const has = (s: string) => syms.has(s);
  const eps = has('\\epsilon') ? '\\epsilon' : undefined;
  const epsTheta = epsCall?.head;
  const pHeads = [...new Set(dens.filter((d) => /^p/.test(d.head)).map((d) => d.head))];
  const def = r.lines.length === 1 && r.lines[0].stmt.parts.length === 2 ? r.lines[0].stmt.parts[0] : undefined;
  const letters: DiffusionLetters = {
    x, t: 't', T: has('T') ? 'T' : undefined, q, p, pHeads,
    beta: has('\\beta') ? '\\beta' : undefined, alpha: has('\\alpha') ? '\\alpha' : undefined, alphaBar: has('\\bar{\\alpha}') ? '\\bar{\\alpha}' : undefined,
    eps, epsTheta, objective: def && def.t === 'sym' ? def : undefined,
  };
  const kls = every(r, 'kl');
  if (kls.some((k) => k.a.t === 'dens' && idxBase(k.a.main[0]) === x) || (dens.some((d) => /^q/.test(d.head) && d.cond.length >= 2))) return { family: 'diffusion', name: 'vlb', letters };
  if (epsTheta) return { family: 'diffusion', name: 'simple', letters };
  if (letters.alphaBar || letters.beta || dens.some((d) => /^q/.test(d.head) && idxBase(d.main[0]) === x)) return { family: 'diffusion', name: 'forward', letters };
  return undefined;
}
