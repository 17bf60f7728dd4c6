/**
 * From a formula as it stands in a document to the TeX the parser reads: delimiters
 * (`$`, `$$`, `\(`, `\[`), Liquid/Hugo/RST wrappers (`{% math %}`, `{%m%}`,
 * `{{< katex >}}`, `.. math::`), fenced ```math blocks and stray trailing
 * punctuation are removed; plain Unicode text becomes TeX with `unicodeToLatex`.
 * Math environments (`\begin{aligned}`) are left for the parser, which reads
 * `&` and `\\` itself.
 */
import { unicodeToLatex } from '../find/unicode';
import { asciiToTex, looksLikeAsciiMath } from './ascii';

/** Wrappers around a formula, opening and closing, tried in order until none matches. */
const WRAPPERS: readonly [RegExp, RegExp][] = [
  [/^\{%-?\s*(?:math|m|katex|latex|tex)\s*-?%\}/, /\{%-?\s*(?:endmath|em|endkatex|endlatex|endtex)\s*-?%\}$/],
  [/^\{\{<\s*\/?\s*(?:m|math|katex|tex|latex)\b[^>]*>\}\}/, /\{\{<\s*\/\s*(?:m|math|katex|tex|latex)\s*>\}\}$/],
  [/^\{\{%\s*(?:m|math|katex)\b[^%]*%\}\}/, /\{\{%\s*\/\s*(?:m|math|katex)\s*%\}\}$/],
  [/^```\s*(?:math|latex|tex|katex)\s*\n/, /```$/],
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
  // A trailing `.` or `,` written after the math but inside the delimiters ends a sentence, not a formula.
  return s.replace(/[\s,.;]+$/, '');
}

/** True when the text reads as Unicode plain-text math rather than TeX. */
export function looksLikeUnicodeMath(s: string): boolean {
  if (!/[^\x00-\x7f]/.test(s)) return false;
  // TeX sources contain control words; Unicode pasted from a page rarely does.
  return !/\\[A-Za-z]{2,}/.test(s);
}

/** Delimiters and wrappers removed, Unicode turned into TeX: what the parser reads. */
export function normalizeFormula(source: string): string {
  const body = stripDelimiters(source);
  if (looksLikeUnicodeMath(body)) return unflattenScripts(unicodeToLatex(body));
  return looksLikeAsciiMath(body) ? asciiToTex(body) : body;
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
