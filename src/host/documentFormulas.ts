import * as vscode from 'vscode';
import { findFormulas } from '../core/find';
import type { FindResult, FoundFormula, SourceLanguage } from '../core/find/types';
import { Disposable } from './dispose';

/** The document languages GenMath reads formulas from, and how it reads each. */
export const LANGUAGES: Readonly<Record<string, SourceLanguage>> = {
  markdown: 'markdown',
  latex: 'latex',
  tex: 'latex',
};

/** The selector for providers: any scheme, so notebook cells and virtual workspaces work too. */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = Object.keys(LANGUAGES).map((language) => ({ language }));

/** The formulas of each open document, found once per document version. */
export class DocumentFormulas extends Disposable {
  readonly #cache = new Map<string, { version: number; unicode: boolean; result: FindResult }>();

  constructor() {
    super();
    this._register(vscode.workspace.onDidCloseTextDocument((doc) => this.#cache.delete(doc.uri.toString())));
  }

  /** All formulas of a document (cached until it changes). */
  of(doc: vscode.TextDocument): FindResult | undefined {
    const language = LANGUAGES[doc.languageId];
    if (!language) return undefined;
    const unicode = vscode.workspace.getConfiguration('genmath', doc).get<boolean>('unicode.enabled', true);
    const key = doc.uri.toString();
    const hit = this.#cache.get(key);
    if (hit && hit.version === doc.version && hit.unicode === unicode) return hit.result;
    const result = findFormulas(doc.getText(), language, { unicode });
    this.#cache.set(key, { version: doc.version, unicode, result });
    return result;
  }

  /** The formula under an offset, delimiters included. */
  at(doc: vscode.TextDocument, offset: number): FoundFormula | undefined {
    const formulas = this.of(doc)?.formulas;
    if (!formulas) return undefined;
    // Formulas are in document order and never overlap: binary search.
    let lo = 0;
    let hi = formulas.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const f = formulas[mid];
      if (offset < f.start) hi = mid - 1;
      else if (offset >= f.end) lo = mid + 1;
      else return f;
    }
    return undefined;
  }
}
