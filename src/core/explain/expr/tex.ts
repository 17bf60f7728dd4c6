/**
 * Writes the expression tree as display TeX, with the parentheses precedence needs and no more.
 * What a step shows is produced here from the same tree the checker evaluates.
 */
import { numberTex } from '../../text/numbers';
import { substitute } from './walk';
import type { Expr, Rel, Stmt } from './types';

/** Binding strength: sums bind loosest, atoms tightest. */
const ADD = 1;
const MUL = 2;
const NEG = 3;
const POW = 4;
const ATOM = 5;

function level(e: Expr): number {
  switch (e.t) {
    case 'add': return ADD;
    case 'mul': return MUL;
    case 'neg': return NEG;
    case 'num': return e.v < 0 ? NEG : ATOM;
    case 'pow': return POW;
    // A fraction, an expectation or a sum sign in a product reads fine without parentheses.
    case 'div': case 'E': case 'sum': case 'prod': case 'int': case 'argmax': case 'argmin': case 'max': case 'min': case 'grad': return MUL;
    case 'fn': return e.f === 'log' || e.f === 'exp' ? MUL : ATOM;
    case 'at': return level(substitute(e.body, e.v, e.value));
    default: return ATOM;
  }
}

/** `\left(...\right)` when `e` binds looser than `min`. */
function wrapped(e: Expr, min: number): string {
  const s = toTex(e);
  return level(e) < min ? `\\left(${s}\\right)` : s;
}

/** Joins TeX pieces, with a space where a control word would otherwise run into a letter. */
function join(parts: readonly string[], sep: string): string {
  let out = '';
  parts.forEach((p, i) => {
    if (i > 0) out += sep;
    if (i > 0 && sep === '' && /\\[A-Za-z]+$/.test(out) && /^[A-Za-z]/.test(p)) out += ' ';
    out += p;
  });
  return out;
}

function numTex(v: number): string {
  // An integer as it is (`1000000`, not a power of ten); anything else in plain scientific notation when tiny or huge.
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return String(v);
  return numberTex(v, 6);
}

/** The subscript form of an expression: `t-1`, `i`, `0`. */
function script(e: Expr): string {
  const s = toTex(e).replace(/ ([+-]) /g, '$1');
  return s.length === 1 ? s : `{${s}}`;
}

/** A density's arguments: `x \mid z`, `x, z`. */
function args(main: readonly Expr[], cond: readonly Expr[]): string {
  const m = main.map(toTex).join(', ');
  return cond.length > 0 ? `${m} \\mid ${cond.map(toTex).join(', ')}` : m;
}

/** TeX of one expression. */
export function toTex(e: Expr): string {
  switch (e.t) {
    case 'num': return e.tex ?? numTex(e.v);
    case 'sym': return e.name;
    case 'idx': return `${e.base}_${script(e.index)}`;
    case 'range': return `${e.base}_{${toTex(e.lo)}:${toTex(e.hi)}}`;
    case 'add': {
      let out = '';
      e.terms.forEach((term, i) => {
        if (term.t === 'neg') out += (i === 0 ? '-' : ' - ') + wrapped(term.a, MUL);
        else if (term.t === 'num' && term.v < 0 && !term.tex) out += (i === 0 ? '-' : ' - ') + numTex(-term.v);
        else out += (i === 0 ? '' : ' + ') + wrapped(term, MUL);
      });
      return out;
    }
    case 'neg': return `-${wrapped(e.a, MUL)}`;
    case 'mul': {
      const parts = e.fs.map((f, i) => {
        // A sum needs parentheses in a product, and so does a negative factor after the first;
        // a log before another factor would otherwise seem to take it as its argument.
        const needs = f.t === 'add' || (i > 0 && (f.t === 'neg' || (f.t === 'num' && f.v < 0)))
          || (i < e.fs.length - 1 && f.t === 'fn' && (f.f === 'log' || f.f === 'exp'));
        return needs ? `\\left(${toTex(f)}\\right)` : toTex(f);
      });
      if (e.dot) return parts.join(' \\cdot ');
      // Two numbers side by side would read as one: write a dot between them.
      let out = '';
      parts.forEach((p, i) => {
        if (i > 0) out += /^[0-9.]/.test(p) ? ' \\cdot ' : ' \\, ';
        out += p;
      });
      return out;
    }
    case 'div': return `\\frac{${toTex(e.a)}}{${toTex(e.b)}}`;
    case 'pow': {
      const base = e.a.t === 'fn' && (e.a.f === 'log' || e.a.f === 'exp' || e.a.f === 'sigmoid' || e.a.f === 'tanh') ? `\\left(${toTex(e.a)}\\right)` : wrapped(e.a, ATOM);
      return `${base}^${script(e.b)}`;
    }
    case 'fn': {
      const a = e.a;
      switch (e.f) {
        case 'log': case 'exp': {
          const simple = a.t === 'sym' || a.t === 'idx' || a.t === 'dens' || a.t === 'call' || a.t === 'normal' || a.t === 'div' || (a.t === 'num' && a.v >= 0) || a.t === 'paren'
            || (e.f === 'log' && (a.t === 'int' || a.t === 'E' || a.t === 'sum'));
          return simple ? `\\${e.f} ${toTex(a)}` : `\\${e.f}\\left(${toTex(a)}\\right)`;
        }
        case 'sqrt': return `\\sqrt{${toTex(a)}}`;
        case 'abs': return `\\left|${toTex(a)}\\right|`;
        case 'sigmoid': return `\\sigma\\left(${toTex(a)}\\right)`;
        case 'tanh': return `\\tanh\\left(${toTex(a)}\\right)`;
        case 'norm2': return `\\left\\|${toTex(a)}\\right\\|^2`;
      }
      break;
    }
    case 'dens': return e.main.length === 0 && e.cond.length === 0 ? e.head : `${e.head}(${args(e.main, e.cond)})`;
    case 'call':
      if (e.head === '\\binom' && e.args.length === 2) return `\\binom{${toTex(e.args[0])}}{${toTex(e.args[1])}}`;
      return `${e.head}(${e.args.map(toTex).join(', ')})`;
    case 'normal': return e.at ? `\\mathcal{N}(${toTex(e.at)}; ${toTex(e.mean)}, ${toTex(e.var)})` : `\\mathcal{N}(${toTex(e.mean)}, ${toTex(e.var)})`;
    case 'E': {
      const m = toTex(e.measure);
      const under = e.show ?? (e.showVars || e.measure.t === 'normal' ? `${e.vars.map(toTex).join(', ')} \\sim ${m}` : m);
      return `\\mathbb{E}_{${under}}\\left[${toTex(e.body)}\\right]`;
    }
    case 'int': return `\\int ${wrapped(e.body, MUL)} \\, ${e.vars.map((v) => `\\mathrm{d}${script(v)}`).join('\\,')}`;
    case 'sum': case 'prod': {
      const op = e.t === 'sum' ? '\\sum' : '\\prod';
      const range = e.lo !== undefined ? `_{${e.v}=${toTex(e.lo)}}${e.hi !== undefined ? `^{${toTex(e.hi)}}` : ''}` : `_{${e.v}}`;
      return `${op}${range} ${wrapped(e.body, MUL)}`;
    }
    case 'kl': return `D_{\\mathrm{KL}}\\left(${toTex(e.a)} \\,\\|\\, ${toTex(e.b)}\\right)`;
    case 'H': return e.b ? `H\\left(${toTex(e.a)}, ${toTex(e.b)}\\right)` : `H\\left(${toTex(e.a)}\\right)`;
    case 'jsd': return `\\mathrm{JSD}\\left(${toTex(e.a)} \\,\\|\\, ${toTex(e.b)}\\right)`;
    case 'grad': {
      const body = wrapped(e.body, MUL);
      // A gradient the reader took from `\\nabla L(\\theta_t)` has no written variable.
      if (e.wrt.t === 'sym' && e.wrt.name.startsWith('#')) return `\\nabla ${body}`;
      if (e.partial && e.body.t === 'grad' && e.body.partial && toTex(e.body.wrt) === toTex(e.wrt)) {
        return `\\frac{\\partial^2}{\\partial ${toTex(e.wrt)}^2} ${wrapped(e.body.body, MUL)}`;
      }
      return e.partial ? `\\frac{\\partial}{\\partial ${toTex(e.wrt)}} ${body}` : `\\nabla_{${toTex(e.wrt)}} ${body}`;
    }
    case 'argmax': case 'argmin': case 'max': case 'min': {
      const op = e.t === 'argmax' ? '\\arg\\max' : e.t === 'argmin' ? '\\arg\\min' : `\\${e.t}`;
      return `${op}_{${e.show ?? e.v}} ${wrapped(e.body, MUL)}`;
    }
    case 'sg': return `\\mathrm{sg}\\left[${toTex(e.a)}\\right]`;
    case 'at': return toTex(substitute(e.body, e.v, e.value));
    case 'paren': return `\\left(${toTex(e.a)}\\right)`;
    case 'text': return `\\text{${e.text}}`;
    case 'raw': return e.tex;
  }
  return '';
}

const REL_TEX: Readonly<Record<Rel, string>> = {
  '=': '=', '<=': '\\le', '>=': '\\ge', '<': '<', '>': '>', ':=': ':=', 'def=': '=', '\\propto': '\\propto', '\\approx': '\\approx',
};

/** TeX of one statement. */
export function stmtTex(s: Stmt): string {
  let out = toTex(s.parts[0]);
  s.rels.forEach((r, i) => {
    out += ` ${REL_TEX[r]} ${toTex(s.parts[i + 1])}`;
  });
  if (s.note) out += ` \\quad \\text{${s.note}}`;
  return out;
}

/** TeX of a step's statements, side by side. */
export function stepTex(stmts: readonly Stmt[]): string {
  return join(stmts.map(stmtTex), ', \\qquad ');
}
