/**
 * Plain-text math typed in ASCII, as people write it in code comments, docstrings and quick
 * notes: `W = W - alpha*dW/sqrt(Sdw + epsilon)`, `loss(x, class) = -x[class]`,
 * `loglik(mu) = sum_i log N(x_i; mu, 1)`. TeX reads `Vdw` as the product V·d·w and `x[class]`
 * as x times a bracket; here a run of letters is one name and brackets index. The result is TeX
 * that the parser reads with those meanings. Only text that looks like code is rewritten (see
 * `looksLikeAsciiMath`), so `$xy$` in a note stays the product it is.
 */

/** Words that keep their TeX meaning: functions, operators and Greek letters typed out. */
const KNOWN = new Set([
  'log', 'ln', 'exp', 'sum', 'prod', 'min', 'max', 'argmin', 'argmax', 'sup', 'inf', 'lim', 'sqrt', 'KL', 'DKL', 'JSD', 'JS',
  'ELBO', 'softmax', 'sigmoid', 'tanh', 'Var', 'loglik', 'loglike', 'logL', 'Pr', 'CE',
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'eta', 'theta', 'lambda', 'mu', 'sigma', 'phi', 'psi', 'tau', 'omega', 'pi', 'rho', 'nu', 'xi',
]);

/** Greek letters typed out. */
const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'eta', 'theta', 'lambda', 'mu', 'sigma', 'phi', 'psi', 'tau', 'omega', 'pi', 'rho', 'nu', 'xi']);

/** Names that take arguments in square brackets: divergences, entropies, expectations, variances. */
const FUNCTIONALS = new Set(['KL', 'DKL', 'JS', 'JSD', 'E', 'H', 'CE', 'Var', 'Cov', 'D']);

/**
 * True when `s` reads as code-style ASCII math: no TeX control words, and a sign of code
 * (a `*`, an indexing bracket `x[i]`, a `sqrt(` or a name of three or more letters).
 */
export function looksLikeAsciiMath(s: string): boolean {
  // Docstrings mix in `\sum` and nothing else of TeX; any other control word means TeX.
  if (/\\[A-Za-z]{2,}/.test(s.replace(/\\sum(?![A-Za-z])/g, ''))) return false;
  if (/[^\x00-\x7f]/.test(s)) return false;
  // (A compound assignment, `w -= ...`, is code too.)
  return /\*\*|[A-Za-z0-9\]]\s*[-+]=|[A-Za-z0-9)\]]\s*\*\s*[A-Za-z0-9(]|[A-Za-z]\[[^\]]+\]|\bsqrt\s*\(|\b[A-Za-z]{3,}\b/.test(s);
}

/** The index of the parenthesis closing the one at `open`, or -1. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')' && --depth === 0) return k;
  }
  return -1;
}

/**
 * An integral typed out, `integral over z of p(x|z) p(z) dz`, `int p(x|u) p(u) du`: the sign with its variable, and
 * the differential at the end kept as `d z` (elsewhere `dz` after an update is a gradient). Pasted Unicode text
 * spells it so too. `int(x)`, code's cast, has no differential and stays.
 */
export function typedIntegrals(s: string): string {
  let out = s.replace(/\bintegral\s+(?:over\s+([A-Za-z]\w*)\s+of\s+)?/g, (_: string, v: string | undefined) => (v ? `\\int_{${v}} ` : '\\int '));
  if (/\bd[a-z]\b/.test(out)) out = out.replace(/(?<!\\)\bint(?=[\s_(])/g, '\\int');
  if (out.includes('\\int')) out = out.replace(/\bd([a-z])\b/g, 'd $1');
  return out;
}

/** Code-style ASCII math as TeX with the same meaning. Linear in the input apart from `sqrt(` nesting. */
export function asciiToTex(s: string): string {
  // Code's compound assignment, `params -= lr * grads`, is the update `params <- params - lr * grads`.
  const compound = /^\s*([A-Za-z_][\w.\[\]]*)\s*([-+])=\s*(.+)$/s.exec(s);
  // (The step is bracketed only when it is a sum itself, so `lr * grads` stays a step size times a gradient.)
  const step = compound ? compound[3].trim() : '';
  const src = compound ? `${compound[1]} <- ${compound[1]} ${compound[2]} ${/[-+]/.test(step.replace(/^-/, '')) ? `(${step})` : step}` : s;
  // A learning rate spelt out is the step size η.
  let out = src.replace(/\*\*/g, '^').replace(/\\sum(?![A-Za-z])/g, 'sum').replace(/\b(?:learning_rate|step_size|stepsize)\b/g, 'eta');
  // `x_hat`, `x_tilde`, `mu_bar`: an accent spelt out as a suffix, as variable names in code carry it.
  // `sqrt(a + b)` -> `\sqrt{a + b}`, innermost first so nested roots close in the right place.
  for (let guard = 0; guard < 50; guard++) {
    const at = out.search(/\bsqrt\s*\(/);
    if (at < 0) break;
    const open = out.indexOf('(', at);
    const close = closing(out, open);
    if (close < 0) break;
    out = out.slice(0, at) + '\\sqrt{' + out.slice(open + 1, close) + '}' + out.slice(close + 1);
  }
  out = typedIntegrals(out);
  // `x[class]`, `t[i]` -> a subscript; `x.size(0)`-style methods lose the dot.
  // A divergence or an expectation takes its arguments in brackets (`KL[p, m]`, `D_f[p, q]`, `E[x]`): those stay.
  out = out.replace(/([A-Za-z]\w*)\[([^\[\]]+)\]/g, (m: string, name: string, idx: string) =>
    FUNCTIONALS.has(name.split('_')[0]) ? m : `${name}_{${idx}}`);
  // (`alpha_bar_t` keeps its index: `\bar{\alpha}_t`; `eps` is the noise ε.)
  // Code's names for the noise and the cumulative schedule: `eps`, `noise`, `alphas_cumprod` (ᾱ).
  out = out.replace(/\b(?:eps|noise)(?=\b|_)/g, 'epsilon').replace(/\balphas?_(?:cumprod|bar)(?=\b|_)/g, 'alpha_bar');
  // A divergence typed in lower case and applied, `kl(p, q)`, is the KL.
  out = out.replace(/\bkl(?=\s*\()/g, 'KL');
  // (`x_recon`, `x_rec`: the reconstruction of x, which notes write with a hat.)
  out = out.replace(/\b([A-Za-z])_(?:recon|rec|reconstructed|reconstruction)\b/g, '$1_hat');
  out = out.replace(/\b([A-Za-z]|alpha|beta|mu|sigma|theta|epsilon)_(hat|tilde|bar)(?=\b|_)/g, (_, v: string, a: string) => `\\${a}{${v.length > 1 ? '\\' + v : v}}`);
  // Names: `Vdw_corrected` -> `\mathrm{Vdw}_{\mathrm{corrected}}`; `dW`, `db` after an update are gradients.
  // A Greek name or one letter with digits after it carries them as its index: `beta1` is β_1, `x0` is x_0.
  // A Greek suffix is a subscript too: `eps_theta` is ε_θ.
  out = out.replace(/(\\?)\b([A-Za-z][A-Za-z0-9]*)(?:_([A-Za-z]{2,}))?/g, (m: string, slash: string, name: string, suffix: string | undefined) => {
    if (slash) return m;
    const indexed = /^([A-Za-z]|[a-z]{2,7})(\d+)$/.exec(name);
    const greekIndexed = indexed && (indexed[1].length === 1 || GREEK.has(indexed[1])) ? `${indexed[1]}_{${indexed[2]}}` : undefined;
    const base = greekIndexed ?? (KNOWN.has(name) || name.length === 1 ? name : /^d[A-Z][A-Za-z]*$|^d[a-z]$/.test(name) ? `g_{${name.slice(1)}}` : `\\mathrm{${name}}`);
    if (!suffix) return base;
    return GREEK.has(suffix) ? `${base}_{${suffix}}` : `${base}_{\\mathrm{${suffix}}}`;
  });
  return out;
}
