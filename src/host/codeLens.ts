import * as vscode from 'vscode';
import { isPastedFormula } from '../core/find';
import { convertLens } from './convertPasted';
import { affectsSetting, setting } from './config/read';
import { Disposable } from './dispose';
import { demoFor, explainLink } from './demos';
import type { DocumentFormulas } from './documentFormulas';

/**
 * A CodeLens above each display formula of a known kind: its name, and its demo where one exists;
 * above math pasted from a web page, "Convert to LaTeX". Off with `genmath.codeLens.enabled`.
 */
export class FormulaCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  readonly #changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.#changed.event;

  constructor(private readonly formulas: DocumentFormulas) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsSetting(e, 'codeLens.enabled')) this.#changed.fire();
      }),
    );
  }

  provideCodeLenses(doc: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    if (!setting('codeLens.enabled', doc)) return [];
    const lenses: vscode.CodeLens[] = [];
    for (const f of this.formulas.of(doc)?.formulas ?? []) {
      if (token.isCancellationRequested) break;
      if (!f.display) continue;
      // Math pasted from a page can become the note's own LaTeX, whatever its kind.
      if (isPastedFormula(f)) lenses.push(convertLens(doc, f));
      const card = this.formulas.cardOf(doc, f);
      if (card.kind === 'none') continue;
      const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.start));
      const explain = explainLink(doc.uri.toString(), f.start);
      lenses.push(new vscode.CodeLens(range, { title: `${card.title} · Explain`, command: explain.command, arguments: [...explain.args] }));
      const demo = demoFor(card);
      if (demo) lenses.push(new vscode.CodeLens(range, { title: demo.title, command: demo.command, arguments: [...demo.args] }));
    }
    return lenses;
  }
}
