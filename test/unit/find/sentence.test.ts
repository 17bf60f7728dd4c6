import * as assert from 'node:assert/strict';
import { findFormulas, type SourceLanguage } from '../../../src/core/find';
import { CONTEXT_LIMIT, sentenceAround } from '../../../src/core/find/sentence';

/**
 * The context of the formula whose source is `needle`, found the way the hover finds it (with the
 * document's formulas); checks that the fallback without them (which scans the window) agrees.
 */
function around(text: string, needle: string, language: SourceLanguage = 'markdown'): string {
  const { formulas } = findFormulas(text, language);
  const f = formulas.find((g) => g.source === needle);
  assert.ok(f, `no formula ${needle} found; found ${formulas.map((g) => g.source).join(' | ')}`);
  const withSpans = sentenceAround(text, f.start, f.end, { language, formulas });
  assert.equal(sentenceAround(text, f.start, f.end, { language }), withSpans, 'the same words with and without the formula list');
  assert.ok(withSpans.length <= CONTEXT_LIMIT);
  return withSpans;
}

describe('sentenceAround: the words around a formula', () => {
  describe('in markdown', () => {
    it('gives the part of its own sentence before and after an inline formula', () => {
      const text = 'Logs turn products into sums. We maximise the log-likelihood $\\sum_i \\log p(x_i)$ over the parameters. Then we stop.';
      assert.equal(around(text, '$\\sum_i \\log p(x_i)$'), 'We maximise the log-likelihood over the parameters.');
    });

    it('gives the sentence that leads up to a display formula and the short one that names its symbols', () => {
      const text = 'A first paragraph.\n\nThe KL divergence from q to p is never negative. It reads\n\n$$\nD_{KL}(q\\|p) = \\int q \\log \\frac{q}{p}\n$$\n\nwhere $q$ is the approximation.\n';
      assert.equal(around(text, '$$\nD_{KL}(q\\|p) = \\int q \\log \\frac{q}{p}\n$$'), 'The KL divergence from q to p is never negative. It reads where is the approximation.');
    });

    it('leaves out a long sentence after the formula', () => {
      const long = `Here ${'the words go on and on '.repeat(10)}until the end.`;
      const text = `The update rule is\n\n$$\\theta \\leftarrow \\theta - \\eta g$$\n\n${long}`;
      assert.equal(around(text, '$$\\theta \\leftarrow \\theta - \\eta g$$'), 'The update rule is');
    });

    it('reads a heading right above a formula as its sentence, and stops at the next heading', () => {
      const text = 'Intro text.\n\n## The critic\'s loss\n\n$$L = \\mathbb{E}[f(x)] - \\mathbb{E}[f(G(z))]$$\n\n## Diffusion\n\nNoise is added.';
      assert.equal(around(text, '$$L = \\mathbb{E}[f(x)] - \\mathbb{E}[f(G(z))]$$'), "The critic's loss.");
    });

    it('strips other math, emphasis, links, code marks and HTML, keeping their words', () => {
      const text = 'With **Bayes\' rule** and the [prior](https://example.org/p) `p(z)` <b>and</b> $p(x|z)$, the posterior is $p(z|x) = p(x|z)p(z)/p(x)$.';
      assert.equal(around(text, '$p(z|x) = p(x|z)p(z)/p(x)$'), "With Bayes' rule and the prior p(z) and, the posterior is.");
    });

    it('does not read code blocks as prose, before or after', () => {
      const text = '```python\nloss = kl(q, p)  # the KL divergence\n```\n$$D_{KL}(q\\|p)$$\n```\nprint(loss)\n```';
      assert.equal(around(text, '$$D_{KL}(q\\|p)$$'), '');
    });

    it('keeps a list item to itself', () => {
      const text = 'Two updates:\n\n- plain gradient descent $\\theta \\leftarrow \\theta - \\eta g$\n- momentum, which keeps a running mean of past gradients.\n';
      assert.equal(around(text, '$\\theta \\leftarrow \\theta - \\eta g$'), 'plain gradient descent');
    });

    it('leaves out the next sentence when it holds a formula of its own after an inline one', () => {
      const text = 'The KL is $D(q\\|p)$. The entropy is $H(p)$.';
      assert.equal(around(text, '$D(q\\|p)$'), 'The KL is.');
      const plain = 'The KL is $D(q\\|p)$. It is never negative.';
      assert.equal(around(plain, '$D(q\\|p)$'), 'The KL is. It is never negative.');
    });

    it('does not end a sentence at e.g., i.e. or Eq.', () => {
      const text = 'As in Eq. 3, i.e. the bound of the VAE, the ELBO $\\mathcal L$ is maximised.';
      assert.equal(around(text, '$\\mathcal L$'), 'As in Eq. 3, i.e. the bound of the VAE, the ELBO is maximised.');
    });

    it('takes the sentence before as well when the one that leads up is a mere fragment', () => {
      const text = 'Other things.\n\nThe generator and discriminator play a min-max game. Written out,\n$$\\min_G \\max_D V(D,G)$$';
      assert.equal(around(text, '$$\\min_G \\max_D V(D,G)$$'), 'The generator and discriminator play a min-max game. Written out,');
    });

    it('strips pasted Unicode math from the prose too', () => {
      const text = 'We found KL(q(z∣x)∥p(z∣x)) ≥ 0 earlier. The update θ = θ − η∇L(θ) is gradient descent.';
      const { formulas } = findFormulas(text, 'markdown');
      const step = formulas.find((f) => f.source.startsWith('θ'))!;
      assert.equal(sentenceAround(text, step.start, step.end, { formulas }), 'The update is gradient descent.');
    });

    it("reads a notebook's markdown cell as a document of its own", () => {
      const cell = '$$\\log p(x) \\ge \\mathbb{E}_q[\\log p(x,z) - \\log q(z)]$$\n\nThis is the evidence lower bound.';
      assert.equal(around(cell, '$$\\log p(x) \\ge \\mathbb{E}_q[\\log p(x,z) - \\log q(z)]$$'), 'This is the evidence lower bound.');
    });

    it('counts offsets the same way in a CRLF file', () => {
      const text = 'Some text.\r\n\r\nThe forward process adds noise:\r\n$$q(x_t|x_{t-1})$$\r\n';
      assert.equal(around(text, '$$q(x_t|x_{t-1})$$'), 'The forward process adds noise:');
    });
  });

  describe('in LaTeX', () => {
    const paper = String.raw`\documentclass{article}
\newcommand{\vx}{\boldsymbol{x}}
\newcommand{\E}{\mathbb{E}}
\begin{document}
\section{Maximum likelihood}
\begin{equation}
\hat\theta = \arg\max_\theta \sum_i \log p(\vx_i;\theta)
\end{equation}
Given data $\vx_1,\dots,\vx_n$, the \emph{log-likelihood} % of the model
is maximised~\cite{fisher}:
\begin{align}
\ell(\theta) = \sum_i \log p(\vx_i;\theta) \label{eq:ll}
\end{align}
where $\theta$ are the parameters.
\subsection{The KL divergence}
\begin{definition}[Kullback--Leibler divergence]
For two densities, $D_{KL}(q\|p) = \E_q[\log q - \log p]$.
\end{definition}
\end{document}
`;

    it('reads a section title right above a formula as its sentence, and never the preamble', () => {
      assert.equal(around(paper, '\\begin{equation}\n\\hat\\theta = \\arg\\max_\\theta \\sum_i \\log p(\\vx_i;\\theta)\n\\end{equation}', 'latex'), 'Maximum likelihood.');
    });

    it('strips comments, citations and labels and keeps the words of \\emph across a comment', () => {
      const align = paper.slice(paper.indexOf('\\begin{align}'), paper.indexOf('\\end{align}') + '\\end{align}'.length);
      // The first sentence under the section (only a formula stands between them) is read with its title.
      assert.equal(around(paper, align, 'latex'), 'Maximum likelihood. Given data, the log-likelihood is maximised: where are the parameters.');
    });

    it('stops at the next section and reads an environment title as a sentence', () => {
      assert.equal(around(paper, '$\\theta$', 'latex'), 'where are the parameters.');
      assert.equal(around(paper, '$D_{KL}(q\\|p) = \\E_q[\\log q - \\log p]$', 'latex'), 'Kullback--Leibler divergence. For two densities,.');
    });
  });

  describe('bounds', () => {
    it('gives at most CONTEXT_LIMIT characters, the words nearest the formula first', () => {
      const words = Array.from({ length: 120 }, (_, i) => `w${i}`).join(' ');
      const text = `${words} $x^2$ ${words}.`;
      const { formulas } = findFormulas(text, 'markdown');
      const got = sentenceAround(text, formulas[0].start, formulas[0].end, { formulas });
      assert.ok(got.length <= CONTEXT_LIMIT, `${got.length} characters`);
      assert.match(got, /w119 w0 w1 /);
    });

    it('gives nothing for offsets outside the text and never throws on hostile input', () => {
      assert.equal(sentenceAround('abc', 10, 12), '');
      assert.equal(sentenceAround('abc', 2, 1), '');
      const hostile = '\u0002\u0003\u0004 {'.repeat(1000) + '\\section{' + '$'.repeat(5000);
      assert.equal(typeof sentenceAround(hostile, 100, 200), 'string');
      assert.equal(typeof sentenceAround(hostile, 100, 200, { language: 'latex' }), 'string');
    });

    it('reads only a window around the formula, so a long note costs what a short one does', () => {
      const paragraph = 'The loss is $L(\\theta)$ and its gradient is $\\nabla L$. We take a step:\n\n$$\\theta \\leftarrow \\theta - \\eta \\nabla L$$\n\n';
      const text = paragraph.repeat(5_000);
      const { formulas } = findFormulas(text, 'markdown');
      const t0 = performance.now();
      for (const f of formulas) sentenceAround(text, f.start, f.end, { formulas });
      const perFormula = (performance.now() - t0) / formulas.length;
      // About 25 µs here; a bound forty times looser still fails if every call read the whole note.
      assert.ok(perFormula < 1, `${perFormula.toFixed(3)} ms a formula over ${formulas.length} formulas`);
    });

    it('never walks a whole line, however long: a 2 MB note on one line', () => {
      const text = 'the loss $L$ and '.repeat(120_000);
      const { formulas } = findFormulas(text, 'markdown');
      const t0 = performance.now();
      for (let i = 0; i < formulas.length; i += 100) sentenceAround(text, formulas[i].start, formulas[i].end, { formulas });
      const perFormula = (performance.now() - t0) / Math.ceil(formulas.length / 100);
      assert.ok(perFormula < 2, `${perFormula.toFixed(3)} ms a formula on a line of ${text.length} characters`);
    });
  });
});
