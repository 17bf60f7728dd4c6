/**
 * Check 1(a): every free symbol of a step comes from the formula, from an assumption a step
 * states, or from a definition a step makes. Symbols are compared in canonical TeX, the form the
 * parser's printer gives, so `q_\phi` in a note and `q_{\phi}` in a step are the same symbol.
 */
import { parseMath } from '../../parse/parser';
import type { MathNode } from '../../parse/tree';
import { nodeTex } from '../../recognize/query';

/** Symbols any step may use: constants, and names of operators written as symbols. */
const ALWAYS: ReadonlySet<string> = new Set(['e', '\\pi', 'I', '\\mathrm{d}', '\\binom']);

const cache = new Map<string, string>();

/** The canonical TeX of a symbol: `q_\phi` -> `q_{\phi}`. */
export function canonical(name: string): string {
  const hit = cache.get(name);
  if (hit !== undefined) return hit;
  let out = name;
  try {
    const nodes = parseMath(name).lines.flat();
    if (nodes.length === 1) out = nodeTex(nodes[0]).replace(/\^\{?\\cdot ?\}?/g, '^{*}');
  } catch {
    // A name the parser cannot read stays as written; it will simply not match.
  }
  if (cache.size > 5000) cache.clear();
  cache.set(name, out);
  return out;
}

function addNode(n: MathNode, out: Set<string>): void {
  if (n.type === 'id' && n.name !== '') {
    out.add(nodeTex({ ...n, sup: undefined, prime: undefined }));
    out.add(nodeTex({ ...n, sup: undefined, prime: undefined, sub: undefined }));
    if (n.prime) out.add(nodeTex({ ...n, sup: undefined }));
    // Starred names (`D^*`, `p^*`) are names, not powers.
    if (n.sup) out.add(nodeTex(n).replace(/\^\{?\\cdot ?\}?/g, '^{*}'));
    if (n.accent) out.add(nodeTex({ ...n, sup: undefined, prime: undefined, sub: undefined, accent: undefined }));
  }
  for (const c of [...(n.sub ?? []), ...(n.sup ?? []), ...(n.children ?? []), ...(n.args ?? []).flat()]) addNode(c, out);
}

/** Every symbol a formula writes, in canonical TeX, with and without its subscript. */
export function formulaSymbols(tex: string): Set<string> {
  try {
    return symbolsOf(parseMath(tex).lines);
  } catch {
    // An unreadable formula has no symbols to lend: every step symbol must then be introduced.
    return new Set();
  }
}

/** The symbols exactly as written (accents kept: `\hat{y}` does not write `y`), canonical TeX. */
export function writtenSymbolsOf(lines: readonly (readonly MathNode[])[]): Set<string> {
  const out = new Set<string>();
  const visit = (n: MathNode): void => {
    if (n.type === 'id' && n.name !== '') {
      out.add(nodeTex({ ...n, sup: undefined, prime: undefined }));
      if (!n.accent) out.add(nodeTex({ ...n, sup: undefined, prime: undefined, sub: undefined }));
    }
    for (const c of [...(n.sub ?? []), ...(n.sup ?? []), ...(n.children ?? []), ...(n.args ?? []).flat()]) visit(c);
  };
  for (const line of lines) for (const n of line) visit(n);
  return out;
}

/** Every symbol of parsed lines, in canonical TeX. */
export function symbolsOf(lines: readonly (readonly MathNode[])[]): Set<string> {
  const out = new Set<string>();
  for (const line of lines) for (const n of line) addNode(n, out);
  return out;
}

/**
 * True when `name` may appear: it is allowed as written, or it is a subscripted name whose base
 * and subscript symbols are all allowed (`x_{t-1}` when the formula has `x` and `t`).
 */
export function symbolAllowed(name: string, allowed: ReadonlySet<string>): boolean {
  const c = canonical(name);
  if (ALWAYS.has(name) || ALWAYS.has(c) || allowed.has(c) || allowed.has(name)) return true;
  let nodes: MathNode[];
  try {
    nodes = parseMath(name).lines.flat();
  } catch {
    return false;
  }
  if (nodes.length !== 1 || nodes[0].type !== 'id' || !nodes[0].sub || nodes[0].sup) return false;
  const n = nodes[0];
  if (!allowed.has(nodeTex({ ...n, sub: undefined }))) return false;
  const inner = new Set<string>();
  for (const s of n.sub ?? []) addNode(s, inner);
  const subIds = [...inner];
  return subIds.every((s) => ALWAYS.has(s) || allowed.has(s) || /^\\mathrm\{[a-z]+\}$/.test(s));
}
