/**
 * The families of formulas that notes write and that the first recognizer missed (issue 10),
 * each with positives in several spellings and the near-misses that must stay apart. The
 * formulas are written here from the math, not copied from any corpus source.
 */
import * as assert from 'node:assert/strict';
import { classify, recognize } from '../../../src/core/recognize';
import { expectKind, expectRoles } from './cases';

describe('recognize: updates in every spelling', () => {
  expectKind('gradient_step', [
    String.raw`\theta \leftarrow \theta - \epsilon \hat g`,
    String.raw`\boldsymbol\theta \leftarrow \boldsymbol\theta - \epsilon \hat{\mathbf{g}}`,
    String.raw`m \leftarrow \beta m + (1-\beta) g`,
    String.raw`s \leftarrow s + g \odot g`,
    String.raw`\theta \leftarrow \theta - \frac{\eta}{\delta + \sqrt{s}} \odot g`,
    String.raw`\begin{aligned} s &\leftarrow \rho s + (1-\rho) g \odot g \\ \Delta\theta &= -\frac{\epsilon}{\sqrt{\delta + s}} \odot g \\ \theta &\leftarrow \theta + \Delta\theta \end{aligned}`,
    String.raw`\theta_{k+1} = \theta_k + \alpha_k d_k`,
    String.raw`x_{t+1} = x_t - \eta y_t`,
    String.raw`y_{t+1} = y_t + \eta x_t`,
    String.raw`\mathbf{w}_{t+1} = \mathbf{w}_t - \eta \mathbf{g}_t`,
    String.raw`v \leftarrow \alpha v - \epsilon g`,
    String.raw`\theta \leftarrow \theta + v`,
    String.raw`\hat{m}_t = \frac{m_t}{1-\beta_1^t}`,
    String.raw`\theta_t = \theta_{t-1} - \alpha \hat m_t / (\sqrt{\hat v_t} + \epsilon)`,
    String.raw`v_t = \beta_2 v_{t-1} + (1-\beta_2) g_t^2`,
    String.raw`\mathbf{g} \leftarrow \frac{1}{m} \nabla_{\boldsymbol\theta} \sum_i L(f(\mathbf{x}^{(i)};\boldsymbol\theta), \mathbf{y}^{(i)})`,
    String.raw`\vtheta \leftarrow \vtheta - \epsilon \nabla_{\vtheta} J(\vtheta)`,

  ]);
  expectKind('none', [
    String.raw`i \leftarrow i + 1`,
    String.raw`\hat{\mathbf{g}} = \frac{1}{m}\sum_{i=1}^m \mathbf{g}_i`,
    String.raw`x_t = \phi x_{t-1} + \epsilon_t`,
    String.raw`h_t = \tanh(W h_{t-1} + U x_t)`,
  ]);
  expectRoles(String.raw`\theta \leftarrow \theta - \epsilon \hat g`, { parameter: '\\theta', learning_rate: '\\epsilon', variant: 'plain' });
  // Langevin dynamics climbs log p and adds noise: a sampler, read as diffusion (score-based sampling).
  expectKind('diffusion', [
    String.raw`x_t = x_{t-1} + \frac{\delta}{2}\nabla_x \log p(x_{t-1}) + \sqrt{\delta}\,\epsilon_t`,
    String.raw`\Delta\theta_t = \frac{\epsilon_t}{2}\nabla_\theta \log p(\theta_t) + \eta_t`,
  ]);
  expectRoles(String.raw`x_t = x_{t-1} + \frac{\delta}{2}\nabla_x \log p(x_{t-1}) + \sqrt{\delta}\,\epsilon_t`, { variant: 'langevin dynamics' });
  expectRoles(String.raw`\theta_t = \theta_{t-1} - \alpha \hat m_t / (\sqrt{\hat v_t} + \epsilon)`, { variant: 'adam', learning_rate: '\\alpha' });
  expectRoles(String.raw`\begin{aligned} v &\leftarrow \alpha v - \epsilon g \\ \theta &\leftarrow \theta + v \end{aligned}`, { parameter: '\\theta', velocity: 'v' });
  it('reads a forward diffusion step as diffusion, not as an update with a step size ε', () => {
    assert.equal(classify(String.raw`x_t = \sqrt{1-\beta_t}\,x_{t-1} + \sqrt{\beta_t}\,\epsilon`).kind, 'diffusion');
    assert.equal(classify(String.raw`x_t = \sqrt{\bar\alpha_t} x_0 + \sqrt{1-\bar\alpha_t}\epsilon`).kind, 'diffusion');
  });
});

describe('recognize: macros a book defines in its preamble', () => {
  expectKind('mle', [
    String.raw`\vtheta_{ML} = \arg\max_{\vtheta} \sum_{i=1}^m \log p_{\text{model}}(\vx^{(i)}; \vtheta)`,
    String.raw`\btheta^* = \argmax_{\btheta} \E_{\vx \sim \hat p_{data}} \log p(\vx;\btheta)`,
    String.raw`\bs{\theta}^* = \argmax_{\bs{\theta}} \sum_i \log p(\bx_i;\bs{\theta})`,
  ]);
  expectKind('kl', [String.raw`\KL(\hat p_{data} \| p_{model}) = \E_{\rvx\sim\hat p_{data}}[\log \hat p_{data}(\vx) - \log p_{model}(\vx)]`]);
  it('reads an undefined bold-letter macro as its letter, never as an unreadable formula', () => {
    const card = recognize(String.raw`\vtheta \leftarrow \vtheta - \epsilon \nabla_{\vtheta} J(\vtheta)`);
    assert.equal(card.roles.parameter, '\\theta');
  });
  it('reads the decoration written after the letter too (\\xvec, \\thetabf), and leaves other words unknown', () => {
    const card = recognize(String.raw`D_{KL}(p_{\mathcal{D}}(\xvec) \| p_{\thetabf}(\xvec))`);
    assert.equal(card.kind, 'kl');
    assert.equal(card.roles.first, 'p_{\\mathcal{D}}(x)');
    assert.equal(card.roles.second, 'p_{\\theta}(x)');
    // `\advec` is no letter's decoration: it stays an unknown word.
    assert.match(recognize(String.raw`D_{KL}(p(\advec) \| q(\advec))`).roles.first ?? '', /\\advec/);
  });
});

describe('recognize: GAN games without min and max, and Wasserstein critics', () => {
  expectKind('minimax', [
    String.raw`V(D,G) = \int_x p_{data}(x)\log D(x)\,dx + \int_z p_z(z)\log(1-D(G(z)))\,dz`,
    String.raw`g^* = \arg\min_g \max_d v(g, d)`,
    String.raw`v(\theta^{(g)}, \theta^{(d)}) = \E_{\vx\sim p_{data}} \log d(\vx) + \E_{\vx\sim p_{model}} \log(1 - d(\vx))`,
    String.raw`W(p_r, p_g) = \sup_{\|f\|_L \le 1} \mathbb{E}_{x\sim p_r}[f(x)] - \mathbb{E}_{x\sim p_g}[f(x)]`,
    String.raw`L_{critic} = \frac{1}{m}\sum_{i=1}^m f_w(x^{(i)}) - \frac{1}{m}\sum_{i=1}^m f_w(g_\theta(z^{(i)}))`,
    String.raw`L_G = -\frac{1}{m}\sum_{i=1}^m f_w(g_\theta(z^{(i)}))`,
    String.raw`\max_{w\in\mathcal{W}} \mathbb{E}_{x\sim\mathbb{P}_r}[f_w(x)] - \mathbb{E}_{z\sim p(z)}[f_w(g_\theta(z))]`,
  ]);
  expectKind('none', [
    String.raw`\| \mathbb{E}_{x\sim p_{data}} f(x) - \mathbb{E}_{z\sim p_z} f(G(z)) \|_2^2`,
  ]);
  expectRoles(String.raw`W(p_r, p_g) = \sup_{\|f\|_L \le 1} \mathbb{E}_{x\sim p_r}[f(x)] - \mathbb{E}_{x\sim p_g}[f(x)]`, { variant: 'wasserstein' });
});

describe('recognize: diffusion algebra', () => {
  expectKind('diffusion', [
    String.raw`\tilde\mu_t(x_t, x_0) = \frac{\sqrt{\bar\alpha_{t-1}}\beta_t}{1-\bar\alpha_t}x_0 + \frac{\sqrt{\alpha_t}(1-\bar\alpha_{t-1})}{1-\bar\alpha_t}x_t`,
    String.raw`\tilde\beta_t = \frac{1-\bar\alpha_{t-1}}{1-\bar\alpha_t}\beta_t`,
    String.raw`\hat x_0 = \frac{x_t - \sqrt{1-\bar\alpha_t}\,\epsilon_\theta(x_t,t)}{\sqrt{\bar\alpha_t}}`,
    String.raw`x_{t-1} = \sqrt{\bar\alpha_{t-1}}\left(\frac{x_t - \sqrt{1-\bar\alpha_t}\epsilon_\theta(x_t)}{\sqrt{\bar\alpha_t}}\right) + \sqrt{1-\bar\alpha_{t-1}-\sigma_t^2}\,\epsilon_\theta(x_t) + \sigma_t\epsilon_t`,
    String.raw`x_{\tau_{i-1}} = \sqrt{\bar\alpha_{\tau_{i-1}}}\hat x_0 + \sqrt{1-\bar\alpha_{\tau_{i-1}}}\epsilon_\theta(x_{\tau_i}, \tau_i)`,
    String.raw`\mu_\theta(x_t,t) = \frac{1}{\sqrt{\alpha_t}}\left(x_t - \frac{\beta_t}{\sqrt{1-\bar\alpha_t}}\epsilon_\theta(x_t,t)\right)`,
  ]);
  expectKind('none', [
    String.raw`\bar\alpha_t = \prod_{s=1}^t \alpha_s`,
    String.raw`p(x) = \prod_{i=1}^n p(x_i | x_{<i})`,
  ]);
  expectKind('kl', [String.raw`L_{t-1} = D_{KL}(q(x_{t-1}|x_t,x_0)\|p_\theta(x_{t-1}|x_t))`]);
});

describe('recognize: the ELBO family', () => {
  expectKind('elbo', [
    String.raw`L_{VLB} = L_T + \sum_{t=2}^{T} L_{t-1} + L_0`,
    String.raw`\mathcal{L}_K = \mathbb{E}_{z_1,\dots,z_K\sim q(z|x)}\left[\log \frac{1}{K}\sum_{k=1}^K \frac{p(x,z_k)}{q(z_k|x)}\right]`,
    String.raw`\log \frac1K \sum_k \frac{p(x,z_k)}{q(z_k|x)}`,
    String.raw`\max_{\phi,\theta} \mathbb{E}_{x\sim D}\left[\mathbb{E}_{z\sim q_\phi(z|x)}\log p_\theta(x|z)\right] \text{ subject to } D_{KL}(q_\phi(z|x)\|p(z)) < \delta`,
    String.raw`\mathcal{F}(\theta,\phi,\beta;x,z) = \mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)] - \beta D_{KL}(q_\phi(z|x)\|p(z))`,
    String.raw`\log p(x_{\le T}) \ge \sum_{t=1}^T \mathbb{E}_{q(z_{\le T}|x_{\le T})}\left[\log p(x_t|z_{\le t}) - D_{KL}(q(z_t|z_{<t},x_{\le t})\|p(z_t|z_{<t}))\right]`,
    String.raw`\mathcal{L} = -\mathbb{E}_{q_\phi(z|x)}[\log p_\theta(x|z)] + D_{KL}(q_\phi(z|x)\|p(z))`,
  ]);
  expectRoles(String.raw`\log \frac1K \sum_k \frac{p(x,z_k)}{q(z_k|x)}`, { variant: 'importance-weighted' });
});

describe('recognize: plain-text math typed in ASCII', () => {
  expectKind('mle', ['loglik(mu) = sum_i log N(x_i; mu, 1)']);
  expectKind('bayes', ['P(H|E) = P(E|H) * P(H) / P(E)']);
});

describe('recognize: false alarms that must stay none', () => {
  expectKind('none', [
    String.raw`H(X) \ge I(X;h_1) \ge I(X;h_2) \ge \dots \ge I(X;\hat X)`,
    String.raw`p(k) = \binom{n}{k}\theta^k(1-\theta)^{n-k}`,
    String.raw`P(X = k) = \binom{n}{k} p^k (1-p)^{n-k}`,
    String.raw`I(X;Y) = H(X) - H(X|Y)`,
  ]);
  expectKind('mle', [String.raw`\ell(\theta) = k\log\theta + (n-k)\log(1-\theta)`]);
});
