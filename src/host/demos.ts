/**
 * The command links of a formula: Explain, and the demo its kind has (src/core/kinds.ts), run by
 * the command the command table names for that toy (src/host/commands.ts). A kind with no demo
 * gets no link (no dead links).
 */
import { kindFacts } from '../core/kinds';
import type { FormulaCard } from '../core/recognize/types';
import { MAX_SOURCE_TEX } from '../shared/sourceFormula';
import { COMMANDS, toyCommand } from './commands';

/** A command link: what to show, which command, and its arguments. */
export interface DemoLink {
  readonly title: string;
  readonly command: string;
  readonly args: readonly unknown[];
}

/**
 * The link under a formula too large for a hover: the Explain panel opens on it (its KaTeX has no
 * size limit), whatever the formula's kind.
 */
export function wholeFormulaLink(uri: string, offset: number): DemoLink {
  return { title: 'Show the whole formula in the Explain panel ▸', command: COMMANDS.explainFormula.id, args: [{ uri, offset }] };
}

/** The Explain link of a formula: which document and where, so the panel opens on that formula. */
export function explainLink(uri: string, offset: number): DemoLink {
  return { title: 'Explain ▸', command: COMMANDS.explainFormula.id, args: [{ uri, offset }] };
}

/**
 * The demo of a formula card, if its kind has one, with the settings its kind reads from its roles
 * (a min-max game trains the variant it writes).
 * The second argument carries the note's own formula, so the panel can show it above the toy's
 * (left out when too long to carry in a link).
 */
export function demoFor(card: Pick<FormulaCard, 'kind' | 'roles'> & Partial<Pick<FormulaCard, 'tex' | 'title'>>): DemoLink | undefined {
  const demo = kindFacts(card.kind).demo;
  if (!demo) return undefined;
  const source = card.tex && card.tex.length <= MAX_SOURCE_TEX ? [{ tex: card.tex, name: (card.title ?? '').slice(0, 80) }] : [];
  return { title: 'Run demo ▸', command: toyCommand(demo.toy), args: [demo.settings(card.roles), ...source] };
}

/** A `command:` URI for markdown, arguments JSON-encoded as VS Code expects. */
export function commandUri(link: DemoLink): string {
  return `command:${link.command}?${encodeURIComponent(JSON.stringify(link.args))}`;
}
