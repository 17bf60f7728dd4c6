/**
 * Pasted Unicode and code-style ASCII must reach the kind rules as the TeX they stand for:
 * precomposed accented letters (ᾱ, ĝ), roots typed as `sqrt(...)` or `√`, a Σ typed for a sum,
 * a docstring's ```none fence, and divergences whose arguments are in square brackets.
 */
import * as assert from 'node:assert/strict';
import { normalizeFormula } from '../../../src/core/recognize';
import { expectKind } from './cases';

describe('recognize: normalizing pasted and typed math', () => {
  it('reads a precomposed ᾱ as a barred alpha and ĝ as a hatted g', () => {
    assert.match(normalizeFormula('1 − ᾱ_t'), /\\bar\{\\alpha\}_t/);
    assert.match(normalizeFormula('θ ← θ − ε ĝ'), /\\hat\{g\}/);
  });
  it('braces a root typed with parentheses so it covers what they hold', () => {
    assert.equal(normalizeFormula('y = sqrt(1 − ᾱ_t) · ε'), String.raw`y = \sqrt{1 - \bar{\alpha}_t} \cdot \varepsilon`);
    assert.match(normalizeFormula('y = √(a + b)'), /\\sqrt\{a \+ b\}/);
    assert.match(normalizeFormula('y = √ᾱ_t x'), /\\sqrt\{\\bar\{\\alpha\}_t\}/);
  });
  it('reads a Σ that opens a term as a sum, and a covariance Σ as a letter', () => {
    assert.match(normalizeFormula('H = −Σ p(x) log p(x)'), /\\sum p\(x\)/);
    assert.match(normalizeFormula('L = Σ_i (y_i − ŷ_i)²'), /\\sum_i/);
    assert.doesNotMatch(normalizeFormula('N(x; μ_k, Σ_k)'), /\\sum/);
    assert.doesNotMatch(normalizeFormula('Σ = E[x xᵀ]'), /\\sum/);
  });
  it('keeps the bracketed arguments of a divergence in ASCII text, and indexes arrays', () => {
    assert.match(normalizeFormula('D = KL[p, m] + KL[q, m] * 0.5'), /KL\[p, m\]/);
    assert.match(normalizeFormula('loss = -x[class] * w[class]'), /x_\{\\mathrm\{class\}\}/);
  });
  it('puts back the subscripts a KaTeX page marks with zero-width spaces', () => {
    assert.equal(normalizeFormula('wk+1\u200b=wk\u200b−α∇w\u200bJ(wk\u200b)'), String.raw`w_{k+1}=w_{k}-\alpha\nabla_{w}J(w_{k})`);
    assert.match(normalizeFormula('maxD\u200bEx∼preal\u200b\u200b[logD(x)]'), /\\max_\{D\}.*p_\{real\}/);
    // Without the marks nothing is guessed.
    assert.doesNotMatch(normalizeFormula('θt = θt − η g'), /_\{/);
  });
  expectKind('gradient_step', ['wk+1\u200b=wk\u200b−α∇w\u200bJ(wk\u200b)']);
  expectKind('diffusion', ['q(yt\u200b∣yt−1\u200b)=N(yt\u200b;1−βt\u200b\u200byt−1\u200b,βt\u200bI)']);
  expectKind('entropy', ['H(P,Q)=−∑x\u200bP(x)logQ(x)']);
  it('ends an unbraced subscript at a product dot', () => {
    assert.match(normalizeFormula('x = σ_t·z + a_i×b'), /\\sigma_t \\cdot z \+ a_i \\times b/);
  });
  it('takes the math out of a ```none fence', () => {
    assert.equal(normalizeFormula('```none\nKL[p, q] = E_p[log p - log q]\n```'), 'KL[p, q] = E_p[log p - log q]');
  });
  it('reads code: a compound assignment as an update, accents spelt as suffixes, a learning rate spelt out', () => {
    assert.match(normalizeFormula('params -= lr * grads'), /params\} <- \\mathrm\{params\} - \\mathrm\{lr\}/);
    assert.match(normalizeFormula('w += -(a + b)'), /w <- w \+ \(-\(a \+ b\)\)/);
    assert.match(normalizeFormula('err = mean((x - x_hat)**2)'), /\\hat\{x\}\)\^2/);
    assert.match(normalizeFormula('theta = theta - learning_rate * grad'), /- eta \*/);
  });
  expectKind('gradient_step', ['weights -= step_size * dW', 'theta = theta - learning_rate * gradient']);
  expectKind('reconstruction', ['rec = mean((x - x_tilde)**2)']);
  expectKind('diffusion', ['x_t = sqrt(alpha_bar_t) * x_0 + sqrt(1 - alpha_bar_t) * eps']);
  expectKind('none', ['count += 1', 'total += x[i] * w[i]']);
  it('reads indices, Greek suffixes and code names for the noise and the schedule', () => {
    assert.match(normalizeFormula('m = beta1 * m + (1 - beta1) * g'), /beta_\{1\} \* m/);
    assert.match(normalizeFormula('y = x0 * W2'), /x_\{0\} \* W_\{2\}/);
    assert.match(normalizeFormula('e = eps_theta(x_t, t) * 2'), /epsilon_\{theta\}\(x_t, t\)/);
    assert.match(normalizeFormula('x_t = sqrt(alphas_cumprod[t]) * x_0'), /\\sqrt\{\\bar\{\\alpha\}_\{t\}\}/);
    assert.match(normalizeFormula('r = sum((x - x_recon)**2)'), /\\hat\{x\}/);
  });
  expectKind('gradient_step', ['m_hat = m / (1 - beta1**t)', 'v = beta2 * v + (1 - beta2) * g**2']);
  expectKind('diffusion', [
    'x_t = sqrt(a_bar[t]) * x0 + sqrt(1 - a_bar[t]) * noise',
    'loss = mean((noise - eps_theta(x_t, t))**2)',
  ]);
  expectKind('entropy', ['H = -sum(p * log(p))', 'ce = -sum(y * log(y_hat))', String.raw`$-\sum_{k} \left(q_k \log q_k\right)$`]);
  expectKind('minimax', ['critic_loss = mean(D(fake)) - mean(D(real))']);
  expectKind('none', ['s = sum(p * q)', 'z = mean(x_real) - mean(x_fake)', 'y = sum(log(p))']);
  expectKind('diffusion', [
    'x_t = sqrt(ᾱ_t) · x_0 + sqrt(1 − ᾱ_t) · ε',
    'q(x_t | x_0) = N(√ᾱ_t x_0, (1 − ᾱ_t) I)',
  ]);
  expectKind('gradient_step', ['θ ← θ − ε ĝ', 'w ← w − η · ∇w L(w)']);
  expectKind('entropy', ['H(p, q) = −Σ p(x) log q(x)', "loss(z, c) = -z[c] + log(\\sum_j exp(z[j]))"]);
  it('gives the scripts back to text pasted from a PDF only when a shifted step index shows they were flattened', () => {
    assert.equal(normalizeFormula('m t = β 1 m t−1 + (1−β 1) g t'), String.raw`m_t = \beta_1 m_{t-1} + (1-\beta_1) g_t`);
    assert.match(normalizeFormula('w k+1 = w k − α ∇f(w k)'), /w_\{k\+1\} = w_k - \\alpha/);
    // A velocity times a time minus one, spaced as a product, and text with no shifted index stay as typed.
    assert.equal(normalizeFormula('x = v t − 1'), 'x = v t - 1');
    assert.equal(normalizeFormula('d = v t + ½ a t²').includes('_'), false);
  });
  expectKind('gradient_step', ['v t = ρ v t−1 + (1−ρ) g t', 'θ t+1 = θ t − η ∇L(θ t)']);
  expectKind('none', ['y t = φ y t−1 + ε t']);
  it('reads a markdown-escaped subscript sign as the subscript', () => {
    assert.equal(normalizeFormula(String.raw`\\[ \mathbb{E}\_{x \sim p} [f(x)] \\]`), String.raw`\mathbb{E}_{x \sim p} [f(x)]`);
    // A line break before an underscore is left as it is.
    assert.equal(normalizeFormula(String.raw`a \\_b`), String.raw`a \\_b`);
  });
  expectKind('diffusion', [String.raw`\\[ \mathbb{E}\_{t, \mathbf{x}\_0, \boldsymbol{\epsilon}} \| \boldsymbol{\epsilon} - \boldsymbol{\epsilon}\_\theta(\mathbf{x}\_t, t) \|^2 \\]`]);
});
