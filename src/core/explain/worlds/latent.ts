/**
 * The linear-Gaussian latent-variable model: the toy instance in which log p(x), the true
 * posterior, the ELBO and every KL are exact. A model p (prior over the latents, a linear-Gaussian
 * likelihood whose weight is the note's θ when it has one) and a variational family q (a Gaussian
 * whose mean is linear in the data, with the note's φ as its weight when it has one).
 */
import { GaussianJoint, type LinearNode, type Value } from '../check/models';
import { getNum, makeWorld, real, type Getter, type Spec, type World } from '../check/world';

/** The letters of a latent-variable formula, as the note writes them. */
export interface LatentLetters {
  /** The data variable: `x`. */
  readonly x: string;
  /** The latent variable(s), top of the hierarchy last: `z`, or `z_1`, `z_2`. */
  readonly z: readonly string[];
  /** A condition both p and q see (a conditional VAE's `y`). */
  readonly y?: string;
  /** The model's parameter, when the note names one (`\theta`). */
  readonly theta?: string;
  /** The variational parameter, when the note names one (`\phi`). */
  readonly phi?: string;
  /** Density letters that stand for the model p. */
  readonly pHeads: readonly string[];
  /** Density letters that stand for the variational family q. */
  readonly qHeads: readonly string[];
  /** Names of the Gaussian q's mean and standard-deviation functions (`\mu_{\phi}`, `\sigma_{\phi}`). */
  readonly mu?: string;
  readonly sigma?: string;
  /** i.i.d. copies of the first latent drawn from q (an importance-weighted bound's z_1..z_K). */
  readonly copies?: readonly string[];
  /** Extra symbol specs (`\beta`). */
  readonly specs?: Readonly<Record<string, Spec>>;
}

/**
 * The world. Hidden constants (biases, noise levels) are drawn per seed too, so no claim can hold
 * by a coincidence of round numbers.
 */
export function latentWorld(letters: LatentLetters, seed: number): World {
  const theta = letters.theta ?? '#theta';
  const phi = letters.phi ?? '#phi';
  const specs: Record<string, Spec> = {
    [letters.x]: real(-1.5, 1.5),
    ...Object.fromEntries(letters.z.map((z) => [z, real(-1.2, 1.2)])),
    ...(letters.y ? { [letters.y]: real(-1, 1) } : {}),
    [theta]: real(0.6, 1.4),
    [phi]: real(0.2, 0.7),
    '#b': real(-0.5, 0.5), '#s2': real(0.3, 0.8), '#c': real(-0.3, 0.3), '#v': real(0.2, 0.5),
    '#a': real(0.5, 1.2), '#u': real(0.3, 0.9), '#g': real(0.2, 0.6), '#w': real(0.3, 0.6),
    ...(letters.specs ?? {}),
  };
  const [z1, ...upper] = letters.z;
  const y = letters.y;
  const p = (get: Getter): LinearNode[] => {
    const nodes: LinearNode[] = [];
    if (y) nodes.push({ v: y, bias: 0, variance: 1 });
    // The top latent first, then each lower one given the one above it.
    const chain = [...letters.z].reverse();
    chain.forEach((z, i) => {
      const parents: Record<string, number> = {};
      if (i > 0) parents[chain[i - 1]] = getNum(get, '#a');
      if (y) parents[y] = getNum(get, '#g');
      nodes.push({ v: z, bias: 0, parents, variance: i === 0 ? 1 : getNum(get, '#u') });
    });
    const xParents: Record<string, number> = { [z1]: getNum(get, theta) };
    if (y) xParents[y] = getNum(get, '#w');
    nodes.push({ v: letters.x, bias: getNum(get, '#b'), parents: xParents, variance: getNum(get, '#s2') });
    return nodes;
  };
  const qMean = (get: Getter, x: number, yv: number): number => getNum(get, phi) * x + getNum(get, '#c') + (y ? getNum(get, '#g') * yv : 0);
  const q = (get: Getter): LinearNode[] => {
    const nodes: LinearNode[] = [{ v: letters.x, bias: 0, variance: 1 }];
    if (y) nodes.push({ v: y, bias: 0, variance: 1 });
    const parents = (): Record<string, number> => ({ [letters.x]: getNum(get, phi), ...(y ? { [y]: getNum(get, '#g') } : {}) });
    for (const z of [z1, ...(letters.copies ?? [])]) nodes.push({ v: z, bias: getNum(get, '#c'), parents: parents(), variance: getNum(get, '#v') });
    // Higher latents: q(z_2 | z_1), a Gaussian linear in the latent below.
    let below = z1;
    for (const z of upper) {
      nodes.push({ v: z, bias: 0, parents: { [below]: getNum(get, '#a') * 0.5 }, variance: getNum(get, '#u') });
      below = z;
    }
    return nodes;
  };
  const models: Record<string, (get: Getter) => GaussianJoint> = {};
  for (const h of letters.pHeads) models[h] = (get) => GaussianJoint.linear(p(get));
  for (const h of letters.qHeads) models[h] = (get) => GaussianJoint.linear(q(get));
  const functions: Record<string, (args: readonly Value[], get: Getter) => Value> = {};
  const num = (v: Value): number => (typeof v === 'number' ? v : NaN);
  if (letters.mu) functions[letters.mu] = (args, get) => qMean(get, num(args[0]), num(args[1] ?? 0));
  if (letters.sigma) functions[letters.sigma] = (_args, get) => Math.sqrt(getNum(get, '#v'));
  return makeWorld(seed, { name: 'a linear-Gaussian latent model', specs, models, functions });
}
