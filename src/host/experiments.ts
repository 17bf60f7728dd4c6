/**
 * Experiments kept in notes: "Copy experiment" writes one into the note beside the panel (a fenced
 * `genmath` block, or a Run demo link), a CodeLens over each block runs it again, and "Export"
 * saves a panel's plot where the person says.
 */
import * as vscode from 'vscode';
import { EXPERIMENT_FENCE, experimentBlock, parseExperiment, type Experiment } from '../shared/experiment';
import { toyCommand } from './commands';
import { commandUri } from './demos';

/** What a toy command takes after its settings and the note's formula: drawn data, and a fresh start. */
export interface ToyCommandExtra {
  readonly drawn?: readonly number[];
  readonly restart?: boolean;
}

/** The command link that opens an experiment: its toy's command with the settings, no formula, the drawn data. */
export function experimentLink(e: Experiment): { readonly title: string; readonly command: string; readonly args: readonly unknown[] } {
  const extra: ToyCommandExtra = { restart: true, ...(e.drawn ? { drawn: e.drawn } : {}) };
  return { title: 'Run this experiment ▸', command: toyCommand(e.toy), args: [e.settings, null, extra] };
}

/** The note to write into: the editor beside the panel (a webview with focus leaves no active editor). */
function noteEditor(): vscode.TextEditor | undefined {
  const notes = ['markdown', 'latex', 'tex'];
  return vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => notes.includes(e.document.languageId)) ?? vscode.window.visibleTextEditors[0];
}

/** Writes the experiment below the cursor's line of the note beside the panel (or into a new note). */
export async function writeExperiment(e: Experiment, as: 'block' | 'link'): Promise<void> {
  const text = as === 'block' ? experimentBlock(e) : `[${experimentLink(e).title}](${commandUri(experimentLink(e))})\n`;
  let editor = noteEditor();
  if (!editor) {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: true });
  }
  const line = editor.document.lineAt(editor.selection.end.line);
  const ok = await editor.edit((b) => b.insert(line.range.end, `\n\n${text}`));
  if (!ok) throw new Error('the note did not take the edit');
  void vscode.window.setStatusBarMessage(`$(check) GenMath: wrote the experiment into ${vscode.workspace.asRelativePath(editor.document.uri)}`, 4000);
}

/** Asks where to save a plot, then saves it. */
export async function exportPlot(name: string, format: 'png' | 'svg', content: Uint8Array): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = await vscode.window.showSaveDialog({
    title: `Export the plot as ${format.toUpperCase()}`,
    filters: format === 'png' ? { 'PNG image': ['png'] } : { 'SVG image': ['svg'] },
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${name}.${format}`) } : {}),
  });
  if (!uri) return;
  await vscode.workspace.fs.writeFile(uri, content);
  void vscode.window.setStatusBarMessage(`$(check) GenMath: saved ${vscode.workspace.asRelativePath(uri)}`, 4000);
}

const BLOCK = new RegExp(`^\`\`\`${EXPERIMENT_FENCE}[ \\t]*\\r?\\n([\\s\\S]*?)\\r?\\n\`\`\``, 'gm');
/** Blocks longer than this are not read (the largest experiment, 500 drawn points, is ~12 KB). */
const MAX_BLOCK = 64_000;

/** A "Run this experiment ▸" CodeLens above each `genmath` block; one that is not an experiment says why. */
export class ExperimentCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const text = document.getText();
    if (!text.includes(`\`\`\`${EXPERIMENT_FENCE}`)) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const m of text.matchAll(BLOCK)) {
      const range = new vscode.Range(document.positionAt(m.index), document.positionAt(m.index));
      const e = m[1].length <= MAX_BLOCK ? parseExperiment(m[1]) : 'too long to be an experiment';
      if (typeof e === 'string') {
        lenses.push(new vscode.CodeLens(range, { title: `GenMath: ${e}`, command: '' }));
        continue;
      }
      const link = experimentLink(e);
      lenses.push(new vscode.CodeLens(range, { title: link.title, command: link.command, arguments: [...link.args] }));
    }
    return lenses;
  }
}
