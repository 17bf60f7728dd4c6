/**
 * The kinds of formula GenMath recognizes (design.md), `none` when it is none of them; what each
 * is called, explained and demonstrated by is in src/core/kinds.ts.
 */
export type FormulaKind =
  | 'mle' | 'kl' | 'elbo' | 'minimax' | 'gradient_step' | 'marginal' | 'reconstruction'
  | 'diffusion' | 'bayes' | 'entropy' | 'jsd' | 'none';

/** What `classify` says about one formula. */
export interface Classification {
  readonly kind: FormulaKind;
  /** How sure, 0..1: high when the defining structure is explicit, low for a guess or a parse problem. */
  readonly confidence: number;
  /**
   * Which symbol plays which part, in the formula's own TeX: `parameter`, `data`, `model`,
   * `prior`, `encoder`, `decoder`, `generator`, `discriminator`, `learning_rate`, `loss`,
   * `time_step`, `schedule`, and per kind `first`/`second`/`direction` (KL) or `variant`.
   */
  readonly roles: Record<string, string>;
}

/** One symbol of a formula and what it stands for there. */
export interface GlossaryEntry {
  readonly symbol: string;
  readonly meaning: string;
}

/** Everything the hover, the panel and `genmath explain` start from. */
export interface FormulaCard extends Classification {
  /** The kind's name for people: "KL divergence", "Evidence lower bound (ELBO)", ... */
  readonly title: string;
  /** Every symbol named from the formula's own letters. */
  readonly glossary: readonly GlossaryEntry[];
  /** The TeX that was recognized (delimiters and wrappers removed). */
  readonly tex: string;
}

/** What a kind's detector reports when it sees its structure. */
export interface Hit {
  readonly kind: Exclude<FormulaKind, 'none'>;
  readonly confidence: number;
  readonly roles: Record<string, string>;
}
