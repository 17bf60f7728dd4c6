/**
 * The expression tree that derivations are written in. One tree gives both what a step shows
 * (`toTex`) and what the step checker evaluates (`check/numeric.ts`), so the line a person reads
 * is the line that was checked: no TeX string is ever checked separately from its meaning.
 *
 * Symbols are named by their canonical TeX (`x`, `\beta`, `q_{\phi}`), the form `canonical()`
 * gives for a note's own TeX, so a step's symbols can be compared with the formula's.
 */

/** Elementary functions of one argument. `sq` is a square written as `(·)^2` only when needed. */
export type Fn = 'log' | 'exp' | 'sqrt' | 'abs' | 'sigmoid' | 'norm2' | 'tanh';

/** A node of the tree. */
export type Expr =
  /** A number; `tex` overrides how it is written (`\tfrac{1}{2}`). */
  | { readonly t: 'num'; readonly v: number; readonly tex?: string }
  /** A symbol: a parameter, a data point, a named quantity (`\mathrm{ELBO}`). */
  | { readonly t: 'sym'; readonly name: string }
  /** An indexed symbol `x_{t-1}`: `base` with an index that is itself an expression. */
  | { readonly t: 'idx'; readonly base: string; readonly index: Expr }
  /** A run of indexed variables `x_{1:T}`, as the argument of a joint density. */
  | { readonly t: 'range'; readonly base: string; readonly lo: Expr; readonly hi: Expr }
  | { readonly t: 'add'; readonly terms: readonly Expr[] }
  | { readonly t: 'neg'; readonly a: Expr }
  | { readonly t: 'mul'; readonly fs: readonly Expr[]; readonly dot?: boolean }
  | { readonly t: 'div'; readonly a: Expr; readonly b: Expr }
  | { readonly t: 'pow'; readonly a: Expr; readonly b: Expr }
  | { readonly t: 'fn'; readonly f: Fn; readonly a: Expr }
  /**
   * A density or mass function applied: `p_{\theta}(x \mid z)`. `main` are the variables it is a
   * distribution over, `cond` what it is conditioned on; both empty means the distribution as a
   * whole (`P` in `D_{KL}(P \| Q)`). `as` names the variables when an argument is an expression
   * (`p_{\theta}(x \mid \mu + \sigma\epsilon)` is the density of x given z at z = μ + σε).
   */
  | { readonly t: 'dens'; readonly head: string; readonly main: readonly Expr[]; readonly cond: readonly Expr[]; readonly as?: { readonly main?: readonly Expr[]; readonly cond?: readonly Expr[] } }
  /** A deterministic function applied: `f_{\phi}(x)`, `D(G(z))`, `\mu_{\phi}(x)`, `L(\theta)`. */
  | { readonly t: 'call'; readonly head: string; readonly args: readonly Expr[] }
  /** The Gaussian density `\mathcal{N}(at; mean, var)`, or (without `at`) the distribution as a measure. */
  | { readonly t: 'normal'; readonly at?: Expr; readonly mean: Expr; readonly var: Expr }
  /** An expectation over `vars` drawn from `measure` (a `dens` or a `normal`). */
  | { readonly t: 'E'; readonly vars: readonly Expr[]; readonly measure: Expr; readonly body: Expr; readonly showVars?: boolean; readonly constant?: boolean; readonly show?: string }
  /** An integral over `vars` (a real line or a finite support, as the toy instance says). */
  | { readonly t: 'int'; readonly vars: readonly Expr[]; readonly body: Expr }
  /** A sum or product over an integer index from `lo` to `hi`, or over a variable's support when they are absent. */
  | { readonly t: 'sum' | 'prod'; readonly v: string; readonly lo?: Expr; readonly hi?: Expr; readonly body: Expr }
  /** KL divergence, over the variables of its first argument. */
  | { readonly t: 'kl'; readonly a: Expr; readonly b: Expr }
  /** Entropy H(a), or cross-entropy H(a, b) when `b` is there. */
  | { readonly t: 'H'; readonly a: Expr; readonly b?: Expr }
  /** Jensen-Shannon divergence. */
  | { readonly t: 'jsd'; readonly a: Expr; readonly b: Expr }
  /** A gradient (or, with `partial`, a partial derivative) with respect to a symbol. */
  | { readonly t: 'grad'; readonly wrt: Expr; readonly body: Expr; readonly partial?: boolean }
  /** The maximizer (or minimizer) of `body` over `v` in [lo, hi]. */
  | { readonly t: 'argmax' | 'argmin'; readonly v: string; readonly lo: number; readonly hi: number; readonly body: Expr; readonly show?: string }
  /** The maximum (or minimum) value of `body` over `v` in [lo, hi]. */
  | { readonly t: 'max' | 'min'; readonly v: string; readonly lo: number; readonly hi: number; readonly body: Expr; readonly show?: string }
  /** Stop-gradient `\mathrm{sg}[a]`: a's value, held constant when a gradient is taken. */
  | { readonly t: 'sg'; readonly a: Expr }
  /** `body` with the variable `v` set to `value`; written by substituting `value` for `v`. */
  | { readonly t: 'at'; readonly body: Expr; readonly v: Expr; readonly value: Expr }
  /** Parentheses kept where a reader expects them. */
  | { readonly t: 'paren'; readonly a: Expr }
  /** Words inside a formula (`\text{for a constant gradient}`): shown, never evaluated. */
  | { readonly t: 'text'; readonly text: string }
  /** A piece of a note's own TeX that GenMath does not read: shown as written, never evaluated. */
  | { readonly t: 'raw'; readonly tex: string };

/** A relation between two sides of a statement. `:=` defines the left side for later steps. */
export type Rel = '=' | '<=' | '>=' | '<' | '>' | ':=' | 'def=' | '\\propto' | '\\approx';

/**
 * One statement: `parts[0] rels[0] parts[1] rels[1] parts[2] ...`, each adjacent pair a claim.
 * A step shows one or more statements side by side.
 */
export interface Stmt {
  readonly parts: readonly Expr[];
  readonly rels: readonly Rel[];
  /** Plain words after the statement (`for every z`), shown as `\text{...}`. */
  readonly note?: string;
}
