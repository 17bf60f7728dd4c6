/**
 * GenMath's commands, in one table: their ids, titles and icons as package.json contributes them,
 * the menus they show in, whether a hover's links may run them, and which toy a demo command opens.
 * Registration (src/host/extension.ts) takes one handler per entry, the hover's allow-list and the
 * demo links are read from here, and `test/unit/commands.test.ts` checks package.json against it.
 *
 * Plain data (no `vscode`), so that test runs in Node.
 */
import type { DemoToy } from '../core/kinds';

/** The menus a command can be listed in, by their package.json names. */
export type MenuName = 'editor/context' | 'editor/title' | 'genmath.demos';

/** One command. */
export interface CommandSpec {
  /** `genmath.camelCaseVerb`, as package.json and `command:` links write it. */
  readonly id: string;
  /** Its title in the palette, after the "GenMath:" category. */
  readonly title: string;
  /** A codicon, as package.json writes it: `$(book)`. */
  readonly icon: string;
  /** Whether a hover's `command:` links may run it (the hover's `enabledCommands`). */
  readonly hoverLink: boolean;
  /** The menus it is listed in (each with the `when` and `group` package.json gives it there). */
  readonly menus: readonly MenuName[];
  /** When it shows in the command palette, if not always. */
  readonly paletteWhen?: string;
  /** The toy training it opens, for a kind's demo (src/core/kinds.ts). */
  readonly toy?: DemoToy;
}

/** The table, in package.json's order. */
export const COMMANDS = {
  explainFormula: { id: 'genmath.explainFormula', title: 'Explain Formula', icon: '$(book)', hoverLink: true, menus: ['editor/context', 'editor/title'] },
  convertPastedMath: { id: 'genmath.convertPastedMath', title: 'Convert Pasted Math to LaTeX', icon: '$(replace)', hoverLink: false, menus: [], paletteWhen: 'editorLangId == markdown' },
  trainToyGan: { id: 'genmath.trainToyGan', title: 'Train Toy GAN', icon: '$(play)', hoverLink: true, menus: ['genmath.demos'], toy: 'gan' },
  trainToyVae: { id: 'genmath.trainToyVae', title: 'Train Toy VAE', icon: '$(play)', hoverLink: true, menus: ['genmath.demos'], toy: 'vae' },
  fitMaximumLikelihood: { id: 'genmath.fitMaximumLikelihood', title: 'Fit by Maximum Likelihood', icon: '$(play)', hoverLink: true, menus: ['genmath.demos'], toy: 'mle' },
  trainAutoencoder: { id: 'genmath.trainAutoencoder', title: 'Train Autoencoder', icon: '$(play)', hoverLink: true, menus: ['genmath.demos'], toy: 'autoencoder' },
  fitKlForwardReverse: { id: 'genmath.fitKlForwardReverse', title: 'Fit KL: Forward vs Reverse', icon: '$(play)', hoverLink: true, menus: ['genmath.demos'], toy: 'klfit' },
  gradientDescentExplorer: { id: 'genmath.gradientDescentExplorer', title: 'Gradient Descent Explorer', icon: '$(play)', hoverLink: true, menus: ['genmath.demos'], toy: 'gd' },
  runToyDiffusion: { id: 'genmath.runToyDiffusion', title: 'Run Toy Diffusion', icon: '$(play)', hoverLink: true, menus: ['genmath.demos'], toy: 'diffusion' },
  openExampleNote: { id: 'genmath.openExampleNote', title: 'Open an Example Note', icon: '$(notebook)', hoverLink: false, menus: [] },
} as const satisfies Readonly<Record<string, CommandSpec>>;

/** A command's name in the table. */
export type CommandKey = keyof typeof COMMANDS;

/** The table's commands that open a toy training. */
export type ToyCommandKey = { [K in CommandKey]: (typeof COMMANDS)[K] extends { readonly toy: DemoToy } ? K : never }[CommandKey];

/** Fails to compile when a toy a kind's demo can open has no command, naming it. */
type Unopened = Exclude<DemoToy, (typeof COMMANDS)[ToyCommandKey]['toy']>;
const everyToyHasACommand: [Unopened] extends [never] ? true : Unopened = true;
void everyToyHasACommand;

/** The commands hover links may run; hovers allow exactly these through `enabledCommands`. */
export const HOVER_COMMANDS: readonly string[] = Object.values(COMMANDS as Readonly<Record<CommandKey, CommandSpec>>)
  .filter((c) => c.hoverLink)
  .map((c) => c.id);

/** The command that opens a toy training. */
export function toyCommand(toy: DemoToy): string {
  const found = Object.values(COMMANDS as Readonly<Record<CommandKey, CommandSpec>>).find((c) => c.toy === toy);
  // The type check above makes every toy findable; this only guards a table edited against it.
  if (!found) throw new Error(`no command opens the ${toy} toy`);
  return found.id;
}
