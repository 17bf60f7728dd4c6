/** The Explain panel's content as a markdown note, for "Export as Markdown". Plain string work: no KaTeX. */
import { formatNumber } from '../../core/text/numbers';
import type { ExplainContent } from '../../shared/explainProtocol';

/** The derivation as a markdown note (with `$$` math), for "Export as Markdown". */
export function contentMarkdown(c: ExplainContent): string {
  const lines = [`# ${c.title}`, '', `_${c.where}_`, '', `$$\n${c.tex.trim()}\n$$`, ''];
  const summary = c.summaryTex ?? c.summary;
  if (summary) lines.push(`${summary[0].toUpperCase()}${summary.slice(1)}.`, '');
  if (c.glossary.length > 0) {
    lines.push('## Symbols', '');
    for (const g of c.glossary) lines.push(`- $${g.symbol}$: ${g.meaningTex ?? g.meaning}`);
    lines.push('');
  }
  if (c.steps.length > 0) {
    lines.push('## Derivation', '');
    c.steps.forEach((s, i) => {
      const mark = s.checked === 'numerically' ? ' _(checked numerically)_' : s.checked === 'fails numerically' ? ' _(fails a numeric check)_' : '';
      const assumption = s.assumption ? ` Assuming ${s.assumption}.` : '';
      lines.push(`${i + 1}. ${s.why}${assumption}${mark}`, '', `$$\n${s.latex}\n$$`, '');
    });
  }
  if (c.evaluation && 'value' in c.evaluation) {
    const se = c.evaluation.standardError !== undefined ? ` ± ${formatNumber(c.evaluation.standardError, 2)} (standard error)` : '';
    lines.push('## Value', '', `${formatNumber(c.evaluation.value, 6)}${se}: ${c.evaluation.detail}`, '');
  }
  return lines.join('\n');
}
