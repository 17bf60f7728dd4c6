/** Table-driven checks shared by the per-kind tests: each formula must get the expected kind. */
import * as assert from 'node:assert/strict';
import { classify, recognize, type FormulaKind } from '../../../src/core/recognize';

/** One `it` per formula: `latex` is recognized as `kind`. */
export function expectKind(kind: FormulaKind, formulas: readonly string[]): void {
  for (const latex of formulas) {
    it(`reads ${JSON.stringify(latex).slice(0, 90)} as ${kind}`, () => {
      const c = classify(latex);
      assert.equal(c.kind, kind, `${latex} -> ${c.kind} ${JSON.stringify(c.roles)}`);
      assert.ok(c.confidence > 0 && c.confidence <= 1);
    });
  }
}

/** The roles `latex` must get (a subset of what recognize returns). */
export function expectRoles(latex: string, roles: Record<string, string | RegExp>): void {
  it(`names the roles of ${JSON.stringify(latex).slice(0, 80)}`, () => {
    const card = recognize(latex);
    for (const [role, want] of Object.entries(roles)) {
      const got = card.roles[role];
      if (want instanceof RegExp) assert.match(got ?? '', want, `${role} of ${latex}: ${JSON.stringify(card.roles)}`);
      else assert.equal(got, want, `${role} of ${latex}: ${JSON.stringify(card.roles)}`);
    }
  });
}
