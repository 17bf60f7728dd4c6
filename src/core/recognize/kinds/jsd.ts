/** Jensen-Shannon divergence: `JSD(P\|Q)`, `D_{JS}`, or the average KL to the mixture `M = (P+Q)/2`. */
import type { Context } from '../context';
import type { Hit } from '../types';
import { isJSOperator, klApps } from '../math';
import { tex } from '../query';

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
      if (tex(a.second) === tex(b.second) && tex(a.first) !== tex(b.first)) {
        const mix = tex(a.second);
        const mixture = /\+/.test(mix) || ctx.lines.some((l) => tex(l).includes(mix + '=') && /\+/.test(tex(l)));
        if (mixture) return { kind: 'jsd', confidence: 0.85, roles: { first: tex(a.first), second: tex(b.first), mixture: mix } };
      }
    }
  }
  return null;
}
