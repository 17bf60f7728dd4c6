import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import katex from 'katex';
import { derive } from '../../../src/core/explain/derive';
import { FORMULA_KINDS, recognize, type FormulaCard, type FormulaKind } from '../../../src/core/recognize';

/** The options the panel renders with: a step that fails here would show a KaTeX error there. */
function assertRenders(latex: string, where: string): void {
  try {
    katex.renderToString(latex, { throwOnError: true, displayMode: true, strict: 'ignore', trust: false, maxExpand: 1000 });
  } catch (err) {
    assert.fail(`${where}: ${err instanceof Error ? err.message : String(err)}\n  ${latex}`);
  }
}

function allLatex(card: FormulaCard): string {
  return derive(card).steps.map((s) => s.latex).join('\n');
}

/** The kinds whose issue lists at least four derivation steps. */
const LONG_KINDS = new Set<FormulaKind>(['mle', 'kl', 'elbo', 'minimax', 'diffusion']);

interface CorpusFormula { readonly id: string; readonly latex: string }
const corpus: CorpusFormula[] = readFileSync(path.resolve(process.cwd(), '../shared/corpus/formulas-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as CorpusFormula);

describe('derivations of every recognized formula in the dev corpus', () => {
  const byKind = new Map<FormulaKind, { id: string; card: FormulaCard }[]>();
  for (const f of corpus) {
    const card = recognize(f.latex);
    if (card.kind === 'none') continue;
    const list = byKind.get(card.kind) ?? [];
    list.push({ id: f.id, card });
    byKind.set(card.kind, list);
  }

  for (const kind of FORMULA_KINDS.filter((k) => k !== 'none')) {
    const min = LONG_KINDS.has(kind) ? 4 : 3;
    it(`gives each ${kind} formula at least ${min} steps, each rendering in KaTeX with a one-sentence reason`, function () {
      const cards = byKind.get(kind) ?? [];
      if (cards.length === 0) this.skip();
      for (const { id, card } of cards) {
        const d = derive(card);
        assert.equal(d.kind, kind);
        assert.equal(d.title, card.title);
        assert.ok(d.steps.length >= min, `${id}: ${d.steps.length} steps`);
        d.steps.forEach((s, i) => {
          assertRenders(s.latex, `${id} step ${i + 1}`);
          assert.match(s.why, /^[A-Z].*\.$/s, `${id} step ${i + 1}: why should be a sentence`);
          assert.ok(!/\\begin\{document\}/.test(s.latex));
        });
      }
    });
  }

  it('covers every kind at least once', () => {
    const missing = FORMULA_KINDS.filter((k) => k !== 'none' && !byKind.has(k));
    assert.deepEqual(missing, []);
  });
});

describe('derivations in the textbook symbols', () => {
  const variants: Partial<Record<FormulaKind, string[]>> = {
    minimax: ['saturating', 'non-saturating', 'wasserstein', 'least-squares'],
    gradient_step: ['plain', 'momentum', 'nesterov', 'adam'],
    entropy: ['entropy', 'joint', 'conditional', 'cross-entropy'],
    kl: ['reverse (q || p)', 'forward (p || q)'],
  };
  for (const kind of FORMULA_KINDS.filter((k) => k !== 'none')) {
    it(`derives a ${kind} formula with no roles at all, in every variant, and every line renders`, () => {
      for (const variant of variants[kind] ?? ['']) {
        const roles: Record<string, string> = variant ? (kind === 'kl' ? { direction: variant } : { variant }) : {};
        const card: FormulaCard = { kind, title: kind, confidence: 1, roles, glossary: [], tex: '' };
        const d = derive(card);
        assert.ok(d.steps.length >= (LONG_KINDS.has(kind) ? 4 : 3), `${kind} ${variant}`);
        d.steps.forEach((s, i) => assertRenders(s.latex, `${kind} ${variant} step ${i + 1}`));
      }
    });
  }

  it('survives any role string of the corpus in any role of any kind', function () {
    this.timeout(20000);
    const values = [...new Set(corpus.flatMap((f) => Object.values(recognize(f.latex).roles)))].filter((_, i) => i % 6 === 0);
    const keys = ['first', 'second', 'encoder', 'decoder', 'prior', 'latent', 'data', 'parameter', 'model', 'joint', 'variational', 'variational_parameter',
      'generator', 'discriminator', 'noise', 'data_distribution', 'noise_distribution', 'learning_rate', 'loss', 'time_step', 'likelihood', 'reconstruction', 'noise_predictor', 'quantity', 'distribution'];
    for (const kind of FORMULA_KINDS.filter((k) => k !== 'none')) {
      for (const v of values) {
        const roles = Object.fromEntries(keys.map((k) => [k, v]));
        const d = derive({ kind, title: kind, confidence: 1, roles, glossary: [], tex: v });
        assert.ok(d.steps.length >= 3, `${kind} with ${v}`);
        d.steps.forEach((s, i) => assertRenders(s.latex, `${kind} with ${JSON.stringify(v)} step ${i + 1}`));
      }
    }
  });
});

describe('derivations in the formula\'s own symbols', () => {
  it('writes a KL divergence with the note\'s q_phi, p_theta, z and x', () => {
    const card = recognize('D_{KL}(q_\\phi(z|x)\\|p_\\theta(z))');
    const all = allLatex(card);
    assert.match(all, /q_\{?\\phi\}?/);
    assert.match(all, /p_\{?\\theta\}?/);
    assert.match(all, /\\int q_\{\\phi\}\(z\|x\) \\log \\frac\{q_\{\\phi\}\(z\|x\)\}\{p_\{\\theta\}\(z\)\} \\, \\mathrm\{d\}z/);
    assert.ok(derive(card).steps.length >= 8, 'definition, Jensen, asymmetry, Gaussian, Bernoulli, categorical');
  });

  it('writes a gradient step with the note\'s learning rate alpha and loss J, and the 2/L condition', () => {
    const card = recognize('\\theta_{t+1} = \\theta_t - \\alpha \\nabla_\\theta J(\\theta_t)');
    assert.equal(card.kind, 'gradient_step');
    const all = allLatex(card);
    assert.match(all, /\\alpha/);
    assert.match(all, /J\(\\theta/);
    assert.doesNotMatch(all, /\\eta/);
    assert.match(all, /0 < \\alpha < \\frac\{2\}\{L\}/);
  });

  it('writes the VAE form of an ELBO with the note\'s encoder, decoder and prior', () => {
    const card = recognize('\\log p(x) \\geq \\E_{q_\\phi(z|x)} \\left[ \\log p_\\theta(x|z) \\right] - KL(q_\\phi(z|x) || p(z))');
    assert.equal(card.kind, 'elbo');
    const all = allLatex(card);
    assert.match(all, /\\mathbb\{E\}_\{q_\{\\phi\}\(z \\mid x\)\}\\left\[\\log p_\{\\theta\}\(x\|z\)\\right\]/);
    assert.match(all, /\\mu_\{\\phi\}\(x\) \+ \\sigma_\{\\phi\}\(x\) \\odot \\epsilon/, 'reparameterization trick');
  });

  it('writes a GAN derivation with the note\'s generator and discriminator letters', () => {
    const card = recognize('\\min_g \\max_d \\mathbb{E}_{x}[\\log d(x)] + \\mathbb{E}_{z}[\\log(1 - d(g(z)))]');
    assert.equal(card.kind, 'minimax');
    const all = allLatex(card);
    assert.match(all, /d\^\*\(x\) = \\frac\{p_\{\\mathrm\{data\}\}\(x\)\}\{p_\{\\mathrm\{data\}\}\(x\) \+ p_\{g\}\(x\)\}/);
    assert.match(all, /-\\log 4 \+ 2 \\, \\mathrm\{JSD\}/);
  });

  it('falls back to the textbook letter for a role written with a private macro, keeping the others', () => {
    const card = recognize('L = \\|x - D(E(x))\\|^2');
    const hostile: FormulaCard = { ...card, roles: { ...card.roles, data: '\\Vx' } };
    const d = derive(hostile);
    d.steps.forEach((s, i) => assertRenders(s.latex, `step ${i + 1}`));
    const all = d.steps.map((s) => s.latex).join('\n');
    assert.doesNotMatch(all, /\\Vx/);
    assert.match(all, /D\(E\(x\)\)/);
  });

  it('refuses role strings that would break or inject TeX', () => {
    const card = recognize('D_{KL}(P\\|Q)');
    for (const bad of ['}', '{', 'a & b', '\\\\', 'x_', '\\begin{array}', '\\href{https://x}{y}', '\\def\\a{b}', 'P)(', 'a'.repeat(200)]) {
      const d = derive({ ...card, roles: { ...card.roles, first: bad, second: bad } });
      assert.ok(d.steps.length >= 4, bad);
      d.steps.forEach((s, i) => assertRenders(s.latex, `role ${JSON.stringify(bad)} step ${i + 1}`));
    }
  });
});

describe('derivations that depend on the variant', () => {
  it('gives a Wasserstein GAN the Kantorovich-Rubinstein dual instead of the JSD argument', () => {
    const card = recognize('$\\max_{\\|f\\|_L \\le 1} \\mathbb{E}_{x}[f(x)] - \\mathbb{E}_{z}[f(g(z))]$');
    assert.equal(card.roles.variant, 'wasserstein');
    const d = derive(card);
    assert.ok(d.steps.length >= 4);
    assert.ok(d.steps.some((s) => /Kantorovich-Rubinstein/.test(s.why) && /\\sup_\{\\\|f\\\|_L \\le 1\}/.test(s.latex)));
    assert.ok(d.steps.some((s) => /f\(g\(z\)\)/.test(s.latex)), 'uses the note\'s critic f and generator g');
    assert.ok(!d.steps.some((s) => /\\log 4/.test(s.latex)));
  });

  it('adds the velocity update for momentum', () => {
    const card = recognize('\\begin{aligned} v &\\leftarrow \\gamma v + \\eta \\nabla_\\theta J(\\theta) \\\\ \\theta &\\leftarrow \\theta - v \\end{aligned}');
    assert.equal(card.roles.variant, 'momentum');
    const d = derive(card);
    // In the note's own letters: its momentum coefficient is γ, not the textbook μ.
    assert.ok(d.steps.some((s) => /v_\{t\+1\} = \\gamma \\, v_\{t\}/.test(s.latex)), d.steps.map((s) => s.latex).join('\n'));
    d.steps.forEach((s, i) => assertRenders(s.latex, `step ${i + 1}`));
  });

  it('derives a lone velocity update for the parameter the gradient is taken at', () => {
    const card = recognize('u_{k+1} = \\beta u_k - \\alpha \\nabla f(w_k)');
    assert.deepEqual([card.roles.variant, card.roles.parameter, card.roles.velocity, card.roles.momentum], ['momentum', 'w', 'u', '\\beta']);
    const all = allLatex(card);
    assert.match(all, /w_\{k\+1\} = w_\{k\} - \\alpha/);
    assert.match(all, /u_\{k\+1\} = \\beta \\, u_\{k\}/);
  });

  it('adds the moment estimates, bias correction and update for Adam', () => {
    const card = recognize('$\\theta_{t+1} = \\theta_t - \\frac{\\eta}{\\sqrt{\\hat v_t} + \\epsilon}\\, \\nabla L(\\theta_t)$');
    assert.equal(card.roles.variant, 'adam');
    const all = allLatex(card);
    assert.match(all, /m_\{t\} = \\beta_1 m_\{t-1\}/);
    assert.match(all, /\\hat\{m\}_\{t\} = \\frac\{m_\{t\}\}\{1 - \\beta_1\^\{t\}\}/);
    assert.match(all, /\\sqrt\{\\hat\{v\}_\{t\}\} \+ \\epsilon/);
  });

  it('gives a plain gradient step neither momentum nor Adam', () => {
    const all = allLatex(recognize('x \\leftarrow x - \\eta f\'(x)'));
    assert.doesNotMatch(all, /\\beta_1|v_\{t\+1\}/);
  });
});

describe('the content of each derivation', () => {
  it('derives the sample mean and variance and the KL link for maximum likelihood', () => {
    const all = allLatex(recognize('\\hat\\theta = \\arg\\max_\\theta \\sum_i \\log p_\\theta(x_i)'));
    assert.match(all, /\\prod_\{i=1\}\^\{n\}/);
    assert.match(all, /\\hat\{\\mu\} = \\frac\{1\}\{n\} \\sum_\{i=1\}\^\{n\} x_i/);
    assert.match(all, /\\hat\{\\sigma\}\^2 = /);
    assert.match(all, /\\arg\\min_\{\\theta\} D_\{\\mathrm\{KL\}\}\\left\(p_\{\\mathrm\{data\}\}/);
  });

  it('derives the closed forms of a diffusion model down to the simplified loss', () => {
    const d = derive(recognize('q(x_t|x_0) = \\mathcal{N}(x_t; \\sqrt{\\bar\\alpha_t} x_0, (1-\\bar\\alpha_t) I)'));
    const all = d.steps.map((s) => s.latex).join('\n');
    assert.match(all, /\\bar\{\\alpha\}_\{t\} = \\prod_\{s=1\}\^\{t\} \\alpha_s/);
    assert.match(all, /q\(x_\{t-1\} \\mid x_\{t\}, x_0\)/);
    assert.match(all, /L_\{\\mathrm\{simple\}\} = .*\\epsilon - \\epsilon_\{\\theta\}\(x_\{t\}, t\)/);
  });

  it('bounds the Jensen-Shannon divergence by 0 and log 2 and splits cross-entropy into entropy plus KL', () => {
    assert.match(allLatex(recognize('\\mathrm{JSD}(p, q) = \\frac{1}{2} \\mathrm{KL}(p \\| m) + \\frac{1}{2} \\mathrm{KL}(q \\| m)')), /0 \\le \\mathrm\{JSD\}\(p \\,\\\|\\, q\) \\le \\log 2/);
    assert.match(allLatex(recognize('H(p, q) = -\\sum_x p(x) \\log q(x)')), /= H\(p\) \+ D_\{\\mathrm\{KL\}\}/);
  });

  it('starts with the note\'s own formula when it renders, else with the standard form', () => {
    const own = derive(recognize('P(A \\mid B) = \\frac{P(B \\mid A) P(A)}{P(B)}'));
    assert.equal(own.steps[0].latex, 'P(A \\mid B) = \\frac{P(B \\mid A) P(A)}{P(B)}');
    const macro = derive(recognize('\\DKL[p || q] = \\sum_{x \\in \\mathcal{X}} p(x) \\log_2 \\frac{p(x)}{q(x)}'));
    assert.equal(macro.kind, 'kl');
    assert.doesNotMatch(macro.steps[0].latex, /\\DKL/);
    assertRenders(macro.steps[0].latex, 'standard form');
  });

  it('gives a formula of kind none no steps, and never throws on hostile input', () => {
    assert.deepEqual(derive(recognize('x^2 + y^2')).steps, []);
    for (const tex of ['', '{'.repeat(500), '\\def\\x{\\x}\\x', '\\begin{document}D_{KL}(P\\|Q)\\end{document}', 'D_{KL}(\\foo{\\|\\bar)']) {
      const d = derive(recognize(tex));
      d.steps.forEach((s, i) => assertRenders(s.latex, `${JSON.stringify(tex)} step ${i + 1}`));
    }
  });
});
