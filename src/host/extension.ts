/**
 * GenMath's entry point in the extension host. Activation stays light: MathJax and the trainers
 * load in worker threads on first use, never here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DocumentFormulas, DOCUMENT_SELECTOR } from './documentFormulas';
import { FormulaCodeLensProvider } from './codeLens';
import { FormulaHoverProvider } from './hover';
import { isGanSettings } from '../shared/ganProtocol';
import { GanPanel } from './panels/ganPanel';
import { RenderService } from './render/renderService';

/** How long MathJax may spend on one formula before the hover gives up on it. */
const RENDER_BUDGET_MS = 3000;

export function activate(context: vscode.ExtensionContext): void {
  const formulas = new DocumentFormulas();
  const renderer = new RenderService({
    workerPath: path.join(context.extensionPath, 'dist', 'workers', 'mathjax.js'),
    budgetMs: RENDER_BUDGET_MS,
  });
  context.subscriptions.push(
    formulas,
    { dispose: () => renderer.dispose() },
    vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new FormulaHoverProvider(formulas, renderer)),
  );
  const codeLens = new FormulaCodeLensProvider(formulas);
  context.subscriptions.push(codeLens, vscode.languages.registerCodeLensProvider(DOCUMENT_SELECTOR, codeLens));
  registerTraining(context);
}

/** The toy trainings: commands, panels that survive a reload, and progress in the status bar. */
function registerTraining(context: vscode.ExtensionContext): void {
  const status = vscode.window.createStatusBarItem('genmath.training', vscode.StatusBarAlignment.Left, 10);
  status.name = 'GenMath training';
  status.command = 'genmath.trainToyGan';
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('genmath.trainToyGan', (settings?: unknown) => {
      // The argument can come from a hover's command link, so it is checked like any message.
      GanPanel.createOrShow(context, status, isGanSettings(settings) ? settings : {});
    }),
    vscode.window.registerWebviewPanelSerializer(GanPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => {
        GanPanel.revive(panel, context, status, state);
      },
    }),
    { dispose: () => GanPanel.current?.dispose() },
  );
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
