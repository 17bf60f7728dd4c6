import * as assert from 'node:assert/strict';
import { classify, recognize } from '../../../src/core/recognize';
import { expectKind } from './cases';

describe('recognize: formulas that are none of the kinds', () => {
  expectKind('none', [
    String.raw`$\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}$`,
    String.raw`$\sigma(x) = \frac{1}{1 + e^{-x}}$`,
    String.raw`$\hat y = \arg\max_k \, p(y = k \mid x)$`,
    String.raw`$D^*_G(x) = \frac{p_{\text{data}}(x)}{p_{\text{data}}(x) + p_g(x)}$`,
    String.raw`$\beta_t = \frac{t}{T}(\beta_{\max} - \beta_{\min}) + \beta_{\min}$`,
    String.raw`$\varphi(\mathbb{E}[X]) \le \mathbb{E}[\varphi(X)]$`,
    String.raw`$e^{i\pi} + 1 = 0$`,
    'a² + b² = c²',
    '',
    '$$',
    String.raw`\frac{`,
  ]);
  it('gives a parse failure kind none with a low confidence and never throws', () => {
    for (const bad of ['{{{{', '\\left(', '}}}}', '\\begin{aligned', '$\\frac', '\\\\\\\\', '\u0000', '\ud800']) {
      const c = classify(bad);
      assert.equal(c.kind, 'none');
      assert.ok(c.confidence <= 0.5);
    }
  });
  it('gives every card a title and a glossary named from the formula', () => {
    const card = recognize(String.raw`$D_{KL}(q_\phi(z|x) \| p_\theta(z))$`);
    assert.equal(card.title, 'KL divergence');
    const symbols = card.glossary.map((g) => g.symbol);
    assert.ok(symbols.includes(String.raw`q_{\phi}(z|x)`));
    // Meanings typed by the roles: q_phi(z|x) is the encoder, a distribution; p_theta(z) the prior.
    assert.match(card.glossary.find((g) => g.symbol === String.raw`q_{\phi}(z|x)`)?.meaning ?? '', /encoder.*distribution/);
    assert.match(card.glossary.find((g) => g.symbol === String.raw`p_{\theta}(z)`)?.meaning ?? '', /prior/);
    assert.match(card.glossary.find((g) => g.symbol === 'z')?.meaning ?? '', /latent/);
    assert.match(card.glossary.find((g) => g.symbol === 'x')?.meaning ?? '', /data/);
  });
});
