/**
 * Shared pieces of the derivations: the step type, and turning a card's roles (TeX strings
 * cut out of someone's note) into symbols that are safe to splice into a derivation's TeX.
 */
import type { FormulaKind } from '../../recognize/types';

/** One line of a derivation: display TeX, and one plain sentence saying why it follows. */
export interface DerivationStep {
  readonly latex: string;
  readonly why: string;
}

/** A kind's whole derivation, in the formula's own symbols where its roles name them. */
export interface Derivation {
  readonly kind: FormulaKind;
  readonly title: string;
  readonly steps: readonly DerivationStep[];
}

/** A role string, or its absence, as a derivation builder sees it. */
export type Roles = Readonly<Record<string, string | undefined>>;

/** Builds one kind's steps (without the opening formula, which `derive` adds). */
export type StepBuilder = (roles: Roles) => DerivationStep[];

/** Shorthand for a step. */
export function step(latex: string, why: string): DerivationStep {
  return { latex, why };
}

function balanced(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

function parensBalanced(s: string): boolean {
  let depth = 0;
  for (const c of s) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/**
 * Whether a role string reads as a symbol we can splice into other TeX. Roles come from
 * arbitrary notes, so anything that is not plainly a symbol (a relation such as `H=1`, a
 * word such as `likelihood`, a line break, an alignment tab, unbalanced braces) is refused
 * and the derivation falls back to the textbook letter instead.
 */
export function isSymbol(s: string): boolean {
  if (s.length === 0 || s.length > 48) return false;
  if (/[&%#$~=<>!?"'\n\r]|\\\\|\\(?:begin|end|in|le|ge|leq|geq|ne|neq|sim|to|color|def|newcommand|left|right)\b/.test(s)) return false;
  if (/^[A-Za-z ]{4,}$/.test(s) || / {2}/.test(s)) return false;
  if (/[_^]$|[_^]{2}/.test(s)) return false;
  return balanced(s) && parensBalanced(s);
}

/** The role `key` when it is a usable symbol, else `fallback`. */
export function pick(roles: Roles, key: string, fallback: string): string {
  const v = roles[key]?.trim();
  return v !== undefined && isSymbol(v) ? v : fallback;
}

/** A function application `f(args)` split into its head and its arguments, or undefined. */
export function application(s: string): { head: string; args: string } | undefined {
  const open = s.indexOf('(');
  if (open <= 0 || !s.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0 && i !== s.length - 1) return undefined;
  }
  const head = s.slice(0, open).trim();
  return head && !/[()]/.test(head) ? { head, args: s.slice(open + 1, -1) } : undefined;
}

/** The function name of a role such as `q_{\phi}(z|x)` (`q_{\phi}`), or the role itself. */
export function head(s: string): string {
  return application(s)?.head ?? s;
}

/** The variable a density is over: `z` for `q_{\phi}(z|x)`, undefined when there is none. */
export function variableOf(s: string): string | undefined {
  const app = application(s);
  if (!app) return undefined;
  const v = app.args.split(/\||\\mid|;/)[0].trim();
  return v && isSymbol(v) ? v : undefined;
}

/**
 * The density of a distribution at `v`, in the note's notation: `q_{\phi}(z|x)` stays as
 * written, a bare `P` becomes `p(x)` (the usual lower-case density of a distribution `P`),
 * a random variable `X` becomes `p_{X}(x)`, any other bare name `f` becomes `f(x)`.
 */
export function densityAt(dist: string, v: string): string {
  if (application(dist)) return dist;
  if (/^[PQR]$/.test(dist)) return `${dist.toLowerCase()}(${v})`;
  // Other capitals are random variables (`X`, `Y`): their density is `p_X`, not `x(x)`.
  if (/^[A-Z]$/.test(dist)) return `p_{${dist}}(${v})`;
  return `{${dist}}(${v})`;
}

/** `\mathrm{d}x\,\mathrm{d}y` for the variables `x,y`. */
export function differentials(v: string): string {
  return v.split(',').map((p) => `\\mathrm{d}${wrap(p.trim())}`).join('\\,');
}

/** Wraps a symbol in braces so a following `_` or `^` cannot attach to part of it. */
export function wrap(s: string): string {
  return /^[A-Za-z0-9]$|^\\[A-Za-z]+$/.test(s) ? s : `{${s}}`;
}

/** `D_{\mathrm{KL}}(a \,\|\, b)`. */
export function kl(a: string, b: string): string {
  return `D_{\\mathrm{KL}}\\left(${a}\\,\\|\\,${b}\\right)`;
}
