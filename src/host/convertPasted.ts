/**
 * "GenMath: Convert Pasted Math to LaTeX": math pasted from a web page (Unicode text, mojibake, a
 * MathJax or KaTeX copy spanning many lines) replaced by the LaTeX it reads as, `$$...$$` or `$...$`,
 * in one undoable edit. Offered by the command (cursor or selection), a CodeLens above each pasted
 * display formula and a quick fix. Nothing else in the note changes; a pasted block the finder
 * could not read whole is left as it is, with a message that says why.
 */
import * as vscode from 'vscode';
import { isPastedFormula, latexReplacement } from '../core/find';
import type { FoundFormula, UnreadablePaste } from '../core/find/types';
import { isFormulaLocation } from '../shared/explainProtocol';
import { COMMANDS } from './commands';
import type { DocumentFormulas } from './documentFormulas';

/** What the CodeLens and the quick fix are called. */
export const CONVERT_TITLE = 'Convert to LaTeX';

/** The pasted formulas and unreadable blocks that `[start, end]` touches (a cursor touches what holds it). */
export function pastedAt(formulas: DocumentFormulas, doc: vscode.TextDocument, start: number, end: number):
  { readonly convertible: FoundFormula[]; readonly unreadable: UnreadablePaste[] } {
  const result = formulas.of(doc);
  if (!result) return { convertible: [], unreadable: [] };
  const touches = (s: number, e: number): boolean => (start === end ? s <= start && start <= e : s < end && start < e);
  return {
    convertible: result.formulas.filter((f) => isPastedFormula(f) && touches(f.start, f.end)),
    unreadable: result.unreadable.filter((u) => touches(u.start, u.end)),
  };
}

/** One edit replacing each formula with its LaTeX. */
export function conversionEdit(doc: vscode.TextDocument, convertible: readonly FoundFormula[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  const text = doc.getText();
  for (const f of convertible) {
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end)), latexReplacement(text, f));
  }
  return edit;
}

/** The message for blocks left alone. */
function unreadableMessage(unreadable: readonly UnreadablePaste[]): string {
  const lines = unreadable.map((u) => u.line + 1).join(', ');
  return `GenMath: the pasted math at line ${lines} was left as it is: ${unreadable[0].problem}.`;
}

/**
 * Runs the conversion: at a location from a CodeLens (`{uri, offset}`), or else at the active
 * editor's selections.
 */
export async function convertPastedMath(formulas: DocumentFormulas, location?: unknown): Promise<void> {
  let doc: vscode.TextDocument | undefined;
  let ranges: [number, number][] = [];
  if (isFormulaLocation(location)) {
    doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(location.uri));
    ranges = [[location.offset, location.offset]];
  } else if (vscode.window.activeTextEditor) {
    doc = vscode.window.activeTextEditor.document;
    const d = doc;
    ranges = vscode.window.activeTextEditor.selections.map((s) => [d.offsetAt(s.start), d.offsetAt(s.end)]);
  }
  if (!doc) {
    void vscode.window.showInformationMessage('GenMath: open a markdown note and put the cursor in the pasted math to convert it.');
    return;
  }
  const convertible = new Map<number, FoundFormula>();
  const unreadable = new Map<number, UnreadablePaste>();
  for (const [start, end] of ranges) {
    const found = pastedAt(formulas, doc, start, end);
    for (const f of found.convertible) convertible.set(f.start, f);
    for (const u of found.unreadable) unreadable.set(u.start, u);
  }
  if (convertible.size === 0 && unreadable.size === 0) {
    void vscode.window.showInformationMessage('GenMath: no pasted math here. Put the cursor in (or select) math pasted from a web page.');
    return;
  }
  if (convertible.size > 0) {
    const ok = await vscode.workspace.applyEdit(conversionEdit(doc, [...convertible.values()]));
    if (!ok) void vscode.window.showWarningMessage('GenMath: the note changed while converting; nothing was converted.');
  }
  if (unreadable.size > 0) void vscode.window.showWarningMessage(unreadableMessage([...unreadable.values()]));
}

/** The quick fix (and refactoring) "Convert to LaTeX" over pasted math. */
export class PastedMathCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite],
  };

  constructor(private readonly formulas: DocumentFormulas) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const { convertible } = pastedAt(this.formulas, doc, doc.offsetAt(range.start), doc.offsetAt(range.end));
    if (convertible.length === 0) return [];
    // Asked for refactorings only, the action is one; otherwise it is a quick fix (the light bulb).
    const only = context.only;
    const kind = only && !only.contains(vscode.CodeActionKind.QuickFix) && only.contains(vscode.CodeActionKind.RefactorRewrite)
      ? vscode.CodeActionKind.RefactorRewrite
      : vscode.CodeActionKind.QuickFix;
    if (only && !only.contains(kind)) return [];
    const action = new vscode.CodeAction(convertible.length === 1 ? CONVERT_TITLE : `${CONVERT_TITLE} (${convertible.length} formulas)`, kind);
    action.edit = conversionEdit(doc, convertible);
    action.isPreferred = true;
    return [action];
  }
}

/** The CodeLens "Convert to LaTeX" above a pasted display formula. */
export function convertLens(doc: vscode.TextDocument, f: FoundFormula): vscode.CodeLens {
  const at = doc.positionAt(f.start);
  return new vscode.CodeLens(new vscode.Range(at, at), {
    title: CONVERT_TITLE,
    command: COMMANDS.convertPastedMath.id,
    arguments: [{ uri: doc.uri.toString(), offset: f.start }],
  });
}
