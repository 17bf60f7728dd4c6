// Formulas copied from real documents (test/fixtures/find/formulas-dev.jsonl, a selection of the
// shared labelled corpus): each, with its own delimiters, must be found as exactly one formula.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFormulas } from '../../../src/core/find';

interface Entry {
  readonly id: string;
  readonly delimiter: 'inline' | 'display' | 'env';
  readonly latex: string;
}

const fixture = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'find', 'formulas-dev.jsonl');

/** Wrappers that are not math delimiters in markdown (Hugo shortcodes, reStructuredText). */
const FOREIGN_WRAPPER = /^(?:\{\{<\s*m\s*>\}\}|\.\. math::)/;

describe('formulas from real documents', () => {
  const entries: Entry[] = readFileSync(fixture, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Entry);

  it('covers the inline, display and environment formulas of the corpus', () => {
    assert.ok(entries.length > 200);
  });

  const delimited = entries.filter((e) => !FOREIGN_WRAPPER.test(e.latex));
  for (const entry of delimited) {
    it(`finds ${entry.id} as exactly one formula spanning the whole string`, () => {
      const { formulas } = findFormulas(entry.latex, 'markdown');
      assert.deepEqual(formulas.map((f) => f.source), [entry.latex]);
    });
  }

  it('finds nothing, rather than a wrong span, in Hugo and reStructuredText wrappers without inner delimiters', () => {
    for (const entry of entries.filter((e) => FOREIGN_WRAPPER.test(e.latex))) {
      for (const f of findFormulas(entry.latex, 'markdown').formulas) {
        assert.ok(f.delimiter === 'environment' || f.delimiter === 'unicode', `${entry.id}: ${f.source}`);
      }
    }
  });
});
