/**
 * The symbol glossary of a formula card: every symbol named from the formula's own
 * letters, the ones with a role first (`q_\phi(z|x)`: the encoder's approximate
 * posterior), then the densities and letters it uses with their conventional meaning.
 */
import type { MathNode } from '../parse/tree';
import type { Context } from './context';
import { isDensityApp } from './math';
import { nodeTex, tex } from './query';
import type { Classification, GlossaryEntry } from './types';

/** What each role means, as the glossary says it. */
const ROLE_MEANINGS: Readonly<Record<string, string>> = {
  encoder: "the encoder's approximate posterior",
  variational: 'the variational distribution',
  decoder: "the decoder's likelihood",
  prior: 'the prior',
  joint: 'the joint density of data and latent variable',
  latent: 'latent variable',
  data: 'observed data',
  parameter: 'model parameters',
  variational_parameter: 'variational (encoder) parameters',
  learning_rate: 'learning rate (step size)',
  velocity: 'velocity: a running sum of past gradients (momentum)',
  momentum: 'momentum coefficient: how much of the velocity is kept each step',
  loss: 'the loss being minimized',
  generator: 'the generator',
  discriminator: 'the discriminator',
  noise: 'noise input',
  data_distribution: 'the data distribution',
  noise_distribution: 'the noise distribution',
  time_step: 'time step',
  schedule: 'noise schedule',
  noise_predictor: 'the network that predicts the added noise',
  forward: 'forward (noising) process',
  reverse: 'learned reverse (denoising) process',
  posterior: 'posterior',
  likelihood: 'likelihood',
  model: 'the model density',
  first: 'first argument: the distribution the divergence is measured from',
  second: 'second argument: the distribution used in its place',
  quantity: 'the entropy being defined',
  distribution: 'the distribution',
  mixture: 'the mixture of the two distributions',
  reconstruction: 'the reconstruction of the input',
  code: 'the code (hidden representation)',
  reparameterized: 'a noisy sample at time step t',
};

/** Conventional meanings of single symbols, used when no role names them. */
const SYMBOL_MEANINGS: Readonly<Record<string, string>> = {
  theta: 'model parameters', phi: 'variational (encoder) parameters', eta: 'learning rate', gamma: 'step size',
  x: 'data point', z: 'latent variable', h: 'hidden code', y: 'label or target', t: 'time step', T: 'number of steps',
  epsilon: 'Gaussian noise', beta: 'noise schedule (or a coefficient)', alpha: 'coefficient (1 - beta in diffusion)',
  sigma: 'standard deviation', mu: 'mean', D: 'discriminator (or data set)', G: 'generator', N: 'Gaussian (normal) distribution',
  E: 'expectation', H: 'entropy', L: 'loss or likelihood', Z: 'normalizing constant (partition function)', I: 'identity matrix',
  lambda: 'weight of a penalty term', n: 'number of examples', i: 'index of an example', k: 'index',
};

const KIND_ROLES_SKIPPED: ReadonlySet<string> = new Set(['variant', 'direction']);

/** Builds the glossary from the context and the classification's roles. */
export function buildGlossary(ctx: Context, c: Classification): GlossaryEntry[] {
  const out: GlossaryEntry[] = [];
  const seen = new Set<string>();
  const add = (symbol: string, meaning: string): void => {
    if (!symbol || seen.has(symbol) || out.length >= 16) return;
    seen.add(symbol);
    out.push({ symbol, meaning });
  };
  // Roles in the order of ROLE_MEANINGS: the specific ones (encoder, prior) before the generic (first, second).
  for (const [role, meaning] of Object.entries(ROLE_MEANINGS)) {
    const symbol = c.roles[role];
    if (symbol === undefined || KIND_ROLES_SKIPPED.has(role)) continue;
    if (/[A-Za-z\\]/.test(symbol) && symbol.length <= 80) add(symbol, meaning);
  }
  for (const a of ctx.apps) {
    if (!isDensityApp(a)) continue;
    const symbol = nodeTex(a.fn) + '(' + tex(a.group.children ?? []) + ')';
    const main = a.main.map(tex).join(', ');
    const cond = a.cond.map(tex).join(', ');
    const meaning = cond ? `density of ${main} given ${cond}` : a.main.length > 1 ? `joint density of ${main}` : `density of ${main}`;
    add(symbol, meaning);
  }
  for (const n of ctx.nodes) {
    if (n.type !== 'id' || n.name === '' || (n.sub && n.sub.some((m) => m.type === 'op'))) continue;
    const meaning = SYMBOL_MEANINGS[n.name];
    if (!meaning) continue;
    add(nodeTex(bare(n)), n.name === 'E' && n.sub ? 'expectation over ' + tex(n.sub) : meaning);
  }
  return out;
}

/** The symbol without its scripts, unless the script is part of its name (`\beta_t`, `x_0`). */
function bare(n: MathNode): MathNode {
  return { ...n, sup: undefined, prime: undefined, sub: n.name === 'E' ? undefined : n.sub };
}
