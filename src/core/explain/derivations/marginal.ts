/** A marginal likelihood: the sum or integral over the latent, a mixture, and why VI is needed. */
import { head, kl, pick, step, wrap, type DerivationStep, type Roles } from './symbols';

/** The steps of a marginal-likelihood derivation in the roles' symbols. */
export function marginalSteps(roles: Roles): DerivationStep[] {
  let z = pick(roles, 'latent', 'z');
  let x = pick(roles, 'data', 'x');
  if (z.includes(',')) z = 'z';
  if (x.includes(',')) x = 'x';
  if (x === z) x = z === 'x' ? 'y' : 'x';
  const p = head(pick(roles, 'model', head(pick(roles, 'likelihood', 'p'))));
  const lik = `${p}(${x} \\mid ${z})`;
  const prior = `${p}(${z})`;
  const ev = `${p}(${x})`;
  const zs = wrap(z);
  return [
    step(`${ev} = \\int ${p}(${x}, ${z}) \\, \\mathrm{d}${zs}`,
      'The marginal likelihood of the data is the joint with the latent variable summed or integrated out.'),
    step(`${ev} = \\sum_{${z}} ${p}(${x}, ${z}) = \\sum_{${z}} ${lik} \\, ${prior}`,
      'For a discrete latent variable the sum rule adds the joint over its values, and the product rule writes the joint as likelihood times prior.'),
    step(`${ev} = \\int ${lik} \\, ${prior} \\, \\mathrm{d}${zs}`,
      'For a continuous latent variable the sum becomes an integral against the prior density.'),
    step(`${prior} = \\pi_k \\text{ for } ${zs} = k, \\quad ${p}(${x} \\mid ${zs} = k) = \\mathcal{N}(${x}; \\mu_k, \\Sigma_k) \\;\\Longrightarrow\\; ${ev} = \\sum_{k=1}^{K} \\pi_k \\, \\mathcal{N}(${x}; \\mu_k, \\Sigma_k)`,
      'With K components, a categorical prior and a Gaussian likelihood, the marginal is a Gaussian mixture: a weighted sum of the component densities.'),
    step(`${ev} = \\int ${lik} \\, ${prior} \\, \\mathrm{d}${zs} \\approx \\frac{1}{S} \\sum_{s=1}^{S} ${p}(${x} \\mid ${zs}^{(s)}), \\qquad ${zs}^{(s)} \\sim ${prior}`,
      'When the latent variable is continuous and high-dimensional and the likelihood is a neural network there is no closed form, grids grow exponentially with dimension, and sampling from the prior rarely hits the latents that explain the data, so this estimate has huge variance.'),
    step(`\\log ${ev} \\ge \\mathbb{E}_{q(${z} \\mid ${x})}\\left[\\log ${lik}\\right] - ${kl(`q(${z} \\mid ${x})`, prior)}`,
      'Variational inference replaces the intractable integral with a tractable lower bound, the ELBO, maximized over an approximate posterior that proposes latents which explain the data.'),
  ];
}
