/** Jensen-Shannon divergence: through the mixture, symmetric, and between 0 and log 2. */
import { densityAt, kl, pick, step, variableOf, type DerivationStep, type Roles } from './symbols';

/** The steps of a JSD derivation in the roles' symbols. */
export function jsdSteps(roles: Roles): DerivationStep[] {
  const P = pick(roles, 'first', 'P');
  const Q = pick(roles, 'second', 'Q');
  const M = P === 'M' || Q === 'M' ? 'R' : 'M';
  const v = variableOf(P) ?? 'x';
  const p = densityAt(P, v);
  const q = densityAt(Q, v);
  const jsd = (a: string, b: string) => `\\mathrm{JSD}(${a} \\,\\|\\, ${b})`;
  return [
    step(`${jsd(P, Q)} = \\tfrac{1}{2} ${kl(P, M)} + \\tfrac{1}{2} ${kl(Q, M)}`,
      'The Jensen-Shannon divergence averages the KL divergence of each distribution to their mixture.'),
    step(`${M} = \\tfrac{1}{2} (${P} + ${Q})`,
      'The mixture puts half its mass where each distribution does, so it is positive wherever either is and both KL terms are finite.'),
    step(`${jsd(P, Q)} = ${jsd(Q, P)}`,
      'Swapping the two distributions only swaps the two terms of the average, so unlike KL the divergence is symmetric.'),
    step(`${jsd(P, Q)} \\ge 0`,
      'Each KL divergence is non-negative, and both vanish only when each distribution equals the mixture, that is when the two are equal.'),
    step(`${kl(P, M)} = \\sum_{${v}} ${p} \\log \\frac{2 \\, ${p}}{${p} + ${q}} \\le \\sum_{${v}} ${p} \\log 2 = \\log 2`,
      'Each ratio is at most 2 because the other density is non-negative, so each KL term, and hence their average, is at most log 2, reached when the supports are disjoint.'),
    step(`0 \\le ${jsd(P, Q)} \\le \\log 2`,
      'Together the two bounds put the divergence between 0 and log 2 (between 0 and 1 in bits).'),
    step(`${jsd(P, Q)} = H(${M}) - \\tfrac{1}{2} \\left( H(${P}) + H(${Q}) \\right)`,
      'Expanding the logs of the two KL terms gives the entropy of the mixture minus the average entropy of the two distributions.'),
  ];
}
