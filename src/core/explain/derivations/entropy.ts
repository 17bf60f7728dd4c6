/** Entropy and cross-entropy: expected surprise, bounds, cross-entropy = entropy + KL, chain rule. */
import { kl, step, type DerivationStep, type Roles } from './symbols';

/** The steps of an entropy derivation; the roles give the random variable when the note names one. */
export function entropySteps(roles: Roles): DerivationStep[] {
  const m = /^H\(([A-Z])\)$/.exec(roles.quantity ?? '');
  const X = m ? m[1] : 'X';
  const dist = /^[a-z]$/.test(roles.distribution ?? '') ? (roles.distribution as string) : 'p';
  const q = dist === 'q' ? 'r' : 'q';
  const x = 'x';
  const variant = roles.variant ?? 'entropy';
  // A note that writes cross-entropy as `\mathrm{CE}(P, Q)` sees its own name on the definition.
  const ceName = /^\\mathrm\{CE\}\([^()]*\)$/.test(roles.quantity ?? '') ? roles.quantity as string : '';
  const ce = ceName ? `${ceName} = ` : '';
  const steps = [
    step(`H(${X}) = -\\sum_{${x}} ${dist}(${x}) \\log ${dist}(${x})`,
      'Entropy is the average surprise of the outcomes of a random variable.'),
    step(`H(${X}) = \\mathbb{E}_{${x} \\sim ${dist}}\\left[-\\log ${dist}(${x})\\right] = -\\sum_{${x}} ${dist}(${x}) \\log ${dist}(${x})`,
      'The surprise of an outcome is minus its log-probability, and averaging it under the distribution itself gives the entropy.'),
    step(`0 \\le H(${X}) \\le \\log K`,
      'Each surprise is non-negative, and by Jensen\'s inequality the average surprise over K outcomes is largest, log K, for the uniform distribution.'),
    step(`${ce}H(${dist}, ${q}) = \\mathbb{E}_{${x} \\sim ${dist}}\\left[-\\log ${q}(${x})\\right] = -\\sum_{${x}} ${dist}(${x}) \\log ${q}(${x})`,
      'Cross-entropy is the average surprise when outcomes come from the first distribution but are scored with the second, as a classifier\'s loss does.'),
    step(`H(${dist}, ${q}) = -\\sum_{${x}} ${dist}(${x}) \\log ${dist}(${x}) + \\sum_{${x}} ${dist}(${x}) \\log \\frac{${dist}(${x})}{${q}(${x})} = H(${dist}) + ${kl(dist, q)}`,
      'Adding and subtracting the log of the first distribution splits cross-entropy into the entropy plus the KL divergence.'),
    step(`\\min_{${q}} H(${dist}, ${q}) = H(${dist}) \\quad \\text{at } ${q} = ${dist}`,
      'The entropy term does not depend on the model, and the KL divergence is non-negative and zero only at equality, so minimizing cross-entropy is minimizing the KL divergence.'),
  ];
  if (variant === 'joint' || variant === 'conditional') {
    steps.push(step(`H(X, Y) = -\\sum_{x, y} p(x, y) \\log p(x, y) = H(X) + H(Y \\mid X), \\qquad H(Y \\mid X) = -\\sum_{x, y} p(x, y) \\log p(y \\mid x)`,
      'Writing the joint probability as the marginal times the conditional splits the log, and so the joint entropy, into two terms: the chain rule.'));
  }
  return steps;
}
