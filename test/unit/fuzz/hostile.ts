/**
 * Seeded hostile input for the fuzz suite: formulas, JSON Lines, command lines and worker
 * messages, built from the pieces that broke things before (deep nesting, NUL, lone surrogates,
 * bidi controls, \mmlToken links, url() colours, numbers past a double, prototype keys), mixed with
 * well-formed formulas, so that a failure can be replayed from its seed and index.
 */
import { Random } from '../../../src/core/train/random';

/** How many cases each fuzz test runs; GENMATH_FUZZ_COUNT scales them all (default 1). */
export const SCALE = Math.max(1, Number(process.env.GENMATH_FUZZ_COUNT ?? 1));

/**
 * The memory ceiling of the whole test process (this thread and the render worker's) while the
 * fuzz suite runs; a leak or an unbounded buffer on hostile input crosses it long before the
 * machine suffers.
 */
export const MEMORY_CEILING_BYTES = 1536 * 1024 * 1024;

const FORMULAS = [
  String.raw`D_{KL}(\mathcal N(0,1)\,\|\,\mathcal N(1,4))`,
  String.raw`\frac{10^{-200}\cdot 10^{-200}}{10^{-300}}\cdot 10^{100}`,
  String.raw`\mathbb{E}_{x\sim\mathcal N(0,1)}[x^2]`,
  String.raw`\min_G \max_D \mathbb{E}_{x}[\log D(x)] + \mathbb{E}_{z}[\log(1-D(G(z)))]`,
  String.raw`\begin{aligned} \log p(x) &\ge \mathbb{E}_q[\log p(x|z)] - D_{KL}(q\|p) \\ &= \mathcal{L} \end{aligned}`,
  String.raw`\sum_{i=1}^{100} \frac{1}{i^2}`,
  String.raw`\theta \leftarrow \theta - \eta \nabla_\theta L(\theta)`,
  'KL(q(z∣x)∥p(z∣x))',
  String.raw`H(0.3)`,
  String.raw`\binom{10}{3} 0.5^{10}`,
];

const PIECES = [
  '\\frac', '{', '}', '(', ')', '[', ']', '^', '_', '\\\\', '&', '\\sqrt[', '\\sqrt', '\\log', '\\exp', '\\sin', '\\sum_{i=1}^{', '\\prod_{k=1}^{',
  '!', '\\binom{', '10^{400}', '10^{-400}', '1e400', '1e-400', '0', '-', '/', '\\cdot', 'e^{1000}', '\\infty', 'x', '\\theta',
  '\\begin{aligned}', '\\end{aligned}', '\\begin{array}{c}', '\\text{', '\\mathcal N(', '\\|', 'D_{KL}(', '\\mathbb{E}_{x\\sim',
  '\\mmlToken{mi}[href="javascript:alert(1)"]{x}', '\\mmlToken{mo}[style="color:red" id="i" class="c"]{+}', '\\color{url(javascript:x)}{y}',
  '\\href{http://x}{y}', '\\style{color:red}{z}', '\\require{html}', '\\def\\a{\\a}\\a', '\\newcommand{\\b}{\\b}\\b', '\\unicode{x41}',
  '\u0000', '\ud800', '\udfff', '\u202e', '\u2066', '\u200f', '🙂', 'θ', '∑', '−', '\t', '\n', '$', '$$', '%', '#1', '~',
  '{'.repeat(300), '}'.repeat(300), '\\left('.repeat(50), 'x^'.repeat(200), '\\frac{1}{'.repeat(100),
];

/** A hostile formula: a good one mutated, pieces strung together, or an extreme of length or depth. */
export function hostileFormula(random: Random): string {
  const kind = random.int(10);
  if (kind === 0) return '{'.repeat(1000 + random.int(20_000)) + 'x' + '}'.repeat(random.int(20_000));
  if (kind === 1) return PIECES[random.int(PIECES.length)].repeat(1 + random.int(2000));
  if (kind <= 4) {
    let s = FORMULAS[random.int(FORMULAS.length)];
    for (let i = 0, n = 1 + random.int(6); i < n; i++) {
      const at = random.int(s.length + 1);
      const op = random.int(3);
      if (op === 0) s = s.slice(0, at) + PIECES[random.int(PIECES.length)] + s.slice(at);
      else if (op === 1) s = s.slice(0, at) + s.slice(at + 1 + random.int(8));
      else s = s.slice(0, at) + s.slice(at, at + 1 + random.int(12)).repeat(2) + s.slice(at);
    }
    return s;
  }
  const parts: string[] = [];
  for (let i = 0, n = 1 + random.int(25); i < n; i++) parts.push(PIECES[random.int(PIECES.length)]);
  return parts.join(random.int(2) ? '' : ' ');
}

/** A hostile JSON value: deep arrays, prototype keys, huge numbers, odd strings. */
export function hostileValue(random: Random, depth = 0): unknown {
  switch (random.int(depth > 3 ? 5 : 8)) {
    case 0: return hostileFormula(random);
    case 1: return [1e308, -0, 5e-324, 2 ** 53 + 1, 0][random.int(5)];
    case 2: return null;
    case 3: return random.int(2) === 0;
    case 4: return '\u202e\u0000'.repeat(random.int(4));
    case 5: return Array.from({ length: random.int(4) }, () => hostileValue(random, depth + 1));
    case 6: return JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}, "latex": ${JSON.stringify(hostileFormula(random))}}`);
    default: {
      const o: Record<string, unknown> = {};
      for (let i = 0, n = random.int(4); i < n; i++) o[['id', 'latex', 'context', 'toString', 'valueOf'][random.int(5)]] = hostileValue(random, depth + 1);
      return o;
    }
  }
}

/** A hostile line of JSON Lines input for `genmath classify`. */
export function hostileLine(random: Random): string {
  switch (random.int(6)) {
    case 0: return `{"id": ${'['.repeat(5000)}${']'.repeat(5000)}, "latex": "x"}`;
    case 1: return JSON.stringify({ id: random.int(1000), latex: hostileFormula(random) });
    case 2: return JSON.stringify(hostileValue(random));
    case 3: return hostileFormula(random);
    case 4: return `{"id": 1, "latex": ${'['.repeat(100_000)}`;
    default: return JSON.stringify({ id: hostileValue(random), latex: hostileValue(random), context: hostileValue(random) });
  }
}

/** A hostile value for a command-line flag. */
export function hostileArg(random: Random): string {
  return ['0', '-1', '1e309', 'NaN', '', ' ', '99999999999999999999', '0x10', '1.5', '--', '--json', '-', '\u202e', '\u0000x', 'x'.repeat(5000), hostileFormula(random)][random.int(16)];
}
