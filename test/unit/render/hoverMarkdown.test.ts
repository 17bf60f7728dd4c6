import * as assert from 'node:assert/strict';
import { formulaMarkdown, HOVER_MARKDOWN_LIMIT, escapeMarkdown } from '../../../src/host/hoverMarkdown';

describe('the markdown of a formula hover', () => {
  it('embeds the SVG as a base64 data URI image with the formula as alt text', () => {
    const md = formulaMarkdown('x^2', { ok: true, svg: '<svg></svg>', width: 10, height: 10, droppedMacros: [] });
    assert.equal(md, `![x^2](data:image/svg+xml;base64,${Buffer.from('<svg></svg>').toString('base64')})`);
  });

  it('keeps the alt text on one line and free of brackets, so a multi-line formula cannot break the image', () => {
    const md = formulaMarkdown('a]\n(b', { ok: true, svg: '<svg/>', width: 1, height: 1, droppedMacros: [] });
    assert.match(md, /^!\[a \\\(b\]\(data:/);
  });

  it('says the formula is too large instead of passing VS Code’s 100,000-character cap', () => {
    const svg = `<svg>${'x'.repeat(HOVER_MARKDOWN_LIMIT)}</svg>`;
    const md = formulaMarkdown('x', { ok: true, svg, width: 1, height: 1, droppedMacros: [] });
    assert.ok(md.length < 1000);
    assert.match(md, /too large to show in a hover/);
  });

  it("shows MathJax's error message, escaped", () => {
    const md = formulaMarkdown('\\frac{a', { ok: false, error: 'Missing close brace', droppedMacros: [] });
    assert.match(md, /MathJax could not render this formula: Missing close brace/);
    assert.equal(escapeMarkdown('a_b*c'), 'a\\_b\\*c');
  });

  it('says when it gave up on a formula, and names dropped macros', () => {
    const md = formulaMarkdown('x', { ok: false, error: 'gave up: rendering took longer than 3.0 s', droppedMacros: ['loop'] });
    assert.match(md, /gave up/);
    assert.match(md, /`\\loop`/);
  });
});
