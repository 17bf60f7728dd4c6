/**
 * Recognizing formulas: `recognize` builds the whole formula card (kind, title,
 * confidence, roles, glossary); `classify` is the fast path the CLI and `scan` use.
 */
import { parseMath } from '../parse/parser';
import { classifyParsed, type ClassifyOptions } from './classify';
import { buildContext } from './context';
import { buildGlossary } from './glossary';
import { normalizeFormula } from './normalize';
import { KINDS } from '../kinds';
import type { FormulaCard } from './types';

export { classify, type ClassifyOptions } from './classify';
export { normalizeFormula, stripDelimiters } from './normalize';
export type { Classification, FormulaCard, FormulaKind, GlossaryEntry } from './types';
export { FORMULA_KINDS, KINDS } from '../kinds';

/**
 * The formula card of `latex` (with or without delimiters, or Unicode text). Never throws:
 * a formula that cannot be read gets kind `none`, a low confidence and an empty glossary.
 */
export function recognize(latex: string, options: ClassifyOptions = {}): FormulaCard {
  let tex = '';
  try {
    tex = normalizeFormula(latex);
    const parsed = parseMath(tex);
    const c = classifyParsed(parsed, options);
    const glossary = parsed.lines.length > 0 ? buildGlossary(buildContext(parsed), c) : [];
    return { ...c, title: KINDS[c.kind].title, glossary, tex };
  } catch {
    return { kind: 'none', confidence: 0.1, roles: {}, title: KINDS.none.title, glossary: [], tex };
  }
}

/** The symbols of `latex` and what each stands for (the card's glossary alone). */
export function glossary(latex: string): FormulaCard['glossary'] {
  return recognize(latex).glossary;
}
