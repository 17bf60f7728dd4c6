/**
 * Gradient steps: `\theta \leftarrow \theta - \eta\nabla_\theta L`, `\theta_{t+1} = \theta_t - ...`,
 * `:=`, the increment `\epsilon = -\eta f'(x)`, Newton's `x - f'/f''`, and the momentum,
 * Nesterov and Adam variants. The gradient of something on its own, or a Taylor expansion
 * evaluated at a step, is not an update.
 */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { hasDerivative } from '../math';
import { allNodes, firstApp, nodeTex, sides, terms, tex } from '../query';

interface Update {
  readonly target: MathNode;
  readonly rhs: MathNode[];
  readonly gradientTerm: MathNode[];
  readonly rel: string;
  /** The target scaled by a coefficient on the right (`\mu v_t`): a velocity, or a decayed weight. */
  readonly scaled: boolean;
  /** The coefficient of a scaled target (`\mu` in `\mu v_t`). */
  readonly coefficient?: MathNode;
}

/** True when the left side is a variable (possibly time-indexed), not a function value. */
function isVariable(lhs: readonly MathNode[]): boolean {
  if (lhs.length === 0 || lhs[0].type !== 'id' || lhs[0].name === '' || lhs[0].font === 'cal') return false;
  // `x k + 1` from a rendered page is a variable with a flattened index; `f(x)` is not a variable.
  return lhs.every((n) => n.type === 'id' || n.type === 'num' || (n.type === 'bin' && (n.name === '+' || n.name === '-')));
}

/** The update lines of a formula: a variable set to itself plus or minus a derivative term. */
function updates(ctx: Context): Update[] {
  const out: Update[] = [];
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    for (let r = 0; r < rels.length; r++) {
      const rel = rels[r];
      if (rel !== '<-' && rel !== ':=' && rel !== '=') continue;
      const lhs = parts[r];
      const rhs = parts[r + 1];
      if (!isVariable(lhs) || rhs.length === 0) continue;
      const ts = terms(rhs);
      const first = ts[0];
      // The variable itself, or scaled by a coefficient (`\mu v_t` in a momentum update).
      const at = first.nodes[0]?.type === 'id' && first.nodes[0].name === lhs[0].name ? 0 : first.nodes[1]?.type === 'id' && first.nodes[1].name === lhs[0].name && first.nodes[0].type === 'id' ? 1 : -1;
      const sameVar = first.sign === 1 && at >= 0 && first.nodes[at + 1]?.type !== 'group';
      if (sameVar && ts.length >= 2) {
        const grad = ts.slice(1).find((t) => hasDerivative(t.nodes));
        if (grad) out.push({ target: lhs[0], rhs, gradientTerm: grad.nodes, rel, scaled: at === 1, coefficient: at === 1 ? first.nodes[0] : undefined });
        // `v \leftarrow \beta v + (1-\beta) g`: a running average of gradients (momentum, Adam).
        continue;
      }
      // The step itself: `\epsilon = -\eta f'(x)`.
      if (ts.length === 1 && first.sign === -1 && hasDerivative(first.nodes) && first.nodes[0].type === 'id' && !hasDerivative([first.nodes[0]])) {
        out.push({ target: lhs[0], rhs, gradientTerm: first.nodes, rel, scaled: false });
      }
    }
  }
  return out;
}

/** Detects a gradient step. */
export function detectGradientStep(ctx: Context): Hit | null {
  const ups = updates(ctx);
  if (ups.length === 0) return null;
  const u = ups[ups.length - 1];
  const roles: Record<string, string> = {};
  const timeFree = (n: MathNode): MathNode => ({ ...n, sub: n.sub && n.sub.some((m) => m.type === 'id' && (m.name === 't' || m.name === 'k')) ? undefined : n.sub, sup: undefined });
  const g = u.gradientTerm;
  // `v_{t+1} = \mu v_t - \eta \nabla f(\theta_t)`: the scaled target is a velocity, and the parameter
  // is what the gradient is taken at. (A scaled target the gradient is taken at is weight decay.)
  const at = firstApp(g)?.main[0];
  const velocity = u.scaled && at?.length === 1 && at[0].type === 'id' && at[0].name !== u.target.name ? at[0] : undefined;
  roles.parameter = nodeTex(timeFree(velocity ?? u.target));
  if (velocity) {
    roles.velocity = nodeTex(timeFree(u.target));
    if (u.coefficient) roles.momentum = nodeTex(u.coefficient);
  }
  const d = g.findIndex((n) => (n.type === 'op' && (n.name === 'nabla' || n.name === 'partial')) || (n.prime ?? 0) > 0 || n.type === 'frac');
  const lr = g.slice(0, Math.max(d, 0)).find((n) => n.type === 'id' && n.name !== '');
  if (lr) roles.learning_rate = nodeTex(lr);
  const loss = firstApp(g.slice(Math.max(d, 0)));
  if (loss) roles.loss = nodeTex({ ...loss.fn, prime: undefined });
  else if (d >= 0) {
    const after = g.slice(d + 1).find((n) => n.type === 'id');
    if (after) roles.loss = nodeTex({ ...after, prime: undefined });
  }
  let variant = 'plain';
  const all = ctx.lines.flat();
  const sqrtOfSecondMoment = [...allNodes(all)].some((n) => n.type === 'sqrt' && (n.args?.[0] ?? []).some((m) => m.type === 'id' && (m.name === 'v' || m.name === 's' || m.name === 'G')));
  const lookAhead = ctx.apps.some((a) => a.main.length === 1 && a.main[0].some((n) => n.type === 'bin') && hasDerivative(a.seq.slice(Math.max(0, a.index - 2), a.index + 1)));
  if (sqrtOfSecondMoment) variant = 'adam';
  else if (lookAhead) variant = 'nesterov';
  else if (velocity || ctx.lines.length > 1 || u.rhs.some((n) => n.type === 'id' && (n.name === 'v' || n.name === 'm') && n.name !== u.target.name)) variant = 'momentum';
  roles.variant = variant;
  if (u.target.sub && u.target.sub.some((n) => n.type === 'id' && (n.name === 't' || n.name === 'k'))) roles.time_step = tex(u.target.sub.filter((n) => n.type === 'id').slice(0, 1));
  return { kind: 'gradient_step', confidence: u.rel === '=' ? 0.85 : 0.95, roles };
}
