import { expectKind, expectRoles } from './cases';

describe('recognize: gradient step', () => {
  expectKind('gradient_step', [
    String.raw`$\theta \leftarrow \theta - \alpha \nabla_\theta \mathcal{L}(\theta)$`,
    String.raw`$$w_{k+1} = w_k - \eta_k \nabla f(w_k)$$`,
    String.raw`$\phi := \phi + \beta \nabla_\phi J(\phi)$`,
    String.raw`\begin{aligned} v_{t+1} &= \mu v_t - \epsilon \nabla L(\theta_t) \\ \theta_{t+1} &= \theta_t + v_{t+1} \end{aligned}`,
    String.raw`$\theta_{t} = \theta_{t-1} - \frac{\eta}{\sqrt{\hat v_t} + \epsilon} \hat m_t$`.replace(String.raw`\hat m_t`, String.raw`\nabla_\theta L(\theta_{t-1})`),
    String.raw`$\theta \gets \theta - \eta \frac{\partial L}{\partial \theta}$`,
  ]);
  describe('Unicode text', () => {
    expectKind('gradient_step', ['θ=θ−η∇L(θ)', 'w ← w − α ∇J(w)', 'θₜ₊₁ = θₜ − η ∇L(θₜ)']);
  });
  describe('near misses', () => {
    expectKind('none', [
      String.raw`$\nabla_\theta \mathcal{L}(\theta) = \sum_i \nabla_\theta \ell_i(\theta)$`,
      String.raw`$\eta_t = \frac{\eta_0}{1 + kt}$`,
      String.raw`$x_{t+1} = A x_t + B u_t$`,
    ]);
  });
  describe('roles and variants', () => {
    expectRoles(String.raw`$\theta \leftarrow \theta - \eta \nabla_\theta L(\theta)$`, { parameter: String.raw`\theta`, learning_rate: String.raw`\eta`, loss: 'L', variant: 'plain' });
    expectRoles(String.raw`\begin{aligned} v &\leftarrow \gamma v + \eta \nabla_\theta J(\theta) \\ \theta &\leftarrow \theta - v \end{aligned}`, { variant: 'momentum' });
    expectRoles(String.raw`$\theta_{t+1} = \theta_t - \frac{\eta}{\sqrt{\hat v_t} + \epsilon}\, \nabla L(\theta_t)$`, { variant: 'adam' });
    expectRoles(String.raw`$\theta_{t+1} = \theta_t + \mu v_t - \eta \nabla f(\theta_t + \mu v_t)$`, { variant: 'nesterov' });
    // A velocity update alone: the parameter is what the gradient is taken at, not the velocity.
    expectRoles(String.raw`$v_{t+1} = \mu v_t - \eta \nabla f(\theta_t)$`, { variant: 'momentum', parameter: String.raw`\theta`, velocity: 'v', momentum: String.raw`\mu`, learning_rate: String.raw`\eta`, loss: 'f' });
    expectRoles(String.raw`\begin{aligned} v_{t+1} &= \mu v_t - \epsilon \nabla L(\theta_t) \\ \theta_{t+1} &= \theta_t + v_{t+1} \end{aligned}`, { variant: 'momentum', parameter: String.raw`\theta`, velocity: 'v' });
    // Weight decay scales the parameter itself: still a plain step on w.
    expectRoles(String.raw`$w_{t+1} = \lambda w_t - \eta \nabla L(w_t)$`, { variant: 'plain', parameter: 'w' });
  });
});

describe('recognize: gradient steps in more notations (issue 10)', () => {
  expectKind('gradient_step', [
    // ε as the step size on an estimated gradient, as a pasted page writes it.
    'θ ← θ − ε ĝ',
    // Nadam's bias-corrected moment set from the plain one.
    String.raw`$\hat m_k \leftarrow \beta_2 m_k / (1 - \beta_2^{k+1}) + (1 - \beta_2) g_k / (1 - \beta_2^k)$`,
    // An accumulator written as a function of the step.
    String.raw`$r(w, k) := \rho\, r(w, k-1) + (1 - \rho)\, (\nabla_w J(w))^2$`,
    // The accumulator named on the left, in expectation notation.
    String.raw`$E[g^2]_k = \gamma E[g^2]_{k-1} + (1 - \gamma) g_k^2$`,
    // The adaptive step written on its own.
    String.raw`$\frac{\eta}{\sqrt{G_t + \epsilon}} \odot g_t$`,
    String.raw`$\frac{\alpha}{\sqrt{\hat v_t} + \delta}\, \hat m_t$`,
    // A line search step and the simultaneous updates of a two-player game.
    String.raw`$w_{k+1} = w_k + \gamma_k p_k$`,
    String.raw`$u_{t+1} = u_t - \eta\, \nabla_u f(u_t, v_t), \quad v_{t+1} = v_t + \eta\, \nabla_v f(u_t, v_t)$`,
    // Projected and proximal gradient steps.
    String.raw`$w_{t+1} = \Pi_{\mathcal{C}}\left(w_t - \eta_t \nabla \ell(w_t)\right)$`,
    String.raw`$z^{k+1} = \mathrm{prox}_{\gamma h}(z^k - \gamma \nabla f(z^k))$`,
    // A line search with the step size t and the direction Δx, the index in parentheses.
    String.raw`$y^{(k+1)} = y^{(k)} + s^{(k)} \Delta y^{(k)}$`,
    // An adaptive method over several lines, with vectors in bold.
    String.raw`\begin{aligned} \mathbf{a} &\leftarrow \gamma \mathbf{a} + (1 - \gamma)\, \mathbf{g} \odot \mathbf{g} \\ \mathbf{w} &\leftarrow \mathbf{w} - \frac{\alpha}{\sqrt{\mathbf{a}} + \delta} \odot \mathbf{g} \end{aligned}`,
  ]);
  expectKind('none', [
    // An AR(1) process and a Markov chain's distribution are recurrences, not optimization steps.
    String.raw`$y_t = \phi\, y_{t-1} + \varepsilon_t$`,
    String.raw`$\pi_{n+1} = \pi_n P$`,
    // Named outputs mixed (classifier-free guidance) are not one variable at two steps.
    String.raw`$\epsilon_{\mathrm{mix}} = \epsilon_{\mathrm{base}} + s\,(\epsilon_{\mathrm{cond}} - \epsilon_{\mathrm{base}})$`,
    // The recursion unrolled to its initial value is a closed form.
    String.raw`$m_k = \beta^k m_0 + (1 - \beta) \sum_{j=1}^{k} \beta^{k-j} g_j$`,
    // A limit statement about the iterates.
    String.raw`$\lim_{k \to \infty} \hat m_k = m_k$`,
    // A step size over a constant is only a scaled term; a recurrence in a function with no gradient is no update.
    String.raw`$\frac{\alpha}{2} x$`,
    String.raw`$f(n) := 2 f(n-1) + 1$`,
    // A map applied to something other than a step of the same variable; a k-means update.
    String.raw`$y_{t+1} = \sigma(W y_t - b)$`,
    String.raw`$\mu_k \leftarrow \frac{\sum_i r_{ik} x_i}{\sum_i r_{ik}}$`,
    // An integrator's step in time and a recurrent cell's state are not optimization steps.
    String.raw`$q_{t+1} = q_t + p_t \Delta t$`,
    String.raw`$c_t = f_t \odot c_{t-1} + i_t \odot \tilde{c}_t$`,
  ]);
});

describe('recognize: worked optimizer steps with the numbers put in (batch G)', () => {
  expectKind('gradient_step', [
    // An EMA step with the decay and its complement as decimals, in several spellings.
    String.raw`$m_3 = 0.95 \cdot m_2 + 0.05 \cdot g_3$`,
    String.raw`$r_2 \leftarrow 0.99 \times 0.01 + 0.01 \times 9.0$`,
    'v₂ = 0.8·(−1.5) + 0.2·(0.5)',
    String.raw`$s^{(2)} = 0.999\,(0.3) + 0.001\,(2.25) = 0.3019$`,
    // The first step from a zero moment, and the bias corrections with a decay to a power.
    String.raw`$v_1 = (1 - \beta_2)\, g_1^2$`,
    String.raw`$\hat{v}_2 = \frac{0.0079}{1 - 0.999^2}$`,
    String.raw`$\hat m_1 = \frac{0.05\, g_1}{1 - 0.95}$`,
    // A worked parameter step: the iterate numbered from the one before, minus a rate times the gradient's value.
    String.raw`$\theta_1 = \theta_0 - 0.1 \times 2.0 = 0.8$`,
    String.raw`$w^{(3)} = w^{(2)} - 0.01 \cdot (-4.5)$`,
    // A step cut off after its sign where a page broke the line.
    String.raw`$\theta_{k+1} = \theta_k -$`,
  ]);
  expectKind('none', [
    // Arithmetic results: the update form is gone.
    String.raw`$v_2 = -0.18 - 0.2 = -0.38$`,
    // Weights summing to one but even (a mixture), or not summing to one, or weighting the new value more.
    String.raw`$p_1 = 0.5 \times 0.2 + 0.5 \times 0.6$`,
    String.raw`$y_2 = 0.6 \times 3 + 0.7 \times 1$`,
    String.raw`$x_1 = 0.3 \times 4 + 0.7 \times 2$`,
    String.raw`$p_2 = 0.9 \times 0.5 + 0.1 \times 0.2$`,
    // Arithmetic on numbered terms with no rate below one, or added, or not from the term before.
    String.raw`$a_2 = a_1 - 5 \times 4$`,
    String.raw`$a_2 = a_1 + 0.5 \times 4$`,
    String.raw`$a_3 = a_1 - 0.5 \times 4$`,
    // A value with no index, and a ratio of numbers that is no bias correction.
    String.raw`$E = 0.9 \times 10 + 0.1 \times 20$`,
    String.raw`$\hat{p}_1 = \frac{3}{10}$`,
    // A fragment that does not move the index, and one cut after a plus (a random walk as well as an ascent).
    String.raw`$x = x -$`,
    String.raw`$x_t = x_{t-1} +$`,
  ]);
});

describe('recognize: a moment as an exponential moving average names its roles', () => {
  expectRoles(String.raw`$m_k = \gamma\, m_{k-1} + (1 - \gamma)\, g_k$`, { moment: 'm', momentum: String.raw`\gamma`, variant: 'moving average' });
  expectRoles(String.raw`$r \leftarrow \rho r + (1 - \rho)\, \nabla J(w) \odot \nabla J(w)$`, { variant: 'moving average' });
  expectRoles(String.raw`$s_{t} = \beta s_{t-1} + (1-\beta)\, g_t^{2}$`, { moment: 's', variant: 'moving average of squared gradients' });
  // A velocity with a learning rate (not the decay's complement) keeps its momentum reading.
  expectRoles(String.raw`$v_t = \beta v_{t-1} + \eta \nabla L(\theta_t)$`, { variant: 'momentum' });
});

describe('recognize: an accumulator named after the gradient it averages (dW, db)', () => {
  expectRoles(String.raw`$v_{dA} = \mu\, v_{dA} + (1 - \mu)\, dA$`, { moment: 'v', variant: 'moving average' });
  expectRoles(String.raw`$s_{d\theta} = \rho\, s_{d\theta} + (1-\rho)\, d\theta^{2}$`, { variant: 'moving average of squared gradients' });
  describe('near misses', () => {
    expectKind('none', [
      // A differential of time is no gradient, and a d the subscript does not name is any product.
      String.raw`$u_{dt} = \gamma u_{dt} + (1-\gamma)\, dt$`,
      String.raw`$m_{dW} = \beta m_{dW} + (1-\beta)\, dZ$`,
    ]);
  });
});

describe('recognize: a gradient step from a look-ahead point', () => {
  expectKind('gradient_step', [
    String.raw`$w^{(k+1)} = z^{(k)} - \alpha_k \nabla L(z^{(k)})$`,
    String.raw`\begin{aligned} z_{t} &= \theta_t + \gamma (\theta_t - \theta_{t-1}) \\ \theta_{t+1} &= z_t - \lambda \nabla_\theta J(z_t) \end{aligned}`,
  ]);
  describe('near misses', () => {
    expectKind('none', [
      // The gradient taken elsewhere than where the step starts, and an unindexed difference.
      String.raw`$u_{t+1} = z_t - \alpha \nabla f(x_t)$`,
      String.raw`$r = b - \nabla \phi(b)$`,
    ]);
  });
});

describe("recognize: AMSGrad's running maximum of the second moment", () => {
  expectKind('gradient_step', [String.raw`$\hat{s}^{(n)} = \max\left(\hat{s}^{(n-1)}, s^{(n)}\right)$`]);
  expectKind('none', [
    // A running maximum of data, and a maximum of two unrelated quantities.
    String.raw`$R_n = \max(R_{n-1}, y_n)$`,
    String.raw`$\hat{s}_n = \max(a_n, b_n)$`,
  ]);
});
