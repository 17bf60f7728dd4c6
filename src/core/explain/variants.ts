/**
 * Which variant of which family a formula is, read from its tree (and the card's kind when the
 * tree alone is not decisive), with the note's own letters for each part. A derivation is then
 * built for that variant in those letters: a β-VAE loss gets its β, a Nesterov step its
 * look-ahead, a Bernoulli likelihood θ̂ = k/n.
 */
import type { Expr } from './expr/types';
import { nodes, varName } from './expr/walk';
import { contains, mainExpr, signOf } from './read/query';
import type { Reading } from './read/reading';
import { definitionOf, every, subscriptOf } from './read/reading';
import { asVar } from './derivations/common';
import type { ElboLetters, ElboVariant } from './derivations/elbo';
import { detectDiffusion, type DiffusionDetected } from './detect/diffusion';
import { detectUpdate, type UpdateDetected } from './detect/update';
import { detectMle, type MleDetected } from './detect/mle';
import { detectKl, type KlDetected } from './detect/kl';
import { detectAutoencoder, type AutoencoderDetected } from './detect/autoencoder';
import { detectOther, type OtherDetected } from './detect/other';

/** A detected variant with the note's letters. */
export type Variant =
  | { readonly family: 'elbo'; readonly name: ElboVariant; readonly letters: ElboLetters }
  | DiffusionDetected
  | UpdateDetected
  | MleDetected
  | KlDetected
  | AutoencoderDetected
  | OtherDetected;

const isDensity = (d: Expr): d is Extract<Expr, { t: 'dens' }> => d.t === 'dens';

/** Letters of a latent-variable bound, when the formula has a variational density q(z|x). */
function detectElbo(r: Reading): { name: ElboVariant; letters: ElboLetters } | undefined {
  const all = every(r, 'dens');
  const qs = all.filter((d) => /^[qQ]/.test(d.head) && d.main.length >= 1);
  const qd = qs.find((d) => d.cond.length > 0);
  if (!qd) return undefined;
  const X = asVar(qd.cond[0]);
  const zs = qd.main.map(asVar);
  // Diffusion writes x_t given x_{t-1}: a chain of one variable, not data and a latent.
  if (qd.cond.some((c) => c.t === 'idx') && qd.main.some((c) => c.t === 'idx') && qd.main[0].t === 'idx' && qd.cond[0].t === 'idx' && (qd.main[0] as { base: string }).base === (qd.cond[0] as { base: string }).base) return undefined;
  const ps = all.filter((d) => /^[pP]/.test(d.head));
  const name = (e: Expr) => varName(asVar(e));
  let Z = zs[0];
  // A second q over another latent (q(z_2 | z_1)) or a joint q(z_1, z_2 | x) makes it hierarchical.
  const latents = new Set<string>(qs.flatMap((d) => d.main.map(name)));
  const lik = ps.find((d) => d.main.some((v) => name(v) === name(X)) && d.cond.length > 0 && d.cond.some((v) => latents.has(name(v))));
  if (lik) Z = asVar(lik.cond.find((v) => latents.has(name(v))) as Expr);
  const y = qd.cond.length > 1 ? asVar(qd.cond[1]) : undefined;
  const priorD = ps.find((d) => d.main.length === 1 && latents.has(name(d.main[0])) && d.cond.every((v) => y && name(v) === name(y)) && !(lik && d === lik));
  const pHead = lik?.head ?? ps.find((d) => d !== priorD)?.head ?? priorD?.head;
  if (!pHead) return undefined;
  const param = (h: string): string | undefined => {
    const s = subscriptOf(h);
    return s && /^(?:\\[a-z]+|[a-z])$/.test(s) ? s : undefined;
  };
  const main = mainExpr(r);
  const recon = (x: Expr) => x.t === 'E' && x.measure.t === 'dens' && /^[qQ]/.test(x.measure.head) && contains(x.body, (b) => b.t === 'fn' && b.f === 'log' && isDensity(b.a) && /^[pP]/.test(b.a.head));
  const isKl = (x: Expr) => x.t === 'kl';
  const reconSign = main ? signOf(main, recon) : 0;
  const klSign = main ? signOf(main, isKl) : 0;
  const sign: 'loss' | 'bound' = reconSign < 0 || (reconSign === 0 && klSign > 0 && !every(r, 'E').length) ? 'loss' : 'bound';
  const def = definitionOf(r);
  const objective = def && (def.lhs.t === 'sym' || def.lhs.t === 'call') ? def.lhs : undefined;
  let beta: Expr | undefined;
  for (const x of every(r, 'mul')) {
    if (!x.fs.some(isKl)) continue;
    const w = x.fs.find((f) => f.t === 'sym');
    if (w) beta = w;
  }
  const base: ElboLetters = {
    x: X, z: Z, q: qd.head, p: pHead, prior: priorD?.head ?? pHead,
    theta: param(pHead), phi: param(qd.head), sign, objective,
  };
  // Importance weights: a sum over k of p(x, z_k) / q(z_k | x).
  const iw = every(r, 'sum').find((s) => contains(s.body, (b) => b.t === 'div' && isDensity(b.a) && isDensity(b.b) && /^[qQ]/.test(b.b.head)));
  if (iw && iw.hi && iw.hi.t === 'sym') {
    const ratio = [...nodes(iw.body)].find((b) => b.t === 'div' && isDensity(b.b)) as Extract<Expr, { t: 'div' }>;
    const zk = (ratio.b as Extract<Expr, { t: 'dens' }>).main[0];
    const zBase = zk?.t === 'idx' ? zk.base : 'z';
    return { name: 'iwae', letters: { ...base, z: { t: 'sym', name: zBase }, K: iw.hi.name, k: iw.v, zBase } };
  }
  if (latents.size >= 2) {
    const [z1, z2] = [...latents];
    const Z1 = lik ? Z : { t: 'sym', name: z1 } as Expr;
    const Z2 = { t: 'sym', name: name(Z1) === z1 ? z2 : z1 } as Expr;
    return { name: 'hierarchical', letters: { ...base, z: Z1, z2: Z2 } };
  }
  if (beta) return { name: 'beta', letters: { ...base, beta } };
  if (y && lik?.cond.some((v) => name(v) === name(y))) return { name: 'conditional', letters: { ...base, y } };
  return { name: sign === 'loss' ? 'loss' : 'plain', letters: base };
}

/** The variant of a formula, or undefined when it is none GenMath derives. */
export function detectVariant(r: Reading): Variant | undefined {
  const kind = r.card.kind;
  const update = detectUpdate(r);
  if (update) return update;
  const diffusion = detectDiffusion(r);
  if (diffusion) return diffusion;
  const ae = detectAutoencoder(r);
  if (ae && kind !== 'elbo') return ae;
  const elbo = detectElbo(r);
  if (elbo && (kind === 'elbo' || kind === 'marginal' || kind === 'kl' || kind === 'reconstruction' || kind === 'none' || every(r, 'E').length > 0)) {
    // A lone KL between q and p is a KL divergence, not a bound.
    const lone = r.lines.length === 1 && r.lines[0].stmt.parts.length === 1 && r.lines[0].stmt.parts[0].t === 'kl';
    if (!lone) return { family: 'elbo', name: elbo.name, letters: elbo.letters };
  }
  const mle = detectMle(r);
  if (mle) return mle;
  const klv = detectKl(r);
  if (klv) return klv;
  if (ae) return ae;
  return detectOther(r);
}
