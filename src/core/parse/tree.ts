/**
 * The expression tree that recognition works on. It keeps what the math means (which
 * function is applied to what, where a conditioning bar or a `\|` stands, what a
 * min/max/E is taken over) and drops what only changes the look (spacing, sizes,
 * colours, bold). Braces are invisible in math, so brace groups are flattened into
 * the sequence around them; parentheses and brackets stay groups, because
 * `p(x|z)` is an application and recognition needs to see it as one.
 */

/** What a node is. */
export type NodeType =
  | 'id'     // a symbol: `x`, `theta`, `E` (with font `bb`), a word such as `data`, an unknown macro `Vx`
  | 'num'    // a number
  | 'op'     // a named operator: log, exp, min, max, argmax, argmin, sum, prod, int, nabla, partial, KL, JS, ...
  | 'bin'    // + - * / \cdot \times \pm
  | 'rel'    // = <= >= < > != ~= ∝ <- := -> ∈ ~ =>
  | 'bar'    // a conditioning bar or absolute-value bar: | \mid \vert
  | 'par'    // a double bar: \| || \Vert \parallel (a KL's separator or a norm)
  | 'punct'  // , ; : ! ... and delimiters that did not pair up
  | 'group'  // ( ... ), [ ... ], \{ ... \}, \langle ... \rangle, \left. ... \right|
  | 'frac'   // \frac{num}{den}: args [num, den]
  | 'sqrt'   // \sqrt{x}: args [x]
  | 'text'   // \text{...} that is prose, not a known word
  | 'nl';    // a line break (`\\`) at the level it was written

/** One node of the tree. Every node may carry scripts. */
export interface MathNode {
  readonly type: NodeType;
  /** Normalized name: `theta` for `\theta` and `θ`, `log` for `\ln`, `<=` for `\leq`, `(` for a group. */
  name: string;
  /** Font of a symbol: `bb` (\mathbb), `cal` (\mathcal), `rm`, `bf`, `frak`, `scr`. */
  font?: string;
  /** Accent on a symbol: `tilde`, `hat`, `bar`, `vec`, `dot`. */
  accent?: string;
  /** Number of primes (`f'` is 1). */
  prime?: number;
  /** True when the symbol came from a macro this parser does not know (`\Vx`, `\DKL`). */
  macro?: boolean;
  sub?: MathNode[];
  sup?: MathNode[];
  /** Content of a group. */
  children?: MathNode[];
  /** Closing delimiter of a group (empty when the input never closed it). */
  close?: string;
  /** Arguments of `frac` (numerator, denominator) and `sqrt`. */
  args?: MathNode[][];
}

/** The result of parsing one formula. */
export interface ParsedFormula {
  /** The formula's lines (split at top-level `\\`), each a sequence of nodes. */
  readonly lines: MathNode[][];
  /** True when the input was longer than the cap and only its beginning was parsed. */
  readonly truncated: boolean;
  /** True when nesting went deeper than the depth limit and the deeper part was flattened. */
  readonly depthLimited: boolean;
  /** Greatest nesting depth reached (never above the limit). */
  readonly maxDepth: number;
}
