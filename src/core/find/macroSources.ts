/**
 * Macros from where people keep them, merged in one stated order. Highest first:
 *
 *   1. the document's own definitions (`\newcommand`, `\def`, ...; in a notebook, those of the
 *      cell and of the markdown cells before it, a later cell winning);
 *   2. the `genmath.macroFiles` files (`.tex`/`.sty` files of `\newcommand`s), a later file winning;
 *   3. the `genmath.macros` setting;
 *   4. Markdown All in One's `katex.macros` setting;
 *   5. VS Code's `markdown.math.macros` setting;
 *   6. a document's `\providecommand`s, which define a macro only when nothing above does;
 *   7. `\ensuremath{...}` and `\xspace`, which MathJax does not know: inside a formula the first is
 *      its argument and the second nothing.
 */
import { collectMacros, type MacroTable } from './macros';
import { blankComments } from './comments';

/** The sources of macros, each as MathJax's `tex.macros` table. */
export interface MacroLayers {
  readonly document?: Readonly<MacroTable>;
  /** Names in `document` defined only by `\providecommand`. */
  readonly provided?: readonly string[];
  readonly files?: Readonly<MacroTable>;
  readonly genmath?: Readonly<MacroTable>;
  readonly katex?: Readonly<MacroTable>;
  readonly markdownMath?: Readonly<MacroTable>;
}

/** The definitions every formula gets, below everything else. */
export const FALLBACK_MACROS: Readonly<MacroTable> = { ensuremath: ['{#1}', 1], xspace: '' };

/** Merges the layers: a higher one (see the module's comment) wins for a name both define. */
export function mergeMacros(layers: MacroLayers): MacroTable {
  const provided = new Set(layers.provided ?? []);
  const document = layers.document ?? {};
  const providedOnly: MacroTable = {};
  const defined: MacroTable = {};
  for (const [name, body] of Object.entries(document)) {
    if (provided.has(name)) providedOnly[name] = body;
    else defined[name] = body;
  }
  return {
    ...FALLBACK_MACROS,
    ...providedOnly,
    ...layers.markdownMath,
    ...layers.katex,
    ...layers.genmath,
    ...layers.files,
    ...defined,
  };
}

/**
 * A macro setting (`markdown.math.macros`, `katex.macros`, `genmath.macros`: `{"\\R": "\\mathbb{R}"}`)
 * as a MathJax table. The name may be written with or without its backslash; a body that uses `#1`
 * to `#9` takes that many arguments (KaTeX counts them from the body, MathJax must be told). A name
 * that is not a control word or one character, or a body that is not a string, is left out.
 */
export function settingMacros(raw: unknown): MacroTable {
  const macros: MacroTable = {};
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return macros;
  for (const [name, body] of Object.entries(raw as Record<string, unknown>)) {
    const bare = name.replace(/^\\/, '');
    if (typeof body !== 'string' || !/^[A-Za-z]+$|^.$/.test(bare) || body.length > 10_000) continue;
    let nargs = 0;
    for (const m of body.matchAll(/#([1-9])/g)) nargs = Math.max(nargs, Number(m[1]));
    macros[bare] = nargs > 0 ? [body, nargs] : body;
  }
  return macros;
}

/** The macros a `.tex` or `.sty` file defines (comments skipped). */
export function fileMacros(text: string): MacroTable {
  const live = blankComments(text);
  const macros: MacroTable = {};
  collectMacros(live, 0, live.length, macros);
  return macros;
}
