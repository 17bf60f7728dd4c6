// The variant fixture: formulas written for these tests from the math (test/fixtures/explain), each
// with what its explanation must contain and must not contain. Then a property test: every step
// shown for every fixture passes the checks again on toy instances drawn from other seeds.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { checkSteps } from '../../../src/core/explain/check';
import { deriveReport, planDerivation } from '../../../src/core/explain/derive';
import { stepTex } from '../../../src/core/explain/expr/tex';
import { recognize } from '../../../src/core/recognize';
import { ROLE_WORDS, type TexGlossaryEntry } from '../../../src/core/recognize/glossary';

interface Case { id: string; latex: string; variant: string; contains: string[]; absent: string[]; minChecked: number }

const cases: Case[] = readFileSync(path.resolve('test/fixtures/explain/variants.jsonl'), 'utf8')
  .split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Case);

describe('explanations built for each variant (test/fixtures/explain/variants.jsonl)', function () {
  this.timeout(60_000);

  it('has at least sixty formulas, each with contents to require', () => {
    assert.ok(cases.length >= 60, `${cases.length} formulas`);
    assert.ok(cases.every((c) => c.contains.length > 0));
  });

  for (const c of cases) {
    it(`${c.id}: ${c.variant}, with what it must and must not contain`, () => {
      const d = deriveReport(recognize(c.latex));
      const shown = d.steps.slice(1);
      // What the explanation says: every step's rule, math and reason, and the opening's reason.
      const text = [d.steps[0]?.why ?? '', ...shown.map((s) => `${s.rule}\n${s.latex}\n${s.why}\n${s.assumption ?? ""}`)].join('\n');
      // What it writes as math: the steps after the note's own formula.
      const math = shown.map((s) => s.latex).join('\n');
      const report = `\n${d.steps.map((s) => `[${s.checked}] ${s.rule}: ${s.latex}`).join('\n')}\nDROPPED:\n${d.dropped.map((s) => `${s.rule}: ${s.problems[0]}`).join('\n')}`;
      assert.equal(d.variant, c.variant, report);
      for (const re of c.contains) assert.match(text, new RegExp(re), `${c.id} must contain /${re}/${report}`);
      for (const re of c.absent) assert.doesNotMatch(math, new RegExp(re), `${c.id} must not write /${re}/${report}`);
      const checked = shown.filter((s) => s.checked === 'numerically').length;
      assert.ok(checked >= c.minChecked, `${c.id}: ${checked} steps checked numerically${report}`);
      for (const s of d.steps) {
        katex.renderToString(s.latex, { throwOnError: true, displayMode: true, strict: 'ignore', trust: false, maxExpand: 1000 });
        assert.match(s.why, /^[A-Z$].*\.$/s, `${c.id}: the reason should be a sentence: ${s.why}`);
      }
    });
  }
});

describe('property: every shown step passes the checks again on other toy instances', function () {
  this.timeout(120_000);
  it('re-checks every planned step that was shown, with seeds the explanation did not use', () => {
    let rechecked = 0;
    for (const c of cases) {
      const card = recognize(c.latex);
      const d = deriveReport(card);
      const plan = planDerivation(card);
      if (!plan || d.variant === 'derivation') continue;
      const shown = new Set(d.steps.filter((s) => s.checked === 'numerically').map((s) => s.latex));
      const again = checkSteps(plan.planned, { symbols: plan.reading.symbols, world: plan.world, definitions: plan.definitions, seeds: [101, 202, 303, 404] });
      for (const { step, verdict } of again) {
        const latex = stepTex(step.math);
        if (!shown.has(latex)) continue;
        rechecked++;
        assert.ok(verdict.ok, `${c.id}: "${step.rule}" fails on other seeds: ${verdict.problems.join('; ')}\n${latex}`);
      }
    }
    assert.ok(rechecked >= 200, `only ${rechecked} steps re-checked`);
  });
});

describe('property: the glossary of every fixture formula', () => {
  it('names each symbol once, renders as math, never contradicts the roles and keeps meanings to their context', () => {
    for (const c of cases) {
      const card = recognize(c.latex);
      const d = deriveReport(card);
      const seen = new Set<string>();
      for (const g of card.glossary as readonly TexGlossaryEntry[]) {
        const key = g.symbol.replace(/\s+/g, '').replace(/\\mid/g, '|').replace(/_\{(.)\}/g, '_$1');
        assert.ok(!seen.has(key), `${c.id}: ${g.symbol} named twice`);
        seen.add(key);
        katex.renderToString(g.symbol, { throwOnError: true, strict: 'ignore' });
        for (const part of g.meaningTex.match(/\$[^$]+\$/g) ?? []) katex.renderToString(part.slice(1, -1), { throwOnError: true, strict: 'ignore' });
        assert.doesNotMatch(g.meaning, /\$/, `${c.id}: the plain meaning of ${g.symbol} keeps TeX delimiters`);
        for (const [role, symbol] of Object.entries(card.roles)) {
          if (ROLE_WORDS[role] && symbol.replace(/\s+/g, '') === g.symbol.replace(/\s+/g, '')) assert.match(g.meaningTex, ROLE_WORDS[role], `${c.id}: ${g.symbol} is the ${role} but the glossary says "${g.meaningTex}"`);
        }
        if (!d.variant?.startsWith('diffusion')) assert.doesNotMatch(g.meaningTex, /noise schedule|noising/, `${c.id}: a diffusion meaning for ${g.symbol}`);
      }
    }
    const binomial = recognize(String.raw`\binom{n}{k}\theta^k(1-\theta)^{n-k}`).glossary;
    assert.match(binomial.find((g) => g.symbol === 'k')?.meaning ?? '', /number of successes/);
    const beta = recognize(String.raw`\mathcal{L} = -\mathbb{E}_{q(z|x)}[\log p(x|z)] + \beta D_{KL}(q(z|x)\|p(z))`).glossary;
    assert.match(beta.find((g) => g.symbol === '\\beta')?.meaning ?? '', /weight of the KL term/);
    const encoder = recognize(String.raw`L = \|x - g_\theta(f_\phi(x))\|^2`).glossary;
    assert.match(encoder.find((g) => g.symbol === 'f_{\\phi}')?.meaning ?? '', /deterministic function/);
    const hat = recognize(String.raw`\hat\theta = \arg\max_\theta \sum_{i=1}^n \log p(x_i|\theta)`).glossary;
    assert.notEqual(hat.find((g) => g.symbol === '\\hat{\\theta}')?.meaning, hat.find((g) => g.symbol === '\\theta')?.meaning);
  });
});
