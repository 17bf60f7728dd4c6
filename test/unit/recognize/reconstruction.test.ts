import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/recognize';
import { expectKind, expectRoles } from './cases';

describe('recognize: reconstruction loss', () => {
  expectKind('reconstruction', [
    String.raw`$\mathcal{L}_{\text{rec}} = \frac{1}{N}\sum_{i=1}^N \|x_i - d(e(x_i))\|_2^2$`,
    String.raw`$$\| \mathbf{x} - \hat{\mathbf{x}} \|^2$$`,
    String.raw`$\ell(x, \mathrm{dec}(\mathrm{enc}(x)))$`.replace(String.raw`\mathrm{dec}(\mathrm{enc}(x))`, 'g_\\theta(f_\\phi(x))'),
    String.raw`$-\log p_\theta(x \mid z = f_\phi(x))$`,
  ]);
  describe('Unicode text', () => {
    expectKind('reconstruction', ['L = ‖x − g(f(x))‖²']);
  });
  describe('near misses', () => {
    expectKind('none', [String.raw`$\hat x = g(f(x))$`, String.raw`$\|w\|_2^2$`, String.raw`$L = \sum_i (y_i - \hat y_i)^2$`]);
  });
  describe('roles', () => {
    expectRoles(String.raw`$\|x - g(f(x))\|^2$`, { encoder: 'f', decoder: 'g', data: 'x' });
  });
});

describe('recognize: reconstruction losses in more notations (issue 10)', () => {
  expectKind('reconstruction', [
    // A marked copy of the input, squared or in a norm.
    String.raw`$(x - \tilde{x})^2$`,
    // The data against the decoder's mean for a code.
    String.raw`$\|X - \mu_{X|z}\|^2$`,
    String.raw`$\frac{1}{L}\sum_l \|x - f_\theta(z)\|^2$`,
    // Perceptual losses: one feature map of the input and of its reconstruction.
    String.raw`$\|\psi(x) - \psi(\hat x)\|_1$`,
    String.raw`$\| F(\mathbf{x}) - F(\mathrm{Dec}(\mathbf{h})) \|_2$`,
    // A loss named for what it measures.
    String.raw`$\mathcal{L}_{\mathrm{recon}} = \mathbb{E}_{x}\left[\|y - G(x)\|_1\right]$`,
    // A diffusion's last reverse step is its decoder.
    String.raw`$L_0 = -\mathbb{E}_{q}\left[\log p_\theta(\mathbf{y}_0 \mid \mathbf{y}_1)\right]$`,
  ]);
  expectKind('none', [
    // A deviation from the mean, a prediction error, a Gaussian kernel, the noise of a denoising score matcher.
    String.raw`$\sum_i (x_i - \bar x)^2$`,
    String.raw`$(y - \hat y)^2$`,
    String.raw`$\exp\left(-\frac{\|x - \mu(z)\|^2}{2}\right)$`,
    String.raw`$\frac{\|\tilde x - x\|^2}{\sigma^4}$`,
    // A loss named for something else.
    String.raw`$\mathcal{L}_{\mathrm{adv}} = \|u - v\|^2$`,
    // Distances between two points and a Lipschitz bound.
    String.raw`$d(x, \tilde x) = \|x - \tilde x\|_2$`,
    String.raw`$|f(x) - f(x')| \le K \|x - x'\|$`,
    String.raw`$\|x - x'\|^2$`,
  ]);
});

describe('recognize: a loss of the input and its reconstruction (batch G)', () => {
  expectKind('reconstruction', [
    // A loss named as a function of x and its reconstruction, the norm of any order (α is the order, not a schedule).
    String.raw`$\ell(\mathbf{x}, \tilde{\mathbf{x}}) = \|\tilde{\mathbf{x}} - \mathbf{x}\|_1$`,
    String.raw`$L(x, \tilde x) \propto \left\lVert x - \tilde x \right\rVert_{p}$`,
    String.raw`$J(X,\tilde{X})=\frac{1}{m}\lVert X-\tilde{X}\rVert_{\alpha}^{\alpha}$`,
    // The round trip written as a composition.
    String.raw`$\min_{\phi,\psi} \mathcal{L}\big(x, (\psi \circ \phi)(x)\big)$`,
  ]);
  expectKind('none', [
    // A distance or a kernel of two points, and a composition applied to another variable.
    String.raw`$k(x, \tilde x) = \|x - \tilde x\|^2$`,
    String.raw`$\mathcal{L}(y, (f \circ g)(x))$`,
  ]);
});

describe('recognize: the reconstruction term under a measure named by its letter alone (batch G)', () => {
  expectKind('reconstruction', [String.raw`$\mathbb{E}_{Q}\big[\log P_{\theta}(X \mid h)\big]$`, String.raw`$\mathbb{E}_{q}\left[\log p(\mathbf{x}|\mathbf{z})\right]$`]);
  // The prior term, and a log of a parameter given data (a posterior), are not the decoder's (what else they are
  // is another kind's business).
  for (const latex of [String.raw`$\mathbb{E}_{Q}[\log p(z)]$`, String.raw`$\mathbb{E}_{q}[\log p(\theta \mid x)]$`]) {
    it(`does not read ${latex} as a reconstruction`, () => assert.notEqual(classify(latex).kind, 'reconstruction'));
  }
});

describe('recognize: binary cross-entropy of the input against its reconstruction', () => {
  expectKind('reconstruction', [
    String.raw`$-\frac{1}{D}\sum_{d=1}^{D} \left[x_d \log \hat x_d + (1 - x_d)\log(1 - \hat x_d)\right]$`,
    String.raw`$\mathcal{L}_{BCE} = -\sum_j \big(X_j \ln \tilde{X}_j + (1 - X_j)\ln(1 - \tilde{X}_j)\big)$`,
  ]);
  // A label against a prediction is a classifier's cross-entropy, densities in the logs an entropy.
  for (const latex of [String.raw`$-\sum_i \left[y_i \log \hat y_i + (1-y_i)\log(1-\hat y_i)\right]$`, String.raw`$-\sum_x p(x) \log \hat p(x)$`]) {
    it(`does not read ${latex} as a reconstruction`, () => assert.notEqual(classify(latex).kind, 'reconstruction'));
  }
});

describe('recognize: PCA as a linear autoencoder, the data against its projection', () => {
  expectKind('reconstruction', [
    String.raw`$\min_{U^\top U = I} \lVert X - X U U^{\top} \rVert_F^2$`,
    String.raw`$J(V) = \|\mathbf{X} - \mathbf{X} V^{T} V\|^2$`,
  ]);
  expectKind('none', [
    // A regression residual, and two different matrices after the data.
    String.raw`$\|y - X\beta\|_2^2$`,
    String.raw`$\|X - X A B\|_F^2$`,
  ]);
});
