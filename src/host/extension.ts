/**
 * GenMath's entry point in the extension host. Activation stays light: MathJax and the trainers
 * load in worker threads on first use, never here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DocumentFormulas, DOCUMENT_SELECTOR } from './documentFormulas';
import { FormulaCodeLensProvider } from './codeLens';
import { convertPastedMath, PastedMathCodeActions } from './convertPasted';
import { FormulaHoverProvider } from './hover';
import { MacroSources } from './macroSources';
import { EquationReferences, ReferenceDefinitionProvider, ReferenceHoverProvider } from './references';
import { isFormulaLocation } from '../shared/explainProtocol';
import { isSourceFormula } from '../shared/sourceFormula';
import { isDrawnPoints, isToySettings, type ToyName } from '../shared/toyProtocol';
import { isRecord } from '../shared/is';
import { COMMANDS, type CommandKey, type CommandSpec, type ToyCommandKey } from './commands';
import { ExplainPanel } from './panels/explainPanel';
import { isExampleNoteName, offerExampleNote, openExampleNote, EXAMPLE_NOTES } from './explain/exampleNote';
import { HOVERED_CONTEXT, WalkthroughContext } from './walkthrough';
import { ToyPanel } from './panels/toyPanel';
import { ExperimentCodeLens } from './experiments';
import { RenderService } from './render/renderService';
import { createOutputLogger } from './logging';
import type { Logger } from '../shared/logger';
import { RenderAhead } from './render/renderAhead';
import { RENDER_BUDGET_MS, RENDER_CACHE_SIZE } from './limits';

export function activate(context: vscode.ExtensionContext): void {
  const { logger, channel } = createOutputLogger();
  context.subscriptions.push(channel);
  const formulas = new DocumentFormulas();
  const hovered = new WalkthroughContext(HOVERED_CONTEXT);
  const renderer = new RenderService({
    workerPath: path.join(context.extensionPath, 'dist', 'workers', 'mathjax.js'),
    budgetMs: RENDER_BUDGET_MS,
    cacheSize: RENDER_CACHE_SIZE,
    logger,
    onHoverRender: () => hovered.done(),
    // Only on a local disk: elsewhere the storage is not a folder Node can write to.
    ...(context.globalStorageUri.scheme === 'file' ? { codeCacheDir: context.globalStorageUri.fsPath } : {}),
  });
  const macroSources = new MacroSources(formulas);
  const references = new EquationReferences(formulas);
  context.subscriptions.push(
    formulas,
    macroSources,
    { dispose: () => renderer.dispose() },
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new FormulaHoverProvider(formulas, renderer, macroSources)),
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new ReferenceHoverProvider(references, renderer, macroSources)),
    vscode.languages.registerDefinitionProvider(DOCUMENT_SELECTOR, new ReferenceDefinitionProvider(references)),
    new RenderAhead(formulas, renderer, macroSources),
  );
  const codeLens = new FormulaCodeLensProvider(formulas);
  context.subscriptions.push(codeLens, vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, codeLens));
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new PastedMathCodeActions(formulas), PastedMathCodeActions.metadata),
    ...registerCommands(logger, {
      convertPastedMath: (location?: unknown) => convertPastedMath(formulas, location),
      ...registerExplain(context, formulas, macroSources, logger),
      ...registerTraining(context, logger),
    }),
  );
}

/** What each command of the table does; the type makes a command without a handler a compile error. */
type CommandHandlers<K extends CommandKey = CommandKey> = { readonly [C in K]: (...args: unknown[]) => unknown };

/**
 * Registers every command of the table (src/host/commands.ts) with its handler. A handler that
 * throws is logged in the output channel with its stack, and the person is told in one line.
 */
function registerCommands(logger: Logger, handlers: CommandHandlers): vscode.Disposable[] {
  return (Object.keys(COMMANDS) as CommandKey[]).map((key) => {
    const { id, title } = COMMANDS[key];
    return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handlers[key](...args);
      } catch (err) {
        logger.error(`${id} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        void vscode.window.showErrorMessage(`GenMath: ${title} failed (${err instanceof Error ? err.message : String(err)}). The GenMath output channel has the details.`);
        return undefined;
      }
    });
  });
}

/** Explain Formula (palette, hover link, CodeLens) and the example notes: their panel's serializer, and their commands' handlers. */
function registerExplain(context: vscode.ExtensionContext, formulas: DocumentFormulas, macroSources: MacroSources, logger: Logger): CommandHandlers<'explainFormula' | 'openExampleNote'> {
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(ExplainPanel.viewType, {
      deserializeWebviewPanel: (panel, state: unknown) => ExplainPanel.revive(panel, context, formulas, macroSources, logger, state),
    }),
    { dispose: () => ExplainPanel.current?.dispose() },
  );
  return {
    explainFormula: async (location?: unknown) => {
      // From a hover or CodeLens link the argument says where; it is checked like any message.
      let doc: vscode.TextDocument | undefined;
      let offset = 0;
      if (isFormulaLocation(location)) {
        doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
        offset = location.offset;
      } else if (vscode.window.activeTextEditor) {
        doc = vscode.window.activeTextEditor.document;
        offset = doc.offsetAt(vscode.window.activeTextEditor.selection.active);
      }
      const formula = doc ? formulas.at(doc, offset) : undefined;
      if (!doc || !formula) {
        // Not awaited: the command is done once it has said so; the offer waits for the user.
        void offerExampleNote(context, formulas);
        return;
      }
      ExplainPanel.createOrShow(context, formulas, macroSources, logger, doc, formula);
    },
    openExampleNote: async (name?: unknown) => {
      // From a walkthrough link the argument names the note; from the palette the person picks one.
      const chosen = isExampleNoteName(name) ? name : await vscode.window.showQuickPick([...EXAMPLE_NOTES], { title: 'GenMath: Open an Example Note', placeHolder: 'An example note, opened as an untitled copy' });
      if (isExampleNoteName(chosen)) await openExampleNote(context, formulas, chosen);
    },
  };
}

/**
 * The toy trainings (the GAN among them): panels that survive a reload, progress in the status bar,
 * kept experiments' CodeLens, and the commands' handlers.
 */
function registerTraining(context: vscode.ExtensionContext, logger: Logger): CommandHandlers<ToyCommandKey> {
  const toyStatus = vscode.window.createStatusBarItem('genmath.toys', vscode.StatusBarAlignment.Left, 9);
  toyStatus.name = 'GenMath toy training';
  toyStatus.command = COMMANDS.trainToyGan.id;
  context.subscriptions.push(
    toyStatus,
    vscode.window.registerWebviewPanelSerializer(ToyPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => ToyPanel.revive(panel, context, toyStatus, logger, state),
    }),
    // A panel of the GAN from before the GAN was a toy comes back as the toy panel of the GAN.
    vscode.window.registerWebviewPanelSerializer('genmath.ganPanel', {
      deserializeWebviewPanel: async (panel, state: unknown) => ToyPanel.revive(panel, context, toyStatus, logger, { ...(isRecord(state) ? state : {}), toy: 'gan', settings: {} }),
    }),
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, new ExperimentCodeLens()),
    { dispose: () => ToyPanel.disposeAll() },
  );
  // The arguments can come from a hover's or a note's command link, so they are checked like any message.
  const toyHandler = (toy: ToyName) => (settings?: unknown, source?: unknown, extra?: unknown) => {
    const more = isRecord(extra) ? extra : {};
    ToyPanel.createOrShow(context, toyStatus, logger, toy, {
      settings: isToySettings(settings) ? settings : {},
      ...(isSourceFormula(source) ? { source } : {}),
      ...(isDrawnPoints(more.drawn) ? { drawn: more.drawn } : {}),
      restart: more.restart === true,
    });
  };
  // Each toy's command opens the toy the table names for it.
  return Object.fromEntries(
    (Object.keys(COMMANDS) as CommandKey[]).flatMap((key) => {
      const toy = (COMMANDS[key] as CommandSpec).toy;
      return toy ? [[key, toyHandler(toy)]] : [];
    }),
  ) as CommandHandlers<ToyCommandKey>;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
