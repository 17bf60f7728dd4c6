import type * as vscode from 'vscode';
import type { SourceFormula } from '../../shared/sourceFormula';
import { isToyCommand, isToyEvent, isToyName, isToySettings, type ToyCommand, type ToyFrame, type ToyName } from '../../shared/toyProtocol';
import type { Logger } from '../../shared/logger';
import { TrainingPanel } from './trainingPanel';

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
export class ToyPanel extends TrainingPanel<ToyCommand, ToyFrame> {
  static readonly viewType = 'genmath.toyPanel';
  static readonly #open = new Map<ToyName, ToyPanel>();

  /** Opens (or reveals) a toy's panel; `source` is the note's formula when a "Run demo" link opened it. */
  static createOrShow(context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, toy: ToyName, settings: Readonly<Record<string, string | number>> = {}, source?: SourceFormula): ToyPanel {
    const existing = ToyPanel.#open.get(toy);
    if (existing) {
      existing.revealWith(settings, source);
      return existing;
    }
    const created = new ToyPanel(TrainingPanel.createWebview(context, ToyPanel.viewType, TOY_TITLES[toy]), context, status, logger, toy, settings, true);
    created.showSource(source);
    return created;
  }

  /** Restores a toy panel after a window reload, paused, with its settings. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, state: unknown): void {
    const s = (typeof state === 'object' && state !== null ? state : {}) as { toy?: unknown; settings?: unknown };
    if (!isToyName(s.toy)) {
      panel.dispose();
      return;
    }
    new ToyPanel(panel, context, status, logger, s.toy, isToySettings(s.settings) ? s.settings : {}, false);
  }

  static disposeAll(): void {
    for (const p of [...ToyPanel.#open.values()]) p.dispose();
  }

  readonly #toy: ToyName;

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, toy: ToyName, settings: Readonly<Record<string, string | number>>, autoplay: boolean) {
    super(panel, context, status, logger, {
      view: 'toy',
      viewData: { toy },
      worker: 'toy.js',
      workerData: { toy, settings },
      isCommand: isToyCommand,
      isEvent: isToyEvent,
      name: 'toy',
      status: (frame) => ({ text: `${TOY_TITLES[toy]}: step ${frame.step}`, tooltip: `GenMath is running ${TOY_TITLES[toy]}` }),
    }, autoplay);
    this.#toy = toy;
    panel.title = TOY_TITLES[toy];
    ToyPanel.#open.set(toy, this);
  }

  override dispose(): void {
    if (ToyPanel.#open.get(this.#toy) === this) ToyPanel.#open.delete(this.#toy);
    super.dispose();
  }
}
