/**
 * The mixture of two densities, `(p + q)/2`, as it appears inside the Jensen-Shannon divergence:
 * the JSD is the average KL from each density to that mixture, so its derivations (the GAN proof's
 * `C(G) = -\log 4 + 2\,JSD`) are full of `\log \frac{p}{p+q}`, `\log \frac{2p}{p+q}` and `KL(p \| \frac{p+q}{2})`.
 * Works on the LaTeX text of the parts, which the parser has already made uniform.
 */

/** Splits `s` at its top-level `+` signs (outside braces, parentheses and brackets). */
function topLevelTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '{' || c === '(' || c === '[') depth++;
    else if (c === '}' || c === ')' || c === ']') depth--;
    else if (c === '+' && depth === 0) { out.push(s.slice(start, i)); start = i + 1; }
  }
  out.push(s.slice(start));
  return out.map((t) => t.trim());
}

const HALF_PREFIX = /^(?:0?\.5|\\frac\{1\}\{2\}|\\frac12|\\tfrac\{1\}\{2\}|\\tfrac12|\\dfrac\{1\}\{2\})\s*(?:\\cdot)?\s*/;

/** A term with its one-half weight removed (`\frac12 p`, `0.5 p`, `p/2`), and whether it had one. */
function unhalve(t: string): { term: string; half: boolean } {
  const s = t.replace(/\s+/g, '');
  if (HALF_PREFIX.test(s)) return { term: s.replace(HALF_PREFIX, ''), half: true };
  if (s.endsWith('/2')) return { term: s.slice(0, -2), half: true };
  const f = /^\\frac\{(.+)\}\{2\}$/.exec(s);
  if (f && topLevelTerms(f[1]).length === 1) return { term: f[1], half: true };
  return { term: s, half: false };
}

/** Strips one pair of enclosing parentheses or braces that wrap the whole string. */
function unwrap(s: string): string {
  const open = s[0];
  const close = open === '(' ? ')' : open === '{' ? '}' : open === '[' ? ']' : '';
  if (!close || s[s.length - 1] !== close) return s;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if ('({['.includes(s[i])) depth++;
    else if (')}]'.includes(s[i])) depth--;
    if (depth === 0 && i < s.length - 1) return s;
  }
  return s.slice(1, -1);
}

/** A density: not a bare number nor an exponential (`\frac{e^{a}}{e^{a}+e^{b}}` is a softmax, `\frac{1}{1+e^{-z}}` a sigmoid). */
function isDensity(t: string): boolean {
  return t.length > 0 && !/^[\d.]+$/.test(t) && !/\\exp|(^|[^a-zA-Z\\])e\^/.test(t);
}

export interface Mixture {
  /** The two densities mixed, in a canonical (sorted) order. */
  readonly parts: readonly [string, string];
  /** True when the mixture is weighted by one half (`(p+q)/2`, `\frac12 p + \frac12 q`). */
  readonly halved: boolean;
}

/** `p + q`, `(p+q)/2`, `\frac{p+q}{2}`, `\frac12 p + \frac12 q`: the mixture of two densities, or undefined. */
export function mixtureOf(texOfSum: string): Mixture | undefined {
  let s = unwrap(texOfSum.replace(/\s+/g, ''));
  let halved = false;
  const f = /^\\frac\{(.+)\}\{2\}$/.exec(s);
  if (f) { s = f[1]; halved = true; } else if (s.endsWith('/2')) { s = s.slice(0, -2); halved = true; } else if (HALF_PREFIX.test(s) && unwrap(s.replace(HALF_PREFIX, '')) !== s.replace(HALF_PREFIX, '')) { s = s.replace(HALF_PREFIX, ''); halved = true; }
  s = unwrap(s);
  const terms = topLevelTerms(s);
  if (terms.length !== 2) return undefined;
  const [a, b] = terms.map(unhalve);
  if (!isDensity(a.term) || !isDensity(b.term) || a.term === b.term) return undefined;
  const parts = [a.term, b.term].sort() as [string, string];
  return { parts, halved: halved || (a.half && b.half) };
}

/**
 * `\frac{p}{p+q}`, `\frac{2p}{p+q}`, `\frac{p}{(p+q)/2}`: a density over a mixture it is part of, the ratio
 * whose log the JSD averages. Returns the density on top, the mixture, and whether the one-half weight
 * shows (a 2 on top or a halved sum); undefined otherwise.
 */
export function ratioToMixture(numTex: string, denTex: string): { density: string; mixture: Mixture; halved: boolean } | undefined {
  const mixture = mixtureOf(denTex);
  if (!mixture) return undefined;
  let num = unwrap(numTex.replace(/\s+/g, ''));
  let two = false;
  if (/^2(?![\d.])/.test(num)) { num = num.slice(1).replace(/^\\cdot/, ''); two = true; }
  if (!mixture.parts.includes(num)) return undefined;
  return { density: num, mixture, halved: two || mixture.halved };
}

/** Same two densities in both mixtures, whatever order each was written in. */
export function sameMixture(a: Mixture, b: Mixture): boolean {
  return a.parts[0] === b.parts[0] && a.parts[1] === b.parts[1];
}
