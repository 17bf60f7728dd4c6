/**
 * `npm run bench -- classify`: how many formulas a second `classify` handles (normalization,
 * parsing and recognition included), on two deterministic mixes:
 *
 * - mixed: none-heavy, as notes are (3 of 4 formulas are none of the kinds: arithmetic,
 *   definitions, softmax, matrices), plus every formula of the dev corpus when it is there;
 * - long: aligned multi-row derivations of 500 to 2,000 characters.
 *
 * Baseline, in the same run on the same strings: one pass of a regular-expression tokenizer
 * (`\\name`, a letter run, a digit run, or one other character), the least any reader of
 * TeX must do. The ratio says what share of that speed the whole classification keeps.
 * Target: at least 20,000 formulas a second on the mixed set.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { classify } from '../src/core/recognize';
import { Random } from '../src/core/train/random';

/** A small seeded generator so that every run benchmarks the same formulas. */
function rng(seed: number): () => number {
  const random = new Random(seed);
  return () => random.next();
}

const NONE_TEMPLATES = [
  String.raw`$f(x) = ax^2 + bx + c$`, String.raw`$\sigma(z) = \frac{1}{1+e^{-z}}$`,
  String.raw`$$\mathrm{softmax}(z)_i = \frac{e^{z_i}}{\sum_{j=1}^{K} e^{z_j}}$$`, String.raw`$A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}$`,
  String.raw`$\mathbf{h} = \mathrm{ReLU}(W\mathbf{x} + \mathbf{b})$`, String.raw`$\mu = \frac{1}{n}\sum_{i=1}^n x_i$`,
  String.raw`\(\Sigma = \mathbb{E}[(X-\mu)(X-\mu)^\top]\)`, String.raw`$e^{i\pi} + 1 = 0$`, String.raw`$\hat y = \arg\max_k s_k$`,
  String.raw`$z = \mu + \sigma \odot \epsilon,\; \epsilon \sim \mathcal{N}(0, I)$`, String.raw`$\beta_t = \beta_1 + (t-1)\Delta$`,
  'a² + b² = c²', String.raw`$x_{n+1} = r x_n (1 - x_n)$`, String.raw`$\|v\|_2 = \sqrt{\sum_i v_i^2}$`,
];

const KIND_TEMPLATES = [
  String.raw`$D_{KL}(q_\phi(z|x) \| p_\theta(z))$`,
  String.raw`$$\min_G \max_D \mathbb{E}_{x\sim p_{data}}[\log D(x)] + \mathbb{E}_{z\sim p_z}[\log(1 - D(G(z)))]$$`,
  String.raw`$\theta_{t+1} = \theta_t - \eta \nabla_\theta \mathcal{L}(\theta_t)$`,
  String.raw`$q(x_t|x_{t-1}) = \mathcal{N}(x_t; \sqrt{1-\beta_t}x_{t-1}, \beta_t I)$`,
  String.raw`$\log p(x) \ge \mathbb{E}_{q(z|x)}[\log p(x|z)] - KL(q(z|x)\|p(z))$`,
  String.raw`$p(z|x) = \frac{p(x|z)p(z)}{p(x)}$`, 'θ=θ−η∇L(θ)', 'KL(q(z∣x)∥p(z∣x))',
];

function mixed(corpus: readonly string[]): string[] {
  const r = rng(1);
  const out: string[] = [];
  for (let k = 0; k < 4000; k++) {
    const pool = r() < 0.75 ? NONE_TEMPLATES : KIND_TEMPLATES;
    // Rename a letter so that the formulas are not all identical strings.
    const letters = 'abcuvwkmn';
    out.push(pool[Math.floor(r() * pool.length)].replace(/\bx\b/g, letters[Math.floor(r() * letters.length)]));
  }
  return [...out, ...corpus];
}

function long(corpus: readonly string[]): string[] {
  const r = rng(2);
  const rows = [...KIND_TEMPLATES, ...NONE_TEMPLATES, ...corpus].map((s) => s.replace(/^\$+|\$+$/g, '').replace(/\\\(|\\\)/g, '').replace(/\n/g, ' '));
  const out: string[] = [];
  for (let k = 0; k < 1000; k++) {
    let body = '';
    const target = 500 + Math.floor(r() * 1500);
    while (body.length < target) body += (body ? ' \\\\\n &= ' : '') + rows[Math.floor(r() * rows.length)];
    out.push('$$\\begin{aligned}\n' + body + '\n\\end{aligned}$$');
  }
  return out;
}

const TOKEN = /\\[A-Za-z]+|[A-Za-z]+|[0-9]+|\S/g;

/** The baseline: tokenize every string once. */
function tokenize(s: string): number {
  return s.match(TOKEN)?.length ?? 0;
}

/** This process's CPU time in seconds (user + system). */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/**
 * Formulas a second of `f` over `inputs`, best of a few rounds of about half a second. Time is
 * this process's CPU time, not the wall clock: on a shared machine (other builds and tests running)
 * the wall clock counts the time the process waited for a core, which says nothing about `f`.
 */
function rate(inputs: readonly string[], f: (s: string) => unknown): number {
  let sink = 0;
  for (const s of inputs) sink += f(s) ? 1 : 0;
  let best = 0;
  for (let round = 0; round < 5; round++) {
    let n = 0;
    const t0 = cpuSeconds();
    while (cpuSeconds() - t0 < 0.5) {
      for (const s of inputs) { sink += f(s) ? 1 : 0; n++; }
    }
    best = Math.max(best, n / (cpuSeconds() - t0));
  }
  if (sink < 0) console.log(sink);
  return best;
}

function report(name: string, inputs: readonly string[]): void {
  const ours = rate(inputs, classify);
  const base = rate(inputs, tokenize);
  const avg = Math.round(inputs.reduce((a, s) => a + s.length, 0) / inputs.length);
  console.log(`${name}: ${Math.round(ours)} formulas/s vs ${Math.round(base)} tokenize-only formulas/s = ${(ours / base).toFixed(3)}x (${inputs.length} formulas, ${avg} chars on average)`);
}

const corpusPath = resolve(process.cwd(), '../shared/corpus/formulas-dev.jsonl');
const corpus = existsSync(corpusPath)
  ? readFileSync(corpusPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { latex: string }).latex)
  : [];
report('classify-mixed', mixed(corpus));
report('classify-long', long(corpus));
