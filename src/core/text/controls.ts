/**
 * Characters in a formula or a file that must not reach a renderer or a terminal as they are:
 * a NUL or a lone UTF-16 surrogate (broken text, on which MathJax fails with an internal
 * TypeError), and the bidirectional controls that make text display in another order than it
 * is stored (the "Trojan Source" trick), which are escaped wherever GenMath echoes text.
 */

/** The Unicode bidirectional formatting characters: embeddings, overrides, isolates and marks. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A NUL, or a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const BROKEN = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `U+202E`: a code unit as people look it up. */
function codePoint(c: string): string {
  return `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `text` cannot be rendered as a formula, in one sentence, or undefined when it can:
 * a NUL character or a lone surrogate (text cut in the middle of a character).
 */
export function brokenTextProblem(text: string): string | undefined {
  const m = BROKEN.exec(text);
  if (!m) return undefined;
  if (m[0] === '\u0000') return `the formula contains a NUL character (U+0000, at position ${m.index + 1}), which is not text`;
  return `the formula contains a broken character (a lone UTF-16 surrogate ${codePoint(m[0])}, at position ${m.index + 1}): the text was cut inside a character`;
}

/**
 * `text` with every bidirectional control written as a `\uXXXX` escape, so that what a terminal
 * or a hover shows is what the text holds. Inside a JSON string the escape is the same character
 * to any JSON reader; elsewhere it is visible.
 */
export function escapeBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
