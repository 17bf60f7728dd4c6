/**
 * The general rules added while reading the misses of the corpus's batches A-F (issue 10), each
 * with positives in more than one spelling and the near-misses that must stay apart. The formulas
 * are written here from the math (other letters, other layouts than any corpus source).
 */
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/recognize';
import { expectKind, expectRoles } from './cases';

describe('recognize: a diffusion indexed by another letter than t', () => {
  expectKind('diffusion', [
    // The cumulative schedule carries the step letter.
    String.raw`y_{k} = \sqrt{\bar\alpha_{k}}\, y_0 + \sqrt{1-\bar\alpha_{k}}\,\epsilon`,
    String.raw`q(y_k \mid y_{k-1}) = \mathcal{N}(y_k; \sqrt{\alpha_k}\, y_{k-1}, (1-\alpha_k) I)`,
    // A network given the step as its time argument.
    String.raw`p_\theta(y_{k-1} \mid y_k) = \mathcal{N}(y_{k-1}; \mu_\theta(y_k, k), \sigma_k^2 I)`,
    // A product whose index runs to the time step.
    String.raw`p_\theta(y_{0:t}) = p(y_t) \prod_{j=1}^{t} p_\theta(y_{j-1} \mid y_j)`,
    // The clean sample written without its index, and noise as a zero-mean Gaussian.
    String.raw`\mathbf{h}_t = \sqrt{\bar\alpha_t}\,\mathbf{h} + \sqrt{1-\bar\alpha_t}\,\epsilon`,
    String.raw`y_t \leftarrow y_0 + \mathcal{N}(0, s^2 t)`,
    // The forward posterior's mean and variance as applications, or on a later side.
    String.raw`\tilde\mu(y_k, y_0) = \frac{\sqrt{\bar\alpha_{k-1}}(1-\alpha_k)}{1-\bar\alpha_k} y_0 + \frac{\sqrt{\alpha_k}(1-\bar\alpha_{k-1})}{1-\bar\alpha_k} y_k`,
    String.raw`s_t^2 = \tilde\beta_t = \frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t`,
    // Tweedie's formula, an x0 estimate, a mean at a step, a loss over nested averages.
    String.raw`\mathbb{E}[y_{t-1} \mid y_t] \approx y_t + s_t^2 \nabla_y \log p_t(y_t)`,
    String.raw`\hat{y}_0 = D(y_t, t)`,
    String.raw`\mu_t = \sqrt{1-\beta_t}\, y_{t-1}`,
    String.raw`\mathbb{E}_{q(y_0)} \mathbb{E}_{t} \mathbb{E}_{q(y_t \mid y_0)} \left[ (y_0 - \hat y_0(y_t, t))^2 \right]`,
    String.raw`L(\theta) = \| \epsilon - \epsilon_\theta(y_k, k) \|^2`,
  ]);
  expectKind('none', [
    // An item index is not a time step: an autoregressive factor, a GMM weight, a sum of noises.
    String.raw`p(y_k \mid y_1, \dots, y_{k-1})`,
    // The noise predictor named, or its outputs mixed (classifier-free guidance), is notation.
    String.raw`\epsilon_\theta(x_t, t, c)`,
    String.raw`\epsilon_{u} = \epsilon_\theta(x_t, t, \varnothing)`,
    String.raw`\tilde\epsilon = (1 + w)\,\epsilon_\theta(x_t, t, c) - w\,\epsilon_\theta(x_t, t, \varnothing)`,
    // An AR(1) process and the VAE's reparameterisation add noise too.
    String.raw`y_t = \phi\, y_{t-1} + \epsilon_t`,
    String.raw`z = \mu + \sigma \odot \epsilon`,
  ]);
});

describe('recognize: bare and defined log-likelihoods', () => {
  expectKind('mle', [
    String.raw`\log p_\theta(\mathbf{y})`,
    String.raw`-\ln P(y; \theta)`,
    String.raw`\hat\theta = \underset{\theta}{max}\; L_n(y; \theta)`,
    String.raw`p(\mathcal{S}; w) = \prod_{i=1}^{n} p(y_i \mid x_i; w)`,
  ]);
  expectKind('reconstruction', [
    String.raw`\log p_\theta(x \mid z)`,
    String.raw`-\log p(\mathbf{x} \mid \mathbf{h}) \propto \|\mathbf{x} - g(\mathbf{h})\|^2`,
    String.raw`\mathbb{E}_{q(z|x)}[\log p(x|z)] \approx \frac{1}{S}\sum_{s=1}^{S} \log p(x \mid z^{(s)})`,
    String.raw`E[\log P(X \mid z)]`,
    String.raw`|x - \hat{x}|^2`,
  ]);
  expectKind('none', [
    // A posterior's log, a critic's log, a joint factored by the chain rule, a variational family.
    String.raw`\log p_\theta(z \mid x)`,
    String.raw`p(x, z \mid \theta) = p(x \mid \theta)\, p(z \mid x, \theta)`,
    String.raw`q(w \mid \phi) = \prod_{i=1}^n q_i(w_i \mid \phi_i)`,
  ]);
  it('keeps a decoder log-likelihood a reconstruction term when the words around say "log-likelihood"', () => {
    assert.equal(classify(String.raw`\log p_\theta(x \mid z)`, { context: 'we maximise the log-likelihood of the decoder' }).kind, 'reconstruction');
  });
});

describe('recognize: bounds, divergences and Bayes written out', () => {
  expectKind('elbo', [
    String.raw`\mathbb{E}_{q(z|x)}[\log p(x|z)] - \mathbb{E}_{q(z|x)}\left[\log \frac{q(z|x)}{p(z)}\right]`,
    String.raw`\mathbb{E}_{x \sim D}\left[\mathbb{E}_{z \sim q(z|x)}[\log p(x|z)] - D_{KL}(q(z|x) \| p(z))\right]`,
    String.raw`\frac{1}{S}\sum_{s=1}^{S} \log \frac{p(x, z_s)}{q(z_s)}`,
    String.raw`\|x - \hat{x}\|^2 + \frac{1}{2}\sum_j (\mu_j^2 + \sigma_j^2 - \log \sigma_j^2 - 1)`,
    String.raw`\mathbb{E}_r[\log p(x, z)] - \mathbb{E}_r[\log r]`,
    String.raw`\mathbb{E}_{\tilde Q}[\log P(X, Z | \theta)] - \mathbb{E}_{\tilde Q} \log \tilde Q_\theta(Z)`,
    String.raw`\ell = -\mathbb{E}_{q(z|x)}[\log p(x|z)] + KL(q(z|x) \mid\mid p(z))`,
  ]);
  expectKind('marginal', [
    String.raw`\log p(x) = \log \mathbb{E}_{q(z|x)}\left[\frac{p(x, z)}{q(z|x)}\right]`,
    String.raw`\log p(x \mid \theta) = \log \sum_z p(x, z \mid \theta)`,
    String.raw`P(X) = \frac{1}{N}\sum_n P(X \mid Z = z_n)`,
  ]);
  expectKind('kl', [
    String.raw`\frac12 \sum_{j} \left(\mu_j^2 + \sigma_j^2 - \log \sigma_j^2 - 1\right)`,
    String.raw`\sum_k p(x_k) \log p(x_k) - \sum_k p(x_k) \log q(x_k)`,
  ]);
  expectKind('jsd', [
    String.raw`J(A, B) = \frac{1}{2}\left(D(A \| R) + D(B \| R)\right)`,
    String.raw`\int p(x) \log \frac{2p(x)}{p(x)+q(x)} + q(x) \log \frac{2q(x)}{p(x)+q(x)}\, dx`,
  ]);
  expectKind('bayes', [
    String.raw`r_{nk} = \frac{w_k\, \mathcal{N}(x_n \mid \mu_k, \Sigma_k)}{\sum_{j} w_j\, \mathcal{N}(x_n \mid \mu_j, \Sigma_j)}`,
    String.raw`q(y_{t-1} \mid y_t, y_0) = \frac{q(y_t \mid y_{t-1}, y_0)\, q(y_{t-1} \mid y_0)}{q(y_t \mid y_0)}`,
    String.raw`\tilde s(x_t, t, y) = s_\theta(x_t, t) + w \nabla_{x_t} \log p_\phi(y \mid x_t)`,
  ]);
  expectKind('entropy', [String.raw`H(P, Q)`, String.raw`\frac{1}{N} H(y, \hat y)`]);
  expectKind('none', [
    // A softmax is not a responsibility, a joint divided by a constant is not a marginal.
    String.raw`\frac{e^{a_k}}{\sum_j e^{a_j}}`,
    String.raw`\tilde P(Z) = \frac{P(X, Z \mid \theta)}{e^{1 + \lambda}}`,
    // Jensen's inequality, the log of an average, alone.
    String.raw`\log \mathbb{E}[X] \geq \mathbb{E}[\log X]`,
  ]);
});

describe('recognize: players and steps named', () => {
  expectKind('minimax', [
    String.raw`\mathcal{L}(G, F, D_A, D_B) = \mathcal{L}_{GAN}(G, D_B, A, B) + \mathcal{L}_{GAN}(F, D_A, B, A) + \lambda \mathcal{L}_{cyc}(G, F)`,
    String.raw`D_f(P \| Q) \geq \sup_{V \in \mathcal{V}} \left(\mathbb{E}_{x \sim P}[V(x)] - \mathbb{E}_{x \sim Q}[f^*(V(x))]\right)`,
    String.raw`L_D = \ell(D(x), 1) + \ell(D(G(z)), 0)`,
    String.raw`\mathcal{L}_G = \ell(D(G(z)), 1)`,
  ]);
  expectKind('gradient_step', [
    String.raw`\Delta w_{k+1} = \eta \frac{\hat m_{k+1}}{\sqrt{\hat v_{k+1}} + \epsilon}`,
    String.raw`\Delta W = \frac{\alpha}{\sqrt{r} + \delta} \cdot \frac{\partial J}{\partial W}`,
  ]);
  expectKind('none', [String.raw`\Delta S = k_B \ln \Omega`, String.raw`\Delta G = \Delta H - T \Delta S`]);
  expectRoles(String.raw`\Delta w_{k+1} = \eta \frac{\hat m_{k+1}}{\sqrt{\hat v_{k+1}} + \epsilon}`, { learning_rate: '\\eta' });
});

describe('recognize: accumulators, energy models and copied pages', () => {
  expectKind('gradient_step', [
    String.raw`\beta\, S_{k-1} + (1 - \beta)\, g_k^2`,
    String.raw`\sqrt{\rho\, E[g^2]_{k-1} + (1-\rho)\, g_k^2}`,
  ]);
  expectKind('marginal', [String.raw`\mathcal{F}(v) = -\log \sum_{h} e^{-E(v, h)}`]);
  expectKind('none', [
    // A weighted average of non-gradients, a softmax's denominator, the reparameterisation.
    String.raw`\beta\, y_{k-1} + (1-\beta)\, y_k`,
    String.raw`\log \sum_j e^{a_j}`,
    String.raw`r(\lambda, \epsilon) = \mu + \sigma \epsilon`,
  ]);
  it('reads p_θ and ᾱ that a copy from a rendered page flattened', () => {
    assert.equal(classify('pθ(x_{t−1}∣x_t)=N(x_{t−1};μθ(x_t,t),σ_t^2 I)').kind, 'diffusion');
    assert.equal(classify('log pθ(x)').kind, 'mle');
  });
});
