/**
 * Walks over the expression tree: its children, substitution, which symbols occur free (not
 * bound by an expectation, integral, sum or arg max), and whether a variable is used.
 */
import type { Expr } from './types';

/** The direct sub-expressions of `e`. */
export function children(e: Expr): readonly Expr[] {
  switch (e.t) {
    case 'num': case 'sym': case 'text': case 'raw': return [];
    case 'idx': return [e.index];
    case 'range': return [e.lo, e.hi];
    case 'add': return e.terms;
    case 'neg': case 'fn': case 'sg': case 'paren': return [e.a];
    case 'mul': return e.fs;
    case 'div': case 'pow': case 'kl': case 'jsd': return [e.a, e.b];
    case 'dens': return [...e.main, ...e.cond];
    case 'call': return e.args;
    case 'normal': return e.at ? [e.at, e.mean, e.var] : [e.mean, e.var];
    case 'E': return [e.measure, e.body];
    case 'int': return [e.body];
    case 'sum': case 'prod': return [...(e.lo ? [e.lo] : []), ...(e.hi ? [e.hi] : []), e.body];
    case 'H': return e.b ? [e.a, e.b] : [e.a];
    case 'grad': return [e.wrt, e.body];
    case 'argmax': case 'argmin': case 'max': case 'min': return [e.body];
    case 'at': return [e.body, e.value];
  }
}

/** Structural equality of two trees. */
export function same(a: Expr, b: Expr): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `e` with every occurrence of the variable `v` (a `sym` or an `idx`) replaced by `value`. */
export function substitute(e: Expr, v: Expr, value: Expr): Expr {
  if (same(e, v)) return value;
  switch (e.t) {
    case 'num': case 'sym': case 'text': case 'raw': return e;
    case 'idx': return { ...e, index: substitute(e.index, v, value) };
    case 'range': return { ...e, lo: substitute(e.lo, v, value), hi: substitute(e.hi, v, value) };
    case 'add': return { ...e, terms: e.terms.map((x) => substitute(x, v, value)) };
    case 'mul': return { ...e, fs: e.fs.map((x) => substitute(x, v, value)) };
    case 'neg': case 'fn': case 'sg': case 'paren': return { ...e, a: substitute(e.a, v, value) };
    case 'div': case 'pow': case 'kl': case 'jsd': return { ...e, a: substitute(e.a, v, value), b: substitute(e.b, v, value) };
    case 'dens': {
      const main = e.main.map((x) => substitute(x, v, value));
      const cond = e.cond.map((x) => substitute(x, v, value));
      // The variables keep their names when an argument becomes an expression.
      const changed = !main.every((x, i) => same(x, e.main[i])) || !cond.every((x, i) => same(x, e.cond[i]));
      return changed ? { ...e, main, cond, as: { main: e.as?.main ?? e.main, cond: e.as?.cond ?? e.cond } } : e;
    }
    case 'call': return { ...e, args: e.args.map((x) => substitute(x, v, value)) };
    case 'normal': return { ...e, ...(e.at ? { at: substitute(e.at, v, value) } : {}), mean: substitute(e.mean, v, value), var: substitute(e.var, v, value) };
    case 'E': return e.vars.some((x) => same(x, v)) ? { ...e, measure: substitute(e.measure, v, value) } : { ...e, measure: substitute(e.measure, v, value), body: substitute(e.body, v, value) };
    case 'int': return e.vars.some((x) => same(x, v)) ? e : { ...e, body: substitute(e.body, v, value) };
    case 'sum': case 'prod': return v.t === 'sym' && v.name === e.v ? e : { ...e, body: substitute(e.body, v, value) };
    case 'H': return { ...e, a: substitute(e.a, v, value), ...(e.b ? { b: substitute(e.b, v, value) } : {}) };
    case 'grad': return { ...e, body: substitute(e.body, v, value) };
    case 'argmax': case 'argmin': case 'max': case 'min': return v.t === 'sym' && v.name === e.v ? e : { ...e, body: substitute(e.body, v, value) };
    case 'at': return { ...e, value: substitute(e.value, v, value), body: same(e.v, v) ? e.body : substitute(e.body, v, value) };
  }
}

/** One free occurrence: a plain symbol, the base of an indexed symbol, or the head of a density or function. */
export interface Occurrence {
  readonly name: string;
  readonly role: 'symbol' | 'indexed' | 'density' | 'function';
}

/** Names bound by a binder node: an expectation's variables, a sum's index, an integral's variables. */
function boundBy(e: Expr): string[] {
  const names = (vs: readonly Expr[]): string[] => vs.flatMap((v) => (v.t === 'sym' ? [v.name] : v.t === 'idx' ? [varName(v)] : []));
  switch (e.t) {
    case 'E': case 'int': return names(e.vars);
    case 'sum': case 'prod': case 'argmax': case 'argmin': case 'max': case 'min': return [e.v];
    default: return [];
  }
}

/** The name a variable expression is known by: `z`, `x_{t-1}`. */
export function varName(v: Expr): string {
  if (v.t === 'sym') return v.name;
  if (v.t === 'idx') return `${v.base}_{${exprKey(v.index)}}`;
  if (v.t === 'range') return `${v.base}_{${exprKey(v.lo)}:${exprKey(v.hi)}}`;
  return exprKey(v);
}

/** A compact, stable key of an expression (for comparing variables). */
export function exprKey(e: Expr): string {
  switch (e.t) {
    case 'num': return String(e.v);
    case 'sym': return e.name;
    case 'idx': return `${e.base}_{${exprKey(e.index)}}`;
    case 'add': return e.terms.map((x, i) => (x.t === 'neg' ? `-${exprKey(x.a)}` : `${i > 0 ? '+' : ''}${exprKey(x)}`)).join('');
    case 'neg': return `-${exprKey(e.a)}`;
    default: return JSON.stringify(e);
  }
}

/** Every free occurrence of a name in `e`. */
export function freeOccurrences(e: Expr): Occurrence[] {
  const out: Occurrence[] = [];
  const visit = (x: Expr, bound: ReadonlySet<string>): void => {
    switch (x.t) {
      case 'sym': if (!bound.has(x.name)) out.push({ name: x.name, role: 'symbol' }); return;
      case 'idx': case 'range': {
        const whole = varName(x);
        if (!bound.has(whole) && !bound.has(x.base)) out.push({ name: x.base, role: 'indexed' });
        for (const c of children(x)) visit(c, bound);
        return;
      }
      case 'dens': out.push({ name: x.head, role: 'density' }); break;
      case 'call': out.push({ name: x.head, role: 'function' }); break;
      case 'at': {
        visit(x.value, bound);
        visit(x.body, new Set([...bound, varName(x.v)]));
        return;
      }
      default: break;
    }
    const b = boundBy(x);
    if (b.length > 0) {
      const inner = new Set([...bound, ...b]);
      if (x.t === 'E') {
        visit(x.measure, inner);
        visit(x.body, inner);
        return;
      }
      for (const c of children(x)) visit(c, inner);
      return;
    }
    for (const c of children(x)) visit(c, bound);
  };
  visit(e, new Set());
  return out;
}

/** True when `e` uses the variable named `name` (as a symbol, an indexed variable or a density argument). */
export function mentions(e: Expr, name: string): boolean {
  if ((e.t === 'sym' && e.name === name) || (e.t === 'idx' && varName(e) === name)) return true;
  return children(e).some((c) => mentions(c, name));
}

/** Every node of `e`, depth first. */
export function* nodes(e: Expr): Generator<Expr> {
  yield e;
  for (const c of children(e)) yield* nodes(c);
}
