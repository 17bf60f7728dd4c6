/**
 * Escapes a page's source puts over its TeX, undone before the parser reads it.
 *
 * - HTML entities: a formula scraped from an HTML page, or kept in a Markdown file that a
 *   renderer escaped, holds `&amp;` for an alignment `&` and `&lt;`/`&gt;` for `<`/`>`.
 *   TeX never writes an entity, so decoding them changes no real TeX.
 * - Markdown escapes: kramdown and other Markdown renderers eat one backslash, so authors of
 *   Jekyll pages write `p\_{\theta}`, `\min\_{\phi}`, `\begin{align\*}` and `\\|` for `\|`.
 *   A `\_` right before a brace, a control word or a one-character subscript (`\alpha\_t`) is that escape (TeX's
 *   literal underscore `\_` stands inside a word, `num\_heads`); once a formula shows it, its `\*`, `\\|`,
 *   lone `\|` (a bar) and `\[`, `\]` (brackets) are read as escapes too.
 */

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** The formula with HTML entities and Markdown escapes undone. Linear in its length. */
export function unescapeSource(s: string): string {
  let out = s.includes('&') ? s.replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, e: string) => ENTITIES[e]) : s;
  if (/(?:^|[^\\])\\_(?:[{\\]|[A-Za-z0-9](?![A-Za-z0-9]))/.test(out)) {
    // (`\\|` is `\|` escaped; a TeX line break before a bar would be written `\\ |`. A line
    // break before an underscore, `\\_b`, is left as it is.)
    // For the same reason a lone `\|` (Markdown's escaped table pipe) is a plain bar, the conditioning
    // `q(x\_t \| x\_{t-1})`, and a lone `\[`, `\]` a bracket, `\left\[ ... \right\]`: the double bar and the
    // display delimiters need a second backslash here. (The body's delimiters are already gone.)
    out = out.replace(/(^|[^\\])\\_/g, '$1_').replace(/\\\*/g, '*')
      .replace(/(?<!\\)\\([|[\]])/g, '$1').replace(/\\\\\|/g, '\\|');
  }
  return out;
}
