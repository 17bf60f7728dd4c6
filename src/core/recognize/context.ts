/**
 * Facts about one parsed formula that several kinds' detectors need, gathered in one
 * pass so that each detector stays a few lines of math and the whole stays fast.
 */
import type { MathNode, ParsedFormula } from '../parse/tree';
import { appAt, firstApp, isExpectation, logArgument, measureOf, type App } from './query';

/** A `\log` and what it is taken of. */
export interface LogUse {
  readonly seq: MathNode[];
  readonly index: number;
  readonly arg: MathNode[];
  /** The application inside (`p(x|z)` of `\log p(x|z)`), if any. */
  readonly app?: App;
  /** The fraction inside (`\log\frac{p}{q}`), if any. */
  readonly frac?: MathNode;
  /** True when a minus sign stands right before the log. */
  readonly negated: boolean;
}

/** An expectation and what it is taken over. */
export interface ExpectationUse {
  readonly node: MathNode;
  readonly seq: MathNode[];
  readonly index: number;
  /** The measure (`q_\phi(z|x)` in `E_{z\sim q_\phi(z|x)}`, `q` in `E_q`), possibly empty. */
  readonly measure: MathNode[];
  /** The variable before `\sim`, possibly empty. */
  readonly variable: MathNode[];
  /** The bracketed body, or the rest of the term when there are no brackets. */
  readonly body: MathNode[];
}

/** Facts shared by the detectors. */
export interface Context {
  readonly parsed: ParsedFormula;
  readonly lines: MathNode[][];
  readonly apps: App[];
  readonly logs: LogUse[];
  readonly expectations: ExpectationUse[];
  /** Operator names present (log, sum, KL, min, ...). */
  readonly ops: ReadonlySet<string>;
  /** Symbol names present (with `E`, `H`, `theta`, `data`, ...). */
  readonly ids: ReadonlySet<string>;
  /** Relation names present at any level. */
  readonly rels: ReadonlySet<string>;
  /** Every sequence of the tree (lines, group contents, scripts, fraction parts). */
  readonly seqs: MathNode[][];
  /** Every node of the tree. */
  readonly nodes: MathNode[];
}

/** Gathers the facts of a parsed formula. */
export function buildContext(parsed: ParsedFormula): Context {
  const lines = logicalLines(parsed.lines.map(unwrapLine));
  const logs: LogUse[] = [];
  const expectations: ExpectationUse[] = [];
  const ops = new Set<string>();
  const ids = new Set<string>();
  const rels = new Set<string>();
  const seqs: MathNode[][] = [];
  const nodes: MathNode[] = [];
  const apps: App[] = [];
  const stack: MathNode[][] = lines.slice();
  while (stack.length > 0) {
    const seq = stack.pop()!;
    joinDoubleBars(seq);
    seqs.push(seq);
    for (let i = 0; i < seq.length; i++) {
      // `D(p \| q)` is read as the KL operator applied to the pair (see isDivergenceOfPair).
      if (i + 1 < seq.length && isDivergenceOfPair(seq[i], seq[i + 1])) seq[i] = { type: 'op', name: 'KL' };
      // `Σ_z p(x|z) p(z)`, `Π_i p(x_i)`: the Greek capitals pasted text uses for the sum and product signs.
      const big = bigOperator(seq, i);
      if (big) seq[i] = { type: 'op', name: big, sub: seq[i].sub, sup: seq[i].sup };
      const n = seq[i];
      nodes.push(n);
      if (n.children) stack.push(n.children);
      if (n.sub) stack.push(n.sub);
      if (n.sup) stack.push(n.sup);
      if (n.args) for (const a of n.args) stack.push(a);
      if (i + 1 < seq.length && seq[i + 1].type === 'group') {
        // The arguments' double bar is joined before they are split (`KL(q \mid\mid p)`).
        if (seq[i + 1].children) joinDoubleBars(seq[i + 1].children!);
        const a = appAt(seq, i);
        if (a) apps.push(a);
      }
      if (n.type === 'op') {
        ops.add(n.name);
        if (n.name === 'log') {
          const arg = logArgument(seq, i);
          const frac = arg.find((m) => m.type === 'frac');
          const prev = seq[i - 1];
          logs.push({ seq, index: i, arg, app: firstApp(arg), frac, negated: prev !== undefined && prev.type === 'bin' && prev.name === '-' });
        }
      } else if (n.type === 'id') {
        ids.add(n.name);
        if (isExpectation(seq, i)) {
          const m = measureOf(n.sub);
          const next = seq[i + 1];
          let body: MathNode[];
          if (next && next.type === 'group' && next.name !== '(' ) body = next.children ?? [];
          else if (next && next.type === 'group') body = next.children ?? [];
          else {
            body = [];
            for (let k = i + 1; k < seq.length; k++) {
              const m2 = seq[k];
              if (m2.type === 'rel' || (m2.type === 'bin' && (m2.name === '+' || m2.name === '-') && body.length > 0)) break;
              body.push(m2);
            }
          }
          expectations.push({ node: n, seq, index: i, measure: m?.measure ?? [], variable: m?.variable ?? [], body });
        }
      } else if (n.type === 'rel') rels.add(n.name);
      // `\langle f \rangle_q`: the physicists' and EM notes' average under q.
      if (n.type === 'group' && n.name === '<' && n.sub && n.sub.length > 0) {
        const m = measureOf(n.sub);
        expectations.push({ node: n, seq, index: i, measure: m?.measure ?? [], variable: m?.variable ?? [], body: n.children ?? [] });
      }
    }
  }
  return { parsed, lines, apps, logs, expectations, ops, ids, rels, seqs, nodes };
}

/**
 * Joins the rows of an aligned block that continue a statement: a row that starts with a
 * relation (`&= ...`) or follows a row that ends with one belongs to the row before it.
 */
function logicalLines(rows: readonly MathNode[][]): MathNode[][] {
  const out: MathNode[][] = [];
  for (const row of rows) {
    const prev = out[out.length - 1];
    const continues = prev !== undefined && (row[0]?.type === 'rel' || prev[prev.length - 1]?.type === 'rel');
    if (continues) out[out.length - 1] = [...prev, ...row];
    else out.push(row);
  }
  return out;
}


/**
 * `D(p \| q)`, `\mathcal{D}(Q \| P)`, `d_{KL}(p, q)`: the letter D applied to two distributions
 * separated by a double bar is the KL divergence in most notes (an f-divergence writes `D_f`).
 * A discriminator `D(x)` has no double bar, so it stays a function.
 */
function isDivergenceOfPair(fn: MathNode, group: MathNode): boolean {
  if (fn.type !== 'id' || (fn.name !== 'D' && fn.name !== 'd') || (fn.font && fn.font !== 'cal')) return false;
  if (fn.sub && !fn.sub.some((m) => m.type === 'op' && m.name === 'KL')) return false;
  const children = group.children ?? [];
  // The group's own `\mid\mid` may not be joined yet (its sequence is visited after this one).
  joinDoubleBars(children);
  const bars = children.filter((m) => m.type === 'par').length;
  return bars === 1 && children[0]?.type !== 'par' && children[children.length - 1]?.type !== 'par';
}

/** A line written entirely in parentheses, `(H(p) = 1.75 bits)`, is read as the line inside. */
function unwrapLine(line: MathNode[]): MathNode[] {
  return line.length === 1 && line[0].type === 'group' && line[0].name === '(' && !line[0].sub && !line[0].sup && (line[0].children ?? []).some((n) => n.type === 'rel') ? line[0].children ?? [] : line;
}

/** `p \mid\mid q`, `p | | q`: two conditioning bars in a row are the double bar of a divergence. */
function joinDoubleBars(seq: MathNode[]): void {
  for (let k = seq.length - 2; k >= 0; k--) {
    if (seq[k].type === 'bar' && seq[k + 1].type === 'bar' && !seq[k].sub && !seq[k].sup) seq.splice(k, 2, { type: 'par', name: '||', sub: seq[k + 1].sub, sup: seq[k + 1].sup });
  }
}

/**
 * `sum` or `prod` when `seq[i]` is a capital Sigma or Pi used as the big operator: it carries an index below
 * (`Σ_z`, `Π_{i=1}`) and a term follows it. A covariance `\Sigma_k` stands inside arguments, before a comma or
 * a closing bracket, or carries an inverse or transpose above (`\Sigma^{-1}(x - \mu)`), so it is left alone.
 */
function bigOperator(seq: readonly MathNode[], i: number): 'sum' | 'prod' | undefined {
  const n = seq[i];
  if (n.type !== 'id' || n.font || (n.name !== 'Sigma' && n.name !== 'Pi') || !n.sub || n.sub.length === 0) return undefined;
  const ranged = n.sub.some((m) => m.type === 'rel');
  if (n.sup && !ranged) return undefined;
  if (!ranged && !(n.sub.length === 1 && n.sub[0].type === 'id' && n.sub[0].name.length === 1 && !n.sub[0].sub)) return undefined;
  const next = seq[i + 1];
  return next && (next.type === 'id' || next.type === 'op' || (next.type === 'group' && next.name !== '(')) ? (n.name === 'Sigma' ? 'sum' : 'prod') : undefined;
}
