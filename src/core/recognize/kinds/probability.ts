/**
 * Patterns of probability calculus that the marginal and Bayes detectors share:
 * a likelihood times a prior `p(a|b)p(b)` written next to each other.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import { appAt, isDensityName, sides, tex, type App } from '../query';
import { isParameterArg } from '../math';

/** `p(a|b) p(b)` or `p(b) p(a|b)`: a conditional density next to the density of what it is conditioned on. */
export interface LikelihoodPrior {
  readonly likelihood: App;
  readonly prior: App;
  /** Index just past the pair in its sequence. */
  readonly end: number;
  readonly start: number;
}

/** TeX of arguments with the model parameters (after `;`) left out. */
export function argsTex(args: readonly MathNode[][]): string {
  return args.map(tex).join(',');
}

/**
 * A density in any of the usual letters: p, q, P, Pr, and Bayesian statistics' f (or g) for the sampling density and
 * \pi for the prior, `f(x | \theta)\, \pi(\theta)`. Only the pair's structure below (one conditioned on what the
 * other is of) makes them a likelihood and a prior, so the wider letters catch no lone function.
 */
/** The plain letter of a variable, whatever its font or case: `\mathbf{X}` and `x` give x. */
function letterOf(n: MathNode): string {
  return n.type === 'id' && !n.sub && n.name.length === 1 ? n.name.toLowerCase() : '';
}

function densityLike(a: App): boolean {
  return isDensityName(a.fn) || (a.fn.type === 'id' && !a.fn.font && !a.fn.sub && (a.fn.name === 'f' || a.fn.name === 'g' || a.fn.name === 'pi'));
}

/** Every likelihood-times-prior pair in a sequence (an optional `\cdot` or `\times` between). */
export function likelihoodPriorPairs(seq: MathNode[]): LikelihoodPrior[] {
  const out: LikelihoodPrior[] = [];
  for (let i = 0; i < seq.length - 1; i++) {
    const a = appAt(seq, i);
    if (!a || !densityLike(a)) continue;
    let j = i + 2;
    if (seq[j] && seq[j].type === 'bin' && seq[j].name === '*') j++;
    // `P(y) \prod_i P(x_i | y)`: naive Bayes' likelihood is a product over features.
    if (seq[j] && seq[j].type === 'op' && seq[j].name === 'prod') j++;
    const b = appAt(seq, j);
    if (!b || !densityLike(b)) continue;
    // The likelihood is conditioned on what the prior is of (and maybe on parameters too:
    // `p(y | z = k, \mu, \sigma)\, p(z = k | \lambda)`); the prior is of that alone, given parameters at most.
    // Both may also be conditioned on the same further variables, as the forward posterior of a
    // diffusion is: `q(x_t | x_{t-1}, x_0)\, q(x_{t-1} | x_0)`.
    const pair = (lik: App, pri: App): boolean => {
      if (lik.cond.length === 0 || pri.main.length === 0) return false;
      const cond = lik.cond.map(tex);
      if (!pri.cond.every((c) => isParameterArg(c) || cond.includes(tex(c)))) return false;
      if (argsTex(lik.cond) === argsTex(pri.main) && pri.cond.length === 0) return true;
      // (In regression the likelihood of the targets is also given the inputs, `p(\mathbf y | \mathbf X, \mathbf w)\, p(\mathbf w)`:
      // the inputs are fixed, not modelled, so the prior of the weights needs no condition on them.)
      const targets = lik.main.length === 1 && lik.main[0].length === 1 && ['y', 't'].includes(letterOf(lik.main[0][0]));
      const input = (c: MathNode[]): boolean => targets && c.length === 1 && letterOf(c[0]) === 'x';
      return pri.main.every((m) => cond.includes(tex(m))) && lik.cond.every((c) => pri.main.some((m) => tex(m) === tex(c)) || pri.cond.some((m) => tex(m) === tex(c)) || isParameterArg(c) || input(c));
    };
    if (pair(a, b)) out.push({ likelihood: a, prior: b, start: i, end: j + 2 });
    else if (pair(b, a)) out.push({ likelihood: b, prior: a, start: i, end: j + 2 });
  }
  return out;
}

/**
 * `evidence = integral of likelihood * prior`, `marginal likelihood = sum over z of likelihood times prior`: the
 * evidence named in words on the left and the likelihood times the prior summed or integrated on the right.
 */
export function evidenceInWords(ctx: Context): boolean {
  if (!ctx.ids.has('likelihood') || !ctx.ids.has('prior')) return false;
  return ctx.lines.some((line) => {
    const { sides: parts, rels } = sides(line);
    if (rels[0] !== '=' || parts.length < 2) return false;
    const left = parts[0].some((n) => n.type === 'id' && (n.name === 'evidence' || n.name === 'marginal'));
    const summed = parts[1].some((n) => (n.type === 'op' && (n.name === 'int' || n.name === 'sum')) || (n.type === 'id' && /^(?:integral|integrate|sum)$/.test(n.name)));
    return left && summed;
  });
}
