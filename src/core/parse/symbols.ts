/**
 * The parser's tables: which commands are relations, operators, letters, fonts and
 * spacing, and which runs of letters are operator words. One place, so the
 * recognizer and the parser agree on names.
 */

const GREEK = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi',
  'omicron', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
];

/** Greek letter commands (and their `var` forms) -> normalized name. */
export const GREEK_COMMANDS: ReadonlyMap<string, string> = new Map([
  ...GREEK.map((g) => [g, g] as [string, string]),
  ...GREEK.map((g) => [g[0].toUpperCase() + g.slice(1), g[0].toUpperCase() + g.slice(1)] as [string, string]),
  ['varepsilon', 'epsilon'], ['vartheta', 'theta'], ['varphi', 'phi'], ['varpi', 'pi'], ['varrho', 'rho'],
  ['varsigma', 'sigma'], ['ell', 'ell'], ['infty', 'infty'], ['emptyset', 'emptyset'], ['varnothing', 'emptyset'],
  ['top', 'top'], ['intercal', 'top'], ['hbar', 'hbar'], ['imath', 'i'], ['jmath', 'j'], ['star', 'star'], ['ast', '*'],
]);

/**
 * Greek letters typed as Unicode inside a LaTeX formula (`$θ$`). Plain Unicode text goes
 * through `unicodeToLatex` first; this table only lets the tokenizer read the letters
 * that real LaTeX sources contain anyway, as KaTeX does.
 */
export function greekFromCodePoint(cp: number): string | undefined {
  if (cp >= 0x3b1 && cp <= 0x3c9) {
    if (cp === 0x3c2) return 'sigma';
    const i = cp - 0x3b1 - (cp > 0x3c2 ? 1 : 0);
    return GREEK[i];
  }
  if (cp >= 0x391 && cp <= 0x3a9 && cp !== 0x3a2) {
    const i = cp - 0x391 - (cp > 0x3a2 ? 1 : 0);
    const g = GREEK[i];
    return g[0].toUpperCase() + g.slice(1);
  }
  if (cp === 0x3f5) return 'epsilon';
  if (cp === 0x3d5) return 'phi';
  if (cp === 0x3d1) return 'theta';
  return undefined;
}

/** Relation commands -> normalized relation. */
export const RELATION_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['le', '<='], ['leq', '<='], ['leqslant', '<='], ['ge', '>='], ['geq', '>='], ['geqslant', '>='],
  ['lt', '<'], ['gt', '>'], ['neq', '!='], ['ne', '!='], ['approx', '~='], ['simeq', '~='], ['cong', '~='],
  ['propto', 'propto'], ['equiv', '='], ['triangleq', ':='], ['coloneqq', ':='], ['coloneq', ':='], ['eqqcolon', ':='],
  ['doteq', ':='], ['stackrel', '='],
  ['leftarrow', '<-'], ['gets', '<-'], ['Leftarrow', '<-'], ['longleftarrow', '<-'], ['mapsfrom', '<-'],
  ['to', '->'], ['rightarrow', '->'], ['longrightarrow', '->'], ['mapsto', '->'],
  ['Rightarrow', '=>'], ['Longrightarrow', '=>'], ['implies', '=>'], ['iff', '<=>'], ['Leftrightarrow', '<=>'],
  ['in', 'in'], ['notin', 'notin'], ['sim', 'sim'], ['subset', 'subset'], ['subseteq', 'subset'], ['ll', '<'], ['gg', '>'],
]);

/** Named operator commands -> normalized operator. */
export const OPERATOR_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['log', 'log'], ['ln', 'log'], ['lg', 'log'], ['exp', 'exp'], ['min', 'min'], ['max', 'max'], ['arg', 'arg'],
  ['argmax', 'argmax'], ['argmin', 'argmin'], ['sup', 'sup'], ['inf', 'inf'], ['lim', 'lim'], ['det', 'det'],
  ['sum', 'sum'], ['prod', 'prod'], ['int', 'int'], ['iint', 'int'], ['iiint', 'int'], ['oint', 'int'],
  // Plain TeX's `\intop` and `\smallint` (which KaTeX and MathJax render) are the same integral sign.
  ['intop', 'int'], ['ointop', 'int'], ['smallint', 'int'],
  ['nabla', 'nabla'], ['partial', 'partial'], ['Pr', 'Pr'], ['tr', 'tr'], ['sin', 'sin'], ['cos', 'cos'], ['tanh', 'tanh'],
  ['max', 'max'], ['limsup', 'sup'], ['liminf', 'inf'], ['dim', 'dim'], ['ker', 'ker'], ['bigcup', 'cup'], ['bigcap', 'cap'],
]);

/** Binary operator commands -> normalized operator. */
export const BINARY_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['cdot', '*'], ['times', '*'], ['ast', '*'], ['odot', '*'], ['otimes', '*'], ['circ', 'o'], ['div', '/'],
  ['pm', '+-'], ['mp', '+-'], ['cup', 'cup'], ['cap', 'cap'], ['setminus', '-'], ['oplus', '+'], ['wedge', 'and'], ['vee', 'or'],
  ['land', 'and'], ['lor', 'or'], ['neg', 'not'],
]);

/** Commands that only change spacing, size or numbering: skipped. */
export const SKIP_COMMANDS: ReadonlySet<string> = new Set([
  ',', ';', ':', '!', ' ', 'quad', 'qquad', 'enspace', 'thinspace', 'medspace', 'thickspace', 'negthinspace',
  'displaystyle', 'textstyle', 'scriptstyle', 'scriptscriptstyle', 'limits', 'nolimits', 'nonumber', 'notag',
  'big', 'Big', 'bigg', 'Bigg', 'bigl', 'bigr', 'Bigl', 'Bigr', 'biggl', 'biggr', 'Biggl', 'Biggr', 'bigm', 'Bigm',
  'middle', 'mathstrut', 'strut', 'allowbreak', 'relax', 'centering', 'left.', 'nobreak', 'newline', 'cr',
  'tiny', 'small', 'normalsize', 'large', 'Large', 'huge', 'bf', 'it', 'rm', 'cal', 'sf', 'tt', 'sl', 'qedhere',
]);

/** Commands whose single braced argument is dropped entirely (labels, spacing, colours given as switches). */
export const DROP_ARG_COMMANDS: ReadonlySet<string> = new Set([
  'label', 'tag', 'hspace', 'vspace', 'phantom', 'hphantom', 'vphantom', 'eqref', 'ref', 'kern', 'mkern', 'hskip',
]);

/** Font commands -> font name (`''` for fonts that do not change meaning, such as bold). */
export const FONT_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['mathbb', 'bb'], ['mathbbm', 'bb'], ['Bbb', 'bb'], ['mathcal', 'cal'], ['mathscr', 'scr'], ['mathfrak', 'frak'],
  ['mathrm', ''], ['mathbf', ''], ['boldsymbol', ''], ['bm', ''], ['mathit', ''], ['mathsf', ''], ['mathtt', ''],
  ['mathnormal', ''], ['pmb', ''], ['bold', ''], ['textbf', ''], ['textit', ''], ['textsf', ''], ['textsc', ''],
  ['operatorname', ''], ['operatornamewithlimits', ''], ['mathop', ''], ['mathbin', ''], ['mathrel', ''], ['mathord', ''],
  // Books' own short names for bold, used with an argument: `\bs{\theta}`, `\vect{x}`.
  ['bs', ''], ['bsym', ''], ['bv', ''], ['mbf', ''], ['vect', ''], ['bld', ''],
  ['boxed', ''], ['cancel', ''], ['bcancel', ''], ['underline', ''], ['underbrace', ''], ['overbrace', ''],
  ['mathclap', ''], ['mathllap', ''], ['mathrlap', ''], ['smash', ''], ['displaylimits', ''], ['emph', ''],
]);

/** Accent commands -> accent name. */
export const ACCENT_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['tilde', 'tilde'], ['widetilde', 'tilde'], ['hat', 'hat'], ['widehat', 'hat'], ['bar', 'bar'], ['overline', 'bar'],
  ['vec', 'vec'], ['overrightarrow', 'vec'], ['dot', 'dot'], ['ddot', 'dot'], ['check', 'check'], ['breve', 'breve'],
  ['acute', 'acute'], ['grave', 'grave'],
]);

/** Commands that take their argument as prose. */
export const TEXT_COMMANDS: ReadonlySet<string> = new Set([
  'text', 'textrm', 'textnormal', 'mbox', 'hbox', 'texttt', 'textup', 'textmd', 'mathrm*',
]);

/**
 * Words that letters spell in math (`KL(q||p)`, `min_D max_G`, `\mathrm{argmax}`,
 * `\text{minimize}`), with the operator or symbol each becomes. Case matters except
 * for the Bayes-rule words, which notes write both ways.
 */
export const WORDS: ReadonlyMap<string, { type: 'op' | 'id'; name: string }> = new Map([
  ['log', { type: 'op', name: 'log' }], ['ln', { type: 'op', name: 'log' }], ['exp', { type: 'op', name: 'exp' }],
  ['min', { type: 'op', name: 'min' }], ['max', { type: 'op', name: 'max' }], ['arg', { type: 'op', name: 'arg' }],
  ['argmax', { type: 'op', name: 'argmax' }], ['argmin', { type: 'op', name: 'argmin' }],
  ['arg max', { type: 'op', name: 'argmax' }], ['arg min', { type: 'op', name: 'argmin' }],
  ['minimize', { type: 'op', name: 'min' }], ['maximize', { type: 'op', name: 'max' }],
  ['minimise', { type: 'op', name: 'min' }], ['maximise', { type: 'op', name: 'max' }],
  ['sup', { type: 'op', name: 'sup' }], ['inf', { type: 'op', name: 'inf' }], ['lim', { type: 'op', name: 'lim' }],
  ['KL', { type: 'op', name: 'KL' }], ['DKL', { type: 'op', name: 'KL' }], ['JSD', { type: 'op', name: 'JS' }],
  ['JS', { type: 'op', name: 'JS' }], ['DJS', { type: 'op', name: 'JS' }], ['ELBO', { type: 'op', name: 'ELBO' }],
  ['softmax', { type: 'op', name: 'softmax' }], ['sigmoid', { type: 'op', name: 'sigmoid' }],
  ['Pr', { type: 'id', name: 'Pr' }], ['CE', { type: 'id', name: 'CE' }], ['Var', { type: 'op', name: 'Var' }],
  ['posterior', { type: 'id', name: 'posterior' }], ['likelihood', { type: 'id', name: 'likelihood' }],
  ['prior', { type: 'id', name: 'prior' }], ['evidence', { type: 'id', name: 'evidence' }],
  // Plain-text math typed in ASCII (`loglik(mu) = sum_i log N(x_i; mu, 1)`): the words people type
  // for sums, products, the log-likelihood and Greek letters.
  ['sum', { type: 'op', name: 'sum' }], ['prod', { type: 'op', name: 'prod' }],
  ['loglik', { type: 'id', name: 'ell' }], ['loglike', { type: 'id', name: 'ell' }], ['logL', { type: 'id', name: 'ell' }],
  ...['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'eta', 'theta', 'lambda', 'mu', 'sigma', 'phi', 'psi', 'tau', 'omega']
    .map((g) => [g, { type: 'id' as const, name: g }] as [string, { type: 'op' | 'id'; name: string }]),
]);

/** Longest entry of WORDS, to bound the search for a word in a run of letters. */
export const LONGEST_WORD = 10;

/** Looks a word up, case-insensitively for the Bayes-rule words. */
export function lookupWord(w: string): { type: 'op' | 'id'; name: string } | undefined {
  const hit = WORDS.get(w);
  if (hit) return hit;
  const lower = w.toLowerCase();
  if (lower === 'posterior' || lower === 'likelihood' || lower === 'prior' || lower === 'evidence') return WORDS.get(lower);
  return undefined;
}
