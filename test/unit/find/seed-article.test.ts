// The seed article (../shared/corpus/pasted/seed-article.txt): a beginner's article on generative
// models exactly as a browser copied it from its page. Its five formulas must each be one formula of
// the right kind, spanning the visual copy and the linear text, with no fragment of them left over;
// converting each to LaTeX and scanning again must give the same kind.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanCommand } from '../../../src/cli/scan';
import type { CliIO } from '../../../src/cli/io';
import { findFormulas, latexReplacement, type FoundFormula } from '../../../src/core/find';
import { classify } from '../../../src/core/recognize';
import { find } from './helpers';

const seedPath = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'pasted', 'seed-article.txt');
const seed = readFileSync(seedPath, 'utf8');

/** Offset just past the first occurrence of `needle` at or after `from` (throws if absent, so a changed seed fails loudly). */
function after(needle: string, from = 0): number {
  const at = seed.indexOf(needle, from);
  assert.ok(at >= 0, `the seed article has no ${JSON.stringify(needle)}`);
  return at + needle.length;
}

/** Offset of the first occurrence of `needle` at or after `from`. */
function at(needle: string, from = 0): number {
  return after(needle, from) - needle.length;
}

/**
 * The five formulas: where each visual copy starts (its first tokens) and where its linear text
 * ends (its last line), read off the article itself.
 */
const FIVE = [
  {
    name: 'the maximum-likelihood estimate',
    start: at('πœƒ\n\n=\n\narg\n\nmax'),
    end: after('∣ΞΈ)'),
    tex: String.raw`\hat\theta = \arg\max_\theta \sum_{i=1}^N \log P(x_i \mid \theta)`,
    kind: 'mle',
  },
  {
    name: 'the marginal likelihood',
    start: at('𝑃\n\n(\n\nπ‘₯\n\n)\n\n=\n\n𝑃'),
    end: after('P(x)=∫P(x∣z)P(z)dz'),
    tex: String.raw`P(x) = \int P(x \mid z)P(z)dz`,
    kind: 'marginal',
  },
  {
    name: 'the KL divergence',
    start: at('𝐾\n\n𝐿\n\n('),
    end: after('KL(q(z∣x)∥p(z∣x))'),
    tex: String.raw`\mathrm{KL}(q(z \mid x)\|p(z \mid x))`,
    kind: 'kl',
  },
  {
    name: 'the GAN min-max game',
    start: at('min\n\n𝐺\n\nmax'),
    end: after('[log(1−D(G(z)))]'),
    tex: String.raw`\min_G \max_D \mathbb{E}_{x\sim p_{data}}[\log D(x)] + \mathbb{E}_{z\sim p(z)}[\log(1 - D(G(z)))]`,
    kind: 'minimax',
  },
  {
    name: 'the gradient step',
    start: at('πœƒ\n\n=\n\nπœƒ\n\nπœ‚'),
    end: after('ΞΈ=ΞΈ−Ξ·∇L(ΞΈ)'),
    tex: String.raw`\theta = \theta - \eta\nabla L(\theta)`,
    kind: 'gradient_step',
  },
];

describe('the seed article, as a browser copied it', () => {
  const formulas = find(seed);

  for (const expected of FIVE) {
    describe(expected.name, () => {
      const f = formulas.find((g) => g.start === expected.start);

      it('is one formula from the first token of its visual copy to the end of its linear text', () => {
        assert.ok(f, `no formula starts at ${expected.start}; found ${JSON.stringify(formulas.map((g) => [g.start, g.end, g.tex]))}`);
        assert.equal(f.end, expected.end);
        assert.equal(f.display, true);
      });

      it(`reads as ${expected.tex}`, () => {
        assert.equal(f?.tex, expected.tex);
      });

      it(`is recognized as ${expected.kind}`, () => {
        assert.equal(classify(f?.tex ?? '').kind, expected.kind);
      });

      it('leaves no fragment of it as a separate formula', () => {
        const inside = formulas.filter((g) => g.start < expected.end && expected.start < g.end);
        assert.deepEqual(inside.map((g) => [g.start, g.end]), [[expected.start, expected.end]]);
      });

      it('converts to LaTeX that scans back as one formula of the same kind', () => {
        assert.ok(f);
        const converted = seed.slice(0, f.start) + latexReplacement(seed, f) + seed.slice(f.end);
        assert.equal(converted.slice(f.start, f.start + expected.tex.length + 4), `$$${expected.tex}$$`);
        const again = findFormulas(converted, 'markdown').formulas.find((g) => g.start === f.start) as FoundFormula;
        assert.equal(again.delimiter, 'display-dollar');
        assert.equal(again.tex, expected.tex);
        assert.equal(classify(again.tex).kind, expected.kind);
        assert.equal(classify(again.source).kind, expected.kind);
      });
    });
  }

  it('finds nothing else but the two small formulas P(x) and P(x,y) and the inline xᵢ', () => {
    const others = formulas.filter((g) => !FIVE.some((e) => e.start === g.start)).map((g) => g.tex);
    assert.deepEqual(others, ['P(x)', 'P(x,y)', 'x_i']);
  });

  it('leaves the prose around the formulas alone ("Where: θ are model parameters", "(G) – Creates fake data")', () => {
    for (const prose of ['ΞΈ are model parameters', 'Generator (G) – Creates fake data', 'Discriminator (D)', 'L(ΞΈ) is the loss function', 'Ξ· is the learning rate']) {
      const from = at(prose);
      assert.deepEqual(formulas.filter((g) => g.start < from + prose.length && from < g.end), [], prose);
    }
  });

  it('has genmath scan report the same kinds, read from the repaired text', async () => {
    const out: string[] = [];
    const io: CliIO = { stdout: (t) => out.push(t), stderr: () => undefined, readStdin: async () => '', stderrIsTTY: false };
    assert.equal(await scanCommand.run([seedPath], io), 0);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l) as { start: number; kind: string; latex: string });
    for (const expected of FIVE) {
      const line = lines.find((l) => l.start === expected.start);
      assert.deepEqual(line && [line.kind, line.latex], [expected.kind, expected.tex], expected.name);
    }
  });
});
