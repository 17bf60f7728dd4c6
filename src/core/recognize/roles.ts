/** Roles of the densities of a latent-variable model, shared by the ELBO and KL detectors. */
import type { Context } from './context';
import { appKey, isDensityApp } from './math';
import { tex } from './query';

/**
 * The parts of a latent-variable model that its densities play, read from their shape:
 * `q(z|x)` is the encoder, `p(x|z)` the decoder, `p(z)` the prior, `p(x,z)` the joint.
 */
export function densityRoles(ctx: Context): Record<string, string> {
  const roles: Record<string, string> = {};
  for (const a of ctx.apps) {
    if (!isDensityApp(a)) continue;
    const name = a.fn.name.toLowerCase();
    const key = appKey(a).replace(/\(\)$/, '');
    const main = a.main.map(tex).join(',');
    const cond = a.cond.map(tex).join(',');
    if (name === 'q' && cond && !roles.encoder) roles.encoder = key;
    else if (name === 'q' && !roles.variational) roles.variational = key;
    else if (name === 'p' && cond && /z|h/.test(cond) && !roles.decoder) roles.decoder = key;
    else if (name === 'p' && !cond && a.main.length === 1 && /^(z|h)/.test(main) && !roles.prior) roles.prior = key;
    else if (name === 'p' && a.main.length >= 2 && !roles.joint) roles.joint = key;
    if (name === 'q' && cond && !roles.latent) { roles.latent = main; roles.data = cond; }
    if (a.fn.sub && !roles.parameter && name === 'p') roles.parameter = tex(a.fn.sub);
    if (a.fn.sub && !roles.variational_parameter && name === 'q') roles.variational_parameter = tex(a.fn.sub);
  }
  return roles;
}

