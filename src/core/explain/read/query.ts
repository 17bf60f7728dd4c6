/**
 * Questions the variant detectors ask of a formula read into the expression tree: whether a part
 * occurs, with which sign a term enters, what multiplies a factor.
 */
import type { Expr } from '../expr/types';
import { nodes } from '../expr/walk';
import type { Reading } from './reading';

/** True when some node of `e` satisfies `test`. */
export function contains(e: Expr, test: (x: Expr) => boolean): boolean {
  for (const x of nodes(e)) if (test(x)) return true;
  return false;
}

/**
 * The sign with which the first term satisfying `test` enters `e` (+1 or -1), or 0 when no term
 * does. Reads through parentheses, negations and sums.
 */
export function signOf(e: Expr, test: (x: Expr) => boolean, s = 1): number {
  switch (e.t) {
    case 'neg': return signOf(e.a, test, -s);
    case 'paren': return signOf(e.a, test, s);
    case 'add':
      for (const t of e.terms) {
        const r = signOf(t, test, s);
        if (r !== 0) return r;
      }
      return 0;
    case 'mul': {
      const negative = e.fs.some((f) => f.t === 'num' && f.v < 0);
      return contains(e, test) ? (negative ? -s : s) : 0;
    }
    default: return contains(e, test) ? s : 0;
  }
}

/** The expression a formula is about: the right side of a definition or a bound, or the whole. */
export function mainExpr(r: Reading): Expr | undefined {
  const s = r.lines[0]?.stmt;
  if (!s) return undefined;
  if (s.parts.length >= 2) return s.parts[s.parts.length - 1];
  return s.parts[0];
}


/** The terms of a sum (a single term when it is not one), with their signs. */
export function termsOf(e: Expr): { sign: 1 | -1; e: Expr }[] {
  if (e.t === 'add') return e.terms.flatMap((t) => termsOf(t));
  if (e.t === 'neg') return termsOf(e.a).map((t) => ({ sign: (t.sign === 1 ? -1 : 1) as 1 | -1, e: t.e }));
  if (e.t === 'paren') return termsOf(e.a);
  return [{ sign: 1, e }];
}

/** The factors of a product other than the one `test` picks, as one expression (1 when none). */
export function coefficient(e: Expr, test: (x: Expr) => boolean): Expr | undefined {
  if (test(e)) return { t: 'num', v: 1 };
  if (e.t === 'mul') {
    const k = e.fs.findIndex(test);
    if (k < 0) return undefined;
    const rest = e.fs.filter((_, i) => i !== k);
    return rest.length === 1 ? rest[0] : { t: 'mul', fs: rest };
  }
  if (e.t === 'div' && test(e.a)) return { t: 'div', a: { t: 'num', v: 1 }, b: e.b };
  return undefined;
}
