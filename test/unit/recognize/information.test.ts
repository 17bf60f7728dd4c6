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
  describe('Jensen-Shannon', () => {
    expectKind('jsd', [
      String.raw`$\mathrm{JSD}(P \| Q) = \tfrac12 D_{KL}(P \| M) + \tfrac12 D_{KL}(Q \| M)$`,
      String.raw`$$D_{JS}(p, q) \le \log 2$$`,
      String.raw`$\frac{1}{2}\mathrm{KL}\left(p \,\middle\|\, \frac{p+q}{2}\right) + \frac{1}{2}\mathrm{KL}\left(q \,\middle\|\, \frac{p+q}{2}\right)$`,
      'JSD(P‖Q) = ½ KL(P‖M) + ½ KL(Q‖M)',
    ]);
    expectKind('none', [String.raw`$f\left(\mathbb{E}[X]\right) \le \mathbb{E}[f(X)]$`]);
    expectRoles(String.raw`$\mathrm{JSD}(P \| Q)$`, { first: 'P', second: 'Q' });
  });
});
