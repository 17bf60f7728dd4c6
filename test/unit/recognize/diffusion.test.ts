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
