import * as assert from 'node:assert/strict';
import { repairMojibake } from '../../../src/core/find/mojibake';
import { unicodeToLatex } from '../../../src/core/find/unicode';
import { find, sources } from './helpers';

/** What a UTF-8 text looks like after it was read through a single-byte code page. */
function misdecode(text: string, codePage: 'windows-1252' | 'windows-1253'): string {
  return new TextDecoder(codePage).decode(new TextEncoder().encode(text));
}

describe('Unicode plain-text math', () => {
  const examples: Array<[string, string]> = [
    ['KL(q(z∣x)∥p(z∣x))', '\\mathrm{KL}(q(z\\mid x)\\|p(z\\mid x))'],
    ['P(x)=∫P(x∣z)P(z)dz', 'P(x)=\\int P(x\\mid z)P(z)dz'],
    ['θ=θ−η∇L(θ)', '\\theta=\\theta-\\eta\\nabla L(\\theta)'],
    ['min_G max_D E_x∼p_data[log D(x)] + E_z∼p(z)[log(1−D(G(z)))]',
      '\\min_G \\max_D E_{x\\sim p_{data}}[\\log D(x)] + E_{z\\sim p(z)}[\\log(1-D(G(z)))]'],
    ['p(z|x) = p(x|z)p(z)/p(x)', 'p(z|x) = p(x|z)p(z)/p(x)'],
  ];
  for (const [plain, tex] of examples) {
    it(`finds ${plain} on its own line and converts it to TeX`, () => {
      const fs = find(`Some words first.\n\n${plain}\n\nMore words.`);
      assert.equal(fs.length, 1);
      assert.equal(fs[0].source, plain);
      assert.equal(fs[0].delimiter, 'unicode');
      assert.equal(fs[0].tex, tex);
      assert.equal(fs[0].line, 2);
    });
  }

  it('finds a Unicode formula inside a sentence and stops at the prose', () => {
    assert.deepEqual(sources('We minimise KL(q(z∣x)∥p(z∣x)) with respect to q.'), ['KL(q(z∣x)∥p(z∣x))']);
  });

  it('finds Unicode formulas in list items without the list marker', () => {
    assert.deepEqual(sources('- θ=θ−η∇L(θ)\n- update rule'), ['θ=θ−η∇L(θ)']);
  });

  const prose = [
    'The parameters θ are updated by gradient descent until the loss stops falling.',
    'In 2020 the café sold naïve drawings — about 5 - 10 of them — for €20 each.',
    'We call f(x) the model and p the density; see the paper (Kingma, 2014) for details.',
    'Set the flag with `a == b` or visit https://example.com/?a=b&c=d for more.',
  ];
  for (const sentence of prose) {
    it(`finds nothing in the prose sentence "${sentence.slice(0, 40)}..."`, () => {
      assert.deepEqual(sources(sentence), []);
    });
  }

  it('finds TeX pasted without its delimiters when it holds an equation', () => {
    assert.deepEqual(sources('\\sigma_Y^2 = 1 + \\mu_Y^2'), ['\\sigma_Y^2 = 1 + \\mu_Y^2']);
  });

  it('finds nothing when Unicode math is turned off', () => {
    assert.deepEqual(sources('θ=θ−η∇L(θ)', 'markdown', false), []);
  });

  it('does not look for Unicode math inside delimited math or code', () => {
    assert.deepEqual(sources('$θ=θ−η∇L(θ)$ and `θ=θ−η∇L(θ)`'), ['$θ=θ−η∇L(θ)$']);
  });

  describe('unicodeToLatex', () => {
    const cases: Array<[string, string]> = [
      ['∑ᵢ xᵢ² ≤ ∞', '\\sum_i x_i^2 \\le \\infty'],
      ['a·b ≥ c', 'a\\cdot b \\ge c'],
      ['L = ||x − D(E(x))||²', 'L = \\|x - D(E(x))\\|^2'],
      ['argmax_θ p(x;θ)', '\\arg\\max_{\\theta} p(x;\\theta)'],
      ['e^−x', 'e^{-x}'],
      ['√x', '\\sqrt x'],
      ['JSD(p, q) = ½ KL(p ∥ m)', '\\mathrm{JSD}(p, q) = \\frac{1}{2} \\mathrm{KL}(p \\| m)'],
      ['\\theta already TeX', '\\theta already TeX'],
    ];
    for (const [input, output] of cases) {
      it(`converts ${input} to ${output}`, () => {
        assert.equal(unicodeToLatex(input), output);
      });
    }

    it('returns quickly on deeply nested scripts', () => {
      const t = Date.now();
      unicodeToLatex('x_'.repeat(50_000) + 'y^'.repeat(50_000));
      assert.ok(Date.now() - t < 2000);
    });
  });

  describe('mojibake', () => {
    const formula = 'θ=θ−η∇L(θ)';
    for (const page of ['windows-1252', 'windows-1253'] as const) {
      it(`repairs ${formula} read through ${page}`, () => {
        const broken = misdecode(formula, page);
        assert.notEqual(broken, formula);
        assert.equal(repairMojibake(broken), formula);
      });

      it(`finds the formula in text read through ${page}, keeping the source and repairing the tex`, () => {
        const broken = misdecode(formula, page);
        const fs = find(`Update rule:\n\n${broken}\n`);
        assert.equal(fs.length, 1);
        assert.equal(fs[0].source, broken);
        assert.equal(fs[0].tex, '\\theta=\\theta-\\eta\\nabla L(\\theta)');
      });
    }

    it('repairs × and ∑ read through Windows-1252', () => {
      assert.equal(repairMojibake(misdecode('a × b, ∑ x', 'windows-1252')), 'a × b, ∑ x');
    });

    it('leaves accented prose and genuine Greek alone', () => {
      for (const text of ['café naïve', 'Ξ is xi', 'Ã la carte']) assert.equal(repairMojibake(text), text);
    });
  });
});
