/**
 * Issue 10's likelihood families (MLE, Bayes, marginal, ELBO, KL) in notations the first rules
 * missed: normalized posteriors, numbers, importance-sampled evidence, risks under the log loss,
 * functionals of q, cross-entropy minus entropy; each with near-misses of the same shape.
 */
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/recognize';
import { expectKind, expectRoles } from './cases';

describe('recognize: likelihood families in more notations', () => {
  describe('Bayes: normalized over the hypotheses, with numbers, proportional to the joint', () => {
    expectKind('bayes', [
      String.raw`$$P(H_k \mid d) = \frac{g_k(d)\, P(H_k)}{\sum_{j} g_j(d)\, P(H_j)}$$`,
      String.raw`$\Pr(c = 1 \mid x) = \frac{\ell_1(x) \pi_1}{\ell_1(x) \pi_1 + \ell_2(x) \pi_2}$`,
      String.raw`$\Pr[s = k \mid \mathbf{y}] = \frac{p(\mathbf{y}, s = k)}{\sum_{k'} p(\mathbf{y}, s = k')}$`,
      String.raw`$q^\star(\mathbf{h} \mid \mathbf{v}) \propto p(\mathbf{v}, \mathbf{h})$`,
      String.raw`$\pi(\beta \mid \mathbf{y}) \propto L(\beta; \mathbf{y})\, \pi(\beta)$`,
      String.raw`$g(\lambda \mid k) \propto f(k \mid \lambda)\, g(\lambda)$`,
      'P(rain | wet) = 0.9 * 0.2 / 0.3',
      String.raw`$P(D \mid +) = \frac{0.99 \times 0.001}{0.05}$`,
      String.raw`$p(y) = \frac{p(y, w)}{p(w \mid y)}$`,
      // In logs, given the model's parameters on every side.
      String.raw`$\log \Pr(c = j \mid x, \mu, \pi) = \log p(x \mid c = j, \mu) + \log \Pr(c = j \mid \pi) - \log Z(x)$`,
    ]);
    expectKind('none', [
      // A softmax normalizes exponentiated scores, not densities.
      String.raw`$p(y = k \mid x) = \frac{\exp(w_k^\top x)}{\sum_j \exp(w_j^\top x)}$`,
      String.raw`$P(c \mid x) = \frac{e^{s_c(x)}}{\sum_{c'} e^{s_{c'}(x)}}$`,
      // A ratio of counts is a frequency estimate.
      String.raw`$P(y_t \mid y_{t-1}) = \frac{\mathrm{count}(y_{t-1}, y_t)}{\sum_{y'} \mathrm{count}(y_{t-1}, y')}$`,
      // The definition of a conditional divides by a marginal, in symbols or in numbers.
      String.raw`$p(a \mid b) = \frac{p(a, b)}{p(b)}$`,
      'P(A | B) = 0.12 / 0.4',
      // The chain rule in logs has a joint, not a posterior, on the left.
      String.raw`$\log p(a, b) = \log p(a) + \log p(b \mid a)$`,
      // An energy model given its parameter is proportional to an exponential: no prior of the same letter, no joint.
      String.raw`$p(x \mid \theta) \propto \exp(-E_\theta(x))$`,
    ]);
    expectRoles(String.raw`$q^\star(\mathbf{h} \mid \mathbf{v}) \propto p(\mathbf{v}, \mathbf{h})$`, { variant: 'proportional to the joint' });
  });

  describe('marginal: importance-sampled evidence, numbers, the latent given any law', () => {
    expectKind('marginal', [
      String.raw`$\frac{1}{S} \sum_{s=1}^{S} \frac{p_\theta(x, z^{(s)})}{r(z^{(s)})}$`.replace('r(z^{(s)})', String.raw`q_\phi(z^{(s)} \mid x)`),
      String.raw`$\mathbb{E}_{h \sim q(h \mid v)}\!\left[\frac{p(v, h)}{q(h \mid v)}\right]$`,
      'P(x=0) = 0.3 * 0.1 + 0.7 * 0.6',
      String.raw`$p(\mathbf{y}) = \int p(\mathbf{y} \mid \mathbf{w})\, \mathcal{N}(\mathbf{w}; 0, \alpha^{-1} I)\, d\mathbf{w}$`,
      String.raw`$y \sim p_\psi(y) = \int g_\psi(\epsilon)\, p(\epsilon)\, d\epsilon$`,
      // The decoder averaged over sampled codes estimates the evidence.
      String.raw`$p(\mathbf{v}) \approx \frac{1}{M}\sum_{m=1}^{M} p(\mathbf{v} \mid \mathbf{h}_m)$`,
    ]);
    expectKind('none', [
      // Importance weights of an expectation of something else: the proposal is not given the data.
      String.raw`$\frac{1}{N}\sum_{n} f(x_n) \frac{p(x_n)}{q(x_n)}$`,
      // The encoder averaged over the data (aggregated posterior) or over pseudo-inputs (a mixture prior of codes).
      String.raw`$\int q_\phi(\mathbf{h} \mid \mathbf{v})\, p_{\mathrm{data}}(\mathbf{v})\, d\mathbf{v}$`,
      String.raw`$p(\mathbf{h}) = \frac{1}{M}\sum_{m=1}^{M} q_\phi(\mathbf{h} \mid \mathbf{s}_m)$`,
      // A CDF integrates a density of its own variable.
      String.raw`$F(x) = \int_{-\infty}^{x} p(u)\, du$`,
      // An expectation with numbers is not a probability.
      String.raw`$\mathbb{E}[X] = 0.5 \cdot 1 + 0.5 \cdot 3$`,
    ]);
  });

  describe('MLE: products over the sample, the log loss of a predicted distribution, maximized marginals', () => {
    expectKind('mle', [
      String.raw`$L(\lambda) = \prod_{j=1}^{m} \lambda e^{-\lambda t_j}$`,
      String.raw`$\ell(a) = \Pi_{k=1}^{K} a^{y_k} (1 - a)^{1 - y_k}$`,
      String.raw`$\mathcal{L}(\rho) = \prod_{n=1}^{N} \rho^{b_n}(1-\rho)^{1-b_n}$`,
      String.raw`$p(\mathcal{D} \mid \theta) = \theta^{N_1} (1 - \theta)^{N_0}$`,
      String.raw`$J(g) = -\frac{1}{m}\sum_{j=1}^{m} \log [g(u_j)](v_j)$`,
      String.raw`$\hat g = \arg\max_{g \in \mathcal{G}} \sum_{j} \log g(u_j)(v_j)$`,
      String.raw`$\theta^* = \arg\max_\theta \prod_{n} \sum_{k} p(x_n \mid c_k; \theta)\, p(c_k; \theta)$`,
      // EM's auxiliary function averages the joint given the parameter under q: it stays a likelihood.
      String.raw`$\mathbb{E}_{q(z \mid x)}[\log p(x, z \mid \theta)]$`,
    ]);
    expectKind('none', [
      // The ELBO's integrand: a log joint against a variational log density, no average, no optimization.
      String.raw`$g(x, z) = \log p(x, z; \theta) - \log q(z; \nu)$`,
      String.raw`$\log p(\mathbf{w}, \mathcal{D}) - \sum_{k} \log q_k(w_k)$`,
      // The Bernoulli pmf of one draw is the model, not the likelihood of a sample.
      String.raw`$p(b \mid \theta) = \theta^{b} (1 - \theta)^{1 - b}$`,
      // An argmax over labels is a prediction rule.
      String.raw`$\hat y = \arg\max_{y \in \mathcal{Y}} \log p(y \mid x)$`,
    ]);
  });

  describe('ELBO: a functional of the variational distribution', () => {
    expectKind('elbo', [
      String.raw`$$\mathcal{L}[q] = \int q(z) \log \frac{p(x, z)}{q(z)}\, dz$$`,
      String.raw`$\mathcal{L}[q_1, \ldots, q_M] + \sum_{m} \lambda_m \left(\int q_m - 1\right)$`,
      String.raw`$F(q, \theta) = \log p(x \mid \theta) - \mathrm{KL}(q \| p(\cdot \mid x, \theta))$`,
    ]);
    expectKind('none', [
      // EM's coordinate steps maximize the functional; they are updates.
      String.raw`$q^{(k+1)} = \arg\max_q F(q, \theta^{(k)})$`,
    ]);
  });

  describe('KL: cross-entropy minus entropy, symmetrized, the bare pair', () => {
    expectKind('kl', [
      String.raw`$D_r(s) = H_r(s) - H(s)$`,
      String.raw`$H(P, Q) - H(P)$`,
      String.raw`$\mathbb{E}_{y \sim Q}\left[\log Q(y) - \log P(y)\right]$`,
      String.raw`$$J(p, q) = \sum_x \big(p(x) - q(x)\big) \log \frac{p(x)}{q(x)}$$`.replace(/\\big/g, ''),
      String.raw`$q(w \mid \mathcal{D}) \| p(w)$`,
    ]);
    expectKind('none', [
      // Mutual information and a plain difference of entropies.
      String.raw`$I(X; Y) = H(X) - H(X \mid Y)$`,
      // A norm, and densities multiplied by a difference that is not theirs.
      String.raw`$\|u - v\|$`,
    ]);
    expectRoles(String.raw`$D_r(s) = H_r(s) - H(s)$`, { first: 's', second: 'r' });
  });

  describe('EM auxiliary function, averaged evidence, the label-marginalized bound', () => {
    expectKind('mle', [
      String.raw`$Q(\theta, \theta^{\text{old}}) = \sum_{n}\sum_{k} r_{nk} \log\big[w_k\, \mathcal{N}(x_n \mid \mu_k, \Sigma_k)\big]$`,
      String.raw`$Q(\psi, \hat\psi) := \mathbb{E}_{z \mid x, \hat\psi}\left[\log p(x, z \mid \psi)\right]$`,
    ]);
    // Two values of Q compared: EM's monotonicity, not a definition.
    expectKind('none', [String.raw`$Q(\theta_{k+1}, \theta_k) \ge Q(\theta_k, \theta_k)$`]);
    expectKind('marginal', [String.raw`$p(\mathbf{v}) = \mathbb{E}_{\mathbf{h} \sim p(\mathbf{h})}\left[p(\mathbf{v} \mid \mathbf{h})\right]$`]);
    // The aggregated posterior averages the encoder over data: no likelihood.
    expectKind('none', [String.raw`$q(z) = \mathbb{E}_{x \sim p_{\mathrm{data}}}\left[q(z \mid x)\right]$`]);
    expectKind('elbo', [String.raw`$\mathcal{U}(\mathbf{x}) = \sum_{c} q(c \mid \mathbf{x})\, \mathcal{L}(\mathbf{x}, c) + \mathcal{H}(q(c \mid \mathbf{x}))$`]);
    expectKind('entropy', [String.raw`$\mathcal{H}(q(c \mid \mathbf{x})) = -\sum_c q(c \mid \mathbf{x}) \log q(c \mid \mathbf{x})$`]);
  });

  describe('KL: its curvature is a fact about it; inside a score or a constraint it is not the quantity', () => {
    expectKind('kl', [
      String.raw`$\exp(-\mathrm{KL}(p \| q))$`,
      String.raw`$\theta^\star = \arg\min_\theta D_{\mathrm{KL}}(p^\ast \| p_\theta)$`,
      String.raw`$\nabla^2_{\eta} \mathrm{KL}(p_{\eta_0} \| p_{\eta})\big|_{\eta = \eta_0} = \mathbb{E}_{p_{\eta_0}}[-\nabla^2_\eta \log p_\eta(x)]$`,
      String.raw`$\nabla_{w} D_{\mathrm{KL}}(p(x|w_0) \| p(x|w)) = -\mathbb{E}_{p(x|w_0)}[\nabla_w \log p(x|w)]$`,
    ]);
    expectKind('none', [
      String.raw`$\mathrm{IS}(G) = \exp\big(\mathbb{E}_{x \sim p_G} D_{\mathrm{KL}}(p(y \mid x) \,\|\, p(y))\big)$`,
      String.raw`$\delta^\star = \arg\min_{\delta \,:\, \mathrm{KL}(p_\theta \| p_{\theta + \delta}) \le \epsilon} \ell(\theta + \delta)$`,
      String.raw`$\Delta = \arg\min_{\Delta} J(w + \Delta) \text{ subject to } \mathrm{KL}[\pi_w \| \pi_{w + \Delta}] = \kappa$`,
    ]);
  });

  describe('pasted text: Greek capitals as the sum and product signs, code-style sums', () => {
    expectKind('marginal', ['p(v) = Σ_h p(v|h) p(h)', 'P(y) = Σ_{k=1}^{K} P(y|k) P(k)']);
    expectKind('mle', ['L(θ) = Π_i p(x_i | θ)', 'nll = -sum(log p(x_i))']);
    expectKind('elbo', [String.raw`$\mathcal{L}_{\text{IWAE}} = \mathbb{E}\left[\log \frac{1}{K}\sum_k w_k\right]$`]);
    // A covariance matrix is a Sigma too: inside the arguments, or inverted, it is no sum.
    expectKind('none', [
      String.raw`$(x - \mu_k)^\top \Sigma_k^{-1} (x - \mu_k)$`,
      String.raw`$\mathcal{N}(x \mid \mu_k, \Sigma_k)$`,
      String.raw`$\Sigma_{xy} = \mathrm{Cov}(x, y)$`,
    ]);
  });

  describe('identities and estimators around the ELBO are not the bound', () => {
    expectKind('none', [
      // The log evidence averaged over a latent it does not depend on: an identity.
      String.raw`$\log p(v) = \mathbb{E}_{h \sim q(h \mid v)}\left[\log p(v)\right]$`,
      String.raw`$\log p_\theta(x) = \int r(z \mid x) \log p_\theta(x)\, dz$`.replace('r(z', 'q(z'),
      // A gradient estimator of the named bound.
      String.raw`$\mathbb{E}_{c \sim q(c \mid x)} \nabla_\phi \mathrm{ELBO}$`,
      String.raw`$\sum_{c} q(c \mid x)\, \nabla \mathrm{ELBO}$`,
    ]);
    // An average of the log over the data itself is the expected log-likelihood; the bound with a relation stays a bound.
    expectKind('mle', [String.raw`$\mathbb{E}_{x \sim p_{\mathrm{data}}}[\log p(x)] \approx \frac{1}{N}\sum_{n} \log p(x_n)$`]);
    expectKind('elbo', [String.raw`$\mathrm{ELBO}(\phi) = \mathbb{E}_{q_\phi}[\log p(x, z) - \log q_\phi(z)]$`]);
  });

  describe('MLE false alarms: codes under q, a prior beside the product, an objective only averaged over data', () => {
    // Log densities of the latent code under a variational distribution are (cross-)entropies, never likelihoods.
    for (const latex of [
      String.raw`$\mathbb{E}_{q}[\log q(\mathbf{h})]$`,
      String.raw`$\mathbb{E}_{q(z \mid x)}[\log p(z)] = -\frac{k}{2}\log 2\pi - \frac{1}{2}\sum_j (\mu_j^2 + \sigma_j^2)$`,
      String.raw`$-\mathbb{E}_{s}[\log r^{t}(z)]`.replace('r^{t}', 'q^{t}') + '$',
    ]) {
      it(`does not read ${latex} as mle`, () => assert.notEqual(classify(latex).kind, 'mle'));
    }
    expectKind('none', [
      // The likelihood times the parameter's prior is the joint, not the likelihood.
      String.raw`$\prod_{n} p(y_n \mid \theta)\, p(\theta)$`,
      // The maximized quantity is a named bound averaged over the data.
      String.raw`$\max_{\theta} \mathbb{E}_{x \sim p_{\mathrm{data}}(x)}[\mathcal{B}_\theta(x)]$`,
    ]);
    // The expected log-likelihood of data stays MLE.
    expectKind('mle', [String.raw`$\mathbb{E}_{x \sim p_{\mathrm{data}}}[\log q_\theta(x)]$`, String.raw`$\prod_{n} p(y_n \mid \theta)$`]);
  });

  describe('sequential bounds and the KL as a weighted difference of logs', () => {
    expectKind('elbo', [
      // Per-step reconstruction minus KL inside one average.
      String.raw`$\sum_{t} \mathbb{E}_{q(s_{\le t} \mid o_{\le t})}\left[\log p(o_t \mid s_t) - \mathrm{KL}(q(s_t \mid s_{t-1}, o_t) \| p(s_t \mid s_{t-1}))\right]$`,
      // An average with an implicit measure of model log densities minus a guide's log density.
      String.raw`$\mathbb{E}\left[\log p(s_2 \mid s_1) + \log p(s_1 \mid b_1) - \log q(s_1 \mid s_2, b_1)\right]$`,
    ]);
    expectKind('kl', [
      String.raw`$\sum_{k} r_k (\log r_k - \log s_k)$`,
      String.raw`$\int p(x)\,(\log p(x) - \log q(x))\, dx$`,
      'out = mean(sum(y * (log(y) - logq)))',
    ]);
    expectKind('none', [
      // Stirling's form subtracts a number; the written-out KL has the guide's log first and positive.
      String.raw`$\sum_n n (\log n - 1)$`,
    ]);
    expectKind('kl', [String.raw`$\mathbb{E}_{q}\left[\log q(s) - \log p(s)\right]$`]);
  });

  describe('KL minimization written out with one letter, named VAE terms, bounds on the expected log-likelihood', () => {
    expectKind('kl', [
      // One letter for the true and the model distribution: the measure's arguments say which is first.
      String.raw`$\hat\theta = \arg\min_\theta \mathrm{KL}[Q(y \mid \theta_0) \| Q(y \mid \theta)] = \arg\min_\theta \mathbb{E}_{y \sim Q(y \mid \theta_0)}\left[\log \frac{Q(y \mid \theta_0)}{Q(y \mid \theta)}\right]$`,
      String.raw`$\mathbb{E}_{y \sim Q(y \mid \theta_0)}\left[\log Q(y \mid \theta_0) - \log Q(y \mid \theta)\right] + \mathrm{KL}(Q(y \mid \theta_0) \| Q(y \mid \theta_1))$`,
    ]);
    expectKind('elbo', [
      String.raw`$J = \frac{1}{B}\sum_{b} \left[\mathrm{ReconLoss}(x_b, \tilde{x}_b) + \mathrm{KL}(\mu_b, \sigma_b)\right]$`,
      String.raw`$\mathbb{E}_{x \sim p_{\mathrm{data}}}\left[\log p_\theta(x)\right] \ge \mathbb{E}_{x}\left[\mathbb{E}_{q(z|x)}[\log p_\theta(x \mid z)] - \mathrm{KL}(q(z|x) \| p(z))\right]$`,
      String.raw`$\mathcal{L}(x; \theta, \phi) \le \log p_\theta(x)$`,
    ]);
    // The negative log-likelihood named as the negative of the average log-likelihood is still MLE.
    expectKind('mle', [String.raw`$\mathcal{L}(\theta) = \frac{1}{n}\sum_{i} \log p(x_i) \qquad \ell(\theta) = -\mathcal{L}(\theta)$`]);
  });

  describe('a bare log density: the words around it say objective or mention', () => {
    const bare = String.raw`$\log p_\theta(\mathbf{v})$`;
    it('is the log-likelihood when the note says so, and with no words at all', () => {
      assert.equal(classify(bare).kind, 'mle');
      assert.equal(classify(bare, { context: 'We fit the model by maximizing the log-likelihood' }).kind, 'mle');
    });
    it('is only named when the note calls it the log evidence and never a likelihood', () => {
      assert.equal(classify(bare, { context: 'the quantity we would like to maximize is the log evidence' }).kind, 'none');
    });
    it('keeps a written-out objective whatever the words say', () => {
      assert.equal(classify(String.raw`$\sum_n \log p_\theta(\mathbf{v}_n)$`, { context: 'the log evidence of the data set' }).kind, 'mle');
    });
  });

  describe('textbook notation: Greek parameters, a calligraphic Q, an error function E(w)', () => {
    expectKind('mle', [
      String.raw`$\ln p(\mathbf{Y} \mid \boldsymbol{\mu}, \boldsymbol{\Lambda}) = \sum_{n=1}^{N} \ln \mathcal{N}(\mathbf{y}_n \mid \boldsymbol{\mu}, \boldsymbol{\Lambda}^{-1})$`,
      String.raw`$\boldsymbol\psi^{\text{new}} = \arg\max_{\boldsymbol\psi} \mathcal{Q}(\boldsymbol\psi, \boldsymbol\psi^{\text{old}})$`,
      String.raw`$\mathcal{Q}(\boldsymbol\theta, \boldsymbol\theta^{(t)}) = \sum_{\mathbf{Z}} p(\mathbf{Z} \mid \mathbf{X}, \boldsymbol\theta^{(t)}) \ln p(\mathbf{X}, \mathbf{Z} \mid \boldsymbol\theta)$`,
    ]);
    // One point's log density given Greek parameters, with no sum over data, is the model written out.
    expectKind('none', [String.raw`$\ln p(y \mid \mu, \sigma) = -\ln \sigma - \frac{(y - \mu)^2}{2\sigma^2} + c$`]);
    // An error function `E(\mathbf{w})` is not an average: its negative log-likelihood is no bound.
    it('does not read an error function E(w) set to a negative log-likelihood as an ELBO', () => {
      assert.notEqual(classify(String.raw`$E(\mathbf{w}) = -\ln p(\mathbf{t} \mid \mathbf{w})$`).kind, 'elbo');
    });
  });

  describe('typed as code or in words', () => {
    expectKind('marginal', ['evidence = integral of likelihood * prior', 'evidence = sum over z of likelihood * prior']);
    expectKind('bayes', ['posterior = likelihood * prior / evidence']);
    expectKind('elbo', ['loss = recon_loss + beta * kl_loss', 'total = reconstruction_term + kl_term']);
    // A reconstruction loss alone, or beside an adversarial term, is not the VAE's loss.
    expectKind('none', ['loss = recon_loss + lam * adv_loss']);
  });
});
