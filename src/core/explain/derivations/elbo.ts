/** The evidence lower bound: Jensen, the exact gap, the VAE form and the reparameterization trick. */
import { application, head, kl, pick, step, variableOf, wrap, type DerivationStep, type Roles } from './symbols';

/** The steps of an ELBO derivation in the roles' symbols. */
export function elboSteps(roles: Roles): DerivationStep[] {
  const variational = pick(roles, 'variational', pick(roles, 'encoder', ''));
  let z = pick(roles, 'latent', (variational && variableOf(variational)) || 'z');
  let x = pick(roles, 'data', 'x');
  if (x.includes(',')) x = 'x';
  if (z.includes(',')) z = 'z';
  if (x === z) x = z === 'x' ? 'y' : 'x';
  const phi = pick(roles, 'variational_parameter', '\\phi');
  const qh = variational ? head(variational) : 'q';
  // A variational distribution written without conditioning, `q(z)`, stays unconditioned.
  const conditioned = !variational || !application(variational) || /\||\\mid/.test(application(variational)?.args ?? '|');
  const q = conditioned ? `${qh}(${z} \\mid ${x})` : `${qh}(${z})`;
  const joint = pick(roles, 'joint', '');
  const decoder = pick(roles, 'decoder', '');
  // Without a joint or decoder to copy, a model parameter the note names still subscripts p.
  const theta = pick(roles, 'parameter', '');
  const ph = joint || decoder ? head(joint || decoder) : theta && !theta.includes(',') ? `p_{${theta}}` : 'p';
  const pj = `${ph}(${x}, ${z})`;
  const evidence = `${ph}(${x})`;
  const posterior = `${ph}(${z} \\mid ${x})`;
  const lik = decoder && application(decoder) ? decoder : `${ph}(${x} \\mid ${z})`;
  const prior = pick(roles, 'prior', `p(${z})`);
  const Eq = `\\mathbb{E}_{${q}}`;
  const dz = `\\mathrm{d}${wrap(z)}`;
  return [
    step(`\\log ${evidence} \\ge ${Eq}\\left[\\log ${pj} - \\log ${q}\\right]`,
      'The evidence lower bound bounds the log-likelihood of the data from below by an expectation we can estimate.'),
    step(`\\log ${evidence} = \\log \\int ${pj} \\, ${dz}`,
      'The likelihood of the data is the joint density with the latent variable integrated out, which is usually intractable.'),
    step(`\\log ${evidence} = \\log \\int ${q} \\, \\frac{${pj}}{${q}} \\, ${dz} = \\log ${Eq}\\left[\\frac{${pj}}{${q}}\\right]`,
      'Multiplying and dividing by the approximate posterior, which is positive wherever the joint is, turns the integral into an expectation under it.'),
    step(`\\log ${evidence} \\ge ${Eq}\\left[\\log \\frac{${pj}}{${q}}\\right] =: \\mathrm{ELBO}`,
      'The logarithm is concave, so by Jensen\'s inequality the log of an expectation is at least the expectation of the log, which gives the bound.'),
    step(`\\begin{aligned} \\log ${evidence} - \\mathrm{ELBO} &= ${Eq}\\left[\\log ${q} - \\log ${posterior}\\right] = ${kl(q, posterior)} \\\\ \\log ${evidence} &= \\mathrm{ELBO} + ${kl(q, posterior)} \\end{aligned}`,
      'Writing the joint as the true posterior times the evidence shows that the gap in the bound is exactly the KL divergence to the true posterior, so maximizing the ELBO also pulls the approximation towards it.'),
    step(`\\mathrm{ELBO} = ${Eq}\\left[\\log ${lik}\\right] - ${kl(q, prior)}`,
      'Factoring the joint into the decoder likelihood times the prior splits the bound into a reconstruction term and a KL penalty towards the prior: the VAE objective.'),
    step(`${z} = \\mu_{${phi}}(${x}) + \\sigma_{${phi}}(${x}) \\odot \\epsilon, \\qquad \\epsilon \\sim \\mathcal{N}(0, I)`,
      'The reparameterization trick writes a sample of a Gaussian approximate posterior as a deterministic function of the parameters and independent noise.'),
    step(`\\nabla_{${phi}} ${Eq}\\left[\\log ${lik}\\right] = \\mathbb{E}_{\\epsilon \\sim \\mathcal{N}(0, I)}\\left[\\nabla_{${phi}} \\log ${ph}(${x} \\mid \\mu_{${phi}}(${x}) + \\sigma_{${phi}}(${x}) \\odot \\epsilon)\\right]`,
      'The noise distribution does not depend on the parameters, so the gradient moves inside the expectation and a Monte Carlo average of it is unbiased with low variance.'),
  ];
}
