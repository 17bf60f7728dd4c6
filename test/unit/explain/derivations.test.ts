import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { derive, deriveReport } from '../../../src/core/explain/derive';
import { FORMULA_KINDS, KINDS, recognize, type FormulaKind } from '../../../src/core/recognize';

/** The options the panel renders with: a step that fails here would show a KaTeX error there. */
function assertRenders(latex: string, where: string): void {
  try {
    katex.renderToString(latex, { throwOnError: true, displayMode: true, strict: 'ignore', trust: false, maxExpand: 1000 });
  } catch (err) {
    assert.fail(`${where}: ${err instanceof Error ? err.message : String(err)}\n  ${latex}`);
  }
}

const CHECKED = new Set(['numerically', 'symbolically', 'definition', 'assumption', 'as written', 'not checked', 'fails numerically']);

interface CorpusFormula { readonly id: string; readonly latex: string }
const corpus: CorpusFormula[] = readFileSync(path.resolve(process.cwd(), '../shared/corpus/formulas-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as CorpusFormula);

describe('derivations of the formulas in the dev corpus', function () {
  this.timeout(60_000);
  const explained = new Map<FormulaKind, number>();
  const recognized = new Map<FormulaKind, number>();

  it('renders every shown step, says why in a sentence and says how it was checked', () => {
    for (const f of corpus) {
      const card = recognize(f.latex);
      if (card.kind === 'none') continue;
      recognized.set(card.kind, (recognized.get(card.kind) ?? 0) + 1);
      const d = derive(card);
      assert.equal(d.kind, card.kind);
      // The kind registry names the derivations of each kind: a formula gets one of its kind's, or its own lines explained.
      if (d.steps.length > 1 && d.variant !== 'derivation') assert.ok((KINDS[card.kind].derivations as readonly string[]).includes(d.variant ?? ''), `${f.id}: a ${card.kind} derived as ${d.variant}`);
      if (d.steps.length > 1) explained.set(card.kind, (explained.get(card.kind) ?? 0) + 1);
      d.steps.forEach((s, i) => {
        assertRenders(s.latex, `${f.id} step ${i + 1}`);
        assert.match(s.why, /^[A-Z$].*\.$/s, `${f.id} step ${i + 1}: why should be a sentence`);
        assert.ok(s.checked && CHECKED.has(s.checked), `${f.id} step ${i + 1}: checked is ${s.checked}`);
        // Only the note's own lines may be unverified: GenMath's own steps are checked or definitions.
        if (i > 0 && d.variant !== 'derivation' && (s.checked === 'not checked' || s.checked === 'fails numerically')) {
          assert.ok(s.rule === 'not a step GenMath recognizes' || /GAN game|Jensen|rule|definition|entropy|KL|log|expectation|marginal|evidence/.test(s.rule ?? ''), `${f.id}: unverified step ${s.rule}`);
        }
      });
    }
  });

  it('explains at least two thirds of the recognized formulas, with every kind represented', () => {
    const total = [...recognized.values()].reduce((a, b) => a + b, 0);
    const done = [...explained.values()].reduce((a, b) => a + b, 0);
    assert.ok(done / total >= 2 / 3, `${done} of ${total} explained`);
    const missing = FORMULA_KINDS.filter((k) => k !== 'none' && recognized.has(k) && !explained.has(k));
    assert.deepEqual(missing, []);
  });
});

describe('derivations in the formula\'s own letters', () => {
  it('writes a gradient step with the note\'s learning rate alpha and loss J, and the step-size condition', () => {
    const d = derive(recognize('\\theta_{t+1} = \\theta_t - \\alpha \\nabla_\\theta J(\\theta_t)'));
    const all = d.steps.map((s) => `${s.latex} ${s.assumption ?? ''}`).join('\n');
    assert.match(all, /\\alpha/);
    assert.match(all, /J\(\\theta_/);
    assert.doesNotMatch(d.steps.slice(1).map((s) => s.latex).join('\n'), /\\eta/);
    assert.match(all, /2\/h/);
  });

  it('writes a note\'s private macro in upright letters rather than dropping the step', () => {
    const d = derive(recognize('\\| g(f(\\tilde \\Vx)) - \\Vx \\|^2'));
    assert.ok(d.steps.length >= 3);
    assert.ok(d.steps.every((s) => !/\\Vx/.test(s.latex)));
    assert.ok(d.steps.some((s) => /\\mathrm\{Vx\}/.test(s.latex)));
  });

  it('starts with the note\'s own formula', () => {
    const own = derive(recognize('P(A \\mid B) = \\frac{P(B \\mid A) P(A)}{P(B)}'));
    assert.equal(own.steps[0].latex, 'P(A \\mid B) = \\frac{P(B \\mid A) P(A)}{P(B)}');
    assert.equal(own.steps[0].checked, 'as written');
  });

  it('gives a formula of no known variant no steps, and never throws on hostile input', () => {
    assert.deepEqual(derive(recognize('x^2 + y^2')).steps, []);
    for (const tex of ['', '{'.repeat(500), '\\def\\x{\\x}\\x', '\\begin{document}D_{KL}(P\\|Q)\\end{document}', 'D_{KL}(\\foo{\\|\\bar)', 'x_{'.repeat(300)]) {
      const d = derive(recognize(tex));
      d.steps.forEach((s, i) => assertRenders(s.latex, `${JSON.stringify(tex)} step ${i + 1}`));
    }
  });

  it('keeps a deliberately false line of a note, marked as failing the check, and never writes a false step of its own', () => {
    const d = deriveReport(recognize('\\begin{aligned} D_{KL}(P\\|Q) &= \\sum_x P(x)\\log\\frac{P(x)}{Q(x)} \\\\ &= H(P,Q) + H(P)\\end{aligned}'));
    assert.equal(d.variant, 'derivation');
    assert.equal(d.steps[1].checked, 'numerically');
    assert.equal(d.steps[2].checked, 'fails numerically');
    assert.match(d.steps[2].why, /differ/);
  });
});
