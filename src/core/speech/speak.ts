/**
 * Spoken math: a formula read aloud as a teacher would say it, for the alt text of a hover's image
 * and the accessible name of a panel's formula. `\mathbb{E}_{x\sim p_{data}}[\log D(x)]` is "the
 * expectation over x drawn from p data of log D of x", never its TeX source.
 *
 * It reads our own parse tree (src/core/parse), which already knows what a screen reader's generic
 * engine does not: that `q_\phi(z|x)` is a density conditioned on x (MathJax's speech engine says
 * "z divides x"), that `D_{KL}(q\|p)` is a divergence of q from p, that `p_{data}` is a word. Where
 * the tree does not cover the formula (an unknown macro, a matrix, a stray symbol, a formula too long
 * or too deep to parse whole) the reading says so with `complete: false`, and a caller that has
 * MathJax's speech rule engine at hand uses it instead.
 */
import { parseMath } from '../parse/parser';
import type { MathNode } from '../parse/tree';
import { normalizeFormula } from '../recognize/normalize';
import { splitAt } from '../recognize/query';
import { BIG_OPERATORS, BINARY_WORDS, FUNCTION_WORDS, GREEK_NAMES, RELATION_WORDS, primeWords, symbolWords, withAccent } from './words';

/** Characters of speech at most: a hover's alt text must stay well inside VS Code's markdown cap. */
export const SPOKEN_LIMIT = 3_000;

/** A formula's reading. */
export interface Speech {
  /** Words and commas (pauses), no TeX. */
  readonly text: string;
  /** False when part of the formula was read only roughly or left out; the caller may prefer another reader. */
  readonly complete: boolean;
}

/** Environments that only arrange lines (their rows are read one after the other). */
const LINE_ENVIRONMENTS = /^(equation|align|aligned|alignat|alignedat|gather|gathered|split|multline|eqnarray|flalign|subequations|displaymath|math)\*?$/;

/** How an item of a sequence joins its neighbours: values juxtaposed may need "times" between them. */
type Kind = 'atom' | 'app' | 'the' | 'prefix' | 'link';

interface Item {
  readonly text: string;
  readonly next: number;
  readonly kind: Kind;
}

const isBar = (n: MathNode): boolean => n.type === 'bar';
const isPar = (n: MathNode): boolean => n.type === 'par';
const isComma = (n: MathNode): boolean => n.type === 'punct' && n.name === ',';
const isSemicolon = (n: MathNode): boolean => n.type === 'punct' && n.name === ';';
const isSim = (n: MathNode): boolean => n.type === 'rel' && n.name === 'sim';

/** Short names of operators when they stand in a subscript (`\mathcal L_{\mathrm{ELBO}}`, `D_{KL}`). */
const SCRIPT_OPERATOR_WORDS: Readonly<Record<string, string>> = { KL: 'KL', JS: 'JS', ELBO: 'ELBO', min: 'min', max: 'max' };

class Reader {
  complete = true;

  /** Marks the reading as partial: something was left out or read only roughly. */
  gap(): void {
    this.complete = false;
  }

  /** A sequence of nodes, with "times" where juxtaposed values would otherwise run together, and pauses after compounds. */
  seq(nodes: readonly MathNode[]): string {
    const parts: string[] = [];
    let prev: Kind = 'link';
    for (let i = 0; i < nodes.length;) {
      const item = this.item(nodes, i);
      if (item.text === '') { i = item.next; continue; }
      const value = item.kind !== 'link';
      if (value && ((prev === 'app' || prev === 'the') || (prev === 'atom' && (item.kind === 'the' || item.kind === 'prefix')))) parts.push('times');
      parts.push(item.text);
      if ((item.kind === 'app' || item.kind === 'the') && item.next < nodes.length) parts.push(',');
      prev = item.kind === 'prefix' ? 'link' : item.kind;
      i = item.next;
    }
    return parts.join(' ');
  }

  /** Items separated by commas, read as a list: "x and z", "a, b, and c". */
  list(parts: readonly MathNode[][]): string {
    const said = parts.map((p) => this.seq(p)).filter((s) => s !== '');
    if (said.length <= 1) return said[0] ?? '';
    if (said.length === 2) return `${said[0]} and ${said[1]}`;
    return `${said.slice(0, -1).join(', ')}, and ${said[said.length - 1]}`;
  }

  item(nodes: readonly MathNode[], i: number): Item {
    const n = nodes[i];
    const next = nodes[i + 1];
    switch (n.type) {
      case 'num': return { text: this.scripted(n.name, n), next: i + 1, kind: 'atom' };
      case 'id': return this.identifier(nodes, i);
      case 'op': return this.operator(nodes, i);
      case 'bin': return { text: BINARY_WORDS[n.name] ?? this.unknown(), next: i + 1, kind: 'link' };
      case 'rel': return { text: RELATION_WORDS[n.name] ?? this.unknown(), next: i + 1, kind: 'link' };
      case 'bar': {
        // `f(x)\big|_{x=0}`: a bar with an equation under it says where the expression is evaluated.
        if (n.sub?.some((m) => m.type === 'rel')) return { text: `, evaluated at ${this.seq(n.sub)} ,`, next: i + 1, kind: 'link' };
        const j = nodes.findIndex((m, k) => k > i && m.type === 'bar');
        if (j > i + 1) return { text: this.bars(nodes.slice(i + 1, j), nodes[j]), next: j + 1, kind: 'the' };
        return { text: 'given', next: i + 1, kind: 'link' };
      }
      case 'par': {
        const j = nodes.findIndex((m, k) => k > i && m.type === 'par');
        if (j > i + 1) return { text: this.norm(nodes.slice(i + 1, j), nodes[j]), next: j + 1, kind: 'the' };
        return { text: 'parallel to', next: i + 1, kind: 'link' };
      }
      case 'punct': return { text: this.punctuation(n), next: i + 1, kind: 'link' };
      case 'group': return { text: this.group(n), next: i + 1, kind: this.isSimple(n.children ?? []) && !n.sup && (n.name === '(' || n.name === '[') ? 'atom' : 'the' };
      case 'frac': return { ...this.fraction(n, next !== undefined), next: i + 1 };
      case 'sqrt': return { text: this.withScripts(`the square root of ${this.seq(n.args?.[0] ?? [])}`, n), next: i + 1, kind: 'the' };
      // Prose (`\text{, where }`) joins the math around it; a single word (`\text{const}`) is a symbol.
      case 'text': return { text: this.prose(n.name), next: i + 1, kind: /^[A-Za-z]+$/.test(n.name.trim()) ? 'atom' : 'link' };
      case 'nl': return { text: ',', next: i + 1, kind: 'link' };
    }
  }

  unknown(): string {
    this.gap();
    return '';
  }

  /** Punctuation as pauses; a stray character is a gap in the reading. */
  punctuation(n: MathNode): string {
    switch (n.name) {
      case ',': case ';': case ':': return ',';
      case '!': return 'factorial';
      case '...': return 'and so on';
      case '.': return '';
      case "'": return 'prime';
      default: return this.unknown();
    }
  }

  /** A symbol, or a function applied to its argument group, or an expectation, a KL, a differential. */
  identifier(nodes: readonly MathNode[], i: number): Item {
    const n = nodes[i];
    const next = nodes[i + 1];
    if (n.name === 'E' && (n.font === 'bb' || ((n.sub || n.macro) && !n.font) || (!n.font && next?.type === 'group' && next.name === '['))) {
      return this.expectation(nodes, i);
    }
    if (this.isKL(n)) return this.divergence(nodes, i);
    // `dz` at the end of an integral: a differential, read "d z", never "d times z".
    if (n.name === 'd' && !n.sub && !n.sup && !n.font && next?.type === 'id') return { text: `d ${this.symbol(next)}`, next: i + 2, kind: 'link' };
    if (next?.type === 'group' && next.name === '(' ) {
      if (n.name === 'N' && n.font === 'cal' && !n.sub) {
        const normal = this.normal(next);
        if (normal) return { text: normal, next: i + 2, kind: 'the' };
      }
      return { text: this.withScripts(`${this.symbol(n)} of ${this.args(next, n)}`, next), next: i + 2, kind: 'app' };
    }
    return { text: this.symbol(n), next: i + 1, kind: this.symbol(n).startsWith('the ') ? 'prefix' : 'atom' };
  }

  /** A symbol with its font, accent, primes and scripts. */
  symbol(n: MathNode): string {
    const words = n.type === 'num' ? n.name : symbolWords(n.name, n.font);
    if (words === undefined) return this.unknown();
    // An unknown macro (`\Vx`) is read by its name, which may not be what it stands for.
    if (n.macro) this.gap();
    return this.scripted(withAccent(words, n.accent), n);
  }

  /** Words of a base followed by its primes, subscript and superscript. */
  scripted(base: string, n: MathNode): string {
    const parts = [base];
    const prime = primeWords(n.prime);
    if (prime) parts.push(prime);
    if (n.sub) parts.push(this.subscript(n.sub));
    if (n.sup) parts.push(this.superscript(n.sup));
    return parts.filter((p) => p !== '').join(' ');
  }

  /** Scripts written on a construct that is not a symbol (a group, an application's bracket, a root). */
  withScripts(words: string, n: MathNode): string {
    const parts = [words];
    if (n.sub) parts.push(`, sub ${this.seq(n.sub)}`);
    if (n.sup) parts.push(`, ${this.superscript(n.sup)}`);
    return parts.join(' ');
  }

  /** `p_\theta` "p theta", `p_{data}` "p data", `x_i` "x sub i", `x_{t-1}` "x sub t minus 1,". */
  subscript(sub: readonly MathNode[]): string {
    // `z_{smiling\_woman}`: letters joined by underscores spell words, not a product of letters.
    if (sub.length >= 3 && sub.every((m) => (m.type === 'id' && /^[A-Za-z]+$/.test(m.name) && !m.sub && !m.sup) || (m.type === 'punct' && m.name === '_'))) {
      return sub.map((m) => (m.type === 'punct' ? ' ' : m.name)).join('').replace(/\s+/g, ' ').trim();
    }
    if (sub.length === 1) {
      const s = sub[0];
      if (s.type === 'op' && SCRIPT_OPERATOR_WORDS[s.name]) return SCRIPT_OPERATOR_WORDS[s.name];
      const plain = !s.sub && !s.sup && !s.accent && !s.font && !s.prime;
      if (s.type === 'id' && plain && (GREEK_NAMES.has(s.name) || s.name.length > 1) && !s.macro) return this.symbol(s);
      if ((s.type === 'id' || s.type === 'num') && plain) return `sub ${this.symbol(s)}`;
    }
    return `sub ${this.seq(sub)} ,`;
  }

  /** `^2` "squared", `^\top` "transpose", `^{-1}` "inverse", `^*` "star", `^{(i)}` "superscript i", else "to the ...". */
  superscript(sup: readonly MathNode[]): string {
    if (sup.length === 1) {
      const s = sup[0];
      const plain = !s.sub && !s.sup && !s.accent && !s.font && !s.prime;
      if (s.type === 'num' && s.name === '2') return 'squared';
      if (s.type === 'num' && s.name === '3') return 'cubed';
      if (s.type === 'id' && plain && (s.name === 'T' || s.name === 'top' || s.name === '*' || s.name === 'star')) return s.name === 'T' || s.name === 'top' ? 'transpose' : 'star';
      if (s.type === 'bin' && s.name === '*') return 'star';
      if (s.type === 'id' && s.name === 'prime') return 'prime';
      if (s.type === 'group' && s.name === '(' && s.children?.length === 1 && !s.sup && !s.sub) return `superscript ${this.seq(s.children)}`;
      if ((s.type === 'id' || s.type === 'num') && plain) return `to the ${this.symbol(s)}`;
    }
    if (sup.length === 2 && sup[0].type === 'bin' && sup[0].name === '-' && sup[1].type === 'num' && sup[1].name === '1' && !sup[1].sup) return 'inverse';
    return `to the power ${this.seq(sup)} ,`;
  }

  /** `\mathbb E_{x\sim p}[f]`: "the expectation over x drawn from p of f". */
  expectation(nodes: readonly MathNode[], i: number): Item {
    const n = nodes[i];
    const next = nodes[i + 1];
    const over = n.sub ? ` ${this.range(n.sub)}` : '';
    if (next?.type === 'group' && (next.name === '[' || next.name === '(' || next.name === '{' || next.name === '.')) {
      return { text: this.withScripts(`the expectation${over} of ${this.seq(next.children ?? [])}`, next), next: i + 2, kind: 'the' };
    }
    return { text: `the expectation${over}${i + 1 < nodes.length ? ' of' : ''}`, next: i + 1, kind: 'prefix' };
  }

  /**
   * What an expectation or an extremum is taken over: "over x drawn from p data", "under q phi of z
   * given x" (a distribution), "over x and z".
   */
  range(sub: readonly MathNode[]): string {
    const parts = splitAt(sub, isComma).filter((p) => p.length > 0);
    if (parts.length === 1 && this.isDistribution(parts[0])) return `under ${this.seq(parts[0])}`;
    const said = parts.map((p) => {
      const k = p.findIndex(isSim);
      return k > 0 ? `${this.seq(p.slice(0, k))} drawn from ${this.seq(p.slice(k + 1))}` : this.seq(p);
    });
    return `over ${said.length > 2 ? `${said.slice(0, -1).join(', ')}, and ${said[said.length - 1]}` : said.join(' and ')}`;
  }

  /** A subscript that names a distribution: `q`, `p_\theta`, `q_\phi(z|x)`. */
  isDistribution(sub: readonly MathNode[]): boolean {
    const first = sub[0];
    if (!first || first.type !== 'id' || !['p', 'q', 'P', 'Q', 'pi'].includes(first.name) || first.font) return false;
    return sub.length === 1 || (sub.length === 2 && sub[1].type === 'group' && sub[1].name === '(');
  }

  /** `D_{KL}`, `\mathrm{KL}`, `D_{JS}`, `JSD`. */
  isKL(n: MathNode): boolean {
    if (n.type === 'op') return n.name === 'KL' || n.name === 'JS';
    return n.type === 'id' && (n.name === 'D' || n.name === 'd') && n.sub?.length === 1 && n.sub[0].type === 'op' && (n.sub[0].name === 'KL' || n.sub[0].name === 'JS');
  }

  /** "the KL divergence of q from p" (D_KL(q‖p), as "the divergence of P from Q" reads D(P‖Q)); Jensen-Shannon "between". */
  divergence(nodes: readonly MathNode[], i: number): Item {
    const n = nodes[i];
    const js = n.name === 'JS' || n.sub?.[0]?.name === 'JS';
    const name = js ? 'the Jensen-Shannon divergence' : 'the KL divergence';
    const next = nodes[i + 1];
    if (n.sup && n.type === 'op') this.gap();
    if (next?.type !== 'group' || next.name === '|' || next.name === '||') return { text: name, next: i + 1, kind: 'the' };
    const kids = next.children ?? [];
    let parts = splitAt(kids, isPar);
    if (parts.length !== 2) parts = splitAt(kids, isComma);
    if (parts.length !== 2) return { text: this.withScripts(`${name} of ${this.seq(kids)}`, next), next: i + 2, kind: 'the' };
    const [a, b] = parts.map((p) => this.seq(p));
    return { text: this.withScripts(js ? `${name} between ${a} and ${b}` : `${name} of ${a} from ${b}`, next), next: i + 2, kind: 'the' };
  }

  /** A function's arguments: "x given z", "x and z", "x with parameter theta"; a divergence's "P from Q". */
  args(group: MathNode, fn: MathNode): string {
    const kids = group.children ?? [];
    const byPar = splitAt(kids, isPar);
    if (byPar.length === 2) {
      const [a, b] = byPar.map((p) => this.seq(p));
      return fn.name === 'D' ? `${a} from ${b}` : `${a} parallel to ${b}`;
    }
    const [before, ...after] = splitAt(kids, isBar);
    const [main, ...params] = splitAt(before, isSemicolon);
    let text = this.list(splitAt(main, isComma));
    if (after.length > 0) text += ` given ${this.list(splitAt(after.flat(), isComma))}`;
    if (params.length > 0) {
      const p = splitAt(params.flat(), isComma);
      text += ` , with ${p.length > 1 ? 'parameters' : 'parameter'} ${this.list(p)}`;
    }
    return text;
  }

  /**
   * `\mathcal N(\mu, \sigma^2)`: "the normal distribution with mean mu and variance sigma squared";
   * `\mathcal N(x; \mu, \Sigma)`: "the normal density at x with mean mu and covariance capital sigma".
   * The second parameter is named only when its spelling says what it is; otherwise "parameters".
   */
  normal(group: MathNode): string | undefined {
    const kids = group.children ?? [];
    const [before, ...cond] = splitAt(kids, isBar);
    const [main, ...params] = splitAt(before, isSemicolon);
    const at = params.length > 0 || cond.length > 0 ? main : undefined;
    const ps = splitAt(params.length > 0 ? params.flat() : cond.length > 0 ? cond.flat() : main, isComma);
    if (ps.length !== 2 || ps.some((p) => p.length === 0)) return undefined;
    const head = at ? `the normal density at ${this.seq(at)}` : 'the normal distribution';
    const second = ps[1];
    const last = second[second.length - 1];
    const covariance = second.some((m) => m.type === 'id' && (m.name === 'I' || m.name === 'Sigma'));
    const variance = (second.length === 1 && (second[0].type === 'num' || (second[0].sup?.length === 1 && second[0].sup[0].name === '2'))) || (last?.sup?.length === 1 && last.sup[0].name === '2');
    const what = covariance ? 'covariance' : variance ? 'variance' : undefined;
    if (!what) return `${head} with parameters ${this.seq(ps[0])} and ${this.seq(second)}`;
    return `${head} with mean ${this.seq(ps[0])} and ${what} ${this.seq(second)}`;
  }

  /** Sums, extrema, gradients, logs and other named operators. */
  operator(nodes: readonly MathNode[], i: number): Item {
    const n = nodes[i];
    const next = nodes[i + 1];
    const more = i + 1 < nodes.length && next.type !== 'rel' && next.type !== 'bin';
    if (n.name === 'KL' || n.name === 'JS') return this.divergence(nodes, i);
    const big = BIG_OPERATORS[n.name];
    if (big !== undefined) {
      let text = big;
      if (n.sub && n.name === 'lim') text += ` as ${this.seq(n.sub)}`;
      else if (n.sub && n.sub.some((m) => m.type === 'rel' && m.name === '=')) text += ` from ${this.seq(n.sub)}`;
      else if (n.sub && (n.name === 'int' || n.sup)) text += ` from ${this.seq(n.sub)}`;
      else if (n.sub) text += ` ${this.range(n.sub)}`;
      if (n.sup) text += ` to ${this.seq(n.sup)}`;
      if (next?.type === 'group' && next.name === '(' && n.name !== 'sum' && n.name !== 'prod' && n.name !== 'int') {
        return { text: this.withScripts(`${text} of ${this.list(splitAt(next.children ?? [], isComma))}`, next), next: i + 2, kind: 'the' };
      }
      return { text: more ? `${text} of` : text, next: i + 1, kind: 'prefix' };
    }
    if (n.name === 'nabla' || n.name === 'partial') {
      const base = n.name === 'nabla' ? (n.sup?.length === 1 && n.sup[0].name === '2' ? 'the Laplacian' : 'the gradient') : 'the partial derivative';
      const text = n.sub ? `${base} with respect to ${this.seq(n.sub)}` : base;
      return { text: more ? `${text} of` : text, next: i + 1, kind: 'prefix' };
    }
    let word = FUNCTION_WORDS[n.name];
    if (word === undefined) {
      // An operator word the tables name but this reader does not (ELBO's relatives, `\mathrm{Tr}`): its name.
      word = /^[A-Za-z]+$/.test(n.name) ? n.name : this.unknown();
    }
    if (n.name === 'exp') word = 'the exponential';
    if (n.sub) word += n.name === 'log' ? ` base ${this.seq(n.sub)}` : ` ${this.subscript(n.sub)}`;
    if (n.sup) word += ` ${this.superscript(n.sup)}`;
    // `\log \frac{p}{q}`, `\log \sum_z`: "log of the fraction ...", not "log the fraction".
    if (more && (next.type === 'frac' || next.type === 'sqrt' || (next.type === 'op' && BIG_OPERATORS[next.name] !== undefined) || (next.type === 'id' && next.name === 'E' && next.font === 'bb'))) word += ' of';
    if (next?.type === 'group' && (next.name === '(' || next.name === '[')) {
      return { text: this.withScripts(`${word} of ${this.list(splitAt(next.children ?? [], isComma))}`, next), next: i + 2, kind: 'app' };
    }
    const the = word.startsWith('the ');
    return { text: the && more ? `${word} of` : word, next: i + 1, kind: the ? 'prefix' : more ? 'prefix' : 'atom' };
  }

  /** A fraction: a derivative, "a over b" for two symbols, "the fraction A, over B," otherwise. */
  fraction(n: MathNode, more: boolean): Omit<Item, 'next'> {
    const [num = [], den = []] = n.args ?? [];
    const isD = (m: MathNode | undefined): boolean => m !== undefined && ((m.type === 'op' && m.name === 'partial') || (m.type === 'id' && m.name === 'd' && !m.font && !m.sub));
    if (isD(num[0]) && isD(den[0]) && den.length > 1) {
      const partial = num[0].type === 'op';
      const order = num[0].sup?.length === 1 && num[0].sup[0].name === '2' ? 'second ' : '';
      const what = `the ${order}${partial ? 'partial ' : ''}derivative`;
      const wrt = this.seq(den.slice(1));
      if (num.length === 1) return { text: `${what} with respect to ${wrt}${more ? ' of' : ''}`, kind: 'prefix' };
      return { text: this.withScripts(`${what} of ${this.seq(num.slice(1))} with respect to ${wrt}`, n), kind: 'the' };
    }
    if (this.isSimple(num) && this.isSimple(den)) return { text: this.withScripts(`${this.seq(num)} over ${this.seq(den)}`, n), kind: n.sup ? 'the' : 'atom' };
    return { text: this.withScripts(`the fraction ${this.seq(num)} , over ${this.seq(den)} ,`, n), kind: 'the' };
  }

  /** One symbol or number, with at most simple scripts. */
  isSimple(nodes: readonly MathNode[]): boolean {
    if (nodes.length !== 1) return false;
    const m = nodes[0];
    return (m.type === 'id' || m.type === 'num') && !(m.sub && m.sub.length > 1) && !(m.sup && m.sup.length > 1);
  }

  /** A delimited group that is not a function's argument. */
  group(n: MathNode): string {
    const kids = n.children ?? [];
    switch (n.name) {
      case '|': return this.bars(kids, n);
      case '||': return this.norm(kids, n);
      case '{': {
        const k = kids.findIndex((m) => m.type === 'bar' || (m.type === 'punct' && m.name === ':'));
        if (k > 0) return this.withScripts(`the set of ${this.seq(kids.slice(0, k))} such that ${this.seq(kids.slice(k + 1))}`, n);
        return this.withScripts(`the set ${this.list(splitAt(kids, isComma))}`, n);
      }
      case '<': return this.withScripts(`the inner product of ${this.list(splitAt(kids, isComma))}`, n);
      case '.': return n.sub ? `${this.seq(kids)} , evaluated at ${this.seq(n.sub)} ,` : this.seq(kids);
      default:
        if (this.isSimple(kids)) return this.withScripts(this.seq(kids), n);
        return this.withScripts(`the quantity ${this.seq(kids)}`, n);
    }
  }

  /** `|x|`: an absolute value; `|\Sigma|` a determinant; `|D|` (one capital letter) the size of a set. */
  bars(kids: readonly MathNode[], closer: MathNode): string {
    const one = kids.length === 1 ? kids[0] : undefined;
    let what = 'the absolute value of';
    if (one && one.type === 'id' && !one.sub && /^[A-Z][a-z]+$/.test(one.name)) what = 'the determinant of';
    else if (one && one.type === 'id' && !one.sub && /^[A-Z]$/.test(one.name)) what = 'the size of';
    return this.withScripts(`${what} ${this.seq(kids)}`, closer);
  }

  /** `\|x\|_2^2`: "the 2-norm of x, squared"; `\|x\|_{\alpha}`: "the alpha norm of x". */
  norm(kids: readonly MathNode[], closer: MathNode): string {
    const sub = closer.sub;
    // A one-symbol subscript names the norm's order (2, ∞, p, α); a longer one is read as a subscript.
    const order = sub?.length === 1 && (sub[0].type === 'num' || sub[0].type === 'id') ? `${this.symbol(sub[0])} ` : '';
    const text = `the ${order}norm of ${this.seq(kids)}${sub && !order ? ` , sub ${this.seq(sub)}` : ''}`;
    return closer.sup ? `${text} , ${this.superscript(closer.sup)}` : text;
  }

  /** Prose inside `\text{...}`: its words, without any TeX left in it. */
  prose(text: string): string {
    if (/[\\{}^_$&#%]/.test(text)) this.gap();
    return text.replace(/[\\{}^_$&#%]/g, ' ').replace(/\s+/g, ' ').trim();
  }
}

/** Commas tidied (no space before, one after, never two in a row, none at the ends), spaces single. */
function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s*,(\s*,)*/g, ',')
    .replace(/,(?=\S)/g, ', ')
    .replace(/^[\s,]+|[\s,]+$/g, '')
    .replace(/,\s*\./g, '.');
}

/**
 * Reads a formula (with or without its `$`/`\[` delimiters, TeX or pasted Unicode) aloud. Never
 * throws; linear in the formula (the parser bounds its length and depth); the text is at most
 * `SPOKEN_LIMIT` characters, ending in "and more" when it had to stop.
 */
export function speakTex(source: string): Speech {
  const tex = normalizeFormula(source);
  const parsed = parseMath(tex);
  const reader = new Reader();
  if (parsed.truncated || parsed.depthLimited) reader.gap();
  // A matrix or cases environment is a layout our tree flattens into one line: its reading would be wrong.
  for (const m of tex.matchAll(/\\begin\s*\{([^}]*)\}/g)) if (!LINE_ENVIRONMENTS.test(m[1].trim())) reader.gap();
  const lines = parsed.lines.map((l) => tidy(reader.seq(l))).filter((l) => l !== '');
  let text = lines.join('. ');
  // Whatever a table let through, no TeX reaches a screen reader.
  if (/[\\{}^_$]/.test(text)) {
    reader.gap();
    text = tidy(text.replace(/[\\{}^_$]/g, ' '));
  }
  if (text === '') return { text: 'empty formula', complete: tex.trim() === '' };
  if (text.length > SPOKEN_LIMIT) {
    const cut = text.lastIndexOf(' ', SPOKEN_LIMIT - 12);
    return { text: `${text.slice(0, cut > 0 ? cut : SPOKEN_LIMIT - 12).replace(/[\s,]+$/, '')}, and more`, complete: false };
  }
  return { text, complete: reader.complete };
}
