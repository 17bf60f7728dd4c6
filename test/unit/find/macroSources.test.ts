import * as assert from 'node:assert/strict';
import { findFormulas } from '../../../src/core/find';
import { FALLBACK_MACROS, fileMacros, mergeMacros, settingMacros } from '../../../src/core/find/macroSources';

describe('macros from where people keep them', () => {
  it('merges in the stated order: document, macro files, genmath.macros, katex.macros, markdown.math.macros', () => {
    const layer = (tag: string, names: string[]) => Object.fromEntries(names.map((n) => [n, tag]));
    const merged = mergeMacros({
      document: layer('document', ['a']),
      files: layer('files', ['a', 'b']),
      genmath: layer('genmath', ['a', 'b', 'c']),
      katex: layer('katex', ['a', 'b', 'c', 'd']),
      markdownMath: layer('markdownMath', ['a', 'b', 'c', 'd', 'e']),
    });
    assert.deepEqual(
      { a: merged.a, b: merged.b, c: merged.c, d: merged.d, e: merged.e },
      { a: 'document', b: 'files', c: 'genmath', d: 'katex', e: 'markdownMath' },
    );
  });

  it('lets a \\providecommand of the document give way to every other source', () => {
    const doc = findFormulas('\\providecommand{\\R}{\\mathbf{R}}\n\\providecommand{\\N}{\\mathbb{N}}\n\\newcommand{\\Z}{\\mathbb{Z}}', 'latex');
    assert.deepEqual([...(doc.provided ?? [])].sort(), ['N', 'R']);
    const merged = mergeMacros({ document: doc.macros, provided: doc.provided, markdownMath: { R: '\\mathbb{R}' } });
    assert.equal(merged.R, '\\mathbb{R}');
    assert.equal(merged.N, '\\mathbb{N}');
    assert.equal(merged.Z, '\\mathbb{Z}');
  });

  it('understands \\ensuremath and \\xspace, below every definition', () => {
    assert.deepEqual(mergeMacros({}), FALLBACK_MACROS);
    assert.deepEqual(mergeMacros({}).ensuremath, ['{#1}', 1]);
    assert.equal(mergeMacros({ genmath: { xspace: 'X' } }).xspace, 'X');
  });

  it('reads settings written with or without the backslash, counting #n arguments as KaTeX does', () => {
    assert.deepEqual(settingMacros({ '\\R': '\\mathbb{R}', KL: 'D_{KL}(#1\\|#2)', 'not a name': 'x', '\\n': 3 }), {
      R: '\\mathbb{R}',
      KL: ['D_{KL}(#1\\|#2)', 2],
    });
    assert.deepEqual(settingMacros(['\\R']), {});
    assert.deepEqual(settingMacros(undefined), {});
  });

  it('reads a .sty macro file, its comments skipped', () => {
    const sty = '\\ProvidesPackage{notation}\n% \\newcommand{\\old}{no}\n\\newcommand{\\E}{\\mathbb{E}} % expectation\n\\DeclareMathOperator*{\\argmax}{arg\\,max}';
    assert.deepEqual(fileMacros(sty), { E: '\\mathbb{E}', argmax: '\\operatorname*{arg\\,max}' });
  });

  it('reads \\NewDocumentCommand with mandatory arguments and skips other signatures', () => {
    const tex = [
      '\\NewDocumentCommand{\\KL}{mm}{D_{KL}(#1\\|#2)}',
      '\\NewDocumentCommand\\norm{ m }{\\lVert #1 \\rVert}',
      '\\NewDocumentCommand{\\data}{}{\\mathcal{D}}',
      '\\NewDocumentCommand{\\opt}{o m}{#2}',
      '\\RenewDocumentCommand{\\vec}{m}{\\mathbf{#1}}',
    ].join('\n');
    assert.deepEqual(findFormulas(tex, 'latex').macros, {
      KL: ['D_{KL}(#1\\|#2)', 2],
      norm: ['\\lVert #1 \\rVert', 1],
      data: '\\mathcal{D}',
      vec: ['\\mathbf{#1}', 1],
    });
  });

  it('reads \\NewDocumentCommand in a markdown formula too', () => {
    assert.deepEqual(findFormulas('$\\NewDocumentCommand{\\Q}{m}{q(#1)}$ and $\\Q{z}$', 'markdown').macros, { Q: ['q(#1)', 1] });
  });
});
