/**
 * TeX as a person would write it, from the TeX that reading a pasted formula produces: single
 * scripts without braces (`\min_G`, `x_i`), spaces around relations and binary operators at the top
 * level (`P(x_i \mid \theta)`, `1 - D(G(z))`) and none inside scripts (`\sum_{i=1}^N`), a space
 * after a script that a word follows (`\max_D \mathbb{E}`). Plus two repairs of what a page's copy
 * loses: an expectation's `E` is `\mathbb{E}`, and an estimate defined by its own arg max
 * (`θ = argmax_θ ...`) gets the hat the rendered page drew over it.
 */
import type { MathStyle } from '../mathAlphanumeric';
import { letterTex } from './visual';

/** A TeX token: a control word or symbol, or one character. */
type Token = string;

/** Splits TeX into tokens, dropping spaces (they are put back where needed). */
function tokenize(tex: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < tex.length; ) {
    const c = tex.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) { i++; continue; }
    if (c === 92 /* \ */) {
      let j = i + 1;
      while (j < tex.length && /[A-Za-z]/.test(tex[j])) j++;
      if (j === i + 1 && j < tex.length) j++;
      tokens.push(tex.slice(i, j));
      i = j;
      continue;
    }
    const ch = String.fromCodePoint(tex.codePointAt(i) ?? c);
    tokens.push(ch);
    i += ch.length;
  }
  return tokens;
}

const isControlWord = (t: Token): boolean => /^\\[A-Za-z]+$/.test(t);
const isLetter = (t: Token): boolean => /^[A-Za-z]$/.test(t);
const isDigit = (t: Token): boolean => /^[0-9]$/.test(t);

/** Relations and the `\mid` of a conditional: spaced on both sides at the top level. */
const SPACED = new Set(['=', '<', '>', '\\le', '\\ge', '\\leq', '\\geq', '\\ne', '\\neq', '\\approx', '\\mid', '\\equiv', '\\propto',
  '\\leftarrow', '\\gets', '\\to', '\\rightarrow', '\\coloneqq', '\\triangleq', '\\simeq', '\\cong']);

/** Commands that are operators, after which a `-` is a sign, not a subtraction. */
const OPERATOR_WORDS = new Set(['\\sum', '\\prod', '\\int', '\\log', '\\exp', '\\ln', '\\min', '\\max', '\\arg', '\\sup', '\\inf',
  '\\lim', '\\nabla', '\\partial', '\\sqrt', '\\frac', '\\left', '\\right', '\\cdot', '\\times', '\\pm', '\\mp', '\\sim', '\\in']);

/** End (exclusive) of the group or single token starting at `i`. */
function groupEnd(tokens: readonly Token[], i: number): number {
  if (tokens[i] !== '{') return i + 1;
  let depth = 0;
  for (let j = i; j < tokens.length; j++) {
    if (tokens[j] === '{') depth++;
    else if (tokens[j] === '}' && --depth === 0) return j + 1;
  }
  return tokens.length;
}

/** `_{x}` -> `_x` and `^{\theta}` -> `^\theta`: braces around one letter, digit or control word go. */
function unbraceScripts(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    out.push(t);
    if ((t === '_' || t === '^') && tokens[i + 1] === '{' && tokens[i + 3] === '}') {
      const inner = tokens[i + 2];
      if (isLetter(inner) || isDigit(inner) || (isControlWord(inner) && !/^\\(?:math|text|operatorname|boldsymbol|frac|sqrt|hat|bar|tilde)/.test(inner))) {
        out.push(inner);
        i += 3;
      }
    }
  }
  return out;
}

/** True when the token ends an operand, so that a following `-` or `+` is binary. */
function endsOperand(t: Token | undefined): boolean {
  if (t === undefined) return false;
  if (isLetter(t) || isDigit(t) || t === ')' || t === ']' || t === '}' || t === '|' || t === '\\|' || t === "'") return true;
  if (isControlWord(t)) return !OPERATOR_WORDS.has(t) && !SPACED.has(t);
  return /^[^\x00-\x7f]$/u.test(t);
}

/** Serializes tokens with the spacing rules at the top of this file. */
function serialize(tokens: readonly Token[]): string {
  let out = '';
  let depth = 0;
  /** Index just past the last script (`_x`, `^{...}`) written at the top level. */
  let scriptEnd = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const prev = tokens[i - 1];
    if (t === '{') depth++;
    if (t === '}') depth--;
    const top = depth === 0 && t !== '}';
    if (top && SPACED.has(t)) {
      out = out.trimEnd() + ' ' + t + ' ';
      continue;
    }
    if (top && (t === '+' || t === '-') && endsOperand(prev) && i + 1 < tokens.length) {
      out = out.trimEnd() + ' ' + t + ' ';
      continue;
    }
    const needsSpace = out.length > 0 && !out.endsWith(' ') && (
      // A control word must not run into a letter: `\log P`, not `\logP`.
      (isControlWord(prev ?? '') && (isLetter(t) || isDigit(t)))
      // A word or a letter after a script reads better apart: `\max_D \mathbb{E}`, `_\theta \sum`.
      || (i === scriptEnd && depth === 0 && (isControlWord(t) || isLetter(t)) && !isAccentArgument(tokens, i)));
    if (needsSpace) out += ' ';
    out += t;
    if ((t === '_' || t === '^') && depth === 0) scriptEnd = groupEnd(tokens, i + 1);
  }
  return out.trim();
}

/** True when the token at `i` is the argument of something that takes one (never spaced away from it). */
function isAccentArgument(tokens: readonly Token[], i: number): boolean {
  return /^\\(?:hat|bar|tilde|vec|dot|ddot|mathbb|mathbf|mathcal|boldsymbol)$/.test(tokens[i - 1] ?? '');
}

/** `E_{...}[` and `E[`: the expectation, `\mathbb{E}`. */
function expectations(tokens: Token[]): Token[] {
  return tokens.flatMap((t, i) => {
    // `E` glued to a word before it is a letter of that word (`logE`), unless a script ends there (`\\max_D E`).
    if (t !== 'E' || (isLetter(tokens[i - 1] ?? '') && tokens[i - 2] !== '_' && tokens[i - 2] !== '^')) return [t];
    const next = tokens[i + 1];
    if (next === '[') return ['\\mathbb', '{', 'E', '}'];
    if (next === '_') {
      const end = groupEnd(tokens, i + 2);
      if (tokens[end] === '[') return ['\\mathbb', '{', 'E', '}'];
    }
    return [t];
  });
}

/**
 * `θ = \arg\max_θ ...` -> `\hat\theta = ...`: the left side is the estimate, which the rendered
 * page wore a hat that neither copy keeps (MathJax draws accents as glyphs of its own font).
 * Only a single symbol that is exactly the bound variable of the arg max or arg min gets one.
 */
function estimateHat(tokens: Token[]): Token[] {
  if (tokens[1] !== '=' || tokens[2] !== '\\arg' || (tokens[3] !== '\\max' && tokens[3] !== '\\min') || tokens[4] !== '_') return tokens;
  const bound = tokens.slice(5, groupEnd(tokens, 5));
  const variable = bound.length === 3 && bound[0] === '{' ? bound[1] : bound.length === 1 ? bound[0] : undefined;
  if (variable === undefined || variable !== tokens[0] || !(isLetter(variable) || isControlWord(variable))) return tokens;
  return isControlWord(variable) ? ['\\hat', ...tokens] : ['\\hat', '{', variable, '}', ...tokens.slice(1)];
}

/**
 * Letters the visual copy set in one style throughout (`𝐱` bold, `𝔼` double-struck) get that
 * style in the TeX: the linear text writes them plain.
 */
function applyStyles(tokens: Token[], styles: ReadonlyMap<string, MathStyle>): Token[] {
  if (styles.size === 0) return tokens;
  return tokens.flatMap((t, i) => {
    const style = styles.get(t);
    if (style === undefined || !isLetter(t) || isLetter(tokens[i - 1] ?? '') || isLetter(tokens[i + 1] ?? '') || /^\\math/.test(tokens[i - 2] ?? '')) return [t];
    return tokenize(letterTex(t, style));
  });
}

/** Formats the TeX read from a pasted formula (see the top of this file). */
export function formatPastedTex(tex: string, styles: ReadonlyMap<string, MathStyle> = new Map()): string {
  let tokens = tokenize(tex);
  tokens = unbraceScripts(tokens);
  tokens = expectations(tokens);
  tokens = estimateHat(tokens);
  tokens = applyStyles(tokens, styles);
  return serialize(tokens);
}
