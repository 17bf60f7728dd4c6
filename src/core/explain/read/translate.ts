/**
 * Reads a note's formula (the parser's tree) into the expression tree derivations are written
 * in, so the formula itself can be inspected by meaning (which distribution a KL compares, what
 * multiplies it, which sign a term has) and evaluated on the same toy instances as the steps.
 *
 * Whatever is not understood becomes a `raw` node: it keeps the note's TeX for display and makes
 * any claim that contains it unevaluable, never wrongly evaluated.
 */
import type { MathNode } from '../../parse/tree';
import { nodeTex, tex } from '../../recognize/query';
import {
  E, H, add, at, call, dens, div, fn, grad, idx, integral, jsd, kl, mul, neg, normal, normalAt, num, pow, range, sqrt, sum, sym,
} from '../expr/build';
import type { Expr, Rel, Stmt } from '../expr/types';
import { mentions, nodes, substitute } from '../expr/walk';

/** Letters that name a density or mass function. */
const DENSITY_LETTERS: ReadonlySet<string> = new Set(['p', 'q', 'P', 'Q', 'r', 'pi', 'Pr']);

const RELS: Readonly<Record<string, Rel>> = {
  '=': '=', '<=': '<=', '>=': '>=', '<': '<', '>': '>', ':=': ':=', '<-': 'def=', propto: '\\propto', '~=': '\\approx',
};

/** A formula line read as a statement, or the reason it could not be. */
export interface ReadLine {
  readonly stmt: Stmt;
  /** The note's TeX of the line. */
  readonly tex: string;
  /** True when some part was not understood (then the line cannot be evaluated). */
  readonly partial: boolean;
}

function isRaw(e: Expr): boolean {
  if (e.t === 'raw') return true;
  switch (e.t) {
    case 'add': return e.terms.some(isRaw);
    case 'mul': return e.fs.some(isRaw);
    case 'neg': case 'fn': case 'paren': case 'sg': return isRaw(e.a);
    case 'div': case 'pow': case 'kl': case 'jsd': return isRaw(e.a) || isRaw(e.b);
    case 'E': return isRaw(e.measure) || isRaw(e.body);
    case 'sum': case 'prod': case 'int': case 'grad': case 'max': case 'min': case 'argmax': case 'argmin': return isRaw(e.body);
    case 'dens': return [...e.main, ...e.cond].some(isRaw);
    case 'call': return e.args.some(isRaw);
    case 'H': return isRaw(e.a) || (e.b !== undefined && isRaw(e.b));
    case 'at': return isRaw(e.body) || isRaw(e.value);
    default: return false;
  }
}

/** True when the expression has a part the reader did not understand. */
export function hasRaw(e: Expr): boolean {
  return isRaw(e);
}

/** A node's TeX as a name: a starred name is written `D^{*}`, not with the product dot. */
function nameTex(n: MathNode): string {
  return nodeTex(n).replace(/\^\{?\\cdot ?\}?/g, '^{*}');
}

/** The name of a symbol node with its subscript, accent and primes (not its power). */
function symbolName(n: MathNode): string {
  return nameTex({ ...n, sup: undefined });
}

/** True for a superscript that is part of a name (`x^{(i)}`, `p^*`, `D^*`, `\theta^{\prime}`), not a power. */
function nameSup(sup: readonly MathNode[] | undefined): boolean {
  if (!sup || sup.length === 0) return false;
  if (sup.length === 1 && sup[0].type === 'group' && sup[0].name === '(') return true;
  return sup.every((s) => (s.type === 'id' && (s.name === '*' || s.name === 'star' || s.name === 'prime')) || (s.type === 'bin' && s.name === '*'));
}

/** Letters that index a sequence (`x_t`, `z_k`, `x_{t-1}`); other subscripts are part of a name (`\mu_p`). */
const INDEX_LETTERS: ReadonlySet<string> = new Set(['i', 'j', 'k', 'l', 'm', 'n', 's', 't', 'T', 'K', 'N']);

/** True for a subscript that is an index: numbers, index letters, and sums or differences of them. */
function isIndex(sub: readonly MathNode[] | undefined): boolean {
  if (!sub || sub.length === 0) return false;
  return sub.every((n) => (n.type === 'num' && /^\d+$/.test(n.name)) || (n.type === 'id' && INDEX_LETTERS.has(n.name) && !n.sub && !n.sup && !n.font)
    || (n.type === 'bin' && (n.name === '+' || n.name === '-')));
}

function splitTop(seq: readonly MathNode[], sep: (n: MathNode) => boolean): MathNode[][] {
  const parts: MathNode[][] = [[]];
  for (const n of seq) {
    if (sep(n)) parts.push([]);
    else parts[parts.length - 1].push(n);
  }
  return parts;
}

/** The variable and measure of an expectation's subscript: `z \sim q(z|x)`, `q_\phi(z|x)`, `x \sim p_{data}`. */
function measureOf(sub: readonly MathNode[]): { vars: MathNode[][]; measure: MathNode[] } {
  const k = sub.findIndex((n) => n.type === 'rel' && n.name === 'sim');
  if (k < 0) return { vars: [], measure: [...sub] };
  return { vars: splitTop(sub.slice(0, k), (n) => n.type === 'punct' && n.name === ','), measure: sub.slice(k + 1) };
}

/**
 * `\sum_i x_i \log\theta + (1 - x_i) \log(1 - \theta)`: notes often leave out the brackets of a
 * sum whose later terms still use its index. Those terms belong to the sum (read literally they
 * would have an unbound index), so they are moved inside it.
 */
/**
 * `\| a - b \|^2` written without `\left`/`\right` reaches the reader as two double bars with
 * the content between them; they become one norm group, as `\left\| ... \right\|` would.
 */
function groupNorms(seq: readonly MathNode[]): MathNode[] {
  const out: MathNode[] = [];
  for (let i = 0; i < seq.length; i++) {
    const n = seq[i];
    if (n.type === 'par') {
      const close = seq.findIndex((m, k) => k > i && m.type === 'par');
      if (close > i) {
        const end = seq[close];
        out.push({ type: 'group', name: '||', children: seq.slice(i + 1, close), close: '||', sup: end.sup, sub: end.sub } as MathNode);
        i = close;
        continue;
      }
    }
    out.push(n);
  }
  return out;
}

function absorbIntoSums(terms: Expr[]): Expr[] {
  const out: Expr[] = [];
  for (let k = 0; k < terms.length; k++) {
    const t = terms[k];
    const s = t.t === 'neg' ? t.a : t;
    if ((s.t === 'sum' || s.t === 'prod') && s.lo !== undefined) {
      const index = s.v;
      const usesIndex = (e: Expr): boolean => [...nodes(e)].some((x) => x.t === 'idx' && x.index.t === 'sym' && x.index.name === index);
      const extra: Expr[] = [];
      while (k + 1 < terms.length && usesIndex(terms[k + 1]) && t.t !== 'neg') extra.push(terms[++k]);
      if (extra.length > 0) {
        out.push({ ...s, body: add(s.body, ...extra) });
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

class Reader {
  /** One expression: a sum of terms. */
  expr(input: readonly MathNode[]): Expr {
    const seq = groupNorms(input);
    // `\min_G \max_D V` and `\arg\max_\theta \sum ...` take everything after them.
    const head = seq[0];
    if (head && head.type === 'op' && ['max', 'min', 'argmax', 'argmin'].includes(head.name) && head.sub) {
      const v = tex(head.sub);
      const t = head.name as 'max' | 'min' | 'argmax' | 'argmin';
      return { t, v, lo: NaN, hi: NaN, body: this.expr(seq.slice(1)), show: v };
    }
    const terms: Expr[] = [];
    let cur: MathNode[] = [];
    let sign = 1;
    const flush = (): void => {
      if (cur.length === 0) return;
      const t = this.term(cur);
      terms.push(sign < 0 ? neg(t) : t);
      cur = [];
    };
    seq.forEach((n, k) => {
      const prev = seq[k - 1];
      const afterOperator = prev !== undefined && (prev.type === 'bin' || prev.type === 'rel');
      if (n.type === 'bin' && (n.name === '+' || n.name === '-') && !afterOperator) {
        flush();
        sign = n.name === '-' ? -1 : 1;
        return;
      }
      cur.push(n);
    });
    flush();
    if (terms.length === 0) return { t: 'raw', tex: tex([...seq]) };
    const merged = absorbIntoSums(terms);
    return merged.length === 1 ? merged[0] : add(...merged);
  }

  /** A product of factors, with `/` and binders that take the rest of the term. */
  term(seq: readonly MathNode[]): Expr {
    const factors: Expr[] = [];
    let i = 0;
    let divideNext = false;
    const push = (e: Expr): void => {
      if (divideNext && factors.length > 0) {
        const a = factors.pop() as Expr;
        factors.push(div(a, e));
      } else factors.push(e);
      divideNext = false;
    };
    while (i < seq.length) {
      const n = seq[i];
      if (n.type === 'bin' && (n.name === '*')) { i++; continue; }
      if (n.type === 'bin' && n.name === '/') { divideNext = true; i++; continue; }
      if (n.type === 'bin' && n.name === '-') {
        // A sign inside a product (`a \cdot -b`): the rest of the term is negated.
        push(neg(this.term(seq.slice(i + 1))));
        break;
      }
      const r = this.factor(seq, i);
      push(r.e);
      i = r.next;
    }
    if (factors.length === 0) return { t: 'raw', tex: tex([...seq]) };
    return factors.length === 1 ? factors[0] : mul(...factors);
  }

  #withSup(e: Expr, n: MathNode): Expr {
    if (!n.sup || nameSup(n.sup)) return e;
    if (n.sup.length === 1 && n.sup[0].type === 'id' && n.sup[0].name === 'top') return { t: 'raw', tex: nodeTex(n) };
    return pow(e, this.expr(n.sup));
  }

  /** A distribution written as an argument of a divergence: `q_\phi(z|x)`, `P`, `\mathcal{N}(0, 1)`, `p_{data}`. */
  dist(seq: readonly MathNode[]): Expr {
    if (seq.length === 1 && seq[0].type === 'id') return dens(symbolName(seq[0]));
    if (seq.length === 2 && seq[0].type === 'id' && seq[1].type === 'group' && seq[1].name === '(') {
      return this.application(seq[0], seq[1]);
    }
    return this.expr(seq);
  }

  /** `head(args)`: a density, a Gaussian, an entropy, a divergence or a function call. */
  application(head: MathNode, group: MathNode): Expr {
    const children = group.children ?? [];
    const comma = (n: MathNode): boolean => n.type === 'punct' && (n.name === ',' || n.name === ';');
    if (head.type === 'id' && head.name === 'N' && head.font === 'cal') {
      const semi = children.findIndex((n) => n.type === 'punct' && n.name === ';');
      const parts = splitTop(children, comma).map((p) => this.expr(p));
      if (semi >= 0 && parts.length === 3) return normalAt(parts[0], parts[1], parts[2]);
      if (parts.length === 2) return normal(parts[0], parts[1]);
      return { t: 'raw', tex: nodeTex(head) + nodeTex(group) };
    }
    const parts = splitTop(children, (n) => n.type === 'par');
    if (parts.length === 2 && (head.name === 'KL' || (head.name === 'D' && (head.sub ?? []).some((s) => s.name === 'KL' || s.name === 'mathrm')))) {
      return kl(this.dist(parts[0]), this.dist(parts[1]));
    }
    if (parts.length === 2 && (head.name === 'JS' || head.name === 'JSD' || (head.name === 'D' && (head.sub ?? []).some((s) => s.name === 'JS')))) {
      return jsd(this.dist(parts[0]), this.dist(parts[1]));
    }
    // `JSD(p, q)` and `KL(p, q)` written with a comma.
    const pair = splitTop(children, comma);
    if (parts.length === 1 && pair.length === 2 && (head.name === 'JS' || head.name === 'JSD' || head.name === 'KL')) {
      return head.name === 'KL' ? kl(this.dist(pair[0]), this.dist(pair[1])) : jsd(this.dist(pair[0]), this.dist(pair[1]));
    }
    if (head.type === 'id' && head.name === 'H' && !head.font) {
      const args = splitTop(children, comma);
      if (args.length === 1) return H(this.dist(args[0]));
      if (args.length === 2) return H(this.dist(args[0]), this.dist(args[1]));
    }
    if (head.type === 'id' && DENSITY_LETTERS.has(head.name) && !head.font) {
      const bar = children.findIndex((n) => n.type === 'bar');
      const before = bar < 0 ? children : children.slice(0, bar);
      const after = bar < 0 ? [] : children.slice(bar + 1);
      // `p(x; \theta)`: what follows a semicolon parameterizes the density, like a condition.
      const [mainPart, ...params] = splitTop(before, (n) => n.type === 'punct' && n.name === ';');
      const split = (s: readonly MathNode[]): Expr[] => splitTop(s, comma).filter((p) => p.length > 0).map((p) => this.expr(p));
      const headName = nameTex({ ...head, sup: nameSup(head.sup) ? head.sup : undefined });
      return dens(headName, split(mainPart), [...split(after), ...params.flatMap(split)]);
    }
    const args = splitTop(children, comma).filter((p) => p.length > 0).map((p) => this.expr(p));
    if (head.type === 'id' && head.name === 'sigma' && !head.sub && args.length === 1) return fn('sigmoid', args[0]);
    // `f'(x)`: the derivative of f, evaluated at x.
    if (head.type === 'id' && head.prime === 1 && args.length === 1) {
      const u = sym('#arg');
      return { t: 'at', body: grad(u, call(nameTex({ ...head, prime: undefined, sup: undefined }), u)), v: u, value: args[0] };
    }
    return call(nameTex({ ...head, sup: nameSup(head.sup) ? head.sup : undefined }), ...args);
  }

  /** The factor starting at `seq[i]` and the index after it. */
  factor(seq: readonly MathNode[], i: number): { e: Expr; next: number } {
    const n = seq[i];
    const next = seq[i + 1];
    switch (n.type) {
      case 'num': return { e: this.#withSup(num(Number(n.name)), n), next: i + 1 };
      case 'frac': {
        const [a, b] = n.args ?? [[], []];
        // `\frac{\partial}{\partial \theta}` is a derivative of what follows.
        if (a.length === 1 && a[0].type === 'op' && a[0].name === 'partial' && b.length === 2 && b[0].type === 'op' && b[0].name === 'partial') {
          const body = this.term(seq.slice(i + 1));
          return { e: { t: 'grad', wrt: sym(symbolName(b[1])), body, partial: true }, next: seq.length };
        }
        return { e: this.#withSup(div(this.expr(a), this.expr(b)), n), next: i + 1 };
      }
      case 'sqrt': return { e: this.#withSup(sqrt(this.expr(n.args?.[0] ?? [])), n), next: i + 1 };
      case 'group': {
        const inner = this.expr(n.children ?? []);
        if (n.name === '||') return { e: n.sup && n.sup.length === 1 && n.sup[0].name === '2' ? fn('norm2', inner) : this.#withSup(sqrt(fn('norm2', inner)), n), next: i + 1 };
        if (n.name === '|') return { e: this.#withSup(fn('abs', inner), n), next: i + 1 };
        return { e: this.#withSup({ t: 'paren', a: inner }, n), next: i + 1 };
      }
      case 'op': return this.#operator(seq, i);
      case 'id': {
        if (n.name === 'E' && (n.font === 'bb' || n.sub || (next && next.type === 'group' && next.name === '['))) {
          const m = measureOf(n.sub ?? []);
          let bodyNodes: MathNode[];
          let after: number;
          if (next && next.type === 'group' && (next.name === '[' || next.name === '(' || next.name === '{')) {
            bodyNodes = next.children ?? [];
            after = i + 2;
          } else {
            bodyNodes = seq.slice(i + 1);
            after = seq.length;
          }
          const body = this.expr(bodyNodes);
          // `\mathbb{E}_{t, x_0, \epsilon}[...]`: over the variables listed, under a law not written.
          if (m.vars.length === 0 && m.measure.some((x) => x.type === 'punct' && x.name === ',')) {
            const vars = splitTop(m.measure, (x) => x.type === 'punct' && x.name === ',').map((v) => this.expr(v));
            return { e: { t: 'E', vars, measure: { t: 'raw', tex: '' }, body, showVars: false, show: tex(m.measure) }, next: after };
          }
          // `\mathbb{E}[...]` with nothing under it: what is averaged is known, over what is not.
          if (m.measure.length === 0) return { e: { t: 'E', vars: [], measure: { t: 'raw', tex: '' }, body, showVars: false, show: '' }, next: after };
          // `\mathbb{E}_x[...]`: a variable, not a distribution, under the E.
          const only = m.vars.length === 0 && m.measure.length === 1 ? m.measure[0] : undefined;
          if (only && only.type === 'id' && !DENSITY_LETTERS.has(only.name) && /^[a-z]$|^(?:epsilon|theta)$/.test(only.name)) {
            return { e: { t: 'E', vars: [this.expr([only])], measure: { t: 'raw', tex: '' }, body, showVars: false, show: nodeTex(only) }, next: after };
          }
          const measure = this.dist(m.measure);
          const vars = m.vars.map((v) => this.expr(v));
          return { e: this.#withSup(E(measure, body, vars.length > 0 ? vars : undefined), n), next: after };
        }
        if (n.name === 'D' && n.sub && n.sub.some((s) => s.name === 'KL' || s.name === 'JS') && next?.type === 'group') {
          return { e: this.application(n, next), next: i + 2 };
        }
        // `\theta^k(1-\theta)^{n-k}` is a power times a group, not an application of θ^k.
        const powered = n.sup !== undefined && !nameSup(n.sup);
        if (next && next.type === 'group' && next.name === '(' && n.name !== '' && !powered) {
          return { e: this.#withSup(this.application(n, next), n), next: i + 2 };
        }
        if (n.name === 'd' && !n.sub && next && next.type === 'id') return { e: { t: 'raw', tex: 'd' }, next: i + 1 };
        const colon = (n.sub ?? []).findIndex((m) => m.type === 'punct' && m.name === ':');
        if (colon > 0 && !n.sup && isIndex((n.sub ?? []).slice(0, colon)) && isIndex((n.sub ?? []).slice(colon + 1))) {
          const sub = n.sub ?? [];
          return { e: range(nodeTex({ ...n, sub: undefined }), this.expr(sub.slice(0, colon)), this.expr(sub.slice(colon + 1))), next: i + 1 };
        }
        if (isIndex(n.sub) && !nameSup(n.sup)) {
          return { e: this.#withSup(idx(nodeTex({ ...n, sub: undefined, sup: undefined }), this.expr(n.sub ?? [])), n), next: i + 1 };
        }
        return { e: this.#withSup(sym(nameTex({ ...n, sup: nameSup(n.sup) ? n.sup : undefined })), n), next: i + 1 };
      }
      case 'text': return { e: { t: 'raw', tex: nodeTex(n) }, next: i + 1 };
      default: return { e: { t: 'raw', tex: nodeTex(n) }, next: i + 1 };
    }
  }

  #operator(seq: readonly MathNode[], i: number): { e: Expr; next: number } {
    const n = seq[i];
    const next = seq[i + 1];
    switch (n.name) {
      case 'log': case 'exp': {
        if (next && next.type === 'group' && (next.name === '(' || next.name === '[' || next.name === '{')) {
          return { e: this.#withSup(fn(n.name, this.expr(next.children ?? [])), next), next: i + 2 };
        }
        if (next && next.type === 'op' && (next.name === 'sum' || next.name === 'int' || next.name === 'prod')) {
          return { e: fn(n.name, this.term(seq.slice(i + 1))), next: seq.length };
        }
        if (!next) return { e: { t: 'raw', tex: nodeTex(n) }, next: i + 1 };
        const r = this.factor(seq, i + 1);
        return { e: fn(n.name, r.e), next: r.next };
      }
      case 'sum': case 'prod': {
        const sub = n.sub ?? [];
        const eq = sub.findIndex((s) => s.type === 'rel' && (s.name === '=' || s.name === '>' || s.name === '>='));
        const v = eq > 0 ? tex(sub.slice(0, eq)) : tex(sub);
        const body = this.term(seq.slice(i + 1));
        // `\sum_{t>1}` with no upper bound runs to the number of steps T, as diffusion bounds write it.
        if (eq > 0 && (n.sup || sub[eq].name !== '=')) {
          const from = this.expr(sub.slice(eq + 1));
          const lo = sub[eq].name === '>' ? add(from, num(1)) : from;
          const hi = n.sup ? this.expr(n.sup) : sym('T');
          const s = sum(v, body, lo, hi);
          return { e: n.name === 'prod' ? { ...(s as Extract<Expr, { t: 'sum' | 'prod' }>), t: 'prod' } : s, next: seq.length };
        }
        if (/^[a-z]$/.test(v)) {
          const s = sum(v, body);
          return { e: n.name === 'prod' ? { ...(s as Extract<Expr, { t: 'sum' | 'prod' }>), t: 'prod' } : s, next: seq.length };
        }
        return { e: { t: 'raw', tex: tex(seq.slice(i)) }, next: seq.length };
      }
      case 'int': {
        // The body runs to a differential `d z` / `\mathrm{d} z`.
        let k = i + 1;
        while (k < seq.length && !(seq[k].type === 'id' && seq[k].name === 'd' && !seq[k].sub && seq[k + 1]?.type === 'id')) k++;
        if (k >= seq.length || n.sub || n.sup) return { e: { t: 'raw', tex: tex(seq.slice(i)) }, next: seq.length };
        const v = sym(symbolName(seq[k + 1]));
        return { e: integral([v], this.term(seq.slice(i + 1, k))), next: k + 2 };
      }
      case 'nabla': {
        const wrt = n.sub && n.sub.length > 0 ? sym(tex(n.sub)) : undefined;
        if (!next) return { e: { t: 'raw', tex: nodeTex(n) }, next: i + 1 };
        const r = this.factor(seq, i + 1);
        if (wrt && wrt.t === 'sym') {
          // `\nabla_x \log p(x_{t-1})`: the gradient in x, evaluated at x_{t-1}.
          const point = mentions(r.e, wrt.name) ? undefined : [...nodes(r.e)].find((u) => u.t === 'idx' && u.base === wrt.name);
          if (point) return { e: at(grad(wrt, substitute(r.e, point, wrt)), wrt, point), next: r.next };
        }
        if (wrt) return { e: grad(wrt, r.e), next: r.next };
        // `\nabla L(\theta_t)`: the gradient of L at the point written.
        if (r.e.t === 'call' && r.e.args.length === 1) {
          const u = sym('#arg');
          return { e: { t: 'at', body: grad(u, call(r.e.head, u)), v: u, value: r.e.args[0] }, next: r.next };
        }
        return { e: { t: 'raw', tex: tex(seq.slice(i, r.next)) }, next: r.next };
      }
      case 'KL': case 'JS': {
        if (next?.type === 'group') return { e: this.application(n, next), next: i + 2 };
        break;
      }
      case 'max': case 'min': case 'argmax': case 'argmin': {
        const v = n.sub ? tex(n.sub) : '';
        const body = this.term(seq.slice(i + 1));
        const t = n.name as 'max' | 'min' | 'argmax' | 'argmin';
        return { e: { t, v, lo: NaN, hi: NaN, body, show: v }, next: seq.length };
      }
      default: break;
    }
    return { e: { t: 'raw', tex: nodeTex(n) }, next: i + 1 };
  }
}

/** Reads one sequence (a side of a relation) as an expression. */
export function readExpr(seq: readonly MathNode[]): Expr {
  try {
    return new Reader().expr(seq);
  } catch {
    return { t: 'raw', tex: tex([...seq]) };
  }
}

/** Reads a formula line into a statement: its sides around top-level relations. */
export function readLine(line: readonly MathNode[]): ReadLine {
  const parts: MathNode[][] = [[]];
  const rels: Rel[] = [];
  for (const n of line) {
    const rel = n.type === 'rel' ? RELS[n.name] : undefined;
    if (rel) {
      rels.push(rel);
      parts.push([]);
    } else if (!(n.type === 'punct' && (n.name === ',' || n.name === '.') && n === line[line.length - 1])) parts[parts.length - 1].push(n);
  }
  // A line that starts with a relation (`&= ...`) continues the previous one: its first side is empty.
  const exprs = parts.map((p) => (p.length === 0 ? ({ t: 'raw', tex: '' } as Expr) : readExpr(p)));
  const stmt: Stmt = { parts: exprs, rels };
  return { stmt, tex: tex([...line]), partial: exprs.some(isRaw) };
}
