/**
 * What the Explain panel shows for a formula: card, derivation, evaluation. Imports neither
 * `vscode` nor the DOM. It runs in the explain worker (`src/worker/threads/explain.ts`), never on
 * the extension host's thread: checking derivation steps uses KaTeX, whose first call alone
 * takes 40-70 ms, and activation should not load it at all.
 */
import { derive } from '../../core/explain/derive';
import { summarize, summaryTex } from '../../core/explain/summary';
import { evaluate } from '../../core/evaluate';
import { recognize, type FormulaCard } from '../../core/recognize';
import type { ExplainContent } from '../../shared/explainProtocol';

/**
 * Builds the panel's content for a formula's TeX; never throws. `context` is the prose around the
 * formula in its note, weighed as the hover weighs it, so the panel names the kind the hover named;
 * `after` is the note's text right after the formula, where values for its symbols may be given
 * ("where p = (0.5, 0.5)"). `recognized` is the card the host already holds for the formula
 * (DocumentFormulas.cardOf), explained as it is so the formula is not recognized twice.
 */
export function explainContent(tex: string, display: boolean, where: string, context = '', after = '', recognized?: FormulaCard): ExplainContent {
  const card = recognized ?? recognize(tex, { context });
  const derivation = derive(card);
  const outcome = evaluate(tex, after ? { context: after } : {});
  return {
    tex,
    display,
    kind: card.kind,
    title: card.title,
    confidence: card.confidence,
    summary: summarize(card),
    summaryTex: summaryTex(card),
    roles: card.roles,
    glossary: card.glossary,
    steps: derivation.steps,
    ...(derivation.variant ? { variant: derivation.variant } : {}),
    evaluation: outcome.ok ? outcome.evaluation : { error: outcome.error },
    where,
  };
}
