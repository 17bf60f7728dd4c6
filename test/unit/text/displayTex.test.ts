/** A note's display formula as the Explain panel typesets it: no numbers of its own, rows to break on. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { displayLines, unnumbered } from '../../../src/core/text/displayTex';

const ALIGN = String.raw`\begin{align}
\log p(x) &= \log \int p(x,z)\,dz \label{eq:marg} \\
&= \log \int q(z)\frac{p(x,z)}{q(z)}\,dz \\[2pt]
&\geq \int q(z)\log\frac{p(x,z)}{q(z)}\,dz \nonumber \\
&= \mathbb{E}_{q(z)}[\log p(x|z)] - D_{KL}(q(z)\|p(z)) \tag{ELBO}
\end{align}`;

/** How many equation numbers KaTeX prints (CSS counters, "(1)", "(2)", ...), and whether the tag `name` shows. */
function numbers(tex: string, name?: string): { auto: number; tagged: boolean } {
  const html = katex.renderToString(tex, { displayMode: true, throwOnError: true, strict: 'ignore' });
  const tag = html.slice(html.indexOf('class="katex-tag"'));
  return { auto: html.split('class="eqn-num"').length - 1, tagged: name !== undefined && html.includes('katex-tag') && tag.replace(/<[^>]+>/g, '').includes(`(${name})`) };
}

describe("the panel's display TeX", () => {
  it("drops an align's own equation numbers, and its labels, but keeps an explicit tag", () => {
    const plain = String.raw`\begin{align} a &= b \\ c &= d \end{align}`;
    assert.equal(numbers(plain).auto, 2);
    assert.equal(numbers(unnumbered(plain)).auto, 0);
    assert.equal(unnumbered(String.raw`\begin{equation} x = 1 \end{equation}`), String.raw`\begin{equation*} x = 1 \end{equation*}`);
    assert.equal(unnumbered(String.raw`\begin{gather} x \end{gather}`), String.raw`\begin{gather*} x \end{gather*}`);
    const shown = unnumbered(ALIGN);
    assert.doesNotMatch(shown, /\\label/);
    assert.deepEqual(numbers(shown, 'ELBO'), { auto: 0, tagged: true });
    // An unnumbered formula is left as it is.
    assert.equal(unnumbered('a = b'), 'a = b');
  });

  it('splits an alignment into its rows, without alignment marks, row tags or spacing arguments', () => {
    const rows = displayLines(unnumbered(ALIGN));
    assert.deepEqual(rows, [
      String.raw`\log p(x)  = \log \int p(x,z)\,dz`,
      String.raw`= \log \int q(z)\frac{p(x,z)}{q(z)}\,dz`,
      String.raw`\geq \int q(z)\log\frac{p(x,z)}{q(z)}\,dz`,
      String.raw`= \mathbb{E}_{q(z)}[\log p(x|z)] - D_{KL}(q(z)\|p(z))`,
    ]);
    for (const r of rows) katex.renderToString(r, { throwOnError: true });
  });

  it("keeps a nested matrix's own rows and marks, and an escaped ampersand", () => {
    const tex = String.raw`\begin{aligned} A &= \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix} \\ &= \{x \,\&\, y\} \end{aligned}`;
    assert.deepEqual(displayLines(tex), [String.raw`A  = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}`, String.raw`= \{x \,\&\, y\}`]);
  });

  it('reads the rows of an aligned inside an equation, and gives a formula without rows back whole', () => {
    assert.deepEqual(displayLines(String.raw`\begin{equation}\begin{aligned} a &= b \\ &= c \end{aligned}\end{equation}`), ['a  = b', '= c']);
    assert.deepEqual(displayLines(' a = b + c '), ['a = b + c']);
    const two = String.raw`\begin{aligned} a \end{aligned} = \begin{aligned} b \end{aligned}`;
    assert.deepEqual(displayLines(two), [two]);
    assert.deepEqual(displayLines(String.raw`\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}`), [String.raw`\begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}`]);
  });

  it("gives every row of the long derivation fixture, each one typesets", () => {
    const note = readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'workspace', 'long-derivation.md'), 'utf8');
    const tex = /\$\$([\s\S]+?)\$\$/.exec(note)![1];
    const rows = displayLines(tex);
    assert.equal(rows.length, 12);
    for (const r of rows) {
      assert.doesNotMatch(r, /(^|[^\\])&/);
      katex.renderToString(`\\displaystyle ${r}`, { throwOnError: true });
    }
  });
});
