/**
 * The markdown of a formula hover, as a plain string (no `vscode`), so its size rules are testable
 * and benchmarks can build it outside VS Code.
 */
import { summarize } from '../core/explain/summary';
import { escapeBidi } from '../core/text/controls';
import { texToText } from '../core/explain/texToText';
import { speakTex } from '../core/speech/speak';
import { GUESS_BELOW, kindHeading } from '../core/recognize/titles';
import type { FormulaCard } from '../core/recognize/types';

export { GUESS_BELOW } from '../core/recognize/titles';

/** What the hover calls a card's kind: its title, or "Looks like ..." when the card is a guess. */
export const hoverTitle = kindHeading;
import { commandUri, demoFor, type DemoLink } from './demos';
import type { RenderResult } from './render/texToSvg';

/** VS Code does not render a hover's markdown past this many characters. */
export const HOVER_MARKDOWN_LIMIT = 100_000;
/** Room kept under the limit for the text around the image (kind, glossary, links). */
const IMAGE_BUDGET = HOVER_MARKDOWN_LIMIT - 10_000;
/**
 * Escapes text so markdown shows it literally, bidirectional controls included (as `\u202e`):
 * they would make the hover show text in another order than the note holds it.
 */
export function escapeMarkdown(text: string): string {
  return escapeBidi(text).replace(/[\\`*_{}[\]()#+\-.!|<>~$]/g, (c) => `\\${c}`);
}

/**
 * The image's alt text: the formula as it is read aloud (screen readers speak it), whole. The render
 * worker's reading comes first (it falls back to MathJax's speech engine where our tree does not
 * cover the formula); without one, our own. One line, no brackets, so markdown cannot break on it.
 */
function altText(tex: string, result: RenderResult): string {
  const spoken = result.speech ?? speakTex(tex).text;
  return spoken.replace(/[\r\n\t]+/g, ' ').replace(/[[\]]/g, ' ').replace(/\s+/g, ' ').trim();
}

function dataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}

/** True when a rendered formula's image fits in a hover (with room for the text around it). */
export function imageFits(result: RenderResult): boolean {
  // base64 makes 4 characters of every 3 bytes; the prefix is 26 characters.
  return result.ok && 26 + 4 * Math.ceil(Buffer.byteLength(result.svg, 'utf8') / 3) <= IMAGE_BUDGET;
}

/** The formula part of a hover: the SVG image, or a clear sentence saying why there is none. */
export function formulaMarkdown(tex: string, result: RenderResult): string {
  const parts: string[] = [];
  if (result.ok) {
    const uri = dataUri(result.svg);
    if (uri.length > IMAGE_BUDGET) {
      const kb = Math.round(uri.length / 1024);
      parts.push(`$(warning) This formula is too large to show in a hover (its image would take ${kb} KB; VS Code shows at most ${HOVER_MARKDOWN_LIMIT / 1000} KB).`);
    } else {
      parts.push(`![${escapeMarkdown(altText(tex, result))}](${uri})`);
    }
  } else if (result.error.startsWith('gave up')) {
    parts.push(`$(clock) GenMath ${escapeMarkdown(result.error)}; the formula is too complex to render in a hover.`);
  } else {
    parts.push(`$(warning) MathJax could not render this formula: ${escapeMarkdown(result.error)}`);
  }
  if (result.droppedMacros.length > 0) {
    const names = result.droppedMacros.map((n) => `\`\\${n.replace(/`/g, '')}\``).join(', ');
    parts.push(`_Left out because they do not render: ${names}_`);
  }
  return parts.join('\n\n');
}

/** A command link in a hover: `[title](command:...?args "tooltip")`. */
export function linkMarkdown(link: DemoLink, tooltip = link.title.replace(/ ▸$/, '')): string {
  return `[${link.title}](${commandUri(link)} "${tooltip}")`;
}

/**
 * The formula part of a hover for a multi-line formula whose whole image is too large for one:
 * the row under the cursor, numbered in its block, and a link to the whole formula in the Explain
 * panel (which draws it with KaTeX, without a size limit). Never empty: if even the row is too
 * large, the sentence that says so stays beside the link.
 */
export function rowMarkdown(row: { readonly number: number; readonly tex: string }, rows: number, result: RenderResult, whole: DemoLink): string {
  return [
    `_Row ${row.number} of ${rows} of this block; the whole formula is too large to show in a hover:_`,
    formulaMarkdown(row.tex, result),
    linkMarkdown(whole),
  ].join('\n\n');
}

/** Inline code for a symbol; a backtick inside would end it, so it becomes a look-alike. */
function code(text: string): string {
  return `\`${escapeBidi(text).replace(/`/g, 'ˋ')}\``;
}

/**
 * The whole hover: what the formula is (in plain words, from its own symbols), the image, every
 * symbol named, and the links that exist for its kind. A formula of no known kind shows the image alone.
 */
export function cardMarkdown(card: Pick<FormulaCard, 'kind' | 'title' | 'roles' | 'glossary' | 'confidence' | 'tex'>, formula: string, extra: { value?: string; explain?: DemoLink } = {}): string {
  if (card.kind === 'none') return extra.value ? `${formula}\n\n${escapeMarkdown(extra.value)}` : formula;
  // A guess says so, with the confidence it rests on, so no one takes it for a certainty.
  const guess = card.confidence < GUESS_BELOW ? ` _(a guess: confidence ${card.confidence.toFixed(2)})_` : '';
  const parts = [`**${escapeMarkdown(hoverTitle(card))}**: ${escapeMarkdown(summarize(card))}${guess}`, formula];
  if (extra.value) parts.push(escapeMarkdown(extra.value));
  if (card.glossary.length > 0) {
    parts.push(card.glossary.map((g) => `${code(texToText(g.symbol))}: ${escapeMarkdown(g.meaning)}`).join(' · '));
  }
  const links = [extra.explain, demoFor(card)].filter((l): l is DemoLink => l !== undefined);
  if (links.length > 0) parts.push(links.map((l) => linkMarkdown(l)).join(' · '));
  return parts.join('\n\n');
}
