/**
 * Reconstruction losses of autoencoders: `L(x, g(f(x)))`, `\|g(f(\tilde x)) - x\|^2`,
 * `\|x - \hat x\|^2`, `\sum (x - \hat x)^2`, and the decoder's negative log-likelihood of
 * the input given its own code, `-\log p_{decoder}(x | h = f(\tilde x))`. A reconstruction
 * written without a loss (`r = g(f(x))`) is not a loss.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { firstApp, isDensityName, measureOf, nodeTex, sides, splitAt, terms, tex, type App } from '../query';

/** `g(f(x))`: the decoder applied to the encoder's code of `x`; returns the two and the input. */
function roundTrip(nodes: readonly MathNode[]): { decoder: App; encoder: App; input: MathNode } | undefined {
  const outer = firstApp(nodes as MathNode[]);
  if (!outer || outer.fn.type !== 'id' || isDensityName(outer.fn) || outer.main.length !== 1) return undefined;
  const inner = firstApp(outer.main[0]);
  if (!inner || inner.fn.type !== 'id' || isDensityName(inner.fn) || inner.main.length !== 1 || inner.main[0].length !== 1) return undefined;
  return { decoder: outer, encoder: inner, input: inner.main[0][0] };
}

/**
 * `(g \circ f)(x)`: a composition of two maps applied to one variable, the round trip written with `\circ`.
 * Returns the outer (decoder) and inner (encoder) maps and the input.
 */
function composed(nodes: readonly MathNode[]): { decoder: MathNode; encoder: MathNode; input: MathNode } | undefined {
  if (nodes.length !== 2 || nodes[0].type !== 'group' || nodes[1].type !== 'group' || nodes[1].name !== '(') return undefined;
  const c = nodes[0].children ?? [];
  const arg = nodes[1].children ?? [];
  const isMap = (n: MathNode | undefined): boolean => n !== undefined && n.type === 'id' && !isDensityName(n);
  if (c.length !== 3 || !isMap(c[0]) || !isMap(c[2]) || c[1].type !== 'bin' || c[1].name !== 'o' || arg.length !== 1) return undefined;
  return { decoder: c[0], encoder: c[2], input: arg[0] };
}

/** Same variable, ignoring accents (`\tilde x` is the corrupted `x`, `\hat x` its reconstruction). */
function sameVariable(a: MathNode | undefined, b: MathNode | undefined): boolean {
  return a !== undefined && b !== undefined && a.type === 'id' && b.type === 'id' && a.name === b.name && tex(a.sub ?? []) === tex(b.sub ?? []);
}

/** The two sides of a difference `A - B` in a sequence. */
function difference(seq: readonly MathNode[]): [MathNode[], MathNode[]] | undefined {
  const ts = terms(seq);
  if (ts.length !== 2 || ts[1].sign !== -1 || ts[0].sign !== 1) return undefined;
  return [ts[0].nodes, ts[1].nodes];
}

/** Contents of norms `\| ... \|` and of squared groups `( ... )^2` anywhere in the formula. */
function comparedPairs(ctx: Context): [MathNode[], MathNode[]][] {
  const out: [MathNode[], MathNode[]][] = [];
  const visit = (seq: readonly MathNode[]): void => {
    for (let k = 0; k < seq.length; k++) {
      const n = seq[k];
      if (n.type === 'par') {
        const end = seq.findIndex((m, j) => j > k && m.type === 'par');
        if (end > k) { const d = difference(seq.slice(k + 1, end)); if (d) out.push(d); k = end; continue; }
      }
      // `|x - \hat x|^2`: single bars around the difference, the second squared.
      if (n.type === 'bar' && !n.sup) {
        const end = seq.findIndex((m, j) => j > k + 1 && m.type === 'bar' && m.sup !== undefined && tex(m.sup) === '2');
        if (end > k) { const d = difference(seq.slice(k + 1, end)); if (d) out.push(d); k = end; continue; }
      }
      // `\|x - \hat x\|`, `(x - \hat x)^2`, and `|x - \hat x|^2` written with single bars.
      if (n.type === 'group' && (n.name === '||' || ((n.name === '(' || n.name === '|') && n.sup && tex(n.sup) === '2'))) {
        const d = difference(n.children ?? []);
        if (d) out.push(d);
      }
    }
  };
  for (const seq of ctx.seqs) visit(seq);
  return out;
}

/** Detects a reconstruction loss. */
export function detectReconstruction(ctx: Context): Hit | null {
  const hit = (roles: Record<string, string>, confidence = 0.9): Hit => ({ kind: 'reconstruction', confidence, roles });
  // L(x, g(f(x))): a loss comparing the input with its round trip.
  for (const a of ctx.apps) {
    if (a.main.length !== 2 || a.cond.length > 0) continue;
    const [x, y] = a.main;
    const rt = roundTrip(y) ?? roundTrip(x);
    const plain = roundTrip(y) ? x : y;
    if (rt && plain.length === 1 && sameVariable(plain[0], rt.input)) {
      return hit({ loss: nodeTex(a.fn), data: nodeTex(plain[0]), encoder: nodeTex(rt.encoder.fn), decoder: nodeTex(rt.decoder.fn) });
    }
    // `\mathcal L(x, (f \circ g)(x))`: the same round trip written as a composition.
    const cp = composed(y) ?? composed(x);
    const other = composed(y) ? x : y;
    if (cp && other.length === 1 && sameVariable(other[0], cp.input)) {
      return hit({ loss: nodeTex(a.fn), data: nodeTex(other[0]), encoder: nodeTex(cp.encoder), decoder: nodeTex(cp.decoder) });
    }
  }
  // A pair at time step zero first: `(\hat x_0 - x_0)^2` beside `(\hat v - v)^2` is a diffusion's loss on the clean
  // sample, which the driver reads from the data role x_0.
  const atZero = (p: [MathNode[], MathNode[]]): boolean => p.some((side) => side.some((n) => tex(n.sub ?? []) === '0'));
  const pairs = comparedPairs(ctx).sort((a, b) => Number(atZero(b)) - Number(atZero(a)));
  const named = namedReconstruction(ctx);
  if (named && (pairs.length > 0 || ctx.logs.length > 0)) return hit({ loss: named }, 0.8);
  const encoderOf = (v: MathNode): App | undefined => ctx.apps.find((a) => a.fn.type === 'id' && !isDensityName(a.fn) && a.main.length === 1 && a.main[0].length === 1 && sameVariable(a.main[0][0], v));
  for (const [a, b] of pairs) {
    for (const [u, v] of [[a, b], [b, a]] as const) {
      const rt = roundTrip(u);
      if (rt && v.length === 1 && sameVariable(v[0], rt.input)) {
        return hit({ data: nodeTex(v[0]), encoder: nodeTex(rt.encoder.fn), decoder: nodeTex(rt.decoder.fn), loss: 'squared error' });
      }
      // x - \hat x: the input against its reconstruction.
      // (A target `y` against a prediction `\hat y` is a regression error, not a reconstruction.)
      if (u.length === 1 && v.length === 1 && sameVariable(u[0], v[0]) && (u[0].accent === 'hat' || u[0].accent === 'bar') && !v[0].accent && v[0].name !== 'y' && v[0].name !== 't') {
        return hit({ data: nodeTex(v[0]), reconstruction: nodeTex(u[0]), loss: 'squared error' }, 0.85);
      }
      // `(x - \tilde x)^2`: the input's reconstruction written with a tilde, compared with it, alone (summed or
      // averaged at most). In a formula with a score or a noise level, x̃ is the noised sample and the norm its
      // noise; a function of both points (`d(x, \tilde x) = \dots`) or a bound (`\le K\|x - x'\|`) is a distance.
      // (A primed x' is another point as often as a reconstruction, so the prime says nothing. A loss of the two,
      // `\mathcal L(x, \tilde x) = \|\tilde x - x\|^2`, names what the norm is: the error of the reconstruction.)
      const pointPair = ctx.apps.some((ap) => ap.main.length === 2 && !isLossName(ap.fn)) || ctx.lines.some((l) => l.some((n) => n.type === 'rel' && /^(?:<=|>=|<|>|le|ge|leq|geq)$/.test(n.name)));
      if (u.length === 1 && v.length === 1 && sameVariable(u[0], v[0]) && u[0].accent === 'tilde' && !v[0].accent && !v[0].prime && DATA_LETTERS.has(v[0].name) && quiet(ctx) && !pointPair) {
        return hit({ data: nodeTex(v[0]), reconstruction: nodeTex(u[0]), loss: 'squared error' }, 0.75);
      }
      // `\|x - \mu_{x|z}\|^2`, `\|x - \mu_\theta(z)\|^2`, `\|x - D(h)\|`: the data against the decoder's output
      // for a latent code (a mean conditioned on z, or a function of z alone).
      if (v.length === 1 && v[0].type === 'id' && DATA_LETTERS.has(v[0].name) && !v[0].accent && decodedFromCode(u, v[0]) && quiet(ctx)) {
        return hit({ data: nodeTex(v[0]), reconstruction: tex(u), loss: 'squared error' }, 0.75);
      }
      // `\|X - X W W^\top\|_F^2`: the data (rows) against their projection onto a subspace, coded by W and decoded by
      // W^T (PCA as the linear autoencoder; `X W^\top W` in the other convention). The same matrix and its transpose
      // must follow the data; `\|y - X\beta\|^2` compares another variable with a fit.
      if (v.length === 1 && u.length === 3 && sameVariable(u[0], v[0]) && DATA_LETTERS.has(v[0].name) && !v[0].accent && (transposeOf(u[2], u[1]) || transposeOf(u[1], u[2]))) {
        const plain = (n: MathNode): string => nodeTex({ ...n, sup: undefined }) + (n.sup ? '^\\top' : '');
        return hit({ data: nodeTex(v[0]), encoder: plain(u[1]), decoder: plain(u[2]), loss: 'squared error', variant: 'projection' }, 0.7);
      }
      // `\|\phi(x) - \phi(\hat x)\|`, `\|\phi(x) - \phi(\mathrm{Dec}(c))\|`: a perceptual loss, one feature map of the
      // input and of its reconstruction (or of a decoding of a code).
      const fu = firstApp(u);
      const fv = firstApp(v);
      if (fu && fv && u.length === 2 && v.length === 2 && nodeTex(fu.fn) === nodeTex(fv.fn) && !isDensityName(fu.fn) && fu.main.length === 1 && fv.main.length === 1
        && fv.main[0].length === 1 && DATA_LETTERS.has(fv.main[0][0].name) && !fv.main[0][0].accent
        && ((fu.main[0].length === 1 && sameVariable(fu.main[0][0], fv.main[0][0]) && fu.main[0][0].accent === 'hat') || decodedFromCode(fu.main[0], fv.main[0][0]))) {
        return hit({ data: nodeTex(fv.main[0][0]), features: nodeTex(fu.fn), loss: 'perceptual' }, 0.75);
      }
      // \|x - g(h)\| where h is the code f(x) elsewhere: decoder output against the input.
      const dec = firstApp(u);
      if (dec && u.length === 2 && v.length === 1 && v[0].type === 'id' && dec.fn.type === 'id' && !isDensityName(dec.fn) && dec.main.length === 1 && dec.main[0].length === 1) {
        const enc = encoderOf(v[0]);
        if (enc && enc.fn.name !== dec.fn.name && !sameVariable(dec.main[0][0], v[0])) {
          return hit({ data: nodeTex(v[0]), encoder: nodeTex(enc.fn), decoder: nodeTex(dec.fn), code: nodeTex(dec.main[0][0]) }, 0.8);
        }
      }
    }
  }
  // `\mathbb{E}_{q(z|x)}[\log p(x|z)]` on its own: the VAE's reconstruction term, the data's
  // log-likelihood given a latent drawn from the encoder.
  // Also set to its Monte Carlo estimate (`\approx \frac1L \sum_l \log p(x|z^{(l)})`), and with no measure
  // written (`E[\log P(X|z)]`) when the log is of the data given a code.
  const line0 = ctx.lines[0] ?? [];
  const { sides: parts0 } = sides(line0);
  const estimated = parts0.length === 2 && ctx.logs.filter((l) => !parts0[0].includes(l.seq[l.index]) && l.seq !== ctx.expectations[0]?.body).every((l) => l.app && ctx.logs.some((o) => o !== l && o.app && nodeTex(o.app.fn) === nodeTex(l.app!.fn)));
  if (ctx.lines.length === 1 && ctx.expectations.length === 1 && (!line0.some((n) => n.type === 'rel') || estimated)) {
    const e = ctx.expectations[0];
    const line = parts0[0];
    const alone = line.length <= 2 && line[0] === e.node;
    const log = ctx.logs.find((l) => l.seq === e.body) ?? ctx.logs.find((l) => l.seq === e.seq && l.index > e.index);
    const a = log?.app;
    const m = measureOf(e.node.sub)?.measure ?? [];
    // The latent is what the measure is of (`q(z|x)`), or the variable written alone (`\mathbb{E}_z`).
    // (A measure named by its density's letter alone, `\mathbb{E}_Q`, `\mathbb{E}_{q_\phi}`, says as little: the encoder.)
    const bareDensity = m.length === 1 && m[0].type === 'id' && /^[qQ]$/.test(m[0].name);
    const codeGiven = a !== undefined && (m.length === 0 || bareDensity) && a.cond.length === 1 && a.cond[0].length === 1 && LATENT_LETTERS.has(a.cond[0][0].name) && a.main.length === 1 && DATA_LETTERS.has(a.main[0][0]?.name ?? '');
    const latent = firstApp(m)?.main[0] ?? (m.length === 1 && m[0].type === 'id' && !bareDensity ? m : codeGiven ? a.cond[0] : undefined);
    if (alone && a && isDensityName(a.fn) && a.cond.length === 1 && latent && tex(a.cond[0]) === tex(latent) && a.main.length === 1) {
      return hit({ decoder: nodeTex(a.fn), data: tex(a.main[0]), latent: tex(latent), variant: 'expected log-likelihood' }, 0.75);
    }
  }
  // `-\mathbb{E}_q[\log p_\theta(x_0 | x_1)]`: a diffusion's last reverse step, the data given the first noisy
  // sample, is its decoder: the reconstruction term of the bound (L_0).
  for (const log of ctx.logs) {
    const a = log.app;
    if (!a || !isDensityName(a.fn) || a.main.length !== 1 || a.cond.length !== 1 || a.main[0].length !== 1 || a.cond[0].length !== 1) continue;
    const [x, y] = [a.main[0][0], a.cond[0][0]];
    // (No data role: the driver reads a clean x_0 as data as diffusion's denoising loss.)
    if (x.type === 'id' && y.type === 'id' && x.name === y.name && tex(x.sub ?? []) === '0' && tex(y.sub ?? []) === '1') return hit({ decoder: nodeTex(a.fn), latent: nodeTex(y), variant: 'decoder term' }, 0.75);
  }
  const bce = binaryCrossEntropy(ctx);
  if (bce) return hit(bce, 0.75);
  const decoder = decoderLogLikelihood(ctx);
  if (decoder) return hit(decoder, 0.7);
  // -log p_decoder(x | h = f(x~)): likelihood of the input given the code of (a corrupted copy of) itself.
  for (const log of ctx.logs) {
    const a = log.app;
    if (!a || !isDensityName(a.fn) || a.main.length !== 1 || a.cond.length === 0) continue;
    const x = a.main[0][0];
    const condNodes = a.cond.flat();
    const code = firstApp(splitAt(condNodes, (n) => n.type === 'rel').pop() ?? []);
    if (code && code.main.length === 1 && code.main[0].length === 1 && sameVariable(code.main[0][0], x)) {
      return hit({ decoder: nodeTex(a.fn), encoder: nodeTex(code.fn), data: nodeTex(x), loss: 'negative log-likelihood' }, 0.85);
    }
  }
  return null;
}

/** A loss's name: L, \mathcal{L}, \ell, l, J (a function named d or k of two points is a distance or a kernel). */
function isLossName(n: MathNode): boolean {
  return n.type === 'id' && /^(?:L|l|ell|J)$/.test(n.name);
}

/**
 * `-\sum_i [x_i \log \hat x_i + (1 - x_i) \log(1 - \hat x_i)]`: the binary cross-entropy of the input against its
 * reconstruction, the same data letter with a hat or tilde inside the logs and plain outside them. The same sum
 * with a label y and a prediction ŷ is a classifier's loss, and with densities inside the logs an entropy.
 */
function binaryCrossEntropy(ctx: Context): Record<string, string> | undefined {
  let rec: MathNode | undefined;
  for (const log of ctx.logs) {
    if (log.app) return undefined;
    const inner = log.arg.length === 1 && log.arg[0].type === 'group' ? log.arg[0].children ?? [] : log.arg;
    const ts = terms(inner);
    const last = ts[ts.length - 1]?.nodes;
    const complement = ts.length === 2 && tex(ts[0].nodes) === '1' && ts[1].sign === -1;
    const v = (ts.length === 1 || complement) && last?.length === 1 ? last[0] : undefined;
    if (!v || v.type !== 'id' || !DATA_LETTERS.has(v.name) || (v.accent !== 'hat' && v.accent !== 'tilde')) return undefined;
    rec = v;
  }
  if (!rec || ctx.logs.length < 2) return undefined;
  const target = ctx.nodes.find((n) => n.type === 'id' && n.name === rec!.name && !n.accent && tex(n.sub ?? []) === tex(rec!.sub ?? []));
  return target ? { data: nodeTex(target), reconstruction: nodeTex(rec), loss: 'binary cross-entropy' } : undefined;
}

/** `W^\top` of `W`: the same letter, transposed (`^T`, `^\top`, `^\intercal`). */
function transposeOf(t: MathNode, w: MathNode): boolean {
  return t.type === 'id' && w.type === 'id' && t.name === w.name && !w.sup && t.sup?.length === 1 && /^(?:T|top|intercal|mathsf\{T\})$/.test(t.sup[0].name);
}

/** Letters notes use for the observed data and for a latent code. */
const DATA_LETTERS: ReadonlySet<string> = new Set(['x', 'X']);
const LATENT_LETTERS: ReadonlySet<string> = new Set(['z', 'Z', 'c', 'h']);

/**
 * The decoder's log-likelihood of the data given the code, `\log p_\theta(x|z)`, alone or defined
 * (`\log p(x|z) = -\frac{1}{2\sigma^2}\|x - \mu(z)\|^2 + c`, `-\log p(x|z) \propto \|x - \mu(z)\|^2`):
 * the VAE's reconstruction term for one code. The roles, or undefined.
 */
function decoderLogLikelihood(ctx: Context): Record<string, string> | undefined {
  if (ctx.lines.length !== 1 || ctx.ops.has('KL') || ctx.expectations.length > 0) return undefined;
  const line = ctx.lines[0];
  let k = 0;
  if (line[k]?.type === 'bin' && line[k].name === '-') k++;
  const log = ctx.logs.find((l) => l.seq === ctx.lines[0] && l.seq[l.index] === line[k]);
  const a = log?.app;
  if (!a || !isDensityName(a.fn) || a.main.length !== 1 || a.cond.length !== 1 || a.main[0].length !== 1 || a.cond[0].length !== 1) return undefined;
  const x = a.main[0][0];
  const z = a.cond[0][0];
  if (x.type !== 'id' || z.type !== 'id' || !DATA_LETTERS.has(x.name) || !LATENT_LETTERS.has(z.name)) return undefined;
  const rest = line.slice(k + 3);
  // Alone, or set to what it is for this decoder (no further density of another variable).
  const alone = rest.length === 0;
  const defined = rest[0]?.type === 'rel' && (rest[0].name === '=' || rest[0].name === 'propto');
  return alone || defined ? { decoder: nodeTex(a.fn), data: nodeTex(x), latent: nodeTex(z), variant: 'decoder log-likelihood' } : undefined;
}

/**
 * True when nothing in the formula makes the compared pair a noise or a density's exponent: no score
 * or derivative, no exponential, no noise level σ or schedule. `\|\tilde x - x\|^2 / \sigma^2` is the noise a
 * denoising score matcher adds, and `\exp(-\|x - \mu(z)\|^2)` a Gaussian's kernel.
 */
function quiet(ctx: Context): boolean {
  // (The order of a norm, `\|x - \tilde x\|_\alpha`, is no schedule: the scripts of the bars are skipped.)
  const order = new Set<MathNode>();
  for (const n of ctx.nodes) if (n.type === 'par' || (n.type === 'group' && n.name === '||')) for (const m of [...(n.sub ?? []), ...(n.sup ?? [])]) order.add(m);
  return !ctx.nodes.some((n) => !order.has(n) && ((n.type === 'op' && (n.name === 'nabla' || n.name === 'partial' || n.name === 'exp')) || (n.type === 'id' && (n.name === 'sigma' || n.name === 'epsilon' || n.name === 'alpha' || n.name === 'beta' || (n.name === 'e' && n.sup !== undefined)))));
}

/**
 * `\mu_{x|z}`, `\mu_\theta(z)`, `D(h)`, `\mathrm{Decoder}(c)`: what a decoder makes of a latent code, as the
 * counterpart of the data `x` in a comparison: a symbol conditioned on a latent letter, or a function
 * (not a density) applied to a latent letter alone.
 */
function decodedFromCode(u: readonly MathNode[], x: MathNode): boolean {
  if (u.length === 1 && u[0].type === 'id') {
    const sub = u[0].sub ?? [];
    const bar = sub.findIndex((n) => n.type === 'bar');
    return bar > 0 && sub[0].type === 'id' && sub[0].name === x.name && sub.slice(bar + 1).some((n) => n.type === 'id' && LATENT_LETTERS.has(n.name));
  }
  const f = firstApp(u as MathNode[]);
  if (!f || u.length !== 2 || f.fn.type !== 'id' || isDensityName(f.fn) || f.main.length !== 1 || f.main[0].length !== 1) return false;
  const arg = f.main[0][0];
  return arg.type === 'id' && LATENT_LETTERS.has(arg.name) && f.fn.name !== x.name;
}

/**
 * A loss named for reconstruction on the left: `\mathcal{L}_{rec}`, `L_{recon}`, `\ell_{\mathrm{AE}}`, `L_{L1}`,
 * `\mathcal{L}_{cyc}` (the subscript says what it measures). The name, or undefined.
 */
function namedReconstruction(ctx: Context): string | undefined {
  for (const line of ctx.lines) {
    const f = line[0];
    if (!f || f.type !== 'id' || !/^(?:L|ell|J)$/.test(f.name) || !line.some((n) => n.type === 'rel')) continue;
    const k = line[1]?.type === 'group' ? 2 : 1;
    if (line[k]?.type !== 'rel') continue;
    const sub = tex(f.sub ?? []).replace(/\\(?:mathrm|text|operatorname)\{([^}]*)\}/g, '$1').replace(/[{}\s]/g, '');
    if (/^(?:rec|recon|reconstruction|rec_?x|AE|ae|L1|L_1|L2|L_2|pixel|cyc|cycle|MSE|mse)$/.test(sub)) return nodeTex(f);
  }
  return undefined;
}
