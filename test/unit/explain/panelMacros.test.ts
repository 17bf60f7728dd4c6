/** The note's macros reach the Explain panel in KaTeX's form, bounded, and a guard checks them on arrival. */
import * as assert from 'node:assert/strict';
import katex from 'katex';
import { isPanelMacros, katexMacros, MAX_PANEL_MACROS } from '../../../src/shared/explainProtocol';

describe('explain panel: macros', () => {
  it("turns MathJax's table (name, body or [body, n]) into KaTeX's, which typesets with it", () => {
    const macros = katexMacros({ pdata: 'p_{\\text{data}}', KL: ['D_{\\mathrm{KL}}(#1\\,\\|\\,#2)', 2] });
    assert.deepEqual(macros, { '\\pdata': 'p_{\\text{data}}', '\\KL': 'D_{\\mathrm{KL}}(#1\\,\\|\\,#2)' });
    assert.ok(isPanelMacros(macros));
    const html = katex.renderToString('\\KL{q}{\\pdata}', { macros: { ...macros }, throwOnError: true });
    assert.match(html, /KL/);
    assert.throws(() => katex.renderToString('\\KL{q}{\\pdata}', { throwOnError: true }), /Undefined control sequence/);
  });

  it('drops names KaTeX would not read, huge bodies, and anything past the bound', () => {
    const many: Record<string, string> = { 'not a name': 'x', ok: 'y', big: 'z'.repeat(20_000) };
    for (let i = 0; i < 2 * MAX_PANEL_MACROS; i++) many[`m${'abcdefghij'[i % 10]}${String.fromCharCode(97 + (i % 26))}${'x'.repeat(Math.floor(i / 260))}`] = 'w';
    const out = katexMacros(many);
    assert.ok(Object.keys(out).length <= MAX_PANEL_MACROS);
    assert.equal(out['\\ok'], 'y');
    assert.equal(out['\\big'], undefined);
    assert.equal(Object.keys(out).some((k) => k.includes(' ')), false);
  });

  it('refuses malformed macros in a message', () => {
    assert.equal(isPanelMacros({ '\\a': 1 }), false);
    assert.equal(isPanelMacros({ 'a': 'x' }), false, 'a key without its backslash');
    assert.equal(isPanelMacros({ '\\a': 'x'.repeat(20_000) }), false);
    assert.equal(isPanelMacros('\\a'), false);
    assert.equal(isPanelMacros(Object.fromEntries(Array.from({ length: MAX_PANEL_MACROS + 1 }, (_, i) => [`\\m${'x'.repeat(i)}`, 'y']))), false);
  });
});
