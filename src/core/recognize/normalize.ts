/**
 * From a formula as it stands in a document to the TeX the parser reads: delimiters
 * (`$`, `$$`, `\(`, `\[`), Liquid/Hugo/RST wrappers (`{% math %}`, `{%m%}`,
 * `{{< katex >}}`, `.. math::`), fenced ```math blocks and stray trailing
 * punctuation are removed; plain Unicode text becomes TeX with `unicodeToLatex`.
 * Math environments (`\begin{aligned}`) are left for the parser, which reads
 * `&` and `\\` itself.
 */
import { unicodeToLatex } from '../find/unicode';
import { asciiToTex, looksLikeAsciiMath, typedIntegrals } from './ascii';
import { unescapeSource } from './escapes';

/** Wrappers around a formula, opening and closing, tried in order until none matches. */
const WRAPPERS: readonly [RegExp, RegExp][] = [
  [/^\{%-?\s*(?:math|m|katex|latex|tex)\s*-?%\}/, /\{%-?\s*(?:endmath|em|endkatex|endlatex|endtex)\s*-?%\}$/],
  [/^\{\{<\s*\/?\s*(?:m|math|katex|tex|latex)\b[^>]*>\}\}/, /\{\{<\s*\/\s*(?:m|math|katex|tex|latex)\s*>\}\}$/],
  [/^\{\{%\s*(?:m|math|katex)\b[^%]*%\}\}/, /\{\{%\s*\/\s*(?:m|math|katex)\s*%\}\}$/],
  // (Docstrings fence math as ```none or ```text so their renderer leaves it as typed.)
  [/^```\s*(?:math|latex|tex|katex|none|text)\s*\n/, /```$/],
  // Distill's tags, `<d-math block>...</d-math>` and the older `<dt-math>`.
  [/^<dt?-math\b[^>]*>/, /<\/dt?-math>$/],
  // kramdown's escaped delimiters, `\\( ... \\)` and `\\[ ... \\]`, as markdown sources of Jekyll sites hold them.
  [/^\\\\\(/, /\\\\\)$/],
  [/^\\\\\[/, /\\\\\]$/],
  [/^\$\$/, /\$\$$/],
  [/^\\\[/, /\\\]$/],
  [/^\\\(/, /\\\)$/],
  [/^\$/, /\$$/],
];

/** The TeX inside a formula's delimiters and wrappers. Linear in the input. */
export function stripDelimiters(source: string): string {
  let s = source.trim();
  // reStructuredText: `.. math::` followed by an indented block (and options such as `:label:`).
  const rst = /^\.\.\s*math::[ \t]*/.exec(s);
  if (rst) s = s.slice(rst[0].length).replace(/^\s*:[a-z-]+:.*$/gm, '').trim();
  const rstRole = /^:math:`([\s\S]*)`$/.exec(s);
  if (rstRole) s = rstRole[1];
  s = componentMath(s);
  for (let round = 0; round < 4; round++) {
    let changed = false;
    for (const [open, close] of WRAPPERS) {
      const o = open.exec(s);
      if (!o) continue;
      const rest = s.slice(o[0].length);
      const c = close.exec(rest);
      // An opener without its closer (a formula cut short) is still an opener.
      s = (c ? rest.slice(0, c.index) : rest).trim();
      changed = true;
      break;
    }
    if (!changed) break;
  }
  // Colour is presentation: `\color{red}{p(t)}` and `\textcolor{red}{p(t)}` are `{p(t)}`, `\color{red} x` is `x`.
  s = s.replace(/\\textcolor\{[^{}]*\}/g, '').replace(/\\color\{[^{}]*\}/g, '');
  // A trailing `.` or `,` written after the math but inside the delimiters ends a sentence, not a formula.
  return s.replace(/[\s,.;]+$/, '');
}

/**
 * React/MDX components hold the formula in an attribute, `<Math math="x^2" />`, `<InlineMath math={"\\alpha"} />`
 * (react-katex, MDX blogs): the formula is the attribute's value. A JavaScript string (`{"..."}`, `{`...`}`) doubles
 * its backslashes; a JSX string attribute (`"..."`) keeps them as typed.
 */
function componentMath(s: string): string {
  if (!/^<[A-Z]/.test(s)) return s;
  const attr = /\smath\s*=\s*(\{\s*)?(["'`])/.exec(s);
  if (!attr) return s;
  const from = attr.index + attr[0].length;
  const to = s.indexOf(attr[2], from);
  if (to < 0) return s;
  const value = s.slice(from, to);
  return attr[1] === undefined ? value : value.replace(/\\\\/g, '\\');
}

/** True when the text reads as Unicode plain-text math rather than TeX. */
export function looksLikeUnicodeMath(s: string): boolean {
  if (!/[^\x00-\x7f]/.test(s)) return false;
  // TeX sources contain control words; Unicode pasted from a page rarely does.
  return !/\\[A-Za-z]{2,}/.test(s);
}

/** Delimiters and wrappers removed, Unicode turned into TeX: what the parser reads. */
export function normalizeFormula(source: string): string {
  // Markdown sources escape what the markdown parser would read (`\mathbb{E}\_{x}`, kramdown, Jekyll):
  // unescapeSource undoes that where the formula shows it, and leaves TeX's own `num\_heads` alone.
  const body = unescapeSource(stripDelimiters(source));
  // (A product dot or cross ends an unbraced subscript, `σ_t·z`: a space before it says so to the converter.)
  if (looksLikeUnicodeMath(body)) return timeArguments(braceRoots(unflattenScripts(typedIntegrals(unicodeToLatex(sumSigns(pdfScripts(katexScripts(body)).normalize('NFD').replace(/(\S)([\u00b7\u22c5\u00d7])/g, '$1 $2')))))));
  return timeArguments(looksLikeAsciiMath(body) ? asciiToTex(body) : body);
}

/**
 * A state at a time written as a function of it, `\mathbf{x}(t)`, `x(0)`, `x(t + \Delta t)` (as SDE notes
 * write a process), is the same variable as the indexed `x_t`, `x_0` of a discrete chain: it is read as
 * such so that one notion of "a variable at a time step" serves both. Only the letters that name a state
 * (x, y, z, plain or bold) are rewritten: `f(t)`, `\beta(t)`, `g(t)` are functions of time and stay so.
 */
function timeArguments(s: string): string {
  return s.replace(TIME_ARGUMENT, (_, v: string, t: string) => `${v}_{${t}}`);
}
const TIME_ARGUMENT = /((?:\\(?:mathbf|bm|boldsymbol|vec)\{[xyz]\})|\\(?:rv|v|bm)[xyz](?![A-Za-z])|(?<![\\A-Za-z])[xyz])\((t(?:\s*[+-]\s*(?:\\Delta\s*t|h|1|dt))?|0|T|s)\)/g;

/** A letter standing alone (Latin or Greek), a space and a step index with its shift: `m t−1`, `θ k+1`. */
const PDF_SHIFTED = /(^|[\s(=+\u2212\-\u00b7])([A-Za-z\u03b1-\u03c9])\s([tk])([+\u2212-])(\d)(?![\w.])/g;
/** What may stand before a lone letter: the start, a space, an opening bracket, a relation or a sign. */
const LONE = '(^|[\\s(=+\\u2212\\-\\u00b7])';

/**
 * Text copied from a PDF loses the scripts' layout without any mark: `m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t`
 * comes as `m t = β 1 m t−1 + (1−β 1) g t`. Nobody writes a lone letter, a space and `t−1` for a product
 * minus one, so such a shifted index says the scripts were flattened; then, and only then, a lone letter
 * followed by a lone `t` or `k` (the step) and a Greek letter followed by one digit (`β 1`, a numbered
 * constant) get their subscripts back. Without a shifted index the text is left alone (`v t` may be a
 * velocity times a time).
 */
function pdfScripts(s: string): string {
  if (!new RegExp(PDF_SHIFTED.source).test(s)) return s;
  return s.replace(PDF_SHIFTED, (_, pre: string, base: string, idx: string, sign: string, d: string) => `${pre}${base}_{${idx}${sign === '+' ? '+' : '-'}${d}}`)
    .replace(new RegExp(`${LONE}([A-Za-z\\u03b1-\\u03c9][\\u0300-\\u036f]?)\\s([tk])(?=$|[\\s),=+\\u2212\\-])`, 'g'), '$1$2_$3')
    .replace(new RegExp(`${LONE}([\\u03b1-\\u03c9])\\s(\\d)(?=$|[\\s),=+\\u2212\\-])`, 'g'), '$1$2_$3');
}

/**
 * Text copied from a page that rendered its math loses the scripts' layout: `p_\theta(x)` comes as
 * `pθ(x)`, `\bar\alpha_t` as `αˉt`. Two of those losses can be undone without guessing: a model's
 * parameter written right after a letter that is applied to arguments is its subscript, and a
 * modifier macron after a letter is a bar over it.
 */
function unflattenScripts(tex: string): string {
  return tex
    .replace(/(\\[A-Za-z]+|[A-Za-z])\u02c9/g, '\\bar{$1}')
    .replace(/(^|[^\\A-Za-z])([A-Za-z]|\\(?:mu|Sigma|sigma|epsilon))\\(theta|phi|psi)(?=\()/g, '$1$2_{\\$3}');
}

/**
 * A capital sigma typed for a sum, `−Σ p(x) log q(x)`, `= Σ_i π_i N(...)`: a Σ that opens a term (at the
 * start, after a relation, a sign or an opening bracket) and is followed by its index or by a space
 * and a factor is the summation sign. A covariance Σ stands after an argument's comma, or is itself
 * set to something (`Σ = ...`) or inverted (`Σ^{-1}`), and stays a letter.
 */
function sumSigns(s: string): string {
  if (!s.includes('\u03a3')) return s;
  return s.replace(/(^|[=\u2212+\-([\s])\u03a3(?=_|\s+[^\s=^])/g, (m: string, before: string, at: number) => {
    // Only when the Σ opens a term: what stands before the whitespace is a relation, a sign or a bracket.
    const prev = s.slice(0, at + before.length).trimEnd();
    return prev === '' || /[=\u2212+\-([\u2248\u2264\u2265]$/.test(prev) ? before + '\u2211' : m;
  });
}

/**
 * `sqrt(...)` typed in pasted text, or `√(...)`, becomes `\sqrt(...)` on the way through, which TeX
 * reads as a root of the parenthesis alone when it is braced; the group is braced so the
 * root covers what the parentheses hold.
 */
function braceRoots(tex: string): string {
  // `√ᾱ_t` comes as `\sqrt\bar{\alpha}_t`: the root of the scripted symbol, braced whole.
  let out = tex.replace(/\\sqrt(\\(?:bar|hat|tilde)\{[^{}]*\}|\\[A-Za-z]+(?![A-Za-z{])|[A-Za-z](?![A-Za-z]))(_(?:\{[^{}]*\}|[A-Za-z0-9]))?/g, '\\sqrt{$1$2}');
  if (!out.includes('\\sqrt(')) return out;
  for (let guard = 0; guard < 20; guard++) {
    const at = out.indexOf('\\sqrt(');
    if (at < 0) break;
    const open = at + 5;
    let depth = 0;
    let close = -1;
    for (let k = open; k < out.length; k++) {
      if (out[k] === '(') depth++;
      else if (out[k] === ')' && --depth === 0) { close = k; break; }
    }
    if (close < 0) break;
    out = out.slice(0, at) + '\\sqrt{' + out.slice(open + 1, close) + '}' + out.slice(close + 1);
  }
  return out;
}

/** Letters and symbols that carry a subscript in rendered math: Latin and Greek letters, ∇, ∑, ∏. */
const SCRIPT_BASE = 'A-Za-z\u0391-\u03a9\u03b1-\u03c9\u03f5\u03d5\u2207\u2211\u220f';
/** What a short subscript holds: letters, digits, and one `+k`/`-k` step (`t+1`, `t−1`). */
const SCRIPT_BODY = `[A-Za-z0-9\u03b1-\u03c9\u03f5]{1,6}(?:[+\\-\u2212][0-9])?`;
const KATEX_SUB = new RegExp(`(min|max|sup|inf|lim|[${SCRIPT_BASE}][\u02c9\u0300-\u036f]*)(${SCRIPT_BODY})\u200b+`, 'g');

/**
 * Text copied from a page that KaTeX rendered keeps a zero-width space (U+200B) after every subscript:
 * `θt+1​=θt​−η∇θ​L(θt​)` is `θ_{t+1} = θ_t − η∇_θ L(θ_t)`. Each such mark turns the short run before it
 * back into the subscript of the letter (or operator, or `min`/`max`) it follows; the marks left over
 * (after an accent) are dropped. A base is one letter, so `pdata​` is `p_{data}`.
 */
function katexScripts(s: string): string {
  if (!s.includes('\u200b')) return s;
  return s.replace(KATEX_SUB, (_, base: string, sub: string) => `${base}_{${sub}}`).replace(/\u200b/g, '');
}
