/**
 * EM's M-step in closed form for a mixture: a component's parameter set to a responsibility-weighted
 * average over the data points, `\mu_k = \frac{\sum_i \gamma_{ik} x_i}{\sum_i \gamma_{ik}}`,
 * `\Sigma_j^{new} = \frac{\sum_i Q_i(z^{(i)} = j)(x^{(i)} - \mu_j)(x^{(i)} - \mu_j)^T}{\sum_i Q_i(z^{(i)} = j)}`,
 * `\pi_k^{(t+1)} := \frac{\sum_i T_{k,i}}{\sum_{k'} \sum_i T_{k',i}}`. It is the maximizer of the expected
 * complete-data log-likelihood, the maximum-likelihood estimate given the responsibilities, and notes label
 * it as maximum likelihood.
 *
 * What makes it one: the left side is the next iterate (`^{(t+1)}`, `^{new}`) of a parameter of one component (its index k, j or 1 in the subscript),
 * and the weight summed over the data in numerator and denominator carries that same component index
 * beside the data index. A plain sample mean (`\frac1n \sum_i x_i`), a self-normalized importance
 * estimate (`\frac{\sum_i w_i f(x_i)}{\sum_i w_i}`, weights of the point alone), a kernel smoother
 * (`\hat f(x) = \dots`, a function on the left) and a softmax (no sum over data on top) are not.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { allNodes, nodeTex, sides, tex } from '../query';

/** Letters of a component's parameters: mean, covariance, precision, weight, variance (Greek) or `m`. */
const COMPONENT_PARAMETER = /^(?:mu|Sigma|sigma|Lambda|pi|phi|alpha|w|m|lambda)$/;

/** Data letters, never a responsibility. */
const DATA = new Set(['x', 'y', 'X', 'Y']);

const isSum = (n: MathNode | undefined): boolean => n !== undefined && n.type === 'op' && n.name === 'sum';

/** The tokens of a subscript or argument list, by their TeX: `k,i` gives k and i. */
function tokens(nodes: readonly MathNode[]): string[] {
  const out: string[] = [];
  for (const n of allNodes(nodes)) if ((n.type === 'id' || n.type === 'num') && n.name !== '') out.push(nodeTex({ ...n, sub: undefined, sup: undefined }));
  return out;
}

/**
 * The weights in a sum's body that belong to component `k` and to a data point: `T_{k,i}^{(t)}`, `\gamma_{1,i}`,
 * `r_{ik}`, `Q_i(z^{(i)} = j)`, `\gamma(z_{nk})`, `p(z_i = k | x_i)`. Returned by their TeX.
 */
function componentWeights(body: readonly MathNode[], k: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const n = body[i];
    if (n.type !== 'id' || DATA.has(n.name)) continue;
    // (`w_{nc} (x_n - \mu_c)`: a weight before a parenthesis reads like an application; its subscript still counts.)
    const next = body[i + 1];
    if (next?.type === 'group' && next.name === '(') {
      // (`\gamma_{z_i}(k)`: the point's index in the subscript, the component's in the argument.)
      const t = [...tokens(next.children ?? []), ...tokens(n.sub ?? [])];
      if (t.includes(k) && t.length >= 2) out.push(nodeTex(n) + tex([next]));
    }
    const sub = tokens(n.sub ?? []);
    if (sub.includes(k) && sub.length >= 2) out.push(nodeTex(n));
  }
  return out;
}

/** `^{(t+1)}`, `^{t+1}`, `^{new}`, `^{(s+1)}`: the superscript of the next iterate. (`^2` of a variance is not one.) */
function nextIterate(sup: readonly MathNode[] | undefined): boolean {
  if (!sup) return false;
  const flat = [...allNodes(sup)];
  return flat.some((n) => n.type === 'bin' && n.name === '+') || flat.some((n) => (n.type === 'id' || n.type === 'text') && /^(?:new|next)$/.test(n.name));
}

/** Detects a closed-form M-step update of a mixture component; a maximum-likelihood hit or null. */
export function detectMStep(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (parts.length < 2 || !['=', ':=', '<-'].includes(rels[0])) continue;
    const lhs = parts[0];
    const p = lhs[0];
    if (lhs.length !== 1 || p.type !== 'id' || !COMPONENT_PARAMETER.test(p.name) || !p.sub || p.sub.length !== 1) continue;
    // The new iterate on the left (`^{(t+1)}`, `^{new}`) makes it EM's step. Without it the same average is a
    // stationary point solved in a derivation, or k-means' centroid, which notes leave unlabelled.
    // (A hat defined by `=`, `\hat{\mu}_k = \dots`, states the estimate itself in closed form; a hat assigned by `\leftarrow`
    // with no iterate mark is left alone, as a soft k-means step may be written that way.)
    if (!nextIterate(p.sup) && !(p.accent === 'hat' && rels[0] === '=')) continue;
    const k = nodeTex(p.sub[0]);
    const frac = parts[1][0];
    if (frac?.type !== 'frac' || !frac.args) continue;
    const [num, den] = frac.args;
    // Bishop's notation names the component's soft count `N_k = \sum_n \gamma(z_{nk})`: then the update reads
    // `\frac{1}{N_k} \sum_n \gamma(z_{nk}) x_n` (a weighted average over the same weights) or, for a mixing
    // weight, `\frac{N_k}{N}` (that count over the number of points). The count carries the component's index.
    const softCount = (seq: readonly MathNode[]): boolean =>
      seq.length === 1 && seq[0].type === 'id' && seq[0].name === 'N' && tokens(seq[0].sub ?? []).join(',') === k;
    if (softCount(den) && num.length === 1 && nodeTex(num[0]) === '1') {
      const rest = parts[1].slice(1);
      if (isSum(rest[0]) && componentWeights(rest.slice(1), k).length > 0)
        return { kind: 'mle', confidence: 0.75, roles: { parameter: nodeTex(p), weight: componentWeights(rest.slice(1), k)[0], variant: 'M-step' } };
    }
    if (softCount(num) && parts[1].length === 1 && den.length === 1 && den[0].type === 'id' && /^[Nn]$/.test(den[0].name) && !den[0].sub)
      return { kind: 'mle', confidence: 0.75, roles: { parameter: nodeTex(p), weight: nodeTex(num[0]), variant: 'M-step' } };
    if (!isSum(num[0]) || !isSum(den[0])) continue;
    const numBody = num.filter((n) => !isSum(n));
    const weights = componentWeights(numBody, k);
    if (weights.length === 0) continue;
    const denTex = tex(den);
    // The same weights normalize it (a weighted average), or the denominator sums them over every component too
    // (`\sum_{k'} \sum_i T_{k',i}`: the soft counts of all components, for a mixing weight).
    const sameWeights = weights.some((w) => denTex.includes(w));
    const allComponents = den.filter(isSum).length >= 2 && numBody.length === 1 && [...allNodes(den)].some((n) => n.type === 'id' && n.name === numBody[0].name);
    if (sameWeights || allComponents) return { kind: 'mle', confidence: 0.75, roles: { parameter: nodeTex(p), weight: weights[0], variant: 'M-step' } };
  }
  return null;
}
