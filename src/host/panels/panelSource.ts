import type * as vscode from 'vscode';
import type { SourceFormula, SourceMessage } from '../../shared/sourceFormula';

/**
 * The note's formula of a training panel: posted to the webview when it says it is ready (it is
 * not listening before), and again when another "Run demo ▸" link reveals the same panel.
 */
export class PanelSource {
  #source: SourceFormula | undefined;

  /** `webview` is undefined once the panel is disposed. */
  constructor(private readonly webview: () => vscode.Webview | undefined) {}

  /** Shows a new formula now (if the webview listens) and after every later `ready`. */
  show(source: SourceFormula | undefined): void {
    if (!source) return;
    this.#source = source;
    this.ready();
  }

  /** The webview has (re)loaded: it gets the formula again. */
  ready(): void {
    if (!this.#source) return;
    const message: SourceMessage = { type: 'source', ...this.#source };
    void this.webview()?.postMessage(message);
  }
}
