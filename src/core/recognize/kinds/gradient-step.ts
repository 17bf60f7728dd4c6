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
import { allNodes, firstApp, forEachSeq, nodeTex, sides, some, terms, tex } from '../query';

interface Update {
  readonly target: MathNode;
  readonly rhs: MathNode[];
  readonly gradientTerm: MathNode[];
  readonly rel: string;
  /** The target scaled by a coefficient on the right (`\mu v_t`): a velocity, or a decayed weight. */
  readonly scaled: boolean;
  /** The coefficient of a scaled target (`\mu` in `\mu v_t`). */
  readonly coefficient?: MathNode;
  /** True when the update also adds noise (Langevin dynamics: a sampler, not descent). */
  readonly noise: boolean;
  /** True for Adam's bias correction of a moment (`\hat m_t = m_t / (1 - \beta_1^t)`): no parameter moves. */
  readonly correction?: boolean;
}

/** True when the left side is a variable (possibly time-indexed), not a function value. */
function isVariable(lhs: readonly MathNode[]): boolean {
  if (lhs.length === 0 || lhs[0].type !== 'id' || lhs[0].name === '' || lhs[0].font === 'cal') return false;
  // `dx = \dots\, dt`: a differential, the left side of a differential equation, not a variable set.
  if (lhs.length === 2 && lhs[0].name === 'd' && !lhs[0].sub && lhs[1].type === 'id') return false;
  // `x k + 1` from a rendered page is a variable with a flattened index; `f(x)` is not a variable.
  return lhs.every((n) => n.type === 'id' || n.type === 'num' || (n.type === 'bin' && (n.name === '+' || n.name === '-')));
}

/** True for an assignment (`\leftarrow`, `:=`), which sets a variable rather than states an equation. */
function assignedRel(rel: string): boolean {
  return rel === '<-' || rel === ':=';
}

const GREEK_NAMES = /^(?:alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi|rho|sigma|tau|upsilon|phi|chi|psi|omega|Gamma|Delta|Theta|Lambda|Xi|Pi|Sigma|Phi|Psi|Omega|ell|infty)$/;

/** The subscript of a symbol when it is a word (`uncond`, `\mathrm{cond}`, `data`): a label, not an index. */
function labelOf(n: MathNode): string {
  const sub = n.sub ?? [];
  // (`\theta_{new} = \theta_{old} - ...`: words that say when, not what, mark one variable at two steps.)
  if (sub.some((m) => /^(?:new|old|next|prev|previous|current|cur|curr|updated)$/.test(m.name))) return '';
  const word = sub.some((m) => m.type === 'text' || (m.type === 'id' && m.name.length > 1 && !GREEK_NAMES.test(m.name)));
  return word ? tex(sub) : '';
}

/** Letters notes use for a step size or learning rate: η, α, ε (as in Goodfellow et al.'s ε ĝ), γ, λ, lr. */
const STEP_SIZES: ReadonlySet<string> = new Set(['eta', 'alpha', 'epsilon', 'gamma', 'lambda', 'lr']);

/** A gradient written as a letter: `g`, `\hat g`, `\mathbf g_t`, `g_t^2`. */
function isGradientLetter(n: MathNode): boolean {
  return n.type === 'id' && n.name === 'g' && n.font !== 'cal';
}

/**
 * True when the nodes hold a gradient: a derivative, or the letter g that notes use for one
 * (a `g` applied to arguments, `g_\theta(z)`, is a function such as a generator, not a gradient).
 */
function hasGradient(nodes: readonly MathNode[]): boolean {
  if (hasDerivative(nodes)) return true;
  let found = false;
  forEachSeq([nodes as MathNode[]], (seq) => {
    for (let k = 0; k < seq.length && !found; k++) if (isGradientLetter(seq[k]) && seq[k + 1]?.type !== 'group') found = true;
  });
  return found;
}

/**
 * `(1-\beta)\, dW` or `(1-\beta_2)\, dW^2` under a target subscripted `dW` (`V_{dW}`, `S_{db}`): the term is the
 * complement of a decay times d followed by the very name the accumulator's subscript spells.
 */
function namesItsGradient(target: MathNode, t: readonly MathNode[]): boolean {
  const sub = tex(target.sub ?? []).replace(/[{}\s]/g, '');
  // (`dt`, `ds`, `d\tau` are a time's differentials, never a gradient.)
  if (!/^d\\?[A-Za-z]+$/.test(sub) || /^d(?:t|s|\\tau)$/.test(sub) || t.length !== 3 || t[0].type !== 'group' || !/^1-/.test(tex(t[0].children ?? []).replace(/\s/g, ''))) return false;
  const [d, x] = [t[1], t[2]];
  return d.type === 'id' && d.name === 'd' && !d.sub && !d.sup && x.type === 'id' && ('d' + nodeTex({ ...x, sup: undefined })).replace(/[{}\s]/g, '') === sub;
}

/**
 * Where a time or iteration index stands on a symbol: `t+1` in `x_{t+1}`, `(k)` in `\theta^{(k)}`.
 * Empty when the symbol has none.
 */
function indexOf(n: MathNode): string {
  // (`^{(k+1)}`: the index may stand in parentheses.)
  const idx = (s: readonly MathNode[] | undefined): string => (s && [...allNodes(s)].some((m) => m.type === 'id' && /^[tkins]$/.test(m.name)) ? tex(s) : '');
  return idx(n.sub) || idx(n.sup);
}

/**
 * A term that moves the variable: a step size times a direction (`\eta y_t`, `\alpha_k d_k`,
 * `\epsilon \hat g`, `\frac{\eta}{\sqrt{s}} \odot g`), a gradient, or a velocity added on
 * its own (`\theta + v`, `\theta + \Delta\theta`).
 */
function isStepTerm(t: readonly MathNode[], loose: boolean): boolean {
  if (hasGradient(t)) return true;
  const first = t[0];
  if (!first) return false;
  const stepSize = (n: MathNode): boolean => n.type === 'id' && STEP_SIZES.has(n.name);
  if (stepSize(first) && t.length >= 2 && t.slice(1).some((n) => n.type === 'id' || n.type === 'group' || n.type === 'frac')) return true;
  // `\frac{\eta}{\sqrt{s}} \odot g`, or the direction inside the fraction: `\frac{\alpha \hat m_t}{\sqrt{\hat v_t} + \epsilon}`.
  const num = first.type === 'frac' ? (first.args?.[0] ?? []).filter((n) => !(n.type === 'bin' && n.name === '*')) : [];
  if (num.some(stepSize) && (t.length >= 2 || num.length >= 2)) return true;
  if (!loose) return false;
  // `\theta \leftarrow \theta + v`: a velocity or a step computed on another line.
  // (`w^{(t)} = w^{(t-1)} + m^{(t)}`: m, the momentum buffer as many notes and libraries call it, counts too when it
  // carries the iteration's index; a bare `+ m` may be any offset.)
  if (t.length <= 2 && t.some((n) => n.type === 'id' && (n.name === 'v' || n.name === 'Delta' || n.name === 'delta' || n.name === 'd' || (n.name === 'm' && (n.sub !== undefined || n.sup !== undefined))))) return true;
  // `t^{(k)} \Delta x^{(k)}`: a step size times a search direction Δx, as line searches write it (Δt, a time
  // step of an integrator, is not a direction).
  return t.length === 3 && t[0].type === 'id' && t[1].type === 'id' && t[1].name === 'Delta' && t[2].type === 'id' && t[2].name !== 't';
}

/**
 * A term that is noise: ε, ξ or z as the last factor, scaled (`\sqrt{\beta_t}\,\epsilon`,
 * `\sigma_t z`), as a sampler or a forward diffusion adds it. A step size ε stands first instead.
 */
function isNoiseTerm(t: readonly MathNode[]): boolean {
  // (`\epsilon(t)`, `\xi(t)`: the noise written as a process of time, as a continuous-time note writes it.)
  const timed = t.length >= 2 && t[t.length - 1].type === 'group' && (t[t.length - 1].children ?? []).some((n) => n.type === 'id' && n.name === 't');
  const last = timed ? t[t.length - 2] : t[t.length - 1];
  if (timed && last.type === 'id' && (last.name === 'epsilon' || last.name === 'xi' || last.name === 'zeta')) return true;
  if (!last || last.type !== 'id' || !(last.name === 'epsilon' || last.name === 'xi' || last.name === 'z' || last.name === 'zeta')) return false;
  return t.length >= 2 || !!last.sub;
}

/**
 * `J(\theta_n)^{-1} U(\theta_n)`, `[H(x_k)]^{-1} g(x_k)`, `\mathcal I(\beta^{(m)})^{-1} s(\beta^{(m)})`: a matrix evaluated
 * at the iterate, inverted, times a function of the iterate. This is the Newton step in any of its dresses (Fisher
 * scoring with the information and the score, Gauss-Newton), whatever the letters: the curvature at the iterate
 * rescales a first-order quantity at the iterate. A fixed inverse (`A^{-1}(b - A x_k)`) is a linear solver's correction.
 */
function newtonTerm(t: readonly MathNode[], name: string): boolean {
  const inverted = (n: MathNode): boolean => tex(n.sup ?? []).replace(/[{}\s]/g, '') === '-1';
  const ofIterate = (g: MathNode | undefined): boolean => g !== undefined && g.type === 'group' && (g.children ?? []).some((n) => n.type === 'id' && n.name === name);
  for (let k = 0; k + 1 < t.length; k++) {
    const n = t[k];
    // `M(\theta)^{-1}` or `[M(\theta)]^{-1}`.
    const inner = n.type === 'group' && inverted(n) ? n.children ?? [] : n.type === 'id' && inverted(t[k + 1]) ? [n, t[k + 1]] : [];
    if (inner.length !== 2 || inner[0].type !== 'id' || !ofIterate(inner[1])) continue;
    const next = n.type === 'group' ? k + 1 : k + 2;
    if (t.slice(next).some((m, j) => m.type === 'id' && ofIterate(t[next + j + 1]))) return true;
  }
  return false;
}

/** The integer a symbol is numbered with (`\theta_1`, `w^{(2)}`), if any. */
function stepNumber(n: MathNode): number | undefined {
  const one = (s: readonly MathNode[] | undefined): MathNode | undefined => (s?.length === 1 ? (s[0].type === 'group' && s[0].children?.length === 1 ? s[0].children[0] : s[0]) : undefined);
  const k = one(n.sub) ?? one(n.sup);
  return k && k.type === 'num' && /^\d+$/.test(k.name) ? Number(k.name) : undefined;
}

/** The update lines of a formula: a variable set to itself plus a step, or the step itself. */
function updates(ctx: Context): Update[] {
  const out: Update[] = [];
  for (const line of ctx.lines) {
    // `\lim_{n \to \infty} \hat m_n = ...`: a statement about where the iterates go, not a step.
    if (line[0]?.type === 'op' && line[0].name === 'lim') continue;
    const { sides: parts, rels } = sides(line);
    for (let r = 0; r < rels.length; r++) {
      const rel = rels[r];
      if (rel !== '<-' && rel !== ':=' && rel !== '=') continue;
      // In a chain `a = b = c` (or a derivation's `&\approx m_n &= \beta_1(\dots)`), only the first side is set
      // by an equation; a middle side equal to what follows is a step of the algebra, not of an optimizer.
      if (rel === '=' && r > 0) continue;
      const lhs = parts[r];
      // `x_{i+1} \gets x_i + ..., \quad i = 0, 1, \dots`: what follows a top-level comma is a side condition.
      const comma = parts[r + 1].findIndex((n) => n.type === 'punct' && n.name === ',');
      const rhs = comma > 0 ? parts[r + 1].slice(0, comma) : parts[r + 1];
      if (rhs.length === 0) continue;
      if (!isVariable(lhs)) {
        const recursion = accumulatorRecursion(lhs, rhs);
        if (recursion) out.push({ target: lhs[0], rhs, gradientTerm: recursion, rel, scaled: true, noise: false });
        continue;
      }
      const target = lhs[0];
      // A product sign changes nothing here: `\beta \cdot m` is `\beta m` (ASCII math writes `beta*m`).
      const ts = terms(rhs).map((t) => ({ sign: t.sign, nodes: t.nodes.filter((n) => !(n.type === 'bin' && n.name === '*')) }));
      const first = ts[0];
      // The variable itself, or scaled by a coefficient (`\mu v_t`, `\beta_1 m_{t-1}`).
      // A hat target set from the plain moment (`\hat m_t \leftarrow \beta_1 m_t / (1 - \beta_1^{t+1}) + ...`) is its
      // bias-corrected copy, Nadam's and Adam's. Subscripts that are words name different quantities
      // (`\epsilon_{guided}` from `\epsilon_{uncond}`), not one variable at two steps.
      const corrected = (n: MathNode): boolean => assignedRel(rel) && target.accent === 'hat' && !n.accent && (target.name === 'm' || target.name === 'v');
      const same = (n: MathNode | undefined): boolean => n !== undefined && n.type === 'id' && n.name === target.name && (n.accent === target.accent || corrected(n))
        && labelOf(n) === labelOf(target);
      const at = same(first.nodes[0]) ? 0 : first.nodes[0]?.type === 'id' && same(first.nodes[1]) ? 1 : first.nodes[0]?.type === 'group' && same(first.nodes[1]) ? 1 : -1;
      const sameVar = first.sign === 1 && at >= 0 && first.nodes[at + 1]?.type !== 'group';
      // An assignment (`\leftarrow`, `:=`) or an index that moves on (`x_{t+1} = x_t ...`) makes it a step.
      const assigned = rel !== '=';
      const moved = indexOf(target) !== '' && indexOf(first.nodes[at] ?? target) !== indexOf(target);
      // `v_n = \beta_2^n v_0 + \dots`: the recursion unrolled back to its initial value (the decay raised to
      // the step count) is a closed form of the iterate, not one step.
      const unrolled = at === 1 && first.nodes[0].sup !== undefined && first.nodes[1].sub?.length === 1 && first.nodes[1].sub[0].type === 'num' && first.nodes[1].sub[0].name === '0';
      if (sameVar && ts.length >= 2 && !unrolled) {
        const rest = ts.slice(1);
        // A score network `s_\theta(x, \sigma)` stands for the gradient of a log-density (annealed Langevin dynamics).
        const derivative = rest.find((t) => hasDerivative(t.nodes) || t.nodes.some((n) => n.type === 'id' && n.name === 's' && (n.sub ?? []).some((m) => m.name === 'theta')));
        const noise = rest.some((t) => isNoiseTerm(t.nodes));
        // Noise without a gradient is a forward diffusion or an autoregression, not an update.
        if (noise && !derivative) continue;
        // With a plain `=` and no index, only a step size times a direction (or a gradient) says update.
        // `\theta_1 = \theta_0 - 0.1 \times 2.0`: a worked step, the iterate numbered from the one before, minus a number
        // (the rate, a decimal below one) times the gradient's value.
        const counted = at === 0 && stepNumber(target) !== undefined && stepNumber(target) === (stepNumber(first.nodes[0]) ?? NaN) + 1;
        const worked = counted ? rest.find((t) => t.sign === -1 && t.nodes.length >= 2 && !Number.isNaN(fraction(t.nodes[0])) && t.nodes.slice(1).every((n) => n.type === 'num' || n.type === 'group' || n.type === 'id')) : undefined;
        const newton = rest.find((t) => newtonTerm(t.nodes, target.name));
        // `V_{dW} = \beta V_{dW} + (1-\beta)\, dW`: the course convention (deeplearning.ai's and the many notes that follow it)
        // writes the gradient of the cost in W as dW, and names each accumulator after the gradient it averages. The
        // target's subscript spelling the same `dW` the term carries ties the d to a gradient, not to a differential `dt`.
        const named = rest.find((t) => namesItsGradient(target, t.nodes));
        const step = derivative ?? newton ?? worked ?? named ?? rest.find((t) => isStepTerm(t.nodes, assigned || moved) && (assigned || moved || t.nodes.length >= 2));
        if (step) out.push({ target, rhs, gradientTerm: step.nodes, rel, scaled: at === 1, coefficient: at === 1 ? first.nodes[0] : undefined, noise });
        continue;
      }
      // `x_{k+1} = y_{k+1} - \eta \nabla f(y_{k+1})`: a gradient step taken from another point, the extrapolated or
      // look-ahead point of Nesterov's method, the heavy ball's or extragradient's, or a proximal method's: the new
      // iterate is that point minus a step along the gradient evaluated at that very point. Both must carry an
      // iteration index, and the gradient must be taken where the step starts (`y - \eta \nabla f(x)` is not one step).
      const lookahead = indexOf(target) !== '' && ts.length === 2 && first.sign === 1 && first.nodes.length === 1 && first.nodes[0].type === 'id'
        && first.nodes[0].name !== target.name && indexOf(first.nodes[0]) !== '' && ts[1].sign === -1 && hasDerivative(ts[1].nodes)
        && [...allNodes(ts[1].nodes)].some((n) => n.type === 'group' && (n.children ?? []).length === 1 && n.children![0].type === 'id' && n.children![0].name === first.nodes[0].name);
      if (lookahead) {
        out.push({ target, rhs, gradientTerm: ts[1].nodes, rel, scaled: false, noise: false });
        continue;
      }
      // `x_{k+1} = \mathrm{prox}_{\eta g}(x_k - \eta \nabla f(x_k))`, `\Pi_C(\theta_t - \eta g_t)`: a projection or proximal
      // map applied to a gradient step of the same variable is a projected (proximal) gradient step.
      const inner = ts.length === 1 && first.nodes.length === 2 && first.nodes[1].type === 'group' && (first.nodes[0].type === 'id' || first.nodes[0].type === 'op') ? first.nodes[1].children ?? [] : [];
      const innerTerms = inner.length > 0 ? terms(inner) : [];
      if (innerTerms.length >= 2 && innerTerms[0].sign === 1 && same(innerTerms[0].nodes[0]) && innerTerms.slice(1).some((t) => hasDerivative(t.nodes) && t.sign === -1)) {
        out.push({ target, rhs, gradientTerm: innerTerms.slice(1).find((t) => hasDerivative(t.nodes))!.nodes, rel, scaled: false, noise: false });
        continue;
      }
      // The step itself: `\epsilon = -\eta f'(x)`, `\Delta\theta = -\frac{\epsilon}{\sqrt{s}} \odot g`, `g \leftarrow \nabla_\theta L`.
      // `\Delta\theta_t = \frac{\epsilon_t}{2}\nabla \log p(\theta_t) + \eta_t`: a Langevin step written as the increment.
      // The drift may be a step size times a gradient written as functions (`\frac{\epsilon_t}{2}(g(\theta_t) + h_t(\theta_t))`),
      // and the noise a Gaussian written in place (`+ \mathcal N(0, \epsilon_t)`).
      const gaussianNoise = (t: readonly MathNode[]): boolean => t.length === 2 && t[0].type === 'id' && t[0].name === 'N' && t[1].type === 'group' && (t[1].children?.[0]?.type === 'num' && t[1].children[0].name === '0');
      if (target.name === 'Delta' && ts.length >= 2 && (hasDerivative(first.nodes) || isStepTerm(first.nodes, false)) && ts.slice(1).some((t) => (t.nodes.length <= 2 && t.nodes.some((n) => n.type === 'id' && (n.name === 'eta' || n.name === 'epsilon' || n.name === 'xi' || n.name === 'z'))) || gaussianNoise(t.nodes))) {
        out.push({ target, rhs, gradientTerm: first.nodes, rel, scaled: false, noise: true });
      } else if (target.name === 'Delta' && ts.length === 1 && (hasGradient(first.nodes) || isStepTerm(first.nodes, false)) && !isNoiseTerm(first.nodes)) {
        // `\Delta W_{n+1} = \eta \frac{\hat m}{\sqrt{\hat v} + \epsilon}`: the increment set to one step term.
        out.push({ target, rhs, gradientTerm: first.nodes, rel, scaled: false, noise: false });
      } else if (ts.length === 1 && first.sign === -1 && hasGradient(first.nodes) && first.nodes[0].type !== 'op' && !hasDerivative([first.nodes[0]])) {
        out.push({ target, rhs, gradientTerm: first.nodes, rel, scaled: false, noise: false });
      } else if (assigned && isGradientLetter(target) && hasDerivative(rhs)) {
        out.push({ target, rhs, gradientTerm: rhs, rel, scaled: false, noise: false });
      } else if (ts.length === 1 && biasCorrection(target, first.nodes)) {
        out.push({ target, rhs, gradientTerm: first.nodes, rel, scaled: false, noise: false, correction: true });
      }
    }
  }
  return out;
}

/**
 * `v(\theta, t) := \gamma\, v(\theta, t-1) + (1-\gamma)(\nabla Q(\theta))^2`: an accumulator written as a function
 * of the step, set from its value at the step before plus a gradient term. The time argument must move
 * on (t from t-1) and a gradient must enter; `f(x) = a f(x-1) + b` with no gradient is a recurrence of
 * another kind. Returns the gradient term.
 */
function accumulatorRecursion(lhs: readonly MathNode[], rhs: readonly MathNode[]): MathNode[] | undefined {
  if (lhs.length !== 2 || lhs[0].type !== 'id' || lhs[1].type !== 'group' || lhs[1].name !== '(') return undefined;
  const name = lhs[0].name;
  const args = (g: MathNode): string[] => tex(g.children ?? []).split(',').map((x) => x.trim());
  const mine = args(lhs[1]);
  const ts = terms(rhs as MathNode[]).map((t) => t.nodes.filter((n) => !(n.type === 'bin' && n.name === '*')));
  if (ts.length !== 2) return undefined;
  const k = ts[0].findIndex((n, i) => n.type === 'id' && n.name === name && ts[0][i + 1]?.type === 'group');
  if (k < 0 || k > 1) return undefined;
  const prev = args(ts[0][k + 1]);
  const moved = prev.length === mine.length && prev.some((a, i) => a !== mine[i] && a.replace(/\s/g, '') === mine[i].replace(/\s/g, '') + '-1');
  return moved && hasGradient(ts[1]) ? ts[1] : undefined;
}

/** Adam's bias correction `\hat m_t = \frac{m_t}{1 - \beta_1^t}`: the moment over one minus a decay to the power t. */
function biasCorrection(target: MathNode, rhs: readonly MathNode[]): boolean {
  // `\frac{m_t}{1-\beta_1^t}`, or `m/(1-beta_1^t)` as ASCII writes it.
  const f = rhs.length === 1 && rhs[0].type === 'frac' ? rhs[0].args
    : rhs.length === 3 && rhs[1].type === 'bin' && rhs[1].name === '/' && rhs[2].type === 'group' ? [[rhs[0]], rhs[2].children ?? []] : undefined;
  if (!f) return false;
  const [num, den] = f;
  const ok = num.length === 1 && num[0].type === 'id' && num[0].name === target.name && !num[0].accent;
  return ok && den.length === 3 && den[0].type === 'num' && den[0].name === '1' && den[2].type === 'id' && den[2].sup !== undefined;
}

/** A decimal strictly between 0 and 1 (`0.9`, `.999`), as a decay rate or its complement is written; NaN otherwise. */
function fraction(n: MathNode | undefined): number {
  if (!n || n.type !== 'num' || n.sup) return NaN;
  const v = Number(n.name);
  return v > 0 && v < 1 ? v : NaN;
}

/** Letters optimizers give their moments: m (first), v and s (second), r (RMSProp's accumulator), u (AdaMax's). */
const MOMENT_LETTERS: ReadonlySet<string> = new Set(['m', 'v', 's', 'r', 'u']);

/** A symbol with an integer index (`v_2`, `\hat m_1`, `s^{(3)}`): the value of an iterate at a worked step. */
function numberedIterate(lhs: readonly MathNode[]): MathNode | undefined {
  const n = lhs.length === 1 ? lhs[0] : undefined;
  if (!n || n.type !== 'id' || n.font === 'cal') return undefined;
  const idx = (s: readonly MathNode[] | undefined): boolean => !!s && s.length === 1 && (s[0].type === 'num' ? /^\d+$/.test(s[0].name) : s[0].type === 'group' && s[0].children?.length === 1 && s[0].children[0].type === 'num');
  return idx(n.sub) || idx(n.sup) ? n : undefined;
}

/**
 * Worked examples of an optimizer's moment updates with the numbers put in, whose recursion is still
 * visible: `v_2 = 0.9 \times (-0.2) + 0.1 \times (-2.0)` (a decay times the previous value plus its
 * complement times the new gradient: two decimal weights summing to one, the larger on the history, as
 * β = 0.9, 0.99, 0.999 are), the first step from a zero moment `m_1 = (1-\beta_1) g_1`, and the bias
 * correction `\hat m_1 = \frac{0.2}{1 - 0.9^1}` (over one minus a decay to a power). Only the first side of
 * a chain is read: `v_2 = -0.38` after the arithmetic is a value, not an update. A weighted sum with
 * weights that do not sum to one, or with even weights (a mixture `0.5 a + 0.5 b`), is not an EMA.
 */
function numericMoment(ctx: Context): Hit | null {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (rels.length === 0 || rels[0] !== '=' && !assignedRel(rels[0])) continue;
    const target = numberedIterate(parts[0]);
    if (!target) continue;
    const ts = terms(parts[1]).map((t) => ({ sign: t.sign, nodes: t.nodes.filter((n) => !(n.type === 'bin' && n.name === '*')) }));
    const hit = (variant: string): Hit => ({ kind: 'gradient_step', confidence: 0.7, roles: { moment: nodeTex({ ...target, sub: undefined, sup: undefined }), variant } });
    // (The letters are the moments' own, m, v, s, r, u: a convex mix of numbers set to `p_1` or `x_2` is a probability
    // or a point as often as a smoothed value.)
    if (MOMENT_LETTERS.has(target.name) && ts.length === 2 && ts.every((t) => t.sign === 1 && t.nodes.length >= 2)) {
      const [a, b] = [fraction(ts[0].nodes[0]), fraction(ts[1].nodes[0])];
      if (Math.abs(a + b - 1) < 1e-9 && a >= 0.75) return hit('moving average');
    }
    if (ts.length === 1 && ts[0].sign === 1) {
      const t = ts[0].nodes;
      // `(1 - \beta_1) g_1`: the complement of a decay times the gradient, the first step from zero.
      const complement = t.length === 2 && t[0].type === 'group' && /^1-\\?[A-Za-z]+(_|$)/.test(tex(t[0].children ?? []));
      if (complement && hasGradient([t[1]])) return hit('moving average');
      // `\frac{0.2}{1-0.9^1}` or `\frac{0.1 \cdot g_1}{0.1}`: a hatted moment set to its bias-corrected value.
      const f = t.length === 1 && t[0].type === 'frac' ? t[0].args : undefined;
      if (f && target.accent === 'hat') {
        const [num, den] = f;
        const decayDen = den.length === 3 && den[0].type === 'num' && den[0].name === '1' && den[1].type === 'bin' && den[1].name === '-' && !Number.isNaN(fraction({ ...den[2], sup: undefined }));
        if (decayDen || (hasGradient(num) && (target.name === 'm' || target.name === 'v'))) return hit('adam');
      }
    }
  }
  return null;
}

/**
 * An update cut off after its sign, `w_t = w_{t-1} -`, as a formula split over two lines of a page leaves it:
 * a variable set to its value at the step before, minus what the next line held. The index must
 * move on; `x = x -` is only a fragment.
 */
function truncatedUpdate(ctx: Context): Hit | null {
  if (ctx.lines.length !== 1) return null;
  const { sides: parts, rels } = sides(ctx.lines[0]);
  if (rels.length !== 1 || (rels[0] !== '=' && !assignedRel(rels[0]))) return null;
  const [lhs, rhs] = parts;
  const last = rhs[rhs.length - 1];
  // (Only a minus: descent is how such a step is written, and `x_t = x_{t-1} +` may as well be a random walk cut off.)
  if (rhs.length !== 2 || !last || last.type !== 'bin' || last.name !== '-') return null;
  const [target, prev] = [lhs[0], rhs[0]];
  if (lhs.length !== 1 || target.type !== 'id' || prev.type !== 'id' || prev.name !== target.name || prev.accent !== target.accent) return null;
  const [i, j] = [indexOf(target), indexOf(prev)];
  return i !== '' && j !== '' && i !== j ? { kind: 'gradient_step', confidence: 0.5, roles: { parameter: nodeTex({ ...target, sub: undefined, sup: undefined }), variant: 'plain' } } : null;
}

/** Detects a gradient step. */
export function detectGradientStep(ctx: Context): Hit | null {
  const ups = updates(ctx);
  if (ups.length === 0) return numericMoment(ctx) ?? truncatedUpdate(ctx) ?? amsgradMax(ctx);
  // In a block of several updates the one that takes the gradient names the roles; the others
  // apply what it computed (`\theta \leftarrow \theta + v`).
  const u = ups.find((x) => hasDerivative(x.gradientTerm)) ?? ups.find((x) => hasGradient(x.gradientTerm)) ?? ups.find((x) => !x.correction) ?? ups[ups.length - 1];
  // A block one of whose lines adds noise scaled by a root (`\Delta x \gets [\dots]\Delta t + g(t)\sqrt{|\Delta t|}\, z`,
  // then `x \gets x + \Delta x`) is a sampler's step (Euler-Maruyama on a reverse SDE, Langevin), whatever the
  // other lines apply: it is read as diffusion, as Langevin updates are below.
  const rooted = ctx.lines.some((line) => {
    const { sides: parts, rels } = sides(line);
    return rels.length > 0 && terms(parts[parts.length - 1]).some((t) => t.sign === 1 && isNoiseTerm(t.nodes) && t.nodes.some((n) => n.type === 'sqrt'));
  });
  if (rooted && !ups.some((x) => hasDerivative(x.gradientTerm))) return { kind: 'diffusion', confidence: 0.8, roles: { variant: 'sampler step' } };
  // A bias correction alone names a moment of Adam, not a parameter.
  if (u.correction) return { kind: 'gradient_step', confidence: 0.85, roles: { moment: nodeTex({ ...u.target, sub: undefined }), variant: 'adam' } };
  // `m_t = \beta_1 m_{t-1} + (1 - \beta_1) g_t`: the decay on the old value and its complement on the new gradient make
  // the line a moment's exponential moving average (Adam's, RMSProp's), not a step of a parameter.
  const g0 = u.gradientTerm[0];
  if (ctx.lines.length === 1 && u.scaled && u.coefficient && !u.noise && g0?.type === 'group' && tex(g0.children ?? []).replace(/\s/g, '') === '1-' + nodeTex(u.coefficient).replace(/\s/g, '')) {
    const squared = u.gradientTerm.slice(1).some((n) => n.sup?.length === 1 && n.sup[0].name === '2');
    return { kind: 'gradient_step', confidence: u.rel === '=' ? 0.85 : 0.95, roles: { moment: nodeTex({ ...u.target, sub: undefined, sup: undefined }), momentum: nodeTex(u.coefficient), variant: squared ? 'moving average of squared gradients' : 'moving average' } };
  }
  const applier = ups.find((x) => x !== u && x.target.name !== u.target.name && some(x.gradientTerm, (n) => n.type === 'id' && n.name === u.target.name));
  const roles: Record<string, string> = {};
  // (A worked step's number, `\theta_1`, is a time index too.)
  const timeFree = (n: MathNode): MathNode => ({ ...n, sub: n.sub && (n.sub.some((m) => m.type === 'id' && (m.name === 't' || m.name === 'k')) || stepNumber({ ...n, sup: undefined }) !== undefined) ? undefined : n.sub, sup: undefined });
  const g = u.gradientTerm;
  // `v_{t+1} = \mu v_t - \eta \nabla f(\theta_t)`: the scaled target is a velocity, and the parameter
  // is what the gradient is taken at. (A scaled target the gradient is taken at is weight decay.)
  const at = firstApp(g)?.main[0];
  const velocity = applier ? applier.target : u.scaled && at?.length === 1 && at[0].type === 'id' && at[0].name !== u.target.name ? at[0] : undefined;
  roles.parameter = nodeTex(timeFree(velocity ?? u.target));
  if (velocity) {
    roles.velocity = nodeTex(timeFree(u.target));
    if (u.coefficient) roles.momentum = nodeTex(u.coefficient);
  }
  const d = g.findIndex((n) => (n.type === 'op' && (n.name === 'nabla' || n.name === 'partial')) || (n.prime ?? 0) > 0 || n.type === 'frac');
  const lr = d >= 0 ? g.slice(0, d).find((n) => n.type === 'id' && n.name !== '')
    : [...allNodes(g.slice(0, 1))].find((n) => n.type === 'id' && STEP_SIZES.has(n.name));
  if (lr) roles.learning_rate = nodeTex(lr);
  const loss = firstApp(g.slice(Math.max(d, 0)));
  if (loss) roles.loss = nodeTex({ ...loss.fn, prime: undefined });
  else if (d >= 0) {
    const after = g.slice(d + 1).find((n) => n.type === 'id');
    if (after) roles.loss = nodeTex({ ...after, prime: undefined });
  }
  let variant = 'plain';
  const all = ctx.lines.flat();
  const sqrtOfSecondMoment = [...allNodes(all)].some((n) => n.type === 'sqrt' && (n.args?.[0] ?? []).some((m) => m.type === 'id' && (m.name === 'v' || m.name === 's' || m.name === 'G' || m.name === 'r')))
    || ups.some((x) => x.target.accent === 'hat' && (x.target.name === 'm' || x.target.name === 'v'))
    // A step divided by the root of an accumulated square, whatever its name (`Sdw` in ASCII notes).
    || [...allNodes(u.gradientTerm)].some((n) => n.type === 'sqrt' && (n.args?.[0] ?? []).some((m) => m.type === 'id' && m.name.length > 1 && /^[SsVvGgRr]/.test(m.name)));
  const lookAhead = ctx.apps.some((a) => a.main.length === 1 && a.main[0].some((n) => n.type === 'bin') && hasDerivative(a.seq.slice(Math.max(0, a.index - 2), a.index + 1)));
  if (u.noise) variant = 'langevin';
  else if (sqrtOfSecondMoment) variant = 'adam';
  else if (lookAhead) variant = 'nesterov';
  else if (velocity || ctx.lines.length > 1 || u.rhs.some((n) => n.type === 'id' && (n.name === 'v' || n.name === 'm') && n.name !== u.target.name)) variant = 'momentum';
  roles.variant = variant;
  if (u.target.sub && u.target.sub.some((n) => n.type === 'id' && (n.name === 't' || n.name === 'k'))) roles.time_step = tex(u.target.sub.filter((n) => n.type === 'id').slice(0, 1));
  // Langevin dynamics climbs log p and adds noise: it samples, as score-based diffusion does, so
  // it is read as diffusion (the update's roles are kept for the explanation).
  if (u.noise) {
    // What the gradient is taken of is the density sampled from, not a loss being minimized.
    const { loss, ...rest } = roles;
    return { kind: 'diffusion', confidence: 0.85, roles: { ...rest, ...(loss ? { density: loss } : {}), variant: 'langevin dynamics' } };
  }
  return { kind: 'gradient_step', confidence: u.rel === '=' ? 0.85 : 0.95, roles };
}

/**
 * The right side of a moment's update written alone, `\rho\, E[g^2]_{t-1} + (1 - \rho)\, g_t^2`: a decay times the
 * previous accumulator plus one minus the same decay times the new (squared) gradient or step, as notes write
 * RMSProp's and AdaDelta's accumulators inline. A weighted average of anything else is not one.
 */
export function movingAverageStep(ctx: Context): Hit | null {
  // The accumulator may be named on the left, `E[g^2]_t = \rho E[g^2]_{t-1} + (1-\rho) g_t^2`: its right side is read.
  const rights = ctx.lines.map((l) => sides(l)).filter((x) => x.rels.length === 1 && (x.rels[0] === '=' || assignedRel(x.rels[0]))).map((x) => x.sides[1]);
  for (const seq of [...ctx.seqs, ...rights]) {
    const ts = terms(seq);
    if (ts.length !== 2 || ts[0].sign !== 1 || ts[1].sign !== 1) continue;
    const [a, b] = [ts[0].nodes.filter((n) => !(n.type === 'bin' && n.name === '*')), ts[1].nodes.filter((n) => !(n.type === 'bin' && n.name === '*'))];
    const decay = a[0];
    if (!decay || decay.type !== 'id' || !['rho', 'beta', 'gamma', 'mu'].includes(decay.name)) continue;
    const g = b[0];
    const complement = g?.type === 'group' && tex(g.children ?? []) === '1-' + nodeTex(decay);
    const previous = a.slice(1).some((n) => /-1/.test(tex(n.sub ?? [])));
    const current = b.slice(1);
    const gradientLike = current.some((n) => n.type === 'id' && (n.name === 'g' || n.name === 'Delta')) || hasDerivative(current);
    if (complement && previous && gradientLike) return { kind: 'gradient_step', confidence: 0.7, roles: { variant: 'moving average of squared gradients', momentum: nodeTex(decay) } };
  }
  return adaptiveStep(ctx);
}

/**
 * The step of an adaptive method written alone, `\frac{\alpha}{\sqrt{E[g^2]_t + \epsilon}}\, g_t`,
 * `\frac{\eta}{\sqrt{\hat v_t} + \epsilon}\hat m_t`: a step size over the root of an accumulated second
 * moment, times the gradient or its first moment. The root is what makes it AdaGrad's, RMSProp's or
 * Adam's; a step size over anything else (`\frac{\alpha}{2} x`) is only a scaled term.
 */
function adaptiveStep(ctx: Context): Hit | null {
  if (ctx.lines.length !== 1 || ctx.lines[0].some((n) => n.type === 'rel')) return null;
  const ts = terms(ctx.lines[0]);
  if (ts.length !== 1) return null;
  const t = ts[0].nodes.filter((n) => !(n.type === 'bin' && (n.name === '*' || n.name === 'cdot' || n.name === 'odot')));
  const f = t[0];
  if (!f || f.type !== 'frac' || t.length !== 2) return null;
  const [num, den] = f.args ?? [[], []];
  const rate = num.length === 1 && num[0].type === 'id' && STEP_SIZES.has(num[0].name);
  const root = den.some((n) => n.type === 'sqrt');
  const dir = t[1];
  const direction = isGradientLetter(dir) || (dir.type === 'id' && dir.name === 'm') || hasDerivative([dir]);
  return rate && root && direction ? { kind: 'gradient_step', confidence: 0.7, roles: { learning_rate: nodeTex(num[0]), variant: 'adam' } } : null;
}

/**
 * `\hat v_t = \max(\hat v_{t-1}, v_t)`: AMSGrad's second moment, the hatted accumulator kept at the largest of its
 * previous value and the current (unhatted) moment of the same name, so the effective step never grows. A running
 * maximum of data, `M_k = \max(M_{k-1}, x_k)`, compares two different quantities and has no hat-and-plain pair.
 */
function amsgradMax(ctx: Context): Hit | null {
  if (ctx.lines.length !== 1) return null;
  const { sides: parts, rels } = sides(ctx.lines[0]);
  if (rels.length !== 1 || (rels[0] !== '=' && !assignedRel(rels[0])) || parts[0].length !== 1) return null;
  const target = parts[0][0];
  const rhs = parts[1];
  if (target.type !== 'id' || target.accent !== 'hat' || indexOf(target) === '' || rhs.length !== 2 || rhs[0].type !== 'op' || rhs[0].name !== 'max' || rhs[1].type !== 'group') return null;
  const args = (rhs[1].children ?? []).filter((n) => !(n.type === 'punct' && n.name === ','));
  if (args.length !== 2 || args.some((n) => n.type !== 'id' || n.name !== target.name)) return null;
  const [prev, cur] = args;
  const ok = prev.accent === 'hat' && !cur.accent && indexOf(prev) !== indexOf(target) && indexOf(cur) === indexOf(target);
  return ok ? { kind: 'gradient_step', confidence: 0.7, roles: { moment: nodeTex({ ...target, sub: undefined, sup: undefined }), variant: 'adam' } } : null;
}
