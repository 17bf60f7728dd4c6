import type { Logger } from '../../shared/logger';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FoundFormula } from '../../core/find/types';
import { isExplainCommand, katexMacros, type ExplainContent, type ExplainEvent } from '../../shared/explainProtocol';
import type { MacroSources } from '../macroSources';
import { setting } from '../config/read';
import { Disposable } from '../dispose';
import type { DocumentFormulas } from '../documentFormulas';
import { LANGUAGES } from '../documentFormulas';
import { ExplainService } from '../explain/explainService';
import { contentMarkdown } from '../explain/markdown';
import { webviewHtml, webviewOptions } from './webviewHtml';

let service: ExplainService | undefined;

/** The explain worker's client, started on the first Explain (it loads KaTeX; activation should not). */
function explainer(context: vscode.ExtensionContext, logger: Logger): ExplainService {
  if (!service) {
    const s = new ExplainService(path.join(context.extensionPath, 'dist', 'workers', 'explain.js'), undefined, logger);
    context.subscriptions.push({ dispose: () => s.dispose() });
    service = s;
  }
  return service;
}

/** Where a formula is, as the panel's heading says it. */
function whereOf(doc: vscode.TextDocument, formula: FoundFormula): string {
  return `${path.basename(doc.uri.path)}, line ${formula.line + 1}`;
}

/**
 * The note's text after a formula: the rest of its line and the next line, where a note gives
 * values for the formula's symbols ("where $p = (0.5, 0.5)$").
 */
function textAfter(doc: vscode.TextDocument, formula: FoundFormula): string {
  const end = doc.positionAt(formula.end);
  const last = Math.min(doc.lineCount - 1, end.line + 1);
  return doc.getText(new vscode.Range(end, doc.lineAt(last).range.end)).slice(0, 2000);
}

/**
 * The explain worker's arguments for a formula: its TeX, where it is, the words around and after
 * it, and the card the hover and the CodeLens read (recognized once per document version).
 */
export function explainRequest(formulas: DocumentFormulas, doc: vscode.TextDocument, formula: FoundFormula): Parameters<ExplainService['explain']> {
  return [formula.tex, formula.display, whereOf(doc, formula), formulas.contextOf(doc, formula), textAfter(doc, formula), formulas.cardOf(doc, formula)];
}

/**
 * The side panel that explains a formula: KaTeX-rendered formula, kind, glossary, derivation,
 * evaluation and a toy instance. One at a time; it follows the cursor to the next formula
 * (`genmath.panel.followCursor`) and survives a window reload (its serializer re-opens the formula).
 */
export class ExplainPanel extends Disposable {
  static readonly viewType = 'genmath.explainPanel';
  static #current: ExplainPanel | undefined;

  /** Shows the panel for a formula, creating it beside the editor if needed. */
  static createOrShow(context: vscode.ExtensionContext, formulas: DocumentFormulas, macros: MacroSources, logger: Logger, doc: vscode.TextDocument, formula: FoundFormula): ExplainPanel {
    let current = ExplainPanel.#current;
    if (current) {
      current.#panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel(ExplainPanel.viewType, 'Explain', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        ...webviewOptions(context.extensionUri),
        retainContextWhenHidden: true,
      });
      current = new ExplainPanel(panel, context, formulas, macros, logger);
    }
    void current.#show(doc, formula);
    return current;
  }

  /** Restores the panel after a window reload, on the formula it showed. */
  static async revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, formulas: DocumentFormulas, macros: MacroSources, logger: Logger, state: unknown): Promise<void> {
    const explain = new ExplainPanel(panel, context, formulas, macros, logger);
    const s = state as { uri?: unknown; offset?: unknown } | undefined;
    if (typeof s?.uri === 'string' && typeof s.offset === 'number') {
      try {
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(s.uri));
        const formula = formulas.at(doc, s.offset);
        if (formula) return await explain.#show(doc, formula);
      } catch (err) {
        // The note is gone or unreadable: say so below instead of failing the restore.
        explain.#logger.info(`The Explain panel could not reopen its formula in ${s.uri}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    explain.#post({ type: 'empty', message: 'Put the cursor in a formula and run "GenMath: Explain Formula".' });
  }

  static get current(): ExplainPanel | undefined {
    return ExplainPanel.#current;
  }

  readonly #panel: vscode.WebviewPanel;
  readonly #context: vscode.ExtensionContext;
  readonly #formulas: DocumentFormulas;
  readonly #macros: MacroSources;
  /** The shown note's macros in KaTeX's form, sent with its content. */
  #shownMacros: Record<string, string> = {};
  readonly #logger: Logger;
  #content: ExplainContent | undefined;
  #shown: { uri: string; start: number; version: number } | undefined;
  #follow: NodeJS.Timeout | undefined;

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, formulas: DocumentFormulas, macros: MacroSources, logger: Logger) {
    super();
    this.#macros = macros;
    this.#logger = logger;
    this.#panel = panel;
    this.#context = context;
    this.#formulas = formulas;
    ExplainPanel.#current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, 'explain', null);
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(panel.webview.onDidReceiveMessage((m: unknown) => this.#onMessage(m)));
    this._register(vscode.window.onDidChangeTextEditorSelection((e) => this.#onSelection(e)));
    this._register({ dispose: () => clearTimeout(this.#follow) });
  }

  /** What the panel shows now (tests read it). */
  get content(): ExplainContent | undefined {
    return this.#content;
  }

  async #show(doc: vscode.TextDocument, formula: FoundFormula): Promise<void> {
    const shown = { uri: doc.uri.toString(), start: formula.start, version: doc.version };
    this.#shown = shown;
    const request = explainRequest(this.#formulas, doc, formula);
    const content = await explainer(this.#context, this.#logger).explain(...request);
    // The cursor may have moved on while the worker was busy: only the latest formula is shown.
    if (this.isDisposed || this.#shown !== shown) return;
    if (typeof content === 'string') {
      this.#post({ type: 'empty', message: `GenMath ${content}.` });
      return;
    }
    this.#content = content;
    await this.#macros.ready(doc);
    if (this.isDisposed || this.#shown !== shown) return;
    this.#shownMacros = katexMacros(this.#macros.macrosFor(doc));
    this.#panel.title = `Explain: ${content.kind === 'none' ? 'formula' : content.title}`;
    this.#post({ type: 'content', content, location: { uri: shown.uri, offset: shown.start }, macros: this.#shownMacros });
  }

  #post(event: ExplainEvent): void {
    if (!this.isDisposed) void this.#panel.webview.postMessage(event);
  }

  #onSelection(e: vscode.TextEditorSelectionChangeEvent): void {
    const doc = e.textEditor.document;
    if (!LANGUAGES[doc.languageId] || !setting('panel.followCursor', doc)) return;
    clearTimeout(this.#follow);
    // Debounced: arrow keys through a note should not re-render the panel on every keystroke.
    this.#follow = setTimeout(() => {
      const formula = this.#formulas.at(doc, doc.offsetAt(e.selections[0].active));
      if (!formula) return;
      const same = this.#shown && this.#shown.uri === doc.uri.toString() && this.#shown.start === formula.start && this.#shown.version === doc.version;
      if (!same) void this.#show(doc, formula);
    }, 150);
  }

  #onMessage(message: unknown): void {
    if (!isExplainCommand(message)) {
      this.#logger.warn('Dropped a malformed message from the Explain panel.');
      return;
    }
    switch (message.type) {
      case 'ready':
        if (this.#content && this.#shown) this.#post({ type: 'content', content: this.#content, location: { uri: this.#shown.uri, offset: this.#shown.start }, macros: this.#shownMacros });
        break;
      case 'copy':
        void vscode.env.clipboard.writeText(message.text).then(() => vscode.window.setStatusBarMessage('$(check) GenMath: copied the LaTeX', 2000));
        break;
      case 'export':
        void this.#export();
        break;
      case 'reveal':
        void this.#reveal();
        break;
    }
  }

  /** Opens the derivation as a new, unsaved markdown note: nothing is written without the user. */
  async #export(): Promise<void> {
    if (!this.#content) return;
    const markdown = contentMarkdown(this.#content);
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
    await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
  }

  async #reveal(): Promise<void> {
    if (!this.#shown) return;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(this.#shown.uri));
    const editor = await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
    const pos = doc.positionAt(this.#shown.start);
    editor.selection = new vscode.Selection(pos, pos);
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (ExplainPanel.#current === this) ExplainPanel.#current = undefined;
    super.dispose();
    this.#panel.dispose();
  }
}
