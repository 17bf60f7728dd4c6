/**
 * Entropy and cross-entropy: `H(X) = -\sum p \log p`, `-E_{x\sim P}[\log p(x)]`, joint and
 * conditional entropies, `\mathrm{CE}(P,Q) = -E_P[\log q]`, `CE = H + KL`. A single event's
 * self-information (`-\log p`) or a mutual information written with entropies is not one.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { isKLOperator, labelWeighted, measureDensity } from '../math';
import { allNodes, appAt, firstApp, nodeTex, sides, some, terms, tex, type App } from '../query';
import type { LogUse } from '../context';

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
  const softmax = softmaxCrossEntropy(ctx) ?? labelPairCrossEntropy(ctx);
  if (softmax) return softmax;
  // -E_{x~P}[log p(x)]: the average surprise under the distribution itself. The minus may stand inside the
  // brackets, `\mathbb{E}_{x \sim p}[-\log p(x)]`, the surprise -log p averaged: the same quantity.
  for (const e of ctx.expectations) {
    const m = measureDensity(e.measure);
    const before = e.seq[e.index - 1];
    const inside = e.body[0]?.type === 'bin' && e.body[0].name === '-' && ctx.logs.some((l) => l.seq === e.body && l.index === 1 && l.app !== undefined && l.app.cond.length === 0);
    // (Only an unconditioned density there: `\mathbb{E}_{x \sim P(x|\theta^*)}[-\log P(x|\theta)]` scores one parameter under another.)
    if (!m || ((!before || before.type !== 'bin' || before.name !== '-') && !inside)) continue;
    const logs = ctx.logs.filter((l) => l.seq === e.body || l.seq === e.seq);
    if (logs.some((l) => l.app && nodeTex(l.app.fn).toLowerCase() === nodeTex(m.node).toLowerCase())) {
      return { kind: 'entropy', confidence: 0.85, roles: { distribution: nodeTex(m.node), variant: 'entropy' } };
    }
  }
  // Minus the log of q averaged under another plain p: the cross-entropy H(p, q) (same density: the loop above).
  if (crossEntropyAverage(ctx)) return { kind: 'entropy', confidence: 0.8, roles: { variant: 'cross-entropy' } };
  // `-\mathbb{E}[\log q(z)]`, `-\mathbb{E}_{s}[\log q^t(\mathbf z)]`: the expectation's measure left out (or written as the
  // samples it averages over), minus the average log of the variational density q is its entropy; the measure
  // left out is q's own, as VI notes mean it. (`-\mathbb{E}[\log p_\theta(x)]` is a negative log-likelihood: p is the model.)
  for (const e of ctx.expectations) {
    const before = e.seq[e.index - 1];
    if (e.measure.length > 1 || !before || before.type !== 'bin' || before.name !== '-') continue;
    const log = ctx.logs.find((l) => l.seq === e.body);
    // (The density with its argument, `q(z)`, or named alone, `\log q^t`.)
    const q = log?.app ? log.app.fn : log?.arg.length === 1 ? log.arg[0] : undefined;
    const body = e.body.filter((n) => !(n.type === 'bin' && n.name === '-'));
    if (q && q.type === 'id' && body.length === (log?.app ? 3 : 2) && /^[qQ]$/.test(q.name) && e.measure.every((n) => n.type === 'id' && n.name.length === 1 && !/^[pPqQ]$/.test(n.name))
      // (`-\mathbb{E}_x[\log q(x)]` averages over x drawn from a distribution it does not name: data, perhaps.)
      && !(log?.app?.main ?? []).some((m) => e.measure.some((n) => tex([n]) === tex(m)))) {
      return { kind: 'entropy', confidence: 0.7, roles: { distribution: nodeTex(q), variant: 'entropy' } };
    }
  }
  // `\mathbb{E}_q[\log q(z)] = \dots`: the average log-density under the density itself is minus its entropy, worked
  // out as the line goes on. The measure and the log's density must be the same (name and subscript);
  // `\mathbb{E}_{p_{data}}[\log p_\theta(x)]` is a log-likelihood.
  for (const e of ctx.expectations) {
    const m = measureDensity(e.measure);
    const body = e.body.filter((n) => !(n.type === 'bin' && n.name === '-'));
    const log = ctx.logs.find((l) => l.seq === e.body);
    if (!m || !log?.app || body.length !== 3 || log.app.cond.length > 0) continue;
    if (nodeTex(log.app.fn) === nodeTex(m.node) && ctx.lines.length === 1 && ctx.lines[0][0] === e.node && sides(ctx.lines[0]).rels.length > 0) {
      return { kind: 'entropy', confidence: 0.75, roles: { distribution: nodeTex(m.node), variant: 'entropy' } };
    }
  }
  // -\sum_x p(x) \log q(x): a weighted sum of logs of densities.
  for (const log of ctx.logs) {
    const w = weightBefore(log.seq, log.index);
    if (!w) continue;
    let sumAt = log.seq.findIndex((n) => n.type === 'op' && (n.name === 'sum' || n.name === 'int'));
    // `-\sum_x (p(x) \log p(x))`, `-sum(p * log(p))`: the sum may stand before the bracket the product is in.
    const outside = sumAt < 0 && sumOutside(ctx, log.seq);
    if (outside) sumAt = 0;
    if (sumAt < 0 || sumAt > log.index) continue;
    // `\log \frac{1}{p(x)}` is `-\log p(x)`: the minus is inside.
    const inverse = log.frac?.args?.[0].length === 1 && log.frac.args[0][0].type === 'num' && log.frac.args[0][0].name === '1' ? firstApp(log.frac.args[1]) : undefined;
    const minus = inverse !== undefined || log.seq.slice(0, sumAt).some((n) => n.type === 'bin' && n.name === '-') || (outside && negatedOutside(ctx));
    if (!minus) continue;
    const target = inverse ? nodeTex(inverse.fn) : log.app ? nodeTex(log.app.fn) : log.arg.length === 1 ? nodeTex(log.arg[0]) : '';
    // `y_i \log \hat y_i`: the target against the prediction of the same variable is a cross-entropy too.
    const base = (t: string): string => t.replace(/^\\(?:hat|tilde|bar)\{(.*?)\}/, '$1').replace(/_.*$/, '');
    const wl = base(w);
    const tl = base(target);
    // `-\sum_i y_i \log p_i`: a label (y, t) weighing the log of a predicted probability is the
    // one-hot cross-entropy; the target is a probability letter or a prediction with a hat.
    // (Bishop's `t_{nk} \ln y_{nk}`: the target t against the network's output y.)
    const labelled = (/^[yt]$/.test(wl) && (/^[pPqQ]/.test(tl) || /^\\(?:hat|tilde)/.test(target))) || (wl === 't' && /^[yo]$/.test(tl));
    if (wl === tl || labelled || (/^[pPqQ]/.test(wl) && /^[pPqQ]/.test(tl))) {
      return { kind: 'entropy', confidence: 0.85, roles: { distribution: w, variant: w === target || (wl === tl && !/\\(?:hat|tilde|bar)/.test(w + target)) ? 'entropy' : 'cross-entropy' } };
    }
  }
  return binaryCrossEntropy(ctx) ?? logSumExpCrossEntropy(ctx) ?? logisticLoss(ctx) ?? evaluatedTerm(ctx);
}

/**
 * True when the formula is negated as a whole: a minus at the top of a line, or opening a bracket
 * or a sum's body there (`-[y\log p + ...]`, `- sum_i (...)`). The minus of `(1 - y)` or
 * `\log(1 - p)` is no negation: without one outside, the same logs are a log-likelihood.
 */
function negatedOutside(ctx: Context): boolean {
  const minusIn = (seq: readonly MathNode[]): boolean => seq.some((n) => n.type === 'bin' && n.name === '-');
  return ctx.lines.some((line) => minusIn(line) || line.some((n) => n.type === 'group' && (n.children?.[0]?.type === 'bin' && n.children[0].name === '-')));
}

/** The weight of a log as written, a label `(1 - y)` group included: `y`, `(1-y_i)`, `\frac{1}{8}`. */
function rawWeight(log: LogUse): MathNode | undefined {
  let k = log.index - 1;
  while (k >= 0 && log.seq[k].type === 'bin' && log.seq[k].name === '*') k--;
  return k >= 0 ? log.seq[k] : undefined;
}

/**
 * `y \log A + (1 - y) \log B`, negated: a label and its complement weighing two logs is the
 * binary cross-entropy whatever the two probabilities are written as (`\frac{e^x}{1+e^x}` and
 * `\frac{1}{1+e^x}` in a library's docstring). The complement must be of the same label that
 * weighs the other log; a minus must stand before (a Bernoulli log-likelihood is the same sum
 * without it, and MLE reads that one).
 */
function labelPairCrossEntropy(ctx: Context): Hit | null {
  for (const log of ctx.logs) {
    if (!labelWeighted(log)) continue;
    const w = rawWeight(log);
    const label = tex((w?.children ?? []).slice(2));
    const other = ctx.logs.find((l) => l !== log && l.seq === log.seq && rawWeight(l) !== undefined && nodeTex(rawWeight(l)!) === label);
    if (other && negatedOutside(ctx) && !ctx.nodes.some((n) => n.type === 'op' && /^arg/.test(n.name))) return { kind: 'entropy', confidence: 0.8, roles: { label, variant: 'binary cross-entropy' } };
  }
  return null;
}

/** `\exp(\cdot)` or `e^{\cdot}`. */
function isExpNode(n: MathNode): boolean {
  return (n.type === 'op' && n.name === 'exp') || (n.type === 'id' && n.name === 'e' && n.sup !== undefined);
}

/**
 * `-x_c + \log \sum_j \exp(x_j)`: minus a score plus the log-sum-exp of all the scores is
 * `-\log \mathrm{softmax}(x)_c`, the cross-entropy of a classifier's logits, as loss docstrings
 * write it. The log-sum-exp alone (a log-partition function, a smooth max) is not a loss.
 */
function logSumExpCrossEntropy(ctx: Context): Hit | null {
  for (const log of ctx.logs) {
    if (!some(log.arg, (n) => n.type === 'op' && n.name === 'sum') || !some(log.arg, isExpNode)) continue;
    const scores = new Set<string>();
    for (const n of allNodes(log.arg)) if (n.type === 'id' && n.name !== 'e' && n.name.length <= 2 && !/^[ijk]$/.test(n.name)) scores.add(n.name);
    const seq = log.seq;
    for (let k = 0; k + 1 < log.index; k++) {
      if (seq[k].type === 'bin' && seq[k].name === '-' && seq[k + 1].type === 'id' && scores.has(seq[k + 1].name) && seq[k + 1].sub) {
        return { kind: 'entropy', confidence: 0.8, roles: { variant: 'softmax cross-entropy' } };
      }
    }
  }
  return null;
}

/**
 * `\log(1 + \exp(-y\,x))`: the logistic loss of a score x against a label y of ±1, the binary
 * cross-entropy in the margin form. Softplus of a single variable, `\log(1 + e^x)`, is not one:
 * the label times the score under a minus is what makes it a loss.
 */
function logisticLoss(ctx: Context): Hit | null {
  for (const log of ctx.logs) {
    const a = log.arg.length === 1 && log.arg[0].type === 'group' ? log.arg[0].children ?? [] : log.arg;
    if (!(a.length >= 3 && a[0].type === 'num' && a[0].name === '1' && a[1].type === 'bin' && a[1].name === '+' && isExpNode(a[2]))) continue;
    const power = a[2].type === 'op' ? a[3]?.children ?? [] : a[2].sup ?? [];
    const factors = power.filter((n) => !(n.type === 'bin' && n.name === '*'));
    if (factors.length === 3 && factors[0].type === 'bin' && factors[0].name === '-' && factors[1].type === 'id' && factors[2].type === 'id' && factors[1].name !== factors[2].name) {
      return { kind: 'entropy', confidence: 0.75, roles: { variant: 'logistic loss' } };
    }
  }
  return null;
}

/**
 * `-p(x_3)\log q(x_3) = 1 \cdot \log(0.75) \approx 0.415`, `\sum_1^8 -\frac18 \log_2 \frac18 = 3`: one
 * outcome's term of a (cross-)entropy, or its sum over equally likely outcomes, worked out to a
 * number. The weight is a density at the point the log's density is taken (or the same number as
 * under the log); a bare `-\log p(x)` (a surprisal, an NLL) has no weight and is not one.
 */
function evaluatedTerm(ctx: Context): Hit | null {
  const numeric = ctx.lines.some((line) => sides(line).sides.slice(1).some((side) => side.length > 0 && !side.some((n) => n.type === 'id' || n.type === 'frac' && some([n], (m) => m.type === 'id'))));
  if (!numeric) return null;
  for (const log of ctx.logs) {
    // The minus is on the term's side: before the log in its sequence, or before the bracket holding it.
    const minus = log.seq.slice(0, log.index).some((n) => n.type === 'bin' && n.name === '-') || negatedBracket(ctx, log.seq);
    if (!minus) continue;
    const w = rawWeight(log);
    if (!w) continue;
    // `-p \log p`: one probability's term, weight and argument the same letter.
    if (w.type === 'id' && log.arg.length === 1 && nodeTex(w) === nodeTex(log.arg[0]) && /^[pPqQ]/.test(w.name)) return { kind: 'entropy', confidence: 0.75, roles: { variant: 'entropy' } };
    const sameNumber = (w.type === 'frac' || w.type === 'num') && !some([w], (m) => m.type === 'id') && tex(log.arg).replace(/[()]/g, '') === nodeTex(w).replace(/[()]/g, '');
    const wApp = w.type === 'group' ? appAt(log.seq as MathNode[], log.seq.indexOf(w) - 1) : undefined;
    const sameArg = wApp !== undefined && log.app !== undefined && /^[pPqQ]$/.test(wApp.fn.name) && /^[pPqQ]$/.test(log.app.fn.name) && tex(wApp.group.children ?? []) === tex(log.app.group.children ?? []);
    if (sameNumber || sameArg) return { kind: 'entropy', confidence: 0.75, roles: { variant: sameArg && wApp!.fn.name !== log.app!.fn.name ? 'cross-entropy' : 'entropy' } };
  }
  return null;
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
  if (!negatedOutside(ctx) || ctx.nodes.some((n) => n.type === 'op' && /^arg/.test(n.name))) return null;
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
    // Negated right before the log, or with a class weight between (`-w_{y_n} \log \frac{\dots}{\dots}`).
    if (!log.negated && !log.seq.slice(0, log.index).some((n) => n.type === 'bin' && n.name === '-')) continue;
    const arg = log.arg;
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

/** True when `seq` is the body of a bracket that a sum or an integral applies to (`\sum_x (\dots)`, `sum(\dots)`). */
function sumOutside(ctx: Context, seq: readonly MathNode[]): boolean {
  for (const parent of ctx.seqs) {
    const k = parent.findIndex((n) => n.type === 'group' && n.children === seq);
    if (k > 0 && parent[k - 1].type === 'op' && (parent[k - 1].name === 'sum' || parent[k - 1].name === 'int')) return true;
  }
  return false;
}

/** True when `seq` is the body of a bracket with a minus right before it: `-(0.5 \log 0.5 + \dots)`. */
function negatedBracket(ctx: Context, seq: readonly MathNode[]): boolean {
  for (const parent of ctx.seqs) {
    const k = parent.findIndex((n) => n.type === 'group' && n.children === seq);
    if (k > 0 && parent[k - 1].type === 'bin' && parent[k - 1].name === '-') return true;
  }
  return false;
}

/**
 * `\mathbb{E}_{x \sim p}[-\log q(x)]`, `\mathbb{E}_{p(x,y)}[-\log q_\theta(y, x)]`: minus the log of a second distribution q
 * averaged under a plain p is the cross-entropy H(p, q). The measure must be a bare p or P (no data mark such as
 * `p_{data}`, `\hat p`, `\mathcal D`): an average over the data of a model's log density is a negative log-likelihood.
 */
export function crossEntropyAverage(ctx: Context): boolean {
  for (const e of ctx.expectations) {
    const m = measureDensity(e.measure);
    if (!m || !/^[pP]$/.test(m.node.name) || m.node.sub || m.node.sup || m.node.accent) continue;
    const log = ctx.logs.find((l) => l.seq === e.body || l.seq === e.seq);
    if (!log?.app || !log.negated || !/^[qQ]$/.test(log.app.fn.name)) continue;
    // (Only the negated log in the brackets: `-\log q(x) + \log p(x)` is a KL's log ratio written apart.)
    if (ctx.logs.filter((l) => l.seq === e.body || l.seq === e.seq).length === 1) return true;
  }
  return false;
}
