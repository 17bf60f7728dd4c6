/**
 * A small LaTeX math parser written for recognition.
 *
 * Why not latex-utensils or KaTeX's parser (design.md names both): measured here on a
 * typical GAN value function, latex-utensils parses about 2,300 formulas a second and
 * KaTeX's `__parse` about 6,200, while classification must handle 20,000 a second
 * parse included. Both also build a tree shaped for typesetting, whereas recognition
 * wants function applications and conditioning bars. This parser reads the string
 * once, left to right, with two hard bounds for hostile input: an input-length cap
 * (`MAX_INPUT`) and a nesting-depth limit (`MAX_DEPTH`) past which delimiters are
 * read as plain symbols instead of opening a new level, so neither time nor stack
 * can grow without bound.
 */
import type { MathNode, NodeType, ParsedFormula } from './tree';
import { readBookMacro } from './bookMacros';
import {
  ACCENT_COMMANDS, BINARY_COMMANDS, DROP_ARG_COMMANDS, FONT_COMMANDS, GREEK_COMMANDS, LONGEST_WORD, OPERATOR_COMMANDS,
  RELATION_COMMANDS, SKIP_COMMANDS, TEXT_COMMANDS, greekFromCodePoint, lookupWord,
} from './symbols';

/** Characters of input read at most; a formula in notes is rarely above 2,000. */
export const MAX_INPUT = 8_000;
/** Nesting levels (groups, scripts, arguments) at most. */
export const MAX_DEPTH = 40;

const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '\\{': '\\}', '\\langle': '\\rangle', '\\lbrace': '\\rbrace', '\\lbrack': '\\rbrack', '\\lceil': '\\rceil', '\\lfloor': '\\rfloor' };
const CLOSE_NAMES: Readonly<Record<string, string>> = { ')': ')', ']': ']', '\\}': '}', '\\rangle': '>', '\\rbrace': '}', '\\rbrack': ']', '\\rceil': ']', '\\rfloor': ']' };
const OPEN_NAMES: Readonly<Record<string, string>> = { '(': '(', '[': '[', '\\{': '{', '\\langle': '<', '\\lbrace': '{', '\\lbrack': '[', '\\lceil': '[', '\\lfloor': '[' };

/** Unicode operators and relations that appear inside LaTeX sources (`−` pasted into `$$...$$`). */
const UNICODE_SYMBOLS: Readonly<Record<string, [NodeType, string]>> = {
  '−': ['bin', '-'], '–': ['bin', '-'], '·': ['bin', '*'], '×': ['bin', '*'], '⋅': ['bin', '*'], '∗': ['bin', '*'],
  '≤': ['rel', '<='], '≥': ['rel', '>='], '≠': ['rel', '!='], '≈': ['rel', '~='], '∝': ['rel', 'propto'],
  '∼': ['rel', 'sim'], '∈': ['rel', 'in'], '←': ['rel', '<-'], '→': ['rel', '->'], '⟹': ['rel', '=>'], '⇒': ['rel', '=>'],
  '≔': ['rel', ':='], '∥': ['par', '||'], '‖': ['par', '||'], '∣': ['bar', '|'], '∇': ['op', 'nabla'], '∂': ['op', 'partial'],
  '∑': ['op', 'sum'], '∏': ['op', 'prod'], '∫': ['op', 'int'], '∞': ['id', 'infty'], '…': ['punct', '...'], '⋯': ['punct', '...'],
};

/** Commands that stand for one node (or for nothing, `skip`), whatever follows them. */
const SIMPLE_COMMANDS: ReadonlyMap<string, [NodeType | 'skip', string]> = new Map<string, [NodeType | 'skip', string]>([
  ...[...SKIP_COMMANDS].map((n) => [n, ['skip', '']] as [string, [NodeType | 'skip', string]]),
  ...[...GREEK_COMMANDS].map(([n, v]) => [n, ['id', v]] as [string, [NodeType, string]]),
  ...[...RELATION_COMMANDS].filter(([n]) => n !== 'stackrel').map(([n, v]) => [n, ['rel', v]] as [string, [NodeType, string]]),
  ...[...OPERATOR_COMMANDS].flatMap(([n, v]) => [n, n + '*'].map((k) => [k, v === 'Pr' ? ['id', 'Pr'] : ['op', v]] as [string, [NodeType, string]])),
  ...[...BINARY_COMMANDS].map(([n, v]) => [n, ['bin', v]] as [string, [NodeType, string]]),
  ...['|', 'Vert', 'parallel', 'lVert', 'rVert'].map((n) => [n, ['par', '||']] as [string, [NodeType, string]]),
  ...['mid', 'vert', 'lvert', 'rvert', 'divides'].map((n) => [n, ['bar', '|']] as [string, [NodeType, string]]),
  ...['cdots', 'ldots', 'dots', 'vdots', 'ddots', 'dotsb', 'dotsc', 'dotsm'].map((n) => [n, ['punct', '...']] as [string, [NodeType, string]]),
]);

/** Command names papers define for the KL divergence. */
const KL_MACROS: ReadonlySet<string> = new Set(['kl', 'infdiv', 'KLD', 'Dkl', 'dkl', 'kld', 'KLdiv']);

function node(type: NodeType, name: string): MathNode {
  // Every field present from the start keeps all nodes one object shape, which V8 reads faster.
  return { type, name, font: undefined, accent: undefined, prime: undefined, macro: undefined, sub: undefined, sup: undefined, children: undefined, close: undefined, args: undefined };
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

class Parser {
  readonly #s: string;
  #i = 0;
  #depth = 0;
  maxDepth = 0;
  depthLimited = false;
  /** Closers that enclosing levels wait for, innermost last. */
  readonly #expect: string[] = [];
  /** The group last made from an unknown macro's braced argument, so that a second one (`\kl{p}{q}`) joins it. */
  #macroArg: MathNode | undefined;

  constructor(s: string) {
    this.#s = s;
  }

  /** Reads the whole input into lines. */
  parseAll(): MathNode[][] {
    const seq = this.#seq(null);
    const lines: MathNode[][] = [[]];
    for (const n of seq) {
      if (n.type === 'nl') lines.push([]);
      else lines[lines.length - 1].push(n);
    }
    return lines.filter((l) => l.length > 0);
  }

  #enter(): boolean {
    if (this.#depth >= MAX_DEPTH) {
      this.depthLimited = true;
      return false;
    }
    this.#depth++;
    if (this.#depth > this.maxDepth) this.maxDepth = this.#depth;
    return true;
  }

  #leave(): void {
    this.#depth--;
  }

  #skipSpace(): void {
    const s = this.#s;
    while (this.#i < s.length) {
      const c = s.charCodeAt(this.#i);
      if (c === 32 || c === 10 || c === 13 || c === 9 || c === 126 /* ~ */ || c === 0xa0) this.#i++;
      else if (c === 37 /* % */) {
        while (this.#i < s.length && s.charCodeAt(this.#i) !== 10) this.#i++;
      } else break;
    }
  }

  /** Reads `\name` (letters, or one non-letter) at the cursor, which is on the backslash. */
  #command(): string {
    const s = this.#s;
    let j = this.#i + 1;
    if (j < s.length && isLetter(s.charCodeAt(j))) {
      while (j < s.length && isLetter(s.charCodeAt(j))) j++;
      if (s[j] === '*') j++;
    } else if (j < s.length) j++;
    const name = s.slice(this.#i + 1, j);
    this.#i = j;
    return name;
  }

  /** Peeks the delimiter that follows `\left`/`\right`/`\big`: `(`, `\{`, `\|`, `.`, ... */
  #delimiter(): string {
    this.#skipSpace();
    const s = this.#s;
    if (this.#i >= s.length) return '';
    if (s[this.#i] === '\\') {
      const save = this.#i;
      const name = this.#command();
      if (name === '' ) { this.#i = save; return ''; }
      return '\\' + name;
    }
    return s[this.#i++];
  }

  /** A raw braced argument's text (for \text, \begin names, colours), depth-bounded by a counter. */
  #rawArg(): string {
    this.#skipSpace();
    const s = this.#s;
    if (s[this.#i] !== '{') return '';
    let level = 0;
    const start = this.#i + 1;
    for (; this.#i < s.length; this.#i++) {
      const ch = s[this.#i];
      if (ch === '\\') { this.#i++; continue; }
      if (ch === '{') level++;
      else if (ch === '}') {
        level--;
        if (level === 0) { this.#i++; return s.slice(start, this.#i - 1); }
      }
    }
    return s.slice(start);
  }

  /** One argument: a braced group, a command with its own arguments, or one character. */
  #arg(): MathNode[] {
    this.#skipSpace();
    const s = this.#s;
    if (this.#i >= s.length) return [];
    const c0 = s[this.#i];
    // A script with nothing after it (`x_}`) must not swallow the enclosing closer.
    if (c0 === '}' || c0 === ')' || c0 === ']') return [];
    if (c0 === '{') {
      this.#i++;
      if (!this.#enter()) return [];
      this.#expect.push('}');
      const seq = this.#seq('}');
      this.#expect.pop();
      this.#leave();
      return seq;
    }
    if (!this.#enter()) { this.#i++; return []; }
    const out: MathNode[] = [];
    this.#atom(out, true);
    this.#leave();
    return out;
  }

  /** A sequence up to `closer` (consumed) or to a closer an enclosing level waits for (not consumed). */
  #seq(closer: string | null): MathNode[] {
    const out: MathNode[] = [];
    const s = this.#s;
    for (;;) {
      this.#skipSpace();
      if (this.#i >= s.length) break;
      const ch = s[this.#i];
      if (ch === '}') {
        if (closer === '}') { this.#i++; break; }
        if (this.#expect.includes('}')) break;
        this.#i++;
        continue;
      }
      if (ch === ')' || ch === ']') {
        if (closer === ch) { this.#i++; break; }
        if (this.#expect.includes(ch)) break;
        this.#i++;
        out.push(node('punct', ch));
        continue;
      }
      if (ch === '\\') {
        const save = this.#i;
        const name = this.#command();
        const full = '\\' + name;
        if (name === 'right') {
          if (closer === 'right') { this.#delimiter(); break; }
          if (this.#expect.includes('right')) { this.#i = save; break; }
          this.#delimiter();
          continue;
        }
        if (CLOSE_NAMES[full] !== undefined) {
          if (closer === full) break;
          if (this.#expect.includes(full)) { this.#i = save; break; }
          out.push(node('punct', CLOSE_NAMES[full]));
          continue;
        }
        this.#i = save;
      }
      this.#atom(out, false);
    }
    mergeWords(out);
    return out;
  }

  /** Attaches a script to the last node, or to an empty base when there is none. */
  #script(out: MathNode[], which: 'sub' | 'sup'): void {
    let arg = this.#arg();
    // `p_{data}`, `p_{model}`: three or more plain letters in a script spell a word, not a product.
    if (arg.length >= 3 && arg.every(isPlainLetter)) arg = [node('id', arg.map((n) => n.name).join(''))];
    let last = out[out.length - 1];
    if (!last || last.type === 'rel' || last.type === 'bin' || last.type === 'punct' || last[which] !== undefined) {
      last = node('id', '');
      out.push(last);
    }
    last[which] = arg;
  }

  /** A delimited group: `(`...`)`, `\left[`...`\right]`, `\{`...`\}`. */
  #group(out: MathNode[], openName: string, closer: string): void {
    if (!this.#enter()) {
      out.push(node('punct', openName));
      return;
    }
    this.#expect.push(closer);
    const children = this.#seq(closer);
    this.#expect.pop();
    this.#leave();
    const g = node('group', openName);
    g.children = children;
    // The input ran out before the group closed (`\left(` and nothing after): kept, but marked,
    // so that recognition can say it read the formula only in part.
    const ended = this.#i >= this.#s.length && !/[)\]}|.>]\s*$/.test(this.#s);
    g.close = ended ? '' : closer;
    out.push(g);
  }

  /** Reads one item at the cursor and appends what it means to `out`. */
  #atom(out: MathNode[], single: boolean): void {
    const s = this.#s;
    const ch = s[this.#i];
    const c = s.charCodeAt(this.#i);
    if (isLetter(c)) {
      this.#i++;
      out.push(node('id', ch));
      return;
    }
    if ((c >= 48 && c <= 57) || (ch === '.' && s.charCodeAt(this.#i + 1) >= 48 && s.charCodeAt(this.#i + 1) <= 57)) {
      let j = this.#i + 1;
      // One character only when it is a script's argument: `x_10` is `x_1 0` in TeX.
      if (!single) while (j < s.length && ((s.charCodeAt(j) >= 48 && s.charCodeAt(j) <= 57) || (s[j] === '.' && s.charCodeAt(j + 1) >= 48 && s.charCodeAt(j + 1) <= 57))) j++;
      out.push(node('num', s.slice(this.#i, j)));
      this.#i = j;
      return;
    }
    switch (ch) {
      case '{': {
        this.#i++;
        if (!this.#enter()) return;
        this.#expect.push('}');
        const inner = this.#seq('}');
        this.#expect.pop();
        this.#leave();
        const prev = out[out.length - 1];
        // A braced argument after an unknown macro (`\H{X}`, `\JSD{X || Y}`) is that macro's argument.
        if (prev && prev.macro && !prev.sub && !prev.sup) {
          const g = node('group', '(');
          g.children = inner;
          out.push(g);
          this.#macroArg = g;
        } else if (prev && prev === this.#macroArg && out[out.length - 2]?.macro && inner.length > 0) {
          // A second braced argument, `\kl{q}{p}`, `\infdiv{p}{q}`, `\mathrm{CE}{p}{q}`: a paper's own two-argument macro.
          // The arguments are listed as in `f(a, b)`; a divergence's are split by `\|` as in `KL(p \| q)`.
          const sep = out[out.length - 2].type === 'op' && (out[out.length - 2].name === 'KL' || out[out.length - 2].name === 'JS') ? node('par', '||') : node('punct', ',');
          prev.children = [...(prev.children ?? []), sep, ...inner];
          this.#macroArg = undefined;
        } else for (const n of inner) out.push(n);
        return;
      }
      case '(': case '[':
        this.#i++;
        this.#group(out, ch, OPENERS[ch]);
        return;
      case '_': this.#i++; this.#script(out, 'sub'); return;
      case '^': this.#i++; this.#script(out, 'sup'); return;
      case "'": {
        this.#i++;
        const last = out[out.length - 1];
        if (last) last.prime = (last.prime ?? 0) + 1;
        return;
      }
      case '&': this.#i++; return;
      case '|': {
        this.#i++;
        this.#skipSpace();
        if (s[this.#i] === '|') { this.#i++; out.push(node('par', '||')); } else out.push(node('bar', '|'));
        return;
      }
      case '=': this.#i++; out.push(node('rel', '=')); return;
      case '<': case '>': {
        this.#i++;
        if (s[this.#i] === '=') { this.#i++; out.push(node('rel', ch + '=')); } else if (ch === '<' && s[this.#i] === '-') { this.#i++; out.push(node('rel', '<-')); } else out.push(node('rel', ch));
        return;
      }
      case ':':
        this.#i++;
        if (s[this.#i] === '=') { this.#i++; out.push(node('rel', ':=')); } else out.push(node('punct', ':'));
        return;
      case '+': case '-': case '*': case '/':
        this.#i++;
        if (ch === '-' && s[this.#i] === '>') { this.#i++; out.push(node('rel', '->')); return; }
        out.push(node('bin', ch));
        return;
      case ',': case ';': case '!': case '?': case '.': case '"': case '@': case '#': case '$':
        this.#i++;
        out.push(node('punct', ch));
        return;
      case '\\': this.#commandAtom(out); return;
    }
    this.#i++;
    const uni = UNICODE_SYMBOLS[ch];
    if (uni) { out.push(node(uni[0], uni[1])); return; }
    const greek = greekFromCodePoint(c);
    if (greek) { out.push(node('id', greek)); return; }
    if (c === 0x2032) { const last = out[out.length - 1]; if (last) last.prime = (last.prime ?? 0) + 1; return; }
    if (c >= 0xd800 && c <= 0xdbff) this.#i++;
    out.push(node('punct', ch));
  }

  #commandAtom(out: MathNode[]): void {
    const name = this.#command();
    if (name === '') return;
    // Most commands are a symbol, a relation or spacing: one table lookup instead of the chain below.
    const simple = SIMPLE_COMMANDS.get(name);
    if (simple !== undefined) {
      if (simple[0] !== 'skip') out.push(node(simple[0], simple[1]));
      return;
    }
    const full = '\\' + name;
    if (name === '\\' || name === 'newline' || name === 'cr') { out.push(node('nl', '')); this.#optionalBracket(); return; }
    if (SKIP_COMMANDS.has(name)) return;
    if (name === '|' || name === 'Vert' || name === 'parallel' || name === 'lVert' || name === 'rVert') { out.push(node('par', '||')); return; }
    if (name === 'mid' || name === 'vert' || name === 'lvert' || name === 'rvert' || name === 'divides') { out.push(node('bar', '|')); return; }
    if (name === 'left') {
      const d = this.#delimiter();
      if (d === '.' || d === '') { this.#group(out, '.', 'right'); return; }
      if (d === '|' || d === '\\vert' || d === '\\lvert') { this.#group(out, '|', 'right'); return; }
      if (d === '\\|' || d === '\\Vert' || d === '\\lVert') { this.#group(out, '||', 'right'); return; }
      this.#group(out, OPEN_NAMES[d] ?? d, 'right');
      return;
    }
    if (OPENERS[full] !== undefined) { this.#group(out, OPEN_NAMES[full], OPENERS[full]); return; }
    if (CLOSE_NAMES[full] !== undefined) { out.push(node('punct', CLOSE_NAMES[full])); return; }
    if (name === 'begin' || name === 'end') {
      const env = this.#rawArg();
      if (name === 'begin' && /^(array|tabular)/.test(env)) this.#rawArg();
      if (name === 'begin' && /^alignat/.test(env)) this.#rawArg();
      return;
    }
    const greek = GREEK_COMMANDS.get(name);
    if (greek !== undefined) { out.push(node('id', greek)); return; }
    const rel = RELATION_COMMANDS.get(name);
    if (rel !== undefined) {
      if (name === 'stackrel') { this.#arg(); this.#arg(); }
      out.push(node('rel', rel));
      return;
    }
    const op = OPERATOR_COMMANDS.get(name.replace(/\*$/, ''));
    if (op !== undefined) { out.push(op === 'Pr' ? node('id', 'Pr') : node('op', op)); return; }
    const bin = BINARY_COMMANDS.get(name);
    if (bin !== undefined) { out.push(node('bin', bin)); return; }
    if (name === 'cdots' || name === 'ldots' || name === 'dots' || name === 'vdots' || name === 'ddots' || name === 'dotsb' || name === 'dotsc' || name === 'dotsm') { out.push(node('punct', '...')); return; }
    if (DROP_ARG_COMMANDS.has(name)) { this.#rawArg(); return; }
    if (name === 'color' || name === 'textcolor' || name === 'colorbox') {
      this.#rawArg();
      return;
    }
    if (TEXT_COMMANDS.has(name)) { this.#text(out, this.#rawArg()); return; }
    if (name === 'frac' || name === 'dfrac' || name === 'tfrac' || name === 'cfrac' || name === 'binom' || name === 'dbinom' || name === 'tbinom') {
      const num = this.#arg();
      const den = this.#arg();
      if (name.endsWith('binom')) { const g = node('group', '('); g.children = [...num, node('punct', ','), ...den]; out.push(g); return; }
      const f = node('frac', 'frac');
      f.args = [num, den];
      out.push(f);
      return;
    }
    if (name === 'sqrt') {
      this.#skipSpace();
      if (this.#s[this.#i] === '[') { this.#i++; this.#expect.push(']'); this.#seq(']'); this.#expect.pop(); }
      const r = node('sqrt', 'sqrt');
      r.args = [this.#arg()];
      out.push(r);
      return;
    }
    if (name === 'underset' || name === 'overset' || name === 'stackrel' || name === 'underbrace' || name === 'overbrace') {
      if (name === 'underbrace' || name === 'overbrace') { for (const n of this.#arg()) out.push(n); return; }
      const script = this.#arg();
      const body = this.#arg();
      mergeWords(body);
      const last = body[body.length - 1];
      if (last) last[name === 'underset' ? 'sub' : 'sup'] = script;
      for (const n of body) out.push(n);
      return;
    }
    if (name === 'substack') { for (const n of this.#arg()) out.push(n); return; }
    const font = FONT_COMMANDS.get(name.replace(/\*$/, ''));
    if (font !== undefined) { this.#wrapped(out, this.#arg(), font, undefined); return; }
    const accent = ACCENT_COMMANDS.get(name);
    if (accent !== undefined) { this.#wrapped(out, this.#arg(), undefined, accent); return; }
    if (name.length === 1 && !isLetter(name.charCodeAt(0))) {
      // `\{` was handled above; `\_`, `\&`, `\#`, `\%`, `\$` are literal characters.
      out.push(node('punct', name));
      return;
    }
    // (`\kl`, `\infdiv`, `\KLD`, `\Dkl`: the names papers give their own KL macro, read only as commands: as letters
    // `kl` is a double index.)
    const w = lookupWord(name) ?? (KL_MACROS.has(name) ? { type: 'op' as const, name: 'KL' } : undefined);
    const known = w ?? (name === 'E' || name === 'H' ? { type: 'id' as const, name } : undefined);
    // A book's own macro for a decorated letter (`\vx`, `\btheta`, `\E`) is that letter.
    const book = known ? undefined : readBookMacro(name);
    if (book) {
      const b = node('id', book.name);
      if (book.font) b.font = book.font;
      if (book.sub) b.sub = [node('id', GREEK_COMMANDS.has(book.sub) ? GREEK_COMMANDS.get(book.sub)! : book.sub)];
      out.push(b);
      return;
    }
    const n = node(known ? known.type : 'id', known ? known.name : name);
    n.macro = true;
    out.push(n);
  }

  /** Skips the optional `[2pt]` after `\\`. */
  #optionalBracket(): void {
    const s = this.#s;
    let j = this.#i;
    while (s[j] === ' ') j++;
    if (s[j] === '[') {
      const k = s.indexOf(']', j);
      if (k > 0 && k - j < 12) this.#i = k + 1;
    }
  }

  /** `\text{...}`: a known word becomes that word; a short run of letters a symbol name; else prose. */
  #text(out: MathNode[], raw: string): void {
    const t = raw.trim();
    if (t === '') return;
    const w = lookupWord(t) ?? lookupWord(t.replace(/\s+/g, ' '));
    if (w) { out.push(node(w.type, w.name)); return; }
    if (/^[A-Za-z]{1,12}$/.test(t)) { out.push(node('id', t)); return; }
    out.push(node('text', t));
  }

  /** A font or accent applied to its argument: `\mathbb{E}`, `\mathrm{KL}`, `\tilde p`. */
  #wrapped(out: MathNode[], arg: MathNode[], font: string | undefined, accent: string | undefined): void {
    // Letters written in an upright or operator font spell one word: `\mathrm{KL}`, `\operatorname{argmax}`.
    // (A word merged after a first letter, `\mathrm{BCE}` read as B and the word CE, is one word too; a word first,
    // `\mathrm{logP}` as typed code writes it, stays that word and what follows.)
    const plain = (n: MathNode): boolean => (n.type === 'id' || n.type === 'op') && /^[A-Za-z]+$/.test(n.name) && !n.sub && !n.sup && !n.font && !n.accent && !n.macro;
    if (arg.length > 1 && arg[0].type === 'id' && arg[0].name.length === 1 && arg.every(plain)) {
      const word = arg.map((n) => n.name).join('');
      const w = lookupWord(word);
      out.push(w ? node(w.type, w.name) : node('id', word));
      return;
    }
    if (arg.length === 1 && arg[0].type === 'text') {
      out.push(arg[0]);
      return;
    }
    const target = arg.length === 1 ? arg[0] : undefined;
    if (target && (target.type === 'id' || target.type === 'op')) {
      if (font) target.font = font;
      if (accent) target.accent = accent;
    } else if (accent && arg.length > 0) {
      const last = arg[arg.length - 1];
      if (last.type === 'id') last.accent = accent;
    }
    for (const n of arg) out.push(n);
  }
}

/**
 * Merges runs of single plain letters that spell an operator word (`min`, `log`, `KL`,
 * `argmax`) into that word, and `\arg` followed by `\max` into `argmax`. Scripts on the
 * word's last letter move to the word.
 */
function mergeWords(seq: MathNode[]): void {
  for (let i = 0; i < seq.length; i++) {
    const n = seq[i];
    if (n.type === 'op' && n.name === 'arg' && !n.sub) {
      const next = seq[i + 1];
      if (next && next.type === 'op' && (next.name === 'max' || next.name === 'min')) {
        next.name = 'arg' + next.name;
        seq.splice(i, 1);
        continue;
      }
    }
    if (!isPlainLetter(n)) continue;
    let best = 0;
    let word = '';
    let run = '';
    for (let j = i; j < seq.length && j - i < LONGEST_WORD; j++) {
      const m = seq[j];
      if (!isPlainLetter(m)) break;
      run += m.name;
      if (run.length > 1 && lookupWord(run)) { best = j - i + 1; word = run; }
      if (m.sub || m.sup) break;
    }
    // `arg` stands alone only before `max`/`min` (matched above as the longer word) or a non-letter: followed by
    // another letter it is the middle of a word, `\mathrm{target}`, `\text{marginal}`, `\mathrm{large}`.
    // (Other words are not held back so: spaces are gone here, and `p log p` is letters on both sides of `log`.)
    const inWord = word === 'arg' && seq[i + best] !== undefined && isPlainLetter(seq[i + best]);
    if (best > 1 && !inWord) {
      const w = lookupWord(word)!;
      const last = seq[i + best - 1];
      const merged = node(w.type, w.name);
      if (last.sub) merged.sub = last.sub;
      if (last.sup) merged.sup = last.sup;
      seq.splice(i, best, merged);
      i--;
    }
  }
}

function isPlainLetter(n: MathNode): boolean {
  return n.type === 'id' && n.name.length === 1 && !n.font && !n.accent && !n.macro && !n.prime && isLetter(n.name.charCodeAt(0));
}

/**
 * Parses LaTeX math (without `$` delimiters; see `normalizeFormula`) into lines of nodes.
 * Never throws; input beyond `MAX_INPUT` characters is ignored and flagged.
 */
export function parseMath(latex: string): ParsedFormula {
  const truncated = latex.length > MAX_INPUT;
  const p = new Parser(truncated ? latex.slice(0, MAX_INPUT) : latex);
  const lines = p.parseAll();
  return { lines, truncated, depthLimited: p.depthLimited, maxDepth: p.maxDepth };
}
