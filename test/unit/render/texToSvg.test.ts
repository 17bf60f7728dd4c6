import * as assert from 'node:assert/strict';
import { texToSvg, type RenderRequest } from '../../../src/host/render/texToSvg';

function request(tex: string, extra: Partial<RenderRequest> = {}): RenderRequest {
  return { tex, display: false, macros: {}, color: '#123456', exPixels: 8, ...extra };
}

describe('TeX to SVG for hovers', () => {
  it('renders a KL divergence as a standalone SVG sized in pixels', () => {
    const r = texToSvg(request('D_{KL}(q_\\phi(z|x)\\,\\|\\,p(z))'));
    assert.ok(r.ok);
    assert.match(r.svg, /^<svg [^>]*width="\d+" height="\d+"/);
    assert.ok(r.width > 50 && r.height > 8, `size ${r.width}x${r.height}`);
    // Self-contained: every glyph is drawn in place, with no font cache to refer to.
    assert.doesNotMatch(r.svg, /<defs>|<use|href/);
    assert.match(r.svg, /<path d="M/);
  });

  it('bakes the requested colour into the SVG, since an image does not inherit it', () => {
    const r = texToSvg(request('x^2', { color: '#abcdef' }));
    assert.ok(r.ok);
    assert.match(r.svg, /^<svg color="#abcdef"/);
  });

  it('scales the image with the pixels per ex it is given', () => {
    const small = texToSvg(request('\\sum_i x_i', { exPixels: 6 }));
    const large = texToSvg(request('\\sum_i x_i', { exPixels: 12 }));
    assert.ok(small.ok && large.ok);
    assert.ok(Math.abs(large.width / small.width - 2) < 0.2, `${small.width} -> ${large.width}`);
  });

  it("reports MathJax's own message for a formula it cannot render", () => {
    const r = texToSvg(request('\\frac{a'));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && /close brace/i.test(r.error), !r.ok ? r.error : '');
    const undefinedMacro = texToSvg(request('\\notamacro x'));
    assert.ok(!undefinedMacro.ok && /Undefined control sequence \\notamacro/.test(undefinedMacro.error));
  });

  it('applies macros with and without arguments', () => {
    const r = texToSvg(request('\\E[x] + \\KL{q}{p}', { macros: { E: '\\mathbb{E}', KL: ['D_{KL}(#1\\|#2)', 2] } }));
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.droppedMacros, []);
  });

  it('drops a macro that breaks rendering on its own and keeps the others', () => {
    const r = texToSvg(request('\\E[x]', { macros: { loop: '\\loop', E: '\\mathbb{E}' } }));
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.droppedMacros, ['loop']);
  });

  it("renders a preamble's bold-vector macros built on \\bm and on each other", () => {
    const macros = { vx: '\\bm{x}', btheta: '\\bm{\\theta}', data: '\\mathrm{data}', pdata: 'p_{\\data}', loop: '\\loop' };
    const r = texToSvg(request('\\log p_{\\btheta}(\\vx) + \\pdata(\\vx)', { macros }));
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.droppedMacros, ['loop']);
  });

  it('does not let formulas make links, styles or ids', () => {
    for (const tex of ['\\href{https://example.com}{x}', '\\style{color:red}{x}', '\\cssId{a}{x}', '\\class{a}{x}', '\\require{html}']) {
      const r = texToSvg(request(tex));
      assert.equal(r.ok, false, `${tex} rendered`);
    }
  });

  it('answers a 10,000-deep nesting with a message instead of throwing', () => {
    const r = texToSvg(request('{'.repeat(10_000) + 'x' + '}'.repeat(10_000)));
    assert.equal(r.ok, false);
  });
});
