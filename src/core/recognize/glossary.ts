/**
 * The symbol glossary of a formula card: each symbol named once, from the formula's own letters,
 * with a meaning typed by what the formula is. The variant's own reading comes first (a β-VAE's β
 * weights the KL term; a binomial's k counts successes; a deterministic encoder is a function, not
 * a distribution), then the card's roles, then the conventional meaning of the remaining letters,
 * typed by context (β is a noise schedule only in a diffusion model). A role is never contradicted:
 * a symbol the roles name keeps their meaning.
 *
 * Meanings are carried twice: `meaningTex` with its math in `$...$` for the panel to render with
 * KaTeX, and `meaning` as readable Unicode text for places that show plain text (a hover line).
 */
import type { ParsedFormula } from '../parse/tree';
import { parseMath } from '../parse/parser';
import { canonical, writtenSymbolsOf } from '../explain/check/symbols';
import { toTex } from '../explain/expr/tex';
import type { Expr } from '../explain/expr/types';
import { readParsed, type Reading } from '../explain/read/reading';
import { texToText } from '../explain/texToText';
import { detectVariant, type Variant } from '../explain/variants';
import type { Context } from './context';
import { tex } from './query';
import type { Classification, GlossaryEntry } from './types';

/** A glossary entry whose meaning also comes as TeX-in-text, for rendering. */
export interface TexGlossaryEntry extends GlossaryEntry {
  /** The meaning with its math in `$...$`. */
  readonly meaningTex: string;
}

/** At most this many entries: a hover has little room. */
const MAX_ENTRIES = 16;

/** `$tex$`. */
const m = (e: Expr | string): string => `$${typeof e === 'string' ? e : toTex(e)}$`;

/** Plain text of a meaning: its `$...$` parts as Unicode. */
function plain(meaningTex: string): string {
  return meaningTex.replace(/\$([^$]+)\$/g, (_, t: string) => texToText(t));
}

/** A symbol's TeX in one spelling (`q_\phi(z|x)` and `q_{\phi}(z \mid x)` are one symbol). */
function key(symbol: string): string {
  try {
    const nodes = parseMath(symbol).lines.flat();
    return nodes.length > 0 ? tex(nodes).replace(/\s+/g, '') : symbol;
  } catch {
    return symbol;
  }
}

/** Collects entries, one per symbol, for symbols the formula writes. */
class Entries {
  readonly list: TexGlossaryEntry[] = [];
  readonly #seen = new Set<string>();
  /** Whether a meaning agrees with the roles of the symbol (set once the roles are known). */
  compatible: (symbol: string, meaning: string) => boolean = () => true;
  constructor(readonly symbols: ReadonlySet<string> | undefined) {}

  has(symbol: string): boolean {
    return this.#seen.has(key(symbol));
  }

  /** True when the formula writes the symbol (an application: its letter). */
  present(symbol: string): boolean {
    if (!this.symbols) return true;
    const s = applied(symbol) ? headOf(symbol) : symbol;
    // Exactly as written: `\bar{\alpha}_t` does not make `\alpha_t` a symbol of the formula.
    return this.symbols.has(canonical(s)) || this.symbols.has(s);
  }

  add(symbol: string | Expr | undefined, meaningTex: string): void {
    if (symbol === undefined) return;
    // Written compactly, as notes write them and recognition's roles spell them: `q_{\phi}(z|x)`.
    const s = (typeof symbol === 'string' ? symbol : toTex(symbol)).replace(/\s*\\mid\s*/g, '|').replace(/,\s+/g, ',');
    if (!s || s.length > 80 || /\s[a-z]{2,}/.test(s) || this.has(s) || !this.present(s) || this.list.length >= MAX_ENTRIES) return;
    if (!this.compatible(s, meaningTex)) return;
    this.#seen.add(key(s));
    this.list.push({ symbol: s, meaning: plain(meaningTex), meaningTex });
  }

  /** True when an indexed form of a bare letter (`x_0` for `x`) is already named. */
  namesIndexed(letter: string): boolean {
    return this.list.some((e) => e.symbol.startsWith(`${letter}_`));
  }
}

/** A symbol is a density or function written applied (`q_{\phi}(z|x)`), not a bare name. */
const applied = (s: string): boolean => /\(.*\)$/.test(s);
/** The head of an application: `q_{\phi}` of `q_{\phi}(z|x)`. */
const headOf = (s: string): string => s.replace(/\(.*$/, '');
/** True for a density letter (p, q with any script). */
const densityLetter = (s: string): boolean => /^[pqPQ](?:_|\^|$|\()/.test(s) || /^\\(?:Pr|mathbb\{P\})/.test(s);

/** What each role means, typed by how its symbol is written. */
function roleMeaning(role: string, symbol: string): string | undefined {
  const dist = densityLetter(symbol);
  switch (role) {
    case 'encoder': return dist ? "the encoder's approximate posterior: a distribution over the latent given the data" : 'the encoder: a deterministic function from the input to its code';
    case 'decoder': return dist ? "the decoder's likelihood: a distribution over the data given the latent" : 'the decoder: a deterministic function from the code back to the input';
    case 'variational': return 'the variational distribution, which approximates the posterior';
    case 'prior': return 'the prior over the latent variable';
    case 'joint': return 'the joint density of data and latent variable';
    case 'latent': return 'the latent variable';
    case 'data': return 'the observed data';
    case 'parameter': return 'the parameters being fitted or updated';
    case 'variational_parameter': return "the encoder's (variational) parameters";
    case 'learning_rate': return 'the learning rate (step size)';
    case 'velocity': return 'the velocity: a running sum of past gradients';
    case 'momentum': return 'the momentum coefficient: how much of the velocity is kept each step';
    case 'loss': return 'the loss being minimized';
    case 'generator': return 'the generator: a function from noise to samples';
    case 'discriminator': return 'the discriminator: the probability it gives that a sample is real';
    case 'noise': return 'the noise input';
    case 'data_distribution': return 'the data distribution';
    case 'noise_distribution': return 'the distribution of the noise input';
    case 'time_step': return 'the time step';
    case 'schedule': return 'the noise schedule: the variance added at each step';
    case 'noise_predictor': return 'the network that predicts the added noise';
    case 'forward': return 'the forward (noising) process, fixed';
    case 'reverse': return 'the learned reverse (denoising) process';
    case 'posterior': return 'the posterior';
    case 'likelihood': return 'the likelihood';
    case 'model': return 'the model density';
    case 'first': return 'the first argument: the distribution the divergence is measured from';
    case 'second': return 'the second argument: the distribution used in its place';
    case 'quantity': return 'the quantity being defined';
    case 'distribution': return 'the distribution';
    case 'mixture': return 'the mixture of the two distributions';
    case 'reconstruction': return 'the reconstruction of the input';
    case 'prediction': return "the model's prediction";
    case 'target': return 'the target value';
    case 'code': return 'the code (hidden representation)';
    case 'weight': return 'a weight on a term of the objective';
    case 'component': return 'a component of the mixture';
    case 'reparameterized': return 'a noisy sample at a time step';
    default: return undefined;
  }
}

/**
 * What a meaning must say for a symbol a role names, so a glossary never contradicts the roles
 * (a prediction is never called the target, a deterministic encoder never a distribution).
 */
export const ROLE_WORDS: Readonly<Record<string, RegExp>> = {
  encoder: /encoder/, decoder: /decoder/, prior: /prior/, latent: /latent/, variational: /variational|approximat|encoder/,
  learning_rate: /learning rate|step size/, loss: /loss|bound|objective/, generator: /generator/, discriminator: /discriminator|critic/,
  prediction: /prediction/, target: /target/, reconstruction: /reconstruction/, velocity: /velocity|sum|average/, momentum: /momentum/,
  noise_predictor: /noise/, schedule: /schedule|noise/, forward: /forward/, reverse: /reverse/, posterior: /posterior/, likelihood: /likelihood|decoder/,
};

/** The variant's own, precise entries. */
function variantEntries(v: Variant, g: Entries): void {
  switch (v.family) {
    case 'elbo': {
      const L = v.letters;
      const c = L.y ? `, ${toTex(L.y)}` : '';
      g.add(`${L.q}(${toTex(L.z)} \\mid ${toTex(L.x)}${c})`, `the encoder: an approximate posterior over ${m(L.z)} given ${m(L.x)}${L.y ? ` and ${m(L.y)}` : ''}`);
      g.add(`${L.p}(${toTex(L.x)} \\mid ${toTex(L.z)}${c})`, `the decoder: the likelihood of ${m(L.x)} given ${m(L.z)}`);
      g.add(`${L.prior}(${toTex(L.z)}${L.y ? ` \\mid ${toTex(L.y)}` : ''})`, `the prior over ${m(L.z)}`);
      g.add(L.z, 'the latent variable');
      if (L.z2) g.add(L.z2, `the upper latent variable, on which ${m(L.z)} depends`);
      g.add(L.x, 'the observed data point');
      if (L.y) g.add(L.y, 'the condition (a label) that every density sees');
      if (L.theta) g.add(L.theta, "the decoder's (model) parameters");
      if (L.phi) g.add(L.phi, "the encoder's (variational) parameters");
      if (L.beta) g.add(L.beta, 'the weight of the KL term (β-VAE): above 1 it pushes the encoder towards the prior');
      if (L.objective) g.add(L.objective, L.sign === 'loss' ? 'the loss: minus the evidence lower bound' : 'the evidence lower bound');
      if (L.K) g.add(L.K, 'the number of importance samples');
      if (L.k) g.add(L.k, 'the index of an importance sample');
      return;
    }
    case 'autoencoder': {
      const L = v.letters;
      if (L.enc) g.add(L.enc, 'the encoder: a deterministic function from the input to its code');
      if (L.dec) g.add(L.dec, 'the decoder: a deterministic function from the code back to the input');
      if (v.name !== 'vq') g.add(L.x, v.name === 'denoising' ? 'the clean input, which the reconstruction is compared with' : 'the input');
      if (L.corrupted) g.add(L.corrupted, 'the corrupted input the encoder sees');
      if (L.ze) g.add(L.ze, "the encoder's continuous output");
      if (L.code) g.add(L.code, 'a code vector of the codebook');
      if (L.beta) g.add(L.beta, 'the weight of the commitment term');
      if (v.name === 'vq') g.add('\\mathrm{sg}', 'stop-gradient: the value passes, the gradient does not');
      return;
    }
    case 'update': {
      const L = v.letters;
      const isLangevin = v.name === 'langevin';
      g.add(L.param.base, isLangevin ? 'the sample, moved one step of the chain' : 'the parameters being updated');
      if (L.t) g.add(L.t, 'the step index');
      if (L.velocity) g.add(L.velocity.base, v.name === 'adagrad' ? 'the running sum of squared gradients' : v.name === 'rmsprop' ? 'the moving average of squared gradients' : 'the velocity: an exponentially weighted sum of past gradients');
      if (L.keep && L.keep.t === 'sym') g.add(L.keep, 'the momentum coefficient: the share of the velocity kept each step');
      if (L.rate && L.rate.t === 'neg' && L.rate.a.t === 'sym') g.add(L.rate.a, 'the learning rate (step size)');
      if (L.gradient && !L.gradient.score) g.add(L.gradient.head, 'the loss being minimized');
      if (isLangevin && L.gradient) g.add(L.gradient.head, 'the target density the chain samples from');
      if (isLangevin && L.noise) g.add(L.noise, 'standard Gaussian noise, fresh at each step');
      if (v.name === 'adam') {
        g.add('\\beta_1', "the decay rate of Adam's first-moment (mean) estimate");
        g.add('\\beta_2', "the decay rate of Adam's second-moment estimate");
        g.add('\\hat{m}', 'the bias-corrected first moment: an average of recent gradients');
        g.add('\\hat{v}', 'the bias-corrected second moment: an average of recent squared gradients');
        g.add('\\epsilon', 'a small constant that keeps the division finite');
      }
      if (v.name === 'rmsprop' || v.name === 'adagrad') g.add('\\epsilon', 'a small constant that keeps the division finite');
      return;
    }
    case 'diffusion': {
      const L = v.letters;
      g.add(L.q, 'the forward (noising) process: fixed, nothing in it is learned');
      g.add(L.p, 'the learned reverse (denoising) process');
      g.add(`${L.x}_0`, 'a data point');
      g.add(`${L.x}_${L.t}`, `the noisy sample at step ${m(L.t)}`);
      g.add(L.t, 'the step of the noising process');
      if (L.T) g.add(L.T, 'the number of noising steps');
      if (L.beta) g.add(`${L.beta}_${L.t}`, `the noise schedule: the variance added at step ${m(L.t)}`);
      if (L.alpha) g.add(`${L.alpha}_${L.t}`, `${m(`1 - \\beta_${L.t}`)}: the share of the signal's variance kept at step ${m(L.t)}`);
      if (L.alphaBar) g.add(`${L.alphaBar}_${L.t}`, `the product of the ${m('\\alpha_s')} up to ${m(L.t)}: the share of the data's variance left at step ${m(L.t)}`);
      if (L.eps) g.add(L.eps, 'standard Gaussian noise');
      if (L.epsTheta) g.add(L.epsTheta, 'the network that predicts the noise added to a sample');
      return;
    }
    case 'mle': {
      const L = v.letters;
      if (v.name === 'bernoulli' || v.name === 'binomial') {
        if (L.theta) g.add(L.theta, 'the success probability being estimated');
        if (L.theta) g.add(`\\hat{${L.theta}}`, `the maximum-likelihood estimate of ${m(L.theta)}`);
        if (L.k) g.add(L.k, 'the number of successes');
        if (L.n) g.add(L.n, 'the number of trials');
        if (L.x) g.add(`${L.x}_${L.i}`, 'the outcome of one trial, 1 for a success and 0 for a failure');
      } else if (v.name === 'gaussian') {
        if (L.mu) g.add(L.mu, 'the mean of the Gaussian being fitted');
        if (L.sigma) g.add(L.sigma, 'the standard deviation of the Gaussian being fitted');
        if (L.x) g.add(`${L.x}_${L.i}`, 'one observation');
        if (L.n) g.add(L.n, 'the number of observations');
      } else if (v.name === 'categorical') {
        g.add(`${L.counts}_${L.j}`, `the number of observations in category ${m(L.j as string)}`);
        g.add(`${L.probs}_${L.j}`, `the probability of category ${m(L.j as string)}`);
        if (L.K) g.add(L.K, 'the number of categories');
      } else if (v.name === 'mixture') {
        g.add(`${L.probs}_${L.j}`, `the weight of component ${m(L.j as string)}`);
        g.add(`${L.mu}_${L.j}`, `the mean of component ${m(L.j as string)}`);
        if (L.sigma) g.add(`${L.sigma}_${L.j}`, `the standard deviation of component ${m(L.j as string)}`);
        if (L.K) g.add(L.K, 'the number of components');
      } else {
        if (L.model) g.add(L.model, 'the model density');
        if (L.theta) g.add(L.theta, 'the model parameters being fitted');
        if (L.theta) g.add(`\\hat{${L.theta}}`, `the maximum-likelihood estimate of ${m(L.theta)}`);
        if (L.x) g.add(`${L.x}_${L.i}`, 'one observation of the sample');
        if (L.n) g.add(L.n, 'the number of observations');
      }
      return;
    }
    case 'kl': {
      const L = v.letters;
      const what = (role: string | undefined): string => (role === 'data' ? 'the data distribution' : role === 'target' ? 'the target (true) distribution' : role === 'model' ? 'the model' : 'a distribution');
      g.add(L.first, `the first argument, ${what(L.roles[0])}: the expectation is taken under it`);
      g.add(L.second, `the second argument, ${what(L.roles[1])}: used in place of the first`);
      return;
    }
    case 'other': {
      const L = v.letters;
      if (v.name.startsWith('gan')) {
        if (L.G) g.add(L.G, 'the generator: a function from noise to samples');
        if (L.D) g.add(L.D, v.name === 'gan-wasserstein' ? 'the critic: a score, not a probability' : 'the discriminator: the probability it gives that a sample is real');
        if (L.data) g.add(L.data, 'the data distribution');
        if (L.noise) g.add(L.noise, 'the distribution of the noise input');
        if (L.z) g.add(L.z, 'the noise input of the generator');
        if (L.x) g.add(L.x, 'a data sample');
      } else if (v.name.startsWith('bayes') && L.head && L.A && L.B) {
        g.add(`${L.head}(${toTex(L.A)} \\mid ${toTex(L.B)})`, `the posterior: the probability of ${m(L.A)} after seeing ${m(L.B)}`);
        g.add(`${L.head}(${toTex(L.B)} \\mid ${toTex(L.A)})`, `the likelihood of ${m(L.B)} under ${m(L.A)}`);
        g.add(`${L.head}(${toTex(L.A)})`, `the prior probability of ${m(L.A)}`);
        g.add(`${L.head}(${toTex(L.B)})`, `the evidence: the probability of ${m(L.B)} under every hypothesis`);
      } else if (v.name === 'marginal' && L.head && L.x && L.z) {
        g.add(`${L.head}(${toTex(L.x)} \\mid ${toTex(L.z)})`, `the likelihood of ${m(L.x)} given the latent ${m(L.z)}`);
        g.add(L.z, 'the latent variable, integrated out');
      } else if ((v.name === 'entropy' || v.name === 'cross-entropy') && L.P) {
        g.add(L.P, v.name === 'cross-entropy' ? 'the distribution the outcomes come from' : 'the distribution whose entropy is taken');
        if (L.Q) g.add(L.Q, 'the distribution that scores the outcomes (a model)');
        if (L.x) g.add(L.x, 'an outcome');
      } else if (v.name === 'jsd' && L.P && L.Q) {
        g.add(L.P, 'the first distribution');
        g.add(L.Q, 'the second distribution; the divergence is symmetric in the two');
      } else if (v.name === 'bce' && L.x && L.xhat) {
        g.add(L.x, 'the observed binary value');
        g.add(L.xhat, `the reconstruction, read as the probability that ${m(L.x)} is 1`);
      }
      return;
    }
  }
}

/** Conventional meanings of letters no variant or role named, typed by the variant. */
function conventional(name: string, v: Variant | undefined): string | undefined {
  const family = v?.family;
  const diffusion = family === 'diffusion';
  switch (name) {
    case '\\theta': return 'the model parameters';
    case '\\phi': return "the encoder's (variational) parameters";
    case '\\eta': return 'the learning rate (step size)';
    case 'x': return 'a data point';
    case 'z': return 'the latent variable';
    case 'y': return family === 'elbo' ? 'the condition (a label)' : 'a label or target';
    case 'T': return diffusion ? 'the number of noising steps' : undefined;
    case 't': return diffusion || family === 'update' ? 'the time step' : undefined;
    case '\\epsilon': return family === 'update' ? 'a small constant that keeps the division finite' : 'Gaussian noise';
    case '\\beta': return diffusion ? 'the noise schedule' : 'a coefficient weighting a term';
    case '\\alpha': return diffusion ? 'one minus the noise schedule' : family === 'update' ? 'the learning rate (step size)' : 'a coefficient';
    case '\\sigma': return 'a standard deviation';
    case '\\mu': return family === 'update' ? 'the momentum coefficient' : 'a mean';
    case '\\lambda': return 'the weight of a penalty term';
    case 'n': return 'the number of examples';
    case 'i': return 'the index of an example';
    case 'k': return v?.name === 'binomial' || v?.name === 'bernoulli' ? 'the number of successes' : 'an index';
    case 'K': return 'the number of categories or samples';
    case 'N': return 'the number of examples';
    default: return undefined;
  }
}

/** The glossary of a classified formula from its parse. */
export function buildGlossary(ctx: Context, c: Classification): TexGlossaryEntry[] {
  return glossaryOf(ctx.parsed, c);
}

/** The glossary from the parse alone (the entry point `buildGlossary` wraps). */
export function glossaryOf(parsed: ParsedFormula, c: Classification): TexGlossaryEntry[] {
  let reading: Reading | undefined;
  let variant: Variant | undefined;
  try {
    reading = readParsed(parsed, c);
    variant = detectVariant(reading);
  } catch {
    variant = undefined;
  }
  const written = writtenSymbolsOf(parsed.lines);
  const g = new Entries(written);
  // Roles whose words a variant's meaning must keep.
  const roleOf = new Map<string, string>();
  for (const [role, symbol] of Object.entries(c.roles)) if (typeof symbol === 'string' && ROLE_WORDS[role]) roleOf.set(key(symbol), role);
  g.compatible = (symbol, meaning) => {
    const role = roleOf.get(key(symbol));
    return role === undefined || ROLE_WORDS[role].test(meaning);
  };
  if (variant) variantEntries(variant, g);
  for (const [role, symbol] of Object.entries(c.roles)) {
    if (role === 'variant' || role === 'direction' || typeof symbol !== 'string' || !/[A-Za-z\\]/.test(symbol)) continue;
    const meaning = roleMeaning(role, symbol);
    if (!meaning) continue;
    // A symbol the variant named keeps the variant's (more precise) meaning; an application's
    // head is the same symbol as the application.
    if (g.has(symbol) || (applied(symbol) && g.has(headOf(symbol)))) continue;
    g.add(symbol, meaning);
  }
  {
    for (const s of written) {
      if (g.has(s) || s.includes('_') || s.includes('^') || g.namesIndexed(s)) continue;
      const meaning = conventional(s, variant);
      if (meaning) g.add(s, meaning);
    }
    for (const s of written) {
      // θ̂ next to θ: the estimate, not the parameter a second time.
      // (`\hat{\theta}_{\mathrm{MLE}}` too: the letter under the hat, its subscript a label.)
      const hat = /^\\hat\{([^{}]+)\}(?:_.*)?$/.exec(s);
      if (hat && !g.has(s)) g.add(s, `an estimate of ${m(hat[1])}`);
    }
  }
  return g.list;
}
