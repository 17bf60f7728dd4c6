/**
 * A derivation step as a builder plans it (statements in the expression tree, the rule that
 * gives it, what it assumes) and as it is shown once checked (TeX, a sentence, how it was checked).
 */
import type { WorldFactory } from './check/world';
import type { Stmt } from './expr/types';

/** How a shown step was checked. */
export type Checked =
  /** Both sides evaluated equal (or in the stated order) on seeded toy instances. */
  | 'numerically'
  /** Matched to a rule by its structure (a note's own line, read as a known identity). */
  | 'symbolically'
  /** The step defines a symbol or a function; there is nothing to check. */
  | 'definition'
  /** The step states an assumption (a model, a family); later steps are checked under it. */
  | 'assumption'
  /** The formula as the note writes it. */
  | 'as written'
  /** A textbook fact no toy instance here can evaluate; `unchecked` on the planned step says why it is shown. */
  | 'not checked'
  /** A note's own line whose two sides differ on a toy instance (shown as the note writes it, with that warning). */
  | 'fails numerically';

/** A step as a derivation builder plans it. */
export interface PlannedStep {
  /** The statements the step shows, side by side. */
  readonly math: readonly Stmt[];
  /** One sentence: why the step follows. */
  readonly why: string;
  /** The named rule that gives it: "definition of the KL divergence", "Jensen's inequality", ... */
  readonly rule: string;
  /** The assumption the step makes, in words ("if q is Gaussian ..."); it may bring in new symbols. */
  readonly assumption?: string;
  /** Symbols the step brings in beyond the formula's: allowed only with an assumption, as an example, or as defined names. */
  readonly introduces?: readonly string[];
  /** An illustrative example, tied back to the formula in its sentence. */
  readonly example?: boolean;
  /** Relative tolerance of the numeric comparison (default 1e-6). */
  readonly tolerance?: number;
  /** Why a statement no toy instance can evaluate may still be shown (a limit, a named theorem). */
  readonly unchecked?: string;
  /** Another toy instance for this step (an example with its own model). */
  readonly world?: WorldFactory;
}

/** A step as the panel and `genmath explain` show it. `latex` and `why` are the JSON contract of design.md. */
export interface DerivationStep {
  readonly latex: string;
  readonly why: string;
  /** How it was checked before it was shown. */
  readonly checked?: Checked;
  /** The rule that takes the previous line to this one. */
  readonly rule?: string;
  /** The assumption it makes, if any. */
  readonly assumption?: string;
  /** True for an illustrative example. */
  readonly example?: boolean;
}
