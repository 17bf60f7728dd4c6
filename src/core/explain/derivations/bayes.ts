/** Bayes' rule from the product rule, the evidence, and proportionality. */
import { head, pick, step, wrap, type DerivationStep, type Roles } from './symbols';

/** The steps of a Bayes'-rule derivation in the roles' symbols. */
export function bayesSteps(roles: Roles): DerivationStep[] {
  let A = pick(roles, 'parameter', 'A');
  let B = pick(roles, 'data', 'B');
  if (A.includes(',')) A = 'A';
  if (B.includes(',')) B = 'B';
  if (A === B) { A = 'A'; B = 'B'; }
  const P = head(pick(roles, 'prior', head(pick(roles, 'likelihood', 'P'))));
  const Pn = /^[A-Za-z]$|^\\(?:Pr|mathrm\{Pr\}|mathbb\{P\})$|^[A-Za-z]_\{?[^}]*\}?$/.test(P) ? P : 'P';
  const post = `${Pn}(${A} \\mid ${B})`;
  const lik = `${Pn}(${B} \\mid ${A})`;
  const prior = `${Pn}(${A})`;
  const ev = `${Pn}(${B})`;
  const Ap = `${wrap(A)}'`;
  return [
    step(`${post} = \\frac{${lik} \\, ${prior}}{${ev}}`,
      'Bayes\' rule turns the probability of the data given the hypothesis into the probability of the hypothesis given the data.'),
    step(`${Pn}(${A}, ${B}) = ${lik} \\, ${prior} = ${post} \\, ${ev}`,
      'The product rule factors the joint probability in either order.'),
    step(`${post} = \\frac{${lik} \\, ${prior}}{${ev}}, \\qquad ${ev} > 0`,
      'Dividing both factorizations by the probability of the data, which must be positive, isolates the posterior.'),
    step(`${ev} = \\sum_{${Ap}} ${Pn}(${B} \\mid ${Ap}) \\, ${Pn}(${Ap}) \\quad \\left(\\text{or } \\int ${Pn}(${B} \\mid ${Ap}) \\, ${Pn}(${Ap}) \\, \\mathrm{d}${Ap}\\right)`,
      'The evidence in the denominator is the marginal of the data: the likelihood summed or integrated against the prior over every hypothesis.'),
    step(`${post} \\propto ${lik} \\, ${prior}`,
      'The evidence does not depend on the hypothesis, so the posterior is the likelihood times the prior up to normalization, and finding its maximum never needs the evidence.'),
    step(`\\log ${post} = \\log ${lik} + \\log ${prior} - \\log ${ev}`,
      'In logs the prior acts as an additive penalty on the log-likelihood, which is how MAP estimation regularizes maximum likelihood.'),
  ];
}
