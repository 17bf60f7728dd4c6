/**
 * Questions recognition asks of the tree: which functions are applied to what, what
 * an expectation is taken over, what a log is taken of, which terms are added or
 * subtracted. Every walk is bounded by the parser's depth limit.
 */
import type { MathNode } from '../parse/tree';

/** A function applied to arguments: `p_\theta(x|z)`, `D(G(z))`, `\mathrm{KL}(q\|p)`, `E_q[...]`. */
export interface App {
  readonly fn: MathNode;
  readonly group: MathNode;
  /** Arguments before the conditioning bar, split at commas. */
  readonly main: MathNode[][];
  /** Arguments after the bar (`p(x|z)`), split at commas. */
  readonly cond: MathNode[][];
  /** Arguments after a semicolon (`p(x;\theta)`). */
  readonly params: MathNode[][];
  /** Parts around a double bar (`KL(q\|p)`), when there is one. */
  readonly parts: MathNode[][];
  /** The sequence holding the application and the index of `fn` in it. */
  readonly seq: MathNode[];
  readonly index: number;
}

/** Letters that name a probability density or mass function in notes. */
const DENSITY_NAMES: ReadonlySet<string> = new Set(['p', 'P', 'q', 'Q', 'Pr']);

const GREEK_TEX = /^(?:[a-z]+|[A-Z][a-z]+)$/;

/** One node as compact TeX, for display and for comparing two sub-expressions. */
export function nodeTex(n: MathNode): string {
  let s: string;
  switch (n.type) {
    case 'id':
      if (n.name.length === 1 || n.name === '') s = n.name;
      else if (n.macro) s = '\\' + n.name;
      else if (GREEK_TEX.test(n.name) && GREEK_NAMES.has(n.name)) s = '\\' + n.name;
      else s = '\\mathrm{' + n.name + '}';
      if (n.font === 'bb') s = '\\mathbb{' + s + '}';
      else if (n.font === 'cal') s = '\\mathcal{' + s + '}';
      break;
    case 'op':
      s = n.name === 'KL' || n.name === 'JS' || n.name === 'ELBO' ? '\\mathrm{' + (n.name === 'JS' ? 'JSD' : n.name) + '}'
        : n.name === 'argmax' || n.name === 'argmin' ? '\\arg\\' + n.name.slice(3) : '\\' + n.name;
      break;
    case 'num': case 'punct': s = n.name; break;
    case 'bin': s = n.name === '*' ? '\\cdot ' : n.name; break;
    case 'rel': s = REL_TEX[n.name] ?? n.name; break;
    case 'bar': s = '|'; break;
    case 'par': s = '\\|'; break;
    case 'text': s = '\\text{' + n.name + '}'; break;
    case 'frac': s = '\\frac{' + tex(n.args?.[0] ?? []) + '}{' + tex(n.args?.[1] ?? []) + '}'; break;
    case 'sqrt': s = '\\sqrt{' + tex(n.args?.[0] ?? []) + '}'; break;
    case 'group': {
      const open = n.name === '{' ? '\\{' : n.name === '.' ? '' : n.name === '<' ? '\\langle ' : n.name === '||' ? '\\|' : n.name;
      const close = n.name === '(' ? ')' : n.name === '[' ? ']' : n.name === '{' ? '\\}' : n.name === '<' ? '\\rangle' : n.name === '||' ? '\\|' : n.name === '|' ? '|' : '';
      s = open + tex(n.children ?? []) + close;
      break;
    }
    default: s = '';
  }
  if (n.accent) s = '\\' + n.accent + '{' + s + '}';
  for (let k = 0; k < (n.prime ?? 0); k++) s += "'";
  if (n.sub) s += '_' + script(n.sub);
  if (n.sup) s += '^' + script(n.sup);
  return s;
}

const GREEK_NAMES: ReadonlySet<string> = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi',
  'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega', 'ell', 'infty',
]);

const REL_TEX: Readonly<Record<string, string>> = {
  '<=': '\\le', '>=': '\\ge', '!=': '\\neq', '~=': '\\approx', propto: '\\propto', '<-': '\\leftarrow', '->': '\\to',
  '=>': '\\Rightarrow', in: '\\in', sim: '\\sim', notin: '\\notin',
};

function script(nodes: readonly MathNode[]): string {
  const t = tex(nodes);
  return t.length === 1 ? t : '{' + t + '}';
}

/** A sequence as compact TeX. */
export function tex(nodes: readonly MathNode[]): string {
  let out = '';
  let afterCommand = false;
  for (const n of nodes) {
    const t = nodeTex(n);
    // `\theta x`, not `\thetax`: a letter after a control word needs a space.
    if (afterCommand && /^[A-Za-z]/.test(t)) out += ' ';
    out += t;
    afterCommand = /\\[A-Za-z]+$/.test(t);
  }
  return out;
}

/** True for a symbol that names a density: p, q, P, Q, Pr, with any script or accent. */
export function isDensityName(n: MathNode | undefined): boolean {
  // `\Pr` is upright by nature; any other letter in a font (`\mathcal{P}`, `\mathbf{p}`) names something else.
  // (`\mathbb{P}(A \mid B)`, `\mathcal{P}(x \mid y)`: probability theory's own capital P, blackboard or calligraphic.)
  return n !== undefined && n.type === 'id' && DENSITY_NAMES.has(n.name) && (!n.font || n.name === 'Pr' || (n.name === 'P' && (n.font === 'bb' || n.font === 'cal')));
}

/** True for an expectation sign: `\mathbb{E}`, `E_q`, `E[...]`, `\E` (a plain `E(x)` is read as a function). */
export function isExpectation(seq: readonly MathNode[], i: number): boolean {
  const n = seq[i];
  if (n.type !== 'id' || n.name !== 'E') return false;
  if (n.font || n.macro || n.sub) return true;
  const next = seq[i + 1];
  return next === undefined || next.type !== 'group' || next.name !== '(';
}

/** True for a group that can hold a function's arguments. */
function isArgGroup(n: MathNode | undefined): boolean {
  return n !== undefined && n.type === 'group' && (n.name === '(' || n.name === '[' || n.name === '{');
}

/** Splits a sequence at top-level nodes that `sep` accepts. */
export function splitAt(seq: readonly MathNode[], sep: (n: MathNode) => boolean): MathNode[][] {
  const parts: MathNode[][] = [[]];
  for (const n of seq) {
    if (sep(n)) parts.push([]);
    else parts[parts.length - 1].push(n);
  }
  return parts;
}

const isComma = (n: MathNode): boolean => n.type === 'punct' && n.name === ',';

/** The application whose function is `seq[i]`, if `seq[i + 1]` is its argument group. */
export function appAt(seq: MathNode[], i: number): App | undefined {
  const fn = seq[i];
  const group = seq[i + 1];
  if (!isArgGroup(group)) return undefined;
  if (fn.type !== 'id' && !(fn.type === 'op' && !NOT_CALLABLE.has(fn.name))) return undefined;
  if (fn.type === 'id' && fn.name === '') return undefined;
  const children = group.children ?? [];
  const parts = splitAt(children, (n) => n.type === 'par');
  let barAt = -1;
  for (let k = 0; k < children.length; k++) if (children[k].type === 'bar') { barAt = k; break; }
  const before = barAt < 0 ? children : children.slice(0, barAt);
  const after = barAt < 0 ? [] : children.slice(barAt + 1);
  const semi = (n: MathNode): boolean => n.type === 'punct' && n.name === ';';
  const [mainPart, ...mainParams] = splitAt(before, semi);
  const [condPart, ...condParams] = splitAt(after, semi);
  const params = [...mainParams, ...condParams].flatMap((p) => splitAt(p, isComma));
  return {
    fn, group, seq, index: i,
    main: splitAt(mainPart, isComma).filter((a) => a.length > 0),
    cond: barAt < 0 ? [] : splitAt(condPart, isComma).filter((a) => a.length > 0),
    params: params.filter((a) => a.length > 0),
    parts: parts.length > 1 ? parts : [],
  };
}

const NOT_CALLABLE: ReadonlySet<string> = new Set(['sum', 'prod', 'int', 'min', 'max', 'argmax', 'argmin', 'sup', 'inf', 'lim', 'nabla', 'partial', 'arg']);

/** Calls `visit` on every sequence of the tree: lines, group contents, scripts, fraction parts. */
export function forEachSeq(lines: readonly MathNode[][], visit: (seq: MathNode[]) => void): void {
  const stack: MathNode[][] = [...lines];
  while (stack.length > 0) {
    const seq = stack.pop()!;
    visit(seq);
    for (const n of seq) {
      if (n.children) stack.push(n.children);
      if (n.sub) stack.push(n.sub);
      if (n.sup) stack.push(n.sup);
      if (n.args) for (const a of n.args) stack.push(a);
    }
  }
}

/** Every node of a sequence and below, depth first. */
export function* allNodes(seq: readonly MathNode[]): Generator<MathNode> {
  const stack: MathNode[] = [...seq].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    yield n;
    const kids: MathNode[] = [];
    if (n.sub) kids.push(...n.sub);
    if (n.sup) kids.push(...n.sup);
    if (n.children) kids.push(...n.children);
    if (n.args) for (const a of n.args) kids.push(...a);
    for (let k = kids.length - 1; k >= 0; k--) stack.push(kids[k]);
  }
}

/** True when some node of the sequence (or below) satisfies `test`. */
export function some(seq: readonly MathNode[], test: (n: MathNode) => boolean): boolean {
  for (const n of allNodes(seq)) if (test(n)) return true;
  return false;
}

/** The sides of a line around its top-level relations, and the relations. */
export function sides(line: readonly MathNode[]): { sides: MathNode[][]; rels: string[] } {
  const out: MathNode[][] = [[]];
  const rels: string[] = [];
  for (const n of line) {
    if (n.type === 'rel' && n.name !== 'in' && n.name !== 'sim' && n.name !== 'notin' && n.name !== 'subset') {
      rels.push(n.name);
      out.push([]);
    } else out[out.length - 1].push(n);
  }
  return { sides: out, rels };
}

/** A term of a sum: its sign and nodes. */
export interface Term {
  readonly sign: 1 | -1;
  readonly nodes: MathNode[];
}

/** Splits at top-level `+` and `-` (a leading `-` gives the first term sign -1). */
export function terms(seq: readonly MathNode[]): Term[] {
  const out: Term[] = [];
  let cur: MathNode[] = [];
  let sign: 1 | -1 = 1;
  for (let k = 0; k < seq.length; k++) {
    const n = seq[k];
    // A sign right after `*` or a relation belongs to the factor, not a new term.
    if (n.type === 'bin' && (n.name === '+' || n.name === '-' || n.name === '+-') && (cur.length > 0 || out.length > 0 || k === 0)) {
      if (cur.length > 0) out.push({ sign, nodes: cur });
      cur = [];
      sign = n.name === '-' ? -1 : 1;
      continue;
    }
    cur.push(n);
  }
  if (cur.length > 0) out.push({ sign, nodes: cur });
  return out;
}

/** What `\log` at `seq[i]` is taken of: a group's content, a fraction, an application, or one symbol. */
export function logArgument(seq: readonly MathNode[], i: number): MathNode[] {
  let j = i + 1;
  const next = seq[j];
  if (!next) return [];
  if (next.type === 'group' && (next.name === '(' || next.name === '[' || next.name === '{' || next.name === '.')) {
    const inner = next.children ?? [];
    return inner;
  }
  if (next.type === 'op' && next.name === 'sum') return seq.slice(j);
  const out: MathNode[] = [next];
  j++;
  if ((next.type === 'id' || next.type === 'op') && isArgGroup(seq[j])) out.push(seq[j]);
  return out;
}

/** The first application in a short sequence (`p(x)` in `\log p(x)`), if any. */
export function firstApp(seq: MathNode[]): App | undefined {
  for (let k = 0; k < seq.length - 1; k++) {
    const a = appAt(seq, k);
    if (a) return a;
  }
  return undefined;
}




/** The symbol `\sim` splits an expectation's subscript into variable and measure. */
export function measureOf(sub: MathNode[] | undefined): { variable: MathNode[]; measure: MathNode[] } | undefined {
  if (!sub || sub.length === 0) return undefined;
  // `\mathbb{E}_{x_0 \sim p_{data},\ x_{1:T} \sim q(x_{1:T} | x_0)}`: with several draws, the last is the innermost one,
  // drawn given the others (the latent code given the data), and it is what the bracket's log ratio is weighed by.
  let k = -1;
  for (let i = sub.length - 1; i >= 0; i--) if (sub[i].type === 'rel' && sub[i].name === 'sim') { k = i; break; }
  if (k >= 0) {
    let from = 0;
    for (let i = k - 1; i >= 0; i--) if (sub[i].type === 'punct' && sub[i].name === ',' && sub.slice(0, i).some((n) => n.type === 'rel' && n.name === 'sim')) { from = i + 1; break; }
    return { variable: sub.slice(from, k), measure: sub.slice(k + 1) };
  }
  return { variable: [], measure: sub };
}
