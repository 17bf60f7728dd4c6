import { evaluate } from '../core/evaluate';
import { texOfSource } from '../core/find';
import { derive } from '../core/explain/derive';
import { recognize } from '../core/recognize';
import { CliError, type CliCommand } from './io';

/**
 * `genmath explain LATEX`: the formula card of LATEX, with its derivation, as one JSON object
 * `{"kind", "title", "confidence", "roles", "glossary": [{"symbol", "meaning"}], "steps": [{"latex", "why", "checked", "rule", "assumption"?, "example"?}], "evaluation"?}`,
 * `evaluation` being `genmath eval`'s answer when the formula has concrete numbers.
 *
 * Several arguments are joined with spaces, so an unquoted formula that the shell split still
 * reads as one. A formula that is none of the known kinds is not an error (the card says so):
 * it gets kind `none`, empty steps and exit code 0. Nothing to explain (no argument, or only
 * white space) is a one-line error and exit code 2.
 */
export const explainCommand: CliCommand = {
  name: 'explain',
  deterministic: true,
  usage: 'explain LATEX           formula card + derivation steps as JSON (kind none: steps [], exit 0)',
  async run(args, io) {
    const written = args.join(' ');
    if (written.trim() === '') throw new CliError('explain needs a formula, e.g. genmath explain "D_{KL}(q\\|p)"', 2);
    // The same reading as the finder gives the hover: mojibake repaired, a pasted copy read whole.
    const latex = texOfSource(written);
    const card = recognize(latex);
    const { steps } = derive(card);
    // Key order is design.md's; `evaluation` is there only when the formula has concrete numbers.
    const outcome = evaluate(latex);
    const out = {
      kind: card.kind,
      title: card.title,
      confidence: card.confidence,
      roles: card.roles,
      // design.md's {symbol, meaning}, plus the meaning with its math as TeX when there is one.
      glossary: card.glossary.map((g) => ({ symbol: g.symbol, meaning: g.meaning, ...('meaningTex' in g && typeof g.meaningTex === 'string' ? { meaningTex: g.meaningTex } : {}) })),
      // design.md's {latex, why}, then how each step was checked, its rule and assumption.
      steps: steps.map((s) => ({
        latex: s.latex, why: s.why, checked: s.checked, rule: s.rule,
        ...(s.assumption ? { assumption: s.assumption } : {}), ...(s.example ? { example: true } : {}),
      })),
      ...(outcome.ok ? { evaluation: outcome.evaluation } : {}),
    };
    io.stdout(JSON.stringify(out) + '\n');
    return 0;
  },
};
