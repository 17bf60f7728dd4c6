/**
 * Rules added while reading batch H's misses (issue 10, round 3, helper R6): EM's auxiliary function
 * defined on the left, EM's closed-form M-step for a mixture, a primed dummy index that is no derivative.
 * Formulas are written here in notations of our own, with the near-misses that must stay apart.
 */
import { expectKind } from './cases';

describe('recognize: EM auxiliary function wins over what it averages', () => {
  expectKind('mle', [
    // The posterior weight written out by Bayes' rule, the sum over a primed dummy latent.
    String.raw`Q(\theta, \theta^{old}) = \sum_{z} \log p(x, z \mid \theta) \, \frac{p(x, z \mid \theta^{old})}{\sum_{z'} p(x, z' \mid \theta^{old})}`,
    String.raw`\mathcal{Q}(\boldsymbol\theta \mid \boldsymbol\theta^{(s)}) := \sum_{n} \sum_{c} r_{nc} \left[\log \pi_c + \log \mathcal{N}(x_n \mid \mu_c, \Sigma_c)\right]`,
    String.raw`Q(\theta, \theta^{t}) = \sum_{h} p(h | v, \theta^{t}) \ln p(v, h | \theta)`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // A comparison of two values of Q defines nothing; an RL action value is no EM auxiliary.
      String.raw`Q(\theta^{t+1}, \theta^{t}) \ge Q(\theta^{t}, \theta^{t})`,
      String.raw`Q(s, a) = r(s, a) + \gamma \sum_{s'} P(s' | s, a) V(s')`,
    ]);
  });
});

describe('recognize: a primed dummy index is no derivative', () => {
  expectKind('bayes', [
    String.raw`\gamma_{nk} = \frac{\pi_k \mathcal{N}(x_n | \mu_k, \Sigma_k)}{\sum_{k'} \pi_{k'} \mathcal{N}(x_n | \mu_{k'}, \Sigma_{k'})}`,
  ]);
  describe('near misses', () => {
    // A primed function applied is still a derivative: the score equation of a likelihood is calculus.
    expectKind('none', [String.raw`\ell'(\theta) = \sum_i \frac{x_i}{\theta} - \frac{n - x_i}{1 - \theta} = 0`]);
  });
});

describe('recognize: EM M-step for a mixture in closed form', () => {
  expectKind('mle', [
    String.raw`\mu_k^{new} = \frac{\sum_{n=1}^N \gamma(z_{nk}) \mathbf{x}_n}{\sum_{n=1}^N \gamma(z_{nk})}`,
    String.raw`\pi_k^{new} = \frac{\sum_n \gamma_{nk}}{\sum_{j}\sum_n \gamma_{nj}}`,
    String.raw`\Sigma_c^{(s+1)} = \frac{\sum_{n} w_{nc} (x_n - \mu_c)(x_n - \mu_c)^\top}{\sum_{n} w_{nc}}`,
    String.raw`\lambda_2^{(t+1)} = \frac{\sum_i p(z_i = 2 | x_i, \lambda^{(t)}) \, x_i}{\sum_i p(z_i = 2 | x_i, \lambda^{(t)})}`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // The same average with no new iterate on the left: a stationary point in a derivation, k-means' centroid.
      String.raw`\mu_k = \frac{\sum_{n} \gamma(z_{nk}) x_n}{\sum_{n} \gamma(z_{nk})}`,
      String.raw`\hat\mu_j \leftarrow \frac{\sum_i r_{ij} x_i}{\sum_i r_{ij}}`,
      // A variance's square is no iterate.
      String.raw`\sigma_k^2 = \frac{\sum_i w_{ik} (x_i - \mu_k)^2}{\sum_i w_{ik}}`,
      // Self-normalized importance sampling: the weights belong to the points alone.
      String.raw`\hat\mu = \frac{\sum_i w_i f(x_i)}{\sum_i w_i}`,
      // A kernel smoother: a function on the left.
      String.raw`\hat f(x) = \frac{\sum_i K_h(x - x_i) y_i}{\sum_i K_h(x - x_i)}`,
      // Attention weights: a softmax, no sum over data on top.
      String.raw`\alpha_{ij} = \frac{\exp(e_{ij})}{\sum_k \exp(e_{ik})}`,
      // A column mean of a data matrix.
      String.raw`\mu_k = \frac{\sum_i x_{ik}}{n}`,
      String.raw`\bar{x}_j = \frac{\sum_i x_{ij}}{\sum_i 1}`,
    ]);
  });
});

describe('recognize: a hidden variable posterior as joint over evidence is Bayes rule', () => {
  expectKind('bayes', [
    String.raw`p(\mathbf{h} \mid \mathbf{v}) = \frac{p(\mathbf{v}, \mathbf{h})}{p(\mathbf{v})}`,
    String.raw`p(\theta \mid D) = \frac{p(D, \theta)}{\int p(D, \theta')\, d\theta'}`,
    String.raw`\ln p(z \mid x) = \ln p(x, z) - \ln p(x)`,
    String.raw`P(Z | X) = \frac{P(X, Z)}{\sum_{Z} P(X, Z)}.`,
  ]);
  describe('near misses', () => {
    // Two observed variables: the definition of a conditional probability.
    expectKind('none', [
      String.raw`P(A \mid B) = \frac{P(A, B)}{P(B)}`,
      String.raw`p(y \mid x) = \frac{p(x, y)}{p(x)}`,
      String.raw`\log p(y | x) = \log p(x, y) - \log p(x)`,
      // The evidence solved from the joint is not this rule's shape; a ratio of joints is an importance weight.
      String.raw`w(z) = \frac{p(x, z)}{q(z)}`,
    ]);
  });
});

describe('recognize: a likelihood at fixed values is a statistic or an expansion, not the objective', () => {
  expectKind('none', [
    // Likelihood-ratio statistics: the fitted value against the null.
    String.raw`\Lambda = 2[\ell(\hat{\theta}) - \ell(\theta_0)]`,
    String.raw`D = -2 \log \frac{L(\theta_0)}{L(\hat\theta)}`,
    // A second-order expansion around the optimum.
    String.raw`\mathcal{L}(\theta^\ast + \Delta) \approx \mathcal{L}(\theta^\ast) + \frac12 \Delta^\top F \Delta`,
  ]);
  describe('still objectives', () => {
    expectKind('mle', [
      String.raw`\ell(\theta_0) = \sum_i \log p(x_i \mid \theta_0)`,
      String.raw`\hat\theta = \arg\max_\theta \left[\ell(\theta) - \ell(\theta_0)\right]`,
    ]);
  });
});

describe('recognize: a parameter integrated out of closed-form kernels is the evidence', () => {
  expectKind('marginal', [
    String.raw`p(y) = \int \binom{n}{y} \mu^y (1-\mu)^{n-y} \, \mathrm{Beta}(\mu; a, b) \, d\mu`,
    String.raw`p(x) = \int_0^\infty \lambda e^{-\lambda x} \cdot \frac{b^a}{\Gamma(a)} \lambda^{a-1} e^{-b\lambda} \, d\lambda`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // A CDF integrates the variable itself; a posterior mean has no density on the left; a rate integrated over time.
      String.raw`P(X \le a) = \int_{-\infty}^a f(x)\, dx`,
      String.raw`\mathbb{E}[\theta] = \int \theta \, p(\theta | D) \, d\theta`,
      String.raw`F(x) = \int_0^x \lambda e^{-\lambda t}\, dt`,
    ]);
  });
});

describe('recognize: a conjugate posterior in closed form is Bayes rule', () => {
  expectKind('bayes', [
    String.raw`p(\lambda | x_{1:n}) = \mathrm{Gamma}(a + \sum_i x_i, b + n)`,
    String.raw`p(\mu \mid \mathcal{D}) = \mathcal{N}(\mu_N, \sigma_N^2)`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      String.raw`p(\theta) = \text{Beta}(\alpha, \beta)`,
      String.raw`p(x | \theta) = \mathcal{N}(\theta + 1, 1)`,
      String.raw`q(z | x) = \mathcal{N}(\mu(x), \sigma^2(x))`,
    ]);
  });
});

describe('recognize: ELBO notations (bare q in the KL, one-sample reconstruction, log in parentheses)', () => {
  expectKind('elbo', [
    // Expected log-likelihood minus the KL of the variational density named by its letter alone.
    String.raw`\mathbb{E}_{q}\big[\ln p(\mathbf{x} \mid \mathbf{z})\big] - \mathrm{KL}(q \,\|\, p)`,
    // The VAE's loss for one drawn code: the decoder's negative log plus the encoder's KL to the prior.
    String.raw`\ell_i = -\log p_\theta(x_i \mid z) + D_{\mathrm{KL}}(q_\phi(z \mid x_i) \,\|\, p(z))`,
    // The log written with its own parentheses, as code and some notes type it.
    String.raw`\mathcal{L}(x) = \log(p(x)) - \mathrm{KL}(q(z|x) \| p(z|x))`,
    String.raw`\log(p(x)) \geq \mathbb{E}_{q(z|x)}[\log(p(x,z)) - \log(q(z|x))]`,
    // The measure's conditioning written with a comma once.
    String.raw`\mathcal{F} = \mathbb{E}_{h \sim q(h, v)} [ \log p(v, h) - \log q(h|v) ]`,
  ]);
  describe('near misses', () => {
    expectKind('kl', [
      String.raw`D_{KL}(q \| p) = \mathbb{E}_q[\log q - \log p]`,
      // A supervised log-loss with a KL penalty: the log is of a label given the input, no decoder of a code.
      String.raw`-\log p(y | x) + \beta\, \mathrm{KL}(q \| p)`,
    ]);
    expectKind('none', [String.raw`\log p(x|z) - \log q(z|x)`]);
  });
});

describe('recognize: a KL written with a paper macro of two arguments', () => {
  expectKind('kl', [
    String.raw`\infdiv{P}{Q} = \sum_x P(x) \log \frac{P(x)}{Q(x)}`,
    String.raw`\kl{q(\mathbf{x}_t \mid \mathbf{x})}{\mathcal{N}(0, \sigma^2 I)} = \frac{\|\mathbf{x}\|^2}{2\sigma^2}`,
  ]);
  expectKind('elbo', [String.raw`\mathcal{L} = \mathbb{E}_{q}[\log p(x|z)] - \KL{q(z|x)}{p(z)}`]);
});

describe('recognize: a mixture component before its weight, or a density letter indexed by its parameters', () => {
  expectKind('bayes', [
    String.raw`r_{ik} = \frac{\mathcal{N}(x_i | \mu_k, \Sigma_k) \pi_k}{\sum_j \mathcal{N}(x_i | \mu_j, \Sigma_j) \pi_j}`,
    String.raw`w_{ij} = \frac{f_{\theta_j}(x_i) \, \alpha_j}{\sum_l f_{\theta_l}(x_i) \, \alpha_l}`,
  ]);
  expectKind('marginal', [
    String.raw`p(x) = \sum_{k = 1}^K f_{(m_k, \Sigma_k)}(x) \times \pi_k`,
    String.raw`p(x) = \sum_{k = 1}^K \pi_k f_{\theta_k}(x)`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // A softmax with prior weights holds no density; ratios of plain functions are no responsibility.
      String.raw`a_k = \frac{\exp(s_k) \, w_k}{\sum_j \exp(s_j) w_j}`,
      String.raw`h_k = \frac{f_k(x) \, g_k}{\sum_j f_j(x) \, g_j}`,
      // An additive model: a sum of functions with no mixing weight.
      String.raw`p(x) = \sum_{m} f_m(x)`,
      String.raw`F(x) = \sum_{m} \alpha_m f_m(x)`,
    ]);
  });
});

describe('recognize: a noised marginal with the data density written as a macro', () => {
  expectKind('marginal', [String.raw`q(\mathbf{x}_t) = \int \pdata(\mathbf{x}) \, \mathcal{N}(\mathbf{x}_t; \mathbf{x}, \sigma_t^2 \mathbf{I}) \, d\mathbf{x}`]);
  expectKind('mle', [String.raw`\max_\theta \mathbb{E}_{x \sim \pdata}[\log \ptheta(x)]`]);
});

describe('recognize: the KL to the posterior written through the joint and the evidence', () => {
  expectKind('kl', [
    String.raw`= \mathbb{E}_{q(h|v)} [ \ln q(h|v) - \ln p(v, h) ] + \ln p(v)`,
    String.raw`\mathbb{E}_{q}[\log q(z \mid x)] - \mathbb{E}_{q}[\log p(x, z)] + \log p(x)`,
    String.raw`\mathbb{E}_{q}[\log q(z|x) - (\log p(x, z) - \log p(x))]`,
  ]);
  describe('near misses', () => {
    // The evidence subtracted instead of added is no identity of the KL.
    expectKind('none', [String.raw`\mathbb{E}_{q}[\log q(z|x) - \log p(x, z)] - \log p(x)`]);
  });
});

describe('recognize: EM E-step posterior named by the variational letter', () => {
  expectKind('bayes', [
    String.raw`Q_n(\mathbf{z}_n) = \frac{p(\mathbf{x}_n, \mathbf{z}_n \mid \theta^{old})}{\sum_{\mathbf{z}} p(\mathbf{x}_n, \mathbf{z} \mid \theta^{old})}`,
    String.raw`q(z) = \frac{p(x, z)}{\int p(x, z)\, dz}`,
  ]);
  describe('near misses', () => {
    // A Boltzmann distribution normalized over its states holds no joint of data and latent.
    expectKind('none', [String.raw`Q(z) = \frac{e^{-E(z)}}{\sum_{z} e^{-E(z)}}`]);
  });
});
