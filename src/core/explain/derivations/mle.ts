/** Maximum likelihood: product, log, the Gaussian case solved, and the link to KL. */
import { head, kl, pick, step, wrap, type DerivationStep, type Roles } from './symbols';

/** The per-sample letter of a data role: `x` for `x_i`, `X` or `\mathbf{x}`. */
function sampleLetter(data: string): string {
  const bare = data.replace(/_.*$/, '');
  if (/^[a-z]$/.test(bare)) return bare;
  if (/^[A-Z]$/.test(bare)) return bare.toLowerCase();
  if (/^\\(?:mathbf|boldsymbol)\{[a-z]\}$/.test(bare)) return bare;
  return 'x';
}

/** The steps of a maximum-likelihood derivation in the roles' symbols. */
export function mleSteps(roles: Roles): DerivationStep[] {
  const t = pick(roles, 'parameter', '\\theta');
  const model = pick(roles, 'model', '');
  let p = model ? head(model) : 'p';
  // A model such as `p_{\theta}(x)` already carries the parameter; `P(X|\theta)` does not.
  const subscripted = p.includes('_');
  if (!/^[A-Za-z](?:_\{?[^}]*\}?)?$|^\\[A-Za-z]+\{[A-Za-z]\}$/.test(p)) p = 'p';
  const x = sampleLetter(pick(roles, 'data', 'x'));
  const xi = `${wrap(x)}_i`;
  const dens = (v: string) => (subscripted ? `${p}(${v})` : `${p}(${v} \\mid ${t})`);
  const data = 'p_{\\mathrm{data}}';
  return [
    step(`\\hat{${t}} = \\arg\\max_{${t}} \\prod_{i=1}^{n} ${dens(xi)}`,
      'The maximum-likelihood estimate is the parameter under which the observed sample is most probable.'),
    step(`L(${t}) = ${p}(${wrap(x)}_1, \\dots, ${wrap(x)}_n${subscripted ? '' : ` \\mid ${t}`}) = \\prod_{i=1}^{n} ${dens(xi)}`,
      'The samples are assumed independent and identically distributed, so their joint probability factorizes into a product of one factor per sample.'),
    step(`\\hat{${t}} = \\arg\\max_{${t}} \\log L(${t}) = \\arg\\max_{${t}} \\sum_{i=1}^{n} \\log ${dens(xi)}`,
      'The logarithm is strictly increasing, so it keeps the maximizer, and it turns the product into a sum that is numerically stable and easy to differentiate.'),
    step(`${t} = (\\mu, \\sigma^2):\\quad \\log \\mathcal{N}(${xi}; \\mu, \\sigma^2) = -\\tfrac{1}{2}\\log(2\\pi\\sigma^2) - \\frac{(${xi} - \\mu)^2}{2\\sigma^2}`,
      'For a Gaussian family the parameter is a mean and a variance, and the log-density is a quadratic in the mean.'),
    step(`\\frac{\\partial}{\\partial \\mu} \\sum_{i=1}^{n} \\log \\mathcal{N}(${xi}; \\mu, \\sigma^2) = \\sum_{i=1}^{n} \\frac{${xi} - \\mu}{\\sigma^2} = 0 \\;\\Longrightarrow\\; \\hat{\\mu} = \\frac{1}{n} \\sum_{i=1}^{n} ${xi}`,
      'Setting the gradient with respect to the mean to zero gives the sample mean, and the log-likelihood is concave in the mean so this is the maximum.'),
    step(`\\frac{\\partial}{\\partial \\sigma^2} \\sum_{i=1}^{n} \\log \\mathcal{N}(${xi}; \\hat{\\mu}, \\sigma^2) = -\\frac{n}{2\\sigma^2} + \\sum_{i=1}^{n} \\frac{(${xi} - \\hat{\\mu})^2}{2\\sigma^4} = 0 \\;\\Longrightarrow\\; \\hat{\\sigma}^2 = \\frac{1}{n} \\sum_{i=1}^{n} (${xi} - \\hat{\\mu})^2`,
      'Setting the gradient with respect to the variance to zero gives the sample variance, with 1/n rather than 1/(n-1), so it is slightly biased.'),
    step(`\\frac{1}{n} \\sum_{i=1}^{n} \\log ${dens(xi)} \\;\\xrightarrow{\\; n \\to \\infty \\;}\\; \\mathbb{E}_{${x} \\sim ${data}} \\left[ \\log ${dens(x)} \\right]`,
      'Dividing by n does not move the maximizer, and by the law of large numbers the average log-likelihood tends to an expectation under the data distribution.'),
    step(`\\begin{aligned} ${kl(data, `${p}${subscripted ? '' : `_{${t}}`}`)} &= \\mathbb{E}_{${x} \\sim ${data}}\\left[\\log ${data}(${x})\\right] - \\mathbb{E}_{${x} \\sim ${data}}\\left[\\log ${dens(x)}\\right] \\\\ \\arg\\max_{${t}} \\mathbb{E}_{${x} \\sim ${data}}\\left[\\log ${dens(x)}\\right] &= \\arg\\min_{${t}} ${kl(data, `${p}${subscripted ? '' : `_{${t}}`}`)} \\end{aligned}`,
      'The first term of the KL divergence does not depend on the parameter, so maximizing the expected log-likelihood is minimizing the KL divergence from the data distribution to the model.'),
  ];
}
