import * as assert from 'node:assert/strict';
import { FORMULA_KINDS, KINDS, type FormulaKind } from '../../../src/core/recognize';
import { cardMarkdown, formulaMarkdown, GUESS_BELOW, HOVER_MARKDOWN_LIMIT, escapeMarkdown, hoverTitle } from '../../../src/host/hoverMarkdown';

describe('the markdown of a formula hover', () => {
  it('embeds the SVG as a base64 data URI image with the formula read aloud as alt text', () => {
    const md = formulaMarkdown('x^2', { ok: true, svg: '<svg></svg>', width: 10, height: 10, droppedMacros: [] });
    assert.equal(md, `![x squared](data:image/svg+xml;base64,${Buffer.from('<svg></svg>').toString('base64')})`);
  });

  it('speaks a long formula whole in the alt text, never its TeX cut short', () => {
    const tex = String.raw`\log p(x) \geq \mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)] - D_{KL}(q_\phi(z|x) \| p(z)) + \sum_{i=1}^{N} \frac{1}{N} \|x_i\|^2`;
    const md = formulaMarkdown(tex, { ok: true, svg: '<svg/>', width: 1, height: 1, droppedMacros: [] });
    const alt = /^!\[(.*)\]\(data:/.exec(md)?.[1] ?? '';
    assert.ok(alt.length > 120, alt);
    assert.match(alt, /the KL divergence of q phi of z given x from p of z/);
    assert.doesNotMatch(alt, /\\(?![,.()-])|\.\.\.$/);
  });

  it('uses the render worker\'s reading when it brings one (its fallback for formulas our tree does not cover)', () => {
    const md = formulaMarkdown(String.raw`\Qux`, { ok: true, svg: '<svg/>', width: 1, height: 1, droppedMacros: [], speech: 'qux of nothing' });
    assert.match(md, /^!\[qux of nothing\]\(data:/);
  });

  it('keeps the alt text on one line and free of brackets, so a multi-line formula cannot break the image', () => {
    const md = formulaMarkdown('a]\n(b', { ok: true, svg: '<svg/>', width: 1, height: 1, droppedMacros: [], speech: 'a] \n [b' });
    assert.match(md, /^!\[a b\]\(data:/);
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

describe('the kind a formula hover names', () => {
  const card = (kind: FormulaKind, confidence: number) => ({ kind, title: KINDS[kind].title, confidence, roles: {}, glossary: [], tex: 'x' });
  const firstLine = (kind: FormulaKind, confidence: number): string => cardMarkdown(card(kind, confidence), '![x](data:image/svg+xml;base64,AA==)').split('\n')[0];

  it('words a low-confidence answer as a guess, with the kind and its right article', () => {
    const expected: Record<Exclude<FormulaKind, 'none'>, string> = {
      mle: 'Looks like maximum likelihood',
      kl: 'Looks like a KL divergence',
      elbo: 'Looks like an evidence lower bound (ELBO)',
      minimax: 'Looks like a GAN min-max game',
      gradient_step: 'Looks like a gradient step',
      marginal: 'Looks like a marginal likelihood',
      reconstruction: 'Looks like a reconstruction loss',
      diffusion: 'Looks like a diffusion model',
      bayes: "Looks like Bayes' rule",
      entropy: 'Looks like an entropy / cross-entropy',
      jsd: 'Looks like a Jensen-Shannon divergence',
    };
    for (const kind of FORMULA_KINDS) {
      if (kind === 'none') continue;
      assert.equal(hoverTitle(card(kind, 0.5)), expected[kind]);
      assert.ok(firstLine(kind, 0.5).startsWith(`**${escapeMarkdown(expected[kind])}**: `), firstLine(kind, 0.5));
    }
  });

  it('says on the card that it is a guess, and on what confidence', () => {
    assert.match(firstLine('kl', 0.55), /_\(a guess: confidence 0\.55\)_$/);
  });

  it(`names the kind plainly at and above ${GUESS_BELOW}, as before`, () => {
    assert.equal(GUESS_BELOW, 0.7);
    assert.ok(firstLine('kl', GUESS_BELOW).startsWith('**KL divergence**: '), firstLine('kl', GUESS_BELOW));
    assert.doesNotMatch(firstLine('kl', 0.95), /guess|Looks like/);
    assert.ok(firstLine('kl', GUESS_BELOW - 0.01).startsWith('**Looks like a KL divergence**'));
  });

  it('names no kind for a formula of none, whatever its confidence', () => {
    assert.equal(firstLine('none', 0.3), '![x](data:image/svg+xml;base64,AA==)');
  });
});
