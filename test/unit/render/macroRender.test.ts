import * as assert from 'node:assert/strict';
import { findFormulas } from '../../../src/core/find';
import { mergeMacros, settingMacros } from '../../../src/core/find/macroSources';
import { texToSvg } from '../../../src/host/render/texToSvg';

/** Renders `tex` with the macros merged from `layers`, as the hover does. */
function render(tex: string, layers: Parameters<typeof mergeMacros>[0]) {
  return texToSvg({ tex, display: false, macros: mergeMacros(layers), color: '#123456', exPixels: 8 });
}

describe('merged macros in MathJax', () => {
  it('renders a macro built on \\ensuremath and \\xspace, which MathJax alone does not know', () => {
    const doc = findFormulas('\\newcommand{\\R}{\\ensuremath{\\mathbb{R}}\\xspace}', 'latex');
    const bare = texToSvg({ tex: '\\ensuremath{x}', display: false, macros: {}, color: '#123456', exPixels: 8 });
    assert.ok(!bare.ok, 'MathJax rendered \\ensuremath without help: the fallback would not be needed');
    const r = render('x \\in \\R^n', { document: doc.macros });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.droppedMacros, []);
  });

  it('renders a KaTeX-style setting macro whose arguments are counted from its body', () => {
    const r = render('\\KL{q}{p}', { katex: settingMacros({ '\\KL': 'D_{KL}(#1\\,\\|\\,#2)' }) });
    assert.ok(r.ok, r.ok ? '' : r.error);
  });
});
