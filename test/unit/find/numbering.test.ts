import * as assert from 'node:assert/strict';
import { cleverefStyle, equationsOf, findLabel, includePath, includesOf, printedReference, projectEquations, referenceAt } from '../../../src/core/find/labels';

/** Label key -> number as `\eqref` shows it ('-' when the labelled equation has none). */
function numbers(text: string, language: 'latex' | 'markdown' = 'latex'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const eq of equationsOf('f', text, language)) for (const l of eq.labels) out[l.key] = eq.number ?? '-';
  return out;
}

describe('equation numbering as LaTeX counts it', () => {
  it('numbers equation environments in order and skips starred ones and \\[ \\]', () => {
    const tex = [
      '\\begin{equation} a \\label{one} \\end{equation}',
      '\\begin{equation*} b \\end{equation*}',
      '\\[ c \\]',
      '$$ d $$',
      '\\begin{equation} e \\label{two} \\end{equation}',
    ].join('\n\n');
    assert.deepEqual(numbers(tex), { one: '(1)', two: '(2)' });
  });

  it('numbers each row of align and gather unless it says \\nonumber or \\notag', () => {
    const tex = [
      '\\begin{align}',
      '  a &= b \\label{r1} \\\\',
      '  &= c \\nonumber \\\\',
      '  &= d \\label{r3}',
      '\\end{align}',
      '\\begin{gather} x \\notag \\\\ y \\label{g2} \\end{gather}',
      '\\begin{equation} z \\label{after} \\end{equation}',
    ].join('\n');
    assert.deepEqual(numbers(tex), { r1: '(1)', r3: '(2)', g2: '(3)', after: '(4)' });
  });

  it('does not split rows inside a nested aligned, cases or braces', () => {
    const tex = [
      '\\begin{align}',
      '  f(x) &= \\begin{cases} 1 \\\\ 0 \\end{cases} \\label{cases} \\\\',
      '  g &= \\begin{aligned} a \\\\ b \\end{aligned} \\label{nested}',
      '\\end{align}',
    ].join('\n');
    assert.deepEqual(numbers(tex), { cases: '(1)', nested: '(2)' });
  });

  it('lets \\tag replace a number without stepping the counter, also in a starred environment', () => {
    const tex = [
      '\\begin{equation} a \\tag{$\\star$} \\label{star} \\end{equation}',
      '\\begin{align*} b \\tag*{Eq. B} \\label{b} \\\\ c \\label{c} \\end{align*}',
      '\\begin{equation} d \\label{d} \\end{equation}',
    ].join('\n');
    assert.deepEqual(numbers(tex), { star: '($\\star$)', b: 'Eq. B', c: '-', d: '(1)' });
  });

  it('numbers subequations 1a, 1b, and a label on the group gets the parent number', () => {
    const tex = [
      '\\begin{equation} z \\label{z} \\end{equation}',
      '\\begin{subequations}\\label{group}',
      '\\begin{align} a \\label{a} \\\\ b \\label{b} \\end{align}',
      '\\begin{equation} c \\label{c} \\end{equation}',
      '\\end{subequations}',
      '\\begin{equation} d \\label{d} \\end{equation}',
    ].join('\n');
    assert.deepEqual(numbers(tex), { z: '(1)', group: '(2)', a: '(2a)', b: '(2b)', c: '(2c)', d: '(3)' });
  });

  it('follows \\setcounter{equation} and \\addtocounter{equation} between equations, and no other counter', () => {
    const tex = [
      '\\begin{equation} a \\label{one} \\end{equation}',
      '\\setcounter{equation}{9}',
      '\\begin{equation} b \\label{ten} \\end{equation}',
      '\\addtocounter{equation}{-5}',
      '\\begin{align} c \\label{six} \\\\ d \\label{seven} \\end{align}',
      '\\setcounter{section}{3} % \\setcounter{equation}{100}',
      '\\begin{equation} e \\label{eight} \\end{equation}',
    ].join('\n');
    assert.deepEqual(numbers(tex), { one: '(1)', ten: '(10)', six: '(6)', seven: '(7)', eight: '(8)' });
  });

  it('numbers multline once, whatever its rows', () => {
    assert.deepEqual(numbers('\\begin{multline} a \\\\ b \\\\ c \\label{m} \\end{multline}\n\\begin{equation} d \\label{d}\\end{equation}'), { m: '(1)', d: '(2)' });
  });

  it('prefixes numbers by section with \\numberwithin, and letters them after \\appendix', () => {
    const tex = [
      '\\numberwithin{equation}{section}',
      '\\section{One}',
      '\\begin{equation} a \\label{a} \\end{equation}',
      '\\section*{Unnumbered}',
      '\\begin{equation} b \\label{b} \\end{equation}',
      '\\section{Two}',
      '\\begin{equation} c \\label{c} \\end{equation}',
      '\\appendix',
      '\\section{Proofs}',
      '\\begin{equation} d \\label{d} \\end{equation}',
    ].join('\n');
    assert.deepEqual(numbers(tex), { a: '(1.1)', b: '(1.2)', c: '(2.1)', d: '(A.1)' });
  });

  it('ignores labels and environments in comments', () => {
    assert.deepEqual(numbers('% \\begin{equation} a \\label{no} \\end{equation}\n\\begin{equation} b \\label{yes} \\end{equation}'), { yes: '(1)' });
  });

  it('gives the labelled row alone, its marks taken out, as the TeX to render', () => {
    const eqs = equationsOf('f', '\\begin{align} a &= b \\label{x} \\\\ c &= d \\nonumber \\end{align}', 'latex');
    assert.equal(eqs[0].tex, '\\begin{aligned}a &= b\\end{aligned}');
    const text = '\\begin{equation}\n  E = mc^2 \\label{eq:e}\n\\end{equation}';
    const found = findLabel(equationsOf('f', text, 'latex'), 'eq:e');
    assert.ok(found);
    assert.equal(found.equation.tex, 'E = mc^2');
    assert.equal(text.slice(found.label.start, found.label.end), '\\label{eq:e}');
  });

  it('numbers a labelled $$ display in markdown, but not an unlabelled one', () => {
    const md = [
      'Intro.',
      '',
      '$$ \\log p(x) \\ge \\mathcal{L} \\label{eq:elbo} $$',
      '',
      '$$ y = 1 $$',
      '',
      '\\begin{equation} z \\label{eq:z} \\end{equation}',
      '',
      'See \\eqref{eq:elbo}.',
    ].join('\n');
    assert.deepEqual(numbers(md, 'markdown'), { 'eq:elbo': '(1)', 'eq:z': '(2)' });
    const found = findLabel(equationsOf('n', md, 'markdown'), 'eq:elbo');
    assert.equal(found?.equation.tex, '\\log p(x) \\ge \\mathcal{L}');
  });
});

describe('references and labels across files', () => {
  it('finds the reference and the key under the cursor', () => {
    const text = 'By \\eqref{eq:elbo} and \\cref{a, b}.';
    const at = (needle: string) => referenceAt(text, text.indexOf(needle));
    assert.deepEqual(at('elbo'), { command: 'eqref', key: 'eq:elbo', start: 10, end: 17 });
    assert.equal(at('\\eqref')?.key, 'eq:elbo');
    assert.equal(at(' b}')?.key, 'b');
    assert.equal(at('\\cref')?.key, 'a');
    assert.equal(at('By'), undefined);
    for (const command of ['ref', 'autoref', 'Cref']) assert.equal(referenceAt(`\\${command}{k}`, 2)?.command, command);
  });

  it('prints a reference as LaTeX does: \\ref bare, \\eqref in parentheses, \\autoref and \\cref with their names', () => {
    assert.equal(printedReference('ref', '(3)'), '3');
    assert.equal(printedReference('eqref', '(3)'), '(3)');
    assert.equal(printedReference('labelcref', '(3)'), '(3)');
    assert.equal(printedReference('autoref', '(2.1)'), 'Equation 2.1');
    assert.equal(printedReference('cref', '(3)'), 'eq. (3)');
    assert.equal(printedReference('Cref', '(3b)'), 'Eq. (3b)');
    const both = cleverefStyle('\\usepackage{amsmath}\n\\usepackage[capitalise, noabbrev]{cleveref}');
    assert.equal(printedReference('cref', '(3)', both), 'Equation (3)');
    assert.equal(printedReference('cref', '(3)', cleverefStyle('\\usepackage[noabbrev]{cleveref}')), 'equation (3)');
    assert.deepEqual(cleverefStyle('% \\usepackage[noabbrev]{cleveref}\n\\usepackage{cleveref}'), { capitalise: false, noabbrev: false });
    // A \tag*{...} prints as it stands, so it has no parentheses to drop.
    assert.equal(printedReference('ref', 'A'), 'A');
  });

  it('reads \\input and \\include names and makes paths of them', () => {
    assert.deepEqual(includesOf('\\input{intro}\n% \\input{old}\n\\include{chapters/gan.tex}'), ['intro', 'chapters/gan.tex']);
    assert.equal(includePath('./sections/vae'), 'sections/vae.tex');
    assert.equal(includePath('gan.tex'), 'gan.tex');
  });

  it('numbers a project across its files in the order they are included', () => {
    const texts = new Map([
      ['main.tex', '\\begin{equation} a \\label{a} \\end{equation}\n\\input{gan}\n\\begin{equation} c \\label{c} \\end{equation}\nSee \\ref{eq:gan}.'],
      ['gan.tex', '\\begin{align} \\min_G \\max_D V(D,G) \\label{eq:gan} \\\\ b \\label{b} \\end{align}\n\\input{main}'],
    ]);
    const eqs = projectEquations('main.tex', texts);
    const gan = findLabel(eqs, 'eq:gan');
    assert.equal(gan?.equation.file, 'gan.tex');
    assert.equal(gan?.equation.number, '(2)');
    assert.equal(findLabel(eqs, 'b')?.equation.number, '(3)');
    assert.equal(findLabel(eqs, 'c')?.equation.number, '(4)');
  });
});
