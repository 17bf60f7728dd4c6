import * as assert from 'node:assert/strict';
import { findFormulas } from '../../../src/core/find';

describe('macro definitions', () => {
  it('reads \\newcommand, \\renewcommand, \\def and \\DeclareMathOperator from a .tex file', () => {
    const tex = [
      '\\newcommand{\\R}{\\mathbb{R}}',
      '\\newcommand\\KL[2]{D_{KL}(#1\\,\\|\\,#2)}',
      '\\renewcommand{\\vec}[1]{\\mathbf{#1}}',
      '\\def\\E#1{\\mathbb{E}\\left[#1\\right]}',
      '\\def\\eps{\\varepsilon}',
      '\\DeclareMathOperator{\\tr}{tr}',
      '\\DeclareMathOperator*{\\argmax}{arg\\,max}',
      '\\newcommand{\\opt}[2][x]{#1^{#2}}',
    ].join('\n');
    assert.deepEqual(findFormulas(tex, 'latex').macros, {
      R: '\\mathbb{R}',
      KL: ['D_{KL}(#1\\,\\|\\,#2)', 2],
      vec: ['\\mathbf{#1}', 1],
      E: ['\\mathbb{E}\\left[#1\\right]', 1],
      eps: '\\varepsilon',
      tr: '\\operatorname{tr}',
      argmax: '\\operatorname*{arg\\,max}',
      opt: ['#1^{#2}', 2],
    });
  });

  it('reads a definition whose line ends in a % comment', () => {
    assert.deepEqual(findFormulas('\\newcommand{\\foo}{%\n  a+b}', 'latex').macros, { foo: '\n  a+b' });
  });

  it('ignores definitions inside comments and verbatim', () => {
    const tex = '% \\newcommand{\\a}{x}\n\\begin{verbatim}\n\\newcommand{\\b}{y}\n\\end{verbatim}';
    assert.deepEqual(findFormulas(tex, 'latex').macros, {});
  });

  it('reads definitions inside a markdown math block', () => {
    const md = 'Setup:\n\n$$\n\\newcommand{\\R}{\\mathbb{R}}\n\\DeclareMathOperator{\\Var}{Var}\n$$\n\nand `$\\newcommand{\\no}{x}$`';
    assert.deepEqual(findFormulas(md, 'markdown').macros, { R: '\\mathbb{R}', Var: '\\operatorname{Var}' });
  });

  it('skips malformed definitions without throwing', () => {
    const tex = '\\newcommand{\\a}{unclosed\n\\newcommand\n\\def\\b\n\\newcommand{\\c}[x]{y}\n\\DeclareMathOperator{\\d}\n\\newcommand{\\ok}{1}';
    assert.deepEqual(findFormulas(tex, 'latex').macros, { ok: '1' });
  });

  it('caps the length of a definition body', () => {
    const tex = '\\newcommand{\\big}{' + 'x'.repeat(50_000) + '}\\newcommand{\\small}{y}';
    assert.deepEqual(findFormulas(tex, 'latex').macros, { small: 'y' });
  });
});
