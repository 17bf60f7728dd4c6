/** KL divergence: definition, non-negativity, asymmetry, and the closed forms people use. */
import { densityAt, differentials, kl, pick, step, variableOf, type DerivationStep, type Roles } from './symbols';

/** The steps of a KL-divergence derivation in the roles' symbols. */
export function klSteps(roles: Roles): DerivationStep[] {
  const P = pick(roles, 'first', 'P');
  const Q = pick(roles, 'second', 'Q');
  const v = variableOf(P) ?? pick(roles, 'latent', 'x');
  const p = densityAt(P, v);
  const q = densityAt(Q, v);
  const d = differentials(v);
  // The Gaussian and Bernoulli closed forms are about a scalar variable.
  const s = v.includes(',') ? 'x' : v;
  const direction = roles.direction ?? '';
  const directionWhy = direction.startsWith('reverse')
    ? 'The expectation is under the first argument only, so the two orders differ: this reverse direction penalizes the first distribution for putting mass where the second is small, so it tends to lock onto one mode, as in variational inference.'
    : direction.startsWith('forward')
      ? 'The expectation is under the first argument only, so the two orders differ: this forward direction penalizes the second distribution for missing mass where the first has it, so fits cover every mode, as in maximum likelihood.'
      : 'The expectation is taken under the first argument only, so swapping the arguments changes the value: KL divergence is not a distance.';
  return [
    step(kl(P, Q), 'The KL divergence measures how much information is lost when the second distribution is used in place of the first.'),
    step(`${kl(P, Q)} = \\sum_{${v}} ${p} \\log \\frac{${p}}{${q}}`,
      'For discrete distributions it is the expected log-ratio of the two probabilities, the expectation taken under the first distribution.'),
    step(`${kl(P, Q)} = \\int ${p} \\log \\frac{${p}}{${q}} \\, ${d}`,
      'For densities the sum over outcomes becomes an integral over the same variable.'),
    step(`-${kl(P, Q)} = \\mathbb{E}_{${P}}\\left[\\log \\frac{${q}}{${p}}\\right] \\le \\log \\mathbb{E}_{${P}}\\left[\\frac{${q}}{${p}}\\right] = \\log \\int ${q} \\, ${d} = \\log 1 = 0`,
      'The logarithm is concave, so by Jensen\'s inequality the expected log is at most the log of the expectation; hence the divergence is at least zero, with equality only when the two distributions agree.'),
    step(`${kl(P, Q)} \\neq ${kl(Q, P)} \\quad \\text{in general}`, directionWhy),
    step(`${P} = \\mathcal{N}(\\mu_1, \\sigma_1^2),\\; ${Q} = \\mathcal{N}(\\mu_2, \\sigma_2^2):\\quad \\log \\frac{${p}}{${q}} = \\log \\frac{\\sigma_2}{\\sigma_1} - \\frac{(${s} - \\mu_1)^2}{2\\sigma_1^2} + \\frac{(${s} - \\mu_2)^2}{2\\sigma_2^2}`,
      'For two Gaussians the normalizing constants give the log-ratio of the standard deviations and the exponents give two quadratics.'),
    step(`\\mathbb{E}_{${P}}\\left[(${s} - \\mu_1)^2\\right] = \\sigma_1^2, \\qquad \\mathbb{E}_{${P}}\\left[(${s} - \\mu_2)^2\\right] = \\sigma_1^2 + (\\mu_1 - \\mu_2)^2`,
      'Under the first Gaussian, the expected squared distance to its own mean is its variance, and to another point it is the variance plus the squared offset.'),
    step(`${kl(P, Q)} = \\log \\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 - \\mu_2)^2}{2\\sigma_2^2} - \\frac{1}{2}`,
      'Taking the expectation of the log-ratio term by term gives the closed form, which is zero exactly when the means and variances agree.'),
    step(`${kl('\\mathrm{Bern}(a)', '\\mathrm{Bern}(b)')} = a \\log \\frac{a}{b} + (1 - a) \\log \\frac{1 - a}{1 - b}`,
      'For two Bernoulli distributions the sum in the definition has just two terms, one for each outcome.'),
    step(`${kl('\\mathrm{Cat}(a_{1:K})', '\\mathrm{Cat}(b_{1:K})')} = \\sum_{k=1}^{K} a_k \\log \\frac{a_k}{b_k}`,
      'For categorical distributions the sum runs over the K categories, and it is infinite if some category has a_k > 0 but b_k = 0.'),
  ];
}
