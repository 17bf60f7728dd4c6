import { expectKind, expectRoles } from './cases';

describe('recognize: KL divergence', () => {
  expectKind('kl', [
    String.raw`$\mathrm{KL}\big(q_\lambda(z)\,\|\,p(z\mid x)\big)$`,
    String.raw`\(D_\text{KL}[\pi \Vert \pi_{\text{ref}}]\)`,
    String.raw`$$\mathbb{KL}(p \parallel q) = \int p(x) \log \frac{p(x)}{q(x)}\, dx$$`,
    String.raw`D_{KL}(\mathcal{N}(\mu_1, \sigma_1^2) || \mathcal{N}(\mu_2, \sigma_2^2)) = \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac12`,
    String.raw`$$\sum_{k} \pi_k \log \frac{\pi_k}{\rho_k}$$`.replace(/\\pi_k \\log/, String.raw`r(k) \log`).replace(/\\frac\{\\pi_k\}\{\\rho_k\}/, String.raw`\frac{r(k)}{s(k)}`),
    String.raw`\begin{equation} \mathbb{E}_{x \sim Q}\left[\log \frac{q(x)}{p(x)}\right] \ge 0 \end{equation}`,
  ]);
  describe('Unicode text', () => {
    expectKind('kl', ['KL(q(z∣x)∥p(z∣x))', 'D_KL(P ‖ Q) ≥ 0', 'KL(p||q) = Σ p(x) log(p(x)/q(x))']);
  });
  describe('near misses', () => {
    expectKind('none', [
      String.raw`$\log \frac{p(x)}{q(x)}$`,
      String.raw`$\|x - y\|_2$`,
      String.raw`$k \parallel \ell$`,
    ]);
  });
  describe('roles', () => {
    expectRoles(String.raw`$D_{KL}(q_\phi(z|x) \| p_\theta(z))$`, { encoder: String.raw`q_{\phi}(z|x)`, prior: String.raw`p_{\theta}(z)`, first: String.raw`q_{\phi}(z|x)`, direction: /^reverse/ });
    expectRoles(String.raw`$\mathrm{KL}(p_{\text{data}} \| p_\theta)$`, { first: String.raw`p_{\mathrm{data}}`, direction: /^forward/ });
  });
});
