/**
 * Which experiment a formula's kind links to. Only commands that exist are linked (no dead links):
 * later kinds get theirs as their trainers land.
 */
import type { FormulaCard } from '../core/recognize/types';
import { MAX_SOURCE_TEX } from '../shared/sourceFormula';

/** A command link: what to show, which command, and its arguments. */
export interface DemoLink {
  readonly title: string;
  readonly command: string;
  readonly args: readonly unknown[];
}

/** The GAN losses the trainer has, by the min-max variant the recognizer names. */
const GAN_LOSS_BY_VARIANT: Readonly<Record<string, string>> = {
  saturating: 'minimax',
  'non-saturating': 'nonsaturating',
  wasserstein: 'wgan-gp',
  'least-squares': 'least-squares',
};

/** The toy experiments' commands, by toy; each opens that toy's panel. */
export const TOY_COMMANDS = {
  vae: 'genmath.trainToyVae',
  mle: 'genmath.fitMaximumLikelihood',
  autoencoder: 'genmath.trainAutoencoder',
  diffusion: 'genmath.runToyDiffusion',
  klfit: 'genmath.fitKlForwardReverse',
  gd: 'genmath.gradientDescentExplorer',
} as const;

/** The commands hover links may run; hovers allow exactly these through `enabledCommands`. */
export const HOVER_COMMANDS: readonly string[] = ['genmath.explainFormula', 'genmath.trainToyGan', ...Object.values(TOY_COMMANDS)];

/** Each kind's experiment: the toy that shows it, with the settings that fit the kind. */
const TOY_BY_KIND: Partial<Record<string, { readonly command: string; readonly settings: Readonly<Record<string, string>> }>> = {
  elbo: { command: TOY_COMMANDS.vae, settings: { dataset: 'lineargauss' } },
  mle: { command: TOY_COMMANDS.mle, settings: { model: 'gaussian' } },
  marginal: { command: TOY_COMMANDS.mle, settings: { model: 'mixture', method: 'em' } },
  reconstruction: { command: TOY_COMMANDS.autoencoder, settings: {} },
  kl: { command: TOY_COMMANDS.klfit, settings: {} },
  diffusion: { command: TOY_COMMANDS.diffusion, settings: { dataset: 'ring8' } },
  gradient_step: { command: TOY_COMMANDS.gd, settings: { function: 'quadratic' } },
};

/**
 * The link under a formula too large for a hover: the Explain panel opens on it (its KaTeX has no
 * size limit), whatever the formula's kind.
 */
export function wholeFormulaLink(uri: string, offset: number): DemoLink {
  return { title: 'Show the whole formula in the Explain panel ▸', command: 'genmath.explainFormula', args: [{ uri, offset }] };
}

/** The Explain link of a formula: which document and where, so the panel opens on that formula. */
export function explainLink(uri: string, offset: number): DemoLink {
  return { title: 'Explain ▸', command: 'genmath.explainFormula', args: [{ uri, offset }] };
}

/**
 * The demo of a formula card, if its kind has one: a min-max game trains the variant it writes.
 * The second argument carries the note's own formula, so the panel can show it above the toy's
 * (left out when too long to carry in a link).
 */
export function demoFor(card: Pick<FormulaCard, 'kind' | 'roles'> & Partial<Pick<FormulaCard, 'tex' | 'title'>>): DemoLink | undefined {
  const source = card.tex && card.tex.length <= MAX_SOURCE_TEX ? [{ tex: card.tex, name: (card.title ?? '').slice(0, 80) }] : [];
  if (card.kind === 'minimax') {
    const loss = GAN_LOSS_BY_VARIANT[card.roles.variant ?? ''] ?? 'nonsaturating';
    return { title: 'Run demo ▸', command: 'genmath.trainToyGan', args: [{ loss }, ...source] };
  }
  const toy = TOY_BY_KIND[card.kind];
  return toy ? { title: 'Run demo ▸', command: toy.command, args: [toy.settings, ...source] } : undefined;
}

/** A `command:` URI for markdown, arguments JSON-encoded as VS Code expects. */
export function commandUri(link: DemoLink): string {
  return `command:${link.command}?${encodeURIComponent(JSON.stringify(link.args))}`;
}
