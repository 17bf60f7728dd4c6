import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceFormula } from '../../shared/sourceFormula';
import type { TrainingEvent } from '../../shared/trainingProtocol';
import type { Logger } from '../../shared/logger';
import { Disposable } from '../dispose';
import { TrainingSession } from './trainingSession';
import { PanelSource } from './panelSource';
import { webviewHtml, webviewOptions } from './webviewHtml';

type Command = { readonly type: string };

/** What a training panel is made of: its webview view, its worker and how to check their messages. */
export interface TrainingPanelSpec<C extends Command, F> {
  /** The webview view and the data its page starts with. */
  readonly view: 'toy';
  readonly viewData: object;
  /** The worker's file under dist/workers/ and what it starts with. */
  readonly worker: 'toy.js';
  readonly workerData: object;
  readonly isCommand: (v: unknown) => v is C;
  readonly isEvent: (v: unknown) => v is TrainingEvent<F>;
  /** The status bar text while it runs (without the spinner), and its tooltip. */
  readonly status: (frame: F & { readonly step: number }) => { readonly text: string; readonly tooltip: string };
  /** What a malformed webview message is logged as coming from. */
  readonly name: string;
}

/**
 * A webview panel that runs one training in its own worker: webview messages
 * checked and passed to the worker, its frames passed back and counted in the status bar, the
 * note's formula shown when a demo link opened it, and the worker ended with the panel.
 */
export abstract class TrainingPanel<C extends Command, F extends { readonly step: number; readonly running: boolean }> extends Disposable {
  protected readonly panel: vscode.WebviewPanel;
  protected readonly session: TrainingSession<C, TrainingEvent<F>>;
  readonly #status: vscode.StatusBarItem;
  readonly #spec: TrainingPanelSpec<C, F>;
  readonly #logger: Logger;
  readonly #source = new PanelSource(() => (this.isDisposed ? undefined : this.panel.webview));
  /**
   * Training starts once the webview has loaded and said so: a worker stepping flat out from the
   * start takes a whole core from the webview's loading, and on two busy cores the first picture
   * then came tens of seconds late.
   */
  #playWhenReady: boolean;

  protected constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, spec: TrainingPanelSpec<C, F>, autoplay: boolean) {
    super();
    this.#logger = logger;
    this.panel = panel;
    this.#status = status;
    this.#spec = spec;
    this.#playWhenReady = autoplay;
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, spec.view, spec.viewData);
    this.session = new TrainingSession<C, TrainingEvent<F>>(path.join(context.extensionPath, 'dist', 'workers', spec.worker), (e) => this.#onEvent(e), spec.workerData, spec.isEvent);
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!spec.isCommand(message)) return this.#logger.warn(`Dropped a malformed message from the ${spec.name} panel.`);
        if (message.type === 'ready') this.#source.ready();
        if (this.handleOnHost(message)) return;
        this.onCommand(message);
        this.session.send(message);
        if (message.type === 'ready' && this.#playWhenReady) {
          this.#playWhenReady = false;
          this.session.send({ type: 'play' } as C);
        }
      }),
    );
  }

  /** Handles a webview message that is for the host, not the worker (true when it was); none by default. */
  protected handleOnHost(_message: C): boolean {
    return false;
  }

  /** Sees a webview message on its way to the worker (to remember drawn data, say); nothing by default. */
  protected onCommand(_message: C): void {}

  /** Sees each frame the worker sends (to remember the latest); nothing by default. */
  protected onFrame(_frame: F): void {}

  /** A new webview panel beside the editor, kept alive while hidden (training goes on behind other tabs). */
  protected static createWebview(context: vscode.ExtensionContext, viewType: string, title: string): vscode.WebviewPanel {
    return vscode.window.createWebviewPanel(viewType, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      ...webviewOptions(context.extensionUri),
      retainContextWhenHidden: true,
    });
  }

  /** Brings the panel forward for another command or demo link: new settings, its formula, and play. */
  protected revealWith(settings: object, source: SourceFormula | undefined, restart = false): void {
    // Shown where it is, unless that would cover the note the link was clicked in: then beside it.
    // (Always "beside" moved the panel one column further right on every click.)
    const own = this.panel.viewColumn;
    this.panel.reveal(own !== undefined && own !== vscode.window.activeTextEditor?.viewColumn ? own : vscode.ViewColumn.Beside, true);
    this.showSource(source);
    if (Object.keys(settings).length > 0) this.session.send({ type: 'settings', settings } as unknown as C);
    // A kept experiment starts from step 0, so it runs as it ran when it was copied.
    if (restart) this.session.send({ type: 'reset' } as C);
    this.session.send({ type: 'play' } as C);
  }

  /** Shows the note's formula above the panel's own (now if the webview listens, else once it is ready). */
  protected showSource(source: SourceFormula | undefined): void {
    this.#source.show(source);
  }

  #onEvent(event: TrainingEvent<F>): void {
    // A disposed panel's webview throws on postMessage; a late frame is simply dropped.
    if (!this.isDisposed) void this.panel.webview.postMessage(event);
    if (event.type === 'error') {
      // Refused settings and worker failures: shown to the person, and kept in the output channel.
      this.#logger.warn(`${this.#spec.name} panel: ${event.message}`);
      void vscode.window.showWarningMessage(`GenMath: ${event.message}`);
      return;
    }
    this.onFrame(event.frame);
    if (event.frame.running) {
      const { text, tooltip } = this.#spec.status(event.frame);
      this.#status.text = `$(sync~spin) ${text}`;
      this.#status.tooltip = tooltip;
      this.#status.show();
    } else {
      this.#status.hide();
    }
  }

  override dispose(): void {
    if (this.isDisposed) return;
    void this.session.dispose();
    this.#status.hide();
    super.dispose();
    this.panel.dispose();
  }
}
