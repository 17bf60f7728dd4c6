/** The GAN game: value function, optimal discriminator, JSD, the generator's loss, and WGAN's dual. */
import { head, kl, pick, step, type DerivationStep, type Roles } from './symbols';

/** The steps of a GAN-game derivation in the roles' symbols. */
export function minimaxSteps(roles: Roles): DerivationStep[] {
  const G = head(pick(roles, 'generator', 'G'));
  const D = head(pick(roles, 'discriminator', 'D'));
  const x = pick(roles, 'data', 'x');
  const z = pick(roles, 'noise', 'z');
  const pd = head(pick(roles, 'data_distribution', 'p_{\\mathrm{data}}'));
  const pz = head(pick(roles, 'noise_distribution', `p_{${z}}`));
  const pg = 'p_{g}';
  const Ed = `\\mathbb{E}_{${x} \\sim ${pd}}`;
  const Ez = `\\mathbb{E}_{${z} \\sim ${pz}}`;
  const variant = roles.variant ?? '';
  if (variant === 'wasserstein') {
    return [
      step(`\\min_{${G}} \\max_{\\|${D}\\|_L \\le 1} ${Ed}\\left[${D}(${x})\\right] - ${Ez}\\left[${D}(${G}(${z}))\\right]`,
        'The Wasserstein GAN trains a critic to score real samples high and generated ones low, with the critic kept 1-Lipschitz.'),
      step(`W(${pd}, ${pg}) = \\inf_{\\gamma \\in \\Pi(${pd}, ${pg})} \\mathbb{E}_{(${x}, y) \\sim \\gamma}\\left[\\|${x} - y\\|\\right]`,
        'The Wasserstein-1 distance is the least expected distance mass must move to turn the data distribution into the generator\'s, over all couplings of the two.'),
      step(`W(${pd}, ${pg}) = \\sup_{\\|f\\|_L \\le 1} \\mathbb{E}_{${x} \\sim ${pd}}\\left[f(${x})\\right] - \\mathbb{E}_{${x} \\sim ${pg}}\\left[f(${x})\\right]`,
        'The Kantorovich-Rubinstein duality rewrites that transport problem as a supremum over 1-Lipschitz functions of a difference of expectations.'),
      step(`\\mathbb{E}_{${x} \\sim ${pg}}\\left[${D}(${x})\\right] = ${Ez}\\left[${D}(${G}(${z}))\\right]`,
        'Generated samples are the generator applied to noise, so the expectation under the generator\'s distribution is one over the noise, and the critic plays the part of the function in the dual.'),
      step(`\\mathrm{JSD}(${pd} \\,\\|\\, ${pg}) = \\log 2 \\quad \\text{whenever the supports are disjoint}`,
        'The Jensen-Shannon divergence of the original GAN is constant when the two distributions do not overlap and then gives the generator no gradient, while the Wasserstein distance still shrinks as they move closer.'),
      step(`\\lambda \\, \\mathbb{E}_{\\hat{x}}\\left[\\left(\\|\\nabla_{\\hat{x}} ${D}(\\hat{x})\\|_2 - 1\\right)^2\\right]`,
        'In practice the Lipschitz constraint is enforced softly by this gradient penalty on points between real and generated samples (WGAN-GP) rather than by clipping weights.'),
    ];
  }
  const steps = [
    step(`\\min_{${G}} \\max_{${D}} V(${D}, ${G}) = ${Ed}\\left[\\log ${D}(${x})\\right] + ${Ez}\\left[\\log\\left(1 - ${D}(${G}(${z}))\\right)\\right]`,
      'The discriminator is rewarded for the log-probability it gives real data being real and generated data being fake; the generator wants the opposite.'),
    step(`V(${D}, ${G}) = \\int \\left[ ${pd}(${x}) \\log ${D}(${x}) + ${pg}(${x}) \\log\\left(1 - ${D}(${x})\\right) \\right] \\mathrm{d}${x}`,
      'Pushing the noise through the generator gives samples with the density of the generator, so both expectations become one integral over the data space.'),
    step(`\\frac{${pd}(${x})}{${D}(${x})} - \\frac{${pg}(${x})}{1 - ${D}(${x})} = 0 \\;\\Longrightarrow\\; ${D}^*(${x}) = \\frac{${pd}(${x})}{${pd}(${x}) + ${pg}(${x})}`,
      'For fixed data and generator densities, the integrand is maximized pointwise, and a log(y) + b log(1 - y) is largest at y = a/(a + b).'),
    step(`V(${D}^*, ${G}) = ${Ed}\\left[\\log \\frac{${pd}(${x})}{${pd}(${x}) + ${pg}(${x})}\\right] + \\mathbb{E}_{${x} \\sim ${pg}}\\left[\\log \\frac{${pg}(${x})}{${pd}(${x}) + ${pg}(${x})}\\right]`,
      'Substituting the optimal discriminator leaves a function of the generator alone.'),
    step(`V(${D}^*, ${G}) = -\\log 4 + ${kl(pd, `\\tfrac{${pd} + ${pg}}{2}`)} + ${kl(pg, `\\tfrac{${pd} + ${pg}}{2}`)} = -\\log 4 + 2 \\, \\mathrm{JSD}(${pd} \\,\\|\\, ${pg})`,
      'Dividing each denominator by 2 costs log 2 per term and turns each term into a KL divergence to the mixture, whose average is the Jensen-Shannon divergence; so the generator\'s best value is -log 4, reached when its distribution equals the data\'s.'),
    step(`\\frac{\\partial}{\\partial a} \\log\\left(1 - \\sigma(a)\\right) = -\\sigma(a) \\to 0, \\qquad \\frac{\\partial}{\\partial a} \\left(-\\log \\sigma(a)\\right) = -\\left(1 - \\sigma(a)\\right) \\to -1 \\qquad (a \\to -\\infty)`,
      'Early in training the discriminator confidently rejects generated samples, where log(1 - D) saturates and its gradient vanishes, while -log D has the same fixed point and still a strong gradient.'),
    step(`\\min_{${G}} \\; -${Ez}\\left[\\log ${D}(${G}(${z}))\\right]`,
      'So in practice the generator minimizes this non-saturating loss instead of the log(1 - D) term of the value function.'),
  ];
  if (variant === 'least-squares') {
    steps.push(step(`\\min_{${D}} \\tfrac{1}{2} ${Ed}\\left[(${D}(${x}) - 1)^2\\right] + \\tfrac{1}{2} ${Ez}\\left[${D}(${G}(${z}))^2\\right], \\qquad \\min_{${G}} \\tfrac{1}{2} ${Ez}\\left[(${D}(${G}(${z})) - 1)^2\\right]`,
      'The least-squares GAN replaces the log losses by squared distances to the labels, which penalize samples far from the decision boundary even when they are classified correctly.'));
  }
  return steps;
}
