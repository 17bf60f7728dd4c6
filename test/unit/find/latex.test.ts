import * as assert from 'node:assert/strict';
import { findFormulas } from '../../../src/core/find';
import { find, sources } from './helpers';

describe('findFormulas in LaTeX', () => {
  it('finds $, $$, \\( and \\[ math', () => {
    const fs = find('a $x$ b $$y$$ c \\(z\\) d \\[w\\] e', 'latex');
    assert.deepEqual(fs.map((f) => [f.source, f.delimiter, f.display]), [
      ['$x$', 'dollar', false], ['$$y$$', 'display-dollar', true], ['\\(z\\)', 'paren', false], ['\\[w\\]', 'bracket', true],
    ]);
  });

  for (const env of ['equation', 'align', 'gather', 'multline', 'eqnarray', 'flalign', 'alignat', 'math', 'displaymath', 'equation*', 'align*', 'flalign*']) {
    it(`finds a ${env} environment anywhere and keeps it whole`, () => {
      const body = `\\begin{${env}}\n  a = b\n\\end{${env}}`;
      const [f] = find(`Text before ${body} text after.`, 'latex');
      assert.equal(f.source, body);
      assert.equal(f.tex, body);
      assert.equal(f.delimiter, 'environment');
      assert.equal(f.display, env !== 'math');
    });
  }

  it('treats a dollar sign in LaTeX as math even next to digits', () => {
    assert.deepEqual(sources('between $2$ and $3$', 'latex'), ['$2$', '$3$']);
  });

  it('skips % comments but not \\%', () => {
    assert.deepEqual(sources('50\\% of $a$ % and $b$ here\n$c$', 'latex'), ['$a$', '$c$']);
  });

  it('sees a comment after a \\\\ line break', () => {
    assert.deepEqual(sources('x \\\\% $no$\n$yes$', 'latex'), ['$yes$']);
  });

  for (const env of ['verbatim', 'Verbatim', 'lstlisting', 'minted', 'comment']) {
    it(`skips the ${env} environment`, () => {
      assert.deepEqual(sources(`\\begin{${env}}\n$x$ \\[y\\]\n\\end{${env}}\n$z$`, 'latex'), ['$z$']);
    });
  }

  it('skips \\verb|...|', () => {
    assert.deepEqual(sources('\\verb|$x$| and $y$', 'latex'), ['$y$']);
  });

  it('reads % and $ inside \\url{...} as part of the address', () => {
    assert.deepEqual(sources('see \\url{http://a.b/x%20y$z} and $w$', 'latex'), ['$w$']);
  });

  it('does not let $ cross a paragraph break', () => {
    assert.deepEqual(sources('$a\n\nb$', 'latex'), []);
  });

  it('ignores an escaped \\$', () => {
    assert.deepEqual(sources('costs \\$5, and $x$', 'latex'), ['$x$']);
  });

  it('gives exact offsets and lines in a CRLF file', () => {
    const text = '\\section{A}\r\n\r\n\\begin{equation}\r\nx\r\n\\end{equation}\r\n$y$';
    const fs = find(text, 'latex');
    assert.deepEqual(fs.map((f) => [f.start, f.line]), [[text.indexOf('\\begin'), 2], [text.indexOf('$y$'), 5]]);
  });

  it('does not look for Unicode plain-text math in LaTeX', () => {
    assert.deepEqual(findFormulas('θ=θ−η∇L(θ)', 'latex').formulas, []);
  });
});
