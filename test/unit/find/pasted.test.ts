// Math pasted from pages that rendered it (test/fixtures/find/pasted/, see its README): each
// pattern found as one formula with exact UTF-16 offsets and the LaTeX it reads as, the kind
// asserted through the recognizer as it is, prose left alone.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFormulas, texOfSource } from '../../../src/core/find';
import { classify } from '../../../src/core/recognize';
import { find } from './helpers';

interface ExpectedFormula {
  readonly start: number;
  readonly end: number;
  readonly tex: string;
  readonly kind?: string;
  readonly pattern?: string;
}

interface Fixture {
  readonly file: string;
  readonly note: string;
  readonly formulas: readonly ExpectedFormula[];
  readonly unreadable: readonly { readonly start: number; readonly end: number }[];
}

const dir = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'find', 'pasted');
const fixtures = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Fixture[];

describe('math pasted from rendered pages', () => {
  it('has a fixture for each pattern', () => {
    assert.deepEqual(fixtures.map((f) => f.file).sort(),
      ['katex.md', 'mathjax-ambiguous.md', 'mathjax-elbo.md', 'mathjax-settled-by-visual.md', 'mojibake.md', 'prose.md', 'scripts.md']);
  });

  for (const fixture of fixtures) {
    describe(`${fixture.file}: ${fixture.note}`, () => {
      const text = readFileSync(join(dir, fixture.file), 'utf8');

      it('finds exactly the expected formulas, with their offsets and LaTeX', () => {
        const found = find(text).map((f) => ({ start: f.start, end: f.end, tex: f.tex }));
        assert.deepEqual(found, fixture.formulas.map((f) => ({ start: f.start, end: f.end, tex: f.tex })));
      });

      for (const f of fixture.formulas.filter((e) => e.kind !== undefined)) {
        it(`reads ${f.tex} as ${f.kind}`, () => {
          assert.equal(classify(f.tex).kind, f.kind);
        });
      }

      it('reports the blocks it cannot read whole, and only those', () => {
        const { unreadable } = findFormulas(text, 'markdown');
        assert.deepEqual(unreadable.map((u) => ({ start: u.start, end: u.end })), fixture.unreadable);
        // Each says why, as the end of the message "the pasted math at line N was left as it is: ...".
        for (const u of unreadable) assert.match(u.problem, /^(?:a character|a letter|its )[a-z ,()-]+[a-z)]$/);
      });

      for (const f of fixture.formulas.filter((e) => e.pattern !== undefined)) {
        it(`marks ${f.tex} as a ${f.pattern} copy`, () => {
          assert.equal(find(text).find((g) => g.start === f.start)?.pasted, f.pattern);
        });
      }
    });
  }

  it('reads a formula given alone as the finder does (texOfSource)', () => {
    assert.equal(texOfSource('ΞΈ=ΞΈβˆ’Ξ·βˆ‡L(ΞΈ)'), '\\theta=\\theta-\\eta\\nabla L(\\theta)');
    assert.equal(texOfSource('DKL(pq)DKL(qp)D_{\\text{KL}}(p \\| q) \\neq D_{\\text{KL}}(q \\| p)'), 'D_{\\text{KL}}(p \\| q) \\neq D_{\\text{KL}}(q \\| p)');
    assert.equal(texOfSource('$D_{KL}(q\\|p)$'), 'D_{KL}(q\\|p)');
    assert.equal(texOfSource('\\log p(x)'), '\\log p(x)');
    const elbo = readFileSync(join(dir, 'mathjax-elbo.md'), 'utf8');
    const block = fixtures.find((f) => f.file === 'mathjax-elbo.md')!.formulas[0];
    assert.equal(texOfSource(elbo.slice(block.start, block.end)), block.tex);
  });

  it('keeps TeX pasted without delimiters as it is', () => {
    const [f] = find('\\sigma_Y^2 = 1 + \\mu_Y^2 \\cdot \\log x');
    assert.equal(f.tex, '\\sigma_Y^2 = 1 + \\mu_Y^2 \\cdot \\log x');
  });

  it('does not take a KaTeX copy apart when its TeX follows the visual text in a sentence', () => {
    const fs = find('So DKL(pq)DKL(qp)D_{\\text{KL}}(p \\| q) \\neq D_{\\text{KL}}(q \\| p) in general, and x^2.');
    assert.deepEqual(fs.map((f) => f.tex), ['D_{\\text{KL}}(p \\| q) \\neq D_{\\text{KL}}(q \\| p)']);
    assert.equal(fs[0].start, 3);
    assert.equal(fs[0].end, 65);
  });
});
