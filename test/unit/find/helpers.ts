// Small helpers shared by the finder's tests.
import * as assert from 'node:assert/strict';
import { findFormulas, type FoundFormula, type SourceLanguage } from '../../../src/core/find';

/** Finds the formulas of `text` and checks the invariants every result must keep. */
export function find(text: string, language: SourceLanguage = 'markdown', unicode = true): readonly FoundFormula[] {
  const { formulas } = findFormulas(text, language, { unicode });
  let last = -1;
  for (const f of formulas) {
    assert.equal(text.slice(f.start, f.end), f.source, 'source is text.slice(start, end)');
    assert.ok(f.start >= last, 'formulas are in order and do not overlap');
    last = f.end;
  }
  return formulas;
}

/** The sources of the formulas found in `text`. */
export function sources(text: string, language: SourceLanguage = 'markdown', unicode = true): string[] {
  return find(text, language, unicode).map((f) => f.source);
}
