import * as path from 'node:path';
import * as vscode from 'vscode';
import { isGanCommand, type GanEvent, type GanFrame } from '../../shared/ganProtocol';
import type { SourceFormula } from '../../shared/sourceFormula';
import { Disposable } from '../dispose';
import { TrainingSession } from '../training/trainingSession';
import { PanelSource } from './panelSource';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** The panel that trains a toy GAN while you watch; one at a time, each with its own worker. */
export class GanPanel extends Disposable {
  static readonly viewType = 'genmath.ganPanel';
  static #current: GanPanel | undefined;

  /** Shows the panel beside the editor, creating it if needed, and starts training; `source` is the note's formula. */
  static createOrShow(context: vscode.ExtensionContext, status: vscode.StatusBarItem, settings: object = {}, source?: SourceFormula): GanPanel {
    const existing = GanPanel.#current;
    if (existing) {
      existing.#panel.reveal(vscode.ViewColumn.Beside);
      existing.#source.show(source);
      if (Object.keys(settings).length > 0) existing.#session.send({ type: 'settings', settings });
      existing.#session.send({ type: 'play' });
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(GanPanel.viewType, 'Toy GAN', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      ...webviewOptions(context.extensionUri),
      retainContextWhenHidden: true,
    });
    const created = new GanPanel(panel, context, status, settings, true);
    created.#source.show(source);
    return created;
  }

  /** Restores a panel after a window reload (the serializer calls this): paused, with its settings. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, state: unknown): GanPanel {
    const settings = typeof state === 'object' && state !== null && 'settings' in state ? (state as { settings: object }).settings : {};
    return new GanPanel(panel, context, status, settings, false);
  }

  /** The panel on screen, for tests and the demo links. */
  static get current(): GanPanel | undefined {
    return GanPanel.#current;
  }

  readonly #panel: vscode.WebviewPanel;
  readonly #session: TrainingSession;
  readonly #status: vscode.StatusBarItem;
  #playWhenReady = false;
  readonly #source = new PanelSource(() => (this.isDisposed ? undefined : this.#panel.webview));

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, settings: object, autoplay: boolean) {
    super();
    this.#panel = panel;
    this.#status = status;
    GanPanel.#current = this;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, 'gan', { settings });
    this.#session = new TrainingSession(path.join(context.extensionPath, 'dist', 'workers', 'gan.js'), (e) => this.#onEvent(e), settings);
    // Training starts once the webview has loaded and said so: a worker stepping flat out from the
    // start takes a whole core from the webview's loading, and on two busy cores the first picture
    // then came tens of seconds late.
    this.#playWhenReady = autoplay;
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isGanCommand(message)) return console.warn('GenMath: dropped a malformed message from the GAN panel', message);
        if (message.type === 'ready') this.#source.ready();
        this.#session.send(message);
        if (message.type === 'ready' && this.#playWhenReady) {
          this.#playWhenReady = false;
          this.#session.send({ type: 'play' });
        }
      }),
    );
  }

  /** The worker's promise of exit, for tests that check no thread is left behind. */
  get sessionExited(): Promise<number> {
    return this.#session.exited;
  }

  #post(event: GanEvent): void {
    // A disposed panel's webview throws on postMessage; a late frame is simply dropped.
    if (!this.isDisposed) void this.#panel.webview.postMessage(event);
  }

  #onEvent(event: GanEvent): void {
    this.#post(event);
    if (event.type === 'frame') this.#showStatus(event.frame);
    else void vscode.window.showWarningMessage(`GenMath: ${event.message}`);
  }

  #showStatus(frame: GanFrame): void {
    if (frame.running) {
      const m = frame.metrics;
      this.#status.text = `$(sync~spin) Toy GAN: step ${frame.step}${m ? ` · ${m.modesCovered}/${m.modesTotal} modes` : ''}`;
      this.#status.tooltip = 'GenMath is training a toy GAN; click to show the panel';
      this.#status.show();
    } else {
      this.#status.hide();
    }
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (GanPanel.#current === this) GanPanel.#current = undefined;
    void this.#session.dispose();
    this.#status.hide();
    super.dispose();
    this.#panel.dispose();
  }
}
