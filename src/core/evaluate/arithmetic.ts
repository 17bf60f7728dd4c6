/**
 * Evaluates the reader's tree: numbers, functions, sums and products, distributions and the
 * divergences between them, and expectations (closed form for polynomials, exact sums over
 * discrete outcomes, Monte Carlo otherwise). Every call is bounded: sums are capped in term
 * count and the whole evaluation runs against a step budget and a wall-clock deadline.
 *
 * Numbers keep their value when a double cannot: arithmetic, powers, roots, logs and exponentials
 * carry values beyond a double's range as wide numbers (wide.ts), so `10^{-400}` is not 0 and
 * `\sqrt{10^{400}}` is 1e200. Where no wide form exists (a sine of 1e400, a distribution's
 * parameter, the final value), the first value that does not fit a double stops the evaluation
 * with a message that says so; a double result is never silently 0 or Infinity.
 */
import { Random } from '../train/random';
import { DomainError, bernoulli, categorical, describe, gaussian, gaussianPdf, probabilities, rawMoment, uniform, type Distribution } from './distributions';
import { crossEntropy, entropyOf, jsd, kl, type Computed } from './divergences';
import { ReadError, SymbolicError, type Node } from './reader';
import { monteCarlo } from './montecarlo';
import * as wide from './wide';
import { describeReal, isWide, toDouble, type Real, type Wide } from './wide';

/** A Monte Carlo estimate travelling through arithmetic, carrying its standard error. */
export interface Estimate { readonly kind: 'estimate'; readonly v: number; readonly se: number; readonly n: number }
/** A vector of numbers: `[0.2, 0.3, 0.5]`, read as a probability vector where a distribution is expected. */
export interface Vector { readonly kind: 'vector'; readonly items: readonly number[] }
/** What a sub-expression evaluates to. */
export type Value = number | Estimate | Vector | Distribution;
/** A scalar inside the evaluator: a number may be wide until it has to become a double. */
type Scalar = number | Wide | Estimate;

function isEstimate(x: unknown): x is Estimate {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'estimate';
}

/** Options the public API passes through. */
export interface EvalSettings {
  readonly seed: number;
  readonly samples: number;
  /** Date.now() after which the evaluation gives up. */
  readonly deadline: number;
  /** Date.now() after which sampling stops drawing (before the deadline, so the rest can finish). */
  readonly samplingDeadline: number;
  /** Values the note gives for its symbols (`where p = (0.5, 0.5)`): numbers or vectors. */
  readonly constants?: ReadonlyMap<string, number | readonly number[]>;
}

/** Work too large for an interactive answer (a sum of 10^12 terms). */
export class BudgetError extends Error {}

const MAX_TERMS = 1_000_000;
const MAX_STEPS = 20_000_000;
const MAX_POLY_DEGREE = 24;

/** Evaluates trees and remembers how: which closed forms, whether anything was sampled. */
export class Evaluator {
  /** One sentence per closed form, sum or estimate used, in order, without repeats. */
  readonly details: string[] = [];
  /** True once a closed form (a divergence, an entropy, a moment) was used. */
  closedForm = false;
  /** True once an expectation was estimated by sampling. */
  sampled = false;
  /** True once a value came from numerical integration. */
  numeric = false;
  #steps = 0;
  /** Above zero while a distribution's parameters are read, where `I` is the identity. */
  #identity = 0;
  /** Values of bound variables: a sum's index, an expectation's variable. */
  readonly #env = new Map<string, number>();
  /** The seeded generator every expectation in this evaluation draws from, in order. */
  readonly rng: Random;

  constructor(readonly settings: EvalSettings) {
    this.rng = new Random(settings.seed);
  }

  /** Counts one unit of work and stops when the budget or the deadline is exhausted. */
  tick(): void {
    if (++this.#steps > MAX_STEPS) throw new BudgetError('the formula needs too much computation to evaluate here');
    if ((this.#steps & 0x3fff) === 0 && Date.now() > this.settings.deadline) {
      throw new BudgetError('the formula takes too long to evaluate here');
    }
  }

  #note(c: Computed): number {
    if (c.method === 'closed form') this.closedForm = true;
    else this.numeric = true;
    if (!this.details.includes(c.detail)) this.details.push(c.detail);
    return c.value;
  }

  /**
   * The value of `node`, every number in it a double; throws ReadError, SymbolicError,
   * DomainError (a value that does not fit a double among them) or BudgetError.
   */
  value(node: Node): Value {
    const v = this.#value(node);
    return isWide(v) ? toDouble(v) : v;
  }

  /** True once a value left a double's range and came back: the result then shows 12 digits. */
  #widened = false;

  #value(node: Node): Value | Wide {
    const v = this.#valueOf(node);
    if (isWide(v)) this.#widened = true;
    return v;
  }

  #valueOf(node: Node): Value | Wide {
    this.tick();
    switch (node.k) {
      case 'num':
        // 1e-400 or 1e400 as written: a double would read 0 or Infinity, so carry it wide.
        if (node.text !== undefined) return wideLiteral(node.text);
        return node.v;
      case 'var': {
        const bound = this.#env.get(node.name);
        if (bound !== undefined) return bound;
        const given = this.settings.constants?.get(node.name);
        if (typeof given === 'number') return given;
        if (given !== undefined) return { kind: 'vector', items: given };
        // `p_i` with p given as a vector and i a bound index: its i-th entry (1-based).
        const entry = /^(.+)_(.+)$/.exec(node.name);
        if (entry) {
          const vec = this.settings.constants?.get(entry[1]);
          const i = this.#env.get(entry[2]) ?? (/^\d+$/.test(entry[2]) ? Number(entry[2]) : undefined);
          if (Array.isArray(vec) && i !== undefined) {
            if (!Number.isInteger(i) || i < 1 || i > vec.length) throw new DomainError(`${entry[1]} has ${vec.length} entries; there is no entry ${fmt(i)}`);
            return vec[i - 1];
          }
        }
        // `I` inside a Gaussian's parameters is the identity: 1 in one dimension.
        if (node.name === 'I' && this.#identity > 0) {
          this.#note({ value: 1, method: 'closed form', detail: 'I read as the identity, in one dimension' });
          return 1;
        }
        throw new SymbolicError(node.name);
      }
      case 'index': {
        const a = this.value(node.a);
        const i = toNumber(this.scalar(node.i), 'an index');
        if (typeof a === 'object' && a.kind === 'vector') {
          if (!Number.isInteger(i) || i < 1 || i > a.items.length) throw new DomainError(`the vector has ${a.items.length} entries; there is no entry ${fmt(i)}`);
          return a.items[i - 1];
        }
        throw new ReadError('only a vector has entries to pick');
      }
      case 'neg': {
        const a = this.#scalar(node.a);
        return isEstimate(a) ? lift1(a, (x) => -x, 'a negation') : wide.neg(a);
      }
      case 'bin': return this.#binary(node.op, node.a, node.b);
      case 'fact': return factorial(toNumber(this.#scalar(node.a), 'a factorial'));
      case 'fn':
        if (node.name === 'softmax') return this.#softmax(node);
        return this.#function(node);
      case 'big': return this.#big(node);
      case 'vec': return { kind: 'vector', items: node.items.map((n) => toNumber(this.scalar(n), 'a vector entry')) };
      case 'dist': return this.#distribution(node);
      case 'div': {
        // A numerical JSD costs about a millisecond, so many of them (inside a sum) must
        // meet the deadline too, not only the every-16384-steps check in tick().
        this.#checkDeadline();
        if (node.name === 'entropy') {
          // H(p) with a number p is the binary entropy function, the entropy of a Bernoulli(p).
          const only = this.value(node.args[0]);
          if (typeof only === 'number') {
            const h = entropyOf(bernoulli(only));
            return this.#note({ ...h, detail: 'binary entropy H(p) of a Bernoulli(p), closed form (natural log, nats)' });
          }
        }
        const ds = node.args.map((a) => this.distribution(a));
        switch (node.name) {
          case 'kl': return this.#note(kl(ds[0], ds[1]));
          case 'jsd': return this.#note(jsd(ds[0], ds[1]));
          case 'ce': return this.#note(crossEntropy(ds[0], ds[1]));
          case 'entropy': return this.#note(entropyOf(ds[0]));
        }
        break;
      }
      case 'expect': return this.#expectation(node);
    }
    throw new ReadError('cannot evaluate this formula');
  }

  /**
   * A number (a double) or an estimate; a distribution or vector here is an error people can act
   * on, and so is a number that does not fit a double.
   */
  scalar(node: Node): number | Estimate {
    const v = this.#scalar(node);
    if (isWide(v)) return toDouble(v);
    // Past a double's range, the last digits are rounding of the wide arithmetic (a quotient of
    // 10^{-400} terms that is 1 comes back as 0.9999999999999999): wide.ts keeps the relative
    // error under 1e-12, so 12 significant digits are what the computation vouches for.
    return this.#widened && typeof v === 'number' && Number.isFinite(v) ? Number(v.toPrecision(12)) : v;
  }

  /** A number (wide where a double would over- or underflow) or an estimate. */
  #scalar(node: Node): Scalar {
    const v = this.#value(node);
    if (typeof v === 'number' || v.kind === 'estimate' || v.kind === 'wide') return v;
    if (v.kind === 'vector') throw new ReadError('a vector is not a number: use it inside KL(...), H(...) or JSD(...)');
    throw new ReadError('a distribution is not a number: ask for its entropy H(...), a divergence or an expectation');
  }

  /** A distribution; a probability vector becomes a categorical one. */
  distribution(node: Node): Distribution {
    const v = this.value(node);
    if (typeof v === 'number' || v.kind === 'estimate') throw new ReadError('a divergence or entropy needs distributions, such as \\mathcal{N}(0, 1) or [0.2, 0.8], not a number');
    if (v.kind === 'vector') return categorical(v.items);
    return v;
  }

  #binary(op: '+' | '-' | '*' | '/' | '^', an: Node, bn: Node): Scalar {
    const a = this.#scalar(an);
    const b = this.#scalar(bn);
    if (isEstimate(a) || isEstimate(b)) {
      switch (op) {
        case '+': return lift2(a, b, (x, y) => x + y, 'a sum', true);
        case '-': return lift2(a, b, (x, y) => x - y, 'a difference', true);
        case '*': return lift2(a, b, (x, y) => x * y, 'a product');
        case '/': return lift2(a, b, (x, y) => {
          if (y === 0) throw new DomainError('division by zero');
          return x / y;
        }, 'a quotient');
        case '^': return lift2(a, b, (x, y) => x ** y, 'a power');
      }
    }
    const x = a as Real;
    const y = b as Real;
    switch (op) {
      case '+': return wide.add(x, y);
      case '-': return wide.sub(x, y);
      case '*': return wide.mul(x, y);
      case '/':
        if (y === 0) throw new DomainError('division by zero');
        return wide.div(x, y);
      case '^': return wide.pow(x, y);
    }
  }

  #function(node: Extract<Node, { k: 'fn' }>): Scalar {
    if (node.name === 'softmax') throw new ReadError('softmax gives a vector: pick an entry, as in \\mathrm{softmax}(1, 2, 3)_2');
    const base = node.base ? toNumber(this.scalar(node.base), 'a base') : undefined;
    const args = node.args.map((a) => this.#scalar(a));
    const name = node.name;
    let r: Scalar;
    switch (name) {
      case 'log': case 'lg': {
        const b = name === 'lg' ? 10 : base;
        if (b !== undefined && (!(b > 0) || b === 1)) throw new DomainError(`a logarithm's base must be positive and not 1, got ${b}`);
        r = real1(args[0], (x) => {
          if (!(wide.sign(x) > 0)) throw new DomainError(`the logarithm of ${fmtReal(x)} is undefined: its argument must be positive`);
          return b === undefined ? wide.ln(x) : wide.ln(x) / Math.log(b);
        }, `a logarithm`);
        break;
      }
      case 'sqrt':
        r = real1(args[0], (x) => {
          if (base !== undefined) {
            const n = Number.isInteger(base) && base > 0 && base <= 1024 ? base : undefined;
            if (wide.sign(x) < 0 && n !== undefined && n % 2 === 1) return wide.neg(wide.root(wide.neg(x), n));
            return n !== undefined && wide.sign(x) >= 0 ? wide.root(x, n) : wide.pow(x, 1 / base);
          }
          if (wide.sign(x) < 0) throw new DomainError(`the square root of ${fmtReal(x)} is not a real number`);
          return wide.sqrt(x);
        }, 'a root');
        break;
      case 'exp': r = real1(args[0], wide.exp, 'an exponential'); break;
      case 'sinh': case 'cosh': r = real1(args[0], (x) => wide.sinhCosh(name, x), `a \\${name}`); break;
      case 'tanh': case 'arctan': {
        // Both level off: at 1 (tanh) and π/2 (arctan) for any argument past a double's range, and
        // equal their argument for one closer to 0 than a double.
        const f = name === 'tanh' ? Math.tanh : Math.atan;
        r = real1(args[0], (x) => (isWide(x) ? (x.e > 0 ? wide.sign(x) * f(Infinity) : x) : f(x)), `a \\${name}`);
        break;
      }
      case 'sin': case 'cos': case 'tan': {
        const f = Math[name];
        r = real1(args[0], (x) => f(toDouble(x, `the argument of \\${name}`)), `a \\${name}`);
        break;
      }
      case 'abs': r = real1(args[0], wide.abs, 'an absolute value'); break;
      case 'max': r = Math.max(...args.map((a) => toNumber(a, 'max'))); break;
      case 'min': r = Math.min(...args.map((a) => toNumber(a, 'min'))); break;
      case 'binom': r = binom(toNumber(args[0], 'a binomial'), toNumber(args[1], 'a binomial')); break;
      case 'sigmoid': {
        // 1/(1 + e^{-x}) without overflow: e^{-x} for a large negative x is past a double, 1/(1 + e^{-x}) is not.
        r = real1(args[0], (x) => {
          const d = toDouble(x, 'the argument of \\sigma');
          return d >= 0 ? 1 / (1 + Math.exp(-d)) : Math.exp(d) / (1 + Math.exp(d));
        }, 'a sigmoid');
        const detail = 'σ read as the logistic sigmoid 1/(1 + e^{−x})';
        if (!this.details.includes(detail)) this.details.push(detail);
        break;
      }
      default: throw new ReadError(`\\${name} is not supported in a formula to evaluate`);
    }
    if (node.power) {
      const p = this.#scalar(node.power);
      r = isEstimate(r) || isEstimate(p) ? lift2(r, p, (x, y) => x ** y, 'a power') : wide.pow(r, p);
    }
    return r;
  }

  #softmax(node: Extract<Node, { k: 'fn' }>): Vector {
    const v = this.value(node.args[0]);
    const items = typeof v === 'object' && v.kind === 'vector' ? v.items : [toNumber(this.scalar(node.args[0]), 'softmax')];
    const top = Math.max(...items);
    const e = items.map((x) => Math.exp(x - top));
    const z = e.reduce((a, b) => a + b, 0);
    const detail = 'softmax: each exponential over their sum';
    if (!this.details.includes(detail)) this.details.push(detail);
    return { kind: 'vector', items: e.map((x) => x / z) };
  }

  /** The length of the vectors a sum's body indexes with its index (`p_i`, `q_i`). */
  #lengthFor(body: Node, index: string): number {
    const names = new Set<string>();
    const visit = (n: Node): void => {
      if (n.k === 'var') {
        const m = /^(.+)_(.+)$/.exec(n.name);
        if (m && m[2] === index) names.add(m[1]);
      }
      for (const c of childrenOf(n)) visit(c);
    };
    visit(body);
    const lengths = [...names].map((b) => this.settings.constants?.get(b)).filter((v): v is readonly number[] => Array.isArray(v)).map((v) => v.length);
    if (lengths.length === 0) throw new SymbolicError(`a sum over ${index} without numeric bounds`);
    if (lengths.some((l) => l !== lengths[0])) throw new DomainError('the vectors in the sum have different lengths');
    return lengths[0];
  }

  #big(node: Extract<Node, { k: 'big' }>): Scalar {
    const lo = node.lo ? toNumber(this.scalar(node.lo), 'a bound') : 1;
    const hi = node.hi ? toNumber(this.scalar(node.hi), 'a bound') : this.#lengthFor(node.body, node.v);
    if (!Number.isInteger(lo) || !Number.isInteger(hi)) throw new DomainError(`the bounds of a \\${node.op} must be integers, got ${fmt(lo)} and ${fmt(hi)}`);
    if (hi - lo + 1 > MAX_TERMS) throw new BudgetError(`the \\${node.op} has ${fmt(hi - lo + 1)} terms, more than the ${MAX_TERMS.toLocaleString('en-US')} evaluated here`);
    const saved = this.#env.get(node.v);
    let acc: Scalar = node.op === 'sum' ? 0 : 1;
    const exact = node.op === 'sum' ? wide.add : wide.mul;
    const combine = node.op === 'sum' ? (x: number, y: number): number => x + y : (x: number, y: number): number => x * y;
    try {
      for (let i = lo; i <= hi; i++) {
        this.#env.set(node.v, i);
        const term = this.#scalar(node.body);
        // Numbers take the exact path (doubles, wide past their range); a Monte Carlo term carries its error into the total.
        acc = isEstimate(acc) || isEstimate(term) ? lift2(acc, term, combine, `a \\${node.op}`, node.op === 'sum') : exact(acc, term);
      }
    } finally {
      if (saved === undefined) this.#env.delete(node.v);
      else this.#env.set(node.v, saved);
    }
    return acc;
  }

  #distribution(node: Extract<Node, { k: 'dist' }>): Distribution | number {
    this.#identity++;
    let args: Value[];
    try {
      args = node.args.map((a) => this.value(a));
    } finally {
      this.#identity--;
    }
    const nums = (): number[] => args.map((a) => {
      if (typeof a === 'number') return a;
      if (a.kind === 'estimate') return a.v;
      throw new ReadError('a distribution\'s parameters must be numbers');
    });
    switch (node.name) {
      case 'gaussian': {
        const [x, m, v] = nums();
        if (args.length === 2) return gaussian(x, m);
        // `\mathcal{N}(x; μ, σ²)` is the density at x, a number.
        if (args.length === 3) {
          gaussian(m, v);
          this.#note({ value: 0, method: 'closed form', detail: 'Gaussian density, closed form' });
          return gaussianPdf(x, m, v);
        }
        throw new ReadError(`\\mathcal{N} takes a mean and a variance, got ${args.length} arguments`);
      }
      case 'bernoulli': {
        if (args.length !== 1) throw new ReadError(`a Bernoulli distribution takes one parameter, got ${args.length}`);
        return bernoulli(nums()[0]);
      }
      case 'uniform': {
        if (args.length !== 2) throw new ReadError(`a uniform distribution takes two bounds, got ${args.length}`);
        const [a, b] = nums();
        return uniform(a, b);
      }
      case 'categorical': {
        if (args.length === 1 && typeof args[0] === 'object' && args[0].kind === 'vector') return categorical(args[0].items);
        return categorical(nums());
      }
    }
  }

  /** Checked before costly steps (an integration, a sampling run), which tick() does not see. */
  #checkDeadline(): void {
    if (Date.now() > this.settings.deadline) throw new BudgetError('the formula takes too long to evaluate here');
  }

  /** `c · e^{a + b x}` as [c, a, b], or undefined: the shape whose Gaussian expectation is closed. */
  #exponentialAffine(node: Node, v: string): [number, number, number] | undefined {
    const expOf = (n: Node): Node | undefined => {
      if (n.k === 'fn' && n.name === 'exp' && n.args.length === 1 && !n.power) return n.args[0];
      if (n.k === 'bin' && n.op === '^' && n.a.k === 'num' && Math.abs(n.a.v - Math.E) < 1e-15) return n.b;
      return undefined;
    };
    let c = 1;
    let inner = expOf(node);
    if (!inner && node.k === 'bin' && node.op === '*') {
      const [k, e] = mentions(node.a, v) ? [node.b, node.a] : [node.a, node.b];
      inner = expOf(e);
      if (inner) {
        const kv = this.#polynomial(k, v);
        if (!kv || kv.length !== 1) return undefined;
        c = kv[0];
      }
    }
    if (!inner) return undefined;
    const p = this.#polynomial(inner, v);
    if (!p || p.length > 2) return undefined;
    return [c, p[0] ?? 0, p[1] ?? 0];
  }

  #expectation(node: Extract<Node, { k: 'expect' }>): number | Estimate {
    this.#checkDeadline();
    const d = this.distribution(node.dist);
    const lognormal = d.kind === 'gaussian' ? this.#exponentialAffine(node.body, node.v) : undefined;
    if (lognormal && d.kind === 'gaussian') {
      // E[c e^{a + b x}] for x ~ N(μ, σ²) is c e^{a + bμ + b²σ²/2}: the mean of a log-normal.
      const [c, a, b] = lognormal;
      const v = c * Math.exp(a + b * d.mean + (b * b * d.variance) / 2);
      this.#note({ value: v, method: 'closed form', detail: 'expectation of an exponential under a Gaussian: the mean of a log-normal, closed form' });
      return v;
    }
    const poly = this.#polynomial(node.body, node.v);
    if (poly) {
      let v = 0;
      for (let k = 0; k < poly.length; k++) {
        if (poly[k] === 0) continue;
        const m = rawMoment(d, k);
        if (m === undefined) break;
        v += poly[k] * m;
      }
      this.#note({ value: v, method: 'closed form', detail: `expectation of a polynomial under a ${describe(d)} distribution, closed form from its moments` });
      return v;
    }
    const probs = probabilities(d);
    if (probs) {
      // Finitely many outcomes: the expectation is an exact finite sum.
      const support = d.kind === 'bernoulli' ? [0, 1] : probs.map((_, i) => i + 1);
      let v = 0;
      for (let i = 0; i < probs.length; i++) {
        if (probs[i] === 0) continue;
        v += probs[i] * this.#withBinding(node.v, support[i], () => toNumber(this.scalar(node.body), 'the expectation\'s argument'));
      }
      this.#note({ value: v, method: 'closed form', detail: `expectation under a ${describe(d)} distribution, exact sum over its outcomes` });
      return v;
    }
    this.sampled = true;
    // The binding is set once around the loop, not per sample: the per-sample path stays lean.
    const saved = this.#env.get(node.v);
    let est;
    try {
      const compiled = this.#compile(node.body, node.v);
      const f = compiled ?? ((x: number): number => {
        this.#env.set(node.v, x);
        return toNumber(this.scalar(node.body), 'the expectation\'s argument');
      });
      est = monteCarlo(d, this.settings.samples, this.rng, f, this.settings.samplingDeadline);
    } finally {
      if (saved === undefined) this.#env.delete(node.v);
      else this.#env.set(node.v, saved);
    }
    const detail = `expectation under a ${describe(d)} distribution, Monte Carlo with ${est.n.toLocaleString('en-US')} samples`;
    if (!this.details.includes(detail)) this.details.push(detail);
    return { kind: 'estimate', v: est.mean, se: est.standardError, n: est.n };
  }

  /**
   * The integrand as a plain closure of x, or undefined when it uses a construct only the
   * interpreter handles. Sampling runs the integrand tens of thousands of times; closures
   * without the interpreter's dispatch and error bookkeeping keep that within the time
   * budget even before the JIT has warmed up (a fresh CLI process). A value that is not
   * finite (log of a negative sample) becomes NaN, which the sampler reports.
   */
  #compile(node: Node, v: string): ((x: number) => number) | undefined {
    this.tick();
    if (!mentions(node, v)) {
      try {
        const c = this.value(node);
        return typeof c === 'number' ? () => c : undefined;
      } catch (err) {
        if (err instanceof BudgetError) throw err;
        return undefined;
      }
    }
    switch (node.k) {
      case 'var': return node.name === v ? (x) => x : undefined;
      case 'neg': { const a = this.#compile(node.a, v); return a && ((x) => -a(x)); }
      case 'bin': {
        const a = this.#compile(node.a, v);
        const b = a && this.#compile(node.b, v);
        if (!a || !b) return undefined;
        switch (node.op) {
          case '+': return (x) => a(x) + b(x);
          case '-': return (x) => a(x) - b(x);
          case '*': return (x) => a(x) * b(x);
          case '/': return (x) => { const d = b(x); return d === 0 ? NaN : a(x) / d; };
          case '^': return (x) => a(x) ** b(x);
        }
        return undefined;
      }
      case 'fn': {
        if (node.args.length !== 1 || node.base !== undefined) return undefined;
        const a = this.#compile(node.args[0], v);
        const unary: Readonly<Record<string, (y: number) => number>> = {
          log: (y) => (y > 0 ? Math.log(y) : NaN), exp: Math.exp, sqrt: (y) => (y >= 0 ? Math.sqrt(y) : NaN), abs: Math.abs,
          sin: Math.sin, cos: Math.cos, tan: Math.tan, tanh: Math.tanh, sinh: Math.sinh, cosh: Math.cosh, arctan: Math.atan,
        };
        const g = unary[node.name];
        if (!a || !g) return undefined;
        if (!node.power) return (x) => g(a(x));
        const p = this.#compile(node.power, v);
        return p && ((x) => g(a(x)) ** p(x));
      }
      default: return undefined;
    }
  }

  #withBinding<T>(name: string, value: number, f: () => T): T {
    const saved = this.#env.get(name);
    this.#env.set(name, value);
    try {
      return f();
    } finally {
      if (saved === undefined) this.#env.delete(name);
      else this.#env.set(name, saved);
    }
  }

  /**
   * The coefficients of `node` as a polynomial in `v`, or undefined when it is not one.
   * Sub-trees without `v` are evaluated to numbers (they may contain sums, constants).
   */
  #polynomial(node: Node, v: string): number[] | undefined {
    this.tick();
    if (!mentions(node, v)) {
      try {
        const x = this.value(node);
        return typeof x === 'number' ? [x] : undefined;
      } catch (err) {
        if (err instanceof BudgetError) throw err;
        return undefined;
      }
    }
    switch (node.k) {
      case 'var': return node.name === v ? [0, 1] : undefined;
      case 'neg': { const a = this.#polynomial(node.a, v); return a?.map((c) => -c); }
      case 'bin': {
        const a = this.#polynomial(node.a, v);
        if (!a) return undefined;
        if (node.op === '^') {
          if (mentions(node.b, v)) return undefined;
          const e = this.value(node.b);
          if (typeof e !== 'number' || !Number.isInteger(e) || e < 0 || e * (a.length - 1) > MAX_POLY_DEGREE) return undefined;
          let r = [1];
          for (let i = 0; i < e; i++) r = polyMul(r, a);
          return r;
        }
        const b = this.#polynomial(node.b, v);
        if (!b) return undefined;
        if (node.op === '+' || node.op === '-') {
          const s = node.op === '+' ? 1 : -1;
          return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => (a[i] ?? 0) + s * (b[i] ?? 0));
        }
        if (node.op === '*') return a.length + b.length - 2 > MAX_POLY_DEGREE ? undefined : polyMul(a, b);
        if (node.op === '/' && b.length === 1 && b[0] !== 0) return a.map((c) => c / b[0]);
        return undefined;
      }
      default: return undefined;
    }
  }
}

function mentions(node: Node, v: string): boolean {
  switch (node.k) {
    case 'num': return false;
    case 'var': return node.name === v;
    case 'neg': case 'fact': return mentions(node.a, v);
    case 'bin': return mentions(node.a, v) || mentions(node.b, v);
    case 'fn': return node.args.some((a) => mentions(a, v)) || (node.base !== undefined && mentions(node.base, v)) || (node.power !== undefined && mentions(node.power, v));
    case 'big': return node.v !== v && (mentions(node.body, v) || (node.lo !== undefined && mentions(node.lo, v)) || (node.hi !== undefined && mentions(node.hi, v)));
    case 'index': return mentions(node.a, v) || mentions(node.i, v);
    case 'vec': case 'dist': case 'div': return (node.k === 'vec' ? node.items : node.args).some((a) => mentions(a, v));
    case 'expect': return mentions(node.dist, v) || (node.v !== v && mentions(node.body, v));
  }
}

function childrenOf(node: Node): readonly Node[] {
  switch (node.k) {
    case 'num': case 'var': return [];
    case 'neg': case 'fact': return [node.a];
    case 'bin': return [node.a, node.b];
    case 'fn': return [...node.args, ...(node.base ? [node.base] : []), ...(node.power ? [node.power] : [])];
    case 'big': return [node.body, ...(node.lo ? [node.lo] : []), ...(node.hi ? [node.hi] : [])];
    case 'vec': return node.items;
    case 'dist': case 'div': return node.args;
    case 'expect': return [node.dist, node.body];
    case 'index': return [node.a, node.i];
  }
}

function polyMul(a: readonly number[], b: readonly number[]): number[] {
  const r = new Array<number>(a.length + b.length - 1).fill(0);
  for (let i = 0; i < a.length; i++) for (let j = 0; j < b.length; j++) r[i + j] += a[i] * b[j];
  return r;
}

/**
 * A plain double; an estimate's value when a construct cannot carry its error; a wide number
 * only when it fits (else the DomainError of {@link toDouble}).
 */
/** A literal such as `2.5e-400` as a wide number: its mantissa times an exact power of ten. */
function wideLiteral(text: string): Real {
  const [mantissa, exponent = '0'] = text.split('e');
  const e = Number(exponent);
  if (!Number.isSafeInteger(e)) throw new DomainError(`the number ${text} is beyond anything a formula can mean`);
  return wide.mul(Number(mantissa), wide.pow(10, e));
}

export function toNumber(x: number | Estimate | Wide, what: string): number {
  const v = typeof x === 'number' ? x : x.kind === 'wide' ? toDouble(x, what) : x.v;
  if (Number.isNaN(v)) throw new DomainError(`${what} is not a number`);
  return v;
}

/** f applied to a number (wide or not) or an estimate, whose value and error go through doubles. */
function real1(a: Scalar, f: (x: Real) => Real, what: string): Scalar {
  if (!isEstimate(a)) return f(a);
  return lift1(a, (x) => toDouble(f(x), what), what);
}

/**
 * The first double over- or underflow of an estimate's arithmetic stops the evaluation, named:
 * a result that is infinite, subnormal, or 0 where only an underflow can make it 0 (a product,
 * quotient or power of non-zero numbers), from finite operands.
 */
function checked(v: number, inputs: readonly number[], what: string, zeroIsExact: boolean): number {
  if (!inputs.every(Number.isFinite) || Number.isNaN(v)) return v;
  const underflow = v === 0 ? !zeroIsExact && inputs.every((x) => x !== 0) : Math.abs(v) < wide.MIN_NORMAL;
  if (!Number.isFinite(v) || underflow) throw wide.overflowError(what, v);
  return v;
}

/** f applied to an estimate; the standard error follows by the delta method. */
function lift1(a: Estimate, f: (x: number) => number, what: string): Estimate {
  // Functions of one estimate go through the exact path first, so a 0 here is a true 0.
  const v = checked(f(a.v), [a.v], what, true);
  const h = 1e-6 * Math.max(1, Math.abs(a.v));
  const d = (f(a.v + h) - f(a.v - h)) / (2 * h);
  return { kind: 'estimate', v, se: Math.abs(d) * a.se, n: a.n };
}

/** f of two operands, one at least an estimate; independent errors add in quadrature (first order). */
function lift2(a: Scalar, b: Scalar, f: (x: number, y: number) => number, what: string, zeroIsExact = false): Estimate {
  const av = isEstimate(a) ? a.v : toDouble(a, `a number in ${what}`);
  const bv = isEstimate(b) ? b.v : toDouble(b, `a number in ${what}`);
  const v = checked(f(av, bv), [av, bv], what, zeroIsExact);
  let varSum = 0;
  if (isEstimate(a)) {
    const h = 1e-6 * Math.max(1, Math.abs(av));
    varSum += (((f(av + h, bv) - f(av - h, bv)) / (2 * h)) * a.se) ** 2;
  }
  if (isEstimate(b)) {
    const h = 1e-6 * Math.max(1, Math.abs(bv));
    varSum += (((f(av, bv + h) - f(av, bv - h)) / (2 * h)) * b.se) ** 2;
  }
  return { kind: 'estimate', v, se: Math.sqrt(varSum), n: Math.max(isEstimate(a) ? a.n : 0, isEstimate(b) ? b.n : 0) };
}

/** n!, a wide number past 170! (a product of exact integers, a double's precision per step). */
function factorial(x: number): Real {
  if (!Number.isInteger(x) || x < 0) throw new DomainError(`the factorial needs a non-negative integer, got ${fmt(x)}`);
  if (x > MAX_TERMS) throw new BudgetError(`${fmt(x)}! has more factors than the ${MAX_TERMS.toLocaleString('en-US')} evaluated here`);
  let r: Real = 1;
  for (let i = 2; i <= x; i++) r = wide.mul(r, i);
  return r;
}

/** The binomial coefficient, exact as a double while it fits one, wide past that. */
function binom(n: number, k: number): Real {
  if (!Number.isInteger(n) || !Number.isInteger(k) || n < 0) throw new DomainError('a binomial coefficient needs non-negative integers');
  if (k < 0 || k > n) return 0;
  const steps = Math.min(k, n - k);
  if (steps > MAX_TERMS) throw new BudgetError(`this binomial coefficient needs more than the ${MAX_TERMS.toLocaleString('en-US')} steps evaluated here`);
  let r: Real = 1;
  for (let i = 1; i <= steps; i++) r = wide.div(wide.mul(r, n - i + 1), i);
  return isWide(r) ? r : Math.round(r);
}

/** A number for a message, wide or not. */
function fmtReal(x: Real): string {
  return isWide(x) ? describeReal(x) : fmt(x);
}

/** A number for a message: short, no float noise. */
export function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(6)));
}
