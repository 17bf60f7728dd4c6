/**
 * The probability models of the toy instances. Every density a step writes (`p(z)`,
 * `p_{\theta}(x \mid z)`, `p(z \mid x)`, `q(x_{t-1} \mid x_t, x_0)`) is a marginal or a
 * conditional of one joint model per density letter, computed exactly: linear-Gaussian models by
 * Schur complements, discrete ones by summing their table.
 */
import { gaussHermite, nodesPerDimension } from './quadrature';

/** A value in a toy instance: a number, or a short vector (an image of three pixels). */
export type Value = number | readonly number[];

/** Where to read the value of a variable that a density is evaluated at or conditioned on. */
export type At = (key: string) => Value;

/** Quadrature nodes for an expectation: `points[i][j]` is the value of the j-th variable at node i. */
export interface Nodes {
  readonly points: readonly (readonly Value[])[];
  readonly weights: readonly number[];
}

/** A joint distribution over named variables, asked for its marginals and conditionals. */
export interface Model {
  /** The variables it is a distribution over (those of a density written without arguments). */
  readonly vars: readonly string[];
  /** log p(main | cond) at the values `at` gives. */
  logDensity(main: readonly string[], cond: readonly string[], at: At): number;
  /** Nodes and weights for an expectation over `main` given `cond`. */
  nodes(main: readonly string[], cond: readonly string[], at: At): Nodes;
}

/** A problem that makes a claim impossible to evaluate (not a sign that it is false). */
export class Unevaluable extends Error {}

function scalar(v: Value, what: string): number {
  if (typeof v !== 'number') throw new Unevaluable(`${what} must be a number`);
  return v;
}

/** One variable of a linear-Gaussian model: `v = bias + Σ weight·parent + noise`, noise ~ N(0, variance). */
export interface LinearNode {
  readonly v: string;
  readonly bias: number;
  readonly parents?: Readonly<Record<string, number>>;
  readonly variance: number;
}

/** Solves A x = b for a small symmetric positive-definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[][]): number[][] {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...b[i]]);
  const cols = b[0]?.length ?? 0;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    const d = m[c][c];
    if (Math.abs(d) < 1e-300) throw new Unevaluable('a singular covariance');
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / d;
      if (f !== 0) for (let k = c; k < n + cols; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row.slice(n).map((x) => x / m[i][i]));
}

function cholesky(a: readonly (readonly number[])[]): number[][] {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) throw new Unevaluable('a covariance that is not positive definite');
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

/** The value-independent part of a Gaussian conditional. */
interface Plan { a: number[]; b: number[]; gain: number[][]; cov: number[][]; chol: number[][]; logDet: number }

/** A Gaussian over named scalar variables, with every marginal and conditional in closed form. */
export class GaussianJoint implements Model {
  readonly #index: ReadonlyMap<string, number>;
  constructor(readonly vars: readonly string[], readonly mean: readonly number[], readonly cov: readonly (readonly number[])[]) {
    this.#index = new Map(vars.map((v, i) => [v, i]));
  }

  /** The joint of a linear-Gaussian network, listed parents first. */
  static linear(nodes: readonly LinearNode[]): GaussianJoint {
    const vars = nodes.map((n) => n.v);
    const mean: number[] = [];
    const cov: number[][] = nodes.map(() => new Array<number>(nodes.length).fill(0));
    nodes.forEach((node, i) => {
      const parents = Object.entries(node.parents ?? {}).map(([p, w]) => {
        const j = vars.indexOf(p);
        if (j < 0 || j >= i) throw new Error(`parent ${p} of ${node.v} must come first`);
        return [j, w] as const;
      });
      mean.push(node.bias + parents.reduce((s, [j, w]) => s + w * mean[j], 0));
      for (let k = 0; k < i; k++) cov[i][k] = cov[k][i] = parents.reduce((s, [j, w]) => s + w * cov[j][k], 0);
      cov[i][i] = node.variance + parents.reduce((s, [j, w]) => s + w * cov[j][i], 0);
    });
    return new GaussianJoint(vars, mean, cov);
  }

  #idx(keys: readonly string[]): number[] {
    return keys.map((k) => {
      const i = this.#index.get(k);
      if (i === undefined) throw new Unevaluable(`the toy model has no variable ${k}`);
      return i;
    });
  }

  /**
   * What a conditional needs that does not depend on the values conditioned on: the gain
   * Σ_AB Σ_BB^{-1}, the conditional covariance and its Cholesky factor. Cached per signature,
   * since a check asks for the same conditional at thousands of points.
   */
  #plan(main: readonly string[], cond: readonly string[]): Plan {
    const key = `${main.join(',')}|${cond.join(',')}`;
    const hit = this.#plans.get(key);
    if (hit) return hit;
    const a = this.#idx(main);
    const b = this.#idx(cond);
    const sAA = a.map((i) => a.map((j) => this.cov[i][j]));
    let gain: number[][] = a.map(() => []);
    let cov = sAA;
    if (b.length > 0) {
      const sBB = b.map((i) => b.map((j) => this.cov[i][j]));
      const sBA = b.map((i) => a.map((j) => this.cov[i][j]));
      const k2 = solve(sBB, sBA);
      gain = a.map((_, i) => b.map((_, k) => k2[k][i]));
      cov = sAA.map((row, i) => row.map((v, j) => v - b.reduce((s, _, k) => s + sBA[k][i] * k2[k][j], 0)));
    }
    const chol = cholesky(cov);
    const logDet = chol.reduce((s, row, i) => s + 2 * Math.log(row[i]), 0);
    const plan = { a, b, gain, cov, chol, logDet };
    this.#plans.set(key, plan);
    return plan;
  }

  readonly #plans = new Map<string, Plan>();

  /** Mean and covariance of `main` given `cond` at the values `at` gives. */
  conditional(main: readonly string[], cond: readonly string[], at: At): { mean: number[]; cov: number[][] } {
    const p = this.#plan(main, cond);
    const r = p.b.map((i, k) => scalar(at(cond[k]), cond[k]) - this.mean[i]);
    const mean = p.a.map((i, j) => this.mean[i] + r.reduce((s, ri, k) => s + p.gain[j][k] * ri, 0));
    return { mean, cov: p.cov };
  }

  logDensity(main: readonly string[], cond: readonly string[], at: At): number {
    const p = this.#plan(main, cond);
    const { mean } = this.conditional(main, cond, at);
    const l = p.chol;
    const r = main.map((k, i) => scalar(at(k), k) - mean[i]);
    // Forward substitution: y = L^{-1} r, so r' Σ^{-1} r = |y|^2.
    let quad = 0;
    const y: number[] = [];
    for (let i = 0; i < r.length; i++) {
      let s = r[i];
      for (let k = 0; k < i; k++) s -= l[i][k] * y[k];
      y.push(s / l[i][i]);
      quad += y[i] * y[i];
    }
    return -0.5 * (r.length * Math.log(2 * Math.PI) + p.logDet + quad);
  }

  nodes(main: readonly string[], cond: readonly string[], at: At): Nodes {
    const { mean } = this.conditional(main, cond, at);
    const l = this.#plan(main, cond).chol;
    // The standard grid mapped through the Cholesky factor: mean + L u.
    return hermiteGrid(main.length, (u) => mean.map((m, i) => m + l[i].reduce((s, lij, j) => s + lij * u[j], 0)));
  }
}

/** A discrete joint distribution given by a table of probabilities over finite supports. */
export class TableJoint implements Model {
  readonly #rows: { values: number[]; p: number }[];
  constructor(readonly vars: readonly string[], rows: readonly { readonly values: readonly number[]; readonly p: number }[]) {
    this.#rows = rows.filter((r) => r.p > 0).map((r) => ({ values: [...r.values], p: r.p }));
  }

  /** Independent variables, each with its own support and probabilities. */
  static independent(parts: readonly { readonly v: string; readonly support: readonly number[]; readonly probs: readonly number[] }[]): TableJoint {
    let rows: { values: number[]; p: number }[] = [{ values: [], p: 1 }];
    for (const part of parts) {
      rows = rows.flatMap((r) => part.support.map((s, i) => ({ values: [...r.values, s], p: r.p * part.probs[i] })));
    }
    return new TableJoint(parts.map((p) => p.v), rows);
  }

  #idx(keys: readonly string[]): number[] {
    return keys.map((k) => {
      const i = this.vars.indexOf(k);
      if (i < 0) throw new Unevaluable(`the toy model has no variable ${k}`);
      return i;
    });
  }

  #mass(idx: readonly number[], values: readonly number[]): number {
    let s = 0;
    for (const r of this.#rows) if (idx.every((i, k) => r.values[i] === values[k])) s += r.p;
    return s;
  }

  logDensity(main: readonly string[], cond: readonly string[], at: At): number {
    const mi = this.#idx(main);
    const ci = this.#idx(cond);
    const mv = main.map((k) => scalar(at(k), k));
    const cv = cond.map((k) => scalar(at(k), k));
    const joint = this.#mass([...mi, ...ci], [...mv, ...cv]);
    const given = ci.length > 0 ? this.#mass(ci, cv) : 1;
    if (given === 0) throw new Unevaluable('conditioning on an outcome of probability zero');
    return Math.log(joint / given);
  }

  nodes(main: readonly string[], cond: readonly string[], at: At): Nodes {
    const mi = this.#idx(main);
    const ci = this.#idx(cond);
    const cv = cond.map((k) => scalar(at(k), k));
    const mass = new Map<string, { values: number[]; p: number }>();
    let total = 0;
    for (const r of this.#rows) {
      if (!ci.every((i, k) => r.values[i] === cv[k])) continue;
      const values = mi.map((i) => r.values[i]);
      const key = values.join(',');
      const m = mass.get(key) ?? { values, p: 0 };
      m.p += r.p;
      mass.set(key, m);
      total += r.p;
    }
    if (total === 0) throw new Unevaluable('conditioning on an outcome of probability zero');
    const entries = [...mass.values()];
    return { points: entries.map((e) => e.values), weights: entries.map((e) => e.p / total) };
  }
}

/**
 * A model given by closures: for densities whose mean is a network (`p_{\theta}(x \mid z)` with a
 * decoder), for which only some marginals and conditionals are defined.
 */
export class FunctionalModel implements Model {
  constructor(
    readonly vars: readonly string[],
    readonly log: (main: readonly string[], cond: readonly string[], at: At) => number,
    readonly grid: (main: readonly string[], cond: readonly string[], at: At) => Nodes,
  ) {}

  logDensity(main: readonly string[], cond: readonly string[], at: At): number {
    return this.log(main, cond, at);
  }

  nodes(main: readonly string[], cond: readonly string[], at: At): Nodes {
    return this.grid(main, cond, at);
  }
}

/** Nodes of an isotropic Gaussian N(mean, variance·I) over one vector variable. */
export function isotropicNodes(mean: readonly number[], variance: number): Nodes {
  const sd = Math.sqrt(variance);
  return hermiteGrid(mean.length, (u) => [mean.map((m, i) => m + sd * u[i])]);
}

/**
 * The tensor-product Gauss-Hermite grid in `d` dimensions: every combination of the rule's nodes
 * for a standard normal, each weighted by the product of its nodes' weights, mapped to a point by
 * `place` (which must copy what it keeps of `u`, reused between nodes).
 */
function hermiteGrid(d: number, place: (u: readonly number[]) => Value[]): { points: Value[][]; weights: number[] } {
  const rule = gaussHermite(nodesPerDimension(d));
  const points: Value[][] = [];
  const weights: number[] = [];
  const u = new Array<number>(d).fill(0);
  const visit = (k: number, w: number): void => {
    if (k === d) {
      points.push(place(u));
      weights.push(w);
      return;
    }
    for (let n = 0; n < rule.x.length; n++) {
      u[k] = rule.x[n];
      visit(k + 1, w * rule.w[n]);
    }
  };
  visit(0, 1);
  return { points, weights };
}

/** log N(x; mean, variance·I), summed over coordinates for vectors. */
export function gaussianLog(x: Value, mean: Value, variance: number): number {
  const xs = typeof x === 'number' ? [x] : x;
  const ms = typeof mean === 'number' ? xs.map(() => mean) : mean;
  if (ms.length !== xs.length) throw new Unevaluable('a mean and a point of different sizes');
  return xs.reduce((s, xi, i) => s - 0.5 * Math.log(2 * Math.PI * variance) - (xi - ms[i]) ** 2 / (2 * variance), 0);
}
