import * as vscode from 'vscode';
import { findFormulas } from '../core/find';
import { sentenceAround } from '../core/find/sentence';
import type { FindResult, FoundFormula, SourceLanguage } from '../core/find/types';
import { recognize, type ClassifyOptions, type FormulaCard } from '../core/recognize';
import { setting } from './config/read';
import { Disposable } from './dispose';
import { FORMULA_CACHE_MAX_DOCUMENTS } from './limits';

/** The document languages GenMath reads formulas from, and how it reads each. */
export const LANGUAGES: Readonly<Record<string, SourceLanguage>> = {
  markdown: 'markdown',
  latex: 'latex',
  tex: 'latex',
};

/** The selector for providers: any scheme, so notebook cells and virtual workspaces work too. */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = Object.keys(LANGUAGES).map((language) => ({ language }));

/** What is kept of one document version: its text, its formulas, and the words around and the card of those asked for. */
interface Entry {
  readonly version: number;
  readonly unicode: boolean;
  readonly language: SourceLanguage;
  readonly text: string;
  readonly result: FindResult;
  /** The words around a formula, by its start offset. */
  readonly contexts: Map<number, string>;
  /** What a formula is (kind, roles, glossary), by its start offset. */
  readonly cards: Map<number, FormulaCard>;
}

/** How a formula is recognized; tests pass one that counts its calls. */
export type Recognizer = (latex: string, options: ClassifyOptions) => FormulaCard;

/**
 * The formulas of each open document, found once per document version, and each formula
 * recognized at most once per version: the hover, the CodeLens and the Explain panel all read
 * the same card. At most FORMULA_CACHE_MAX_DOCUMENTS documents are kept (the least recently used
 * goes first); a closed document's entry goes at once.
 */
export class DocumentFormulas extends Disposable {
  readonly #cache = new Map<string, Entry>();
  readonly #recognize: Recognizer;

  constructor(options: { readonly recognize?: Recognizer } = {}) {
    super();
    this.#recognize = options.recognize ?? recognize;
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

  /**
   * What a formula of `doc` is, recognized with the words around it (`contextOf`); cached with the
   * document's formulas until the document changes.
   */
  cardOf(doc: vscode.TextDocument, formula: FoundFormula): FormulaCard {
    const entry = this.#entry(doc);
    const cached = entry?.cards.get(formula.start);
    if (cached) return cached;
    const card = this.#recognize(formula.tex, { context: this.contextOf(doc, formula) });
    entry?.cards.set(formula.start, card);
    return card;
  }

  #entry(doc: vscode.TextDocument): Entry | undefined {
    const language = LANGUAGES[doc.languageId];
    if (!language) return undefined;
    const unicode = setting('unicode.enabled', doc);
    const key = doc.uri.toString();
    const hit = this.#cache.get(key);
    if (hit && hit.version === doc.version && hit.unicode === unicode && hit.language === language) {
      // Most recently used last, so the oldest is the first to go.
      this.#cache.delete(key);
      this.#cache.set(key, hit);
      return hit;
    }
    const text = doc.getText();
    const entry: Entry = { version: doc.version, unicode, language, text, result: findFormulas(text, language, { unicode }), contexts: new Map(), cards: new Map() };
    this.#cache.delete(key);
    this.#cache.set(key, entry);
    while (this.#cache.size > FORMULA_CACHE_MAX_DOCUMENTS) this.#cache.delete(this.#cache.keys().next().value as string);
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
