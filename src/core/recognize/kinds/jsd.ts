/** Jensen-Shannon divergence: `JSD(P\|Q)`, `D_{JS}`, or the average KL to the mixture `M = (P+Q)/2`. */
import type { MathNode } from '../../parse/tree';
import type { Context } from '../context';
import type { Hit } from '../types';
import { isJSOperator, klApps } from '../math';
import { allNodes, tex } from '../query';
import { ratioToMixture, sameMixture } from './mixture';

/** Detects a Jensen-Shannon divergence. */
export function detectJSD(ctx: Context): Hit | null {
  for (const a of ctx.apps) {
    if (!isJSOperator(a.fn)) continue;
    const parts = a.parts.length === 2 ? a.parts : a.main;
    const roles: Record<string, string> = {};
    if (parts.length >= 2) { roles.first = tex(parts[0]); roles.second = tex(parts[1]); }
    return { kind: 'jsd', confidence: 0.95, roles };
  }
  for (const line of ctx.lines) for (const n of line) if (isJSOperator(n)) return { kind: 'jsd', confidence: 0.8, roles: {} };
  // Two KLs to the same second argument from two different first ones: KL(P||M) + KL(Q||M) with M the mixture.
  const kls = klApps(ctx).filter((k) => k.first.length > 0 && k.second.length > 0);
  for (let i = 0; i < kls.length; i++) {
    for (let j = i + 1; j < kls.length; j++) {
      const a = kls[i];
      const b = kls[j];
      if (tex(a.first) === tex(b.first)) continue;
      const mix = tex(a.second);
      // The common reference is a mixture: written as a sum, defined as one on another line
      // (`m(x) = 0.5 p(x) + 0.5 q(x)`), or the two firsts are what the left side is a divergence of
      // (`J(P, Q) = \frac12 (D(P \| R) + D(Q \| R))`).
      // (Plain text puts the definition after the formula on the same line: `... m(x) = 0.5 p(x) + 0.5 q(x)`.)
      const defined = ctx.lines.some((l) => l.some((n, k) => n.type === 'id' && n.name === mix
        && (l[k + 1]?.type === 'rel' || (l[k + 1]?.type === 'group' && l[k + 2]?.type === 'rel')) && /\+/.test(tex(l.slice(k)))));
      const ofBoth = ctx.apps.some((f) => f.main.length === 2 && !f.main.some((m) => m.length === 0) && new Set(f.main.map(tex)).has(tex(a.first)) && new Set(f.main.map(tex)).has(tex(b.first)));
      const sameMixture = tex(a.second) === tex(b.second) && (/\+/.test(mix) || defined || ofBoth);
      // Both to a sum of two densities, even where a typo makes the two sums differ.
      const bothMixtures = /\+/.test(tex(a.second)) && /\+/.test(tex(b.second));
      if (sameMixture || bothMixtures) return { kind: 'jsd', confidence: 0.85, roles: { first: tex(a.first), second: tex(b.first), mixture: mix } };
    }
  }
  const mixed = entropyOfMixture(ctx);
  if (mixed) return { kind: 'jsd', confidence: 0.8, roles: { mixture: mixed, variant: 'entropy form' } };
  // `\int p \log \frac{2p}{p+q} + q \log \frac{2q}{p+q}`: the two log ratios to the same mixture, written out.
  const toMixture = ctx.logs.filter((l) => l.frac?.args && /\+/.test(tex(l.frac.args[1])));
  for (let i = 0; i < toMixture.length; i++) {
    for (let j = i + 1; j < toMixture.length; j++) {
      const [a, b] = [toMixture[i].frac!.args!, toMixture[j].frac!.args!];
      // The numerators are densities; `\log\frac{1}{1+e^{-a}}` and `\log\frac{e^{-a}}{1+e^{-a}}` have the same
      // shape but are the logs of a sigmoid and its complement (a logistic loss), numbers and exponentials.
      const density = (num: readonly MathNode[]): boolean => !num.every((n) => n.type === 'num') && !num.some((n) => (n.type === 'op' && n.name === 'exp') || (n.type === 'id' && n.name === 'e' && n.sup !== undefined));
      if (tex(a[1]) === tex(b[1]) && tex(a[0]) !== tex(b[0]) && density(a[0]) && density(b[0])) return { kind: 'jsd', confidence: 0.8, roles: { mixture: tex(a[1]) } };
      // The same mixture written in either order (`p+q` under one, `q+p` under the other), each over its own part.
      const [ra, rb] = [ratioToMixture(tex(a[0]), tex(a[1])), ratioToMixture(tex(b[0]), tex(b[1]))];
      if (ra && rb && ra.density !== rb.density && sameMixture(ra.mixture, rb.mixture)) return { kind: 'jsd', confidence: 0.8, roles: { mixture: tex(a[1]) } };
    }
  }
  return halfOfJSD(ctx);
}

/** `\log 2`, `\log 4`, `\log 2 p(x)`: the constants the mixture's one-half weight leaves in a JSD derivation. */
function hasLogTwo(ctx: Context): boolean {
  return ctx.logs.some((l) => l.arg[0]?.type === 'num' && (l.arg[0].name === '2' || l.arg[0].name === '4'));
}

/**
 * How often the density `d` (its name without the argument) appears in the formula outside command names
 * (`tex` writes `\int_xp(x)` with no space, so a letter before it is no boundary).
 */
function uses(all: string, d: string): number {
  const head = d.replace(/\\left|\(.*$/g, '');
  if (head.length === 0) return 0;
  const esc = head.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
  return (all.match(new RegExp(`(?<!\\\\[A-Za-z]*)${esc}(?![A-Za-z])`, 'g')) ?? []).length;
}

/**
 * One half of a JSD derivation, as long proofs break it over lines: `p(x) \log \frac{2p(x)}{p(x)+q(x)}`,
 * `\mathbb{E}_{x \sim p}\log\frac{p(x)}{(p(x)+q(x))/2}`, `-\log 4 + KL(p \| \frac{p+q}{2})`. A density's log ratio to a
 * mixture it is part of, averaged under that density, is the KL to the mixture; the one-half weight (a halved sum,
 * a 2 on top, or the `\log 2`, `\log 4` it leaves behind) is what makes it the JSD's rather than any ratio of a
 * part to a whole: the Bradley-Terry `\log \frac{s_i}{s_i + s_j}` and a mixture model's responsibility have no such weight,
 * and a lone `KL(p \| \frac{p+q}{2})` stays a KL.
 */
function halfOfJSD(ctx: Context): Hit | null {
  const logTwo = hasLogTwo(ctx);
  for (const k of klApps(ctx)) {
    if (k.first.length === 0 || k.second.length === 0 || !logTwo) continue;
    const r = ratioToMixture(tex(k.first), tex(k.second));
    if (r && r.mixture.halved) return { kind: 'jsd', confidence: 0.75, roles: { first: tex(k.first), mixture: tex(k.second) } };
  }
  const ratios = ctx.logs.flatMap((l) => {
    const args = l.frac?.args;
    const r = args ? ratioToMixture(tex(args[0]), tex(args[1])) : undefined;
    return r && args ? [{ r, mixture: tex(args[1]) }] : [];
  });
  if (ratios.length === 0) return null;
  const all = ctx.lines.map(tex).join(' ');
  for (const { r, mixture } of ratios) {
    if (!(r.halved || logTwo)) continue;
    // Averaged under the density on top: it weighs the log (`p(x) \log`) or is the expectation's measure,
    // so it appears outside the logs' ratios; `\log\frac{p}{p+q} = \log\frac{p}{\frac12(p+q)} - \log 2`
    // rewrites the ratio and averages nothing.
    const inRatios = ctx.logs.reduce((k, l) => k + (l.frac?.args ? uses(l.frac.args.map(tex).join(' '), r.density) : 0), 0);
    if (uses(all, r.density) > inRatios) return { kind: 'jsd', confidence: 0.7, roles: { mixture } };
  }
  return null;
}

/**
 * `H\left(\frac{P+Q}{2}\right) - \frac{H(P) + H(Q)}{2}`: the entropy of the mixture minus the (weighted) entropies of
 * its components is the Jensen-Shannon divergence in its entropy form. The components must each have
 * their own entropy in the formula and be subtracted; `H(X) - H(X|Y)` (a mutual information) has no mixture.
 * Returns the mixture, or undefined.
 */
function entropyOfMixture(ctx: Context): string | undefined {
  const entropies = ctx.apps.filter((a) => a.fn.type === 'id' && a.fn.name === 'H' && a.main.length === 1 && a.cond.length === 0);
  if (entropies.length < 3 || !ctx.nodes.some((n) => n.type === 'bin' && n.name === '-')) return undefined;
  for (const m of entropies) {
    const arg = tex(m.main[0]);
    // A mixture is weighted (`\frac{P+Q}{2}`, `\frac12(p+q)`, `\sum_i \pi_i P_i`); `H(X + Y)` of a sum of variables is not one.
    const weighted = [...allNodes(m.main[0])].some((n) => n.type === 'frac' || n.type === 'num' || (n.type === 'id' && (n.name === 'pi' || n.name === 'lambda' || n.name === 'w')));
    if (!arg.includes('+') || !weighted) continue;
    const parts = entropies.filter((e) => e !== m && e.main[0].length === 1 && e.main[0][0].type === 'id').map((e) => e.main[0][0].name);
    const inside = new Set([...allNodes(m.main[0])].filter((n) => n.type === 'id').map((n) => n.name));
    if (parts.length >= 2 && parts.every((p) => inside.has(p)) && new Set(parts).size >= 2) return arg;
  }
  return undefined;
}
