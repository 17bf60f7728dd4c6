/**
 * Every kind of formula GenMath knows, and everything the hover, the CodeLens, the Explain panel
 * and the CLI say or do for it, in one table: a new kind is one entry here (plus its detector in
 * `recognize/kinds/` and its derivation in `explain/`). `test/unit/kinds/registry.test.ts` fails
 * when an entry lacks a part, and a derivation listed under no kind does not compile.
 *
 * The Explain panel's webview bundles this file (for the toy instance, whose sliders recompute
 * without a round trip to the host), so it stays light: the derivations are named here by their
 * variant (a type-only import), never imported.
 */
import {
  bayesToy, diffusionToy, elboToy, entropyToy, gradientToy, jsdToy, klToy, marginalToy, minimaxToy, mleToy, reconstructionToy,
  type ToyInstance,
} from './evaluate/toy';
import type { Variant } from './explain/variants';
import type { FormulaKind } from './recognize/types';
import type { GanLoss } from './train/gan';

/** A derivation GenMath builds (src/core/explain/build.ts), as `family/variant`: `elbo/beta`, `update/adam`. */
export type VariantId = Variant extends infer V ? (V extends { readonly family: infer F extends string; readonly name: infer N extends string } ? `${F}/${N}` : never) : never;

/** A formula's roles: which of its symbols is the parameter, the data, ... (`Classification.roles`). */
type Roles = Readonly<Record<string, string>>;

/**
 * The toy trainings a demo can open, named as their commands' table names them (src/host/commands.ts).
 * Plain names, not command ids: the core knows nothing of VS Code.
 */
export type DemoToy = 'gan' | 'vae' | 'mle' | 'autoencoder' | 'diffusion' | 'klfit' | 'gd';

/** A kind's experiment: which toy, and the settings that fit a formula of the kind (from its roles). */
export interface Demo {
  readonly toy: DemoToy;
  readonly settings: (roles: Roles) => Readonly<Record<string, string | number>>;
}

/** What GenMath knows about one kind. */
export interface KindFacts {
  /** Its name for people, as the hover, the CodeLens and the panel's heading show it. */
  readonly title: string;
  /** Its name in a list of kinds, in running text ("maximum likelihood, KL divergence, ..."). */
  readonly listName: string;
  /** Whether "Looks like ..." puts an article before it: not for a principle or a rule. */
  readonly article: boolean;
  /** One sentence saying what a formula of the kind does, when its roles name no symbols (src/core/explain/summary.ts). */
  readonly summary: string;
  /** The derivations that explain formulas of the kind, by variant; the corpus test checks no other one is shown. */
  readonly derivations: readonly VariantId[];
  /** Its toy instance in the Explain panel (sliders over a small concrete model), labelled with the formula's symbols. */
  readonly toy: ((roles: Roles) => ToyInstance) | null;
  /** Its toy training, opened by "Run demo", or null when no toy shows it. */
  readonly demo: Demo | null;
}

/** The GAN losses the trainer has, by the min-max variant the recognizer names. */
const GAN_LOSS_BY_VARIANT: Readonly<Record<string, GanLoss>> = {
  saturating: 'minimax',
  'non-saturating': 'nonsaturating',
  wasserstein: 'wgan-gp',
  'least-squares': 'least-squares',
};

/** The table. Its order is the order kinds are listed in (`none` last). */
export const KINDS = {
  mle: {
    title: 'Maximum likelihood',
    listName: 'maximum likelihood',
    article: false,
    summary: 'choose the parameters under which the observed data are most probable',
    derivations: ['mle/bernoulli', 'mle/binomial', 'mle/gaussian', 'mle/categorical', 'mle/mixture', 'mle/nll', 'mle/generic'],
    toy: mleToy,
    demo: { toy: 'mle', settings: () => ({ model: 'gaussian' }) },
  },
  kl: {
    title: 'KL divergence',
    listName: 'KL divergence',
    article: true,
    summary: 'how much information is lost when the second distribution is used in place of the first; asymmetric, ≥ 0',
    // A lone KL term of a diffusion model's bound is derived as that bound.
    derivations: ['kl/gaussian', 'kl/forward', 'kl/reverse', 'kl/undirected', 'diffusion/vlb'],
    toy: klToy,
    demo: { toy: 'klfit', settings: () => ({}) },
  },
  elbo: {
    title: 'Evidence lower bound (ELBO)',
    listName: 'ELBO',
    article: true,
    summary: 'a lower bound on the log-likelihood log p(x); the gap is the KL divergence from the approximate to the true posterior',
    derivations: ['elbo/plain', 'elbo/loss', 'elbo/beta', 'elbo/conditional', 'elbo/hierarchical', 'elbo/iwae'],
    toy: elboToy,
    demo: { toy: 'vae', settings: () => ({ dataset: 'lineargauss' }) },
  },
  minimax: {
    title: 'GAN min-max game',
    listName: 'GAN min-max game',
    article: true,
    summary: 'a two-player game: the discriminator tells real from generated samples, the generator tries to fool it',
    derivations: ['other/gan', 'other/gan-nonsaturating', 'other/gan-leastsquares', 'other/gan-wasserstein'],
    toy: minimaxToy,
    // The game trains with the loss the note writes.
    demo: { toy: 'gan', settings: (roles) => ({ loss: GAN_LOSS_BY_VARIANT[roles.variant ?? ''] ?? 'nonsaturating' }) },
  },
  gradient_step: {
    title: 'Gradient step',
    listName: 'gradient step',
    article: true,
    summary: 'move the parameters a small step against the gradient of the loss',
    derivations: ['update/plain', 'update/momentum', 'update/nesterov', 'update/adagrad', 'update/rmsprop', 'update/adam', 'update/langevin'],
    toy: gradientToy,
    demo: { toy: 'gd', settings: () => ({ function: 'quadratic' }) },
  },
  marginal: {
    title: 'Marginal likelihood',
    listName: 'marginal likelihood',
    article: true,
    summary: 'the likelihood of the data with the latent variable summed or integrated out',
    derivations: ['other/marginal'],
    toy: marginalToy,
    demo: { toy: 'mle', settings: () => ({ model: 'mixture', method: 'em' }) },
  },
  reconstruction: {
    title: 'Reconstruction loss',
    listName: 'reconstruction loss',
    article: true,
    summary: 'how far a reconstruction is from its input; a negative log-likelihood under a Gaussian or Bernoulli decoder',
    derivations: ['autoencoder/deterministic', 'autoencoder/denoising', 'autoencoder/vq', 'other/bce'],
    toy: reconstructionToy,
    demo: { toy: 'autoencoder', settings: () => ({}) },
  },
  diffusion: {
    title: 'Diffusion model',
    listName: 'diffusion model',
    article: true,
    summary: 'data are noised step by step, and a network learns to undo the noise',
    derivations: ['diffusion/vlb', 'diffusion/simple', 'diffusion/forward'],
    toy: diffusionToy,
    demo: { toy: 'diffusion', settings: () => ({ dataset: 'ring8' }) },
  },
  bayes: {
    title: "Bayes' rule",
    listName: "Bayes' rule",
    article: false,
    summary: 'the posterior is the likelihood times the prior, divided by the evidence',
    derivations: ['other/bayes-events', 'other/bayes-densities'],
    toy: bayesToy,
    demo: null,
  },
  entropy: {
    title: 'Entropy / cross-entropy',
    listName: 'entropy',
    article: true,
    summary: 'the expected surprise −log p of samples; cross-entropy = entropy + KL divergence',
    derivations: ['other/entropy', 'other/cross-entropy'],
    toy: entropyToy,
    demo: null,
  },
  jsd: {
    title: 'Jensen-Shannon divergence',
    listName: 'Jensen-Shannon divergence',
    article: true,
    summary: 'a symmetric, bounded divergence: the average KL of each distribution to their mixture; between 0 and log 2',
    // Written through entropies (H(M) minus the mean entropy), it is derived as an entropy.
    derivations: ['other/jsd', 'other/entropy'],
    toy: jsdToy,
    demo: null,
  },
  none: {
    title: 'Formula',
    listName: 'formula',
    article: true,
    summary: '',
    derivations: [],
    toy: null,
    demo: null,
  },
} as const satisfies Readonly<Record<FormulaKind, KindFacts>>;

/**
 * Fails to compile when a derivation GenMath builds is listed under no kind, naming it: every
 * derivation explains some kind.
 */
type Unlisted = Exclude<VariantId, (typeof KINDS)[FormulaKind]['derivations'][number]>;
const everyDerivationListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyDerivationListed;

/** A kind's facts. */
export function kindFacts(kind: FormulaKind): KindFacts {
  return KINDS[kind];
}

/** Every kind, in the table's order (`none` last). */
export const FORMULA_KINDS = Object.keys(KINDS) as readonly FormulaKind[];

/** Whether `v` is a kind's name (a message's field is checked before it is trusted). */
export function isFormulaKind(v: unknown): v is FormulaKind {
  return typeof v === 'string' && Object.prototype.hasOwnProperty.call(KINDS, v);
}

/** The toy instance of a formula of `kind`, labelled with its symbols, or undefined when the kind has none. */
export function toyInstanceFor(kind: FormulaKind, roles: Roles): ToyInstance | undefined {
  return kindFacts(kind).toy?.(roles);
}

/** The kinds GenMath explains, in running text: "maximum likelihood, KL divergence, ..., Jensen-Shannon divergence". */
export function explainedKindsText(): string {
  return FORMULA_KINDS.filter((k) => k !== 'none').map((k) => KINDS[k].listName).join(', ');
}
