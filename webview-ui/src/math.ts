import katex from 'katex';
import { speakTex } from '../../src/core/speech/speak';

/**
 * KaTeX for formulas in the panel. Formulas can come from a user's notes, so they are hostile
 * input: no `\href`/`\url`/`\htmlClass` (trust false), bounded macro expansion and sizes.
 *
 * Each rendered formula is named for screen readers by its spoken reading ("the expectation over
 * x drawn from p data of log D of x"), the same words the hover's image carries as alt text:
 * KaTeX's hidden MathML alone is read symbol by symbol, and not at all by some readers.
 */
let panelMacros: Record<string, string> = {};

/**
 * The macros every formula of this panel is typeset with: the note's own, its macro files' and
 * settings' (already checked by the caller's message guard). KaTeX adds a formula's own
 * definitions to the object it is given, so each render gets a copy.
 */
export function setMacros(macros: Readonly<Record<string, string>>): void {
  panelMacros = { ...macros };
}

export function renderMath(element: HTMLElement, tex: string, displayMode = true): void {
  katex.render(tex, element, {
    macros: { ...panelMacros },
    displayMode,
    trust: false,
    throwOnError: false,
    maxExpand: 500,
    maxSize: 20,
    strict: 'ignore',
    output: 'htmlAndMathml',
  });
  const math = element.querySelector('.katex');
  if (math) {
    math.setAttribute('role', 'math');
    math.setAttribute('aria-label', speakTex(tex).text);
  }
}
