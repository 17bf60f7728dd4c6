import * as vscode from 'vscode';
import { ganSettingsJson, isGanCommand, isGanEvent, type GanCommand, type GanFrame } from '../../shared/ganProtocol';
import type { SourceFormula } from '../../shared/sourceFormula';
import type { Logger } from '../../shared/logger';
import { TrainingPanel } from './trainingPanel';

/** The panel that trains a toy GAN while you watch; one at a time, each with its own worker. */
export class GanPanel extends TrainingPanel<GanCommand, GanFrame> {
  static readonly viewType = 'genmath.ganPanel';
  static #current: GanPanel | undefined;

  /** Shows the panel beside the editor, creating it if needed, and starts training; `source` is the note's formula. */
  static createOrShow(context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, settings: object = {}, source?: SourceFormula): GanPanel {
    const existing = GanPanel.#current;
    if (existing) {
      existing.revealWith(settings, source);
      return existing;
    }
    const created = new GanPanel(TrainingPanel.createWebview(context, GanPanel.viewType, 'Toy GAN'), context, status, logger, settings, true);
    created.showSource(source);
    return created;
  }

  /** Restores a panel after a window reload (the serializer calls this): paused, with its settings. */
  static revive(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, state: unknown): GanPanel {
    const settings = typeof state === 'object' && state !== null && 'settings' in state ? (state as { settings: object }).settings : {};
    return new GanPanel(panel, context, status, logger, settings, false);
  }

  /** The panel on screen, for tests and the demo links. */
  static get current(): GanPanel | undefined {
    return GanPanel.#current;
  }

  private constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, status: vscode.StatusBarItem, logger: Logger, settings: object, autoplay: boolean) {
    super(panel, context, status, logger, {
      view: 'gan',
      viewData: { settings },
      worker: 'gan.js',
      workerData: settings,
      isCommand: isGanCommand,
      isEvent: isGanEvent,
      name: 'GAN',
      status: (frame) => {
        const m = frame.metrics;
        return { text: `Toy GAN: step ${frame.step}${m ? ` · ${m.modesCovered}/${m.modesTotal} modes` : ''}`, tooltip: 'GenMath is training a toy GAN; click to show the panel' };
      },
    }, autoplay);
    GanPanel.#current = this;
  }

  /** "Copy settings" writes the clipboard, which only the host can do. */
  protected override handleOnHost(message: GanCommand): boolean {
    if (message.type !== 'copySettings') return false;
    void vscode.env.clipboard.writeText(ganSettingsJson(message.settings)).then(() => vscode.window.setStatusBarMessage('$(check) GenMath: copied the GAN settings as JSON (genmath train gan --config FILE reads them)', 4000));
    return true;
  }

  override dispose(): void {
    if (GanPanel.#current === this) GanPanel.#current = undefined;
    super.dispose();
  }
}
