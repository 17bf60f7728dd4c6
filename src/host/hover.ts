import * as vscode from 'vscode';
import { recognize } from '../core/recognize';
import { formatValue } from '../core/evaluate';
import { HOVER_COMMANDS, explainLink } from './demos';
import { cardMarkdown, formulaMarkdown } from './hoverMarkdown';
import type { DocumentFormulas } from './documentFormulas';
import type { RenderService } from './render/renderService';
import type { Macros } from './render/texToSvg';
import { hoverTextColor } from './theme';

/** Macros from the `genmath.macros` setting, written like `markdown.math.macros` (`"\\R": "\\mathbb{R}"`). */
export function settingsMacros(config: vscode.WorkspaceConfiguration): Record<string, string> {
  const raw = config.get<Record<string, unknown>>('macros') ?? {};
  const macros: Record<string, string> = {};
  for (const [name, body] of Object.entries(raw)) {
    const bare = name.replace(/^\\/, '');
    if (typeof body === 'string' && /^[A-Za-z]+$|^.$/.test(bare)) macros[bare] = body;
  }
  return macros;
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
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const config = vscode.workspace.getConfiguration('genmath', doc);
    if (!config.get<boolean>('hover.enabled', true)) return undefined;
    const formula = this.formulas.at(doc, doc.offsetAt(position));
    if (!formula) return undefined;

    const fontSize = vscode.workspace.getConfiguration('editor', doc).get<number>('fontSize', 14);
    const scale = Math.min(4, Math.max(0.5, config.get<number>('hover.scale', 1.25)));
    // Document macros win over settings, as a \newcommand in the file is the more specific.
    const macros: Macros = { ...settingsMacros(config), ...(this.formulas.of(doc)?.macros ?? {}) };
    const result = await this.renderer.render({
      tex: formula.tex,
      display: formula.display,
      macros,
      color: hoverTextColor(),
      exPixels: Math.round(fontSize * scale * 0.5 * 100) / 100,
    });
    if (token.isCancellationRequested) return undefined;

    const card = recognize(formula.tex, { context: this.formulas.contextOf(doc, formula) });
    const value = result.value ? valueLine(result.value) : undefined;
    const explain = card.kind === 'none' ? undefined : explainLink(doc.uri.toString(), formula.start);
    const markdown = new vscode.MarkdownString(cardMarkdown(card, formulaMarkdown(formula.tex, result), { value, explain }), true);
    // Links run only GenMath's own commands, never arbitrary ones: `isTrusted` is never true.
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    const range = new vscode.Range(doc.positionAt(formula.start), doc.positionAt(formula.end));
    return new vscode.Hover(markdown, range);
  }
}
