import katex from 'katex';

/**
 * KaTeX for formulas in the panel. Formulas can come from a user's notes, so they are hostile
 * input: no `\href`/`\url`/`\htmlClass` (trust false), bounded macro expansion and sizes.
 */
export function renderMath(element: HTMLElement, tex: string, displayMode = true): void {
  katex.render(tex, element, {
    displayMode,
    trust: false,
    throwOnError: false,
    maxExpand: 500,
    maxSize: 20,
    strict: 'ignore',
    output: 'htmlAndMathml',
  });
}
