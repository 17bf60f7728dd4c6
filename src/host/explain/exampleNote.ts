/**
 * "Explain Formula" with no formula under the cursor (no note open, or the cursor in prose): it
 * says what to do, and offers an example note to try it on, opened as an untitled document (so it
 * works in untrusted and virtual workspaces, and the user's files stay as they are) with the cursor
 * already in its first display formula.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentFormulas } from '../documentFormulas';

/** The example notes, in the order a learner meets them; all shipped in the .vsix (see .vscodeignore). */
export const EXAMPLE_NOTES = ['01-maximum-likelihood.md', '02-vae-and-elbo.md', '03-gans.md', '04-diffusion.md', '05-pasted-from-the-web.md', 'paper.tex'] as const;

/** The name of one of the example notes. */
export type ExampleNoteName = (typeof EXAMPLE_NOTES)[number];

/** The example note the offer opens, as a path in the extension. */
export const EXAMPLE_NOTE = `examples/${EXAMPLE_NOTES[0]}`;

/** Whether `v` names an example note: the command's argument comes from a link, so it is checked. */
export function isExampleNoteName(v: unknown): v is ExampleNoteName {
  return typeof v === 'string' && (EXAMPLE_NOTES as readonly string[]).includes(v);
}

/** The message, and the button that opens the example. */
export const NO_FORMULA_MESSAGE = 'GenMath: Put the cursor in a formula (in a markdown or LaTeX note) to explain it.';
export const OPEN_EXAMPLE = 'Open an Example Note';

/** Says what to do; opens the example note when the user takes the offer. */
export async function offerExampleNote(context: vscode.ExtensionContext, formulas: DocumentFormulas): Promise<void> {
  const choice = await vscode.window.showInformationMessage(NO_FORMULA_MESSAGE, OPEN_EXAMPLE);
  if (choice !== OPEN_EXAMPLE) return;
  await openExampleNote(context, formulas, EXAMPLE_NOTES[0]);
}

/**
 * Opens an example note as an untitled copy (the installed file stays as it is) with the cursor in
 * its first display formula, so that hovering there or running Explain Formula shows that formula.
 */
export async function openExampleNote(context: vscode.ExtensionContext, formulas: DocumentFormulas, name: ExampleNoteName): Promise<void> {
  let content: string;
  try {
    content = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(path.join(context.extensionPath, 'examples', name))));
  } catch (err) {
    void vscode.window.showErrorMessage(`GenMath: the example note is missing from the extension (${err instanceof Error ? err.message : String(err)}).`);
    return;
  }
  const doc = await vscode.workspace.openTextDocument({ language: name.endsWith('.tex') ? 'latex' : 'markdown', content });
  const editor = await vscode.window.showTextDocument(doc);
  // The cursor in the first display formula, so that running Explain Formula again explains it.
  const first = formulas.of(doc)?.formulas.find((f) => f.display);
  if (first) {
    const at = doc.positionAt(Math.floor((first.start + first.end) / 2));
    editor.selection = new vscode.Selection(at, at);
    editor.revealRange(new vscode.Range(at, at), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
