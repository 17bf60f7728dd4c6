/**
 * Evaluates the expression tree in a toy instance: densities from the world's joint models,
 * expectations by exact quadrature or exact sums, integrals on a fine grid, gradients by central
 * differences, arg max by golden-section search. Every evaluation is bounded by a work budget.
 */
import { sym } from '../expr/build';
import type { Expr } from '../expr/types';
import { exprKey, nodes, varName } from '../expr/walk';
import { GaussianJoint, Unevaluable, gaussianLog, type At, type Model, type Value } from './models';
import { gaussHermite } from './quadrature';
import type { Getter, World } from './world';

export { Unevaluable } from './models';

/** A definition a step made (`\mathrm{ELBO} := ...`, `\theta_{t+1} := ...`, `D^*(x) := ...`). */
export interface Definition {
  readonly lhs: Expr;
  readonly rhs: Expr;
}

/** Values bound by binders and gradients, innermost first. */
class Scope {
  readonly #vals = new Map<string, Value>();
  /**
   * Models built in this scope, by density letter. Models read parameters only, never the
   * variables binders bind, so a scope shares its parent's cache unless a gradient perturbs a
   * parameter (then `fresh`).
   */
  readonly models: Map<string, Model>;
  constructor(readonly parent?: Scope, readonly frozen?: Scope, fresh = false) {
    this.models = fresh || !parent ? new Map() : parent.models;
  }

  get(key: string): Value | undefined {
    const v = this.#vals.get(key);
    return v !== undefined ? v : this.parent?.get(key);
  }

  with(bindings: readonly (readonly [string, Value])[], frozen?: Scope): Scope {
    const s = new Scope(this, frozen ?? this.frozen, frozen !== undefined);
    for (const [k, v] of bindings) s.#vals.set(k, v);
    return s;
  }
}

/**
 * Grid of the integrals over a real line. The trapezoid rule is spectrally accurate for smooth
 * integrands that decay: with spacing 0.08 its error on a Gaussian of standard deviation 0.1
 * or more is below 1e-13, and the toy instances keep their variances well above that.
 */
const GRID_HALF_WIDTH = 16;
const GRID_POINTS = 401;
/** Units of work one claim may use. */
const BUDGET = 4_000_000;

function n(v: Value, what = 'a value'): number {
  if (typeof v !== 'number') throw new Unevaluable(`${what} is a vector where a number is needed`);
  return v;
}

function map1(a: Value, f: (x: number) => number): Value {
  return typeof a === 'number' ? f(a) : a.map(f);
}

function map2(a: Value, b: Value, f: (x: number, y: number) => number): Value {
  if (typeof a === 'number' && typeof b === 'number') return f(a, b);
  const la = typeof a === 'number' ? -1 : a.length;
  const lb = typeof b === 'number' ? -1 : b.length;
  if (la >= 0 && lb >= 0 && la !== lb) throw new Unevaluable('vectors of different sizes');
  const len = Math.max(la, lb);
  return Array.from({ length: len }, (_, i) => f(typeof a === 'number' ? a : a[i], typeof b === 'number' ? b : b[i]));
}

/** Evaluates expressions in one world, with the definitions earlier steps made. */
export class Numeric {
  #work = 0;
  constructor(readonly world: World, readonly defs: readonly Definition[] = []) {}

  /** The value of `e`; throws Unevaluable when the world cannot give one. */
  value(e: Expr): Value {
    this.#work = 0;
    return this.#eval(e, new Scope());
  }

  #tick(k = 1): void {
    this.#work += k;
    if (this.#work > BUDGET) throw new Unevaluable('the check needs too much computation');
  }

  #getter(scope: Scope): Getter {
    return (name) => {
      const m = /^(.*)_\{(-?\d+)\}$/.exec(name);
      return m ? this.#symbol(name, m[1], Number(m[2]), scope) : this.#symbol(name, name, undefined, scope);
    };
  }

  /**
   * A symbol's value: bound by a binder, fixed by the world, given by a definition, or drawn by
   * the world, in that order. A recurrence (`v_{t+1} := μ v_t - ...`) is solved for the index
   * asked for, so `v_{t+3}` unrolls down to the values the world fixes.
   */
  #symbol(key: string, base: string, index: number | undefined, scope: Scope): Value {
    const bound = scope.get(key);
    if (bound !== undefined) return bound;
    const exact = this.world.exact(key, base, index, this.#getter(scope));
    if (exact !== undefined) return exact;
    for (const d of this.defs) {
      if (d.lhs.t === 'sym' && index === undefined && d.lhs.name === key) return this.#eval(d.rhs, scope);
      if (d.lhs.t === 'idx' && index !== undefined && d.lhs.base === base) {
        // An indexed definition holds for every value of its index letter, so it is solved for the
        // index asked (a recurrence unrolls this way). It does not apply where it would define a
        // value by itself (`x_t := f(x_0)` asked for x_0).
        const solved = this.#solveIndex(d.lhs.index, index, scope);
        if (solved && this.#selfReferent(d.rhs, base, index, solved)) continue;
        if (solved) {
          if (++this.#depth > 64) throw new Unevaluable('a recurrence too deep to unroll');
          try {
            return this.#eval(d.rhs, solved);
          } finally {
            this.#depth--;
          }
        }
      }
    }
    // The constants: π and e are never a toy instance's random symbols.
    if (key === '\\pi') return Math.PI;
    if (key === 'e' && index === undefined) return Math.E;
    const v = this.world.value(key, base);
    if (v !== undefined) return v;
    throw new Unevaluable(`the toy instance has no value for ${key}`);
  }

  #depth = 0;

  /** True when `rhs`, in `scope`, uses `base` at `index` itself. */
  #selfReferent(rhs: Expr, base: string, index: number, scope: Scope): boolean {
    for (const x of nodes(rhs)) {
      if (x.t !== 'idx' || x.base !== base) continue;
      try {
        if (this.#eval(x.index, scope) === index) return true;
      } catch (err) {
        if (!(err instanceof Unevaluable)) throw err;
      }
    }
    return false;
  }

  /**
   * The scope in which a definition's left index equals `index`: for `t + c` it binds t to
   * index - c; for a constant index it is the current scope when they agree.
   */
  #solveIndex(lhsIndex: Expr, index: number, scope: Scope): Scope | undefined {
    const linear = (e: Expr): { v: string; c: number } | undefined => {
      if (e.t === 'sym') return { v: e.name, c: 0 };
      if (e.t === 'add' && e.terms.length === 2 && e.terms[0].t === 'sym') {
        const k = e.terms[1];
        if (k.t === 'num') return { v: e.terms[0].name, c: k.v };
        if (k.t === 'neg' && k.a.t === 'num') return { v: e.terms[0].name, c: -k.a.v };
      }
      return undefined;
    };
    const lin = linear(lhsIndex);
    if (lin) return scope.with([[lin.v, index - lin.c]]);
    try {
      return this.#eval(lhsIndex, scope) === index ? scope : undefined;
    } catch {
      return undefined;
    }
  }

  /** The keys of a variable expression: one, or several for a run `x_{1:T}`. */
  #keys(v: Expr, scope: Scope): string[] {
    if (v.t !== 'range') return [this.#key(v, scope)];
    const lo = n(this.#eval(v.lo, scope), 'a bound');
    const hi = n(this.#eval(v.hi, scope), 'a bound');
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi - lo > 8) throw new Unevaluable('a run of variables without small integer bounds');
    return Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => `${v.base}_{${lo + i}}`);
  }

  /** The key a variable expression is bound under: `z`, `x_{2}` for `x_{t-1}` at t = 3. */
  #key(v: Expr, scope: Scope): string {
    if (v.t === 'sym') return v.name;
    if (v.t === 'idx') return `${v.base}_{${this.#indexOf(v, scope)}}`;
    throw new Unevaluable(`${exprKey(v)} is not a variable`);
  }

  #indexOf(v: Extract<Expr, { t: 'idx' }>, scope: Scope): number {
    // A symbolic index such as `1:T` or `i` written as text cannot be evaluated.
    const i = n(this.#eval(v.index, scope), 'an index');
    if (!Number.isInteger(i)) throw new Unevaluable(`the index of ${v.base} is not an integer`);
    return i;
  }

  #model(head: string, scope: Scope): Model {
    const hit = scope.models.get(head);
    if (hit) return hit;
    const m = this.world.model(head, this.#getter(scope));
    if (!m) throw new Unevaluable(`the toy instance has no model for ${head}`);
    scope.models.set(head, m);
    return m;
  }

  /** The model, the variable keys and the values of a density's arguments. */
  #density(e: Extract<Expr, { t: 'dens' }>, scope: Scope): { model: Model; main: string[]; cond: string[]; at: At } {
    const model = this.#model(e.head, scope);
    const formalMain = e.as?.main ?? e.main;
    const formalCond = e.as?.cond ?? e.cond;
    const main = formalMain.length === 0 && e.cond.length === 0 ? [...model.vars] : formalMain.flatMap((v) => this.#keys(v, scope));
    const cond = formalCond.flatMap((v) => this.#keys(v, scope));
    // Arguments are evaluated only when asked for: an expectation's own variables have no value yet.
    // A run `x_{1:T}` stands for its variables, whose values are bound one by one.
    const local = new Map<string, Expr>();
    if (!formalMain.some((v) => v.t === 'range')) e.main.forEach((a, i) => { if (main[i] !== undefined) local.set(main[i], a); });
    if (!formalCond.some((v) => v.t === 'range')) e.cond.forEach((a, i) => local.set(cond[i], a));
    const at: At = (key) => {
      const arg = local.get(key);
      return arg !== undefined ? this.#eval(arg, scope) : this.#symbol(key, key.replace(/_\{.*$/, ''), undefined, scope);
    };
    return { model, main, cond, at };
  }

  /** log of `e`, computed in logs where `e` is a density, so tiny densities keep their precision. */
  #log(e: Expr, scope: Scope): Value {
    this.#tick();
    switch (e.t) {
      case 'dens': {
        const d = this.#density(e, scope);
        return d.model.logDensity(d.main, d.cond, d.at);
      }
      case 'normal':
        if (e.at) return gaussianLog(this.#eval(e.at, scope), this.#eval(e.mean, scope), n(this.#eval(e.var, scope), 'a variance'));
        break;
      case 'div': return map2(this.#log(e.a, scope), this.#log(e.b, scope), (x, y) => x - y);
      case 'mul': return e.fs.map((f) => this.#log(f, scope)).reduce((s, v) => map2(s, v, (x, y) => x + y));
      case 'pow': return map2(this.#eval(e.b, scope), this.#log(e.a, scope), (x, y) => x * y);
      case 'fn': if (e.f === 'exp') return this.#eval(e.a, scope); break;
      case 'paren': return this.#log(e.a, scope);
      default: break;
    }
    return map1(this.#eval(e, scope), (x) => {
      if (!(x > 0)) throw new Unevaluable('the logarithm of a non-positive number');
      return Math.log(x);
    });
  }

  /** Expectation of `f` at the nodes of a measure; the measure's variables (and `alias` keys) are bound at each node. */
  #expect(measure: Expr, alias: readonly Expr[], scope: Scope, f: (s: Scope) => Value): Value {
    let keys: string[];
    let nodes: { points: readonly (readonly Value[])[]; weights: readonly number[] };
    if (measure.t === 'dens') {
      const d = this.#density(measure, scope);
      keys = d.main;
      nodes = d.model.nodes(d.main, d.cond, d.at);
    } else if (measure.t === 'normal' && !measure.at) {
      const m = n(this.#eval(measure.mean, scope), 'a mean');
      const v = n(this.#eval(measure.var, scope), 'a variance');
      if (!(v > 0)) throw new Unevaluable('a Gaussian with a non-positive variance');
      const rule = gaussHermite(24);
      keys = [];
      nodes = { points: rule.x.map((x) => [m + Math.sqrt(v) * x]), weights: rule.w };
    } else throw new Unevaluable('an expectation under something that is not a distribution');
    const aliasKeys = alias.flatMap((v) => this.#keys(v, scope));
    let acc: Value = 0;
    nodes.points.forEach((p, i) => {
      this.#tick(4);
      const bindings: [string, Value][] = [];
      keys.forEach((k, j) => bindings.push([k, p[j]]));
      aliasKeys.forEach((k, j) => { if (p[j] !== undefined) bindings.push([k, p[j]]); });
      const v = f(scope.with(bindings));
      acc = map2(acc, v, (a, b) => a + nodes.weights[i] * b);
    });
    return acc;
  }

  #eval(e: Expr, scope: Scope): Value {
    this.#tick();
    switch (e.t) {
      case 'num': return e.v;
      case 'sym': return this.#symbol(e.name, e.name, undefined, scope);
      case 'idx': {
        const i = this.#indexOf(e, scope);
        return this.#symbol(`${e.base}_{${i}}`, e.base, i, scope);
      }
      case 'add': return e.terms.map((t) => this.#eval(t, scope)).reduce((s, v) => map2(s, v, (x, y) => x + y));
      case 'neg': return map1(this.#eval(e.a, scope), (x) => -x);
      case 'mul': return e.fs.map((t) => this.#eval(t, scope)).reduce((s, v) => map2(s, v, (x, y) => x * y));
      case 'div': return map2(this.#eval(e.a, scope), this.#eval(e.b, scope), (x, y) => {
        if (y === 0) throw new Unevaluable('a division by zero');
        return x / y;
      });
      case 'pow': return map2(this.#eval(e.a, scope), this.#eval(e.b, scope), (x, y) => x ** y);
      case 'paren': return this.#eval(e.a, scope);
      case 'fn': {
        if (e.f === 'log') return this.#log(e.a, scope);
        const a = this.#eval(e.a, scope);
        switch (e.f) {
          case 'exp': return map1(a, Math.exp);
          case 'sqrt': return map1(a, (x) => {
            if (x < 0) throw new Unevaluable('the square root of a negative number');
            return Math.sqrt(x);
          });
          case 'abs': return map1(a, Math.abs);
          case 'tanh': return map1(a, Math.tanh);
          case 'sigmoid': return map1(a, (x) => 1 / (1 + Math.exp(-x)));
          case 'norm2': return typeof a === 'number' ? a * a : a.reduce((s, x) => s + x * x, 0);
        }
        break;
      }
      case 'dens': return map1(this.#log(e, scope), Math.exp);
      case 'normal':
        if (!e.at) throw new Unevaluable('a distribution is not a number');
        return Math.exp(n(this.#log(e, scope)));
      case 'call': return this.#call(e, scope);
      case 'E': return this.#expect(e.measure, e.vars, scope, (s) => this.#eval(e.body, s));
      case 'kl': return this.#divergence(e.a, e.b, scope, 'kl');
      case 'H': return e.b ? this.#divergence(e.a, e.b, scope, 'ce') : this.#divergence(e.a, e.a, scope, 'ce');
      case 'jsd': {
        const mixture = (s: Scope): number => 0.5 * (Math.exp(n(this.#log(e.a, s))) + Math.exp(n(this.#log(e.b, s))));
        const half = (x: Expr): number => n(this.#expect(x, [], scope, (s) => n(this.#log(x, s)) - Math.log(mixture(s))));
        return 0.5 * half(e.a) + 0.5 * half(e.b);
      }
      case 'int': return this.#integral(e.vars, e.body, scope);
      case 'sum': case 'prod': return this.#sum(e, scope);
      case 'grad': return this.#gradient(e, scope);
      case 'argmax': case 'argmin': case 'max': case 'min': return this.#optimum(e, scope);
      case 'sg': return this.#eval(e.a, scope.frozen ?? scope);
      case 'at': {
        const key = this.#key(e.v, scope);
        return this.#eval(e.body, scope.with([[key, this.#eval(e.value, scope)]]));
      }
      case 'range': throw new Unevaluable('a run of variables is not a number');
      case 'text': throw new Unevaluable('words have no value');
      case 'raw': throw new Unevaluable('a part of the formula GenMath does not read');
    }
    throw new Unevaluable('an expression the checker cannot evaluate');
  }

  #divergence(a: Expr, b: Expr, scope: Scope, kind: 'kl' | 'ce'): Value {
    const isNormal = (d: Expr): d is Extract<Expr, { t: 'normal' }> => d.t === 'normal' && !d.at;
    if (isNormal(a) && (isNormal(b) || b.t === 'dens')) {
      // Gaussians written as N(μ, σ²): integrate over a fresh variable.
      const u = sym('#u');
      const logAt = (d: Expr, s: Scope): number => n(isNormal(d) ? this.#log({ ...d, at: u }, s) : this.#log(d.t === 'dens' && d.main.length === 0 ? { ...d, main: [u] } : d, s));
      return this.#expect(a, [u], scope, (s) => (kind === 'kl' ? logAt(a, s) : 0) - logAt(b, s));
    }
    if (a.t !== 'dens' || b.t !== 'dens') throw new Unevaluable('a divergence between things that are not densities');
    // Two one-dimensional Gaussian conditionals: the closed form, instead of quadrature inside
    // what is often already an expectation (the terms of a diffusion bound).
    const da = this.#density(a, scope);
    const db = this.#density(b, scope);
    if (da.model instanceof GaussianJoint && db.model instanceof GaussianJoint && da.main.length === 1 && db.main.length === 1) {
      const ca = da.model.conditional(da.main, da.cond, da.at);
      const cb = db.model.conditional(db.main, db.cond, db.at);
      const va = ca.cov[0][0];
      const vb = cb.cov[0][0];
      const d2 = (ca.mean[0] - cb.mean[0]) ** 2;
      const ce = 0.5 * Math.log(2 * Math.PI * vb) + (va + d2) / (2 * vb);
      return kind === 'ce' ? ce : ce - 0.5 * Math.log(2 * Math.PI * Math.E * va);
    }
    return this.#expect(a, [], scope, (s) => {
      const lb = n(this.#log(b, s));
      return kind === 'kl' ? n(this.#log(a, s)) - lb : -lb;
    });
  }

  #call(e: Extract<Expr, { t: 'call' }>, scope: Scope): Value {
    const args = e.args.map((a) => this.#eval(a, scope));
    for (const d of this.defs) {
      if (d.lhs.t === 'call' && d.lhs.head === e.head && d.lhs.args.length === args.length) {
        const bindings = d.lhs.args.map((p, i) => [varName(p), args[i]] as [string, Value]);
        return this.#eval(d.rhs, scope.with(bindings));
      }
    }
    if (e.head === '\\binom' && args.length === 2) return binomial(n(args[0]), n(args[1]));
    const v = this.world.call(e.head, args, this.#getter(scope));
    if (v === undefined) throw new Unevaluable(`the toy instance has no function ${e.head}`);
    return v;
  }

  #integral(vars: readonly Expr[], body: Expr, scope: Scope): Value {
    if (vars.length !== 1) throw new Unevaluable('only integrals over one variable are checked');
    const key = this.#key(vars[0], scope);
    const domain = this.world.domain(key);
    if (domain.kind === 'support') {
      return domain.values.map((x) => this.#eval(body, scope.with([[key, x]]))).reduce((s, v) => map2(s, v, (p, q) => p + q), 0);
    }
    const h = (2 * GRID_HALF_WIDTH) / (GRID_POINTS - 1);
    let acc = 0;
    for (let i = 0; i < GRID_POINTS; i++) {
      const x = -GRID_HALF_WIDTH + i * h;
      const w = i === 0 || i === GRID_POINTS - 1 ? h / 2 : h;
      acc += w * n(this.#eval(body, scope.with([[key, x]])), 'an integrand');
    }
    return acc;
  }

  #sum(e: Extract<Expr, { t: 'sum' | 'prod' }>, scope: Scope): Value {
    let values: readonly number[];
    if (e.lo !== undefined) {
      const lo = n(this.#eval(e.lo, scope), 'a bound');
      const hi = e.hi !== undefined ? n(this.#eval(e.hi, scope), 'a bound') : lo;
      if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi - lo > 10_000) throw new Unevaluable('a sum without small integer bounds');
      values = Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
    } else {
      const d = this.world.domain(e.v);
      if (d.kind !== 'support') throw new Unevaluable(`a sum over ${e.v}, which is not discrete here`);
      values = d.values;
    }
    let acc: Value = e.t === 'sum' ? 0 : 1;
    for (const v of values) {
      const term = this.#eval(e.body, scope.with([[e.v, v]]));
      acc = map2(acc, term, e.t === 'sum' ? (x, y) => x + y : (x, y) => x * y);
    }
    return acc;
  }

  #gradient(e: Extract<Expr, { t: 'grad' }>, scope: Scope): Value {
    const key = this.#key(e.wrt, scope);
    const base = e.wrt.t === 'idx' ? e.wrt.base : key;
    const x0 = this.#symbol(key, base, e.wrt.t === 'idx' ? this.#indexOf(e.wrt, scope) : undefined, scope);
    const d = (x: number, set: (v: number) => Value): number => {
      const h = 1e-5 * Math.max(1, Math.abs(x));
      const up = n(this.#eval(e.body, scope.with([[key, set(x + h)]], scope)), 'a differentiated value');
      const down = n(this.#eval(e.body, scope.with([[key, set(x - h)]], scope)), 'a differentiated value');
      return (up - down) / (2 * h);
    };
    if (typeof x0 === 'number') return d(x0, (v) => v);
    return x0.map((xi, i) => d(xi, (v) => x0.map((y, j) => (j === i ? v : y))));
  }

  #optimum(e: Extract<Expr, { t: 'argmax' | 'argmin' | 'max' | 'min' }>, scope: Scope): Value {
    if (!Number.isFinite(e.lo) || !Number.isFinite(e.hi)) throw new Unevaluable('an optimum over an unbounded range');
    const sign = e.t === 'argmax' || e.t === 'max' ? -1 : 1;
    const f = (x: number): number => sign * n(this.#eval(e.body, scope.with([[e.v, x]])), 'an objective');
    // Golden-section search: the objectives here are unimodal on their stated range.
    const g = (Math.sqrt(5) - 1) / 2;
    let a = e.lo;
    let b = e.hi;
    let c = b - g * (b - a);
    let d = a + g * (b - a);
    let fc = f(c);
    let fd = f(d);
    for (let i = 0; i < 200 && b - a > 1e-12 * Math.max(1, Math.abs(a) + Math.abs(b)); i++) {
      if (fc < fd) { b = d; d = c; fd = fc; c = b - g * (b - a); fc = f(c); }
      else { a = c; c = d; fc = fd; d = a + g * (b - a); fd = f(d); }
    }
    const x = (a + b) / 2;
    return e.t === 'argmax' || e.t === 'argmin' ? x : sign * f(x);
  }
}

/** The binomial coefficient, for integer arguments. */
function binomial(a: number, b: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b) || b < 0 || b > a) throw new Unevaluable('a binomial coefficient needs integers 0 <= k <= n');
  let r = 1;
  for (let i = 1; i <= Math.min(b, a - b); i++) r = (r * (a - i + 1)) / i;
  return r;
}
