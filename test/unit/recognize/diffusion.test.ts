import * as assert from 'node:assert/strict';
import { classify } from '../../../src/core/recognize';
import { expectKind, expectRoles } from './cases';

describe('recognize: diffusion', () => {
  expectKind('diffusion', [
    String.raw`$q(\mathbf{x}_t \mid \mathbf{x}_{t-1}) := \mathcal{N}(\mathbf{x}_t; \sqrt{1-\beta_t}\,\mathbf{x}_{t-1}, \beta_t \mathbf{I})$`,
    String.raw`$$q(x_t \vert x_0) = \mathcal{N}\left(x_t; \sqrt{\bar{\alpha}_t} x_0, (1 - \bar{\alpha}_t)\mathbf{I}\right)$$`,
    String.raw`$p_\theta(\mathbf{x}_{t-1} | \mathbf{x}_t) = \mathcal{N}(\mathbf{x}_{t-1}; \boldsymbol{\mu}_\theta(\mathbf{x}_t, t), \boldsymbol{\Sigma}_\theta(\mathbf{x}_t, t))$`,
    String.raw`$$L_{\text{simple}} = \mathbb{E}_{t, \mathbf{x}_0, \boldsymbol{\epsilon}}\Big[\big\|\boldsymbol{\epsilon} - \boldsymbol{\epsilon}_\theta(\mathbf{x}_t, t)\big\|^2\Big]$$`,
    String.raw`$\mathbf{x}_t = \sqrt{\bar\alpha_t}\,\mathbf{x}_0 + \sqrt{1-\bar\alpha_t}\,\boldsymbol\epsilon$`,
  ]);
  describe('Unicode text', () => {
    expectKind('diffusion', ['q(xₜ∣xₜ₋₁) = 𝒩(xₜ; √(1−βₜ) xₜ₋₁, βₜI)']);
  });
  describe('near misses', () => {
    expectKind('none', [
      String.raw`$\beta_t = \beta_1 + \frac{t-1}{T-1}(\beta_T - \beta_1)$`,
      String.raw`$\bar\alpha_t = \prod_{s=1}^t (1-\beta_s)$`,
      String.raw`$q(z|x) = \mathcal{N}(z; \mu(x), \sigma^2(x) I)$`,
    ]);
  });
  describe('roles', () => {
    expectRoles(String.raw`$q(x_t|x_{t-1}) = \mathcal{N}(x_t; \sqrt{1-\beta_t} x_{t-1}, \beta_t I)$`, { time_step: 't', schedule: String.raw`\beta_t`, variant: 'forward step' });
    expectRoles(String.raw`$\mathbb{E}_{t,x_0,\epsilon}\|\epsilon - \epsilon_\theta(x_t, t)\|^2$`, { noise_predictor: String.raw`\epsilon_{\theta}`, variant: 'simplified loss' });
  });
});

describe('recognize: diffusion algebra in more notations (issue 10)', () => {
  expectKind('diffusion', [
    // A sample perturbed by a level of noise, and an SDE with no drift.
    String.raw`$\mathbf{y} + \sigma_k \boldsymbol{\xi}$`,
    String.raw`$dX = \sqrt{2t}\, dW$`,
    // The forward posterior's moments as conditional moments, and worked out in the cumulative schedule.
    String.raw`$\tilde\beta_t = \mathrm{Var}[y_{t-1} \mid y_t, y_0]$`,
    String.raw`$\mu_{A|B} = \mu_A + \Sigma_{AB}\Sigma_{BB}^{-1}(b - \mu_B) = \frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t} x_0 + c\, x_t$`,
    // A worked forward sample: the squares of the weights add to one.
    String.raw`$x_5 = 0.6\, x_0 + 0.8\, \epsilon$`,
    'x_3 = 0.8·x_0 + 0.6·ε',
    // A sample moved along the score of its own (noised) density.
    String.raw`$\tilde y + \delta \nabla_{\tilde y} \log q(\tilde y \mid y) = \tilde y + \frac{\delta}{\sigma^2}(y - \tilde y)$`,
    // SGLD's increment with its noise written as a Gaussian.
    String.raw`$\Delta w_k = \frac{\eta_k}{2}\big(g(w_k) + r(w_k)\big) + \mathcal{N}(0, \eta_k)$`,
    // Denoising score matching by name, and a loss integrated over time with colour markup.
    String.raw`$\mathbb{E}[\mathcal{L}_{\mathrm{DSM}}] = \mathbb{E}[\mathcal{L}] + C$`,
    String.raw`$\mathcal{L} = \int_0^1 \color{red}{w(t)}\, \mathbb{E}_{x_0, x_t}\left[\|\hat x_0 - x_0\|^2\right] dt$`,
    String.raw`$\int_{\epsilon}^{1} \lambda(t)\, \mathbb{E}_{\mathbf{y}_0, \mathbf{y}_t \sim q(\mathbf{y}_t | \mathbf{y}_0)} \left[(h(\mathbf{y}_t, t) - \mathbf{y}_0)^2\right] \mathrm{d}t$`,
    // A variance-exploding chain's step, annealed Langevin with a score network, the probability-flow ODE,
    // the noised marginal's score in the cumulative schedule.
    String.raw`$\mathbf{y}_{j} = \mathbf{y}_{j-1} + \sqrt{\sigma_j^2 - \sigma_{j-1}^2}\, \mathbf{z}$`,
    String.raw`$\mathbf{y}_{j+1} = \mathbf{y}_j + \delta_j\, \mathbf{s}_\theta(\mathbf{y}_j, \sigma_j) + \sqrt{2\delta_j}\, \mathbf{z}_j$`,
    String.raw`$d\mathbf{y} = -\dot\sigma(t)\,\sigma(t)\, \nabla_{\mathbf{y}} \log p(\mathbf{y}; \sigma(t))\, dt$`,
    String.raw`$\nabla_{y_t} \log q(y_t) = -\frac{\epsilon}{\sqrt{1 - \bar\alpha_t}}$`,
    // Euler-Maruyama on the reverse SDE as an algorithm block: the noise is scaled by the root of the step.
    String.raw`\begin{aligned} \Delta \mathbf{y} &\gets [\mathbf{f}(\mathbf{y}, t) - g(t)^2 \mathbf{s}_\theta(\mathbf{y}, t)] \Delta t + g(t)\sqrt{|\Delta t|}\, \mathbf{z}_t \\ \mathbf{y} &\gets \mathbf{y} + \Delta \mathbf{y} \\ t &\gets t + \Delta t \end{aligned}`,
  ]);
  expectKind('none', [
    // An AR(1) step, a worked AR step from the previous value, weights that do not preserve the variance.
    String.raw`$y_t = 0.5\, y_{t-1} + \epsilon_t$`,
    String.raw`$x_2 = 0.9\, x_1 + 0.436\, \epsilon$`,
    String.raw`$x_2 = 0.5\, x_0 + 0.5\, \epsilon$`,
    // Gaussian conditioning of linear algebra with no time step; an autoregressive factorisation.
    String.raw`$\Sigma_{A|B} = \Sigma_{AA} - \Sigma_{AB}\Sigma_{BB}^{-1}\Sigma_{BA}$`,
    String.raw`$p(\mathbf{y}) = \prod_{j=1}^{d} p(y_j \mid y_{<j})$`,
    // Gradient ascent on a parameter's log-likelihood is a gradient step's business, not a score step.
    String.raw`$\lambda + \eta \nabla_\lambda \log p(x \mid \lambda)$`,
    // A differential equation of a decaying quantity (no score, no noise) and a score of a density at no time step.
    String.raw`$dv = -k\, v\, dt$`,
    String.raw`$\nabla_x \log p(x) = -\Sigma^{-1}(x - \mu)$`,
    // A hierarchical prior's draws: its hyperparameters with index 0 are no noise schedule.
    String.raw`\begin{aligned} \pi &\sim \mathrm{Dir}(\alpha_0) \\ \mu_{k=1,\dots,K} &\sim \mathcal{N}(\mu_0, (\beta_0 \Lambda_k)^{-1}) \\ z_i &\sim \mathrm{Cat}(\pi) \end{aligned}`,
    // An integral over time of something that is no loss on the chain's samples.
    String.raw`$\int_0^T \mathbb{E}[x_0 \cdot y]\, dt$`,
    // Score matching of the data's own density.
    String.raw`$\mathcal{L}_{SM} = \mathbb{E}\left[\|s(x) - \nabla_x \log p(x)\|^2\right]$`,
  ]);
});

describe('recognize: the forward process written as a draw (batch G)', () => {
  expectKind('diffusion', [
    String.raw`$\mathbf{x}_t \sim \mathcal{N}\big(\sqrt{1-\beta_t}\,\mathbf{x}_{t-1},\ \beta_t \mathbf{I}\big)$`,
    String.raw`$z_{t} \sim \mathcal{N}(\sqrt{\bar\alpha_{t}}\, z_{0}, (1-\bar\alpha_{t}) I)$`,
    'x_t ~ N(√ᾱ_t x_0, (1 − ᾱ_t) I)',
  ]);
  expectKind('none', [
    // An AR(1) draw (plain coefficient) and a root of another constant are no noise schedule.
    String.raw`$y_t \sim \mathcal{N}(\phi\, y_{t-1}, \sigma^2)$`,
    String.raw`$u_t \sim \mathcal N(\sqrt{\rho}\, u_{t-1}, 1-\rho)$`,
    // A draw whose mean is another variable, not the same one at another step.
    String.raw`$x_t \sim \mathcal{N}(\sqrt{\alpha}\, \mu, I)$`,
  ]);
});

describe('recognize: perturbation kernels against VAE Gaussians, and ω for the Wiener process (batch G)', () => {
  expectKind('diffusion', [
    String.raw`$p_{\sigma}(\tilde{y} \mid y) = \mathcal{N}(\tilde{y}; y, \sigma^{2} I)$`,
    String.raw`$d\mathbf{y}(t) = f(\mathbf{y}(t), t)\, dt + g(t)\, d\omega(t)$`,
  ]);
  expectKind('none', [
    // A VAE's Gaussian decoder and encoder, whose means are functions of what they are conditioned on.
    String.raw`$p_{\sigma}(x \mid z) = \mathcal{N}(x \mid g_\psi(z), \sigma^{2} I)$`,
    String.raw`$Q_{\sigma}(h\mid Y)=\mathcal{N}(h;\ m_{\sigma}(Y), S_{\sigma}(Y))$`,
    // A frequency integral is no SDE.
    String.raw`$F = \int f(\omega)\, d\omega$`,
  ]);
});

describe('recognize: denoising score matching averaged over the noise kernel (batch G)', () => {
  expectKind('diffusion', [
    String.raw`$\mathbb{E}_{p(\mathbf{y})}\mathbb{E}_{q_{\sigma}(\tilde{\mathbf{y}} \mid \mathbf{y})}\Big[\big\| g_{\psi}(\tilde{\mathbf{y}}) - \frac{\mathbf{y} - \tilde{\mathbf{y}}}{\sigma^2}\big\|_2^2\Big]$`,
    String.raw`$J(\theta) = \mathbb{E}_{\tilde x \sim p_\sigma(\tilde x | x)} \| h_\theta(\tilde x) + (\tilde x - x)/\sigma^2 \|^2$`,
  ]);
  expectKind('none', [
    // A σ-indexed kernel with no squared error, and an encoder's average of a squared error.
    String.raw`$\mathbb{E}_{q_\sigma(\tilde x \mid x)}[f(\tilde x)]$`,
  ]);
  for (const latex of [String.raw`$\mathbb{E}_{q_\phi(z \mid x)} \|x - g(z)\|^2$`]) {
    it(`does not read ${latex} as diffusion`, () => assert.notEqual(classify(latex).kind, 'diffusion'));
  }
});

describe('recognize: the forward kernel written alone, and AR(1) noise with no schedule', () => {
  expectKind('diffusion', [String.raw`$\mathcal{N}\left(\mathbf{z}_t;\ \sqrt{1-\beta_t}\,\mathbf{z}_{t-1},\ \beta_t\mathbf{I}\right)$`]);
  expectKind('none', [
    // A stationary AR(1) whose innovation is scaled by a root of its own coefficient, not a noise schedule.
    String.raw`$y_t = \phi\, y_{t-1} + \sqrt{1-\phi^2}\,\epsilon_t$`,
    String.raw`$\mathcal{N}(y;\ \sqrt{\rho}\, x,\ I)$`,
  ]);
});

describe('recognize: the forward step with the random variables in capitals (Z the standard normal draw)', () => {
  expectKind('diffusion', [
    String.raw`$Y_n = \sqrt{1-\beta_n}\, Y_{n-1} + \sqrt{\beta_n}\, Z_n$`,
    String.raw`$\mathbf{X}_t = \sqrt{\bar{\alpha}_t}\,\mathbf{X}_0 + \sqrt{1 - \bar{\alpha}_t}\,\mathbf{Z}$`,
  ]);
  expectKind('none', [
    // Correlated normals built from two independent ones, and an AR(1) with its innovation Z: no chain scaled by a schedule.
    String.raw`$W = \sqrt{\rho}\, U + \sqrt{1-\rho}\, Z$`,
    String.raw`$X_n = a X_{n-1} + Z_n$`,
  ]);
});

describe('recognize: an Euler-Maruyama step (drift times h, noise times the root of h)', () => {
  expectRoles(String.raw`$y_{n+1} = y_n + a(y_n)\,\Delta t + b(y_n)\sqrt{\Delta t}\,\xi_n$`, { variant: 'sampler step' });
  expectKind('diffusion', [String.raw`$Y_{k+1} = Y_k + \kappa(\theta - Y_k)\, \delta + s \sqrt{\delta}\, Z_{k+1}$`]);
  expectKind('none', [
    // A random walk with no drift, and noise whose root holds no step the drift is multiplied by.
    String.raw`$w_{n+1} = w_n + \sqrt{\delta}\, \xi_n$`,
    String.raw`$w_{n+1} = w_n + c + d\sqrt{\delta}\, \xi_n$`,
  ]);
});

describe("recognize: Tweedie's posterior mean, the observation plus a variance times the score, with a bare nabla", () => {
  expectKind('diffusion', [
    String.raw`$\mathbb{E}[S \mid R = r] = r + s^2 \nabla \log q_R(r)$`.replace('s^2', String.raw`\sigma^2`),
    String.raw`$\hat{u} = v + \tau \nabla \log p(v)$`,
  ]);
  // Ascent on a parameter a density is conditioned on is a gradient step, not a move along a sample's own score.
  expectKind('gradient_step', [String.raw`$w \leftarrow w + \eta \nabla \log p(y \mid w)$`]);
});

describe("recognize: Tweedie's formula solved for the score", () => {
  expectKind('diffusion', [String.raw`$\nabla_{r} \log q(r) = \frac{\mathbb{E}[s \mid r] - r}{\sigma^{2}}$`]);
  expectKind('none', [
    // Fisher's identity: a conditional expectation beside a score, but no noise variance and the gradient in a parameter.
    String.raw`$\nabla_\phi \log q_\phi(r) = \mathbb{E}\left[\nabla_\phi \log q_\phi(r, s) \mid r\right]$`,
  ]);
});

describe('recognize: the Fokker-Planck equation of an SDE', () => {
  expectRoles(String.raw`$\frac{\partial q_s(y)}{\partial s} = -\nabla_y \cdot \big(\mu(y, s)\, q_s(y)\big) + \frac{\kappa^2}{2} \Delta q_s(y)$`, { variant: 'Fokker-Planck equation' });
  expectKind('none', [
    // Heat conduction with no drift's divergence of a density, and an integration by parts with no time derivative.
    String.raw`$\frac{\partial T}{\partial t} = \nabla \cdot (\kappa \nabla T)$`,
    String.raw`$\int \psi\, \nabla \cdot (b q)\, dy = -\int \nabla \psi \cdot b\, q\, dy$`,
  ]);
});

describe('recognize: the forward marginal written as a draw given step zero', () => {
  expectKind('diffusion', [String.raw`$\mathbf{z}_t \mid \mathbf{z}_0 \sim \mathcal{N}(a_t \mathbf{z}_0,\ b_t^2 \mathbf{I})$`]);
  expectKind('none', [
    // A state-space transition from the step before, and an observation given another variable's start.
    String.raw`$z_t \mid z_{t-1} \sim \mathcal{N}(F z_{t-1}, R)$`,
    String.raw`$w_t \mid z_0 \sim \mathcal{N}(m_t, v^2)$`,
  ]);
});
