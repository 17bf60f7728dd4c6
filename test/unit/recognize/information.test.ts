import { expectKind, expectRoles } from './cases';

describe('recognize: entropy and Jensen-Shannon', () => {
  describe('entropy', () => {
    expectKind('entropy', [
      String.raw`$H(p) = -\sum_{k=1}^K p_k \log p_k$`,
      String.raw`$$\mathcal{H}[q] = -\mathbb{E}_{z\sim q}[\log q(z)]$$`.replace(String.raw`\mathcal{H}[q] = `, ''),
      String.raw`$H(p, q) = -\sum_x p(x)\log q(x)$`,
      String.raw`$\mathrm{CE}(y, \hat y) = -\sum_c y_c \log \hat y_c$`,
      'H(X) = −Σ p(x) log p(x)',
    ]);
    expectKind('none', [String.raw`$I(x) = -\log_2 p(x)$`, String.raw`$\log(ab) = \log a + \log b$`]);
    expectRoles(String.raw`$H(Y \mid X) = -\sum_{x,y} p(x,y)\log p(y|x)$`, { variant: 'conditional' });
    expectRoles(String.raw`$\mathcal{L} = -\sum_{i} y_i \log \hat{y}_i$`, { variant: 'cross-entropy' });
    // The binary cross-entropy of a classifier, with the sum outside the brackets around the logs.
    expectRoles(String.raw`$L = -\frac{1}{N}\sum_i [y_i \log \hat y_i + (1-y_i)\log(1-\hat y_i)]$`, { variant: 'binary cross-entropy' });
  });
  describe('cross-entropy as loss docs and worked examples write it', () => {
    expectKind('entropy', [
      // Log-sum-exp of the logits minus the true class's logit: -log softmax.
      'loss(z, c) = -z[c] + log(sum_k exp(z[k]))',
      String.raw`$\ell(s, y) = -s_y + \log\sum_{j=1}^K e^{s_j}$`,
      // The logistic loss with labels of ±1.
      'loss(w) = mean_i log(1 + exp(-t[i] * f[i]))',
      // A label and its complement weighing two logs, whatever the probabilities are written as.
      String.raw`$-\sum_n \big(t_n \log \frac{1}{1+e^{-a_n}} + (1-t_n)\log \frac{e^{-a_n}}{1+e^{-a_n}}\big)$`,
      // One-hot labels against predicted probabilities, typed as code.
      'loss = -sum_c y[c] * log(p[c])',
      // A class weight between the minus and the log of a softmax.
      String.raw`$l_n = - w_{y_n} \log \frac{\exp(x_{n,y_n})}{\sum_{c=1}^C \exp(x_{n,c})}$`,
      // A worked term and a worked sum.
      String.raw`$-p(a)\log_2 q(a) = -0.5 \log_2 0.25 = 1$`,
      String.raw`$-\tfrac14\log_2\tfrac14 = 0.5$`,
      String.raw`$-q \log_2 q = 0.5$`,
      'H(p, q) = −Σ p(x) log q(x)',
      // Targets t against outputs y, as Bishop writes the multi-class cross-entropy.
      String.raw`$E(\mathbf{w}) = -\sum_{n=1}^N \sum_{k=1}^K t_{nk} \ln y_{nk}$`,
      // A named entropy of numbers, worked out.
      String.raw`$H = -(0.25 \log_2 0.25 + 0.75 \log_2 0.75) \approx 0.811$`,
      // The average log-density under itself, worked out (minus an entropy).
      String.raw`$\mathbb{E}_{r}[\log r(\mathbf{u})] = -\frac{k}{2}\log(2\pi e) - \sum_j \log s_j$`,
    ]);
    // The data's average log-likelihood under a model (another density than the measure) is no entropy.
    expectKind('mle', [String.raw`$\mathbb{E}_{p_{data}}[\log p_\theta(x)] = \frac{1}{N}\sum_i \log p_\theta(x_i)$`]);
    expectKind('none', [
      // Softplus and the log-partition alone are no loss; a surprisal worked out has no weight.
      String.raw`$\log(1 + e^{u})$`,
      String.raw`$A(\eta) = \log \sum_k \exp(\eta_k)$`,
      String.raw`$-\log_2 p(x) = 3$`,
      // Without a minus on the term's side it is no entropy term, whatever sign the number has.
      String.raw`$p(a) \log q(a) = -0.2$`,
      // A Bernoulli log-likelihood (no minus outside) is not a cross-entropy.
      String.raw`$\sum_i x_i \log\theta + (1 - x_i)\log(1-\theta)$`,
    ]);
  });
  describe('Jensen-Shannon', () => {
    expectKind('jsd', [
      String.raw`$\mathrm{JSD}(P \| Q) = \tfrac12 D_{KL}(P \| M) + \tfrac12 D_{KL}(Q \| M)$`,
      String.raw`$$D_{JS}(p, q) \le \log 2$$`,
      String.raw`$\frac{1}{2}\mathrm{KL}\left(p \,\middle\|\, \frac{p+q}{2}\right) + \frac{1}{2}\mathrm{KL}\left(q \,\middle\|\, \frac{p+q}{2}\right)$`,
      'JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M)',
    ]);
    expectKind('jsd', [
      // A docstring in plain text: the two KLs to m, and m defined as the average after them.
      '```none\n  D(P, Q) = KL[P, M] + KL[Q, M]\n  M(x) = (P(x) + Q(x)) / 2\n```',
      String.raw`$\tfrac12 \int p \log \frac{2p}{p+q}\,dx + \tfrac12 \int q \log \frac{2q}{p+q}\,dx$`,
      // The entropy form: the mixture's entropy minus the components' average entropy.
      String.raw`$H\left(\frac{A+B}{2}\right) - \frac{1}{2}\left(H(A) + H(B)\right)$`,
      String.raw`$H(\tfrac12 (p+q)) - \tfrac12 H(p) - \tfrac12 H(q)$`,
    ]);
    // A sum of random variables is no mixture; a mutual information has none.
    expectKind('entropy', [String.raw`$H(X + Y) - H(X) - H(Y)$`, String.raw`$H(X) - H(X \mid Y)$`]);
    expectKind('none', [String.raw`$f\left(\mathbb{E}[X]\right) \le \mathbb{E}[f(X)]$`]);
    // The logs of a sigmoid and its complement share a denominator as the JSD's ratios do, but are no mixture.
    expectKind('none', [String.raw`$\log \frac{1}{1+e^{-a}} + \log \frac{e^{-a}}{1+e^{-a}}$`]);
    expectRoles(String.raw`$\mathrm{JSD}(P \| Q)$`, { first: 'P', second: 'Q' });
  });
});
