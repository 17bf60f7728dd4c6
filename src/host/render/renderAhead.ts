/**
 * Render-ahead: when a note opens, scrolls or changes, its visible formulas are rendered in the
 * render worker while nobody hovers, so that a hover finds its image in the cache (a few
 * milliseconds) instead of waiting for MathJax (up to tens of milliseconds for a large display).
 *
 * Host-thread work stays small: a pass waits until the note has been still for a moment, reads
 * formulas the hover would read anyway (found once per document version), builds the same
 * requests the hover builds, and yields to the event loop every HOST_SLICE_MS. A note too large
 * to scan within a slice is not rendered ahead.
 */
import * as vscode from 'vscode';
import { affectsForeign, affectsSetting, setting } from '../config/read';
import { Disposable } from '../dispose';
import { LANGUAGES, type DocumentFormulas } from '../documentFormulas';
import { hoverRequests } from '../hover';
import type { MacroSources } from '../macroSources';
import { HOST_SLICE_MS, RENDER_AHEAD_DELAY_MS, RENDER_AHEAD_MARGIN_LINES, RENDER_AHEAD_MAX_DOCUMENT_CHARS, RENDER_AHEAD_MAX_FORMULAS } from '../limits';
import { formulasInRanges } from './aheadSelection';
import type { RenderService } from './renderService';
import type { RenderRequest } from './texToSvg';

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Keeps the visible formulas of the visible notes rendered ahead of hovers. */
export class RenderAhead extends Disposable {
  #timer: NodeJS.Timeout | undefined;
  /** Counts passes, so that a pass that yielded stops when a newer one has been scheduled. */
  #generation = 0;

  constructor(
    private readonly formulas: DocumentFormulas,
    private readonly renderer: RenderService,
    private readonly macroSources: MacroSources,
  ) {
    super();
    const schedule = (): void => this.#schedule();
    const visible = (doc: vscode.TextDocument): boolean => vscode.window.visibleTextEditors.some((e) => e.document === doc);
    this._register(vscode.window.onDidChangeVisibleTextEditors(schedule));
    this._register(vscode.window.onDidChangeTextEditorVisibleRanges(schedule));
    this._register(vscode.workspace.onDidChangeTextDocument((e) => { if (visible(e.document)) schedule(); }));
    this._register(vscode.window.onDidChangeActiveColorTheme(schedule));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSetting(e) || affectsForeign(e, 'editor.fontSize') || affectsForeign(e, 'workbench.colorCustomizations')) schedule();
    }));
    this._register(macroSources.onDidChange(schedule));
    this._register({ dispose: () => clearTimeout(this.#timer) });
    schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    const generation = ++this.#generation;
    this.#timer = setTimeout(() => void this.#pass(generation), RENDER_AHEAD_DELAY_MS);
  }

  async #pass(generation: number): Promise<void> {
    const requests: RenderRequest[] = [];
    let slice = performance.now();
    const stale = (): boolean => this.isDisposed || generation !== this.#generation;
    for (const editor of vscode.window.visibleTextEditors) {
      const doc = editor.document;
      if (!LANGUAGES[doc.languageId] || doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end) > RENDER_AHEAD_MAX_DOCUMENT_CHARS) continue;
      if (!setting('hover.enabled', doc) || !setting('hover.renderAhead', doc)) continue;
      const found = this.formulas.of(doc)?.formulas ?? [];
      if (found.length === 0) continue;
      const ranges = editor.visibleRanges.map((r) => ({
        start: doc.offsetAt(new vscode.Position(Math.max(0, r.start.line - RENDER_AHEAD_MARGIN_LINES), 0)),
        end: doc.offsetAt(doc.validatePosition(new vscode.Position(r.end.line + RENDER_AHEAD_MARGIN_LINES + 1, 0))),
      }));
      const make = hoverRequests(doc, this.macroSources);
      for (const f of formulasInRanges(found, ranges, RENDER_AHEAD_MAX_FORMULAS - requests.length)) requests.push(make(f));
      if (performance.now() - slice > HOST_SLICE_MS) {
        await yieldToEventLoop();
        if (stale()) return;
        slice = performance.now();
      }
    }
    if (!stale()) this.renderer.renderAhead(requests);
  }
}
