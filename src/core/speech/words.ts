/**
 * The words that symbols are read with: Greek letters, relations, operators and fonts, as a
 * teacher says them aloud. One table per node type of the parse tree, so a symbol has one
 * reading everywhere a formula is spoken.
 */

/** Relations (normalized names of the parse tree) -> words. */
export const RELATION_WORDS: Readonly<Record<string, string>> = {
  '=': 'equals', '<=': 'is less than or equal to', '>=': 'is greater than or equal to', '<': 'is less than', '>': 'is greater than',
  '!=': 'is not equal to', '~=': 'is approximately', propto: 'is proportional to', '<-': 'gets', ':=': 'is defined as',
  '->': 'goes to', '=>': 'implies', '<=>': 'if and only if', in: 'in', notin: 'not in', sim: 'is drawn from', subset: 'is a subset of',
};

/** Binary operators -> words. */
export const BINARY_WORDS: Readonly<Record<string, string>> = {
  '+': 'plus', '-': 'minus', '*': 'times', '/': 'over', '+-': 'plus or minus', cup: 'union', cap: 'intersection', o: 'composed with',
  and: 'and', or: 'or', not: 'not',
};

/** Operators read as "the NAME ..." with a range or a variable: sums, products, integrals, extrema. */
export const BIG_OPERATORS: Readonly<Record<string, string>> = {
  sum: 'the sum', prod: 'the product', int: 'the integral', min: 'the minimum', max: 'the maximum', argmax: 'the arg max',
  argmin: 'the arg min', sup: 'the supremum', inf: 'the infimum', lim: 'the limit', cup: 'the union', cap: 'the intersection',
};

/** Functions read by name and applied to what follows: `\log p(x)` is "log p of x". */
export const FUNCTION_WORDS: Readonly<Record<string, string>> = {
  log: 'log', exp: 'exp', sin: 'sine', cos: 'cosine', tanh: 'the hyperbolic tangent', det: 'the determinant', tr: 'the trace', dim: 'the dimension',
  ker: 'the kernel', softmax: 'softmax', sigmoid: 'sigmoid', Var: 'the variance', ELBO: 'the ELBO', arg: 'arg',
};

/** Named symbols that are not letters. */
const SYMBOL_WORDS: Readonly<Record<string, string>> = {
  infty: 'infinity', ell: 'ell', emptyset: 'the empty set', hbar: 'h bar', star: 'star', '*': 'star', top: 'transpose',
  Pr: 'the probability', posterior: 'posterior', likelihood: 'likelihood', prior: 'prior', evidence: 'evidence', CE: 'C E',
};

/** Lower-case Greek letters, by the name the parser gives them. */
export const GREEK_NAMES: ReadonlySet<string> = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
]);

/** Blackboard-bold letters that name a set or an operator. */
const BLACKBOARD: Readonly<Record<string, string>> = {
  R: 'the real numbers', N: 'the natural numbers', Z: 'the integers', Q: 'the rationals', C: 'the complex numbers',
  E: 'the expectation', P: 'the probability', V: 'the variance', '1': 'the indicator of', I: 'the indicator of',
};

/** Accents -> how they are read after the letter (or before it, for a vector). */
const ACCENT_WORDS: Readonly<Record<string, string>> = {
  hat: 'hat', tilde: 'tilde', bar: 'bar', dot: 'dot', check: 'check', breve: 'breve', acute: 'acute', grave: 'grave',
};

/**
 * The words for a symbol's name and font, without scripts: `theta` -> "theta", `Sigma` ->
 * "capital sigma", `\mathcal{L}` -> "script L". Undefined for a name that is no word (a
 * stray character), which the caller treats as a gap in its reading.
 */
export function symbolWords(name: string, font: string | undefined): string | undefined {
  if (font === 'bb') return BLACKBOARD[name] ?? `blackboard ${name}`;
  const base = letterWords(name);
  if (base === undefined) return undefined;
  if (font === 'cal' || font === 'scr') return `script ${base}`;
  if (font === 'frak') return `fraktur ${base}`;
  return base;
}

function letterWords(name: string): string | undefined {
  if (GREEK_NAMES.has(name)) return name;
  const lower = name.charAt(0).toLowerCase() + name.slice(1);
  if (name !== lower && GREEK_NAMES.has(lower)) return `capital ${lower}`;
  const sym = SYMBOL_WORDS[name];
  if (sym) return sym;
  if (/^[A-Za-z]+$/.test(name)) return name;
  if (/^[0-9.]+$/.test(name)) return name;
  return undefined;
}

/** An accent's reading around the words of its symbol. */
export function withAccent(words: string, accent: string | undefined): string {
  if (!accent) return words;
  if (accent === 'vec') return `vector ${words}`;
  return `${words} ${ACCENT_WORDS[accent] ?? accent}`;
}

/** `f'` -> "f prime", `f''` -> "f double prime". */
export function primeWords(count: number | undefined): string {
  if (!count) return '';
  return count === 1 ? 'prime' : count === 2 ? 'double prime' : 'triple prime';
}
