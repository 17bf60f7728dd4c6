/**
 * Rules added in round 5 (helper R10) from the math of the mle/kl/bayes families. Formulas are written here in
 * notations of our own, with the near-misses that must stay apart.
 */
import { expectKind } from './cases';

describe('recognize: EM M-step over the soft count N_k (Bishop notation)', () => {
  expectKind('mle', [
    String.raw`\mu_c^{\text{new}} = \frac{1}{N_c} \sum_{i=1}^{n} r_{ic} \, \mathbf{x}_i`,
    String.raw`\Sigma_j^{(t+1)} = \frac{1}{N_j} \sum_{n} \gamma_{nj} (x_n - \mu_j)(x_n - \mu_j)^\top`,
    String.raw`\pi_c^{(s+1)} = \frac{N_c}{N}`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // k-means' centroid (a hard assignment, no weight), a sample mean, a mixing weight with no next iterate.
      String.raw`\mu_k^{new} = \frac{1}{N_k} \sum_{x_n \in C_k} x_n`,
      String.raw`\bar{x}^{new} = \frac{1}{N} \sum_{n} x_n`,
      String.raw`\pi_k = \frac{N_k}{N}`,
    ]);
  });
});

describe('recognize: minus the log of q averaged under a plain p is a cross-entropy', () => {
  expectKind('entropy', [
    String.raw`\mathbb{E}_{y \sim p}\left[-\ln q(y)\right]`,
    String.raw`\mathbb{E}_{P(a, b)}\big[ -\log Q_{\phi}(a \mid b) \big]`,
  ]);
  describe('near misses', () => {
    // Averaged over the data (a data mark on p, or the data set itself), the same shape is a negative log-likelihood.
    expectKind('mle', [
      String.raw`\mathbb{E}_{x \sim p_{\mathrm{data}}}\left[-\log q_\theta(x)\right]`,
      String.raw`\mathbb{E}_{(x, y) \sim \mathcal{D}}\left[-\log q_{w}(y \mid x)\right]`,
    ]);
  });
});

describe('recognize: a likelihood with its parameter after a semicolon, multiplied over the sample', () => {
  expectKind('mle', [
    String.raw`p(\mathbf{X}; \boldsymbol\theta) = \prod_{n=1}^{N} p(\mathbf{x}_n; \boldsymbol\theta)`,
    String.raw`P(\mathcal{D}; w) = \prod_{j=1}^{m} P(y_j \mid x_j; w)`,
  ]);
  describe('near misses', () => {
    // One indexed draw's categorical pmf (a product over categories), and a density's closed form.
    expectKind('none', [
      String.raw`p(\mathbf{s}_j; \boldsymbol\rho) = \prod_{c=1}^{C} \rho_c^{s_{jc}}`,
      String.raw`p(\mathbf{v}; \boldsymbol\Lambda) = (2\pi)^{-d/2} |\boldsymbol\Lambda|^{1/2} \exp\left(-\tfrac12 \mathbf{v}^\top \boldsymbol\Lambda \mathbf{v}\right)`,
    ]);
  });
});

describe('recognize: a responsibility proportional to likelihood times prior is Bayes', () => {
  expectKind('bayes', [
    String.raw`\gamma_{ik} \propto p(\mathbf{x}_i \mid c_i = k, \{\mu_k\}_{k=1}^{K}) \, p(c_i = k)`,
    String.raw`w_{j} \propto P(\text{obs} \mid h_j) \, P(h_j)`,
  ]);
  describe('near misses', () => {
    // Equal, not proportional: the joint by the chain rule; a ratio of two densities is an importance weight.
    expectKind('none', [
      String.raw`a_{nk} = p(x_n \mid s_n = k) \, p(s_n = k)`,
      String.raw`w_i \propto p(x_i) / q(x_i)`,
    ]);
  });
});

describe('recognize: a regression likelihood given the inputs still pairs with the prior of the weights', () => {
  expectKind('marginal', [String.raw`Z = \int p(\mathbf{t} \mid \mathbf{X}, \boldsymbol\beta)\, p(\boldsymbol\beta)\, \mathrm{d}\boldsymbol\beta`]);
  expectKind('bayes', [String.raw`p(\mathbf{w} \mid \mathcal{D}) = \frac{p(\mathbf{y} \mid \mathbf{X}, \mathbf{w})\, p(\mathbf{w})}{p(\mathbf{y} \mid \mathbf{X})}`]);
  describe('near misses', () => {
    // The joint of targets and weights factored by the chain rule is no posterior and integrates nothing.
    expectKind('none', [String.raw`p(\mathbf{y}, \boldsymbol\beta \mid \mathbf{X}) = p(\mathbf{y} \mid \mathbf{X}, \boldsymbol\beta)\, p(\boldsymbol\beta)`]);
  });
});

describe('recognize: a data set given only Greek parameters, multiplied over its points, is the likelihood', () => {
  expectKind('mle', [
    String.raw`p(\mathbf{Y} \mid \boldsymbol\phi, \boldsymbol\nu, \boldsymbol\Lambda) = \prod_{i=1}^{m} \sum_{c=1}^{C} \phi_c \, \mathcal{N}(y_i \mid \nu_c, \Lambda_c^{-1})`,
    String.raw`p(\mathbf{t} \mid \eta, \tau) = \prod_{j=1}^{n} \mathcal{N}(t_j \mid \eta, \tau^{-1})`,
  ]);
  describe('near misses', () => {
    // A product over independent coordinates of one point (no indexed data point inside), a Dirichlet prior's kernel.
    expectKind('none', [
      String.raw`p(\mathbf{v} \mid \eta, \tau) = \prod_{d=1}^{D} \exp(-\tau (v - \eta)^2)`,
      String.raw`p(\boldsymbol\phi \mid \alpha) \propto \prod_{c=1}^{C} \phi_c^{\alpha - 1}`,
    ]);
  });
});

describe('recognize: the log of a likelihood written in parentheses of its own', () => {
  expectKind('mle', [String.raw`\ln\left( p(\mathbf{Y} \mid \eta, \tau) \right) = \sum_{j=1}^{m} \ln \mathcal{N}(y_j \mid \eta, \tau^{-1})`]);
  describe('near misses', () => {
    // One point's log density in closed form, no sum over a sample.
    expectKind('none', [String.raw`\ln\left( p(y \mid \eta, \tau) \right) = \tfrac12 \ln \tau - \tfrac{\tau}{2} (y - \eta)^2 + c`]);
  });
});

describe('recognize: a divergence alone on the right is a KL whatever the left is called', () => {
  expectKind('kl', [String.raw`J(\phi) = \min_{\phi} \mathrm{KL}\left(q_{\phi}(z) \,\|\, p(z \mid x)\right)`, String.raw`\mathcal{L}(w) = D_{\mathrm{KL}}(p^{*} \Vert p_{w})`]);
  describe('near misses', () => {
    // A log-likelihood summed over the sample on the right stays maximum likelihood.
    expectKind('mle', [String.raw`\mathcal{L}(w) = \sum_{i=1}^{n} \log p_{w}(y_i)`]);
  });
});

describe('recognize: the M-step written as the estimate (a hat) with weights indexed by point and component', () => {
  expectKind('mle', [String.raw`\hat{\sigma}_c^2 = \frac{\sum_{j} w_{x_j}(c) (x_j - \mu_c)^2}{\sum_{j} w_{x_j}(c)}`]);
  describe('near misses', () => {
    // A hat on a plain sample mean, or a k-means centroid over a hard cluster, weighs nothing by component.
    expectKind('none', [String.raw`\hat{\mu}_c = \frac{1}{|S_c|} \sum_{j \in S_c} x_j`, String.raw`\hat{\sigma}^2 = \frac{1}{m} \sum_{j} (x_j - \bar{x})^2`]);
  });
});
