import * as vscode from 'vscode';
import { formatValue } from '../core/evaluate';
import { HOVER_COMMANDS } from './commands';
import { editorFontSize, setting } from './config/read';
import { explainLink, wholeFormulaLink } from './demos';
import { cardMarkdown, formulaMarkdown, imageFits, linkMarkdown, rowMarkdown } from './hoverMarkdown';
import { formulaRows, rowAt } from './hoverRows';
import type { DocumentFormulas } from './documentFormulas';
import type { MacroSources } from './macroSources';
import type { RenderService } from './render/renderService';
import type { Macros, RenderRequest } from './render/texToSvg';
import type { FoundFormula } from '../core/find/types';
import { hoverTextColor } from './theme';

/**
 * The render request a hover makes for each formula of `doc`, with the document's settings read
 * once: render-ahead builds the same requests, so that a hover finds them in the cache.
 */
export function hoverRequests(doc: vscode.TextDocument, macroSources: MacroSources, own?: Parameters<MacroSources['macrosFor']>[1]): (formula: Pick<FoundFormula, 'tex' | 'display'>) => RenderRequest {
  const fontSize = editorFontSize(doc);
  const scale = setting('hover.scale', doc);
  // Merged in the order src/core/find/macroSources.ts states: the document's own definitions first
  // (`own`: a LaTeX project's, when the formula is a referenced equation from another file).
  const macros: Macros = macroSources.macrosFor(doc, own);
  const color = hoverTextColor();
  const exPixels = Math.round(fontSize * scale * 0.5 * 100) / 100;
  return (formula) => ({ tex: formula.tex, display: formula.display, macros, color, exPixels });
}

/** `= 0.4431 (closed form)`, or with the Monte Carlo standard error. */
function valueLine(e: { value: number; method: string; standardError?: number }): string {
  const se = e.standardError !== undefined ? ` ± ${formatValue(e.standardError)}` : '';
  return `= ${formatValue(e.value)}${se} (${e.method})`;
}

/** Shows the formula under the pointer rendered as an image, in the theme's text colour. */
export class FormulaHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly formulas: DocumentFormulas,
    private readonly renderer: RenderService,
    private readonly macroSources: MacroSources,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!setting('hover.enabled', doc)) return undefined;
    const formula = this.formulas.at(doc, doc.offsetAt(position));
    if (!formula) return undefined;

    await this.macroSources.ready(doc);
    if (token.isCancellationRequested) return undefined;
    const request = hoverRequests(doc, this.macroSources)(formula);
    const result = await this.renderer.render(request);
    if (token.isCancellationRequested) return undefined;

    let formulaPart = formulaMarkdown(formula.tex, result);
    if (result.ok && !imageFits(result)) {
      // Too large for a hover (a long derivation): the row under the cursor, and the whole formula
      // one click away, rather than a hover with no formula in it.
      const whole = wholeFormulaLink(doc.uri.toString(), formula.start);
      const rows = formulaRows(formula.source);
      const row = rowAt(rows, doc.offsetAt(position) - formula.start);
      if (row) {
        const rowResult = await this.renderer.render({ ...request, tex: row.tex, display: true });
        if (token.isCancellationRequested) return undefined;
        formulaPart = rowMarkdown(row, rows.length, rowResult, whole);
      } else {
        formulaPart = `${formulaPart}\n\n${linkMarkdown(whole)}`;
      }
    }

    const card = this.formulas.cardOf(doc, formula);
    const value = result.value ? valueLine(result.value) : undefined;
    const explain = card.kind === 'none' ? undefined : explainLink(doc.uri.toString(), formula.start);
    const markdown = new vscode.MarkdownString(cardMarkdown(card, formulaPart, { value, explain }), true);
    // Links run only GenMath's own commands, never arbitrary ones: `isTrusted` is never true.
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    const range = new vscode.Range(doc.positionAt(formula.start), doc.positionAt(formula.end));
    return new vscode.Hover(markdown, range);
  }
}
