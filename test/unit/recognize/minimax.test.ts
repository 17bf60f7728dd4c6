import { expectKind, expectRoles } from './cases';

describe('recognize: GAN min-max', () => {
  expectKind('minimax', [
    String.raw`$$\min_{\theta_g}\max_{\theta_d} \; \mathbb{E}_{x \sim p_{\rm data}}\log D_{\theta_d}(x) + \mathbb{E}_{z\sim p(z)} \log\left(1 - D_{\theta_d}(G_{\theta_g}(z))\right)$$`,
    String.raw`$\mathcal{L}_G = -\mathbb{E}_{z}\left[\log D(G(z))\right]$`,
    String.raw`$$\max_{\|f\|_L \le 1} \mathbb{E}_{x\sim P_r}[f(x)] - \mathbb{E}_{z\sim p(z)}[f(g_\theta(z))]$$`,
    String.raw`$\min_D \tfrac12 \mathbb{E}_{x}[(D(x) - 1)^2] + \tfrac12 \mathbb{E}_z[D(G(z))^2]$`,
    String.raw`\[ \min_G V(G) = \mathbb{E}_{z}\big[\log(1 - D(G(z)))\big] \]`,
    // Players written in calligraphic letters, as some papers do.
    String.raw`$$\min_{\mathcal{G}}\max_{\mathcal{D}} \; \mathbb{E}_{y\sim P_r}[\log \mathcal{D}(y)] + \mathbb{E}_{u\sim P_u}[\log(1-\mathcal{D}(\mathcal{G}(u)))]$$`,
  ]);
  describe('Unicode text', () => {
    expectKind('minimax', ['min_G max_D E_x[log D(x)] + E_z[log(1 − D(G(z)))]']);
  });
  describe('near misses', () => {
    expectKind('none', [
      String.raw`$\min_{x \in \mathbb{R}^n} \tfrac12 x^\top A x - b^\top x$`,
      String.raw`$D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)}$`,
      String.raw`$\max_i |x_i|$`,
      // A loss of a normal density is not a game, even though it is one function of another.
      String.raw`$\min_\theta \mathcal{L}(\mathcal{N}(x; \mu_\theta, 1))$`,
    ]);
  });
  describe('roles and variants', () => {
    expectRoles(String.raw`$\min_G \max_D \mathbb{E}_{x\sim p_{data}}[\log D(x)] + \mathbb{E}_{z\sim p_z}[\log(1-D(G(z)))]$`, { generator: 'G', discriminator: 'D', noise: 'z', variant: 'saturating' });
    expectRoles(String.raw`$\max_G \mathbb{E}_z[\log D(G(z))]$`, { variant: 'non-saturating', generator: 'G' });
    expectRoles(String.raw`$\max_{\|f\|_L \le 1} \mathbb{E}_{x}[f(x)] - \mathbb{E}_{z}[f(g(z))]$`, { variant: 'wasserstein', discriminator: 'f', generator: 'g' });
    expectRoles(String.raw`$\min_D \mathbb{E}_{x}[(D(x) - 1)^2] + \mathbb{E}_z[D(G(z))^2]$`, { variant: 'least-squares' });
    // WGAN's game written with both players has no log either: it is not the saturating game.
    expectRoles(String.raw`$\min_G \max_{D \in \mathcal{D}} \mathbb{E}_{x\sim p_r}[D(x)] - \mathbb{E}_{z\sim p(z)}[D(G(z))]$`, { variant: 'wasserstein', generator: 'G', discriminator: 'D' });
  });
});

describe('recognize: GAN objectives in more forms (issue 10)', () => {
  expectKind('minimax', [
    // The minibatch gradient estimates of each player, as the algorithm box writes them.
    String.raw`$\nabla_{\phi} \frac{1}{n} \sum_{j=1}^{n} \left[\log D_\phi(x_j) + \log(1 - D_\phi(G_\psi(z_j)))\right]$`,
    String.raw`$\nabla_{\psi} \frac{1}{n} \sum_{j=1}^{n} \log D_\phi(G_\psi(z_j))$`,
    // The critic's score gap on its own.
    String.raw`$C(x_r) - C(G(z))$`,
    // Kantorovich's dual with two potentials bounded by the cost.
    String.raw`$W_1(\mu, \nu) = \sup_{\phi(x) + \psi(y) \le \|x - y\|} \mathbb{E}_{\mu}[\phi(x)] + \mathbb{E}_{\nu}[\psi(y)]$`,
    // An energy (critic) averaged under the data and under the model, subtracted; f-GAN's conjugate form.
    String.raw`$\mathcal{J} = \mathbb{E}_{x \sim p_{data}}[U(x)] - \mathbb{E}_{x \sim p_\theta}[U(x)]$`,
    String.raw`$F(\theta, \omega) = \mathbb{E}_{x \sim P}[V_\omega(x)] - \mathbb{E}_{x \sim Q_\theta}[f^*(V_\omega(x))]$`,
    // The critic's loss named for it, on generated (marked) and real samples; the critic's minibatch gradient.
    String.raw`$L_{\mathrm{critic}} = \frac{1}{B}\sum_{b} \left[ h_w(\hat{y}_b) - h_w(y_b) \right]$`,
    String.raw`$\nabla_w \left[ \frac{1}{m} \sum_{i} h_w(x_i) - \frac{1}{m}\sum_{i} h_w(g_\theta(z_i)) \right]$`,
  ]);
  expectKind('none', [
    // Feature matching: the statistics of real and generated samples inside a norm.
    String.raw`$\left\| \mathbb{E}_{x} h(x) - \mathbb{E}_{z} h(G(z)) \right\|_2^2$`,
    // The reparameterization trick: the same function of a sample and of a transformed noise, set equal.
    String.raw`$\mathbb{E}_{q(w)}[h(w)] = \mathbb{E}_{p(\epsilon)}[h(g(\epsilon))]$`,
    String.raw`$\mathbb{E}_{p(\epsilon)}[h(g_\phi(\epsilon, x))]$`,
    // A point mass at a network's output, a sup of a set, a kernel two-sample statistic.
    String.raw`$\log \delta(x - F_\theta(z))$`,
    String.raw`$\sup \{ t \in \mathbb{R} : t^2 < 3 \}$`,
    String.raw`$\mathrm{MMD}^2 = \mathbb{E}[k(x, x')] - 2\mathbb{E}[k(x, y)] + \mathbb{E}[k(y, y')]$`,
    // The same function averaged under two arbitrary distributions, with no data, critic or sup: an IPM's body.
    String.raw`$\mathbb{E}_{x \sim p}[h(x)] - \mathbb{E}_{x \sim q}[h(x)]$`,
  ]);
});

describe('recognize: the real-data term of a GAN named alone (batch G)', () => {
  expectKind('minimax', [String.raw`$\log D(\mathbf{x})$`, String.raw`$-\log D_{\psi}(\vx)$`, 'log D(x)']);
  expectRoles(String.raw`$\log D_w(X)$`, { discriminator: 'D', variant: 'real-data term' });
  expectKind('none', [
    // A log of another function or of a parameter, and D applied to something that is no data variable.
    String.raw`$\log f(\mathbf{x})$`,
    String.raw`$\log D(\theta)$`,
    String.raw`$\log D(z) + c$`,
  ]);
});
