/**
 * A small reader for the TeX of formulas with numbers: a tokenizer and a recursive-descent
 * parser that build the evaluator's own tree. It is separate from the recognizer's parser
 * because evaluation needs operator precedence, implicit multiplication, script arguments
 * (`x^23` is x²·3) and distribution literals, which recognition does not care about.
 *
 * Hostile input is bounded: the caller caps the length, the tokenizer is linear, and the
 * parser refuses to nest deeper than MAX_DEPTH, so no input can exhaust the stack.
 */

/** A formula that cannot be read: a one-line message for people. */
export class ReadError extends Error {}
/** A formula that names letters without values. */
export class SymbolicError extends Error {}

/** The evaluator's tree. */
export type Node =
  /** `text`: the literal as written, kept when a double cannot hold it (1e-400 rounds to 0). */
  | { readonly k: 'num'; readonly v: number; readonly text?: string }
  | { readonly k: 'var'; readonly name: string }
  | { readonly k: 'neg'; readonly a: Node }
  | { readonly k: 'bin'; readonly op: '+' | '-' | '*' | '/' | '^'; readonly a: Node; readonly b: Node }
  | { readonly k: 'fn'; readonly name: string; readonly args: readonly Node[]; readonly base?: Node; readonly power?: Node }
  | { readonly k: 'fact'; readonly a: Node }
  /** A sum or product; without bounds (`\sum_i p_i`) it runs over the entries of the vectors the body indexes. */
  | { readonly k: 'big'; readonly op: 'sum' | 'prod'; readonly v: string; readonly lo?: Node; readonly hi?: Node; readonly body: Node }
  /** An entry of a vector, 1-based: `\mathrm{softmax}(1, 2, 3)_2`. */
  | { readonly k: 'index'; readonly a: Node; readonly i: Node }
  | { readonly k: 'vec'; readonly items: readonly Node[] }
  | { readonly k: 'dist'; readonly name: 'gaussian' | 'bernoulli' | 'categorical' | 'uniform'; readonly args: readonly Node[] }
  | { readonly k: 'div'; readonly name: 'kl' | 'jsd' | 'ce' | 'entropy'; readonly args: readonly Node[] }
  | { readonly k: 'expect'; readonly v: string; readonly dist: Node; readonly body: Node };

/** One token: a number (with its digits, for TeX's one-digit script arguments), a name, a control word or an operator. */
export type Tok =
  | { t: 'num'; v: number; text: string }
  | { t: 'name'; v: string }
  | { t: 'cmd'; v: string }
  | { t: 'op'; v: string };

const MAX_DEPTH = 150;
const MAX_TOKENS = 4000;

/** Letter runs kept whole: names of divergences, distributions and functions. */
const WORDS = new Set([
  'KL', 'JSD', 'JS', 'CE', 'Bern', 'Ber', 'Bernoulli', 'Cat', 'Categorical', 'Unif', 'Uniform',
  'exp', 'log', 'ln', 'lg', 'sqrt', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'max', 'min', 'softmax', 'sigmoid',
]);

const FUNCTIONS = new Set(['log', 'ln', 'lg', 'exp', 'sin', 'cos', 'tan', 'tanh', 'sinh', 'cosh', 'arctan', 'max', 'min', 'sigmoid']);

/** Control words that stand for a symbol (Greek letters, operators without numbers): symbolic. */
const SYMBOLS = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'zeta', 'eta', 'theta', 'vartheta', 'iota', 'kappa', 'lambda',
  'mu', 'nu', 'xi', 'rho', 'varrho', 'sigma', 'varsigma', 'tau', 'upsilon', 'phi', 'varphi', 'chi', 'psi', 'omega',
  'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
  'nabla', 'partial', 'ell', 'hbar', 'emptyset', 'varnothing',
]);

/** Commands that only change the look: dropped. */
const IGNORED = new Set([
  'left', 'right', 'middle', 'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'bigm', 'Bigm',
  'limits', 'nolimits', 'displaystyle', 'textstyle', 'scriptstyle', 'quad', 'qquad', 'enspace', 'thinspace', 'medspace', 'thickspace',
  'negthinspace', 'mathstrut', 'strut', 'nonumber', 'notag',
]);

/** Font and text wrappers whose letters form one name (`\mathrm{KL}`, `\mathcal{N}`, `\text{Bern}`). */
const WRAPPERS = new Set([
  'mathrm', 'text', 'textrm', 'textit', 'textsf', 'mathit', 'mathsf', 'mathbf', 'mathcal', 'mathbb', 'mathscr', 'mathfrak',
  'operatorname', 'boldsymbol', 'bm', 'rm', 'mbox', 'textup', 'mathnormal',
]);

const SEPARATOR_CMDS = new Set(['leftarrow', 'gets', 'approx', 'coloneqq', 'equiv', 'simeq', 'triangleq', 'doteq', 'Leftarrow', 'longleftarrow']);

const UNICODE: Readonly<Record<string, Tok>> = {
  '‖': { t: 'op', v: '‖' }, '∥': { t: 'op', v: '‖' }, '·': { t: 'op', v: '*' }, '⋅': { t: 'op', v: '*' }, '×': { t: 'op', v: '*' },
  '−': { t: 'op', v: '-' }, '≈': { t: 'op', v: '=' }, '←': { t: 'op', v: '=' }, '∼': { t: 'op', v: '~' }, '÷': { t: 'op', v: '/' },
  'π': { t: 'cmd', v: 'pi' }, '√': { t: 'cmd', v: 'sqrt' }, '∑': { t: 'cmd', v: 'sum' }, '∏': { t: 'cmd', v: 'prod' },
  '𝒩': { t: 'name', v: 'N' }, '𝔼': { t: 'name', v: 'E' }, '∞': { t: 'cmd', v: 'infty' },
};

/** A number's node; the literal's text is kept only where the double lost it (over- or underflow). */
function numNode(t: { v: number; text: string }): Node {
  const lost = !Number.isFinite(t.v) || (Math.abs(t.v) < 2.2250738585072014e-308 && /[1-9]/.test(t.text.split('e')[0]));
  return lost ? { k: 'num', v: t.v, text: t.text } : { k: 'num', v: t.v };
}

/** The tokens of `tex`; linear time, at most MAX_TOKENS tokens. */
export function tokenize(tex: string): Tok[] {
  const out: Tok[] = [];
  const push = (t: Tok): void => {
    if (out.length >= MAX_TOKENS) throw new ReadError(`the formula is too long to evaluate (over ${MAX_TOKENS} tokens)`);
    out.push(t);
  };
  let i = 0;
  const n = tex.length;
  while (i < n) {
    const c = tex[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '~' || c === '&') { i++; continue; }
    if (c >= '0' && c <= '9' || (c === '.' && tex[i + 1] >= '0' && tex[i + 1] <= '9')) {
      const m = /^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+(?![A-Za-z]))?/.exec(tex.slice(i, i + 64));
      const text = m ? m[0] : c;
      push({ t: 'num', v: Number(text), text });
      i += text.length;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < n && /[A-Za-z]/.test(tex[j])) j++;
      const run = tex.slice(i, j);
      if (WORDS.has(run)) push({ t: 'name', v: run });
      else for (const ch of run) push({ t: 'name', v: ch });
      i = j;
      continue;
    }
    if (c === '\\') {
      const next = tex[i + 1] ?? '';
      if (/[A-Za-z]/.test(next)) {
        let j = i + 1;
        while (j < n && /[A-Za-z]/.test(tex[j])) j++;
        const name = tex.slice(i + 1, j);
        i = j;
        if (name === 'operatorname' && tex[i] === '*') i++;
        if (name === 'begin' || name === 'end' || name === 'label' || name === 'tag') {
          // Environments (`aligned`, `split`) only lay out lines; `&` and `\\` are handled below.
          const m = /^\s*\{[^{}]{0,40}\}/.exec(tex.slice(i, i + 64));
          if (m) i += m[0].length;
          // Their `&` would otherwise vanish and turn a vector's entries into a product.
          if (name === 'begin' && /(?:matrix|array|tabular|cases)/.test(m?.[0] ?? '')) push({ t: 'op', v: 'matrix' });
          continue;
        }
        if (IGNORED.has(name)) {
          // `\left.` and `\right.` are invisible delimiters.
          while (tex[i] === ' ') i++;
          if ((name === 'left' || name === 'right' || name.startsWith('big') || name.startsWith('Big')) && tex[i] === '.') i++;
          continue;
        }
        if (WRAPPERS.has(name)) {
          while (tex[i] === ' ') i++;
          if (tex[i] === '{') {
            // A bounded look-ahead keeps the tokenizer linear however many wrappers there are.
            const word = /^\{\s*([A-Za-z]+(?:\s+[A-Za-z]+)*)\s*\}/.exec(tex.slice(i, i + 80));
            if (word) {
              push({ t: 'name', v: word[1].replace(/\s+/g, '') });
              i += word[0].length;
            }
            // Otherwise the wrapper is dropped and its group read as math (`\mathbf{0.5}`).
          } else if (/[A-Za-z]/.test(tex[i] ?? '')) {
            push({ t: 'name', v: tex[i] });
            i++;
          }
          continue;
        }
        switch (name) {
          case 'cdot': case 'times': case 'ast': push({ t: 'op', v: '*' }); continue;
          case 'div': push({ t: 'op', v: '/' }); continue;
          case 'Vert': case 'lVert': case 'rVert': case 'parallel': push({ t: 'op', v: '‖' }); continue;
          case 'vert': case 'lvert': case 'rvert': case 'mid': push({ t: 'op', v: '|' }); continue;
          case 'sim': push({ t: 'op', v: '~' }); continue;
          case 'lbrack': push({ t: 'op', v: '[' }); continue;
          case 'rbrack': push({ t: 'op', v: ']' }); continue;
          default:
            push(SEPARATOR_CMDS.has(name) ? { t: 'op', v: '=' } : { t: 'cmd', v: name });
            continue;
        }
      }
      // Control symbols.
      i += 2;
      if (next === '|') push({ t: 'op', v: '‖' });
      else if (next === '{') push({ t: 'op', v: '(' });
      else if (next === '}') push({ t: 'op', v: ')' });
      else if (next === '\\') push({ t: 'op', v: '=' }); // a line break in aligned maths separates sides
      else if (next === '%') push({ t: 'op', v: '%' });
      // `\,` `\;` `\!` `\:` `\ ` are spacing.
      continue;
    }
    if (c === '|' && tex[i + 1] === '|') { push({ t: 'op', v: '‖' }); i += 2; continue; }
    if (c === ':' && tex[i + 1] === '=') { push({ t: 'op', v: '=' }); i += 2; continue; }
    if ('+-*/^_()[]{},;=|!?\''.includes(c)) { push({ t: 'op', v: c }); i++; continue; }
    if (c === '²' || c === '³') { push({ t: 'op', v: '^' }); push({ t: 'num', v: c === '²' ? 2 : 3, text: c === '²' ? '2' : '3' }); i++; continue; }
    const cp = tex.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    const u = UNICODE[ch];
    if (u) { push(u); i += ch.length; continue; }
    if (/\p{L}/u.test(ch)) { push({ t: 'name', v: ch }); i += ch.length; continue; }
    // Left for the parser to reject, so that a formula with letters is reported as symbolic
    // (its letters are the reason) rather than for a stray `.` or `:`.
    push({ t: 'op', v: ch });
    i += ch.length;
  }
  return out;
}

/** The formula's sides: the token list split at top-level `=` (and `\approx`, `\leftarrow`, `:=`, `\\`). */
export function splitSides(tokens: readonly Tok[]): Tok[][] {
  const sides: Tok[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (t.t === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) depth++;
    if (t.t === 'op' && (t.v === ')' || t.v === ']' || t.v === '}')) depth--;
    if (t.t === 'op' && t.v === '=' && depth <= 0) sides.push([]);
    else sides[sides.length - 1].push(t);
  }
  // A `.` or `,` ending a line of an aligned derivation is punctuation, not maths.
  for (const side of sides) {
    const last = side[side.length - 1];
    if (last?.t === 'op' && (last.v === '.' || last.v === ',' || last.v === ';')) side.pop();
  }
  return sides;
}

/** True when a side is only a number (`= 0.1306` closing a derivation): a stated result, nothing to compute. */
export function isBareNumber(side: readonly Tok[]): boolean {
  const rest = side[0]?.t === 'op' && side[0].v === '-' ? side.slice(1) : side;
  return rest.length === 1 && rest[0].t === 'num';
}

/** The letters and Greek symbols the tokens name: when there are any, a failure to read is best explained as "symbolic". */
export function freeSymbols(tokens: readonly Tok[]): string[] {
  const seen = new Set<string>();
  for (const t of tokens) {
    if (t.t === 'name' && t.v.length === 1 && t.v !== 'e' && t.v !== 'N' && t.v !== 'E' && t.v !== 'H' && t.v !== 'D' && t.v !== 'U') seen.add(t.v);
    if (t.t === 'cmd' && SYMBOLS.has(t.v)) seen.add(`\\${t.v}`);
  }
  return [...seen];
}

/** Parses one side (a token list) into the evaluator's tree. Throws ReadError or SymbolicError. */
export function parseSide(tokens: Tok[]): Node {
  const p = new Parser(tokens);
  const node = p.expr();
  p.expectEnd();
  return node;
}

class Parser {
  #pos = 0;
  #depth = 0;
  constructor(private readonly toks: Tok[]) {}

  expectEnd(): void {
    const t = this.#peek();
    if (t) throw new ReadError(`unexpected ${show(t)} in the formula`);
  }

  #peek(offset = 0): Tok | undefined {
    return this.toks[this.#pos + offset];
  }

  #isOp(v: string, offset = 0): boolean {
    const t = this.#peek(offset);
    return t !== undefined && t.t === 'op' && t.v === v;
  }

  #take(): Tok {
    const t = this.toks[this.#pos++];
    if (!t) throw new ReadError('the formula ends too early');
    return t;
  }

  #expectOp(v: string): void {
    const t = this.#peek();
    if (!t || t.t !== 'op' || t.v !== v) throw new ReadError(`expected '${v}' but found ${t ? show(t) : 'the end of the formula'}`);
    this.#pos++;
  }

  #enter(): void {
    if (++this.#depth > MAX_DEPTH) throw new ReadError(`the formula is nested too deeply to evaluate (over ${MAX_DEPTH} levels)`);
  }

  expr(): Node {
    this.#enter();
    let left = this.#term();
    while (this.#isOp('+') || this.#isOp('-')) {
      const op = (this.#take() as { v: '+' | '-' }).v;
      left = { k: 'bin', op, a: left, b: this.#term() };
    }
    this.#depth--;
    return left;
  }

  #term(): Node {
    let left = this.#unary();
    for (;;) {
      if (this.#isOp('*') || this.#isOp('/')) {
        const op = (this.#take() as { v: '*' | '/' }).v;
        left = { k: 'bin', op, a: left, b: this.#unary() };
      } else if (this.#startsFactor()) {
        left = { k: 'bin', op: '*', a: left, b: this.#power() };
      } else {
        return left;
      }
    }
  }

  #unary(): Node {
    if (this.#isOp('-')) { this.#pos++; this.#enter(); const a = this.#unary(); this.#depth--; return { k: 'neg', a }; }
    if (this.#isOp('+')) { this.#pos++; this.#enter(); const a = this.#unary(); this.#depth--; return a; }
    return this.#power();
  }

  /** True when the next token can start a factor of an implicit product (`2\pi e`, `0.5(1+x)`). */
  #startsFactor(): boolean {
    const t = this.#peek();
    if (!t) return false;
    if (t.t === 'num' || t.t === 'name' || t.t === 'cmd') return true;
    return t.t === 'op' && (t.v === '(' || t.v === '[' || t.v === '{');
  }

  #power(): Node {
    this.#enter();
    let base = this.#primary();
    while (this.#isOp('!')) { this.#pos++; base = { k: 'fact', a: base }; }
    if (this.#isOp('^')) {
      this.#pos++;
      base = { k: 'bin', op: '^', a: base, b: this.#scriptArg() };
    }
    this.#depth--;
    return base;
  }

  /** The argument of `^`, `_` or `\frac`: a braced group or a single token (`x^23` is x²·3). */
  #scriptArg(): Node {
    this.#enter();
    try {
      const t = this.#peek();
      if (!t) throw new ReadError('a script or fraction is missing its argument');
      if (t.t === 'op' && t.v === '{') {
        this.#pos++;
        const e = this.expr();
        this.#expectOp('}');
        return e;
      }
      if (t.t === 'op' && t.v === '-') { this.#pos++; return { k: 'neg', a: this.#scriptArg() }; }
      if (t.t === 'num') {
        // A bare digit run after `^` or `\frac` is read one digit at a time, as TeX does.
        if (/^\d\d/.test(t.text)) {
          this.toks[this.#pos] = { t: 'num', v: Number(t.text.slice(1)), text: t.text.slice(1) };
          return { k: 'num', v: Number(t.text[0]) };
        }
        this.#pos++;
        return numNode(t);
      }
      if (t.t === 'name' || t.t === 'cmd') return this.#primary(true);
      throw new ReadError(`unexpected ${show(t)} after a script or fraction`);
    } finally {
      this.#depth--;
    }
  }

  /** `( a, b )` or `[ a, b ]`: a group when there is one item, a vector otherwise. */
  #bracketed(open: string, separators: readonly string[]): Node[] {
    const close = open === '(' ? ')' : open === '[' ? ']' : '}';
    this.#expectOp(open);
    const items: Node[] = [];
    if (this.#isOp(close)) throw new ReadError(`empty '${open}${close}' in the formula`);
    for (;;) {
      items.push(this.expr());
      const t = this.#peek();
      if (t && t.t === 'op' && separators.includes(t.v)) { this.#pos++; continue; }
      // Accept `(a, b]` style mismatches only as the closer they mean: the opener's pair.
      this.#expectOp(close);
      return items;
    }
  }

  #primary(scriptOnly = false): Node {
    const t = this.#take();
    if (t.t === 'num') return numNode(t);
    if (t.t === 'op') {
      if (t.v === '(' || t.v === '[') {
        this.#pos--;
        const items = this.#bracketed(t.v, [',', ';']);
        return items.length === 1 ? items[0] : { k: 'vec', items };
      }
      if (t.v === '{') {
        const e = this.expr();
        this.#expectOp('}');
        return e;
      }
      if (t.v === '|') {
        const e = this.expr();
        this.#expectOp('|');
        return { k: 'fn', name: 'abs', args: [e] };
      }
      if (t.v === 'matrix') throw new ReadError('matrices, arrays and cases are not evaluated');
      throw new ReadError(`unexpected ${show(t)} in the formula`);
    }
    if (t.t === 'name') return this.#name(t.v, scriptOnly);
    return this.#command(t.v, scriptOnly);
  }

  #subscriptText(): string {
    // The subscript of D or E as plain letters: `_{KL}`, `_\text{KL}`, `_{\mathrm{JS}}`.
    this.#expectOp('_');
    const t = this.#peek();
    if (t?.t === 'name') { this.#pos++; return t.v; }
    if (t?.t === 'op' && t.v === '{') {
      let text = '';
      let j = this.#pos + 1;
      while (this.toks[j]?.t === 'name') {
        text += (this.toks[j] as { v: string }).v;
        j++;
      }
      if (this.#isOp('}', j - this.#pos)) { this.#pos = j + 1; return text; }
    }
    return '';
  }

  #name(v: string, scriptOnly: boolean): Node {
    if (scriptOnly) return v === 'e' ? { k: 'num', v: Math.E } : this.#decoratedVar(v, true);
    const next = this.#peek();
    const opensArgs = next?.t === 'op' && (next.v === '(' || next.v === '[');
    switch (v) {
      case 'e': return { k: 'num', v: Math.E };
      case 'KL': return this.#divergence('kl');
      case 'JSD': case 'JS': return this.#divergence('jsd');
      case 'CE': return this.#divergence('ce');
      case 'Bern': case 'Ber': case 'Bernoulli': return this.#distribution('bernoulli');
      case 'Cat': case 'Categorical': return this.#distribution('categorical');
      case 'Unif': case 'Uniform': return this.#distribution('uniform');
      case 'N': if (opensArgs) return this.#distribution('gaussian'); break;
      case 'U': if (opensArgs) return this.#distribution('uniform'); break;
      case 'H': if (opensArgs) return this.#divergence('entropy'); break;
      case 'D': if (this.#isOp('_')) {
        const save = this.#pos;
        const sub = this.#subscriptText().toUpperCase();
        if (sub === 'KL') return this.#divergence('kl');
        if (sub === 'JS' || sub === 'JSD') return this.#divergence('jsd');
        this.#pos = save;
      } break;
      case 'E': if (this.#isOp('_')) return this.#expectation(); break;
      case 'softmax': {
        if (!opensArgs) throw new SymbolicError('softmax without arguments');
        const args = this.#bracketed((next as { v: string }).v, [',', ';']);
        const vec: Node = args.length === 1 ? args[0] : { k: 'vec', items: args };
        const soft: Node = { k: 'fn', name: 'softmax', args: [vec] };
        return this.#indexed(soft);
      }
      default:
        if (FUNCTIONS.has(v)) return this.#function(v);
        if (v === 'sqrt') return this.#command('sqrt', false);
    }
    return this.#decoratedVar(v, false);
  }

  /** `a_2` or `a_{i}` after a vector-valued expression: one of its entries. */
  #indexed(a: Node): Node {
    if (!this.#isOp('_')) return a;
    this.#pos++;
    return { k: 'index', a, i: this.#scriptArg() };
  }

  /** A letter with its subscript and primes (`x_1`, `\theta'`): symbolic unless bound. */
  #decoratedVar(v: string, scriptOnly: boolean): Node {
    let name = v;
    if (!scriptOnly) {
      while (this.#isOp('\'')) { this.#pos++; name += '\''; }
      if (this.#isOp('_')) {
        this.#pos++;
        const sub = this.#scriptArg();
        name += `_${sub.k === 'num' ? sub.v : sub.k === 'var' ? sub.name : '{…}'}`;
      }
    }
    return { k: 'var', name };
  }

  #divergence(name: 'kl' | 'jsd' | 'ce' | 'entropy'): Node {
    const t = this.#peek();
    const open = t?.t === 'op' && (t.v === '(' || t.v === '[') ? t.v : undefined;
    if (!open) throw new SymbolicError(`${name === 'entropy' ? 'H' : name.toUpperCase()} without arguments`);
    const args = this.#bracketed(open, [',', ';', '‖']);
    // `H(0.25, 0.25, 0.5)`: the entropy of the distribution listed.
    if (name === 'entropy' && args.length >= 3) return { k: 'div', name: 'entropy', args: [{ k: 'vec', items: args }] };
    if (name === 'entropy' && args.length === 2) return { k: 'div', name: 'ce', args };
    const want = name === 'entropy' ? 1 : 2;
    if (args.length !== want) throw new ReadError(`${name === 'entropy' ? 'H' : name.toUpperCase()} takes ${want} distribution${want > 1 ? 's' : ''}, got ${args.length}`);
    return { k: 'div', name, args };
  }

  #distribution(name: 'gaussian' | 'bernoulli' | 'categorical' | 'uniform'): Node {
    const t = this.#peek();
    const open = t?.t === 'op' && (t.v === '(' || t.v === '[') ? t.v : undefined;
    if (!open) throw new SymbolicError('a distribution without parameters');
    // `\mathrm{Cat}([0.2, 0.8])` and `\mathrm{Cat}(0.2, 0.8)` both name a probability vector.
    const args = this.#bracketed(open, [',', ';']);
    return { k: 'dist', name, args };
  }

  #expectation(): Node {
    this.#expectOp('_');
    const braced = this.#isOp('{');
    if (braced) this.#pos++;
    const v = this.#take();
    if (v.t !== 'name' && !(v.t === 'cmd' && SYMBOLS.has(v.v))) throw new SymbolicError('an expectation without a named distribution');
    const variable = v.t === 'name' ? v.v : `\\${v.v}`;
    if (!this.#isOp('~')) throw new SymbolicError(`an expectation over ${variable} without a concrete distribution`);
    this.#pos++;
    const dist = braced ? this.expr() : this.#primary();
    if (braced) this.#expectOp('}');
    const t = this.#peek();
    let body: Node;
    if (t?.t === 'op' && (t.v === '[' || t.v === '(' || t.v === '{')) {
      body = this.#bracketed(t.v, [])[0];
    } else {
      body = this.#term();
    }
    return { k: 'expect', v: variable, dist, body };
  }

  #function(name: string): Node {
    let base: Node | undefined;
    let power: Node | undefined;
    for (let round = 0; round < 2; round++) {
      if (this.#isOp('_') && base === undefined) { this.#pos++; base = this.#scriptArg(); }
      else if (this.#isOp('^') && power === undefined) { this.#pos++; power = this.#scriptArg(); }
    }
    const t = this.#peek();
    let args: Node[];
    if (t?.t === 'op' && t.v === '(') {
      args = this.#bracketed('(', [',']);
    } else if (t?.t === 'op' && (t.v === '{' || t.v === '[')) {
      args = [this.#primary()];
    } else {
      // `\log 2\pi e` is log(2πe): an argument without parentheses runs over the implicit product.
      this.#enter();
      let arg = this.#power();
      while (this.#startsFactor() && !this.#startsFunction()) arg = { k: 'bin', op: '*', a: arg, b: this.#power() };
      this.#depth--;
      args = [arg];
    }
    if (args.length !== 1 && name !== 'max' && name !== 'min') throw new ReadError(`\\${name} takes one argument, got ${args.length}`);
    return { k: 'fn', name: name === 'ln' ? 'log' : name, args, base, power };
  }

  #startsFunction(): boolean {
    const t = this.#peek();
    return t !== undefined && (t.t === 'cmd' && (FUNCTIONS.has(t.v) || t.v === 'sum' || t.v === 'prod') || t.t === 'name' && FUNCTIONS.has(t.v));
  }

  #command(name: string, scriptOnly: boolean): Node {
    if (name === 'pi') return { k: 'num', v: Math.PI };
    // `\sigma(2)`: the logistic sigmoid, as machine learning writes it.
    if (name === 'sigma' && !scriptOnly && this.#isOp('(')) return this.#function('sigmoid');
    if (SYMBOLS.has(name)) return scriptOnly ? { k: 'var', name: `\\${name}` } : this.#decoratedVar(`\\${name}`, false);
    switch (name) {
      case 'frac': case 'tfrac': case 'dfrac': case 'cfrac': {
        const a = this.#scriptArg();
        const b = this.#scriptArg();
        return { k: 'bin', op: '/', a, b };
      }
      case 'binom': case 'tbinom': case 'dbinom': {
        const a = this.#scriptArg();
        const b = this.#scriptArg();
        return { k: 'fn', name: 'binom', args: [a, b] };
      }
      case 'sqrt': {
        let base: Node | undefined;
        if (this.#isOp('[')) {
          this.#pos++;
          base = this.expr();
          this.#expectOp(']');
        }
        return { k: 'fn', name: 'sqrt', args: [this.#scriptArg()], base };
      }
      case 'sum': case 'prod': return this.#big(name);
      case 'infty': throw new ReadError('infinity cannot be evaluated: use finite bounds');
      case 'int': case 'iint': case 'oint': throw new ReadError('integrals are not evaluated: name a distribution and use an expectation or a divergence');
      default:
        if (FUNCTIONS.has(name)) return this.#function(name);
        // An unknown control word is most often a notebook's own macro for a symbol (`\\Vx`).
        throw new SymbolicError(`\\${name}`);
    }
  }

  #big(op: 'sum' | 'prod'): Node {
    let v: string | undefined;
    let lo: Node | undefined;
    let hi: Node | undefined;
    // `\sum_i` with a one-letter index and no bounds: over the entries of the vectors it indexes.
    if (this.#isOp('_') && this.#peek(1)?.t === 'name' && !this.#isOp('^', 2)) {
      const t = this.#peek(1) as { v: string };
      if (t.v.length === 1) {
        this.#pos += 2;
        this.#enter();
        const body = this.#term();
        this.#depth--;
        return { k: 'big', op, v: t.v, body };
      }
    }
    for (let round = 0; round < 2; round++) {
      if (this.#isOp('_') && lo === undefined) {
        this.#pos++;
        if (!this.#isOp('{')) throw new SymbolicError(`a \\${op} without numeric bounds`);
        this.#pos++;
        const t = this.#take();
        if (t.t !== 'name' && !(t.t === 'cmd' && SYMBOLS.has(t.v))) throw new ReadError(`a \\${op} needs an index such as i=1`);
        v = t.t === 'name' ? t.v : `\\${t.v}`;
        if (!this.#isOp('=')) throw new SymbolicError(`a \\${op} without numeric bounds`);
        this.#pos++;
        lo = this.expr();
        this.#expectOp('}');
      } else if (this.#isOp('^') && hi === undefined) {
        this.#pos++;
        hi = this.#scriptArg();
      }
    }
    if (v === undefined || lo === undefined || hi === undefined) throw new SymbolicError(`a \\${op} without numeric bounds`);
    this.#enter();
    const body = this.#term();
    this.#depth--;
    return { k: 'big', op, v, lo, hi, body };
  }
}

function show(t: Tok): string {
  if (t.t === 'num') return `'${t.text}'`;
  if (t.t === 'cmd') return `'\\${t.v}'`;
  return `'${t.v}'`;
}
