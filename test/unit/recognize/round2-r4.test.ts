/**
 * Rules added while reading batch G's misses (issue 10, round 2): source escapes over the TeX, words
 * hiding `arg`, a bare log density the note never maximizes, several draws under one average.
 * Formulas are written here in notations of our own, with the near-misses that must stay apart.
 */
import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/recognize';
import { unescapeSource } from '../../../src/core/recognize/escapes';
import { parseMath } from '../../../src/core/parse/parser';
import { expectKind } from './cases';

describe('recognize: HTML entities and Markdown escapes over the TeX', () => {
  it('decodes the entities a page leaves in its source', () => {
    assert.equal(unescapeSource('a &amp;= b &lt; c &gt; d'), 'a &= b < c > d');
  });
  it('undoes kramdown escapes only where the formula shows them', () => {
    assert.equal(unescapeSource(String.raw`\min\_{\phi} D(p \\| q)`), String.raw`\min_{\phi} D(p \| q)`);
    assert.equal(unescapeSource(String.raw`\begin{align\*} p\_{\theta} \end{align\*}`), String.raw`\begin{align*} p_{\theta} \end{align*}`);
    assert.equal(unescapeSource(String.raw`\bar\alpha\_t x\_0`), String.raw`\bar\alpha_t x_0`);
    // TeX's own literal underscore inside a word stays: nothing here is a Markdown escape.
    assert.equal(unescapeSource(String.raw`z_{smiling\_man}`), String.raw`z_{smiling\_man}`);
    assert.equal(unescapeSource(String.raw`a \\ |b|`), String.raw`a \\ |b|`);
  });
  expectKind('marginal', [
    String.raw`\begin{align} p(\mathbf{y}) &amp;= \int p(\mathbf{y} | \mathbf{h})\, p(\mathbf{h})\, d\mathbf{h} \end{align}`,
  ]);
  expectKind('kl', [
    String.raw`D\_{\mathrm{KL}}(P \\| Q) = \sum\_{k} P(k) \log \frac{P(k)}{Q(k)}`,
  ]);
  expectKind('elbo', [
    String.raw`\log p(\mathbf{v}) &gt;= \mathbb{E}\_{q(\mathbf{h})}\left[\log p(\mathbf{v}, \mathbf{h}) - \log q(\mathbf{h})\right]`,
  ]);
});

describe('parse: `arg` inside a word is no operator', () => {
  const names = (tex: string): string[] => parseMath(tex).lines[0].map((n) => `${n.type}:${n.name}`);
  it('keeps words whose letters hold "arg" whole', () => {
    assert.deepEqual(names(String.raw`\mathrm{target}`), ['id:target']);
    assert.deepEqual(names(String.raw`\mathrm{margin}`), ['id:margin']);
    assert.deepEqual(names(String.raw`\operatorname{large}`), ['id:large']);
  });
  it('keeps an upright word whole when a shorter word hides after its first letter', () => {
    assert.deepEqual(names(String.raw`\mathrm{BCE}`), ['id:BCE']);
    // (Typed code's `\mathrm{logP}` is the log of P, a word first.)
    assert.deepEqual(names(String.raw`\mathrm{logP}`), ['op:log', 'id:P']);
  });
  it('still reads the operator before max or min, in any spelling', () => {
    assert.deepEqual(names(String.raw`\arg\max_x f`).slice(0, 1), ['op:argmax']);
    assert.deepEqual(names(String.raw`\mathrm{argmin}_x f`).slice(0, 1), ['op:argmin']);
    assert.deepEqual(names(String.raw`\operatorname{arg\,max}_x f`).slice(0, 1), ['op:argmax']);
  });
  it('leaves a Bayes rule with a named target a Bayes rule', () => {
    assert.equal(classify(String.raw`p(\mathrm{target} \mid x) = \frac{p(x \mid \mathrm{target})\, p(\mathrm{target})}{p(x)}`).kind, 'bayes');
  });
});

describe('recognize: a bare log density is an objective only when the note maximizes it', () => {
  const bare = [String.raw`\log p_\theta(\mathbf{y})`, String.raw`\ln p(x)`, String.raw`-\log P_{\psi}(d)`];
  for (const latex of bare) {
    it(`${latex}: mle when the words maximize or fit it`, () => {
      assert.equal(classify(latex, { context: 'Training fits the model by maximizing the log-likelihood' }).kind, 'mle');
      assert.equal(classify(latex, { context: 'we choose the weights that maximise' }).kind, 'mle');
      assert.equal(classify(latex, { context: 'The maximum likelihood estimate maximizes' }).kind, 'mle');
      assert.equal(classify(latex, { context: 'Training minimizes the negative log-likelihood' }).kind, 'mle');
      assert.equal(classify(latex, { context: 'モデルの対数尤度を最大化する' }).kind, 'mle');
    });
    it(`${latex}: a mention when the words only name a density or the evidence`, () => {
      assert.equal(classify(latex, { context: 'A continuous normalizing flow computes the change of' }).kind, 'none');
      assert.equal(classify(latex, { context: 'the gap between the bound and the log evidence' }).kind, 'none');
      assert.equal(classify(latex, { context: 'The score is the gradient of' }).kind, 'none');
    });
  }
  it('reads the formula alone (no words) as the log-likelihood still', () => {
    assert.equal(classify(String.raw`\log p_\theta(x)`).kind, 'mle');
  });
  it('leaves an objective that is more than the bare log to the math', () => {
    assert.equal(classify(String.raw`\sum_{n} \log p(y_n \mid \theta)`, { context: 'A continuous normalizing flow computes' }).kind, 'mle');
  });
});

describe('recognize: several draws under one average, the innermost weighing the log ratio', () => {
  expectKind('elbo', [
    String.raw`\mathbb{E}_{y \sim p_{\mathrm{data}},\, h \sim q(h \mid y)} \left[ \log \frac{p(y, h)}{q(h \mid y)} \right]`,
    String.raw`-\log p(y_0) \le \mathbb{E}_{y_0 \sim \pi,\ y_{1:K} \sim q(y_{1:K} | y_0)} \left[ -\log \frac{p_\theta(y_{0:K})}{q(y_{1:K} | y_0)} \right]`,
  ]);
  expectKind('kl', [
    // The first draw's density over the ratio is the KL from it, whatever follows.
    String.raw`\mathbb{E}_{u \sim P} \left[ \log \frac{P(u)}{Q(u)} \right]`,
  ]);
});

describe('recognize: probability theory’s blackboard and calligraphic P', () => {
  expectKind('bayes', [
    String.raw`\mathbb{P}(H \mid E) = \frac{\mathbb{P}(E \mid H)\, \mathbb{P}(H)}{\mathbb{P}(E)}`,
    String.raw`\mathcal{P}(c \mid v) = \frac{\mathcal{P}(v \mid c)\mathcal{P}(c)}{\mathcal{P}(v)}`,
  ]);
  expectKind('none', [
    // Chebyshev's inequality, independence, the definition of a conditional: probability, none of the kinds.
    String.raw`\mathbb{P}(|X - \mu| \ge k\sigma) \le \frac{1}{k^2}`,
    String.raw`\mathbb{P}(A \cap B) = \mathbb{P}(A)\,\mathbb{P}(B)`,
    String.raw`\mathbb{P}(X = k) = \binom{n}{k} r^k (1-r)^{n-k}`,
  ]);
});

describe('recognize: a weighed log ratio is a KL only between densities of the same variables', () => {
  expectKind('elbo', [
    // Against the joint of the latent and the data, the ratio is the negative bound (free energy).
    String.raw`\int r_{\lambda}(h \mid y) \log \frac{r_{\lambda}(h \mid y)}{p_{w}(h, y)} \, dh`,
    String.raw`\sum_{h} q(h) \log \frac{q(h)}{p(h, v)}`,
    String.raw`\mathbb{E}_{h \sim q}\left[ \log \frac{q(h)}{p(v, h)} \right]`,
    // The bound itself keeps its reading.
    String.raw`\mathbb{E}_{q(h \mid v)}\left[ \log \frac{p(v, h)}{q(h \mid v)} \right]`,
    String.raw`\mathbb{E}_{q(h \mid v)}\left[ \log \frac{p(v \mid h)\, p(h)}{q(h \mid v)} \right]`,
  ]);
  expectKind('kl', [
    // Two conditionals of the same step under the forward process: the per-step KL, its sign flipped by the minus.
    String.raw`\mathbb{E}_{q}\left[ -\log \frac{p_{w}(y_{k-1} \mid y_k)}{q(y_{k-1} \mid y_k, y_0)} \right]`,
    String.raw`L_{k} = \mathbb{E}_{q}\left[ \log \frac{q(y_{k-1} \mid y_k, y_0)}{p_{w}(y_{k-1} \mid y_k)} \right]`,
    // A KL to the posterior, split into the negative bound and the log evidence, is about that KL.
    String.raw`\mathrm{KL}(r \,\|\, p(h \mid v)) = \int r(h) \log \frac{r(h)}{p(h, v)}\, dh + \log p(v)`,
    String.raw`\sum_{k} P(k) \log \frac{P(k)}{Q(k)}`,
  ]);
});

describe('recognize: a likelihood evaluated, compared or replaced by a generic loss is not the objective', () => {
  expectKind('none', [
    // The maximized value an information criterion penalizes, and the likelihood at the true parameter.
    String.raw`\mathrm{BIC} = -2 \ln L(\hat{\theta}) + k \ln n`,
    String.raw`\log p(\mathcal{D} \mid \hat{w}) - \frac{k}{2} \log N`,
    String.raw`\log P(y \mid \theta^{*})`,
    // EM's monotonicity: the same log-likelihood at two iterates.
    String.raw`\ell(\theta^{(k+1)}) \ge \ell(\theta^{(k)})`,
    String.raw`\log p(X \mid \theta_{t}) \le \log p(X \mid \theta_{t+1})`,
    // The empirical risk of a generic loss of prediction and label.
    String.raw`L(w) = \frac{1}{N} \sum_{n=1}^{N} \ell(h_w(x_n), y_n)`,
    String.raw`J(\theta) = \sum_{i} \mathrm{loss}(f_\theta(x_i), t_i)`,
  ]);
  expectKind('mle', [
    // Maximized over the parameter, or written with the parameter free, they are the objective.
    String.raw`\hat{\theta} = \arg\max_{\theta} \log p(\mathcal{D} \mid \theta)`,
    String.raw`\ell(\theta) = \sum_{n} \log p(x_n \mid \theta)`,
    String.raw`L(w) = -\frac{1}{N} \sum_{n} \log p(y_n \mid x_n; w)`,
  ]);
  expectKind('elbo', [
    // A bound below the log-likelihood is still a bound.
    String.raw`\ell(\theta) \ge \sum_{n} \mathbb{E}_{q_n}\left[\log \frac{p(x_n, z_n \mid \theta)}{q_n(z_n)}\right]`,
  ]);
});

describe('recognize: the log evidence minus the KL from an approximation named by its letter', () => {
  expectKind('elbo', [
    String.raw`F(Q, \theta) = \log p(y; \theta) - D_{KL}(Q \,\|\, p_{h|y})`,
    String.raw`\mathcal{J}(q) = \log p(v) - \mathrm{KL}(q \| p(h \mid v))`,
  ]);
  expectKind('kl', [
    // A KL between two model densities, with no log evidence beside it.
    String.raw`D_{KL}(Q \| P) = \sum_{k} Q(k) \log \frac{Q(k)}{P(k)}`,
  ]);
});

describe('recognize: marginal likelihoods named as a function of the parameter, and total probability along a chain', () => {
  expectKind('marginal', [
    String.raw`\ell(w) = \log \int p(y, h \mid w)\, dh`,
    String.raw`L(\theta) = \sum_{c} p(v, c; \theta)`,
    String.raw`l(\lambda) = \log \int_{u} p(d, u, \lambda)\, du`,
    // The first side equals the last: the law of total probability after a step in words.
    String.raw`\Pr(E) = \Pr(E \text{ and } H) + \Pr(E \text{ and not } H) = \Pr(E \mid H)\Pr(H) + \Pr(E \mid \neg H)\Pr(\neg H)`,
  ]);
  expectKind('mle', [
    // Summed over the data points (not a latent), the joint's log is the complete-data log-likelihood.
    String.raw`\ell(\theta) = \sum_{n=1}^{N} \log p(x_n, z_n \mid \theta)`,
  ]);
  expectKind('none', [
    // An autoregressive factorization rewritten along a chain sums out nothing.
    String.raw`p(\mathbf{s}) = \prod_{k} p(s_k \mid s_{<k}) = \exp\Big(\sum_{k} \log p(s_k \mid s_{<k})\Big)`,
    String.raw`P(B) = 1 - P(B^c) = 1 - (1 - r)^n`,
  ]);
});

describe('recognize: an integral typed out in plain ASCII', () => {
  expectKind('marginal', [
    'p(y) = integral p(y|h) p(h) dh',
    'log p(v) = log integral over h of p(v, h) dh',
    'p(x) = int p(x|u) p(u) du',
  ]);
  expectKind('gradient_step', [
    // Without an integral sign, `dw` after an update stays the gradient.
    'w = w - lr * dw',
  ]);
  expectKind('none', [
    // `int(...)` as code's cast, with no differential, is no integral.
    'n = int(x) * 2 + count',
  ]);
});

describe('recognize: an integral in words in pasted Unicode text', () => {
  expectKind('marginal', [
    'p_θ(y) = integral over h of p_θ(y|h) · p(h) dh',
    'q(x) = ∑_k π_k · integral p(x|u) r_k(u) du',
  ]);
});

describe('recognize: statistics’ density f, and distributions written as vectors', () => {
  expectKind('mle', [
    String.raw`\hat{\theta} = \arg\max_{\theta} \prod_{i=1}^n f(x_i; \theta)`,
    String.raw`\max_{w} \prod_{j} g(y_j \mid w)`,
    String.raw`\prod_{i=1}^n f(x_i \mid \lambda)`,
  ]);
  expectKind('none', [
    // Least squares over the same model is no likelihood in this spelling, and an autoregressive product has no parameter.
    String.raw`\arg\min_{\theta} \sum_{i} (y_i - f(x_i; \theta))^2`,
    String.raw`\prod_{i=1}^n f(x_i \mid x_{i-1})`,
  ]);
  expectKind('kl', [
    String.raw`\sum_{k=1}^{K} a_k \ln \frac{a_k}{b_k}`,
    String.raw`\sum_{j} \pi_j \log \frac{\pi_j}{\rho_j}`,
  ]);
  expectKind('none', [
    // A weight other than the numerator, or no ratio at all.
    String.raw`\sum_i w_i \log \frac{x_i}{y_i}`,
    String.raw`\sum_i p_i \log p_i`,
  ]);
});

describe('recognize: the bound through its gap, and the VAE loss with its reconstruction error named', () => {
  expectKind('elbo', [
    // The log evidence minus the KL from any q to the posterior.
    String.raw`\log p(v) - \mathrm{KL}(r(h) \,\|\, p(h \mid v))`,
    String.raw`\log p(\mathbf{y}) - D_{KL}\big(q(\mathbf{u}) \,\|\, p(\mathbf{u} \mid \mathbf{y})\big)`,
    // A named reconstruction error (BCE, MSE of the data and its reconstruction) beside the KL.
    String.raw`\text{loss} = \mathrm{BCE}(\hat{y}, y) + D_{KL}(\mathcal{N}(\mu, \sigma^2) \,\|\, \mathcal{N}(0, 1))`,
    String.raw`\mathrm{MSE}(v, \tilde v) + \beta\, \mathrm{KL}(q(h \mid v) \| p(h))`,
    String.raw`l(y, \hat{y}) = l_{rec} + \beta\, l_{KL}(h, \mathcal{N}(0, I))`,
  ]);
  expectKind('none', [
    // A regularized regression loss has no KL.
    String.raw`\mathrm{MSE}(y, \hat y) + \lambda \|w\|^2`,
  ]);
  expectKind('kl', [
    // Between two model densities with no log evidence, the KL stays a KL.
    String.raw`\mathrm{KL}(q(h) \,\|\, p(h \mid v))`,
  ]);
});

describe('recognize: Bayesian statistics’ letters, f for the sampling density and pi for the prior', () => {
  expectKind('bayes', [
    String.raw`\pi(\theta \mid x) = \frac{f(x \mid \theta)\,\pi(\theta)}{m(x)}`,
    String.raw`\pi(\lambda \mid \mathbf{y}) \propto f(\mathbf{y} \mid \lambda)\, \pi(\lambda)`,
  ]);
  expectKind('marginal', [
    String.raw`m(x) = \int f(x \mid \theta)\, \pi(\theta)\, d\theta`,
  ]);
  expectKind('none', [
    // Composition, and a conditional beside an unrelated factor, are no likelihood times prior.
    String.raw`f(g(x)) = g(f(x))`,
    String.raw`f(x \mid \theta)\, g(y)`,
  ]);
});

describe('recognize: a chain of equalities from a KL is about the KL; a derivation that moves on is the bound', () => {
  expectKind('kl', [
    String.raw`\mathrm{KL}(r(h) \| p(h \mid v)) = \mathbb{E}_r[\log r(h)] - \mathbb{E}_r[\log p(h, v)] + \log p(v)`,
    String.raw`\begin{aligned} D_{KL}(q \| p(\cdot \mid y)) &= \mathbb{E}_q[\log q(u) - \log p(u \mid y)] \\ &= \log p(y) - \mathcal{L}(q) \end{aligned}`,
  ]);
  expectKind('elbo', [
    String.raw`\begin{aligned} D_{KL}(q(h) \| p(h \mid v)) &= \mathbb{E}_q[\log q(h) - \log p(h, v)] + \log p(v) \\ \log p(v) &\ge \mathbb{E}_q[\log p(h, v) - \log q(h)] \end{aligned}`,
  ]);
});

describe('recognize: a likelihood function named alone', () => {
  it('is the objective when the words maximize it, a mention otherwise', () => {
    for (const latex of [String.raw`\ell(\theta)`, String.raw`L_n(\mathbf{y}; \theta)`, String.raw`\mathbf{L}(w \mid \mathcal{D})`]) {
      assert.equal(classify(latex, { context: 'we choose the parameter that maximizes' }).kind, 'mle', latex);
      assert.equal(classify(latex, { context: 'where the symbol denotes the one defined above and n is the sample size' }).kind, 'none', latex);
    }
  });
  it('is read by its definition whatever the words when it is defined', () => {
    assert.equal(classify(String.raw`\ell(\theta) = \sum_i \log p(x_i \mid \theta)`, { context: 'where n is the sample size' }).kind, 'mle');
  });
});

describe('recognize: a loss bounded by per-step KLs is the variational bound', () => {
  expectKind('elbo', [
    String.raw`\mathcal{L} \le \mathbb{E}_q\Big[ D_{KL}(q(y_K \mid y_0) \| p(y_K)) + \sum_{k>1} D_{KL}(q(y_{k-1} \mid y_k, y_0) \| p_w(y_{k-1} \mid y_k)) \Big]`,
  ]);
  expectKind('kl', [
    // KLs between unconditional laws, or one KL bounded, are statements about KLs.
    String.raw`L \le \sum_{k} D_{KL}(P_k \| Q_k) + D_{KL}(P \| Q)`,
    String.raw`D_{KL}(p \| q) \ge 0`,
  ]);
});
