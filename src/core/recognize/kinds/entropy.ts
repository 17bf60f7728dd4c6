/**
 * Entropy and cross-entropy: `H(X) = -\sum p \log p`, `-E_{x\sim P}[\log p(x)]`, joint and
 * conditional entropies, `\mathrm{CE}(P,Q) = -E_P[\log q]`, `CE = H + KL`. A single event's
 * self-information (`-\log p`) or a mutual information written with entropies is not one.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { isKLOperator, labelWeighted, measureDensity } from '../math';
import { appAt, firstApp, nodeTex, sides, some, terms, tex, type App } from '../query';

/** `H(...)`, `\mathrm{CE}(...)`, `\H[...]`: an entropy written by name. */
export function isEntropyApp(a: App): boolean {
  // `H_p(q)`: the cross-entropy written with the coding distribution as a subscript.
  const sub = a.fn.sub;
  const crossSub = sub !== undefined && sub.length === 1 && sub[0].type === 'id' && /^[pqPQ]$/.test(sub[0].name);
  return a.fn.type === 'id' && (a.fn.name === 'H' || a.fn.name === 'CE') && a.fn.font !== 'cal' && (!sub || crossSub);
}

/** True when a line begins with an entropy by name: what the line defines is an entropy. */
export function entropyOnLeft(ctx: Context): App | undefined {
  for (const line of ctx.lines) {
    const a = appAt(line, 0);
    const rels = sides(line).rels;
    if (!a || !isEntropyApp(a) || rels.length === 0) continue;
    // `H(X) \ge I(X; h_1) \ge \dots`: a chain of bounds on mutual information (the data-processing
    // inequality) is about information, not a definition of the entropy.
    if (rels.every((r) => r !== '=' && r !== ':=') && line.some((n, k) => n.type === 'id' && n.name === 'I' && appAt(line, k) !== undefined)) continue;
    return a;
  }
  return undefined;
}

/** The weight written before a log in a product: `p(x)` of `p(x)\log q(x)`, `p_i` of `p_i \log p_i`. */
function weightBefore(seq: readonly MathNode[], index: number): string | undefined {
  let k = index - 1;
  if (seq[k] && seq[k].type === 'bin' && seq[k].name === '*') k--;
  const n = seq[k];
  if (!n) return undefined;
  if (n.type === 'group' && seq[k - 1] && seq[k - 1].type === 'id') return nodeTex(seq[k - 1]);
  if (n.type === 'id' && n.name !== '') return nodeTex(n);
  return undefined;
}

/** Detects an entropy or cross-entropy. */
export function detectEntropy(ctx: Context): Hit | null {
  const named = entropyOnLeft(ctx);
  if (named) return { kind: 'entropy', confidence: 0.95, roles: { quantity: tex([named.fn, named.group]), variant: named.fn.name === 'CE' || named.main.length === 2 && named.cond.length === 0 && /[pq]/.test(tex(named.main[1])) ? 'cross-entropy' : named.cond.length > 0 ? 'conditional' : named.main.length > 1 ? 'joint' : 'entropy' } };
  // CE = H + KL: the cross-entropy's decomposition, whatever it is called.
  for (const line of ctx.lines) {
    for (const side of sides(line).sides) {
      const ts = terms(side);
      if (ts.length === 2 && ts.every((t) => t.sign === 1)) {
        const hasH = ts.some((t) => { const a = appAt(t.nodes, 0); return a !== undefined && isEntropyApp(a); });
        const hasKL = ts.some((t) => some(t.nodes.slice(0, 1), isKLOperator));
        if (hasH && hasKL) return { kind: 'entropy', confidence: 0.85, roles: { variant: 'cross-entropy' } };
      }
    }
  }
  // `H(X) + H(Y)`: a sum of entropies on its own.
  for (const line of ctx.lines) {
    const ts = terms(line);
    if (ts.length >= 2 && ts.every((t) => { const a = appAt(t.nodes, 0); return a !== undefined && isEntropyApp(a) && t.nodes.length === 2; })) {
      return { kind: 'entropy', confidence: 0.75, roles: { variant: 'entropy' } };
    }
  }
  // `H(P, Q)`, `\mathbb{H}[\cdot]`, `\frac{1}{M} H(m, \hat d)`: an entropy named alone, perhaps scaled.
  if (ctx.lines.length === 1 && ctx.rels.size === 0) {
    const line = ctx.lines[0];
    const k = line[0]?.type === 'frac' || line[0]?.type === 'num' ? 1 : 0;
    const a = line.length === k + 2 ? appAt(line, k) : undefined;
    if (a && isEntropyApp(a)) return { kind: 'entropy', confidence: 0.65, roles: { quantity: tex([a.fn, a.group]), variant: a.main.length === 2 ? 'cross-entropy' : 'entropy' } };
  }
  const softmax = softmaxCrossEntropy(ctx);
  if (softmax) return softmax;
  // -E_{x~P}[log p(x)]: the average surprise under the distribution itself.
  for (const e of ctx.expectations) {
    const m = measureDensity(e.measure);
    const before = e.seq[e.index - 1];
    if (!m || !before || before.type !== 'bin' || before.name !== '-') continue;
    const logs = ctx.logs.filter((l) => l.seq === e.body || l.seq === e.seq);
    if (logs.some((l) => l.app && nodeTex(l.app.fn).toLowerCase() === nodeTex(m.node).toLowerCase())) {
      return { kind: 'entropy', confidence: 0.85, roles: { distribution: nodeTex(m.node), variant: 'entropy' } };
    }
  }
  // -\sum_x p(x) \log q(x): a weighted sum of logs of densities.
  for (const log of ctx.logs) {
    const w = weightBefore(log.seq, log.index);
    if (!w) continue;
    const sumAt = log.seq.findIndex((n) => n.type === 'op' && (n.name === 'sum' || n.name === 'int'));
    if (sumAt < 0 || sumAt > log.index) continue;
    // `\log \frac{1}{p(x)}` is `-\log p(x)`: the minus is inside.
    const inverse = log.frac?.args?.[0].length === 1 && log.frac.args[0][0].type === 'num' && log.frac.args[0][0].name === '1' ? firstApp(log.frac.args[1]) : undefined;
    const minus = inverse !== undefined || log.seq.slice(0, sumAt).some((n) => n.type === 'bin' && n.name === '-');
    if (!minus) continue;
    const target = inverse ? nodeTex(inverse.fn) : log.app ? nodeTex(log.app.fn) : log.arg.length === 1 ? nodeTex(log.arg[0]) : '';
    // `y_i \log \hat y_i`: the target against the prediction of the same variable is a cross-entropy too.
    const base = (t: string): string => t.replace(/^\\(?:hat|tilde|bar)\{(.*?)\}/, '$1').replace(/_.*$/, '');
    const wl = base(w);
    const tl = base(target);
    if (wl === tl || (/^[pPqQ]/.test(wl) && /^[pPqQ]/.test(tl))) {
      return { kind: 'entropy', confidence: 0.85, roles: { distribution: w, variant: w === target || (wl === tl && !/\\(?:hat|tilde|bar)/.test(w + target)) ? 'entropy' : 'cross-entropy' } };
    }
  }
  return binaryCrossEntropy(ctx);
}

/**
 * `-[y \log \hat y + (1-y)\log(1-\hat y)]`, wherever the sum or average around it is written: a
 * log of a prediction and a log of one minus the same prediction, negated, is the Bernoulli
 * cross-entropy. The prediction must look like one (a hat, or a function's output): the same
 * logs of a parameter (`\log\theta + \log(1-\theta)`) are a Bernoulli log-likelihood, and a
 * table entry under an argmax over labels is a classifier's decision rule, not a loss.
 * (Reconstruction and GAN detectors run first, so x against x̂ or D's two logs are theirs.)
 */
function binaryCrossEntropy(ctx: Context): Hit | null {
  const negated = ctx.nodes.some((n) => n.type === 'bin' && n.name === '-');
  if (!negated || ctx.nodes.some((n) => n.type === 'op' && /^arg/.test(n.name))) return null;
  for (const log of ctx.logs) {
    const a = log.arg;
    if (!(a.length >= 3 && a[0].type === 'num' && a[0].name === '1' && a[1].type === 'bin' && a[1].name === '-')) continue;
    const prediction = tex(a.slice(2));
    // A prediction looks like one (a hat, a function's output), or the logs carry the label's
    // weights `t \log o + (1 - t) \log(1 - o)`, which only a cross-entropy has.
    if (!/^\\(?:hat|tilde)|\(/.test(prediction) && !labelWeighted(log)) continue;
    if (ctx.logs.some((other) => other !== log && tex(other.arg) === prediction)) {
      return { kind: 'entropy', confidence: 0.8, roles: { prediction, variant: 'binary cross-entropy' } };
    }
  }
  return null;
}

/**
 * `-\log \frac{e^{f_{y}}}{\sum_j e^{f_j}}`: minus the log of a softmax, the cross-entropy of a
 * classifier's scores against the true class (also as `-\log(\exp(x_c) / \sum_j \exp(x_j))`).
 */
function softmaxCrossEntropy(ctx: Context): Hit | null {
  const isExp = (n: MathNode): boolean => (n.type === 'op' && n.name === 'exp') || (n.type === 'id' && n.name === 'e' && n.sup !== undefined);
  for (const log of ctx.logs) {
    if (!log.negated) continue;
    const arg = log.frac ? log.arg : log.arg;
    const frac = arg.find((n) => n.type === 'frac');
    const num = frac?.args?.[0] ?? arg.slice(0, Math.max(0, arg.findIndex((n) => n.type === 'bin' && n.name === '/')));
    const den = frac?.args?.[1] ?? arg.slice(arg.findIndex((n) => n.type === 'bin' && n.name === '/') + 1);
    if (num.length === 0 || !num.some(isExp)) continue;
    if (some(den, (n) => n.type === 'op' && n.name === 'sum') && some(den, isExp)) {
      return { kind: 'entropy', confidence: 0.8, roles: { variant: 'softmax cross-entropy' } };
    }
  }
  return null;
}
