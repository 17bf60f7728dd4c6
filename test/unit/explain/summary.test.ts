import * as assert from 'node:assert/strict';
import { summarize } from '../../../src/core/explain/summary';
import { texToText } from '../../../src/core/explain/texToText';
import { recognize } from '../../../src/core/recognize';
import { GUESS_BELOW, cardMarkdown } from '../../../src/host/hoverMarkdown';
import { demoFor, commandUri } from '../../../src/host/demos';

describe('plain-text symbols', () => {
  it('turns the TeX of common symbols into readable Unicode', () => {
    assert.equal(texToText('q_\\phi(z|x)'), 'q_φ(z|x)');
    assert.equal(texToText('p_{\\theta}(x \\mid z)'), 'p_θ(x | z)');
    assert.equal(texToText('\\mathbb{E}_{x\\sim p}'), '𝔼_{x∼p}');
    assert.equal(texToText('\\mathcal{N}(0, I)'), '𝒩(0, I)');
    assert.equal(texToText('\\hat\\theta'), 'θ̂');
    assert.equal(texToText('\\frac{1}{2}'), '1/2');
  });

  it('keeps unknown commands readable and survives unbalanced braces', () => {
    assert.equal(texToText('\\foo x'), '\\foo x');
    assert.equal(texToText('\\mathrm{KL'), 'KL');
    assert.equal(texToText('{'.repeat(1000)), '');
  });
});

describe('the one-line summary of a formula card', () => {
  it("names a KL divergence's two arguments from the formula's own symbols", () => {
    const card = recognize('D_{KL}(q_\\phi(z|x)\\,\\|\\,p_\\theta(z))');
    assert.equal(card.kind, 'kl');
    assert.match(summarize(card), /when p_θ\(z\) is used in place of q_φ\(z\|x\); asymmetric, ≥ 0/);
  });

  it('says what kind of game a min-max formula is, with its variant', () => {
    const card = recognize('\\min_G \\max_D \\mathbb{E}_{x\\sim p_{data}}[\\log D(x)] + \\mathbb{E}_{z\\sim p(z)}[\\log(1-D(G(z)))]');
    assert.equal(card.kind, 'minimax');
    assert.match(summarize(card), /discriminator .* generator .*saturating/);
  });
});

describe('the hover of a recognized formula', () => {
  it('leads with the kind, keeps the image, and names every symbol', () => {
    const card = recognize('D_{KL}(q_\\phi(z|x)\\,\\|\\,p(z))');
    const md = cardMarkdown(card, '![img](data:image/svg+xml;base64,AAA)');
    // Worded as its confidence allows: a KL answer was right 0.81 of the time on notes nobody had
    // read (test/fixtures/recognize), so it is said as a guess, with that confidence.
    if (card.confidence < GUESS_BELOW) assert.match(md, /^\*\*Looks like a KL divergence\*\*.*_\(a guess: confidence 0\.\d\d\)_/);
    else assert.match(md, /^\*\*KL divergence\*\*/);
    assert.ok(md.includes('![img](data:image/svg+xml;base64,AAA)'));
    for (const g of card.glossary) assert.ok(md.includes(`\`${texToText(g.symbol)}\``), `glossary misses ${g.symbol}`);
    assert.ok(card.glossary.length >= 2);
  });

  it('names a kind whose answers kept their word on unseen notes without calling it a guess', () => {
    const card = recognize('\\theta_{t+1} = \\theta_t - \\eta \\nabla_\\theta L(\\theta_t)');
    assert.equal(card.kind, 'gradient_step');
    assert.ok(card.confidence >= GUESS_BELOW, String(card.confidence));
    assert.match(cardMarkdown(card, 'IMG'), /^\*\*Gradient/);
  });

  it('shows only the image for a formula of no known kind, and no links', () => {
    const md = cardMarkdown(recognize('a^2 + b^2 = c^2'), 'IMAGE');
    assert.equal(md, 'IMAGE');
  });

  it('links a min-max game to the GAN trainer with the variant it writes, and nothing else to a command', () => {
    const ns = recognize('\\max_G \\mathbb{E}_{z\\sim p(z)}[\\log D(G(z))]');
    const link = demoFor(ns);
    assert.ok(link);
    // The second argument carries the note's own formula to the panel.
    assert.deepEqual(link.args, [{ loss: 'nonsaturating' }, { tex: ns.tex, name: ns.title }]);
    assert.ok(cardMarkdown(ns, 'IMG').includes(commandUri(link)));
    // Bayes' rule has no experiment: no dead link.
    const bayes = recognize('p(z|x) = \\frac{p(x|z)p(z)}{p(x)}');
    assert.equal(bayes.kind, 'bayes');
    assert.equal(demoFor(bayes), undefined);
    assert.doesNotMatch(cardMarkdown(bayes, 'IMG'), /command:/);
    // A KL divergence links to the forward-vs-reverse fit.
    assert.equal(demoFor(recognize('D_{KL}(q\\|p)'))?.command, 'genmath.fitKlForwardReverse');
    // A formula too long to carry in a link opens the demo without it.
    const long = recognize(`D_{KL}(q\\|p) + ${'x + '.repeat(600)} 1`);
    assert.equal(long.kind, 'kl');
    assert.equal(demoFor(long)?.args.length, 1);
  });
});
