import * as vscode from 'vscode';
import { findFormulas } from '../core/find';
import { sentenceAround } from '../core/find/sentence';
import type { FindResult, FoundFormula, SourceLanguage } from '../core/find/types';
import { setting } from './config/read';
import { Disposable } from './dispose';

/** The document languages GenMath reads formulas from, and how it reads each. */
export const LANGUAGES: Readonly<Record<string, SourceLanguage>> = {
  markdown: 'markdown',
  latex: 'latex',
  tex: 'latex',
};

/** The selector for providers: any scheme, so notebook cells and virtual workspaces work too. */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = Object.keys(LANGUAGES).map((language) => ({ language }));

/** What is kept of one document version: its text, its formulas and the words around those asked for. */
interface Entry {
  readonly version: number;
  readonly unicode: boolean;
  readonly language: SourceLanguage;
  readonly text: string;
  readonly result: FindResult;
  /** The words around a formula, by its start offset. */
  readonly contexts: Map<number, string>;
}

/** The formulas of each open document, found once per document version. */
export class DocumentFormulas extends Disposable {
  readonly #cache = new Map<string, Entry>();

  constructor() {
    super();
    this._register(vscode.workspace.onDidCloseTextDocument((doc) => this.#cache.delete(doc.uri.toString())));
  }

  /** All formulas of a document (cached until it changes). */
  of(doc: vscode.TextDocument): FindResult | undefined {
    return this.#entry(doc)?.result;
  }

  /**
   * The words around a formula of `doc` (its leading sentence and the next short one, see
   * `sentenceAround`), which the recognizer weighs; cached with the document's formulas, so the
   * hover, the CodeLens and the Explain panel all classify a formula with the same words.
   */
  contextOf(doc: vscode.TextDocument, formula: FoundFormula): string {
    const entry = this.#entry(doc);
    if (!entry) return '';
    let context = entry.contexts.get(formula.start);
    if (context === undefined) {
      context = sentenceAround(entry.text, formula.start, formula.end, { language: entry.language, formulas: entry.result.formulas });
      entry.contexts.set(formula.start, context);
    }
    return context;
  }

  #entry(doc: vscode.TextDocument): Entry | undefined {
    const language = LANGUAGES[doc.languageId];
    if (!language) return undefined;
    const unicode = setting('unicode.enabled', doc);
    const key = doc.uri.toString();
    const hit = this.#cache.get(key);
    if (hit && hit.version === doc.version && hit.unicode === unicode && hit.language === language) return hit;
    const text = doc.getText();
    const entry: Entry = { version: doc.version, unicode, language, text, result: findFormulas(text, language, { unicode }), contexts: new Map() };
    this.#cache.set(key, entry);
    return entry;
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
