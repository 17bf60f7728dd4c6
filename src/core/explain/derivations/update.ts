/**
 * Update rules, per variant, from the note's own update lines: plain gradient descent, momentum,
 * Nesterov's look-ahead, AdaGrad, RMSProp, Adam, and Langevin dynamics (a sampler: it climbs
 * log p and adds noise). The claims are checked against the note's lines themselves, on a
 * quadratic loss (or a linear one, for a constant gradient) and, for Langevin, a Gaussian target.
 */
import { FunctionalModel, gaussianLog, isotropicNodes, type Value } from '../check/models';
import { getNum, int, makeWorld, real, type Getter, type World } from '../check/world';
import {
  E, add, call, dens, div, fn, grad, half, idx, log, mul, neg, normal, num, pow, sq, stmt, sub, sum, sym,
} from '../expr/build';
import type { Expr } from '../expr/types';
import { nodes, substitute } from '../expr/walk';
import { detectUpdateLines, gradients, type UpdateLetters, type UpdateLine, type UpdateVariant } from '../detect/update';
import type { PlannedStep } from '../step';
import { m, step, type Built } from './common';

/** Letters the derivation brings in for its examples, avoiding any the note uses. */
function fresh(symbols: ReadonlySet<string>, candidates: readonly string[]): string {
  return candidates.find((c) => !symbols.has(c)) ?? candidates[candidates.length - 1];
}

/** c·x, written `-a x` when c is `-a`. */
function times(c: Expr, x: Expr): Expr {
  if (c.t === 'num' && c.v === 1) return x;
  if (c.t === 'num' && c.v === -1) return neg(x);
  if (c.t === 'neg') return neg(mul(c.a, x));
  return mul(c, x);
}

/** `e` with the index letter t shifted by k (`\theta_t` -> `\theta_{t+1}`). */
function shift(e: Expr, t: string, k: number): Expr {
  if (k === 0) return e;
  return substitute(e, sym(t), k > 0 ? add(sym(t), num(k)) : sub(sym(t), num(-k)));
}

/** Specs the exact() hook draws from by key: iterates, velocities and noise have their own ranges. */
const HOOK_SPECS = { '#iterate': real(-2, 2), '#velocity': real(-0.5, 0.5), '#noise': real(-1.5, 1.5) };

/** The world of an update: a quadratic (or linear) loss, random iterates, small step sizes. */
function updateWorld(seed: number, o: { t?: string; lossHeads: string[]; h: string; star: string; param: string; velocity?: string; linear?: string; zeroAt?: string[]; constantGradient?: string; density?: string; mean?: string; sd?: string; noise?: string }): World {
  const tName = o.t ?? 't';
  return makeWorld(seed, {
    name: o.linear ? 'a linear loss (a constant gradient)' : o.density ? 'a Gaussian target density' : 'a quadratic loss',
    specs: {
      [tName]: int(2, 4), [o.h]: real(0.5, 1.5), [o.star]: real(-1, 1),
      ...(o.linear ? { [o.linear]: real(-1.5, 1.5) } : {}), ...(o.mean ? { [o.mean]: real(-1, 1) } : {}), ...(o.sd ? { [o.sd]: real(0.6, 1.5) } : {}),
      [o.param]: real(-2, 2),
      ...HOOK_SPECS,
    },
    fallback: real(0.05, 0.9),
    exact: (base, index, table) => {
      if (index === undefined) return undefined;
      const t = table.num(tName);
      if (o.zeroAt?.includes(base) && index === 0) return 0;
      if (o.constantGradient && base === o.constantGradient) return table.num(o.linear ?? o.constantGradient);
      if (o.noise && base === o.noise) return table.value(`${base}_{${index}}`, '#noise');
      if (base === o.param && index <= t - (o.density ? 1 : 0)) return table.value(`${base}_{${index}}`, '#iterate');
      if (o.velocity && base === o.velocity && index <= t) return table.value(`${base}_{${index}}`, '#velocity');
      return undefined;
    },
    functions: Object.fromEntries(o.lossHeads.map((h) => [h, (args: readonly Value[], get: Getter) => {
      const th = args[0];
      if (typeof th !== 'number') return NaN;
      if (o.linear) return getNum(get, o.linear) * th;
      return 0.5 * getNum(get, o.h) * (th - getNum(get, o.star)) ** 2;
    }])),
    models: o.density && o.mean && o.sd ? {
      [o.density]: (get) => {
        const mu = getNum(get, o.mean as string);
        const s2 = getNum(get, o.sd as string) ** 2;
        return new FunctionalModel(['#x'], (main, _cond, atKey) => gaussianLog(atKey(main[0]), mu, s2), () => isotropicNodes([mu], s2));
      },
    } : undefined,
  });
}

/**
 * The note's lines with a step index: `\theta \leftarrow \theta - \eta \nabla J(\theta)` becomes
 * `\theta_{t+1} = \theta_t - \eta \nabla J(\theta_t)`, every updated letter indexed at t on the right.
 */
function indexLines(L: UpdateLetters, t: string): UpdateLine[] {
  const bases = new Set(L.lines.map((l) => l.base));
  const T = sym(t);
  // Earlier lines already give this step's value of their letter (v is updated before θ uses it).
  const done = new Set<string>();
  return L.lines.map((l) => {
    let rhs = l.rhs;
    // `\nabla_\theta J(\theta)` is the gradient in θ evaluated at the current θ_t: the variable of
    // differentiation stays, the point moves.
    for (const g of [...nodes(rhs)].filter((x) => x.t === 'grad' && x.wrt.t === 'sym' && bases.has(x.wrt.name))) {
      const w = (g as Extract<Expr, { t: 'grad' }>).wrt as Extract<Expr, { t: 'sym' }>;
      rhs = substitute(rhs, g, { t: 'at', body: g, v: w, value: idx(w.name, done.has(w.name) ? add(T, num(1)) : T) });
    }
    for (const b of bases) rhs = substitute(rhs, sym(b), idx(b, done.has(b) ? add(T, num(1)) : T));
    done.add(l.base);
    return { lhs: idx(l.base, add(T, num(1))), rhs, base: l.base };
  });
}

/** The steps of an update variant, checked against the note's own lines. */
export function updateSteps(variant: UpdateVariant, letters: UpdateLetters, symbols: ReadonlySet<string>): Built {
  let L = letters;
  const indexing: PlannedStep[] = [];
  if (!L.t && L.lines.every((l) => l.lhs.t === 'sym')) {
    const t = fresh(symbols, ['t', 'k', 'n']);
    const lines = indexLines(L, t);
    const again = detectUpdateLines(lines, symbols);
    if (!again) return { steps: [] };
    L = again.letters;
    indexing.push(step(lines.map((l) => stmt(l.lhs, 'def=', l.rhs)), 'numbering the steps',
      `Write ${m(idx(L.param.base, t))} for the value after ${m(t)} steps: the note's update${lines.length > 1 ? 's' : ''}, with the step made explicit.`,
      { assumption: `${m(t)} counts the steps`, introduces: [t] }));
  }
  const built = updateStepsIndexed(variant, L, symbols);
  return { ...built, steps: [...indexing, ...built.steps] };
}

function updateStepsIndexed(variant: UpdateVariant, L: UpdateLetters, symbols: ReadonlySet<string>): Built {
  const t = L.t;
  const P = L.param.base;
  const h = fresh(symbols, ['h', '\\kappa', 'a']);
  const star = `${P}^{*}`;
  const lossHeads = [...new Set([L.gradient?.head, ...L.lines.flatMap((l) => [...gradHeads(l.rhs)])].filter((x): x is string => !!x && !/^[pP]/.test(x)))];
  // Accumulators of adaptive methods start at zero and follow their recurrence: no random values.
  const adaptive = variant === 'adam' || variant === 'rmsprop' || variant === 'adagrad';
  const base = { t, lossHeads, h, star, param: P, velocity: adaptive ? undefined : L.velocity?.base };
  const world = (seed: number) => (updateWorld(seed, base));
  if (!t) return { steps: [], world };
  const T = sym(t);
  const Pt = (k: number) => idx(P, k === 0 ? T : k > 0 ? add(T, num(k)) : sub(T, num(-k)));
  const lossHead = lossHeads[0];
  const quadratic = lossHead ? quadraticExample(lossHead, P, h, star) : undefined;
  const steps: PlannedStep[] = [];
  switch (variant) {
    case 'plain': {
      if (!L.gradient || !L.rate || !lossHead || !quadratic) break;
      const g0 = L.gradient.node;
      const descent = L.rate.t === 'neg' || (L.rate.t === 'num' && L.rate.v < 0);
      const eta = L.rate.t === 'neg' ? L.rate.a : L.rate.t === 'num' ? num(-L.rate.v) : L.rate;
      steps.push(step(stmt(sub(Pt(1), Pt(0)), '=', times(L.rate, g0)), 'the update rule',
        `Each step moves ${m(P)} by ${m(L.rate)} times the gradient: ${descent ? 'against' : 'along'} the direction in which ${m(lossHead)} ${descent ? 'increases' : 'increases, so it climbs'}.`));
      steps.push(quadratic);
      steps.push(step(stmt(g0, '=', mul(sym(h), sub(Pt(0), sym(star)))), 'gradient of the quadratic',
        `On that loss the gradient is proportional to the distance from the minimum.`, { example: true, introduces: [h, star] }));
      steps.push(step(stmt(sub(Pt(1), sym(star)), '=', mul({ t: 'paren', a: add(num(1), times(L.rate, sym(h))) }, sub(Pt(0), sym(star)))), 'substituting the gradient',
        `So each step multiplies the distance to the minimum by the same factor.`, { example: true, introduces: [h, star] }));
      if (descent) {
        steps.push(step(stmt(sub(call(lossHead, Pt(1)), call(lossHead, Pt(0))), '=', neg(mul(eta, { t: 'paren', a: sub(num(1), mul(half, eta, sym(h))) }, sq(g0)))), 'the loss after one step, exactly',
          `On a quadratic the change in the loss is exactly this product, negative as long as ${m(mul(eta, sym(h)))} is below 2.`, { example: true, introduces: [h, star] }));
        steps.push(step(stmt(call(lossHead, Pt(1)), '<=', call(lossHead, Pt(0))), 'a small enough step decreases the loss',
          `Hence the loss goes down at every step when the step size is below ${m(div(num(2), sym(h)))}; beyond it the iterates overshoot and diverge.`,
          { assumption: `$0 < ${texOf(eta)} < 2/${h}$`, example: true, introduces: [h, star] }));
        steps.push(step(stmt(fn('abs', sub(Pt(3), sym(star))), '=', mul(pow(fn('abs', add(num(1), times(L.rate, sym(h)))), 3), fn('abs', sub(Pt(0), sym(star))))), 'iterating the contraction',
          `After k steps the distance has shrunk by the factor's k-th power: convergence is geometric, fastest when ${m(mul(eta, sym(h)))} is near 1.`, { example: true, introduces: [h, star] }));
      }
      break;
    }
    case 'momentum': case 'nesterov': {
      const V = L.velocity;
      if (!V || !L.gradient || !L.keep || !L.push || !lossHead || !quadratic) break;
      const Vt = (k: number) => idx(V.base, k === 0 ? T : k > 0 ? add(T, num(k)) : sub(T, num(-k)));
      const g0 = L.gradient.node;
      const gAt = (k: number) => shift(g0, t, k);
      if (variant === 'nesterov') {
        const look = `\\tilde{${P}}`;
        const lookT = (k: number) => idx(look, k === 0 ? T : add(T, num(k)));
        steps.push(step(stmt(lookT(0), ':=', L.gradient.point), 'naming the look-ahead point',
          `Nesterov's method takes the gradient at ${m(L.gradient.point)}: where the momentum is about to carry the parameters, not where they are.`));
        const gLook = substitute(g0, L.gradient.point, lookT(0));
        steps.push(step(stmt(Vt(1), '=', add(times(L.keep, Vt(0)), times(L.push, gLook))), 'the gradient at the look-ahead point',
          `In that variable the velocity update is a momentum step whose gradient is read at the look-ahead point.`));
        steps.push(step(stmt(lookT(1), '=', add(lookT(0), times(L.push, gLook), times(L.keep, Vt(1)))), 'the look-ahead iterates',
          `Followed in the look-ahead variable, each step is a gradient step from the point where the gradient was taken, plus momentum.`));
        steps.push(quadratic);
        steps.push(step(stmt(times(L.push, sub(gLook, substitute(g0, L.gradient.point, Pt(0)))), '=', times(L.push, mul(sym(h), times(L.keep, Vt(0))))), 'the correction, on a quadratic',
          `Compared with plain momentum, the velocity changes by a term proportional to the velocity itself: it brakes before overshooting, which is why Nesterov's method oscillates less.`,
          { example: true, introduces: [h, star] }));
      } else {
        steps.push(step(stmt(Vt(2), '=', add(times(pow(L.keep, 2), Vt(0)), times(L.push, add(times(L.keep, gAt(0)), gAt(1))))), 'unrolling the velocity',
          `Unrolled, the velocity is a sum of past gradients weighted by powers of ${m(L.keep)}: recent gradients count most, and consistent directions add up.`));
        const g = fresh(symbols, ['g', 'c', 'b']);
        const linearWorld = (seed: number) => (updateWorld(seed, { ...base, linear: g }));
        steps.push(step(stmt(Vt(3), '=', add(times(pow(L.keep, 3), Vt(0)), times(L.push, mul(sym(g), { t: 'paren', a: add(num(1), L.keep, pow(L.keep, 2)) })))), 'a constant gradient',
          `With a constant gradient ${m(g)} the velocity is a geometric sum, so it settles at ${m(div(times(L.push, sym(g)), sub(num(1), L.keep)))}: momentum multiplies the effective step size by ${m(div(num(1), sub(num(1), L.keep)))}.`,
          { example: true, assumption: `the loss is linear, with constant gradient $${g}$`, introduces: [g], world: linearWorld }));
        steps.push(quadratic);
        steps.push(step(stmt(Vt(1), '=', add(times(L.keep, Vt(0)), times(L.push, mul(sym(h), sub(Pt(0), sym(star)))))), 'the velocity on a quadratic',
          `On the quadratic the velocity update pulls towards the minimum in proportion to the distance, while keeping ${m(L.keep)} of its previous value.`,
          { example: true, introduces: [h, star] }));
      }
      break;
    }
    case 'adam': case 'rmsprop': case 'adagrad': {
      steps.push(...accumulatorSteps(variant, L, symbols, base));
      break;
    }
    case 'langevin': {
      steps.push(...langevinSteps(L, symbols));
      return { steps, world: (seed) => (updateWorld(seed, { ...base, density: L.gradient?.head, mean: fresh(symbols, ['\\mu', 'm']), sd: fresh(symbols, ['\\sigma', 's']), noise: noiseBase(L), param: P })) };
    }
  }
  return { steps, world };
}

function texOf(e: Expr): string {
  return e.t === 'sym' ? e.name : e.t === 'num' ? String(e.v) : '';
}

function gradHeads(e: Expr): string[] {
  const out: string[] = [];
  const visit = (x: Expr): void => {
    if (x.t === 'call') out.push(x.head);
    for (const k of Object.values(x)) {
      if (k && typeof k === 'object' && 't' in (k as object)) visit(k as Expr);
      if (Array.isArray(k)) for (const y of k) if (y && typeof y === 'object' && 't' in y) visit(y as Expr);
    }
  };
  visit(e);
  return out;
}

function noiseBase(L: UpdateLetters): string | undefined {
  return L.noise?.t === 'idx' ? L.noise.base : undefined;
}

/** The quadratic example every descent derivation is checked on. */
function quadraticExample(lossHead: string, P: string, h: string, star: string): PlannedStep {
  return step(stmt(call(lossHead, sym(P)), '=', mul(half, sym(h), sq(sub(sym(P), sym(star))))), 'an example loss: a quadratic',
    `To see what the update does, take a quadratic loss with curvature ${m(h)} and minimum at ${m(star)}, the shape of any smooth loss near its minimum.`,
    { example: true, assumption: `the loss is the quadratic $\\tfrac{1}{2}${h}(${P}-${star})^2$`, introduces: [h, star] });
}

/**
 * Adam written as its last line only: the moment estimates it refers to, as Adam defines them,
 * become definition steps (started at zero) so the rest of the derivation can be checked.
 */
function adamMoments(L: UpdateLetters, symbols: ReadonlySet<string>): { lines: UpdateLine[]; step?: PlannedStep } {
  const t = L.t as string;
  const T = sym(t);
  if (L.lines.some((l) => l.base === 'm' || l.base === 'v')) return { lines: [] };
  const grad = gradients(L.param.rhs)[0];
  if (!grad) return { lines: [] };
  const g = fresh(symbols, ['g', 'G']);
  const b1 = '\\beta_1';
  const b2 = '\\beta_2';
  const gt = idx(g, T);
  const line = (base: string, rhs: Expr): UpdateLine => ({ lhs: idx(base, T), rhs, base });
  const lines = [
    line(g, grad.node),
    line('m', add(mul(sym(b1), idx('m', sub(T, num(1)))), mul({ t: 'paren', a: sub(num(1), sym(b1)) }, gt))),
    line('v', add(mul(sym(b2), idx('v', sub(T, num(1)))), mul({ t: 'paren', a: sub(num(1), sym(b2)) }, sq(gt)))),
    line('\\hat{m}', div(idx('m', T), sub(num(1), pow(sym(b1), T)))),
    line('\\hat{v}', div(idx('v', T), sub(num(1), pow(sym(b2), T)))),
  ];
  const introduces = [g, 'm', 'v', b1, b2, '\\hat{m}', '\\hat{v}'].filter((x) => !symbols.has(x));
  return {
    lines,
    step: step(lines.map((l) => stmt(l.lhs, 'def=', l.rhs)), "Adam's moment estimates",
      `Adam keeps exponential moving averages of the gradient ${m(gt)} and of its square, both started at zero, and corrects them for that start.`,
      { assumption: `the moments are Adam's, with decay rates ${m(b1)} and ${m(b2)}, started at zero`, introduces }),
  };
}

/** Adam, RMSProp and AdaGrad: the accumulators unrolled, their weights, a constant gradient. */
function accumulatorSteps(variant: 'adam' | 'rmsprop' | 'adagrad', letters: UpdateLetters, symbols: ReadonlySet<string>, base: Parameters<typeof updateWorld>[1]): PlannedStep[] {
  const t = letters.t as string;
  const T = sym(t);
  const out: PlannedStep[] = [];
  let L = letters;
  if (variant === 'adam') {
    const moments = adamMoments(L, symbols);
    if (moments.step) {
      out.push(moments.step);
      L = { ...L, lines: [...L.lines, ...moments.lines] };
      symbols = new Set([...symbols, ...moments.lines.map((l) => l.base), '\\beta_1', '\\beta_2']);
    }
  }
  // Accumulator lines `X_t = a X_{t-1} + c G_t` with the index t on the left.
  const accs = L.lines.filter((l) => l !== L.param && l.lhs.t === 'idx' && l.lhs.index.t === 'sym' && l.lhs.index.name === t && !/^\\hat/.test(l.base) && splitRecurrence(l.rhs, l.base, t) !== undefined);
  const gBase = [...symbols].find((x) => /^(?:g|G|\\mathbf\{g\})$/.test(x) && L.lines.some((l) => l.base === x || JSON.stringify(l.rhs).includes(`"base":"${x}"`)));
  const constWorld = (seed: number) => (updateWorld(seed, { ...base, linear: gBase ?? 'g', constantGradient: gBase, zeroAt: accs.map((a) => a.base) }));
  const zeroWorld = (seed: number) => (updateWorld(seed, { ...base, zeroAt: accs.map((a) => a.base) }));
  for (const acc of accs) {
    const parts = splitRecurrence(acc.rhs, acc.base, t);
    if (!parts) continue;
    const s = fresh(symbols, ['s', 'k', 'j']);
    const G = (e: Expr) => substitute(parts.input, T, e);
    const X = (e: Expr) => idx(acc.base, e);
    const unrolled = parts.keep.t === 'num' && parts.keep.v === 1
      ? sum(s, times(parts.gain, G(sym(s))), 1, T)
      : sum(s, times(parts.gain, mul(pow(parts.keep, sub(T, sym(s))), G(sym(s)))), 1, T);
    out.push(step(stmt(X(T), '=', unrolled), 'unrolling the recurrence from zero',
      `Started at ${m(X(num(0)))} = 0, ${m(X(T))} is a sum over all past steps${parts.keep.t === 'num' ? ', each counted once: it only grows' : `, weighted by powers of ${m(parts.keep)}: an exponential moving average`}.`,
      { assumption: `${m(X(num(0)))} = 0`, world: zeroWorld }));
    if (parts.keep.t !== 'num') {
      out.push(step(stmt(sum(s, times(parts.gain, pow(parts.keep, sub(T, sym(s)))), 1, T), '=', sub(num(1), pow(parts.keep, T))), 'the weights of the average',
        `The weights add up to ${m(sub(num(1), pow(parts.keep, T)))}, less than one early on: ${variant === 'adam' ? 'dividing by it (bias correction) makes a true weighted average' : 'without a correction the average starts too small'}.`,
        { world: zeroWorld }));
    }
  }
  const hats = L.lines.filter((l) => /^\\hat/.test(l.base));
  if (variant === 'adam' && gBase) {
    for (const hat of hats) {
      const isSecond = /v/.test(hat.base);
      out.push(step(stmt(hat.lhs, '=', isSecond ? sq(sym(gBase)) : sym(gBase)), 'bias correction, for a constant gradient',
        `With a constant gradient ${m(gBase)} the corrected ${isSecond ? 'second moment is its square' : 'first moment is the gradient itself'}, from the very first step.`,
        { example: true, assumption: `the gradient is constant, ${m(gBase)} at every step`, world: constWorld }));
    }
  }
  if (gBase && accs.length > 0 && (variant === 'adagrad' || variant === 'rmsprop')) {
    const acc = accs[accs.length - 1];
    const parts = splitRecurrence(acc.rhs, acc.base, t);
    if (parts) {
      const value = parts.keep.t === 'num' && parts.keep.v === 1 ? mul(T, sq(sym(gBase))) : mul({ t: 'paren', a: sub(num(1), pow(parts.keep, T)) }, sq(sym(gBase)));
      out.push(step(stmt(idx(acc.base, T), '=', value), 'a constant gradient',
        variant === 'adagrad' ? `With a constant gradient the sum grows like ${m(T)}, so the effective step size shrinks like one over its square root.` : 'With a constant gradient the average approaches the squared gradient, so the step becomes about the learning rate in every coordinate.',
        { example: true, assumption: `the gradient is constant, ${m(gBase)} at every step`, world: constWorld }));
    }
  }
  if (variant === 'adagrad' && accs.length > 0) {
    const acc = accs[accs.length - 1];
    out.push(step(stmt(idx(acc.base, add(T, num(1))), '>=', idx(acc.base, T)), 'the sum never decreases',
      'The accumulated squares only grow, so the step size of every coordinate only shrinks: large early gradients slow a coordinate for good.', { world: zeroWorld }));
  }
  return out;
}

/** `a X_{t-1} + c G_t` as keep a, gain c and input G_t (G may be a squared gradient). */
function splitRecurrence(rhs: Expr, baseName: string, t: string): { keep: Expr; gain: Expr; input: Expr } | undefined {
  const terms = rhs.t === 'add' ? rhs.terms : [rhs];
  if (terms.length !== 2) return undefined;
  const isPrev = (e: Expr) => e.t === 'idx' && e.base === baseName;
  const old = terms.find((x) => isPrev(x) || (x.t === 'mul' && x.fs.some(isPrev)));
  const other = terms.find((x) => x !== old);
  if (!old || !other) return undefined;
  const keep = isPrev(old) ? num(1) : ((old as Extract<Expr, { t: 'mul' }>).fs.filter((f) => !isPrev(f)));
  const keepExpr = Array.isArray(keep) ? (keep.length === 1 ? keep[0] : mul(...keep)) : keep;
  // The new input: the factor that carries the index t (g_t, g_t^2, a gradient at θ_t).
  const mentionsT = (e: Expr): boolean => JSON.stringify(e).includes(`"name":"${t}"`);
  let gain: Expr = num(1);
  let input: Expr = other;
  if (other.t === 'mul') {
    const k = other.fs.findIndex(mentionsT);
    if (k < 0) return undefined;
    input = other.fs[k];
    const rest = other.fs.filter((_, i) => i !== k);
    gain = rest.length === 1 ? rest[0] : mul(...rest);
  }
  return { keep: keepExpr, gain, input };
}

/** Langevin dynamics: the drift climbs the log-density, the noise keeps it exploring; a Gaussian example. */
function langevinSteps(L: UpdateLetters, symbols: ReadonlySet<string>): PlannedStep[] {
  const score = L.gradient;
  if (!score || !L.drift || !L.spread || !L.noise || !L.t) return [];
  const a = L.drift;
  const b = L.spread;
  const xNext = L.param.lhs;
  const driftTerm = add(substituteFirstTerm(L.param.rhs, score.node), times(a, score.node));
  const mean = fresh(symbols, ['\\mu', 'm']);
  const sd = fresh(symbols, ['\\sigma', 's']);
  const s2 = sq(sym(sd));
  const head = score.head;
  const x = sym('x');
  const assumption = `the target is Gaussian, ${m(head)} = $\\mathcal{N}(${mean}, ${sd}^2)$`;
  const prev = score.point;
  const r = sub(num(1), div(a, s2));
  const V = div(sq(b), sub(num(1), sq({ t: 'paren', a: r })));
  return [
    step(stmt(E(normal(num(0), num(1)), xNext, [L.noise]), '=', driftTerm), 'the mean of one step',
      `On average a step moves by ${m(a)} times the score ${m(score.node)}: it climbs the log-density towards more probable points. It is a sampler, not descent on a loss.`),
    step(stmt(E(normal(num(0), num(1)), sq(sub(xNext, driftTerm)), [L.noise]), '=', sq(b)), 'the variance of one step',
      `Around that mean it adds noise of variance ${m(sq(b))}, so the chain keeps exploring instead of stopping at a mode.`),
    step(stmt(grad(x, log(dens(head, [x]))), '=', neg(div(sub(x, sym(mean)), s2))), 'the score of a Gaussian',
      `For a Gaussian target the score points back to the mean, more strongly the narrower the target.`,
      { example: true, assumption, introduces: [mean, sd] }),
    step(stmt(driftTerm, '=', add(sym(mean), mul({ t: 'paren', a: r }, sub(prev, sym(mean))))), 'the drift, for a Gaussian target',
      `So a step shrinks the distance to the mean by the factor ${m(r)} and adds noise.`, { example: true, assumption, introduces: [mean, sd] }),
    step(stmt(add(mul(sq({ t: 'paren', a: r }), V), sq(b)), '=', V), 'the stationary variance',
      `If the samples have variance ${m(V)} around the mean, one step keeps it: the chain has a stationary Gaussian distribution.`,
      { example: true, assumption, introduces: [mean, sd] }),
    step(stmt(sq(b), '=', mul(num(2), a)), 'the Langevin scaling',
      `The noise variance is twice the drift coefficient, the scaling of Langevin dynamics.`),
    step(stmt(V, '=', div(s2, sub(num(1), div(a, mul(num(2), s2))))), 'close to the target for a small step',
      `With that scaling the stationary variance is ${m(div(s2, sub(num(1), div(a, mul(num(2), s2)))))}, which tends to the target's ${m(s2)} as the step shrinks: the chain samples from ${m(head)}.`,
      { example: true, assumption, introduces: [mean, sd] }),
  ];
}

/** The right side without the score and noise terms: the previous point. */
function substituteFirstTerm(rhs: Expr, scoreNode: Expr): Expr {
  const terms = rhs.t === 'add' ? rhs.terms : [rhs];
  const first = terms.find((x) => !JSON.stringify(x).includes(JSON.stringify(scoreNode)) && !(x.t === 'mul' && x.fs.some((f) => f.t === 'fn' && f.f === 'sqrt')));
  return first ?? rhs;
}
