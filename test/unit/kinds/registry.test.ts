/** The kind registry (src/core/kinds.ts): every kind has every part, and each part is used. */
import * as assert from 'node:assert/strict';
import { FORMULA_KINDS, KINDS, explainedKindsText, isFormulaKind, kindFacts, toyInstanceFor } from '../../../src/core/kinds';
import { summarize } from '../../../src/core/explain/summary';
import { guessedName } from '../../../src/core/recognize/titles';
import { recognize, type FormulaKind } from '../../../src/core/recognize';
import { demoFor } from '../../../src/host/demos';
import { GAN_LOSSES } from '../../../src/core/train/gan';
import { settingsProblem } from '../../../src/shared/toySettings';
import { TOYS } from '../../../src/worker/toys';

/** The kinds that have no toy training yet: a new kind joins this list only on purpose. */
const WITHOUT_DEMO: readonly FormulaKind[] = ['bayes', 'entropy', 'jsd', 'none'];

const KNOWN = FORMULA_KINDS.filter((k) => k !== 'none');

describe('the kind registry', () => {
  it('lists every kind the recognizer can name, none last', () => {
    assert.equal(FORMULA_KINDS.at(-1), 'none');
    assert.equal(new Set(FORMULA_KINDS).size, FORMULA_KINDS.length);
    for (const latex of ['D_{KL}(q\\|p)', 'p(z|x) = \\frac{p(x|z)p(z)}{p(x)}', 'a^2 + b^2 = c^2']) {
      assert.ok(FORMULA_KINDS.includes(recognize(latex).kind), latex);
    }
    assert.ok(isFormulaKind('elbo') && isFormulaKind('none'));
    assert.ok(!isFormulaKind('toString') && !isFormulaKind('ELBO') && !isFormulaKind(undefined));
  });

  it('gives every known kind a title, a name for lists, a summary sentence, derivations and a toy instance', () => {
    for (const kind of KNOWN) {
      const k = kindFacts(kind);
      assert.match(k.title, /^[A-Z]\S/, `${kind}: title`);
      assert.ok(k.listName.length > 1 && !k.listName.includes(','), `${kind}: list name`);
      assert.ok(k.summary.length > 20 && !k.summary.endsWith('.'), `${kind}: summary (the panel adds the full stop)`);
      assert.ok(k.derivations.length > 0, `${kind}: no derivation`);
      const toy = toyInstanceFor(kind, {});
      assert.ok(toy && toy.parameters.length > 0, `${kind}: no toy instance`);
      for (const p of toy.parameters) assert.ok(p.min <= p.value && p.value <= p.max, `${kind}.${p.name}`);
    }
    const none = kindFacts('none');
    assert.deepEqual([none.summary, none.derivations.length, none.toy, none.demo], ['', 0, null, null]);
  });

  it('lists no derivation under two kinds except where a formula of one is written as the other', () => {
    const owner = new Map<string, FormulaKind[]>();
    for (const kind of FORMULA_KINDS) for (const d of KINDS[kind].derivations) owner.set(d, [...(owner.get(d) ?? []), kind]);
    const shared = [...owner].filter(([, kinds]) => kinds.length > 1).map(([d, kinds]) => `${d}: ${kinds.join(', ')}`).sort();
    assert.deepEqual(shared, ['diffusion/vlb: kl, diffusion', 'other/entropy: entropy, jsd']);
  });

  it('gives every kind a demo, save those listed without one, with settings its toy has', () => {
    for (const kind of FORMULA_KINDS) {
      const demo = kindFacts(kind).demo;
      assert.equal(demo === null, WITHOUT_DEMO.includes(kind), `${kind}: demo ${demo ? 'present' : 'missing'}`);
      if (!demo) continue;
      const settings = demo.settings({});
      const toy = TOYS[demo.toy];
      assert.ok(toy, `${kind}: no toy ${demo.toy}`);
      const controls = toy.controlsFor?.(settings) ?? toy.controls;
      for (const [key, value] of Object.entries(settings)) {
        const control = controls.find((c) => c.key === key);
        assert.ok(control, `${kind}: ${demo.toy} has no setting ${key}`);
        if (control.options) assert.ok(control.options.includes(String(value)), `${kind}: ${key} = ${value} is not one of ${control.options.join(', ')}`);
      }
      assert.equal(settingsProblem(controls, settings), undefined, kind);
    }
  });

  it('trains a min-max game with the GAN loss its variant names', () => {
    for (const variant of ['saturating', 'non-saturating', 'wasserstein', 'least-squares', 'unknown']) {
      const settings = KINDS.minimax.demo.settings({ variant });
      assert.equal(settingsProblem(TOYS.gan.controls, settings), undefined, variant);
      assert.ok(settings.loss !== undefined && (GAN_LOSSES as readonly string[]).includes(String(settings.loss)), `${variant}: ${JSON.stringify(settings)}`);
    }
  });

  it('is what the card, the summary, the guess wording and the demo link read', () => {
    const card = recognize('p(z|x) = \\frac{p(x|z)p(z)}{p(x)}');
    assert.equal(card.title, KINDS.bayes.title);
    assert.equal(summarize({ kind: 'marginal', roles: {} }), KINDS.marginal.summary);
    assert.equal(guessedName('bayes', KINDS.bayes.title), "Bayes' rule");
    assert.equal(guessedName('elbo', KINDS.elbo.title), 'an evidence lower bound (ELBO)');
    assert.deepEqual(demoFor({ kind: 'elbo', roles: {} })?.args, [KINDS.elbo.demo.settings()]);
    assert.equal(demoFor({ kind: 'bayes', roles: {} }), undefined);
  });

  it('names every known kind in the panel\'s list of what it explains', () => {
    const text = explainedKindsText();
    for (const kind of KNOWN) assert.ok(text.includes(KINDS[kind].listName), kind);
    assert.doesNotMatch(text, /formula/);
  });
});
