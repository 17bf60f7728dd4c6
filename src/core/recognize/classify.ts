/**
 * The driver: runs every kind's detector on the parsed formula and picks the label of
 * the formula as a whole. Containment decides the order: an ELBO contains a KL, a JSD
 * contains KLs, a GAN discriminator loss is a cross-entropy, Bayes' rule's evidence is a
 * marginal, so the enclosing kind is tried first. A line that defines a named quantity
 * (`KL(p\|q) = ...`, `H(X) = ...`) is that quantity, whatever its right side holds.
 */
import { parseMath } from '../parse/parser';
import type { ParsedFormula } from '../parse/tree';
import { buildContext, type Context } from './context';
import { classifierGuidance, detectBayes } from './kinds/bayes';
import { detectDiffusion } from './kinds/diffusion';
import { detectELBO, hasLogEvidence } from './kinds/elbo';
import { detectEntropy, entropyOnLeft } from './kinds/entropy';
import { detectGradientStep, movingAverageStep } from './kinds/gradient-step';
import { detectJSD } from './kinds/jsd';
import { crossEntropyMinusEntropy, detectKL } from './kinds/kl';
import { detectMarginal } from './kinds/marginal';
import { detectMStep } from './kinds/em-step';
import { detectMinimax } from './kinds/minimax';
import { detectMLE, emAuxiliary, likelihoodOnLeft, optimizesParameter } from './kinds/mle';
import { detectReconstruction } from './kinds/reconstruction';
import { isDerivativeFrac, isKLOperator } from './math';
import type { MathNode } from '../parse/tree';
import { normalizeFormula } from './normalize';
import { weighContext } from './evidence';
import { calibrate } from './calibration';
import type { Classification, Hit } from './types';

/** What a formula that is none of the kinds gets. */
const NONE: Classification = { kind: 'none', confidence: 0.5, roles: {} };

/** True when some line starts with a KL applied to arguments and goes on with a relation. */
function klOnLeft(ctx: Context): boolean {
  return ctx.lines.some((line) => line.length > 2 && isKLOperator(line[0]) && line[1].type === 'group' && line.some((n) => n.type === 'rel'));
}

/** True when every line starts with a derivative: `\nabla_x ...`, `\frac{\partial}{\partial\phi} ...`. */
function gradientOnLeft(ctx: Context): boolean {
  const isD = (n: MathNode | undefined): boolean => n !== undefined && ((n.type === 'op' && (n.name === 'nabla' || n.name === 'partial')) || (n.type === 'frac' && isDerivativeFrac(n)));
  // A bare gradient (`\nabla_{\theta,\phi} \mathbb{E}_q[...]`) still names its objective; an identity about it does not.
  // (A relation inside a script, `\sum_{i=1}`, is no identity: only one at the top of a line counts.)
  return ctx.lines.some((l) => l.some((n) => n.type === 'rel')) && ctx.lines.length > 0 && ctx.lines.every((l) => isD(l[0]) || (l[0]?.type === 'rel' && isD(l[1])));
}

/** Diffusion when its signs are clear, else nothing. */
function strongDiffusion(ctx: Context): Hit | null {
  const d = detectDiffusion(ctx);
  return d && !d.weak ? d : null;
}

/** What may help a classification besides the formula itself. */
export interface ClassifyOptions {
  /**
   * The words around the formula in its note (the sentence before it and after it), used as
   * evidence: they raise or lower the confidence of a kind, never replace what the math says.
   */
  readonly context?: string;
}

/** Runs the detectors in containment order on an already parsed formula. */
export function classifyParsed(parsed: ParsedFormula, options: ClassifyOptions = {}): Classification {
  const raw = classifyTree(parsed);
  // Calibrated first, so that the words around can only nudge a confidence that already means
  // "this often right on real notes" (see calibration.ts).
  // A formula read only in part (raw confidence below 0.5) keeps its low confidence: that says
  // how much of it was read, which no corpus rate can vouch for.
  const calibrated = raw.confidence < 0.5 ? raw : { ...raw, confidence: calibrate(raw.kind, raw.confidence) };
  return weighContext(calibrated, options.context);
}

/**
 * The detectors' own confidence, before calibration: what `scripts/calibrate.mjs` measures
 * against the labelled corpus to build the calibration table. Not for display.
 */
export function classifyUncalibrated(latex: string): Classification {
  try {
    return classifyTree(parseMath(normalizeFormula(latex)));
  } catch {
    return { kind: 'none', confidence: 0.1, roles: {} };
  }
}

/** The classification from the formula alone. */
function classifyTree(parsed: ParsedFormula): Classification {
  if (parsed.lines.length === 0) return { kind: 'none', confidence: 0.2, roles: {} };
  const ctx = buildContext(parsed);
  const hit = pick(ctx);
  // A formula cut at the input cap, flattened past the depth limit, with a group never closed or
  // a character that is no math (a NUL, a lone surrogate) was only partly read: say so.
  const partly = parsed.truncated || parsed.depthLimited || ctx.nodes.some((n) => (n.type === 'group' && n.close === '') || (n.type === 'frac' && (n.args?.[0].length === 0 || n.args?.[1].length === 0)) || /[\u0000-\u0008\ud800-\udfff]/.test(n.name));
  if (!hit) return partly ? { kind: 'none', confidence: 0.3, roles: {} } : NONE;
  const confidence = partly ? Math.min(hit.confidence, 0.5) : hit.confidence;
  return { kind: hit.kind, confidence, roles: hit.roles };
}

function pick(ctx: Context): Hit | null {
  // Cheap gates first: most formulas in notes are none of the kinds, and each detector
  // needs at least one of these ingredients (an application, a log, a derivative, ...).
  const apps = ctx.apps.length > 0;
  const logs = ctx.logs.length > 0;
  const klOrJs = ctx.ops.has('KL') || ctx.ops.has('JS');
  // An update rule is read first: its right side may hold anything (a KL, a log, noise), and
  // what makes it an update is the variable set to itself plus a step.
  if (ctx.rels.size > 0) {
    const step = detectGradientStep(ctx);
    if (step) return step;
  }
  if (!apps && !logs && !klOrJs && !ctx.ids.has('likelihood') && !ctx.ids.has('epsilon') && !ctx.ops.has('ELBO') && !ctx.nodes.some((n) => n.type === 'par' || n.type === 'sqrt' || n.sup !== undefined || n.sub !== undefined)) return null;
  // `\nabla_G \log(1 - D(G(z))) = ...`, `\nabla_\lambda \mathbb{E}_q[...] = ...`: a formula about the
  // gradient of an objective is calculus on it, not the objective; only Bayes' rule in score form
  // and the scores of diffusion are written this way as what they are.
  // (The gradient or Hessian of a KL set equal to something is a fact about that KL, its curvature the Fisher information.)
  if (gradientOnLeft(ctx)) return detectBayes(ctx) ?? strongDiffusion(ctx) ?? (ctx.lines.every((l) => l.slice(0, 3).some(isKLOperator)) ? detectKL(ctx) : null);
  // `KL(p \| q) = ...` is about that KL, unless the log evidence is in the line: a KL from the
  // approximate posterior that brings in log p(x) is the ELBO's derivation.
  // (One chain of equalities from the KL, `KL(q \| p(z|x)) = \dots = \log p(x) - \mathrm{ELBO}(q)`, every later line continuing
  // it, is still a statement about that KL; a derivation that starts a new left side, `\log p(x) \ge \dots`, has moved on.)
  const oneChain = ctx.lines.length > 0 && ctx.lines.slice(1).every((l) => l[0]?.type === 'rel') && isKLOperator(ctx.lines[0][0]);
  if (klOrJs && klOnLeft(ctx) && (oneChain || !hasLogEvidence(ctx)) && !detectJSD(ctx)) return detectKL(ctx);
  // The two log ratios to one mixture (`\log \frac{p}{p + q}`, `\log \frac{q}{p + q}`) are the JSD's, though an
  // average of a log ratio also looks like a bound.
  // (The JSD's entropy form, `H(\frac{P+Q}{2}) - \frac{H(P)+H(Q)}{2}`, holds neither a log nor a KL.)
  const jsd = klOrJs || logs || ctx.apps.some((a) => a.fn.name === 'H') ? detectJSD(ctx) : null;
  if (jsd && !klOrJs) return jsd;
  const elbo = detectELBO(ctx);
  if (elbo) return elbo;
  if (jsd) return jsd;
  if (klOrJs && klOnLeft(ctx)) return detectKL(ctx);
  if (entropyOnLeft(ctx)) return detectEntropy(ctx);
  // `Q(\theta, \theta^{old}) = \sum_z p(z | x, \theta^{old}) \log p(x, z | \theta)`: EM's auxiliary function defined on the left is the
  // likelihood EM maximizes, whatever it averages over (a sum over the latent, a posterior written by Bayes' rule as its weight).
  if (emAuxiliary(ctx)) { const mle = detectMLE(ctx); if (mle) return mle; }
  if (likelihoodOnLeft(ctx)) { const mle = detectMarginal(ctx) ?? detectMLE(ctx); if (mle) return mle; }
  const minimax = apps ? detectMinimax(ctx) : null;
  if (minimax) return minimax;
  const guidance = logs ? classifierGuidance(ctx) : null;
  if (guidance) return guidance;
  // (A noise level and a differential are signs too: `x + \sigma_i z`, `dx = e^t dw`.)
  const diffusion = apps || ctx.ids.has('epsilon') || ctx.ids.has('alpha') || ctx.ids.has('beta') || ctx.ids.has('mu') || ctx.ids.has('sigma') || ctx.ids.has('d') ? detectDiffusion(ctx) : null;
  if (diffusion && !diffusion.weak) return diffusion;
  const reconstruction = detectReconstruction(ctx);
  // The clean sample x_0 against its estimate is diffusion's denoising loss, not an autoencoder's.
  if (reconstruction && /_0$|_\{0\}$/.test(reconstruction.roles.data ?? '')) return { kind: 'diffusion', confidence: 0.8, roles: { ...reconstruction.roles, variant: 'denoising loss' } };
  // (A cross-entropy minus the entropy of its first argument is their KL, though both terms are entropies.)
  return detectBayes(ctx) ?? reconstruction ?? (ctx.ids.has('H') ? crossEntropyMinusEntropy(ctx) : null) ?? (logs || apps ? detectEntropy(ctx) : null) ?? (klOrJs || logs || ctx.ids.has('H') || ctx.nodes.some((n) => n.type === 'par') ? detectKL(ctx) : null)
    // (A maximum over the parameter of a marginal likelihood is its fitting: MLE is tried first then.)
    ?? (optimizesParameter(ctx) ? detectMLE(ctx) : null)
    ?? (apps || ctx.ids.has('likelihood') ? detectMarginal(ctx) : null) ?? detectMLE(ctx) ?? detectMStep(ctx) ?? diffusion ?? movingAverageStep(ctx);
}

/**
 * Says what kind of formula `latex` is, with a confidence and the roles of its symbols.
 * `latex` may carry its delimiters or wrappers, or be Unicode text. Never throws: a formula
 * that cannot be read is `none` with a low confidence.
 */
export function classify(latex: string, options: ClassifyOptions = {}): Classification {
  try {
    return classifyParsed(parseMath(normalizeFormula(latex)), options);
  } catch {
    return { kind: 'none', confidence: 0.1, roles: {} };
  }
}
