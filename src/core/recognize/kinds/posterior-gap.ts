/**
 * The KL from q to the true posterior written out through the joint and the evidence, the gap
 * between the log evidence and the ELBO: `\mathbb{E}_q[\log q(z|x)] - \mathbb{E}_q[\log p(x, z)] + \log p(x)`,
 * `\mathbb{E}_q[\log q(z|x) - (\log p(x, z) - \log p(x))]`. Since `p(z|x) = p(x, z)/p(x)`, the expected log ratio
 * of q to the posterior is exactly this: the log of q, less the log joint, plus the log evidence. Without the
 * evidence (`\mathbb{E}_q[\log q - \log p(x, z)]`) it is the negative ELBO; with the evidence subtracted it is
 * no identity, so the three signs are checked.
 */
import type { MathNode } from '../../parse/tree';
import type { Context, LogUse } from '../context';
import type { Hit } from '../types';
import { isDensityApp, isParameter } from '../math';
import { tex } from '../query';
import { negated } from './elbo';

/** The sign of a log in the whole formula: its own minus, the minus before its average, and a minus before each bracket around it. */
function signOf(log: LogUse, ctx: Context): number {
  let sign = negated(log, ctx) ? -1 : 1;
  let seq: MathNode[] = log.seq;
  // Up through the brackets holding it: `- (\log p(x, z) - \log p(x))` flips both.
  for (let depth = 0; depth < 6; depth++) {
    let parent: { seq: MathNode[]; index: number } | undefined;
    for (const s of ctx.seqs) {
      const i = s.findIndex((n) => n.type === 'group' && n.name === '(' && n.children === seq);
      if (i >= 0) { parent = { seq: s, index: i }; break; }
    }
    if (!parent) break;
    const before = parent.seq[parent.index - 1];
    if (before?.type === 'bin' && before.name === '-') sign = -sign;
    seq = parent.seq;
  }
  return sign;
}

/** Detects the KL to the posterior written as log q, less the log joint, plus the log evidence. */
export function klThroughJoint(ctx: Context): Hit | null {
  const logs = ctx.logs.filter((l) => l.app !== undefined && isDensityApp(l.app));
  if (logs.length !== 3) return null;
  const q = logs.find((l) => l.app!.fn.name === 'q' && l.app!.main.length === 1);
  if (!q) return null;
  const latent = tex(q.app!.main[0]);
  const joint = logs.find((l) => l !== q && l.app!.fn.name.toLowerCase() === 'p' && l.app!.main.length === 2 && l.app!.main.some((m) => tex(m) === latent));
  if (!joint) return null;
  const data = joint.app!.main.map(tex).find((m) => m !== latent);
  const evidence = logs.find((l) => l !== q && l !== joint && l.app!.fn.name.toLowerCase() === 'p' && l.app!.main.length === 1 && tex(l.app!.main[0]) === data && l.app!.cond.every((c) => isParameter(c)));
  if (!evidence) return null;
  // Under an average over q: an expectation taken in the formula.
  if (ctx.expectations.length === 0) return null;
  if (signOf(q, ctx) !== 1 || signOf(joint, ctx) !== -1 || signOf(evidence, ctx) !== 1) return null;
  return { kind: 'kl', confidence: 0.75, roles: { first: tex([q.app!.fn, q.app!.group]), second: `posterior of ${latent} given ${data}`, variant: 'through the joint and the evidence' } };
}
