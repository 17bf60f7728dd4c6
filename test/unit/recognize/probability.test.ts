import { expectKind, expectRoles } from './cases';

describe('recognize: Bayes rule and marginal likelihood', () => {
  describe('Bayes', () => {
    expectKind('bayes', [
      String.raw`$p(z \mid x) = \frac{p(x \mid z)\, p(z)}{p(x)}$`,
      String.raw`$$\pi(\theta \mid y) \propto p(y \mid \theta)\,\pi(\theta)$$`.replace(/\\pi/g, 'p'),
      String.raw`$P(H|E) = \dfrac{P(E|H) \cdot P(H)}{P(E)}$`,
      'P(θ∣D) = P(D∣θ) P(θ) / P(D)',
    ]);
    expectKind('none', [String.raw`$P(A \cap B) = P(A)P(B)$`, String.raw`$p(x \mid y) = \frac{p(x, y)}{p(y)}$`]);
    expectRoles(String.raw`$p(z|x) = \frac{p(x|z)p(z)}{p(x)}$`, { likelihood: 'p(x|z)', prior: 'p(z)' });
  });
  describe('marginal', () => {
    expectKind('marginal', [
      String.raw`$p_\theta(\mathbf{x}) = \int p_\theta(\mathbf{x} \mid \mathbf{z})\, p(\mathbf{z})\, d\mathbf{z}$`,
      String.raw`$$p(v) = \sum_h p(v, h)$$`,
      String.raw`$\log p(x) = \log \int p(x, z) \,\mathrm{d}z$`,
      'p(x) = ∫ p(x∣z) p(z) dz',
      String.raw`$p(\mathbf{x}) = \sum_{k=1}^K \pi_k \mathcal{N}(\mathbf{x} \mid \boldsymbol{\mu}_k, \boldsymbol{\Sigma}_k)$`,
    ]);
    expectKind('none', [String.raw`$\sum_{c} p(c \mid x) = 1$`, String.raw`$p(x, z) = p(x|z)p(z)$`]);
    expectRoles(String.raw`$p(x) = \sum_z p(x|z)p(z)$`, { prior: 'p(z)', latent: 'z' });
  });
});
