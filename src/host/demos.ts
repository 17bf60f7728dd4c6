/**
 * Which experiment a formula's kind links to. Only commands that exist are linked (no dead links):
 * later kinds get theirs as their trainers land.
 */
import type { FormulaCard } from '../core/recognize/types';

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

/** The commands hover links may run; hovers allow exactly these through `enabledCommands`. */
export const HOVER_COMMANDS: readonly string[] = ['genmath.explainFormula', 'genmath.trainToyGan'];

/** The Explain link of a formula: which document and where, so the panel opens on that formula. */
export function explainLink(uri: string, offset: number): DemoLink {
  return { title: 'Explain ▸', command: 'genmath.explainFormula', args: [{ uri, offset }] };
}

/** The demo of a formula card, if its kind has one: a min-max game trains the variant it writes. */
export function demoFor(card: Pick<FormulaCard, 'kind' | 'roles'>): DemoLink | undefined {
  if (card.kind === 'minimax') {
    const loss = GAN_LOSS_BY_VARIANT[card.roles.variant ?? ''] ?? 'nonsaturating';
    return { title: 'Run demo ▸', command: 'genmath.trainToyGan', args: [{ loss }] };
  }
  return undefined;
}

/** A `command:` URI for markdown, arguments JSON-encoded as VS Code expects. */
export function commandUri(link: DemoLink): string {
  return `command:${link.command}?${encodeURIComponent(JSON.stringify(link.args))}`;
}
