/**
 * The macros a formula of a document is rendered with, from every place people keep them (the
 * order is stated in src/core/find/macroSources.ts): the document (and, in a notebook, the markdown
 * cells before it), the `genmath.macroFiles` files, and the `genmath.macros`, `katex.macros` and
 * `markdown.math.macros` settings. Macro files are read once per workspace folder through
 * `vscode.workspace.fs` (so virtual workspaces work) and read again when they or the setting change.
 */
import * as vscode from 'vscode';
import { fileMacros, mergeMacros, settingMacros } from '../core/find/macroSources';
import type { MacroTable } from '../core/find/macros';
import { affectsForeign, affectsSetting, foreignMacros, setting } from './config/read';
import { Disposable } from './dispose';
import type { DocumentFormulas } from './documentFormulas';
import { MACRO_FILE_MAX_BYTES, MACRO_FILES_MAX } from './limits';

/** The macro tables of the settings and files, kept per workspace folder (or '' for none). */
export class MacroSources extends Disposable {
  readonly #files = new Map<string, { paths: string; table: MacroTable; loaded: Promise<void> }>();
  readonly #onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when a macro file or a macro setting changed, so rendered images may be stale. */
  readonly onDidChange = this.#onDidChange.event;

  constructor(private readonly formulas: DocumentFormulas) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsSetting(e, 'macroFiles')) this.#files.clear();
      if (affectsSetting(e, 'macros') || affectsSetting(e, 'macroFiles') || affectsForeign(e, 'katex.macros') || affectsForeign(e, 'markdown.math.macros')) this.#onDidChange.fire();
    }));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher('**/*.{tex,sty}', true, false, false));
    const changed = (uri: vscode.Uri): void => {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      const entry = this.#files.get(folder?.uri.toString() ?? '');
      if (folder && entry && macroFilePaths(folder).some((p) => vscode.Uri.joinPath(folder.uri, p).toString() === uri.toString())) {
        this.#files.delete(folder.uri.toString());
        this.#onDidChange.fire();
      }
    };
    this._register(watcher.onDidChange(changed));
    this._register(watcher.onDidDelete(changed));
  }

  /** Resolves once the macro files of `doc`'s workspace folder have been read (at once when they were). */
  ready(doc: vscode.TextDocument): Promise<void> {
    return this.#entry(doc)?.loaded ?? Promise.resolve();
  }

  /**
   * The macros `doc`'s formulas render with; macro files not read yet count as empty (see `ready`).
   * `own`, when given, stands for the document's definitions (a LaTeX project's, all files merged).
   */
  macrosFor(doc: vscode.TextDocument, own?: { macros: MacroTable; provided: readonly string[] }): MacroTable {
    const { macros: document, provided } = own ?? this.#documentMacros(doc);
    const foreign = foreignMacros(doc);
    return mergeMacros({
      document,
      provided,
      files: this.#entry(doc)?.table ?? {},
      genmath: settingMacros(setting('macros', doc)),
      katex: settingMacros(foreign.katex),
      markdownMath: settingMacros(foreign.markdownMath),
    });
  }

  /** The document's own macros; for a notebook cell, merged with those of the markdown cells before it. */
  #documentMacros(doc: vscode.TextDocument): { macros: MacroTable; provided: string[] } {
    const cells = doc.uri.scheme === 'vscode-notebook-cell' ? cellsUpTo(doc) : [doc];
    const macros: MacroTable = {};
    const provided = new Set<string>();
    for (const cell of cells) {
      const found = this.formulas.of(cell);
      if (!found) continue;
      const own = new Set(found.provided ?? []);
      for (const [name, body] of Object.entries(found.macros)) {
        // A later cell's \providecommand does not replace an earlier cell's definition.
        if (own.has(name) && name in macros) continue;
        macros[name] = body;
        if (own.has(name)) provided.add(name);
        else provided.delete(name);
      }
    }
    return { macros, provided: [...provided] };
  }

  #entry(doc: vscode.TextDocument): { table: MacroTable; loaded: Promise<void> } | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri) ?? vscode.workspace.workspaceFolders?.[0];
    if (!folder) return undefined;
    const paths = macroFilePaths(folder);
    if (paths.length === 0) return undefined;
    const key = folder.uri.toString();
    const hit = this.#files.get(key);
    if (hit && hit.paths === paths.join('\n')) return hit;
    const entry = { paths: paths.join('\n'), table: {} as MacroTable, loaded: Promise.resolve() };
    entry.loaded = readMacroFiles(folder, paths).then((table) => {
      entry.table = table;
      this.#onDidChange.fire();
    });
    this.#files.set(key, entry);
    return entry;
  }
}

/** The workspace-relative paths of `genmath.macroFiles` for a folder, at most MACRO_FILES_MAX. */
function macroFilePaths(folder: vscode.WorkspaceFolder): string[] {
  const raw = setting('macroFiles', folder.uri);
  if (!Array.isArray(raw)) return [];
  return raw.filter((p): p is string => typeof p === 'string' && /\.(tex|sty)$/i.test(p) && !p.split(/[\\/]/).includes('..')).slice(0, MACRO_FILES_MAX);
}

/** Reads the macro files in order (a later one wins); a missing or too large file is skipped. */
async function readMacroFiles(folder: vscode.WorkspaceFolder, paths: readonly string[]): Promise<MacroTable> {
  const texts = await Promise.all(paths.map(async (p) => {
    try {
      const uri = vscode.Uri.joinPath(folder.uri, p);
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MACRO_FILE_MAX_BYTES) return '';
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      // A file named in the setting but not there (yet) defines nothing.
      return '';
    }
  }));
  return Object.assign({}, ...texts.map(fileMacros)) as MacroTable;
}

/** The markdown cells of `cell`'s notebook up to and including `cell`, in order. */
function cellsUpTo(cell: vscode.TextDocument): vscode.TextDocument[] {
  for (const notebook of vscode.workspace.notebookDocuments) {
    const cells = notebook.getCells();
    const index = cells.findIndex((c) => c.document === cell || c.document.uri.toString() === cell.uri.toString());
    if (index < 0) continue;
    return cells.slice(0, index + 1).filter((c) => c.kind === vscode.NotebookCellKind.Markup || c.document === cell).map((c) => c.document);
  }
  return [cell];
}
