import * as assert from 'node:assert/strict';
import { classify, normalizeFormula } from '../../../src/core/recognize';
import { expectKind } from './cases';

// Round 3 (issue 10): notations every score-based or continuous-time author uses, not one document's strings.
describe('recognize: a state written as a function of time, x(t)', () => {
  it('reads x(t), \\mathbf{x}(0), x(t+\\Delta t) as the indexed state and leaves functions of time alone', () => {
    assert.equal(normalizeFormula(String.raw`p(\mathbf{x}(t) | \mathbf{x}(0))`), String.raw`p(\mathbf{x}_{t} | \mathbf{x}_{0})`);
    assert.equal(normalizeFormula(String.raw`y(t + \Delta t)`), String.raw`y_{t + \Delta t}`);
    // g(t), \beta(t), \exp(t), f(x): a schedule, a function or an argument, not a state.
    assert.equal(normalizeFormula(String.raw`g(t) \beta(t) \exp(t) f(x)`), String.raw`g(t) \beta(t) \exp(t) f(x)`);
  });
  expectKind('diffusion', [
    // The VP-SDE's perturbation kernel and a VE kernel, in the process notation.
    String.raw`$p_{0t}(\mathbf{z}(t) \mid \mathbf{z}(0)) = \mathcal{N}\big(\mathbf{z}(t); \mathbf{z}(0)\, e^{-\frac12 \int_0^t \beta(s) ds}, (1 - e^{-\int_0^t \beta(s) ds}) \mathbf{I}\big)$`,
    String.raw`$q(x(t) \mid x(0)) = \mathcal{N}(x(t); x(0), \sigma_t^2 I)$`,
    // Pasted Unicode and code comments write the process the same way.
    'y(t) = y(0) + σ(t) ε',
    'x(t) = x(0) + sigma(t) * eps',
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // An AR(1) process and a linear time-invariant system written with (t).
      String.raw`$x(t) = \phi\, x(t-1) + \xi(t)$`,
      String.raw`$\dot{y}(t) = A\, y(t) + B\, u(t)$`,
      // A Kalman or AR(1) transition density: Gaussian at a time step, but no noise schedule.
      String.raw`$p(\mathbf{s}_t \mid \mathbf{s}_{t-1}) = \mathcal{N}(\mathbf{s}_t; F \mathbf{s}_{t-1}, Q)$`,
      String.raw`$p(y(t) \mid y(t-1)) = \mathcal{N}(y(t); \rho\, y(t-1), \sigma^2)$`,
    ]);
  });
});

describe('recognize: an equation followed by a side condition', () => {
  expectKind('diffusion', [
    String.raw`$\mathbf{x}_{k} = \sqrt{1-\beta_{k}}\,\mathbf{x}_{k-1} + \sqrt{\beta_{k}}\,\boldsymbol{\epsilon}, \quad 0 < \beta_1 < \dots < \beta_K < 1$`,
    String.raw`$x_t = \sqrt{\alpha_t}\, x_{t-1} + \sqrt{1-\alpha_t}\, z,\ \text{with } 0 < \alpha_t \leq 1$`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // An AR(1) recursion with its stationarity condition: no schedule under a root.
      String.raw`$x_t = \phi\, x_{t-1} + \epsilon_t, \quad |\phi| < 1$`,
    ]);
  });
});

describe('recognize: samples and networks indexed by the noise level σ', () => {
  expectKind('diffusion', [
    String.raw`$\mathbf{y}_\sigma = \mathbf{y} + \sigma\, \mathbf{z}$`,
    String.raw`$D_\theta(\mathbf{x}_\sigma, \sigma) = c_{\text{skip}}(\sigma)\,\mathbf{x}_\sigma + c_{\text{out}}(\sigma)\, F_\theta(\mathbf{x}_\sigma, \sigma)$`,
    String.raw`$\mathcal{L}(\theta) = \mathbb{E}_{p(\mathbf{x}_\sigma)} \big\| \mathbf{s}_\theta(\mathbf{x}_\sigma, \sigma) - \nabla_{\mathbf{x}_\sigma} \log p(\mathbf{x}_\sigma) \big\|^2$`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // The VAE's reparameterisation: σ scales noise, but nothing is indexed by it.
      String.raw`$\mathbf{z} = \boldsymbol{\mu}_\phi(\mathbf{x}) + \boldsymbol{\sigma}_\phi(\mathbf{x}) \odot \boldsymbol{\epsilon}$`,
      String.raw`$\tilde{x} = x + \sigma \epsilon$`,
      // A network of an item and its index is no noise-conditional network.
      String.raw`$h_\theta(x_i, i) = W x_i + b_i$`,
    ]);
  });
});

describe('recognize: the deterministic DDIM step', () => {
  expectKind('diffusion', [
    String.raw`$\mathbf{x}_{s} = \sqrt{\alpha_{s}}\,\mathbf{x}_0 + \sqrt{1-\alpha_{s}}\;\frac{\mathbf{x}_t - \sqrt{\alpha_t}\,\mathbf{x}_0}{\sqrt{1-\alpha_t}}$`,
    String.raw`$x_{t-1} = \sqrt{\bar\alpha_{t-1}}\, g_\theta(x_t) + \sqrt{1-\bar\alpha_{t-1}}\, \frac{x_t - \sqrt{\bar\alpha_t}\, g_\theta(x_t)}{\sqrt{1-\bar\alpha_t}}$`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // Weights with no schedule at a step: an AR process pulled to its start, a time-varying linear system.
      String.raw`$x_t = \sqrt{\rho}\, x_{t-1} + (1-\rho)\, x_0$`,
      String.raw`$x_{t} = A_t\, x_{t-1} + B_t\, x_0$`,
    ]);
  });
});

describe('recognize: one player\'s side of the GAN game', () => {
  expectKind('minimax', [
    String.raw`$\max_D V(G, D)$`,
    String.raw`$C(G) = \sup_{D} U(p_g, D)$`,
    String.raw`$\min_G \; W(G, D^*)$`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // Plain optimization over another variable, and a probability of data D.
      String.raw`$\max_y F(x, y)$`,
      String.raw`$\max_D P(D, H)$`,
      String.raw`$\min_w R(w, \lambda)$`,
    ]);
  });
});

describe('recognize: a network differentiated in its input is a flow\'s change of variables', () => {
  expectKind('none', [
    // Hutchinson's trace estimate and the divergence of a time-dependent vector field.
    String.raw`$\nabla \cdot v_\theta(\mathbf{y}, t) = \mathbb{E}_{\mathbf{u} \sim \mathcal{N}(0, I)}[\mathbf{u}^\top \nabla v_\theta(\mathbf{y}, t)\, \mathbf{u}]$`,
    String.raw`$\operatorname{Tr}\left(\frac{\partial h_\theta(z_t, t)}{\partial z_t}\right)$`,
  ]);
  // The network itself, not differentiated, is still the noise predictor.
  expectKind('diffusion', [String.raw`$\mathbb{E}_{t, \mathbf{y}_0, \mathbf{u}} \| \mathbf{u} - \epsilon_\theta(\mathbf{y}_t, t) \|^2$`]);
});

describe('recognize: Newton-type steps in the curvature at the iterate', () => {
  expectKind('gradient_step', [
    // Fisher scoring (information and score) and Newton with a Hessian, in several letters.
    String.raw`$\boldsymbol\beta^{(r+1)} = \boldsymbol\beta^{(r)} + \mathcal{I}(\boldsymbol\beta^{(r)})^{-1}\, S(\boldsymbol\beta^{(r)})$`,
    String.raw`$w_{k+1} = w_k - [H(w_k)]^{-1} g(w_k)$`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // A fixed inverse (an iterative refinement of a linear solve) and an Euler step of an ODE.
      String.raw`$u_{k+1} = u_k + M^{-1}(b - A u_k)$`,
      String.raw`$y_{n+1} = y_n + h\, f(t_n, y_n)$`,
    ]);
  });
});

describe('recognize: minus the average log of the variational density, its measure left out', () => {
  expectKind('entropy', [
    String.raw`$-\mathbb{E}\left[\log q_\lambda(\mathbf{w})\right]$`,
    String.raw`$- \mathbb{E}_{k}[\log q^{(k)}(\theta)]$`,
  ]);
  describe('near misses', () => {
    expectKind('mle', [
      // The model's density, p, averaged: a negative log-likelihood.
      String.raw`$-\mathbb{E}[\log p_\theta(\mathbf{y})]$`,
    ]);
    // Averaged over the variable itself, drawn from an unnamed distribution (the data, perhaps): not q's entropy.
    it('leaves -E_x[log q(x)] to the other rules', () => {
      assert.notEqual(classify(String.raw`$-\mathbb{E}_{v}[\log q(v)]$`).kind, 'entropy');
    });
  });
});

describe('recognize: score-based notation without a discrete chain', () => {
  expectKind('diffusion', [
    // The perturbation kernel from the unindexed clean sample, and the VP-SDE's drift.
    String.raw`$p_{0t}(\mathbf{u}_t \mid \mathbf{u}) = \mathcal{N}(\mathbf{u}_t;\ \alpha(t)\, \mathbf{u},\ \sigma(t)^2 \mathbf{I})$`,
    String.raw`$\mathbf{f}(\mathbf{u}, t) = -\tfrac{1}{2}\beta(t)\, \mathbf{u}$`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // A measurement model and a linear ODE's decay: no schedule of t.
      String.raw`$p(\mathbf{y}_t \mid \mathbf{y}) = \mathcal{N}(\mathbf{y}_t; H \mathbf{y}, R)$`,
      String.raw`$f(u_t, t) = -k\, u_t$`,
    ]);
  });
});

describe('recognize: small notation gaps in GAN terms and momentum steps', () => {
  // The discriminator's log-score with its argument in parentheses, typed with or without a backslash.
  expectKind('minimax', [String.raw`$\log(D(\mathbf{x}))$`, String.raw`$-\log[D(x)]$`]);
  // The momentum buffer m applied with the iteration's index.
  expectKind('gradient_step', [String.raw`$\theta^{(k+1)} = \theta^{(k)} + m^{(k+1)}$`]);
  describe('near misses', () => {
    expectKind('none', [
      // A discriminator of two arguments is no lone real-data term, and a bare offset m is no momentum.
      String.raw`$\log(D(x, y))$`,
      String.raw`$x_{t+1} = x_t + m$`,
    ]);
  });
});

describe('recognize: VDM notation, the v target and a draw around the clean sample', () => {
  expectKind('diffusion', [
    String.raw`$\mathbf{v}_t = \alpha_t \boldsymbol{\epsilon} - \sigma_t \mathbf{x}$`,
    String.raw`$\tilde{\mathbf{y}}_\sigma \sim \mathcal{N}(\tilde{\mathbf{y}}, \sigma^2 \mathbf{I})$`,
    String.raw`$u_t \sim \mathcal{N}(u, \sigma_t^2 I)$`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // Items drawn around a mean, and a draw whose variance has nothing of the index.
      String.raw`$y_i \sim \mathcal{N}(y, \sigma^2)$`,
      String.raw`$w_t \sim \mathcal{N}(w, \tau^2)$`,
    ]);
  });
});

describe('recognize: one network written through another with the noise level', () => {
  expectKind('diffusion', [String.raw`$\boldsymbol\epsilon_\theta(\mathbf{y}, \sigma) = -\sigma\, \mathbf{s}_\theta(\mathbf{y}, \sigma)$`]);
  // Classifier-free guidance mixes the outputs with a plain weight: notation about the network.
  expectKind('none', [String.raw`$\tilde\epsilon_\theta(z_t, c) = (1+w)\,\epsilon_\theta(z_t, c) - w\, \epsilon_\theta(z_t)$`]);
});

describe("recognize: Tweedie's formula at a noise level", () => {
  expectKind('diffusion', [String.raw`$\nabla_{\mathbf{u}} \log p_{\sigma}(\mathbf{u}) = \frac{D_\theta(\mathbf{u}; \sigma) - \mathbf{u}}{\sigma^2}$`]);
  // The score of a plain Gaussian, and of the perturbation kernel itself, are a Gaussian's gradient.
  expectKind('none', [
    String.raw`$\nabla_u \log \mathcal{N}(u; m, \sigma^2) = -\frac{u - m}{\sigma^2}$`,
    String.raw`$\nabla_{\tilde{u}} \log q_\sigma(\tilde{u} \mid u) = \frac{u - \tilde{u}}{\sigma^2}$`,
  ]);
});
