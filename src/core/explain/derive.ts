/**
 * The derivation behind a recognized formula, built for its variant from its own tree and
 * letters, every step checked before it is shown (`check/`): a step that fails a check is
 * dropped, never shown. A formula that is itself a derivation gets its own lines explained.
 */
import katex from 'katex';
import type { FormulaCard, FormulaKind } from '../recognize/types';
import { checkSteps, type Definition } from './check';
import { buildVariant, variantSentence } from './build';
import { chainOf, chainSteps } from './chain';
import { simplifyStmt } from './expr/simplify';
import { stepTex } from './expr/tex';
import { mentions, varName } from './expr/walk';
import { readFormula, type Reading } from './read/reading';
import { hasRaw } from './read/translate';
import type { WorldFactory } from './check/world';
import type { DerivationStep, PlannedStep } from './step';
import { detectVariant } from './variants';

export type { DerivationStep, Checked } from './step';

/** A kind's whole derivation. */
export interface Derivation {
  readonly kind: FormulaKind;
  readonly title: string;
  /** The variant it was built for (`elbo/beta`, `update/nesterov`), when one was detected. */
  readonly variant?: string;
  readonly steps: readonly DerivationStep[];
}

/** A step the checker (or the renderer) refused, and why: for tests and logs, never shown. */
export interface DroppedStep {
  readonly rule: string;
  readonly latex: string;
  readonly problems: readonly string[];
}

/** A derivation with the steps that were dropped. */
export interface DerivationReport extends Derivation {
  readonly dropped: readonly DroppedStep[];
}

/** Whether a piece of TeX can be shown. */
export type TexCheck = (latex: string) => boolean;

/** Notes sometimes hold whole pages in one formula; beyond this the opening line is not repeated. */
const MAX_OPENING_CHARS = 3000;

/** The panel's KaTeX options (design.md, Safety), so "renders here" means "renders there". */
const KATEX_OPTIONS = { throwOnError: true, displayMode: true, strict: 'ignore', trust: false, maxExpand: 1000, maxSize: 20 } as const;

/** KaTeX's parser alone: every error `throwOnError` reports is raised while parsing, at a quarter of the cost of rendering. */
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
 * The definitions the formula itself makes (`\mathcal{L} = ...`, `v_{t+1} = ...`), in force for
 * every step: a step about the note's loss is checked against the note's own definition. A line
 * that refers to itself without an index (`\theta \leftarrow \theta - ...`) defines nothing.
 */
export function formulaDefinitions(r: Reading): Definition[] {
  const out: Definition[] = [];
  for (const l of r.lines) {
    const s = l.stmt;
    if (s.parts.length !== 2 || !['=', ':=', 'def='].includes(s.rels[0])) continue;
    const [lhs, rhs] = s.parts;
    if (hasRaw(rhs)) continue;
    if (lhs.t === 'sym' && !mentions(rhs, lhs.name)) out.push({ lhs, rhs });
    else if (lhs.t === 'idx' && lhs.index.t !== 'num') out.push({ lhs, rhs });
    else if (lhs.t === 'call' && lhs.args.every((a) => a.t === 'sym') && !mentions(rhs, varName(lhs))) out.push({ lhs, rhs });
  }
  return out;
}

/** What a derivation is built from, before checking: for tests that re-check it independently. */
export interface Plan {
  readonly reading: Reading;
  readonly planned: readonly PlannedStep[];
  readonly world?: WorldFactory;
  readonly definitions: readonly Definition[];
}

/**
 * TeX that renders: as it is, or with a note's private macros (`\Vx`, which KaTeX does not know)
 * written as their names in upright letters. Only the display changes; the checked tree does not.
 */
export function displayable(latex: string, renders: TexCheck): string | undefined {
  if (renders(latex)) return latex;
  const unknown = [...new Set(latex.match(/\\[A-Za-z]+/g) ?? [])].filter((w) => !renders(w));
  if (unknown.length === 0) return undefined;
  let out = latex;
  for (const w of unknown) out = out.replace(new RegExp(`\\${w}(?![A-Za-z])`, 'g'), `\\mathrm{${w.slice(1)}}`);
  return renders(out) ? out : undefined;
}

/** The planned (simplified, unchecked) steps of a card's variant, or undefined when it has none. */
export function planDerivation(card: FormulaCard): Plan | undefined {
  const reading = readFormula(card);
  const variant = detectVariant(reading);
  if (!variant) return undefined;
  const built = buildVariant(variant, reading);
  const planned = built.steps.map((st) => ({ ...st, math: st.math.map(simplifyStmt) }));
  return { reading, planned, world: built.world, definitions: formulaDefinitions(reading) };
}

/** The derivation of `card` with the steps the checks dropped. Never throws. */
export function deriveReport(card: FormulaCard, renders: TexCheck = katexRenders): DerivationReport {
  const base = { kind: card.kind, title: card.title };
  try {
    const reading = readFormula(card);
    const tex = card.tex.trim();
    const opening = tex && tex.length <= MAX_OPENING_CHARS && !/\\(?:begin|end)\{document\}/.test(tex) ? displayable(tex, renders) : undefined;
    const variant = detectVariant(reading);
    const built = variant ? buildVariant(variant, reading) : undefined;
    // A formula that is itself a derivation gets its own lines explained first.
    const chain = chainSteps(reading, built?.world);
    const chainShown = chain?.flatMap((s) => {
      const shown = displayable(s.latex, renders);
      return shown ? [{ ...s, latex: shown }] : [];
    });
    if (chainShown && (!variant || (chainOf(reading)?.rels.length ?? 0) > 1)) {
      return { ...base, variant: 'derivation', steps: chainShown.length > 1 ? chainShown : [], dropped: [] };
    }
    if (!variant || !built) return { ...base, steps: [], dropped: [] };
    const planned = built.steps.map((st) => ({ ...st, math: st.math.map(simplifyStmt) }));
    const checked = checkSteps(planned, { symbols: reading.symbols, world: built.world, definitions: formulaDefinitions(reading) });
    const steps: DerivationStep[] = [];
    const dropped: DroppedStep[] = [];
    if (opening) steps.push({ latex: opening, why: variantSentence(variant), checked: 'as written', rule: 'the formula as the note writes it' });
    // A single identity: its own relation, with the rule behind it, before the variant's derivation.
    if (chainShown && chainShown.length > 1) steps.push(...chainShown.slice(1));
    for (const { step, verdict } of checked) {
      const written = stepTex(step.math);
      if (!verdict.ok) {
        dropped.push({ rule: step.rule, latex: written, problems: verdict.problems });
        continue;
      }
      const latex = displayable(written, renders);
      if (!latex) {
        dropped.push({ rule: step.rule, latex: written, problems: ['does not render in KaTeX'] });
        continue;
      }
      steps.push({
        latex, why: step.why, checked: verdict.checked, rule: step.rule,
        ...(step.assumption ? { assumption: step.assumption } : {}), ...(step.example ? { example: true } : {}),
      });
    }
    // An opening line alone explains nothing.
    const shown = steps.length > 1 ? steps : [];
    return { ...base, variant: `${variant.family}/${variant.name}`, steps: shown, dropped };
  } catch {
    return { ...base, steps: [], dropped: [] };
  }
}

/** The derivation of `card`, every shown step checked. Never throws; a formula with no known variant gets no steps. */
export function derive(card: FormulaCard, renders: TexCheck = katexRenders): Derivation {
  const report = deriveReport(card, renders);
  return { kind: report.kind, title: report.title, steps: report.steps, ...(report.variant ? { variant: report.variant } : {}) };
}
