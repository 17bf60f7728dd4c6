/**
 * Short constructors for the expression tree, so a derivation reads close to the math it writes:
 * `stmt(kl(q, p), '=', E(q, sub(log(q), log(p))))`.
 */
import type { Expr, Fn, Rel, Stmt } from './types';

/** A number, optionally written another way (`\tfrac{1}{2}`). */
export const num = (v: number, tex?: string): Expr => (tex === undefined ? { t: 'num', v } : { t: 'num', v, tex });
/** One half, written `\tfrac{1}{2}`. */
export const half: Expr = num(0.5, '\\tfrac{1}{2}');
/** A symbol by its canonical TeX. */
export const sym = (name: string): Expr => ({ t: 'sym', name });
/** An indexed symbol `base_{index}`; a string index is read as a symbol, a number as a number. */
export const idx = (base: string, index: Expr | number | string): Expr => ({ t: 'idx', base, index: typeof index === 'number' ? num(index) : typeof index === 'string' ? sym(index) : index });

/** The run of variables `base_{lo:hi}`. */
export const range = (base: string, lo: Expr | number | string, hi: Expr | number | string): Expr => {
  const e = (v: Expr | number | string): Expr => (typeof v === 'number' ? num(v) : typeof v === 'string' ? sym(v) : v);
  return { t: 'range', base, lo: e(lo), hi: e(hi) };
};

/** A sum of terms; nested sums are flattened. */
export function add(...terms: Expr[]): Expr {
  const flat = terms.flatMap((x) => (x.t === 'add' ? x.terms : [x]));
  return flat.length === 1 ? flat[0] : { t: 'add', terms: flat };
}
/** a - b. */
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
/** -a. */
export const neg = (a: Expr): Expr => ({ t: 'neg', a });
/** A product of factors; nested products are flattened. */
export function mul(...fs: Expr[]): Expr {
  const flat = fs.flatMap((x) => (x.t === 'mul' && !x.dot ? x.fs : [x]));
  return flat.length === 1 ? flat[0] : { t: 'mul', fs: flat };
}
/** A product written with `\cdot`. */
export const dot = (...fs: Expr[]): Expr => ({ t: 'mul', fs, dot: true });
/** a / b as a fraction. */
export const div = (a: Expr, b: Expr): Expr => ({ t: 'div', a, b });
/** a^b. */
export const pow = (a: Expr, b: Expr | number): Expr => ({ t: 'pow', a, b: typeof b === 'number' ? num(b) : b });
/** a^2. */
export const sq = (a: Expr): Expr => pow(a, 2);
/** An elementary function. */
export const fn = (f: Fn, a: Expr): Expr => ({ t: 'fn', f, a });
/** \log a (natural log). */
export const log = (a: Expr): Expr => fn('log', a);
/** \exp a. */
export const exp = (a: Expr): Expr => fn('exp', a);
/** \sqrt{a}. */
export const sqrt = (a: Expr): Expr => fn('sqrt', a);
/** \|a\|^2. */
export const norm2 = (a: Expr): Expr => fn('norm2', a);
/** Parentheses kept for the reader. */
export const paren = (a: Expr): Expr => ({ t: 'paren', a });

/** A density `head(main | cond)`. */
export const dens = (head: string, main: readonly Expr[] = [], cond: readonly Expr[] = []): Expr => ({ t: 'dens', head, main, cond });
/** A deterministic function applied. */
export const call = (head: string, ...args: Expr[]): Expr => ({ t: 'call', head, args });
/** The Gaussian density N(at; mean, var). */
export const normalAt = (at: Expr, mean: Expr, variance: Expr): Expr => ({ t: 'normal', at, mean, var: variance });
/** The Gaussian N(mean, var) as a measure. */
export const normal = (mean: Expr, variance: Expr): Expr => ({ t: 'normal', mean, var: variance });

/** The variables a measure is over: a density's main arguments. */
function measureVars(measure: Expr): readonly Expr[] {
  return measure.t === 'dens' ? (measure.as?.main ?? measure.main) : [];
}

/** E_{measure}[body] over the measure's own variables (or `vars` when given, written `v \sim measure`). */
export function E(measure: Expr, body: Expr, vars?: readonly Expr[], options: { constant?: boolean } = {}): Expr {
  const v = vars ?? measureVars(measure);
  return { t: 'E', vars: v, measure, body, showVars: vars !== undefined, ...(options.constant ? { constant: true } : {}) };
}
/** ∫ body d(vars). */
export const integral = (vars: readonly Expr[], body: Expr): Expr => ({ t: 'int', vars, body });
/** Σ_{v=lo}^{hi} body, or Σ_v body over v's support. */
export const sum = (v: string, body: Expr, lo?: Expr | number, hi?: Expr | number): Expr => ({
  t: 'sum', v, body, ...(lo !== undefined ? { lo: typeof lo === 'number' ? num(lo) : lo } : {}), ...(hi !== undefined ? { hi: typeof hi === 'number' ? num(hi) : hi } : {}),
});
/** Π_{v=lo}^{hi} body. */
export function prod(v: string, body: Expr, lo?: Expr | number, hi?: Expr | number): Expr {
  const s = sum(v, body, lo, hi) as Extract<Expr, { t: 'sum' | 'prod' }>;
  return { ...s, t: 'prod' };
}
/** D_KL(a || b). */
export const kl = (a: Expr, b: Expr): Expr => ({ t: 'kl', a, b });
/** H(a) or H(a, b). */
export const H = (a: Expr, b?: Expr): Expr => (b ? { t: 'H', a, b } : { t: 'H', a });
/** JSD(a || b). */
export const jsd = (a: Expr, b: Expr): Expr => ({ t: 'jsd', a, b });
/** ∇_wrt body. */
export const grad = (wrt: Expr | string, body: Expr): Expr => ({ t: 'grad', wrt: typeof wrt === 'string' ? sym(wrt) : wrt, body });
/** ∂/∂wrt body. */
export const partial = (wrt: Expr | string, body: Expr): Expr => ({ t: 'grad', wrt: typeof wrt === 'string' ? sym(wrt) : wrt, body, partial: true });
/** arg max_{v ∈ [lo, hi]} body. */
export const argmax = (v: string, body: Expr, lo: number, hi: number, show?: string): Expr => ({ t: 'argmax', v, body, lo, hi, ...(show ? { show } : {}) });
/** arg min_{v ∈ [lo, hi]} body. */
export const argmin = (v: string, body: Expr, lo: number, hi: number, show?: string): Expr => ({ t: 'argmin', v, body, lo, hi, ...(show ? { show } : {}) });
/** max_{v ∈ [lo, hi]} body. */
export const maxOver = (v: string, body: Expr, lo: number, hi: number, show?: string): Expr => ({ t: 'max', v, body, lo, hi, ...(show ? { show } : {}) });
/** Stop-gradient. */
export const sg = (a: Expr): Expr => ({ t: 'sg', a });
/** body with v set to value. */
export const at = (body: Expr, v: Expr, value: Expr): Expr => ({ t: 'at', body, v, value });
/** Words inside a formula. */
export const text = (words: string): Expr => ({ t: 'text', text: words });

/** A statement from alternating parts and relations: `stmt(a, '=', b, '<=', c)`. */
export function stmt(...items: (Expr | Rel)[]): Stmt {
  const parts: Expr[] = [];
  const rels: Rel[] = [];
  items.forEach((item, i) => {
    if (i % 2 === 0) parts.push(item as Expr);
    else rels.push(item as Rel);
  });
  if (parts.length !== rels.length + 1) throw new Error('a statement alternates parts and relations');
  return { parts, rels };
}

/** The same statement with plain words after it. */
export function noted(s: Stmt, note: string): Stmt {
  return { ...s, note };
}
