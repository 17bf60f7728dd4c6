/**
 * GenMath's entry point in the extension host. Activation stays light: MathJax and the trainers
 * load in worker threads on first use, never here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DocumentFormulas, DOCUMENT_SELECTOR } from './documentFormulas';
import { FormulaHoverProvider } from './hover';
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
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
