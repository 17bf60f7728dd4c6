/**
 * Round 4 (R8): formulas held in a React/MDX component's math attribute, the likelihood written `L(\mu | x)` of a
 * distribution's parameters given the data, and an optimization over exactly the letters a likelihood takes.
 */
import * as assert from 'node:assert/strict';
import { classify, normalizeFormula, stripDelimiters } from '../../../src/core/recognize';
import { expectKind } from './cases';

describe('recognize: round 4 (R8)', () => {
  describe('component math attributes', () => {
    it('reads the math attribute of a JSX component as the formula', () => {
      assert.equal(normalizeFormula('<Math displayMode={true} math="a^2 + b^2" />'), 'a^2 + b^2');
      assert.equal(normalizeFormula("<InlineMath math='x_i > 0'/>"), 'x_i > 0');
      // A JavaScript string doubles its backslashes; the formula has single ones.
      assert.equal(normalizeFormula('<BlockMath math={"\\\\frac{1}{2}"} />'), '\\frac{1}{2}');
      assert.equal(normalizeFormula('<BlockMath math={`\\\\alpha`} />'), '\\alpha');
    });
    it('leaves an HTML tag or a comparison alone', () => {
      assert.equal(stripDelimiters('<span>x</span>'), '<span>x</span>');
      assert.equal(stripDelimiters('<Point x="1" />'), '<Point x="1" />');
    });
    expectKind('kl', [
      String.raw`<Math math="D_{\mathrm{KL}}(P \| Q) = \sum_x P(x) \log \frac{P(x)}{Q(x)}" />`,
      String.raw`<InlineMath math={"\\mathrm{KL}(q \\| p)"} />`,
    ]);
    expectKind('mle', [String.raw`<BlockMath math={"\\hat\\theta = \\arg\\max_\\theta \\sum_{i} \\log p(x_i \\mid \\theta)"} />`]);
    expectKind('none', [String.raw`<Math math="\sum_{k=1}^K \pi_k = 1" />`]);
  });

  describe('a likelihood of Greek parameters given the data', () => {
    expectKind('mle', [
      String.raw`$G^2 = -2 \log L(\mu \mid y) + 2 \log L(y \mid y)$`,
      String.raw`$L(\lambda \mid x_1, \dots, x_n) = \prod_{i=1}^n \frac{\lambda^{x_i} e^{-\lambda}}{x_i!}$`,
      String.raw`$\hat p = \operatorname{argmax}_p L(p \mid k)$`,
    ]);
    // A Greek letter after the bar is one parameter conditioned on another, not data.
    expectKind('none', [String.raw`$L(\mu \mid \sigma) = 3$`]);
  });

  describe('an optimization over the likelihood function\'s own letters', () => {
    expectKind('mle', [
      String.raw`$\hat\mu = \arg\max_{\mu} L(\mu)$`,
      String.raw`$(\hat\mu, \hat\sigma) = \max_{\mu, \sigma} \ell(\mu, \sigma)$`,
    ]);
    expectKind('none', [
      // A policy maximized without any likelihood, a nearest centre, a class decision.
      String.raw`$\max_\pi \mathbb{E}_{\tau \sim \pi}[R(\tau)]$`,
      String.raw`$\min_\mu \|x - \mu\|^2$`,
      String.raw`$\hat y = \arg\max_{k} P(y = k \mid x)$`,
    ]);
  });

  describe('a posterior of a parameter proportional to a function of it', () => {
    expectKind('bayes', [
      String.raw`$\pi(\lambda \mid x_{1:n}) \propto \lambda^{a + \sum_i x_i - 1} e^{-(b + n)\lambda}$`,
      String.raw`$p(\beta \mid \mathcal{D}) \propto \exp\left(-\tfrac{1}{2\sigma^2}\|y - X\beta\|^2 - \tfrac{\lambda}{2}\|\beta\|^2\right)$`,
    ]);
    expectKind('none', [
      // A model given the parameter, an encoder of a latent code, a flat posterior with nothing of the parameter.
      String.raw`$p(x \mid \theta) \propto \theta^{x}$`,
      String.raw`$q(z \mid x) \propto \exp(-\|z - \mu\|^2)$`,
      String.raw`$p(\theta \mid D) \propto 1$`,
    ]);
  });

  describe('plain TeX integral signs', () => {
    expectKind('marginal', [String.raw`$p(x) = \intop p(x \mid z)\, p(z)\, dz$`, String.raw`$p(y) = \smallint p(y, \theta)\, d\theta$`]);
  });

  describe("the KL's integrand at one point said to tend to a number", () => {
    expectKind('none', [
      String.raw`$q(y) \log \frac{q(y)}{p(y)} \rightarrow +\infty$`,
      String.raw`$p(t)\ln\left(\frac{p(t)}{r(t)}\right) \approx 0$`,
    ]);
    // Summed, integrated or named, the divergence itself tends to the number.
    expectKind('kl', [
      String.raw`$\int p(t) \ln \frac{p(t)}{r(t)}\, dt \to 0$`,
      String.raw`$\mathrm{KL}(p \| r) \to 0$`,
      String.raw`$\sum_y q(y) \log \frac{q(y)}{p(y)} \ge 0$`,
    ]);
  });

  describe('a mixture of each data point, and a mixture of an event', () => {
    expectKind('marginal', [
      String.raw`$p(y_1, \dots, y_m) = \prod_{j=1}^m \sum_{c=1}^C w_c\, \mathcal{N}(y_j \mid m_c, s_c^2)$`,
      String.raw`$\Pr(Y = y) = \sum_{c} \alpha_c\, p(y \mid \theta_c)$`,
    ]);
    // A product of one density over the data (no mixing sum) and a product of sums of numbers are not mixtures.
    expectKind('none', [String.raw`$p(y) = \prod_{j} \sum_{c} a_{jc}$`]);
  });

  describe('a log posterior given the data set, with targets given inputs as the likelihood', () => {
    expectKind('bayes', [String.raw`$\log p(\boldsymbol\beta \mid \mathcal{D}) = \log p(\mathbf{t} \mid \Phi, \boldsymbol\beta) + \log p(\boldsymbol\beta) + \text{const}$`]);
    it("is no Bayes' rule without the parameter's prior", () => {
      assert.notEqual(classify(String.raw`$\log p(\theta \mid \mathcal{D}) = \log p(t \mid X, \theta) + \log q(t)$`).kind, 'bayes');
    });
  });

  describe('the KL between two Bernoullis written out', () => {
    expectKind('kl', [
      String.raw`$\sum_{j=1}^{h} \rho \log \frac{\rho}{\hat\rho_j} + (1 - \rho) \log \frac{1 - \rho}{1 - \hat\rho_j}$`,
      String.raw`$a \cdot \ln\frac{a}{b} + (1-a) \cdot \ln\frac{1-a}{1-b}$`,
    ]);
    it('is not a binary cross-entropy, nor a mismatched pair of ratios', () => {
      assert.notEqual(classify(String.raw`$-\sum_i t_i \log o_i + (1 - t_i) \log (1 - o_i)$`).kind, 'kl');
      assert.notEqual(classify(String.raw`$a \log \frac{a}{b} + (1 - a) \log \frac{1 - b}{1 - a}$`).kind, 'kl');
    });
  });
});

