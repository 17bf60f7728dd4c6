/**
 * Value-preserving tidying of the expression tree before a step is checked and shown: numbers
 * folded, `+ 0`, `- 0`, `\cdot 1` and `/ 1` removed. A derivation written in the note's letters
 * meets numbers (a prior N(0, 1)) that would otherwise show as `(\mu - 0)^2` or `2 \cdot 1`.
 */
import type { Expr, Stmt } from './types';

const isNum = (e: Expr, v?: number): e is Extract<Expr, { t: 'num' }> => e.t === 'num' && !e.tex && (v === undefined || e.v === v);

/** `e` with its trivial parts removed; its value is unchanged. */
export function simplify(e: Expr): Expr {
  switch (e.t) {
    case 'add': {
      const terms = e.terms.map(simplify).filter((t) => !isNum(t, 0) && !(t.t === 'neg' && isNum(t.a, 0)));
      if (terms.length === 0) return { t: 'num', v: 0 };
      return terms.length === 1 ? terms[0] : { t: 'add', terms };
    }
    case 'mul': {
      const fs = e.fs.map(simplify);
      if (fs.some((f) => isNum(f, 0))) return { t: 'num', v: 0 };
      const kept = fs.filter((f) => !isNum(f, 1));
      if (kept.length === 0) return { t: 'num', v: 1 };
      return kept.length === 1 ? kept[0] : { ...e, fs: kept };
    }
    case 'neg': {
      const a = simplify(e.a);
      return isNum(a) ? { t: 'num', v: -a.v } : { t: 'neg', a };
    }
    case 'div': {
      const a = simplify(e.a);
      const b = simplify(e.b);
      return isNum(b, 1) ? a : { t: 'div', a, b };
    }
    case 'pow': {
      const a = simplify(e.a);
      const b = simplify(e.b);
      if (isNum(b, 1)) return a;
      if (isNum(a, 1)) return a;
      return { t: 'pow', a, b };
    }
    case 'paren': {
      const a = simplify(e.a);
      return a.t === 'num' || a.t === 'sym' || a.t === 'idx' ? a : { t: 'paren', a };
    }
    case 'fn': return { ...e, a: simplify(e.a) };
    case 'normal': return { ...e, ...(e.at ? { at: simplify(e.at) } : {}), mean: simplify(e.mean), var: simplify(e.var) };
    case 'E': return { ...e, measure: simplify(e.measure), body: simplify(e.body) };
    case 'kl': case 'jsd': return { ...e, a: simplify(e.a), b: simplify(e.b) };
    case 'H': return { ...e, a: simplify(e.a), ...(e.b ? { b: simplify(e.b) } : {}) };
    case 'sum': case 'prod': case 'int': case 'argmax': case 'argmin': case 'max': case 'min': return { ...e, body: simplify(e.body) };
    case 'grad': return { ...e, body: simplify(e.body) };
    case 'at': return { ...e, body: simplify(e.body), value: simplify(e.value) };
    case 'sg': return { ...e, a: simplify(e.a) };
    default: return e;
  }
}

/** A statement with each part simplified. */
export function simplifyStmt(s: Stmt): Stmt {
  return { ...s, parts: s.parts.map(simplify) };
}
