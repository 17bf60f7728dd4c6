/** A gradient step: Taylor, the steepest-descent direction, the step-size bound, momentum and Adam. */
import { head, pick, step, wrap, type DerivationStep, type Roles } from './symbols';

/** The steps of a gradient-step derivation in the roles' symbols. */
export function gradientStepSteps(roles: Roles): DerivationStep[] {
  const th = wrap(pick(roles, 'parameter', '\\theta'));
  const eta = pick(roles, 'learning_rate', '\\eta');
  const f = head(pick(roles, 'loss', 'L'));
  const tRole = roles.time_step ?? '';
  const t = /^[a-z]$/.test(tRole) ? tRole : 't';
  // The smoothness constant is conventionally L; rename it when the loss itself is called L.
  const Lc = f === 'L' ? 'M' : 'L';
  const at = `${th}_{${t}}`;
  const next = `${th}_{${t}+1}`;
  const grad = (v: string) => `\\nabla ${f}(${v})`;
  const steps = [
    step(`${next} = ${at} - ${eta} \\, ${grad(at)}`,
      'A gradient step moves the parameters a small distance against the gradient of the loss.'),
    step(`${f}(${th} + \\Delta) = ${f}(${th}) + ${grad(th)}^{\\top} \\Delta + O(\\|\\Delta\\|^2)`,
      'Near the current point the loss is approximately linear: its first-order Taylor expansion.'),
    step(`\\arg\\min_{\\|\\Delta\\| = 1} ${grad(th)}^{\\top} \\Delta = -\\frac{${grad(th)}}{\\|${grad(th)}\\|}`,
      'By the Cauchy-Schwarz inequality the linear term decreases fastest along the negative gradient, the steepest-descent direction.'),
    step(`${f}(${next}) \\approx ${f}(${at}) - ${eta} \\, \\|${grad(at)}\\|^2 \\le ${f}(${at})`,
      'Taking a step of size proportional to the gradient therefore lowers the loss to first order, as long as the step is small.'),
    step(`${f}(${th}) = \\tfrac{${Lc}}{2} ${th}^2 \\;\\Longrightarrow\\; ${next} = ${at} - ${eta} ${Lc} \\, ${at} = (1 - ${eta} ${Lc}) \\, ${at}`,
      `On a quadratic with curvature ${Lc} each step multiplies the parameter by the same factor.`),
    step(`|1 - ${eta} ${Lc}| < 1 \\iff 0 < ${eta} < \\frac{2}{${Lc}}`,
      `The iterates shrink to the minimum exactly when that factor is below one in size, so the step size must stay below 2/${Lc}; beyond it they oscillate and diverge.`),
  ];
  const variant = roles.variant ?? '';
  // The note's own letters for the velocity and its coefficient, when it names them (v and μ otherwise).
  const v = head(pick(roles, 'velocity', 'v'));
  const mu = pick(roles, 'momentum', '\\mu');
  if (variant === 'momentum' || variant === 'nesterov') {
    steps.push(step(`${v}_{${t}+1} = ${mu} \\, ${v}_{${t}} - ${eta} \\, ${grad(at)}, \\qquad ${next} = ${at} + ${v}_{${t}+1}`,
      'Momentum keeps an exponentially decaying sum of past gradients, so consistent directions build up speed and oscillating ones cancel.'));
    steps.push(step(`${v}_{${t}} \\to -\\frac{${eta}}{1 - ${mu}} \\, \\nabla ${f} \\quad \\text{for a constant gradient}`,
      'With a steady gradient the velocity settles at a geometric sum, so the effective step size grows to the learning rate divided by one minus the momentum.'));
  }
  if (variant === 'nesterov') {
    steps.push(step(`${v}_{${t}+1} = ${mu} \\, ${v}_{${t}} - ${eta} \\, ${grad(`${at} + ${mu} ${v}_{${t}}`)}`,
      'Nesterov momentum evaluates the gradient at the look-ahead point the momentum is about to carry the parameters to, which corrects overshooting earlier.'));
  }
  if (variant === 'adam') {
    steps.push(step(`m_{${t}} = \\beta_1 m_{${t}-1} + (1 - \\beta_1) \\, g_{${t}}, \\qquad v_{${t}} = \\beta_2 v_{${t}-1} + (1 - \\beta_2) \\, g_{${t}}^2, \\qquad g_{${t}} = ${grad(`${th}_{${t}-1}`)}`,
      'Adam keeps running averages of the gradient and of its elementwise square: estimates of its first and second moments.'));
    steps.push(step(`\\hat{m}_{${t}} = \\frac{m_{${t}}}{1 - \\beta_1^{${t}}}, \\qquad \\hat{v}_{${t}} = \\frac{v_{${t}}}{1 - \\beta_2^{${t}}}`,
      'Both averages start at zero, so early on they are biased towards zero; dividing by one minus the decay to the power of the step count removes that bias.'));
    steps.push(step(`${th}_{${t}} = ${th}_{${t}-1} - ${eta} \\, \\frac{\\hat{m}_{${t}}}{\\sqrt{\\hat{v}_{${t}}} + \\epsilon}`,
      'Dividing by the root of the second moment gives every coordinate a step of roughly the learning rate, whatever the scale of its gradient.'));
  }
  return steps;
}
