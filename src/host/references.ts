/**
 * Equation references in the editor: hovering `\ref{...}`, `\eqref{...}`, `\autoref{...}` or
 * `\cref{...}` shows the labelled formula rendered, with its number and its kind, and Go to
 * Definition jumps to its `\label`. In markdown the labels are the note's own; in LaTeX they are
 * those of the project: the open file (or the root its `% !TEX root = ...` line names) and every
 * file it `\input`s or `\include`s, read through `vscode.workspace.fs` (open editors' unsaved text
 * first), at most PROJECT_FILES_MAX files of at most PROJECT_FILE_MAX_BYTES each.
 */
import * as vscode from 'vscode';
import { findFormulas } from '../core/find';
import { cleverefStyle, findLabel, includePath, includesOf, printedReference, projectEquations, referenceAt } from '../core/find/labels';
import type { MacroTable } from '../core/find/macros';
import { initialState, numberDocument, type NumberedEquation } from '../core/find/numbering';
import type { FindResult } from '../core/find/types';
import { recognize } from '../core/recognize';
import { HOVER_COMMANDS } from './commands';
import { setting } from './config/read';
import { explainLink } from './demos';
import { LANGUAGES, type DocumentFormulas } from './documentFormulas';
import { hoverRequests } from './hover';
import { cardMarkdown, escapeMarkdown, formulaMarkdown } from './hoverMarkdown';
import { PROJECT_FILE_MAX_BYTES, PROJECT_FILES_MAX } from './limits';
import type { MacroSources } from './macroSources';
import type { RenderService } from './render/renderService';

/** A resolved reference: the equation, the file it is in and where its label stands there. */
interface Resolved {
  readonly key: string;
  readonly keyRange: vscode.Range;
  readonly equation: NumberedEquation;
  readonly uri: vscode.Uri;
  readonly label: { readonly start: number; readonly end: number };
  /** The project's (or note's) macros, for rendering the equation as its own file would. */
  readonly macros: { macros: MacroTable; provided: readonly string[] };
  /** The reference as the document prints it (`eq. (3)` for `\cref`), when it has a number. */
  readonly printed?: string;
}

/** `% !TEX root = main.tex` in a file's first lines: the project's root, relative to the file. */
function rootOf(doc: vscode.TextDocument): vscode.Uri {
  const head = doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 20), 0));
  const m = /^\s*%\s*!\s*TEX\s+root\s*=\s*(.+?)\s*$/im.exec(head);
  return m ? vscode.Uri.joinPath(doc.uri, '..', m[1]) : doc.uri;
}

/** A file's text: the open editor's (unsaved edits included), else the file's, or undefined when missing or too large. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > PROJECT_FILE_MAX_BYTES) return undefined;
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    // A file the project names but that is not there (yet) holds no labels.
    return undefined;
  }
}

/** Finds what a reference under the cursor names. */
export class EquationReferences {
  /** The formulas of project files by URI, kept while their text is the same. */
  readonly #found = new Map<string, { text: string; result: FindResult }>();

  constructor(private readonly formulas: DocumentFormulas) {}

  /** A project file's formulas, found once per text. */
  #find(uri: vscode.Uri, text: string): FindResult {
    const key = uri.toString();
    const hit = this.#found.get(key);
    if (hit && hit.text === text) return hit.result;
    const result = findFormulas(text, 'latex');
    if (this.#found.size >= PROJECT_FILES_MAX * 4) this.#found.clear();
    this.#found.set(key, { text, result });
    return result;
  }
  /** The reference at `position` of `doc` resolved to its equation, or undefined. */
  async resolve(doc: vscode.TextDocument, position: vscode.Position): Promise<Resolved | undefined> {
    const language = LANGUAGES[doc.languageId];
    if (!language) return undefined;
    const text = doc.getText();
    const ref = referenceAt(text, doc.offsetAt(position));
    if (!ref) return undefined;
    const keyRange = new vscode.Range(doc.positionAt(ref.start), doc.positionAt(ref.end));
    if (language === 'markdown') {
      // A notebook is numbered as one document, cell after cell, as Jupyter's MathJax numbers it;
      // a note alone is its own document. Formulas come from the hover's per-version cache.
      const state = initialState();
      for (const cell of markdownCellsOf(doc)) {
        const own = this.formulas.of(cell);
        if (!own) continue;
        const found = findLabel(numberDocument(cell.uri.toString(), cell.getText(), own.formulas, 'markdown', state), ref.key);
        if (found) {
          const printed = found.equation.number !== undefined ? printedReference(ref.command, found.equation.number) : undefined;
          return { key: ref.key, keyRange, equation: found.equation, uri: cell.uri, label: found.label, macros: { macros: own.macros, provided: own.provided ?? [] }, printed };
        }
      }
      return undefined;
    }
    const root = rootOf(doc);
    const folder = vscode.Uri.joinPath(root, '..');
    const rootKey = root.path.slice(root.path.lastIndexOf('/') + 1);
    const texts = new Map<string, string>();
    const queue = [rootKey];
    while (queue.length > 0 && texts.size < PROJECT_FILES_MAX) {
      const key = queue.shift()!;
      if (texts.has(key)) continue;
      const content = await readText(vscode.Uri.joinPath(folder, key));
      if (content === undefined) continue;
      texts.set(key, content);
      for (const name of includesOf(content)) {
        const path = includePath(name);
        if (!texts.has(path)) queue.push(path);
      }
    }
    const find = (file: string, content: string): FindResult => this.#find(vscode.Uri.joinPath(folder, file), content);
    const found = findLabel(projectEquations(rootKey, texts, find), ref.key);
    if (!found) return undefined;
    const macros: MacroTable = {};
    const provided = new Set<string>();
    for (const [file, content] of texts) {
      const own = find(file, content);
      Object.assign(macros, own.macros);
      for (const name of own.provided ?? []) provided.add(name);
    }
    // cleveref's options are in the root file's preamble.
    const printed = found.equation.number !== undefined ? printedReference(ref.command, found.equation.number, cleverefStyle(texts.get(rootKey) ?? '')) : undefined;
    return { key: ref.key, keyRange, equation: found.equation, uri: vscode.Uri.joinPath(folder, found.equation.file), label: found.label, macros: { macros, provided: [...provided] }, printed };
  }
}

/** The hover over a reference: the labelled formula, its number, its kind and the Explain link. */
export class ReferenceHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly references: EquationReferences,
    private readonly renderer: RenderService,
    private readonly macroSources: MacroSources,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    if (!setting('hover.enabled', doc)) return undefined;
    const resolved = await this.references.resolve(doc, position);
    if (!resolved || token.isCancellationRequested) return undefined;
    await this.macroSources.ready(doc);
    const { equation } = resolved;
    const request = hoverRequests(doc, this.macroSources, resolved.macros)({ tex: equation.tex, display: true });
    const result = await this.renderer.render(request);
    if (token.isCancellationRequested) return undefined;
    const where = resolved.uri.toString() === doc.uri.toString() ? '' : ` in ${escapeMarkdown(vscode.workspace.asRelativePath(resolved.uri, false))}`;
    // What the reference prints as, when its command adds more than the number (`\cref`: "eq. (3)").
    const cited = resolved.printed !== undefined && resolved.printed !== equation.number ? `, cited here as “${escapeMarkdown(resolved.printed)}”` : '';
    const heading = equation.number !== undefined
      ? `Equation **${escapeMarkdown(equation.number)}**${where}${cited}`
      : `Unnumbered equation \`${resolved.key.replace(/`/g, '')}\`${where}`;
    const card = recognize(equation.tex);
    const explain = card.kind === 'none' ? undefined : explainLink(resolved.uri.toString(), equation.start);
    const markdown = new vscode.MarkdownString(`${heading}\n\n${cardMarkdown(card, formulaMarkdown(equation.tex, result), { explain })}`, true);
    // Links run only GenMath's own commands, never arbitrary ones: `isTrusted` is never true.
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    return new vscode.Hover(markdown, resolved.keyRange);
  }
}

/** Go to Definition on a reference: the `\label` it names. */
export class ReferenceDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly references: EquationReferences) {}

  async provideDefinition(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.LocationLink[] | undefined> {
    const resolved = await this.references.resolve(doc, position);
    if (!resolved) return undefined;
    const target = resolved.uri.toString() === doc.uri.toString() ? doc : await vscode.workspace.openTextDocument(resolved.uri);
    const range = new vscode.Range(target.positionAt(resolved.label.start), target.positionAt(resolved.label.end));
    return [{ originSelectionRange: resolved.keyRange, targetUri: resolved.uri, targetRange: range, targetSelectionRange: range }];
  }
}

/** The markdown cells of `doc`'s notebook in order, or `doc` alone when it is not a notebook cell. */
function markdownCellsOf(doc: vscode.TextDocument): vscode.TextDocument[] {
  if (doc.uri.scheme !== 'vscode-notebook-cell') return [doc];
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cells = notebook.getCells();
    if (!cells.some((c) => c.document.uri.toString() === doc.uri.toString())) continue;
    return cells.filter((c) => c.kind === vscode.NotebookCellKind.Markup && c.document.languageId === 'markdown').map((c) => c.document);
  }
  return [doc];
}
