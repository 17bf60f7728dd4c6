/** Reconstruction losses as negative log-likelihoods: squared error (Gaussian) and cross-entropy (Bernoulli). */
import { head, pick, step, wrap, type DerivationStep, type Roles } from './symbols';

/** The steps of a reconstruction-loss derivation in the roles' symbols. */
export function reconstructionSteps(roles: Roles): DerivationStep[] {
  const x = pick(roles, 'data', 'x');
  const enc = roles.encoder ? head(pick(roles, 'encoder', '')) : '';
  const dec = roles.decoder ? head(pick(roles, 'decoder', '')) : '';
  // `p_{\mathrm{decoder}}` names a distribution, not a function that outputs a reconstruction.
  const composable = (s: string) => /^[A-Za-z]$/.test(s);
  const xh = pick(roles, 'reconstruction', composable(enc) && composable(dec) ? `${dec}(${enc}(${x}))` : `\\hat{${x}}`);
  const X = wrap(x);
  const XH = wrap(xh);
  return [
    step(`\\|${x} - ${xh}\\|^2`, 'A reconstruction loss measures how far the reconstruction is from the input.'),
    step(`p(${x} \\mid ${xh}) = \\mathcal{N}(${x}; ${xh}, \\sigma^2 I) = (2\\pi\\sigma^2)^{-d/2} \\exp\\left(-\\frac{\\|${x} - ${xh}\\|^2}{2\\sigma^2}\\right)`,
      'Assume the decoder outputs the mean of a Gaussian with fixed variance over the d input dimensions.'),
    step(`-\\log p(${x} \\mid ${xh}) = \\frac{1}{2\\sigma^2} \\|${x} - ${xh}\\|^2 + \\frac{d}{2} \\log(2\\pi\\sigma^2)`,
      'The second term does not depend on the reconstruction, so minimizing the squared error is maximizing this Gaussian log-likelihood.'),
    step(`p(${x} \\mid ${xh}) = \\prod_{j=1}^{d} ${XH}_j^{\\,${X}_j} \\left(1 - ${XH}_j\\right)^{1 - ${X}_j}`,
      'For binary inputs, or inputs in [0, 1] read as probabilities, assume instead that each dimension is a Bernoulli variable whose mean the decoder outputs.'),
    step(`-\\log p(${x} \\mid ${xh}) = -\\sum_{j=1}^{d} \\left[ ${X}_j \\log ${XH}_j + (1 - ${X}_j) \\log\\left(1 - ${XH}_j\\right) \\right]`,
      'Its negative log-likelihood is the binary cross-entropy between the input and the reconstruction.'),
    step(`\\mathcal{L}_{\\mathrm{rec}} = -\\mathbb{E}_{q(z \\mid ${x})}\\left[\\log p(${x} \\mid z)\\right]`,
      'In a VAE this negative log-likelihood, averaged over the encoder\'s latents, is the reconstruction term of the ELBO.'),
  ];
}
