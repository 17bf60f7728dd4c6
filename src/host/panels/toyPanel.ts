import * as vscode from 'vscode';
import type { SourceFormula } from '../../shared/sourceFormula';
import { isDrawnPoints, isToyCommand, isToyEvent, isToyName, isToySettings, type ToyCommand, type ToyFrame, type ToyName } from '../../shared/toyProtocol';
import type { Logger } from '../../shared/logger';
import { planeSvg } from '../../shared/planeSvg';
import type { Experiment } from '../../shared/experiment';
import { exportPlot, writeExperiment } from '../experiments';
import { TrainingPanel } from './trainingPanel';

/** The toys' titles as their tabs and the status bar say them (the worker holds the toys themselves). */
export const TOY_TITLES: Readonly<Record<ToyName, string>> = {
  gan: 'Toy GAN',
  vae: 'Toy VAE',
  mle: 'Maximum likelihood',
  autoencoder: 'Autoencoder',
  diffusion: 'Toy diffusion',
  klfit: 'KL: forward vs reverse',
  gd: 'Gradient descent',
};

/** How a panel is opened: settings, the note's formula, drawn data, and whether to start from step 0. */
export interface ToyOpening {
  readonly settings?: Readonly<Record<string, string | number>>;
  readonly source?: SourceFormula;
  readonly drawn?: readonly number[];
  /** A kept experiment: run it from step 0 even when its panel is already open. */
  readonly restart?: boolean;
}

/**
 * A panel that runs one toy (the GAN, the VAE, maximum likelihood, ...) in its own worker and draws
 * its generic frames; one panel per toy, ended with its worker when it closes, restored after a reload.
 */
export class ToyPanel extends TrainingPanel<ToyCommand, ToyFrame> {
  static readonly viewType = 'genmath.toyPanel';
  static readonly #open = new Map<ToyName, ToyPanel>();

  /** Opens (or reveals) a toy's panel. */
  static createOrShow(context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, toy: ToyName, opening: ToyOpening = {}): ToyPanel {
    const settings = opening.settings ?? {};
    const existing = ToyPanel.#open.get(toy);
    if (existing && !opening.drawn) {
      existing.revealWith(settings, opening.source, opening.restart);
      return existing;
    }
    // Drawn data start a worker of their own: the points travel with its start, not through a setting.
    existing?.dispose();
    const created = new ToyPanel(TrainingPanel.createWebview(context, ToyPanel.viewType, TOY_TITLES[toy]), context, status, logger, toy, settings, opening.drawn, true);
    created.showSource(opening.source);
    return created;
  }

  /** Restores a toy panel after a window reload, paused, with its settings. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, state: unknown): void {
    const s = (typeof state === 'object' && state !== null ? state : {}) as { toy?: unknown; settings?: unknown; drawn?: unknown };
    if (!isToyName(s.toy)) {
      panel.dispose();
      return;
    }
    new ToyPanel(panel, context, status, logger, s.toy, isToySettings(s.settings) ? s.settings : {}, isDrawnPoints(s.drawn) ? s.drawn : undefined, false);
  }

  /** The open panel of a toy, for tests and the demo links. */
  static get(toy: ToyName): ToyPanel | undefined {
    return ToyPanel.#open.get(toy);
  }

  static disposeAll(): void {
    for (const p of [...ToyPanel.#open.values()]) p.dispose();
  }

  readonly #toy: ToyName;
  #last: ToyFrame | undefined;
  #drawn: readonly number[] | undefined;
  readonly #log: Logger;

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, toy: ToyName, settings: Readonly<Record<string, string | number>>, drawn: readonly number[] | undefined, autoplay: boolean) {
    super(panel, context, status, logger, {
      view: 'toy',
      viewData: { toy },
      worker: 'toy.js',
      workerData: { toy, settings, ...(drawn ? { drawn } : {}) },
      isCommand: isToyCommand,
      isEvent: isToyEvent,
      name: 'toy',
      status: (frame) => ({ text: `${TOY_TITLES[toy]}: step ${frame.step}`, tooltip: `GenMath is running ${TOY_TITLES[toy]}` }),
    }, autoplay);
    this.#toy = toy;
    this.#drawn = drawn;
    this.#log = logger;
    panel.title = TOY_TITLES[toy];
    ToyPanel.#open.set(toy, this);
  }

  /** The experiment on screen: the toy, its settings as the worker resolved them, and drawn data it trains on. */
  get experiment(): Experiment | undefined {
    const f = this.#last;
    if (!f) return undefined;
    const drawn = f.settings.dataset === 'drawn' ? this.#drawn : undefined;
    return { toy: this.#toy, settings: f.settings, ...(drawn ? { drawn } : {}) };
  }

  protected override onFrame(frame: ToyFrame): void {
    this.#last = frame;
  }

  protected override onCommand(message: ToyCommand): void {
    if (message.type === 'data') this.#drawn = message.points;
  }

  /** Copy experiment and Export write notes and files, which only the host can do. */
  protected override handleOnHost(message: ToyCommand): boolean {
    if (message.type === 'copyExperiment') {
      const e = this.experiment;
      if (e) void writeExperiment(e, message.as).catch((err: unknown) => this.#log.warn(`Copy experiment: ${String(err)}`));
      return true;
    }
    if (message.type === 'export') {
      const plane = this.#last?.planes[0];
      const name = `${this.#toy}-step-${this.#last?.step ?? 0}`;
      const content = message.format === 'svg' ? (plane ? new TextEncoder().encode(planeSvg(plane)) : undefined) : Buffer.from(message.dataUrl.slice('data:image/png;base64,'.length), 'base64');
      if (content) void exportPlot(name, message.format, content).catch((err: unknown) => this.#log.warn(`Export: ${String(err)}`));
      return true;
    }
    return false;
  }

  override dispose(): void {
    if (ToyPanel.#open.get(this.#toy) === this) ToyPanel.#open.delete(this.#toy);
    super.dispose();
  }
}
