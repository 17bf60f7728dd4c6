/** What the pasted-math readers report. */

/** How a page's math came onto the clipboard. */
export type PastedPattern =
  /** MathJax: a visual copy one token a line, then (usually) the linear text of the same formula. */
  | 'mathjax'
  /** KaTeX: the visual text directly followed by the TeX source of its annotation. */
  | 'katex';

/** A stretch of pasted math spanning one formula, read or not. */
export interface PastedBlock {
  readonly start: number;
  readonly end: number;
  readonly pattern: PastedPattern;
  /** The formula as TeX, when the block could be read whole. */
  readonly tex?: string;
  /** Why it could not be read whole, when `tex` is absent: a sentence for a message. */
  readonly problem?: string;
}
