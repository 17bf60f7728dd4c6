/**
 * The remaining families: the GAN value function (and its non-saturating, least-squares and
 * Wasserstein forms), Bayes' rule (over events or densities), entropy and cross-entropy, the
 * Jensen-Shannon divergence, marginal likelihoods, and the binary cross-entropy reconstruction loss.
 */
import type { Expr } from '../expr/types';
import { nodes } from '../expr/walk';
import type { Reading } from '../read/reading';
import { every } from '../read/reading';
import { contains } from '../read/query';

/** The variants of the remaining families. */
export type OtherVariant =
  | 'gan' | 'gan-nonsaturating' | 'gan-leastsquares' | 'gan-wasserstein'
  | 'bayes-events' | 'bayes-densities' | 'entropy' | 'cross-entropy' | 'jsd' | 'marginal' | 'bce';

/** Letters of these families (only those a variant uses are set). */
export interface OtherLetters {
  readonly D?: string;
  readonly G?: string;
  readonly data?: string;
  readonly noise?: string;
  readonly x?: Expr;
  readonly z?: Expr;
  readonly head?: string;
  readonly A?: Expr;
  readonly B?: Expr;
  readonly P?: string;
  readonly Q?: string;
  readonly xhat?: Expr;
  readonly prior?: string;
  /** Least-squares GAN targets for real (b) and generated (a) samples. */
  readonly targetReal?: Expr;
  readonly targetFake?: Expr;
}

/** A detected formula of these families. */
export interface OtherDetected {
  readonly family: 'other';
  readonly name: OtherVariant;
  readonly letters: OtherLetters;
}

const headOf = (d: Expr | undefined): string | undefined => (d && d.t === 'dens' ? d.head : undefined);

/** The variant of a formula of these families, if it is one. */
export function detectOther(r: Reading): OtherDetected | undefined {
  const calls = every(r, 'call');
  const Es = every(r, 'E');
  // GAN: a discriminator applied to data and to a generator's output.
  const nested = calls.find((c) => c.args.length === 1 && c.args[0].t === 'call');
  if (nested && Es.length >= 1 && nested.args[0].t === 'call' && Es.some((e) => contains(e.body, (b) => b === nested))) {
    const D = nested.head;
    const G = nested.args[0].head;
    const noiseE = Es.find((e) => contains(e.body, (b) => b === nested));
    const data = Es.map((e) => headOf(e.measure)).find((h) => h && /data|\\ast|\*/.test(h)) ?? Es.filter((e) => e !== noiseE).map((e) => headOf(e.measure))[0];
    const noise = headOf(noiseE?.measure);
    const z = noiseE?.vars[0] ?? nested.args[0].args[0];
    const x = Es.find((e) => e !== noiseE)?.vars[0];
    const letters: OtherLetters = { D, G, data, noise, z, x };
    const squares = every(r, 'pow').some((p) => p.b.t === 'num' && p.b.v === 2 && contains(p.a, (y) => y.t === 'call' && y.head === D));
    const logs = every(r, 'fn').some((f) => f.f === 'log' && contains(f.a, (y) => y.t === 'call' && y.head === D));
    const oneMinus = every(r, 'fn').some((f) => f.f === 'log' && f.a.t !== 'call' && contains(f.a, (y) => y === nested));
    if (squares) {
      // (D(x) - b)^2 and (D(G(z)) - a)^2: the targets are what D is compared with.
      const target = (inner: (e: Expr) => boolean): Expr | undefined => {
        const p = every(r, 'pow').find((q) => contains(q.a, inner));
        const a = p ? (p.a.t === 'paren' ? p.a.a : p.a) : undefined;
        return a && a.t === 'add' && a.terms.length === 2 && a.terms[1].t === 'neg' ? a.terms[1].a : undefined;
      };
      const targetFake = target((y) => y === nested);
      const targetReal = target((y) => y.t === 'call' && y.head === D && y !== nested && y.args[0]?.t !== 'call');
      return { family: 'other', name: 'gan-leastsquares', letters: { ...letters, targetReal, targetFake } };
    }
    if (!logs) return { family: 'other', name: 'gan-wasserstein', letters };
    if (!oneMinus) return { family: 'other', name: 'gan-nonsaturating', letters };
    return { family: 'other', name: 'gan', letters };
  }
  const first = r.lines[0]?.stmt;
  // Bayes: a conditional on the left equal to a fraction whose numerator has the reverse conditional.
  if (first && first.parts.length === 2 && first.parts[0].t === 'dens' && first.parts[0].cond.length === 1 && first.parts[1].t === 'div') {
    const post = first.parts[0];
    const num = first.parts[1].a;
    const rev = [...nodes(num)].find((y) => y.t === 'dens' && y.cond.length === 1 && JSON.stringify(y.main) === JSON.stringify(post.cond));
    if (rev) {
      const events = /^(?:P|\\Pr|\\mathrm\{Pr\}|\\mathbb\{P\})$/.test(post.head) && post.main[0].t === 'sym' && /^[A-Z]$/.test(post.main[0].name);
      return { family: 'other', name: events ? 'bayes-events' : 'bayes-densities', letters: { head: post.head, A: post.main[0], B: post.cond[0] } };
    }
  }
  const Hs = every(r, 'H');
  if (Hs.length > 0) {
    const h = Hs[0];
    const P = headOf(h.a);
    const Q = headOf(h.b);
    // H(X) of a random variable: the density letter is the one the formula applies, p by default.
    const applied = every(r, 'dens').find((d) => d.main.length === 1 && d.main[0].t === 'sym');
    const letters: OtherLetters = { P: P && /^[A-Z]$/.test(P) && applied ? applied.head : P, Q, x: applied?.main[0] };
    if (h.b || every(r, 'dens').some((d) => d.head !== letters.P && d.main.length === 1)) return { family: 'other', name: 'cross-entropy', letters: { ...letters, Q: Q ?? every(r, 'dens').find((d) => d.head !== letters.P)?.head } };
    return { family: 'other', name: 'entropy', letters };
  }
  const j = every(r, 'jsd')[0];
  if (j) return { family: 'other', name: 'jsd', letters: { P: headOf(j.a), Q: headOf(j.b) } };
  // Marginal likelihood: an integral or sum over a latent of a likelihood times a prior.
  const integral = every(r, 'int')[0] ?? every(r, 'sum').find((s) => !s.lo && contains(s.body, (y) => y.t === 'dens' && y.cond.length > 0));
  if (integral) {
    const lik = [...nodes(integral.body)].find((y): y is Extract<Expr, { t: 'dens' }> => y.t === 'dens' && y.cond.length > 0);
    const prior = [...nodes(integral.body)].find((y): y is Extract<Expr, { t: 'dens' }> => y.t === 'dens' && y.cond.length === 0 && y !== lik);
    if (lik && prior) return { family: 'other', name: 'marginal', letters: { head: lik.head, prior: prior.head, x: lik.main[0], z: lik.cond[0] } };
  }
  // Binary cross-entropy: x log x̂ + (1 - x) log(1 - x̂).
  const logs = every(r, 'fn').filter((f) => f.f === 'log');
  const hatLog = logs.find((l) => (l.a.t === 'sym' || l.a.t === 'idx') && /^\\hat/.test(l.a.t === 'sym' ? l.a.name : l.a.base));
  if (hatLog) {
    const xhat = hatLog.a;
    const xs = r.all.find((y) => (y.t === 'sym' || y.t === 'idx') && !/^\\hat/.test(y.t === 'sym' ? y.name : y.base) && (y.t === 'sym' ? y.name : y.base) === (xhat.t === 'sym' ? xhat.name : (xhat as { base: string }).base).replace(/^\\hat\{(.*)\}$/, '$1'));
    if (xs) return { family: 'other', name: 'bce', letters: { x: xs, xhat } };
  }
  return undefined;
}
