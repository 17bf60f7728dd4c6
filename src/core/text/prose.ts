/**
 * Prose that shows math: words as text and symbols in `$...$`, the convention of the glossary's
 * `meaningTex`. The panel typesets the `$...$` parts with KaTeX and shows the rest as it is, so
 * a sentence keeps its spaces and its symbols are typeset; a TeX command outside `$...$` would
 * reach a reader as source ("q_{\phi}(z|x)"), which is what {@link texOutsideMath} finds.
 */

/** One part of a sentence: text, or TeX to typeset inline. */
export interface ProsePart {
  readonly math: boolean;
  readonly text: string;
}

/** `text` split into its text and its `$...$` math, in order; the math parts without their dollars. */
export function proseParts(text: string): ProsePart[] {
  const parts: ProsePart[] = [];
  for (const piece of text.split(/(\$[^$]+\$)/)) {
    if (/^\$[^$]+\$$/.test(piece)) parts.push({ math: true, text: piece.slice(1, -1) });
    else if (piece) parts.push({ math: false, text: piece });
  }
  return parts;
}

/**
 * A symbol's TeX as inline math in prose: `$q_{\phi}(z|x)$`. A dollar inside would end the math
 * early, so it is dropped (a role never needs one).
 */
export function inlineMath(tex: string): string {
  return `$${tex.replace(/\$/g, '').trim()}$`;
}

/**
 * The first piece of TeX source in the text parts of `text` (a control word such as `\phi`, a
 * sub- or superscript such as `_{t-1}` or `p_g`), or undefined when the prose has none.
 */
export function texOutsideMath(text: string): string | undefined {
  for (const part of proseParts(text)) {
    if (part.math) continue;
    const m = /\\[A-Za-z]+|[_^]\{|[\p{L}\p{N})][_^][\p{L}\p{N}(\\]/u.exec(part.text);
    if (m) return part.text.slice(Math.max(0, m.index - 10), m.index + 20);
  }
  return undefined;
}
