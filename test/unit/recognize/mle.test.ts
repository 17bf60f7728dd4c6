import { expectKind, expectRoles } from './cases';

describe('recognize: maximum likelihood', () => {
  expectKind('mle', [
    String.raw`$\hat\theta_{\mathrm{ML}} = \operatorname*{argmax}_\theta \sum_{i=1}^N \log p(x^{(i)}; \theta)$`,
    String.raw`$$\theta^* = \underset{\theta}{\arg\max}\; \prod_{n=1}^{N} p(y_n \mid x_n, \theta)$$`,
    String.raw`$\ell(\theta) = \sum_{i=1}^n \log f(x_i \mid \theta)$`.replace('f(x_i', 'p(x_i'),
    String.raw`$\mathcal{J}(\phi) = \mathbb{E}_{x \sim p_{\text{data}}}[\log p_\phi(x)]$`,
    String.raw`$\mathrm{NLL}(\theta) = -\sum_i \log P(y_i \mid \theta)$`,
  ]);
  describe('Unicode text', () => {
    expectKind('mle', ['θ* = argmax_θ Σᵢ log p(xᵢ|θ)']);
  });
  describe('near misses', () => {
    expectKind('none', [
      String.raw`$\hat c = \arg\max_{c} P(c \mid d)$`,
      String.raw`$\frac{\partial}{\partial\theta}\log L(\theta) = 0$`,
      String.raw`$\hat\mu = \frac{1}{n}\sum_i x_i$`,
    ]);
  });
  describe('roles', () => {
    expectRoles(String.raw`$\arg\max_\theta \sum_i \log p(x_i|\theta)$`, { parameter: String.raw`\theta`, data: 'x_i' });
  });
});
