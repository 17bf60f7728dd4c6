import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SourceFormula } from '../../shared/sourceFormula';
import { isToyCommand, isToyEvent, isToyName, isToySettings, type ToyCommand, type ToyEvent, type ToyFrame, type ToyName } from '../../shared/toyProtocol';
import { Disposable } from '../dispose';
import { TrainingSession } from '../training/trainingSession';
import { PanelSource } from './panelSource';
import { webviewHtml, webviewOptions } from './webviewHtml';

/** The toys' titles as their tabs and the status bar say them (the worker holds the toys themselves). */
export const TOY_TITLES: Readonly<Record<ToyName, string>> = {
  vae: 'Toy VAE',
  mle: 'Maximum likelihood',
  autoencoder: 'Autoencoder',
  diffusion: 'Toy diffusion',
  klfit: 'KL: forward vs reverse',
  gd: 'Gradient descent',
};

/**
 * A panel that runs one toy (VAE, maximum likelihood, ...) in its own worker and draws its generic
 * frames; one panel per toy, ended with its worker when it closes, restored after a reload.
 */
export class ToyPanel extends Disposable {
  static readonly viewType = 'genmath.toyPanel';
  static readonly #open = new Map<ToyName, ToyPanel>();

  /** Opens (or reveals) a toy's panel; `source` is the note's formula when a "Run demo" link opened it. */
  static createOrShow(context: vscode.ExtensionContext, status: vscode.StatusBarItem, toy: ToyName, settings: Readonly<Record<string, string | number>> = {}, source?: SourceFormula): ToyPanel {
    const existing = ToyPanel.#open.get(toy);
    if (existing) {
      existing.#panel.reveal(vscode.ViewColumn.Beside);
      existing.#source.show(source);
      if (Object.keys(settings).length > 0) existing.#session.send({ type: 'settings', settings });
      existing.#session.send({ type: 'play' });
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ToyPanel.viewType, TOY_TITLES[toy], { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      ...webviewOptions(context.extensionUri),
      retainContextWhenHidden: true,
    });
    const created = new ToyPanel(panel, context, status, toy, settings, true);
    created.#source.show(source);
    return created;
  }

  /** Restores a toy panel after a window reload, paused, with its settings. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, state: unknown): void {
    const s = (typeof state === 'object' && state !== null ? state : {}) as { toy?: unknown; settings?: unknown };
    if (!isToyName(s.toy)) {
      panel.dispose();
      return;
    }
    new ToyPanel(panel, context, status, s.toy, isToySettings(s.settings) ? s.settings : {}, false);
  }

  static disposeAll(): void {
    for (const p of [...ToyPanel.#open.values()]) p.dispose();
  }

  readonly #panel: vscode.WebviewPanel;
  readonly #session: TrainingSession<ToyCommand, ToyEvent>;
  readonly #status: vscode.StatusBarItem;
  readonly #toy: ToyName;
  #playWhenReady = false;
  readonly #source = new PanelSource(() => (this.isDisposed ? undefined : this.#panel.webview));

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, toy: ToyName, settings: Readonly<Record<string, string | number>>, autoplay: boolean) {
    super();
    this.#panel = panel;
    this.#status = status;
    this.#toy = toy;
    ToyPanel.#open.set(toy, this);
    panel.title = TOY_TITLES[toy];
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'icon.png');
    panel.webview.options = webviewOptions(context.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, 'toy', { toy });
    this.#session = new TrainingSession<ToyCommand, ToyEvent>(path.join(context.extensionPath, 'dist', 'workers', 'toy.js'), (e) => this.#onEvent(e), { toy, settings }, isToyEvent);
    // Training starts once the webview has loaded and said so: a worker stepping flat out from the
    // start takes a whole core from the webview's loading, and on two busy cores the first picture
    // then came tens of seconds late.
    this.#playWhenReady = autoplay;
    this._register(panel.onDidDispose(() => this.dispose()));
    this._register(
      panel.webview.onDidReceiveMessage((message: unknown) => {
        if (!isToyCommand(message)) return console.warn('GenMath: dropped a malformed message from a toy panel');
        if (message.type === 'ready') this.#source.ready();
        this.#session.send(message);
        if (message.type === 'ready' && this.#playWhenReady) {
          this.#playWhenReady = false;
          this.#session.send({ type: 'play' });
        }
      }),
    );
  }

  #onEvent(event: ToyEvent): void {
    if (!this.isDisposed) void this.#panel.webview.postMessage(event);
    if (event.type === 'frame') this.#showStatus(event.frame);
    else void vscode.window.showWarningMessage(`GenMath: ${event.message}`);
  }

  #showStatus(frame: ToyFrame): void {
    if (frame.running) {
      this.#status.text = `$(sync~spin) ${TOY_TITLES[this.#toy]}: step ${frame.step}`;
      this.#status.tooltip = `GenMath is running ${TOY_TITLES[this.#toy]}`;
      this.#status.show();
    } else {
      this.#status.hide();
    }
  }

  override dispose(): void {
    if (this.isDisposed) return;
    if (ToyPanel.#open.get(this.#toy) === this) ToyPanel.#open.delete(this.#toy);
    void this.#session.dispose();
    this.#status.hide();
    super.dispose();
    this.#panel.dispose();
  }
}
