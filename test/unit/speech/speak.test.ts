import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SPOKEN_LIMIT, speakTex } from '../../../src/core/speech/speak';

const say = (tex: string): string => speakTex(tex).text;

/** Every formula of the recognition corpus, as it stands in its document. */
function corpus(): string[] {
  const dir = join(process.cwd(), 'test/fixtures/recognize');
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).flatMap((f) => readFileSync(join(dir, f), 'utf8').split('\n')
    .filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { latex: string }).latex));
}

const GREEK = /\\(?:var)?(alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|chi|psi|omega)(?![A-Za-z])/gi;

describe('speech: formulas read aloud from our parse tree', () => {
  describe('the main kinds, as a teacher says them', () => {
    it('reads an expectation over a sample and a function application', () => {
      assert.equal(say(String.raw`\mathbb{E}_{x\sim p_{data}}[\log D(x)]`), 'the expectation over x drawn from p data of log D of x');
    });

    it('reads an expectation under a conditional distribution', () => {
      assert.equal(say(String.raw`\mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)]`), 'the expectation under q phi of z given x of log p theta of x given z');
    });

    it('reads a KL divergence in its order, with the bar of a conditional as "given" (never "divides")', () => {
      assert.equal(say(String.raw`D_{KL}(q_\phi(z|x)\|p(z))`), 'the KL divergence of q phi of z given x from p of z');
      for (const spelling of [String.raw`\mathrm{KL}(q \| p)`, String.raw`D_{\mathrm{KL}}(q \,\|\, p)`, String.raw`KL(q||p)`, String.raw`D_{\text{KL}}\left(q \Vert p\right)`]) {
        assert.equal(say(spelling), 'the KL divergence of q from p', spelling);
      }
    });

    it('reads the ELBO inequality whole', () => {
      assert.equal(
        say(String.raw`\log p(x) \geq \mathbb{E}_{q(z|x)}[\log p(x|z)] - D_{KL}(q(z|x) \| p(z))`),
        'log p of x, is greater than or equal to the expectation under q of z given x of log p of x given z, minus the KL divergence of q of z given x from p of z',
      );
    });

    it('reads the GAN min-max game', () => {
      assert.equal(
        say(String.raw`\min_G \max_D V(D,G) = \mathbb{E}_{x \sim p_{data}}[\log D(x)] + \mathbb{E}_{z \sim p_z}[\log(1 - D(G(z)))]`),
        'the minimum over G of the maximum over D of V of D and G, equals the expectation over x drawn from p data of log D of x, '
        + 'plus the expectation over z drawn from p sub z of log of 1 minus D of G of z',
      );
    });

    it('reads a sum with its range', () => {
      assert.equal(say(String.raw`\sum_{i=1}^N \log p_\theta(x_i)`), 'the sum from i equals 1 to N of log p theta of x sub i');
      assert.equal(say(String.raw`\sum_i x_i`), 'the sum over i of x sub i');
    });

    it('reads fractions: two symbols, a compound, a derivative', () => {
      assert.equal(say(String.raw`\frac{a}{b}`), 'a over b');
      assert.equal(say(String.raw`p(z|x) = \frac{p(x|z)p(z)}{p(x)}`), 'p of z given x, equals the fraction p of x given z, times p of z, over p of x');
      assert.equal(say(String.raw`\frac{\partial L}{\partial \theta}`), 'the partial derivative of L with respect to theta');
    });

    it('reads sub- and superscripts the way they are meant', () => {
      assert.equal(say('x_i^2'), 'x sub i squared');
      assert.equal(say('x_{t-1}'), 'x sub t minus 1');
      assert.equal(say(String.raw`W^\top x`), 'W transpose x');
      assert.equal(say('A^{-1}'), 'A inverse');
      assert.equal(say(String.raw`\theta^*`), 'theta star');
      assert.equal(say('x^{(i)}'), 'x superscript i');
      assert.equal(say('e^{-x^2}'), 'e to the power minus x squared');
      assert.equal(say(String.raw`\hat\theta_{MLE}`), 'theta hat MLE');
    });

    it('reads norms and absolute values', () => {
      assert.equal(say(String.raw`\|x - y\|_2^2`), 'the 2 norm of x minus y, squared');
      assert.equal(say(String.raw`\lVert x - \tilde{x} \rVert_{\alpha}`), 'the alpha norm of x minus x tilde');
      assert.equal(say(String.raw`\|x\|_{W,2}`), 'the norm of x, sub W, 2');
      assert.equal(say(String.raw`\left\| \epsilon - \epsilon_\theta(x_t, t) \right\|^2`), 'the norm of epsilon minus epsilon theta of x sub t and t, squared');
      assert.equal(say('|x|'), 'the absolute value of x');
    });

    it('reads a gradient step and a normal distribution', () => {
      assert.equal(say(String.raw`\theta \leftarrow \theta - \eta \nabla_\theta \mathcal{L}(\theta)`), 'theta gets theta minus eta times the gradient with respect to theta of script L of theta');
      assert.equal(say(String.raw`\mathcal{N}(\mu, \sigma^2)`), 'the normal distribution with mean mu and variance sigma squared');
      assert.equal(say(String.raw`\mathcal{N}(x; 0, I)`), 'the normal density at x with mean 0 and covariance I');
    });

    it('reads a Jensen-Shannon divergence symmetrically and an integral with its differential', () => {
      assert.equal(say(String.raw`JSD(P \| Q)`), 'the Jensen-Shannon divergence between P and Q');
      assert.equal(say(String.raw`p(x) = \int p(x|z) p(z) \, dz`), 'p of x, equals the integral of p of x given z, times p of z, d z');
    });
  });

  describe('what it does not cover, it says', () => {
    it('marks a matrix, an unknown macro and a stray symbol as read in part', () => {
      assert.equal(speakTex(String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`).complete, false);
      assert.equal(speakTex(String.raw`\Qux(x)`).complete, false);
      assert.equal(speakTex(String.raw`\mathbb{E}[x]`).complete, true);
    });

    it('stops a huge formula at the limit, saying there is more', () => {
      const s = speakTex(Array.from({ length: 2000 }, (_, i) => `x_{${i}}`).join(' + '));
      assert.ok(s.text.length <= SPOKEN_LIMIT, String(s.text.length));
      assert.match(s.text, /, and more$/);
      assert.equal(s.complete, false);
    });
  });

  describe('over the whole recognition corpus', () => {
    const formulas = corpus();
    const spoken = formulas.map((f) => speakTex(f));

    it('reads every formula without TeX: no backslash, no brace, no script mark', () => {
      assert.ok(formulas.length > 1000, `corpus of ${formulas.length}`);
      const bad = formulas.filter((_, i) => /[\\{}^_$]/.test(spoken[i].text));
      assert.deepEqual(bad, []);
    });

    it('keeps every reading bounded: at most eight characters a character of TeX, and under the limit', () => {
      const bad = formulas.filter((f, i) => spoken[i].text.length > Math.max(40, 8 * f.length) || spoken[i].text.length > SPOKEN_LIMIT);
      assert.deepEqual(bad, []);
    });

    it('names every Greek letter the formula writes', () => {
      const missing: string[] = [];
      formulas.forEach((f, i) => {
        for (const m of f.matchAll(GREEK)) {
          const name = m[1].toLowerCase();
          if (!new RegExp(`\\b${name}\\b`).test(spoken[i].text)) missing.push(`${name} in ${f}`);
        }
      });
      assert.deepEqual(missing, []);
    });

    it('reads most of the corpus whole (the rest goes to the fallback reader)', () => {
      const whole = spoken.filter((s) => s.complete).length / spoken.length;
      assert.ok(whole > 0.9, `read whole: ${(whole * 100).toFixed(1)}%`);
    });
  });
});
