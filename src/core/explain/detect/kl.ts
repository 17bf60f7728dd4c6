/**
 * KL divergences: between two Gaussians written with parameters (derived in the note's own
 * letters), or between two distributions whose direction is read from which argument is the data
 * (or the target) and which the model, not from the letters p and q.
 */
import type { Expr } from '../expr/types';
import type { Reading } from '../read/reading';
import { every, subscriptOf } from '../read/reading';
import { mainExpr } from '../read/query';

/** The KL variants. */
export type KlVariant = 'gaussian' | 'forward' | 'reverse' | 'undirected';

/** What an argument of a KL stands for. */
export type ArgumentRole = 'data' | 'target' | 'model' | undefined;

/** Letters of a KL divergence. */
export interface KlLetters {
  /** The divergence node as the note writes it. */
  readonly node: Extract<Expr, { t: 'kl' }>;
  readonly first: Expr;
  readonly second: Expr;
  readonly roles: readonly [ArgumentRole, ArgumentRole];
  /** The variable the note applies the first distribution to elsewhere (`x` in `P(x)`), if it does. */
  readonly variable?: Expr;
}

/** A detected KL divergence. */
export interface KlDetected {
  readonly family: 'kl';
  readonly name: KlVariant;
  readonly letters: KlLetters;
}

const PARAMETERS = /^(?:\\(?:theta|phi|psi|lambda|omega|eta)|[wWgG]|\\mathrm\{(?:model|G|g)\})$/;

/** What a distribution stands for, from its letter, its subscript and its accents. */
export function roleOf(d: Expr, other: Expr): ArgumentRole {
  if (d.t === 'normal') return undefined;
  if (d.t !== 'dens') return undefined;
  const head = d.head;
  const sub = subscriptOf(head) ?? '';
  if (/data|true|\\ast|\*|^\\mathrm\{d\}$/.test(head) || /^\\(?:hat|tilde)\{/.test(head)) return 'data';
  if (PARAMETERS.test(sub)) return 'model';
  const letter = head.replace(/_.*$/, '');
  const otherLetter = other.t === 'dens' ? other.head.replace(/_.*$/, '') : '';
  // An approximation q against a p that it approximates (a true posterior or target).
  // Lower-case q against p is a variational approximation against its target; capital P and Q
  // are any two distributions, with no direction of their own.
  if (letter === 'q' && otherLetter === 'p') return 'model';
  if (letter === 'p' && otherLetter === 'q' && !sub) return 'target';
  if (/^[pP]$/.test(letter) && other.t === 'dens' && PARAMETERS.test(subscriptOf(other.head) ?? '') && !sub) return 'data';
  return undefined;
}

/** The KL variant of a formula whose main expression is (or defines) a KL divergence. */
export function detectKl(r: Reading): KlDetected | undefined {
  const main = mainExpr(r);
  const first = r.lines[0]?.stmt.parts[0];
  // A KL inside a larger formula (a JSD's definition, a bound) is not the formula's subject,
  // unless recognition already calls the formula a KL divergence.
  const node = main?.t === 'kl' ? main : first?.t === 'kl' ? first : r.card.kind === 'kl' ? every(r, 'kl')[0] : undefined;
  if (!node || node.t !== 'kl') return undefined;
  const a = node.a;
  const b = node.b;
  if (a.t === 'normal' && b.t === 'normal' && !a.at && !b.at) {
    return { family: 'kl', name: 'gaussian', letters: { node, first: a, second: b, roles: [undefined, undefined] } };
  }
  if (a.t !== 'dens' || b.t !== 'dens') return undefined;
  const roles: [ArgumentRole, ArgumentRole] = [roleOf(a, b), roleOf(b, a)];
  const isTarget = (x: ArgumentRole) => x === 'data' || x === 'target';
  const name: KlVariant = isTarget(roles[0]) && roles[1] === 'model' ? 'forward' : roles[0] === 'model' && isTarget(roles[1]) ? 'reverse' : 'undirected';
  const variable = every(r, 'dens').find((d) => (d.head === a.head || d.head === b.head) && d.main.length === 1 && d.cond.length === 0)?.main[0];
  return { family: 'kl', name, letters: { node, first: a, second: b, roles, variable } };
}
