/**
 * The derivation behind a recognized formula: a few lines of display TeX, each with one
 * sentence saying why it follows, written in the formula's own symbols (its card's roles)
 * and falling back to the textbook letters where a role is missing or unusable.
 */
import katex from 'katex';
import type { FormulaCard, FormulaKind } from '../recognize/types';
import { bayesSteps } from './derivations/bayes';
import { diffusionSteps } from './derivations/diffusion';
import { elboSteps } from './derivations/elbo';
import { entropySteps } from './derivations/entropy';
import { gradientStepSteps } from './derivations/gradientStep';
import { jsdSteps } from './derivations/jsd';
import { klSteps } from './derivations/kl';
import { marginalSteps } from './derivations/marginal';
import { minimaxSteps } from './derivations/minimax';
import { mleSteps } from './derivations/mle';
import { reconstructionSteps } from './derivations/reconstruction';
import type { Derivation, StepBuilder } from './derivations/symbols';

export type { Derivation, DerivationStep } from './derivations/symbols';

/** Whether a piece of TeX can be shown; `derive` drops or replaces what cannot. */
export type TexCheck = (latex: string) => boolean;

/**
 * Each builder's first step is the kind's standard form of the formula; `derive` swaps it
 * for the note's own TeX when that renders.
 */
const BUILDERS: Readonly<Record<Exclude<FormulaKind, 'none'>, StepBuilder>> = {
  mle: mleSteps,
  kl: klSteps,
  elbo: elboSteps,
  minimax: minimaxSteps,
  gradient_step: gradientStepSteps,
  marginal: marginalSteps,
  reconstruction: reconstructionSteps,
  diffusion: diffusionSteps,
  bayes: bayesSteps,
  entropy: entropySteps,
  jsd: jsdSteps,
};

/** Notes sometimes hold whole pages in one formula; beyond this the opening line is the standard form. */
const MAX_OPENING_CHARS = 3000;

/**
 * The options the panel renders with (design.md, Safety), so "renders here" means "renders
 * there": formulas are hostile input, hence no `trust` and bounded expansion and sizes.
 */
const KATEX_OPTIONS = { throwOnError: true, displayMode: true, strict: 'ignore', trust: false, maxExpand: 1000, maxSize: 20 } as const;

/**
 * KaTeX's parser alone. Every error `throwOnError` reports is raised while parsing, and parsing
 * is about 4x cheaper than rendering (a derivation checks some twenty strings), so the check
 * parses when this internal entry point exists and renders when a future KaTeX drops it. The
 * unit tests render every step in full, so a parse-only gap would show there.
 */
const katexParse = (katex as unknown as { __parse?: (latex: string, options: object) => unknown }).__parse;

/** The default check: KaTeX, with the panel's options, reads `latex` without an error. */
export const katexRenders: TexCheck = (latex) => {
  try {
    if (typeof katexParse === 'function') katexParse(latex, KATEX_OPTIONS);
    else katex.renderToString(latex, KATEX_OPTIONS);
    return true;
  } catch {
    return false;
  }
};

/**
 * The derivation of `card`, in its own symbols. Never throws; kind `none` gets no steps.
 *
 * Role strings come from arbitrary notes, so the result is checked with `renders` (KaTeX by
 * default): if a line built from the roles does not render, the whole derivation is rebuilt
 * from the textbook symbols rather than mixing notations half-way through.
 */
export function derive(card: FormulaCard, renders: TexCheck = katexRenders): Derivation {
  const base = { kind: card.kind, title: card.title };
  if (card.kind === 'none' || !(card.kind in BUILDERS)) return { ...base, steps: [] };
  try {
    const build = BUILDERS[card.kind];
    // A role that does not render alone (a note's private macro such as `\Vx`) is dropped
    // first, so only that symbol falls back to the textbook letter.
    const roles: Record<string, string> = {};
    for (const [key, value] of Object.entries(card.roles)) {
      if (typeof value === 'string' && (key === 'variant' || key === 'direction' || renders(`{${value}}`))) roles[key] = value;
    }
    let steps = build(roles);
    if (!steps.every((s) => renders(s.latex))) steps = build({}).filter((s) => renders(s.latex));
    const tex = card.tex.trim();
    if (steps.length > 0 && tex && tex.length <= MAX_OPENING_CHARS && !/\\(?:begin|end)\{document\}/.test(tex) && renders(tex)) {
      steps = [{ latex: tex, why: 'This is the formula as the note writes it; the lines below derive it and what follows from it.' }, ...steps.slice(1)];
    }
    return { ...base, steps };
  } catch {
    return { ...base, steps: [] };
  }
}
