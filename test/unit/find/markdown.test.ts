import * as assert from 'node:assert/strict';
import { find, sources } from './helpers';

describe('findFormulas in markdown', () => {
  describe('delimiters', () => {
    it('finds inline $...$ with its body as tex', () => {
      const [f] = find('The loss $L(\\theta)$ falls.');
      assert.deepEqual([f.source, f.tex, f.delimiter, f.display, f.line], ['$L(\\theta)$', 'L(\\theta)', 'dollar', false, 0]);
    });

    it('finds $$...$$ as a block on its own lines', () => {
      const text = 'Before\n\n$$\n\\int_0^1 f(x)\\,dx\n$$\n\nAfter';
      const [f] = find(text);
      assert.equal(f.source, '$$\n\\int_0^1 f(x)\\,dx\n$$');
      assert.equal(f.tex, '\\int_0^1 f(x)\\,dx');
      assert.equal(f.delimiter, 'display-dollar');
      assert.equal(f.display, true);
      assert.equal(f.line, 2);
    });

    it('finds $$...$$ inline, as kramdown writes it', () => {
      const [f] = find('so that $$p(x)=\\sum_z p(x,z)$$ holds');
      assert.equal(f.source, '$$p(x)=\\sum_z p(x,z)$$');
      assert.equal(f.display, true);
    });

    it('finds \\(...\\) and \\[...\\]', () => {
      const fs = find('inline \\(a+b\\) and display \\[c=d\\] here');
      assert.deepEqual(fs.map((f) => [f.source, f.tex, f.delimiter, f.display]), [
        ['\\(a+b\\)', 'a+b', 'paren', false],
        ['\\[c=d\\]', 'c=d', 'bracket', true],
      ]);
    });

    it("finds kramdown's escaped \\\\[...\\\\] and \\\\(...\\\\), with the body's markdown escapes undone", () => {
      const fs = find('Jekyll:\n\n\\\\[\\tag{2}\n\\mathbf{x}\\_{t} \\sim q(\\mathbf{x} \\| \\mathbf{x}\'),\\, t > 0\n\\\\]\n\ninline \\\\( a\\_1 + b \\\\) here, and a \\\\\\\\ line \\\\ too.\n');
      assert.deepEqual(fs.map((f) => [f.tex, f.delimiter, f.display]), [
        ["\\tag{2}\n\\mathbf{x}_{t} \\sim q(\\mathbf{x} | \\mathbf{x}'),\\, t > 0", 'bracket', true],
        ['a_1 + b', 'paren', false],
      ]);
      assert.ok(fs[0].source.startsWith('\\\\[') && fs[0].source.endsWith('\\\\]'), fs[0].source);
    });

    it('finds a \\[...\\] block over several lines', () => {
      const [f] = find('text\n\\[\n  x = 1\n\\]\n');
      assert.equal(f.source, '\\[\n  x = 1\n\\]');
      assert.equal(f.line, 1);
    });

    for (const env of ['equation', 'equation*', 'align', 'align*', 'aligned', 'gather', 'gather*', 'multline', 'multline*', 'eqnarray', 'eqnarray*']) {
      it(`finds a bare \\begin{${env}} environment over several lines and keeps it whole as tex`, () => {
        const body = `\\begin{${env}}\na &= b \\\\\nc &= d\n\\end{${env}}`;
        const [f] = find(`Intro\n\n${body}\n\nOutro`);
        assert.equal(f.source, body);
        assert.equal(f.tex, body);
        assert.equal(f.delimiter, 'environment');
        assert.equal(f.display, true);
        assert.equal(f.line, 2);
      });
    }

    it('finds a ```math fence with its lines as tex', () => {
      const text = 'Intro\n\n```math\nE = mc^2\n```\n';
      const [f] = find(text);
      assert.equal(f.source, '```math\nE = mc^2\n```');
      assert.equal(f.tex, 'E = mc^2');
      assert.equal(f.delimiter, 'fence');
      assert.equal(f.display, true);
      assert.equal(f.line, 2);
    });

    it('finds Jekyll Liquid math tags, display and inline', () => {
      const fs = find('{% math %}\nKL(q||p) \\geq 0\n{% endmath %}\n\nso {%m%}p(x){%em%} holds');
      assert.deepEqual(fs.map((f) => [f.source, f.tex, f.delimiter, f.display]), [
        ['{% math %}\nKL(q||p) \\geq 0\n{% endmath %}', 'KL(q||p) \\geq 0', 'liquid', true],
        ['{%m%}p(x){%em%}', 'p(x)', 'liquid', false],
      ]);
    });

    it('finds math in list items and blockquotes', () => {
      assert.deepEqual(sources('- item $a$\n  $$ b $$\n> quoted $c$\n'), ['$a$', '$$ b $$', '$c$']);
    });

    it('drops blockquote markers from the tex of a multi-line formula in a quote', () => {
      const [f] = find('> $$\n> a = b\n> $$\n');
      assert.equal(f.source, '$$\n> a = b\n> $$');
      assert.equal(f.tex, 'a = b');
    });

    it('finds a fenced math block inside a list item', () => {
      const [f] = find('- item\n\n  ```math\n  x^2\n  ```\n');
      assert.equal(f.delimiter, 'fence');
      assert.equal(f.tex, 'x^2');
    });

    it('accepts `$ \\begin{aligned} ... $` with spaces inside, as some web pages write it', () => {
      const text = '$ \\begin{aligned} a &= b \\end{aligned} $';
      const [f] = find(text);
      assert.equal(f.source, text);
      assert.equal(f.tex, '\\begin{aligned} a &= b \\end{aligned}');
    });

    it('finds a display block that spans a blank line', () => {
      assert.deepEqual(sources('$$\na\n\nb\n$$'), ['$$\na\n\nb\n$$']);
    });

    it('reports formulas in document order even when a fence comes first', () => {
      const fs = find('```math\nx\n```\nthen $y$');
      assert.deepEqual(fs.map((f) => f.delimiter), ['fence', 'dollar']);
    });
  });

  describe('what is not math', () => {
    const none: Array<[string, string]> = [
      ['an inline code span', 'code `$x$` here'],
      ['a code span of two backticks holding one', 'code `` a ` $x$ `` here'],
      ['a code span of three backticks', 'code ``` $x$ ``` here'],
      ['a fenced code block', '```\n$x$ and $$y$$\n```'],
      ['a fenced code block with a language', '```python\nprice = "$5" if $a$ else 0\n```'],
      ['a tilde fence', '~~~\n$x$\n~~~'],
      ['an indented code block', 'Text.\n\n    $x$ and \\(y\\)\n'],
      ['an escaped dollar', 'costs \\$5 and \\$x\\$'],
      ['currency from $20 to $30', 'It went from $20 to $30 last year.'],
      ['currency $5 and $10', 'Tickets cost $5 and $10.'],
      ['currency $5, $10 and $20', 'Prices: $5, $10, and $20!'],
      ['jQuery $(".a")', 'Call $(".a").hide(); then $(".b").show();'],
      ['jQuery $.ajax', 'Use $.ajax(url) or $.get(url);'],
      ['statements between dollars', 'Call $init(); run()$ first.'],
      ['an HTML comment', 'a <!-- $x$ --> b'],
      ['an HTML comment block over several lines', '<!--\n$x$\n\n$$y$$\n-->'],
      ['inline $ across a paragraph break', 'a $x\n\ny$ b'],
      ['a <pre> block', '<pre>\n$x$\n</pre>'],
      ['an unclosed $', 'only $x here'],
      ['a $ followed by a space', 'a $ x$ b'],
    ];
    for (const [what, text] of none) {
      it(`finds nothing in ${what}`, () => {
        assert.deepEqual(sources(text), []);
      });
    }

    it("finds a density's parameters after a call's ; (not a statement's end)", () => {
      assert.deepEqual(sources('kernel $N(x(t); 0, 1)$ and $f(x(t);a)$ and $p(x_t(s);\\theta)$.'), ['$N(x(t); 0, 1)$', '$f(x(t);a)$', '$p(x_t(s);\\theta)$']);
    });

    it('finds math after a code span on the same line', () => {
      assert.deepEqual(sources('`$no$` but $yes$'), ['$yes$']);
    });

    it('finds math after a fenced code block closes', () => {
      assert.deepEqual(sources('```js\nlet a = "$x$";\n```\n$y$'), ['$y$']);
    });

    it('finds math in a list item continuation indented by four spaces', () => {
      assert.deepEqual(sources('- item\n\n    continued $x$\n'), ['$x$']);
    });

    it('finds $x$ next to currency with pandoc\'s rule', () => {
      assert.deepEqual(sources('$x$ costs $5'), ['$x$']);
    });
  });

  describe('offsets', () => {
    it('gives exact offsets and lines in a CRLF file', () => {
      const text = 'line one\r\n\r\nline $a$ three\r\n$$\r\nb\r\n$$\r\n';
      const fs = find(text);
      assert.deepEqual(fs.map((f) => [f.source, f.line]), [['$a$', 2], ['$$\r\nb\r\n$$', 3]]);
      assert.equal(fs[0].start, text.indexOf('$a$'));
    });

    it('counts an emoji before a formula as two UTF-16 units', () => {
      const text = '🎉🎉 then $x$';
      const [f] = find(text);
      assert.equal(f.start, 10);
      assert.equal(f.end, 13);
    });

    it('counts a byte-order mark and still sees a fence on the first line', () => {
      const text = '\uFEFF```math\nx\n```\n$y$';
      const fs = find(text);
      assert.deepEqual(fs.map((f) => [f.source, f.start, f.line]), [['```math\nx\n```', 1, 0], ['$y$', 15, 3]]);
    });

    it('counts lone CR line breaks as VS Code does', () => {
      const [f] = find('a\rb\r$x$');
      assert.equal(f.line, 2);
    });
  });
});
