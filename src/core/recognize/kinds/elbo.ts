/**
 * Evidence lower bound: `\mathbb{E}_q[\log p(x,z) - \log q(z|x)]`, the reconstruction-minus-KL
 * form, `\log p(x) = \mathcal{L} + KL`, `\log p(x) \ge ...`, a log ratio averaged over its
 * denominator, or the variational free energy against an unnormalized density.
 */
import type { MathNode } from '../../parse/tree';
import type { Context, LogUse } from '../context';
import type { Hit } from '../types';
import { argsTex } from './probability';
import { appKey, evidenceAsItsOwnAverage, isDensityApp, isKLOperator, isParameter, klApps, logRatios, measureDensity, sameLetter } from '../math';
import { densityRoles } from '../roles';
import { gaussianClosedForm } from './kl';
import { allNodes, appAt, firstApp, forEachSeq, isDensityName, isExpectation, nodeTex, sides, some, terms, tex, type App } from '../query';

/** True when a log stands after a minus, directly or through the expectation it sits in. */
export function negated(log: LogUse, ctx: Context): boolean {
  if (log.negated) return true;
  const prev = log.seq[log.index - 1];
  if (prev && prev.type === 'id' && prev.name === 'E') {
    const pp = log.seq[log.index - 2];
    return pp !== undefined && pp.type === 'bin' && pp.name === '-';
  }
  for (const e of ctx.expectations) {
    // `- \lambda\, \mathbb{E}_s[\log s(z)]`, `- c \times \mathbb{E}_q[...]`: a weight between the
    // minus and the average does not change its sign.
    if (e.body === log.seq && log.index === 0) {
      let k = e.index - 1;
      while (k >= 0 && (e.seq[k].type === 'id' || e.seq[k].type === 'text' || e.seq[k].type === 'num' || (e.seq[k].type === 'bin' && e.seq[k].name === '*'))) k--;
      const before = e.seq[k];
      if (before && before.type === 'bin' && before.name === '-') return true;
    }
  }
  return false;
}

/** `\log p(x)`, `\log p_\theta(x)`, `\log p(x;\theta)`, `\log Z(\theta)`: a log evidence or log normalizer. */
function isLogEvidence(side: readonly MathNode[]): boolean {
  let s = side;
  if (s[0] && s[0].type === 'bin' && s[0].name === '-') s = s.slice(1);
  // `\ell(\theta)`: the log-likelihood of the data as a function of the parameter.
  if (s.length === 2 && s[0].type === 'id' && s[0].name === 'ell' && s[1].type === 'group' && isParameter(s[1].children?.filter((n) => n.type !== 'punct').slice(0, 1) ?? [])) return true;
  // `\log(p_\theta(x))`, `log(p(x))` as typed in code: the density in the log's own parentheses.
  if (s.length === 2 && s[0].type === 'op' && s[0].name === 'log' && s[1].type === 'group' && s[1].name === '(' && (s[1].children ?? []).length === 2) s = [s[0], ...(s[1].children ?? [])];
  if (s.length < 3 || s.length > 4 || s[0].type !== 'op' || s[0].name !== 'log') return false;
  const a = appAt(s as MathNode[], 1);
  if (!a) return false;
  if (a.fn.type === 'id' && a.fn.name === 'Z') return true;
  // `\log P(\mathcal D | \theta)`: the evidence given the parameter only.
  return isDensityName(a.fn) && a.cond.every((c) => isParameter(c)) && a.main.length === 1;
}

/**
 * `\mathbb{E}_{x \sim p_{data}}[\ln p_{model}(x)]`: the log evidence averaged over the data set (over the data, not a
 * posterior `\mathbb{E}_{z | \mathcal{D}, \theta^{t-1}}`, and of a log, not of EM's `\ell_c(\theta)`).
 */
function isExpectedLogEvidence(s: readonly MathNode[]): boolean {
  if (s.length !== 2 || s[0].type !== 'id' || s[0].name !== 'E' || !s[0].sub || s[0].sub.some((n) => n.type === 'bar') || s[1].type !== 'group' || s[1].name !== '[') return false;
  const inner = s[1].children ?? [];
  return inner[0]?.type === 'op' && inner[0].name === 'log' && isLogEvidence(inner);
}

/** Detects an ELBO. */
export function detectELBO(ctx: Context): Hit | null {
  if (gradientOfNamedBound(ctx) || evidenceAsItsOwnAverage(ctx)) return null;
  if (ctx.ops.has('ELBO')) return { kind: 'elbo', confidence: 0.95, roles: densityRoles(ctx) };
  // `L_{VLB}`, `\mathcal{L}_{\text{ELBO}}`, `\mathcal{L}_{\text{IWAE}}`: a quantity named as the variational bound (or its importance-weighted form).
  if (ctx.nodes.some((n) => n.type === 'id' && n.sub?.some((m) => (m.type === 'id' || m.type === 'op' || m.type === 'text') && /^(?:VLB|vlb|ELBO|elbo|VB|ELB|IWAE|iwae)$/.test(m.name)))) {
    return { kind: 'elbo', confidence: 0.9, roles: densityRoles(ctx) };
  }
  if (boundPlusLabelEntropy(ctx)) return { kind: 'elbo', confidence: 0.8, roles: { ...densityRoles(ctx), variant: 'bound averaged over a latent label, plus its entropy' } };
  const functional = variationalFunctional(ctx);
  if (functional) return { kind: 'elbo', confidence: 0.8, roles: { ...densityRoles(ctx), bound: functional, variant: 'functional of the variational distribution' } };
  if (importanceWeighted(ctx)) return { kind: 'elbo', confidence: 0.85, roles: { ...densityRoles(ctx), variant: 'importance-weighted' } };
  const named = namedTerms(ctx);
  if (named) return { kind: 'elbo', confidence: 0.8, roles: { ...densityRoles(ctx), variant: named } };
  // A reconstruction error beside the closed-form Gaussian KL to the prior: the VAE's loss written out.
  if (ctx.seqs.some(gaussianClosedForm) && (ctx.nodes.some((n) => n.type === 'group' && (n.name === '||' || n.name === '(') && n.sup?.[0]?.name === '2' && (n.children ?? []).some((m) => m.type === 'bin' && m.name === '-')) || ctx.nodes.some((n) => n.type === 'par'))) {
    return { kind: 'elbo', confidence: 0.8, roles: { ...densityRoles(ctx), variant: 'reconstruction plus closed-form KL' } };
  }
  if (freeEnergy(ctx)) return { kind: 'elbo', confidence: 0.85, roles: { ...densityRoles(ctx), variant: 'free energy' } };
  if (sampledBound(ctx)) return { kind: 'elbo', confidence: 0.8, roles: { ...densityRoles(ctx), variant: 'Monte Carlo estimate' } };
  // (`D_{KL}(q \| p(z|x)) = \int q \log \frac{q}{p(z, x)} dz + \log p(x)`: a KL on the left split into the negative bound and
  // the log evidence is a fact about that KL.)
  if (logRatios(ctx).some((r) => r.shape === 'elbo' && !(r.negativeBound && klOnLeftOf(ctx)))) return { kind: 'elbo', confidence: 0.85, roles: densityRoles(ctx) };
  // E_q[log p(...) - log q(...)]: the entropy term of the measure itself, plus a log of another density.
  for (const e of ctx.expectations) {
    const m = measureDensity(e.measure);
    // A variational family may be named by any letter (`\mathbb{E}_s`), as long as its own log appears.
    // (Or by its bare letter under the log, `\mathbb{E}_s[\log s]`.)
    const bareOwn = (l: LogUse): boolean => !l.app && l.arg.length === 1 && l.arg[0].type === 'id' && l.arg[0].name === m?.node.name && !l.arg[0].sub;
    if (!m || (!isDensityName(m.node) && !ctx.logs.some((l) => (l.app?.fn.type === 'id' && l.app.fn.name === m.node.name) || bareOwn(l)))) continue;
    const measureKey = m.app ? appKey(m.app) : nodeTex(m.node);
    // A measure written without arguments (`\mathbb{E}_{\tilde P}`) is the same density as its log's
    // whatever scripts that log adds (`\log \tilde P_\theta(Z)`).
    // (With arguments, the same letter of the same variable is the same density whatever else is written beside it:
    // `\mathbb{E}_{z \sim q(z, x)}[\dots - \log q(z | x)]` writes the conditioning with a comma in one place.)
    const sameDensity = (a: App, b: App): boolean => appKey(a) === appKey(b) || (nodeTex(a.fn) === nodeTex(b.fn) && a.main.length > 0 && b.main.length > 0 && tex(a.main[0]) === tex(b.main[0]) && argsTex([...a.main, ...a.cond]) === argsTex([...b.main, ...b.cond]));
    const matches = (a: App): boolean => (m.app ? sameDensity(a, m.app) : nodeTex(a.fn) === measureKey || (a.fn.type === 'id' && a.fn.name === m.node.name && a.fn.accent === m.node.accent));
    let own = false;
    let other = false;
    for (const log of ctx.logs) {
      if (bareOwn(log) && negated(log, ctx)) own = true;
      if (!log.app) continue;
      // The measure's own log may carry any letter (`\mathbb{E}_s[\log s(z)]`); the other must be a density.
      if (matches(log.app) && negated(log, ctx)) own = true;
      else if (isDensityApp(log.app) && !matches(log.app)) other = true;
    }
    if (own && other) return { kind: 'elbo', confidence: 0.9, roles: densityRoles(ctx) };
  }
  if (unmeasuredBound(ctx)) return { kind: 'elbo', confidence: 0.8, roles: densityRoles(ctx) };
  const kls = klApps(ctx);
  // E_{q(z|x)}[log p(x|z)] with KL(q(z|x) || p(z)) anywhere: the two terms of the bound, even
  // when the KL is a constraint (`subject to KL < \delta`, a constrained beta-VAE).
  const expectedLik = ctx.expectations.find((e) => {
    const m = measureDensity(e.measure);
    // (The decoder's variable is not the encoder's: `\log p(x | z)` under `q(z | x)`. A log of the measure's own variable,
    // `\mathbb{E}_{P(x | \theta^*)}[\log P(x | \theta)]`, is the forward KL's cross term.)
    const own = (a: App): boolean => a.main.map(tex).join(',') === m!.app!.main.map(tex).join(',');
    return m?.app !== undefined && m.app.cond.length > 0 && ctx.logs.some((l) => l.app && isDensityApp(l.app) && (l.seq === e.body || l.seq === e.seq) && l.app.cond.length > 0 && appKey(l.app) !== appKey(m.app!) && !own(l.app));
  });
  if (expectedLik) {
    const key = appKey(measureDensity(expectedLik.measure)!.app!);
    if (kls.some((k) => { const f = firstApp(k.first); return f !== undefined && appKey(f) === key; }) && !klOnLeftOf(ctx)) {
      return { kind: 'elbo', confidence: 0.85, roles: densityRoles(ctx) };
    }
  }
  if (klWrittenOutBound(ctx)) return { kind: 'elbo', confidence: 0.85, roles: densityRoles(ctx) };
  if (perStepKLBound(ctx)) return { kind: 'elbo', confidence: 0.8, roles: { ...densityRoles(ctx), variant: 'sum of per-step KLs' } };
  // A squared reconstruction error plus a KL: the VAE's loss (`|x - \hat x|^2 + D_{KL}(q \| p)`).
  if (kls.length > 0 && ctx.nodes.some((n) => n.type === 'id' && n.accent === 'hat') && squaredDifference(ctx)) return { kind: 'elbo', confidence: 0.8, roles: { ...densityRoles(ctx), variant: 'as a loss' } };
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    // log p(x) = L + KL, log p(x) >= E[...] - KL, log Z = KL - J >= -J.
    // (`:=`, `\triangleq`: a name given to the bound at the end of its derivation.)
    if (rels.length > 0 && rels.every((r) => r === '=' || r === '>=' || r === '<=' || r === ':=')) {
      // (The expected log-likelihood of the data counts only bounded: `= -H(p_{data}) - \mathrm{KL}(p_{data} \| p_\theta)` is the MLE-KL identity.)
      const bounded = rels.includes('>=') || rels.includes('<=');
      const ev = parts.findIndex((p) => isLogEvidence(p) || (bounded && isExpectedLogEvidence(p)));
      // (`\ell(\theta^{(t+1)}) \ge \ell(\theta^{(t)})`: the log-likelihood against itself at another iterate is EM's
      // monotonicity, no bound.)
      if (ev >= 0 && !parts.every((p) => isLogEvidence(p))) {
        const rest = parts.filter((_, k) => k !== ev);
        // A log-likelihood bounded from below by anything is the bound EM and VI maximize.
        // (`\log \mathbb{E}_q[p(x,z)/q(z|x)]`, the log of an average, is the evidence itself rewritten.)
        // (A side that is only `-\mathcal{L}(\theta, \mathcal{D})` renames the log-likelihood as a loss; it bounds nothing.)
        const named = (p: readonly MathNode[]): boolean => some(p, (n) => n.type === 'id' && n.font === 'cal' && n.name === 'L') && (terms(p).length >= 2 || rels.includes('<='));
        const bound = rels.includes('>=') || rest.some((p) => some(p, (n) => isKLOperator(n)) || named(p) || averageNotUnderLog(p));
        if (bound) return { kind: 'elbo', confidence: 0.9, roles: densityRoles(ctx) };
      }
    }
    // `F = -\log p(x) + KL(q(z|x) \| p(z|x))`: the log evidence and the posterior's KL as terms of
    // one side, the free energy (minus the ELBO) written through the gap.
    for (const part of parts) {
      const ts = terms(part);
      const evidence = ts.some((t) => isLogEvidence(t.nodes));
      // (The approximation may be named by its bare letter, `D_{KL}(Q \| p_{z|x})`, as EM's notes write it.)
      // (Or from any density to a posterior, `\mathrm{KL}(q(z) \| p(z | x))`: the second argument conditioned on the data.)
      const approx = (k: { first: MathNode[]; second: MathNode[] }): boolean => {
        const f = firstApp(k.first);
        const g = firstApp(k.second);
        return (f !== undefined && f.cond.length > 0) || (k.first.length === 1 && k.first[0].type === 'id' && /^[qQ]$/.test(k.first[0].name))
          || (f !== undefined && g !== undefined && isDensityName(g.fn) && g.cond.length > 0);
      };
      const gap = ts.some((t) => t.nodes.some((n) => isKLOperator(n)) && kls.some(approx));
      if (evidence && gap) return { kind: 'elbo', confidence: 0.85, roles: densityRoles(ctx) };
    }
    // E_q[log p(x|z)] - KL(q || p), or its negative as a loss: an expected log-likelihood and a KL
    // from the variational distribution, with opposite signs on the same side.
    // (Without an average, the log of a decoder, `-\log p_\theta(x | z) + D_{KL}(q_\phi(z | x) \| p(z))`, is the one-sample
    // reconstruction term: the VAE's loss as notes write it for one drawn code.)
    const decoderLog = (nodes: readonly MathNode[]): boolean => ctx.logs.some((l) => nodes.includes(l.seq[l.index]) && l.app !== undefined && isDensityApp(l.app)
      && l.app.cond.some((c) => c.length === 1 && c[0].type === 'id' && /^[zh]$/.test(c[0].name)));
    if (kls.length === 0 || (ctx.expectations.length === 0 && !decoderLog(line))) continue;
    // On a side, or inside an average over the data that holds the two (`\mathbb{E}_{x \sim D}[\mathbb{E}_q[\log p(x|z)] - KL]`).
    const within = new Set(allNodes(line));
    const inner = ctx.seqs.filter((q) => q !== line && q.length > 0 && within.has(q[0]) && q.some(isKLOperator));
    for (const part of [...parts, ...inner]) {
      // (Inside an average's brackets, `\mathbb{E}_q[\log p(x_t | z_t) - \mathrm{KL}(\dots)]`, the log term is averaged too.)
      const averaged = ctx.expectations.some((e) => e.body === part);
      let klSign = 0;
      let logSign = 0;
      for (const t of terms(part)) {
        const kl = t.nodes.find(isKLOperator);
        if (kl) {
          const app = kls.find((k) => k.app.fn === kl);
          const first = app ? firstApp(app.first) : undefined;
          // (`D_{KL}(q \| p)`, `\mathrm{KL}(q_\phi \| p)`: the variational density named by its bare letter.)
          const bareQ = app !== undefined && app.first.length === 1 && app.first[0].type === 'id' && /^[qQ]$/.test(app.first[0].name);
          if ((first && isDensityName(first.fn) && (first.fn.name.toLowerCase() === 'q' || first.cond.length > 0)) || bareQ) klSign = t.sign;
        } else if (some(t.nodes, (m) => m.type === 'op' && m.name === 'log') && (averaged || some(t.nodes, (m) => m.type === 'id' && m.name === 'E') || decoderLog(t.nodes))) logSign = t.sign;
      }
      if (klSign !== 0 && logSign !== 0 && klSign !== logSign) return { kind: 'elbo', confidence: 0.9, roles: densityRoles(ctx) };
    }
  }
  return null;
}

/** True when some line starts with a KL and goes on with a relation: it is about the KL. */
function klOnLeftOf(ctx: Context): boolean {
  return ctx.lines.some((line) => line.length > 2 && isKLOperator(line[0]) && line[1].type === 'group' && line.some((n) => n.type === 'rel'));
}

/**
 * The importance-weighted bound: a log of an average of weights `p(x, z_k) / q(z_k | x)`,
 * `\log \frac1K \sum_k \frac{p(x,z_k)}{q(z_k|x)}` (IWAE), in or out of an expectation.
 */
function importanceWeighted(ctx: Context): boolean {
  for (const log of ctx.logs) {
    // The log's argument runs on to the end of its term: `\log \frac1K \sum_k \frac{...}{...}`.
    const rest: MathNode[] = [];
    for (let k = log.index + 1; k < log.seq.length; k++) {
      const n = log.seq[k];
      if (n.type === 'rel' || (n.type === 'bin' && (n.name === '+' || n.name === '-'))) break;
      rest.push(n);
    }
    const arg = log.arg.length > rest.length ? log.arg : rest;
    if (!some(arg, (n) => n.type === 'op' && n.name === 'sum')) continue;
    for (const n of allNodes(arg)) {
      if (n.type !== 'frac' || !n.args) continue;
      const num = firstApp(n.args[0]);
      const den = firstApp(n.args[1]);
      if (num && den && isDensityApp(num) && isDensityApp(den) && den.cond.length > 0 && !sameLetter(num.fn, den.fn)) return true;
    }
  }
  return false;
}

/** True when a line holds `\log p(x)` (or `\log P(X)`) as a term of one of its sides. */
export function hasLogEvidence(ctx: Context): boolean {
  for (const line of ctx.lines) {
    for (const side of sides(line).sides) {
      for (const t of terms(side)) if (isLogEvidence(t.nodes)) return true;
    }
  }
  return false;
}

/**
 * A loss named by its terms: `\mathcal{L}_{recon} + \mathcal{L}_{KL}` (a VAE's loss), or the
 * diffusion bound's `L_0 + L_1 + \dots + L_T`. Returns the variant, or undefined.
 */
function namedTerms(ctx: Context): string | undefined {
  const name = (n: MathNode): string => (n.sub ?? []).map((m) => (m.type === 'num' ? m.name : m.name)).join('');
  for (const line of ctx.lines) {
    for (const side of sides(line).sides) {
      const ts = terms(side);
      if (ts.length < 2) continue;
      const losses = ts.map((t) => t.nodes.find((n) => n.type === 'id' && (n.name === 'L' || n.name === 'ell' || n.name === 'l') && n.sub !== undefined));
      const names = losses.map((n) => (n ? name(n) : ''));
      if (names.some((x) => /^rec/i.test(x)) && names.some((x) => /^(?:KL|kl|reg)$/.test(x) || x === 'KL')) return 'as a loss';
      if (names.includes('0') && names.includes('T') && names.filter((x) => x !== '').length >= 2) return 'diffusion bound';
    }
  }
  // `\frac1M \sum_i [\text{ReconstructionLoss}(x, \hat x) + \mathrm{KL}(\mu, \sigma^2)]`: a term named as the reconstruction
  // beside a KL term, on a side or inside the average's brackets.
  for (const seq of ctx.seqs) {
    const ts = terms(seq);
    if (ts.length < 2 || ts.length > 4) continue;
    // (`\mathrm{BCE}(\hat x, x)`, `\mathrm{MSE}(x, \tilde x)`: an error function of the data and its reconstruction names that term too.)
    const recon = ts.some((t) => t.nodes.some((n, i) => ((n.type === 'id' || n.type === 'text') && /^recon/i.test(n.name))
      || (n.type === 'id' && /^(?:BCE|bce|MSE|mse|SSE|sse)$/.test(n.name) && t.nodes[i + 1]?.type === 'group' && some(t.nodes[i + 1].children ?? [], (m) => m.accent === 'hat' || m.accent === 'tilde'))));
    // (Typed as code, `recon_loss + beta * kl_loss`, the KL term is a name too.)
    if (recon && ts.some((t) => t.nodes.some((n) => isKLOperator(n) || (n.type === 'id' && /^kl$/i.test(n.name))))) return 'as a loss';
  }
  return undefined;
}

/**
 * The variational free energy of EM: an average under q of a log joint plus q's own entropy,
 * `\mathbb{E}_q[\log p(x, z | \theta)] + H(q)`.
 */
function freeEnergy(ctx: Context): boolean {
  for (const e of ctx.expectations) {
    const m = tex(e.measure);
    if (!m) continue;
    // The log joint, or the complete-data log-likelihood `\ell_c(\theta; x, z)` EM writes for it.
    const logJoint = ctx.logs.some((l) => (l.seq === e.body || l.seq === e.seq) && l.app && isDensityApp(l.app) && l.app.main.length >= 2)
      || e.body.some((n) => n.type === 'id' && n.name === 'ell' && n.sub?.some((k) => k.type === 'id' && k.name === 'c'));
    // `H(q)`, or `H_q` written with the distribution as a subscript.
    const entropyOfQ = ctx.apps.some((a) => a.fn.type === 'id' && a.fn.name === 'H' && tex(a.group.children ?? []) === m)
      || ctx.nodes.some((n) => n.type === 'id' && n.name === 'H' && n.sub !== undefined && tex(n.sub) === m);
    if (logJoint && entropyOfQ) return true;
  }
  return false;
}

/** True when a side holds an expectation that is not the argument of a log (`\log \mathbb{E}[...]`). */
function averageNotUnderLog(side: readonly MathNode[]): boolean {
  let found = false;
  const visit = (seq: readonly MathNode[]): void => {
    for (let k = 0; k < seq.length && !found; k++) {
      const n = seq[k];
      // (`E(\mathbf{w})`, an error function, is no average: `isExpectation` tells them apart.)
      if (n.type === 'id' && n.name === 'E' && isExpectation(seq, k)) {
        const before = seq[k - 1];
        if (!(before && before.type === 'op' && before.name === 'log')) found = true;
      }
      for (const child of [n.children, n.sub, n.sup, ...(n.args ?? [])]) if (child) visit(child);
    }
  };
  visit(side);
  return found;
}

/**
 * The bound estimated from samples of the latent, `\frac1k \sum_i \log \frac{p(x, z^{(i)})}{q(z^{(i)})}` or
 * `\frac{N}{M}\sum_m \log p(x, z_m) - \log q(z_m)`: under a sum, the log of the joint of the data and a
 * latent against (or minus) the log of that latent's own density.
 */
function sampledBound(ctx: Context): boolean {
  const joint = (a: App | undefined): a is App => a !== undefined && isDensityName(a.fn) && a.main.length >= 2 && a.cond.length === 0;
  const ofPart = (j: App, a: App | undefined): boolean => a !== undefined && isDensityName(a.fn) && a.main.length === 1 && j.main.some((m) => tex(m) === tex(a.main[0])) && !sameLetter(a.fn, j.fn);
  for (const log of ctx.logs) {
    if (!log.seq.slice(0, log.index).some((n) => n.type === 'op' && n.name === 'sum')) continue;
    if (log.frac?.args) {
      const num = firstApp(log.frac.args[0]);
      if (joint(num) && ofPart(num, firstApp(log.frac.args[1]))) return true;
    } else if (joint(log.app)) {
      const j = log.app;
      if (ctx.logs.some((o) => o !== log && o.seq === log.seq && o.index > log.index && negated(o, ctx) && ofPart(j, o.app))) return true;
    }
  }
  return false;
}

/** True when some term squares a difference: `\|a - b\|^2`, `(a - b)^2`, `|a - b|^2`. */
function squaredDifference(ctx: Context): boolean {
  const minus = (seq: readonly MathNode[]): boolean => seq.some((m) => m.type === 'bin' && m.name === '-');
  if (ctx.nodes.some((n) => n.type === 'group' && (n.name === '||' || n.name === '(' || n.name === '|') && n.sup?.[0]?.name === '2' && minus(n.children ?? []))) return true;
  // `|x - \hat x|^2` read as two bars around the difference, the second squared.
  return ctx.seqs.some((seq) => seq.some((n, k) => n.type === 'bar' && seq.some((m, j) => j > k + 1 && m.type === 'bar' && m.sup?.[0]?.name === '2' && minus(seq.slice(k + 1, j)))));
}

/**
 * `\mathbb{E}_q[\log p(x|z)] - \mathbb{E}_q[\log \frac{q(z|x)}{p(z)}]`: the expected log-likelihood minus the KL
 * to the prior written out as an average of the log ratio (or of `\log q - \log p`) under q itself.
 */
function klWrittenOutBound(ctx: Context): boolean {
  for (const seq of ctx.seqs) {
    let klSign = 0;
    let likSign = 0;
    for (const t of terms(seq)) {
      const e = ctx.expectations.find((x) => x.seq === seq && t.nodes.includes(x.node));
      const m = e ? measureDensity(e.measure) : undefined;
      if (!e || !m) continue;
      const key = m.app ? appKey(m.app) : nodeTex(m.node);
      const same = (a: App | undefined): boolean => a !== undefined && (m.app ? appKey(a) === key : nodeTex(a.fn) === key);
      const logs = ctx.logs.filter((l) => l.seq === e.body || e.body.includes(l.seq[l.index]));
      const ratio = logs.some((l) => l.frac?.args && same(firstApp(l.frac.args[0])) && firstApp(l.frac.args[1]) !== undefined);
      const difference = logs.length === 2 && same(logs[0].app) && !logs[0].negated && logs[1].negated && isDensityApp(logs[1].app);
      if (ratio || difference) klSign = t.sign;
      else if (logs.length === 1 && logs[0].app && isDensityApp(logs[0].app) && logs[0].app.cond.length > 0 && !same(logs[0].app)) likSign = t.sign;
    }
    if (klSign !== 0 && likSign !== 0 && klSign !== likSign) return true;
  }
  return false;
}

/**
 * `\mathcal{L}[q_1, \ldots, q_N] = ...`, `\mathcal{L}(q) - \sum_i \lambda_i \int q_i`, `F(\tilde P, \theta) = ...`: a bound
 * (`\mathcal L`) or free energy (`F`) written as a function of the variational distribution itself, as mean-field
 * VI and EM's coordinate-ascent view write the ELBO. A loss of the parameter alone (`\mathcal{L}(\theta)`) takes
 * no distribution; the formula must also say something of it (a relation or further terms), not only name it.
 * Returns the functional's TeX.
 */
function variationalFunctional(ctx: Context): string | undefined {
  // `q`, `q_j`, `\tilde P`: a variational density named by its letter (an upper-case Q may be a value function).
  const density = (arg: readonly MathNode[]): boolean => arg.length === 1 && arg[0].type === 'id' && (arg[0].name === 'q' || (isDensityName(arg[0]) && arg[0].accent === 'tilde'));
  const filler = (arg: readonly MathNode[]): boolean => arg.every((n) => n.type === 'punct') || isParameter(arg);
  // (`q^{t+1} = \arg\max_q F(q, \theta^t)`: EM's coordinate steps maximize the functional; they are updates, not the bound.)
  if (ctx.ops.has('argmax') || ctx.ops.has('max') || ctx.ops.has('argmin') || ctx.ops.has('min') || ctx.ids.has('argmax') || ctx.ids.has('max')) return undefined;
  for (const line of ctx.lines) {
    if (line.length <= 2) continue;
    for (let i = 0; i + 1 < line.length; i++) {
      const a = appAt(line, i);
      if (!a || a.fn.type !== 'id' || !/^(?:L|F)$/.test(a.fn.name) || a.fn.font === 'bb' || a.cond.length > 0) continue;
      if (a.main.some(density) && a.main.every((m) => density(m) || filler(m))) return tex([a.fn, a.group]);
    }
  }
  return undefined;
}

/**
 * `\sum_y q(y | x)\, \mathcal{L}(x, y) + \mathcal{H}(q(y | x))`: a per-label bound averaged under the posterior of an
 * unobserved label plus that posterior's entropy is the ELBO with the label treated as one more latent (the
 * unlabelled term of the semi-supervised VAE). Both parts are needed: a bound named alone, or an entropy alone, is not it.
 */
function boundPlusLabelEntropy(ctx: Context): boolean {
  const bound = ctx.apps.some((a) => a.fn.type === 'id' && a.fn.name === 'L' && a.fn.font === 'cal' && a.main.length >= 2);
  if (!bound) return false;
  const entropyOfQ = ctx.apps.some((a) => a.fn.type === 'id' && a.fn.name === 'H' && !a.fn.sub && some(a.group.children ?? [], (n) => n.type === 'id' && n.name === 'q'));
  const weighted = ctx.apps.some((a) => isDensityApp(a) && a.fn.name === 'q' && a.cond.length > 0 && a.seq.slice(0, a.index).some((n) => n.type === 'op' && n.name === 'sum'));
  return entropyOfQ && (weighted || ctx.expectations.length > 0);
}

/**
 * `\mathbb{E}_{y \sim q(y|x)} \nabla \mathrm{ELBO}`, `\sum_y q(y|x) \nabla \mathrm{ELBO}`: the bound only named, with a
 * gradient sign right before it and no relation: an estimator of its gradient, not the bound.
 */
function gradientOfNamedBound(ctx: Context): boolean {
  if (!ctx.ops.has('ELBO') || ctx.lines.some((l) => sides(l).rels.length > 0)) return false;
  return ctx.seqs.every((seq) => seq.every((n, i) => !(n.type === 'op' && n.name === 'ELBO') || (seq[i - 1]?.type === 'op' && seq[i - 1].name === 'nabla')));
}


/**
 * `\mathbb{E}[\log p(z_2 | z_1) + \log p(z_1 | b_1) - \log q(z_1 | z_2, b_1)]`: an average, its measure left implicit, of
 * model log densities minus the log of a variational density of a variable those model terms also hold. That is
 * the ELBO's integrand averaged (as sequential and temporal-difference VAEs write it); the KL written out has the
 * signs the other way round, and an entropy has no model term.
 */
function unmeasuredBound(ctx: Context): boolean {
  for (const e of ctx.expectations) {
    if (e.measure.length > 0) continue;
    const logs = ctx.logs.filter((l) => l.seq === e.body && l.app !== undefined && isDensityApp(l.app));
    const model = logs.filter((l) => !negated(l, ctx) && l.app!.fn.name.toLowerCase() === 'p');
    const guide = logs.filter((l) => negated(l, ctx) && l.app!.fn.name === 'q');
    if (model.length === 0 || guide.length === 0) continue;
    const held = new Set(model.flatMap((l) => [...l.app!.main, ...l.app!.cond].map(tex)));
    if (guide.some((l) => l.app!.main.every((m) => held.has(tex(m))))) return true;
  }
  return false;
}

/**
 * `\mathcal{L} \le \mathbb{E}_q[D_{KL}(q(x_T|x_0) \| p(x_T)) + \sum_{t>1} D_{KL}(q(x_{t-1}|x_t,x_0) \| p_\theta(x_{t-1}|x_t))]`:
 * a loss (or a negative log-likelihood) bounded by KLs summed over the steps of a hierarchy is the variational bound of
 * a diffusion or a hierarchical VAE. One KL under a sum over the steps and at least one more term is the bound's shape;
 * a single KL bounded (`D_{KL} \ge 0`, Pinsker), or KLs between unconditional laws, are not.
 */
function perStepKLBound(ctx: Context): boolean {
  for (const line of ctx.lines) {
    const { sides: parts, rels } = sides(line);
    if (parts.length !== 2 || !(rels[0] === '<=' || rels[0] === '>=')) continue;
    const loss = (p: readonly MathNode[]): boolean => p.length <= 2 && p.some((n) => n.type === 'id' && (n.name === 'L' || n.name === 'ell'));
    const bound = loss(parts[0]) ? parts[1] : loss(parts[1]) ? parts[0] : undefined;
    if (!bound) continue;
    let summedKL = false;
    let kls = 0;
    forEachSeq([bound as MathNode[]], (seq) => seq.forEach((n, i) => {
      if (!isKLOperator(n)) return;
      kls++;
      if (seq.slice(0, i).some((m) => m.type === 'op' && m.name === 'sum')) summedKL = true;
    }));
    // (Between the model's conditionals, the steps' transitions: `q(x_{t-1} | x_t, x_0)`.)
    const conditional = klApps(ctx).some((k) => { const f = firstApp(k.first); return f !== undefined && isDensityName(f.fn) && f.cond.length > 0; });
    if (summedKL && kls >= 2 && conditional) return true;
  }
  return false;
}
