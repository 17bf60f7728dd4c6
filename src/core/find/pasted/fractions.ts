/**
 * Fractions that a page's copy flattened into a row: the numerator and the denominator side by
 * side, in one order or the other (MathJax copies the numerator first, KaTeX draws and copies the
 * denominator first), their scripts flattened too. A row of letters cannot say in general where a
 * numerator ends, so only the shapes that are unmistakable are put back:
 *
 * - the logistic sigmoid `σ(z)=11+e−z` (or `1 1+e⁻ᶻ`): `\frac{1}{1+e^{-z}}`;
 * - the softmax `ezi j ezj` (or `j ezj ezi`, with or without its `∑`): `\frac{e^{z_i}}{\sum_{j} e^{z_j}}`;
 * - Bayes' rule with its evidence first, `p(z∣x)=p(x)p(x∣z)p(z)`: `\frac{p(x\mid z)p(z)}{p(x)}`, as
 *   a product `p(x) p(x∣z) p(z)` would not be a probability of `z` given `x`.
 *
 * The rewrite produces Unicode text with TeX fractions in it, which `unicodeToLatex` then finishes.
 */

/** The sigmoid: `1` over `1 + e` to a negative power, the power flattened (`e−z`) or a superscript (`e⁻ᶻ`). */
const SIGMOID = /(=\s*)1\s*1\s*\+\s*e(?:[−-]([A-Za-zα-ω]\w*)|(⁻\S+)|xp\(([−-][^()]+)\))\s*$/u;

/** The softmax, numerator first: `e z i`, the index of the lost `∑`, `e z j`. */
const SOFTMAX = /(?<![A-Za-z])e([a-zα-ω])([a-z0-9])\s*(?:∑\s*([a-z])|\s([a-z])\s)\s*e\1(?:\3|\4)(?![A-Za-z0-9])/u;

/** The softmax, denominator first (KaTeX): the index, `e z j`, then `e z i`. */
const SOFTMAX_DENOMINATOR_FIRST = /(?<![A-Za-z0-9])(?:∑\s*)?([a-z])\s+e([a-zα-ω])\1\s*e\2([a-z0-9])(?![A-Za-z0-9])/u;

/** Bayes' rule with the evidence before the numerator it divides. */
const BAYES = /^([pPq])\(([^()∣|]+)[∣|]([^()∣|]+)\)\s*=\s*\1\(\3\)\s*(\1\(\3[∣|]\2\)\s*\1\(\2\)|\1\(\2\)\s*\1\(\3[∣|]\2\))$/u;

/** Where a flattened softmax stands in `line`, so the finder reads it as math (its words look like prose). */
export function flattenedSoftmaxIn(line: string): { start: number; end: number } | undefined {
  const m = SOFTMAX.exec(line) ?? SOFTMAX_DENOMINATOR_FIRST.exec(line);
  return m ? { start: m.index, end: m.index + m[0].length } : undefined;
}

/** Puts back the flattened fractions of a Unicode formula (see the top of this file). */
export function unflattenFractions(source: string): string {
  let s = source;
  const sigmoid = SIGMOID.exec(s);
  if (sigmoid) {
    const power = sigmoid[2] !== undefined ? `^{-${sigmoid[2]}}` : sigmoid[3] ?? `^{${sigmoid[4]}}`;
    const e = sigmoid[4] !== undefined ? `\\exp(${sigmoid[4]})` : `e${power}`;
    s = `${s.slice(0, sigmoid.index)}${sigmoid[1]}\\frac{1}{1+${e}}`;
  }
  const softmax = s.replace(SOFTMAX, (_m, v: string, i: string, j1?: string, j2?: string) => {
    const j = j1 ?? j2 ?? 'j';
    return `\\frac{e^{${v}_${i}}}{∑_{${j}} e^{${v}_${j}}}`;
  }).replace(SOFTMAX_DENOMINATOR_FIRST, (_m, j: string, v: string, i: string) => `\\frac{e^{${v}_${i}}}{∑_{${j}} e^{${v}_${j}}}`);
  // The left side of a softmax lost its script too: `softmax(z)i =` is `softmax(z)_i =`.
  if (softmax !== s) s = softmax.replace(/^(\S*\))([a-z])(\s*=)/u, '$1_$2$3');
  const bayes = BAYES.exec(s.trim());
  if (bayes) {
    const [, p, a, b, numerator] = bayes;
    s = `${p}(${a}∣${b}) = \\frac{${numerator.replace(/\s+/g, '')}}{${p}(${b})}`;
  }
  return s;
}
