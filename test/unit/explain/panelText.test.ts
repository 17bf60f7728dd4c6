/**
 * What the Explain panel says in words: slider labels, toy titles and results, curve labels,
 * summaries, glossary meanings and step sentences. Each is prose with its symbols in `$...$`;
 * no TeX source may show outside them, every typeset part must render, and every Gaussian a
 * label writes with numbers must be the one plotted, its variance the square of the standard
 * deviation its slider sets.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { gaussianPdf } from '../../../src/core/evaluate/distributions';
import type { ToyInstance } from '../../../src/core/evaluate/toy';
import { toyInstanceFor } from '../../../src/core/kinds';
import { FORMULA_KINDS, recognize, type FormulaKind } from '../../../src/core/recognize';
import { kindHeading } from '../../../src/core/recognize/titles';
import { proseParts, texOutsideMath } from '../../../src/core/text/prose';
import { explainContent } from '../../../src/host/explain/content';
import { contentMarkdown } from '../../../src/host/explain/markdown';

const FIXTURES = path.join(process.cwd(), 'test', 'fixtures', 'recognize');

interface Fixture { readonly id: string; readonly latex: string; readonly context?: string }

function fixtures(files: readonly string[]): Fixture[] {
  return files.flatMap((f) => readFileSync(path.join(FIXTURES, f), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Fixture));
}

/** Every labelled formula of the recognizer's fixtures: the roles real notes give the toys. */
const ALL = fixtures(readdirSync(FIXTURES).filter((f) => f.endsWith('.jsonl')));

/** Roles as notes write them, the symbols that leaked as source before ("q_{\phi}(z|x)", "\eta_t"). */
const HOSTILE_ROLES: Readonly<Record<string, string>> = {
  first: 'q_{\\phi}(z|x)', second: 'p_{\\theta}(x_{t-1}|x_t)', learning_rate: '\\eta_t', parameter: '\\theta_{t}', loss: '\\ell',
};

const KINDS = FORMULA_KINDS.filter((k) => k !== 'none');

/** Fails when `text` shows TeX source outside its `$...$`, or a `$...$` part does not render. */
function assertProse(text: string, where: string): void {
  const leak = texOutsideMath(text);
  assert.equal(leak, undefined, `${where}: TeX source in prose ("${leak}") in ${JSON.stringify(text)}`);
  for (const part of proseParts(text)) {
    if (!part.math) continue;
    try {
      katex.renderToString(part.text, { throwOnError: true, displayMode: false, strict: 'ignore', trust: false, maxExpand: 500 });
    } catch (err) {
      assert.fail(`${where}: $${part.text}$ does not render: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/** The slider settings a toy is looked at in: its defaults and every all-low/all-high corner. */
function settings(t: ToyInstance): Record<string, number>[] {
  const ps = t.parameters;
  return [
    {},
    Object.fromEntries(ps.map((p) => [p.name, p.min])),
    Object.fromEntries(ps.map((p) => [p.name, p.max])),
    Object.fromEntries(ps.map((p, i) => [p.name, i % 2 ? p.min : p.max])),
    Object.fromEntries(ps.map((p, i) => [p.name, i % 2 ? p.max : p.min])),
  ];
}

function assertToyProse(t: ToyInstance, where: string): void {
  assertProse(t.title, `${where} title`);
  for (const p of t.parameters) assertProse(p.label, `${where} slider ${p.name}`);
  for (const values of settings(t)) {
    const r = t.compute(values);
    assertProse(r.text, `${where} text at ${JSON.stringify(values)}`);
    for (const c of r.curves) assertProse(c.label, `${where} curve at ${JSON.stringify(values)}`);
  }
}

describe("the Explain panel's words", function () {
  this.timeout(60_000);

  it("has no TeX source in any toy instance's prose, for every kind, with the roles of every fixture formula", () => {
    const byKind = new Map<FormulaKind, number>();
    for (const kind of KINDS) {
      const plain = toyInstanceFor(kind, {});
      if (!plain) continue;
      byKind.set(kind, 0);
      assertToyProse(plain, kind);
      assertToyProse(toyInstanceFor(kind, HOSTILE_ROLES)!, `${kind} with the roles ${JSON.stringify(HOSTILE_ROLES)}`);
    }
    for (const f of ALL) {
      const card = recognize(f.latex, { context: f.context ?? '' });
      const t = card.kind === 'none' ? undefined : toyInstanceFor(card.kind, card.roles);
      if (!t) continue;
      byKind.set(card.kind, (byKind.get(card.kind) ?? 0) + 1);
      assertToyProse(t, `${f.id} (${card.kind}, roles ${JSON.stringify(card.roles)})`);
    }
    // Every kind with a toy was seen, and most with the roles of real notes.
    assert.ok(byKind.size >= 11, `toys for only ${[...byKind.keys()].join(', ')}`);
    assert.ok([...byKind.values()].filter((n) => n > 0).length >= 10, JSON.stringify([...byKind]));
  });

  it("writes the plain letter for a role holding a macro nobody defined, and the note's own role otherwise", () => {
    // The roles as the panel gets them: from the recognizer, which reads a book's `\\vw` as w.
    const kl = recognize(String.raw`D_{KL}(p(\foo) \| q_{\phi}(z|x))`);
    assert.equal(kl.roles.first, 'p(\\foo)');
    const undefinedMacro = toyInstanceFor('kl', kl.roles)!;
    assertToyProse(undefinedMacro, 'kl with an undefined macro in a role');
    assert.match(undefinedMacro.title, /\$p = /, undefinedMacro.title);
    assert.match(undefinedMacro.title, /q_\{\\phi\}\(z\|x\) = /, undefinedMacro.title);
    const gd = recognize(String.raw`\vw \leftarrow \vw - \lr \nabla_{\vw} L(\vw)`);
    assert.equal(gd.kind, 'gradient_step');
    const step = toyInstanceFor('gradient_step', gd.roles)!;
    assertToyProse(step, `gradient step with the roles ${JSON.stringify(gd.roles)}`);
    assert.doesNotMatch(JSON.stringify(step.parameters.map((p) => p.label)), /\\\\lr/);
  });

  it('labels every slider in words with its symbol typeset, never as one formula', () => {
    for (const kind of KINDS) {
      for (const p of toyInstanceFor(kind, HOSTILE_ROLES)?.parameters ?? []) {
        const words = proseParts(p.label).filter((x) => !x.math).map((x) => x.text).join(' ');
        // "mean $\mu_1$ of $q_{\phi}(z|x)$": a word of its own, and the symbol in math.
        assert.match(words, /\b[a-z]{3,}\b/, `${kind}.${p.name}: no word in ${JSON.stringify(p.label)}`);
        assert.ok(proseParts(p.label).some((x) => x.math), `${kind}.${p.name}: no typeset symbol in ${JSON.stringify(p.label)}`);
      }
    }
    const kl = toyInstanceFor('kl', HOSTILE_ROLES)!;
    assert.equal(kl.parameters[0].label, 'mean $\\mu_1$ of $q_{\\phi}(z|x)$');
    assert.equal(kl.parameters[1].label, 'standard deviation $\\sigma_1$ of $q_{\\phi}(z|x)$');
  });

  it('has no TeX source in the heading, summary, glossary, steps or value, for every fixture formula of the dev set', () => {
    const kinds = new Set<string>();
    for (const f of fixtures(['formulas-dev.jsonl'])) {
      const c = explainContent(f.latex, true, 'notes.md, line 1');
      if (c.kind === 'none') continue;
      kinds.add(c.kind);
      assertProse(kindHeading({ ...c, kind: c.kind as FormulaKind }), `${f.id} heading`);
      // What the panel shows: the typeset summary and glossary meanings where there are some.
      assertProse(c.summaryTex ?? c.summary, `${f.id} summary`);
      for (const g of c.glossary) assertProse(g.meaningTex ?? g.meaning, `${f.id} glossary ${g.symbol}`);
      c.steps.forEach((s, i) => {
        assertProse(s.why, `${f.id} step ${i + 1}`);
        if (s.assumption) assertProse(s.assumption, `${f.id} step ${i + 1} assumption`);
        if (s.rule) assertProse(s.rule, `${f.id} step ${i + 1} rule`);
      });
      if (c.evaluation && 'detail' in c.evaluation) assertProse(c.evaluation.detail, `${f.id} value`);
    }
    assert.ok(kinds.size >= 11, `only ${[...kinds].join(', ')}`);
  });

  it("typesets a KL summary's own symbols instead of spelling their TeX", () => {
    const c = explainContent('D_{KL}(q(x_{t-1}|x_t,x_0)\\,\\|\\,p_{\\theta}(x_{t-1}|x_t))', true, 'x');
    assert.equal(c.kind, 'kl');
    assert.match(c.summaryTex ?? '', /\$p_\{\\theta\}\(x_\{t-1\}\|x_t\)\$ is used in place of \$q\(x_\{t-1\}\|x_t,x_0\)\$/);
    // The plain summary (hover, CLI) is unchanged.
    assert.match(c.summary, /p_θ\(x_\{t-1\}\|x_t\) is used in place of/);
  });
});

/** `\mathcal{N}(mean,\ sd^2)` with numbers in a label: the mean and the standard deviation. */
function numericGaussians(label: string): { mean: number; sd: number }[] {
  const num = String.raw`(-?[\d.]+(?: \\times 10\^\{-?\d+\})?)`;
  const re = new RegExp(String.raw`\\mathcal\{N\}\(${num},\\ \(?${num}\)?\^2\)`, 'g');
  const value = (s: string): number => {
    const m = /^(-?[\d.]+) \\times 10\^\{(-?\d+)\}$/.exec(s);
    return m ? Number(m[1]) * 10 ** Number(m[2]) : Number(s);
  };
  return [...label.matchAll(re)].map((m) => ({ mean: value(m[1]), sd: value(m[2]) }));
}

describe('the Gaussians the toy instances name', () => {
  /** The slider settings to look at: defaults and a seeded spread across each range. */
  function spread(t: ToyInstance): Record<string, number>[] {
    let s = 7;
    const rand = (): number => ((s = (s * 16807) % 2147483647) - 1) / 2147483646;
    return [{}, ...Array.from({ length: 20 }, () => Object.fromEntries(t.parameters.map((p) => [p.name, p.min + rand() * (p.max - p.min)])))];
  }

  it('are the densities plotted under their labels, with the variance the square of the slider it comes from', () => {
    const named = new Set<string>();
    for (const kind of KINDS) {
      const t = toyInstanceFor(kind, {});
      if (!t) continue;
      for (const values of spread(t)) {
        for (const c of t.compute(values).curves) {
          const gs = numericGaussians(c.label);
          if (gs.length === 0) continue;
          assert.equal(gs.length, 1, `${kind}: one Gaussian per curve label, ${c.label}`);
          const { mean, sd } = gs[0];
          named.add(kind);
          const peak = Math.max(...c.y);
          // The label rounds to four significant digits: the plotted density may differ from the
          // labelled one by what half a unit in the fourth digit of the mean and the deviation moves it.
          const half = (v: number): number => (v === 0 ? 0 : 0.5 * 10 ** (Math.floor(Math.log10(Math.abs(v))) - 3));
          c.x.forEach((x, i) => {
            const pdf = gaussianPdf(x, mean, sd * sd);
            const slack = 1e-9 * peak + pdf * (Math.abs(x - mean) / sd ** 2 * half(mean) + Math.abs((x - mean) ** 2 / sd ** 3 - 1 / sd) * half(sd)) * 1.5;
            assert.ok(Math.abs(c.y[i] - pdf) <= slack, `${kind} ${c.label} at x = ${x}: plotted ${c.y[i]}, labelled ${pdf}`);
          });
        }
      }
    }
    // The kinds whose toys plot Gaussians all say which ones, with numbers.
    for (const kind of ['kl', 'jsd', 'minimax', 'elbo', 'diffusion']) assert.ok(named.has(kind), `${kind} names no Gaussian with numbers`);
  });

  it('show a standard-deviation slider\'s own value, squared, in the label of its density', () => {
    // Which curve each standard-deviation slider draws.
    const drawn: Readonly<Record<string, Readonly<Record<string, number>>>> = {
      kl: { sigma1: 0, sigma2: 1 }, jsd: { sigma1: 0, sigma2: 1 }, minimax: { sigmaG: 1 }, elbo: { sd: 1 },
    };
    for (const [kind, sliders] of Object.entries(drawn)) {
      const t = toyInstanceFor(kind as FormulaKind, {})!;
      for (const values of spread(t)) {
        const r = t.compute(values);
        for (const [name, curve] of Object.entries(sliders)) {
          const p = t.parameters.find((q) => q.name === name)!;
          assert.match(p.label, /standard deviation/, `${kind}.${name} is labelled ${p.label}`);
          const set = Math.min(p.max, Math.max(p.min, values[name] ?? p.value));
          const [g] = numericGaussians(r.curves[curve].label);
          assert.ok(g && Math.abs(g.sd - set) <= 5e-4 * set, `${kind}: slider ${name} = ${set} but the label says ${r.curves[curve].label}`);
        }
      }
    }
  });

  it("give the ELBO toy's posterior as the slider values that close the gap", () => {
    const t = toyInstanceFor('elbo', {})!;
    for (const values of [{}, { x: -2.3, noise: 0.4 }, { x: 2.9, noise: 1.9 }] as Record<string, number>[]) {
      const r = t.compute(values);
      // "... that is $m$ = 0.75 and $s_q$ = 0.7071": setting the q sliders there makes ELBO = log p(x).
      const said = /\$m\$ = (-?[\d.]+) and \$s_q\$ = ([\d.]+)/.exec(r.text);
      assert.ok(said, r.text);
      const logPx = Number(/\$\\log p\(x\)\$ = (-?[\d.]+)/.exec(r.text)?.[1]);
      const atPosterior = t.compute({ ...values, m: Number(said[1]), sd: Number(said[2]) });
      assert.ok(Math.abs(atPosterior.value - logPx) < 1e-3, `${r.text}: at the named posterior the ELBO is ${atPosterior.value}, log p(x) ${logPx}`);
    }
  });
});

describe('the Explain panel exported as markdown', () => {
  it('writes its value in plain scientific notation and its summary with the symbols as math', () => {
    const c = explainContent('\\log \\frac{1}{1+e^{-20}}', true, 'x');
    assert.ok(c.evaluation && 'value' in c.evaluation);
    const md = contentMarkdown(c);
    assert.match(md, /## Value\n\n-2\.06115 × 10⁻⁹:/);
    const kl = contentMarkdown(explainContent('D_{KL}(q_{\\phi}(z|x)\\,\\|\\,p(z))', true, 'x'));
    assert.match(kl, /when \$p\(z\)\$ is used in place of \$q_\{\\phi\}\(z\|x\)\$/);
  });
});
