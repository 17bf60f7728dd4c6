/**
 * GenMath's entry point in the extension host. Activation stays light: MathJax and the trainers
 * load in worker threads on first use, never here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DocumentFormulas, DOCUMENT_SELECTOR } from './documentFormulas';
import { FormulaCodeLensProvider } from './codeLens';
import { CONVERT_PASTED_COMMAND, convertPastedMath, PastedMathCodeActions } from './convertPasted';
import { FormulaHoverProvider } from './hover';
import { MacroSources } from './macroSources';
import { EquationReferences, ReferenceDefinitionProvider, ReferenceHoverProvider } from './references';
import { isFormulaLocation } from '../shared/explainProtocol';
import { isGanSettings } from '../shared/ganProtocol';
import { isSourceFormula } from '../shared/sourceFormula';
import { isToySettings, type ToyName } from '../shared/toyProtocol';
import { TOY_COMMANDS } from './demos';
import { ExplainPanel } from './panels/explainPanel';
import { isExampleNoteName, offerExampleNote, openExampleNote, EXAMPLE_NOTES, OPEN_EXAMPLE_COMMAND } from './explain/exampleNote';
import { HOVERED_CONTEXT, WalkthroughContext } from './walkthrough';
import { ToyPanel } from './panels/toyPanel';
import { GanPanel } from './panels/ganPanel';
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
    vscode.commands.registerCommand(CONVERT_PASTED_COMMAND, (location?: unknown) => convertPastedMath(formulas, location)),
    vscode.languages.registerCodeActionsProvider(DOCUMENT_SELECTOR, new PastedMathCodeActions(formulas), PastedMathCodeActions.metadata),
  );
  registerExplain(context, formulas, logger);
  registerTraining(context, logger);
}

/** Explain Formula: the command (palette, hover link, CodeLens) and its panel's serializer. */
function registerExplain(context: vscode.ExtensionContext, formulas: DocumentFormulas, logger: Logger): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('genmath.explainFormula', async (location?: unknown) => {
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
      ExplainPanel.createOrShow(context, formulas, logger, doc, formula);
    }),
    vscode.commands.registerCommand(OPEN_EXAMPLE_COMMAND, async (name?: unknown) => {
      // From a walkthrough link the argument names the note; from the palette the person picks one.
      const chosen = isExampleNoteName(name) ? name : await vscode.window.showQuickPick([...EXAMPLE_NOTES], { title: 'GenMath: Open an Example Note', placeHolder: 'An example note, opened as an untitled copy' });
      if (isExampleNoteName(chosen)) await openExampleNote(context, formulas, chosen);
    }),
    vscode.window.registerWebviewPanelSerializer(ExplainPanel.viewType, {
      deserializeWebviewPanel: (panel, state: unknown) => ExplainPanel.revive(panel, context, formulas, logger, state),
    }),
    { dispose: () => ExplainPanel.current?.dispose() },
  );
}

/** The toy trainings: commands, panels that survive a reload, and progress in the status bar. */
function registerTraining(context: vscode.ExtensionContext, logger: Logger): void {
  const status = vscode.window.createStatusBarItem('genmath.training', vscode.StatusBarAlignment.Left, 10);
  status.name = 'GenMath training';
  status.command = 'genmath.trainToyGan';
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('genmath.trainToyGan', (settings?: unknown, source?: unknown) => {
      // The arguments can come from a hover's command link, so they are checked like any message.
      GanPanel.createOrShow(context, status, logger, isGanSettings(settings) ? settings : {}, isSourceFormula(source) ? source : undefined);
    }),
    vscode.window.registerWebviewPanelSerializer(GanPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        GanPanel.revive(panel, context, status, logger, state);
      },
    }),
    { dispose: () => GanPanel.current?.dispose() },
  );
  const toyStatus = vscode.window.createStatusBarItem('genmath.toys', vscode.StatusBarAlignment.Left, 9);
  toyStatus.name = 'GenMath toy training';
  context.subscriptions.push(
    toyStatus,
    ...(Object.entries(TOY_COMMANDS) as [ToyName, string][]).map(([toy, command]) =>
      // The argument can come from a hover's command link, so it is checked like any message.
      vscode.commands.registerCommand(command, (settings?: unknown, source?: unknown) => {
        ToyPanel.createOrShow(context, toyStatus, logger, toy, isToySettings(settings) ? settings : {}, isSourceFormula(source) ? source : undefined);
      }),
    ),
    vscode.window.registerWebviewPanelSerializer(ToyPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => ToyPanel.revive(panel, context, toyStatus, logger, state),
    }),
    { dispose: () => ToyPanel.disposeAll() },
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
