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
