import { expectKind, expectRoles } from './cases';

describe('recognize: ELBO', () => {
  expectKind('elbo', [
    String.raw`$$\mathcal{L}(\theta,\phi;x) = \mathbb{E}_{z\sim q_\phi(z\mid x)}\big[\log p_\theta(x\mid z)\big] - D_{\mathrm{KL}}\big(q_\phi(z\mid x)\,\|\,p(z)\big)$$`,
    String.raw`\[\log p(x) \geq \mathbb{E}_{q(z)}\left[\log \frac{p(x, z)}{q(z)}\right]\]`,
    String.raw`$\mathrm{ELBO}(q) = \mathbb{E}_q[\log p(x,z)] - \mathbb{E}_q[\log q(z)]$`,
    String.raw`$$\log p_\theta(\mathbf{x}) = \mathrm{ELBO} + D_{KL}(q_\phi(\mathbf z|\mathbf x)\|p_\theta(\mathbf z|\mathbf x))$$`,
    String.raw`\begin{aligned} \log p(x) &= \log \int p(x,z)\,dz \\ &\ge \mathbb{E}_{q}\left[\log p(x,z) - \log q(z)\right] \end{aligned}`,
    String.raw`$\mathcal{L}_{\beta} = -\mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)] + \beta\, D_{KL}(q_\phi(z|x) \| \mathcal{N}(0, I))$`,
  ]);
  describe('Unicode text', () => {
    expectKind('elbo', ['log p(x) ≥ E_q[log p(x|z)] − KL(q(z|x) ∥ p(z))', 'ELBO = 𝔼_q[log p(x,z) − log q(z)]']);
  });
  describe('near misses', () => {
    expectKind('none', [
      String.raw`$\log \mathbb{E}[X] \ge \mathbb{E}[\log X]$`,
      String.raw`$\mathbb{E}_{q}[f(z)] \approx \frac{1}{S}\sum_s f(z^{(s)})$`,
    ]);
    // The MLE-KL identity has an expected log-likelihood and a KL, but the KL is from the data, not from a variational q.
    expectKind('kl', [
      String.raw`$\mathbb{E}_{x \sim p_{data}}[\log p_\theta(x)] = -H(p_{data}) - D_{KL}(p_{data} \| p_\theta)$`,
    ]);
  });
  describe('roles', () => {
    expectRoles(String.raw`$\mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)] - \mathrm{KL}(q_\phi(z|x) \| p(z))$`, {
      encoder: String.raw`q_{\phi}(z|x)`, decoder: String.raw`p_{\theta}(x|z)`, prior: 'p(z)', latent: 'z', data: 'x',
    });
  });
});
