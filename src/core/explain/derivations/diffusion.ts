/** DDPM: the forward step, the closed form by induction, the forward posterior and the simplified loss. */
import { head, pick, step, type DerivationStep, type Roles } from './symbols';

/** The steps of a diffusion derivation in the roles' symbols. */
export function diffusionSteps(roles: Roles): DerivationStep[] {
  const tRole = roles.time_step ?? '';
  const t = /^[a-z]$/.test(tRole) ? tRole : 't';
  const eps = head(pick(roles, 'noise', '\\epsilon'));
  const predictor = head(pick(roles, 'noise_predictor', ''));
  // Only a predictor of the noise itself (`\epsilon_\theta`) fits the simplified loss.
  const epsTheta = predictor.startsWith('\\epsilon') || predictor.startsWith('\\varepsilon') ? predictor : `${eps === '\\varepsilon' ? '\\varepsilon' : '\\epsilon'}_{\\theta}`;
  const xt = `x_{${t}}`;
  const xp = `x_{${t}-1}`;
  const a = `\\alpha_{${t}}`;
  const ab = `\\bar{\\alpha}_{${t}}`;
  const abp = `\\bar{\\alpha}_{${t}-1}`;
  const b = `\\beta_{${t}}`;
  return [
    step(`\\mathbb{E}_{${t}, x_0, ${eps}}\\left[\\left\\| ${eps} - ${epsTheta}\\left(\\sqrt{${ab}} \\, x_0 + \\sqrt{1 - ${ab}} \\, ${eps}, ${t}\\right) \\right\\|^2\\right]`,
      'A diffusion model learns to predict the noise that was added to a data point at a random step.'),
    step(`q(${xt} \\mid ${xp}) = \\mathcal{N}\\left(${xt}; \\sqrt{1 - ${b}} \\, ${xp}, ${b} I\\right), \\qquad ${xt} = \\sqrt{${a}} \\, ${xp} + \\sqrt{1 - ${a}} \\, ${eps}_{${t}-1}, \\quad ${a} = 1 - ${b}`,
      'Each forward step shrinks the previous sample slightly and adds Gaussian noise of variance given by the schedule, so the data drift towards pure noise.'),
    step(`${xt} = \\sqrt{${a} \\alpha_{${t}-1}} \\, x_{${t}-2} + \\sqrt{${a} (1 - \\alpha_{${t}-1})} \\, ${eps}_{${t}-2} + \\sqrt{1 - ${a}} \\, ${eps}_{${t}-1} = \\sqrt{${a} \\alpha_{${t}-1}} \\, x_{${t}-2} + \\sqrt{1 - ${a} \\alpha_{${t}-1}} \\, \\bar{${eps}}`,
      'Substituting the previous step, the two independent Gaussian noises add to one whose variance is the sum of theirs, and that sum simplifies to one minus the product of the alphas.'),
    step(`q(${xt} \\mid x_0) = \\mathcal{N}\\left(${xt}; \\sqrt{${ab}} \\, x_0, (1 - ${ab}) I\\right), \\qquad ${ab} = \\prod_{s=1}^{${t}} \\alpha_s`,
      'Repeating the substitution down to the data point by induction gives the noisy sample at any step in one shot, with the cumulative product of the alphas.'),
    step(`${xt} = \\sqrt{${ab}} \\, x_0 + \\sqrt{1 - ${ab}} \\, ${eps}, \\qquad ${eps} \\sim \\mathcal{N}(0, I)`,
      'Written as a sample, the closed form is the data point scaled down plus scaled standard Gaussian noise, which is how training draws noisy inputs.'),
    step(`q(${xp} \\mid ${xt}, x_0) = \\mathcal{N}\\left(${xp}; \\tilde{\\mu}_{${t}}, \\tilde{\\beta}_{${t}} I\\right), \\quad \\tilde{\\mu}_{${t}} = \\frac{\\sqrt{${abp}} \\, ${b}}{1 - ${ab}} x_0 + \\frac{\\sqrt{${a}} (1 - ${abp})}{1 - ${ab}} ${xt}, \\quad \\tilde{\\beta}_{${t}} = \\frac{1 - ${abp}}{1 - ${ab}} ${b}`,
      'By Bayes\' rule this posterior is proportional to the forward step times the closed form at the previous step, a product of Gaussians in the earlier sample, so it is Gaussian with this mean and variance.'),
    step(`\\tilde{\\mu}_{${t}} = \\frac{1}{\\sqrt{${a}}} \\left( ${xt} - \\frac{${b}}{\\sqrt{1 - ${ab}}} \\, ${eps} \\right)`,
      'Replacing the data point by its expression in terms of the noisy sample and the noise writes the posterior mean with the noise alone.'),
    step(`\\mu_{\\theta}(${xt}, ${t}) = \\frac{1}{\\sqrt{${a}}} \\left( ${xt} - \\frac{${b}}{\\sqrt{1 - ${ab}}} \\, ${epsTheta}(${xt}, ${t}) \\right)`,
      'So the reverse model can use the same form, with a network that predicts the noise in place of the true noise.'),
    step(`L_{${t}-1} = \\mathbb{E}_{x_0, ${eps}}\\left[ \\frac{${b}^2}{2 \\sigma_{${t}}^2 \\, ${a} (1 - ${ab})} \\left\\| ${eps} - ${epsTheta}(${xt}, ${t}) \\right\\|^2 \\right] + C`,
      'The KL divergence between two Gaussians with the same variance is a scaled squared distance between their means, which here is a scaled squared error of the predicted noise.'),
    step(`L_{\\mathrm{simple}} = \\mathbb{E}_{${t}, x_0, ${eps}}\\left[ \\left\\| ${eps} - ${epsTheta}(${xt}, ${t}) \\right\\|^2 \\right]`,
      'Dropping the weight and sampling the step uniformly gives the simplified loss, which Ho et al. found trains better samples.'),
  ];
}
