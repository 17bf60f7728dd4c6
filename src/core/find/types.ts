import type { PastedPattern } from './pasted/types';

/** How a formula was written in its document. */
export type Delimiter =
  | 'dollar'          // $...$
  | 'display-dollar'  // $$...$$ (block, or inline as kramdown writes it)
  | 'paren'           // \(...\)
  | 'bracket'         // \[...\]
  | 'environment'     // \begin{equation}...\end{equation} and the other math environments
  | 'fence'           // ```math fenced code block
  | 'liquid'          // {% math %}...{% endmath %} (display) and {%m%}...{%em%} (inline), as Jekyll sites such as the CS228 notes write it
  | 'unicode';        // Unicode plain-text math pasted from a web page

/** The languages whose documents `findFormulas` understands. */
export type SourceLanguage = 'markdown' | 'latex';

/** One formula found in a document, with exact offsets in UTF-16 code units (as VS Code counts them). */
export interface FoundFormula {
  /** Offset of the first character of the formula, delimiters included. */
  readonly start: number;
  /** Offset just past the last character of the formula, delimiters included. */
  readonly end: number;
  /** 0-based line of `start`. */
  readonly line: number;
  readonly delimiter: Delimiter;
  /** True for display math (its own block), false for inline math. */
  readonly display: boolean;
  /** The formula exactly as it stands in the document, delimiters included (`text.slice(start, end)`). */
  readonly source: string;
  /**
   * TeX ready to render: the body without `$`/`\(`/`\[` delimiters; a math environment kept whole
   * (`\begin{align}...\end{align}`); Unicode text converted to TeX; mojibake repaired.
   */
  readonly tex: string;
  /**
   * For math pasted from a page that rendered it, how the page's copy came (MathJax's visual copy
   * and linear text, KaTeX's visual text and TeX source); the formula spans every line of it.
   */
  readonly pasted?: PastedPattern;
}

/** Math pasted from a web page that was found but could not be read whole, so is not a formula. */
export interface UnreadablePaste {
  readonly start: number;
  readonly end: number;
  /** 0-based line of `start`. */
  readonly line: number;
  /** Why, as the end of a sentence: "a character of it lost a byte ...". */
  readonly problem: string;
}

/** Options of `findFormulas`. */
export interface FindOptions {
  /** Also find Unicode plain-text math (default true). */
  readonly unicode?: boolean;
}

/** Everything `findFormulas` learns from a document. */
export interface FindResult {
  /** The formulas in document order, never overlapping. */
  readonly formulas: readonly FoundFormula[];
  /**
   * Macros the document defines with `\newcommand`, `\renewcommand`, `\def` or `\DeclareMathOperator`,
   * as MathJax's `tex.macros` option takes them: name without backslash -> body, or [body, argument count].
   */
  readonly macros: Readonly<Record<string, string | [string, number]>>;
  /** The names among `macros` defined only by `\providecommand`: a setting or macro file wins over them. */
  readonly provided?: readonly string[];
  /** Pasted math that could not be read whole (left alone: a command says so rather than guess). */
  readonly unreadable: readonly UnreadablePaste[];
}
