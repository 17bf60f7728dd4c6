/**
 * Rules added while reading batch I's misses (issue 10, round 4, helper R7): the pieces of a JSD derivation
 * (a density's log ratio to the mixture it is part of, averaged under it, with the one-half weight showing),
 * the mixture written in either order. Formulas are written in notations of our own, with near-misses.
 */
import { expectKind } from './cases';

describe('recognize: pieces of a Jensen-Shannon derivation', () => {
  expectKind('jsd', [
    // The two log ratios to one mixture, its terms in different orders.
    String.raw`\sum_x P(x) \log \frac{P(x)}{P(x) + Q(x)} + \sum_x Q(x) \log \frac{Q(x)}{Q(x) + P(x)}`,
    String.raw`\mathbb{E}_{y \sim p_r}\left[\ln \frac{p_r(y)}{p_r(y) + p_\theta(y)}\right] + \mathbb{E}_{y \sim p_\theta}\left[\ln \frac{p_\theta(y)}{p_\theta(y) + p_r(y)}\right]`,
    // One half of a broken display: averaged under the density on top, the half weight showing.
    String.raw`= \int q(z) \log \frac{2 q(z)}{q(z) + r(z)} \, dz`,
    String.raw`+ \sum_{k} \pi_k \log \frac{\pi_k}{\tfrac12 \pi_k + \tfrac12 \rho_k}`,
    String.raw`\mathbb{E}_{x \sim p}\left[\log \frac{p(x)}{(p(x) + g(x))/2}\right]`,
    String.raw`= -\log 4 + \int p_{r}(x) \log \frac{p_{r}(x)}{p_{g}(x) + p_{r}(x)} dx`,
    // The constant of the GAN criterion with one KL to the halved mixture.
    String.raw`V^{*} = -2\log 2 + D_{KL}\left(P \,\|\, \frac{P + Q}{2}\right)`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // A Bradley-Terry win probability and its log: a part over a whole, no average, no half weight.
      String.raw`\log P(i \succ j) = \log \frac{s_i}{s_i + s_j}`,
      // Rewriting the ratio with the half weight averages nothing.
      String.raw`\log \frac{a(x)}{a(x) + b(x)} = \log \frac{a(x)}{\frac{1}{2}(a(x) + b(x))} - \log 2`,
      // A two-class softmax with a log 2 nearby is still a softmax.
      String.raw`\log 2 + \log \frac{e^{s_1}}{e^{s_1} + e^{s_2}}`,
      // The optimal discriminator itself (no log, no average).
      String.raw`D^{*}(x) = \frac{p(x)}{p(x) + q(x)}`,
    ]);
    // A lone KL to the mixture stays a KL.
    expectKind('kl', [String.raw`+ \mathrm{KL}\left(P \,\|\, \frac{P + Q}{2}\right)`, String.raw`D_{\mathrm{KL}}(p_1 \| (p_1 + p_2)/2)`]);
  });
});

describe('recognize: Markdown-escaped bars and brackets', () => {
  // Once a formula shows Markdown's `\_`, a lone `\|` is the escaped pipe (a conditioning bar), `\[` a bracket.
  expectKind('diffusion', [
    String.raw`$q(\mathbf{z}\_s \| \mathbf{z}\_{s-1}) = \mathcal{N}(\sqrt{1-\beta\_s}\,\mathbf{z}\_{s-1}, \beta\_s \mathbf{I})$`,
  ]);
  expectKind('minimax', [String.raw`$\mathbb{E}\_{z \sim p\_z}\left\[(D(G(z)) - 1)^2\right\]$`]);
  describe('near misses', () => {
    // The double bar escaped as Markdown wants it stays a divergence's.
    expectKind('kl', [String.raw`$D\_{KL}(q\_\phi \\| p\_\theta)$`]);
  });
});

describe('recognize: conditional and translation GANs', () => {
  expectKind('minimax', [
    // Both players given a label c.
    String.raw`\min_G \max_D \; \mathbb{E}_{x}\left[\log D(x \mid c)\right] + \mathbb{E}_{z}\left[\log\left(1 - D(G(z \mid c) \mid c)\right)\right]`,
    String.raw`\frac{1}{2}\mathbb{E}_{z}\big[(D(G(z \mid c) \mid c) - 1)^2\big]`,
    // A translation generator's least-squares loss: G maps an image a of one domain.
    String.raw`\mathcal{L}(G) = \mathbb{E}_{a \sim p_A}\left[(D_B(G(a)) - 1)^2\right]`,
  ]);
  describe('near misses', () => {
    // A squared error of a composition that is not D of G: a regression.
    expectKind('none', [
      String.raw`\mathbb{E}_{x}\left[(f(g(x)) - 1)^2\right]`,
      String.raw`\mathbb{E}[(h(x \mid \theta) - y)^2]`,
    ]);
  });
});

describe('recognize: diffusion design choices and look-alikes', () => {
  expectKind('diffusion', [
    // The reverse step with its covariance network inside the Gaussian is still the reverse step.
    String.raw`p_\theta(z_{t-1} \mid z_t) = \mathcal{N}(z_{t-1}; \mu_\theta(z_t, t), \Sigma_\theta(z_t, t))`,
    // The forward posterior's moments: an unindexed tilde mean, a covariance of the clean and the noisy sample.
    String.raw`\tilde{\mu} = \frac{1}{\sqrt{\alpha_t}}\Big(\mathbf{z}_t - \frac{1 - \alpha_t}{\sqrt{1-\bar{\alpha}_t}}\,\boldsymbol{\varepsilon}\Big)`,
    String.raw`\Sigma(\mathbf{z}_t, \mathbf{z}_0) = \Big(\frac{\alpha_t}{1 - \alpha_t} + \frac{1}{1 - \bar\alpha_{t-1}}\Big)^{-1} \mathbf{I}`,
    // A denoising loss averaged over the step and the noisy sample's density.
    String.raw`\mathbb{E}_{t, \mathbf{x}_0, \boldsymbol\epsilon}\left[\|\boldsymbol\epsilon - \boldsymbol\epsilon_\theta(\mathbf{x}_t, t)\|^2\right]`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // A sample mean and a kernel's covariance, no schedule.
      String.raw`\tilde{\mu} = \frac{1}{n - 1} \sum_{i} x_i`,
      String.raw`\Sigma(x_1, x_0) = \exp\left(-\frac{\|x_1 - x_0\|^2}{2\ell^2}\right)`,
      // Fixing the reverse covariance to the schedule: a statement about the network, no step of the chain.
      String.raw`\Sigma_\theta(\mathbf{z}_t, t) = \beta_t \mathbf{I}`,
      // Flow matching regresses a velocity field, averaged over the path's density p_t (the measure's p_t is no
      // noisy sample). (Written with a θ-network of t, `v_\theta(y, t)`, it still reads as diffusion: v-prediction looks the same.)
      String.raw`\mathcal{L}(\theta) = \mathbb{E}_{t \sim \mathcal{U}(0,1),\, y \sim p_t(y)} \| w_t(y; \theta) - u_t(y) \|^2`,
    ]);
  });
});

describe('recognize: several players on each side of the game', () => {
  expectKind('minimax', [
    String.raw`G^{*}, F^{*} = \arg\min_{G, F} \max_{D_A, D_B} \mathcal{L}(G, F, D_A, D_B)`,
    String.raw`\min_{E, G} \max_{D_1, D_2} \mathcal{J}(E, G, D_1, D_2)`,
  ]);
  describe('near misses', () => {
    // A Lagrangian's saddle point is over variables and multipliers, not networks.
    expectKind('none', [
      String.raw`\min_{x, y} \max_{\lambda, \nu} \mathcal{L}(x, y, \lambda, \nu)`,
      String.raw`\min_{a, b} \max_{c, d} f(a, b, c, d)`,
    ]);
  });
});
