/**
 * Check 1(b): a KL divergence (or a JSD, or a cross-entropy) compares two distributions over the
 * same variables, and an expectation, an integral or a sum ranges over a variable its integrand
 * uses. A step that compares distributions over different variables (a hierarchical ELBO's KL
 * between a density over z_1 and one over z_2) is meaningless, however it renders.
 */
import type { Expr, Stmt } from '../expr/types';
import { mentions, nodes, varName } from '../expr/walk';

/** The variables a density is over, by name, or undefined for a distribution written without arguments. */
function over(d: Expr): string[] | undefined {
  if (d.t === 'normal' && !d.at) return undefined;
  if (d.t !== 'dens') return undefined;
  // The variables as written: `q(z_1 | x)` is over z_1 even when it is evaluated as q over z.
  const main = d.main;
  if (main.length === 0 && d.cond.length === 0) return undefined;
  return main.map(varName).sort();
}

/** Whether an expression depends on a variable, seeing through definitions. */
export type Depends = (e: Expr, name: string) => boolean;

/** One sentence per problem found in `e`. */
export function variableProblems(e: Expr, depends: Depends = mentions): string[] {
  const out: string[] = [];
  for (const x of nodes(e)) {
    if (x.t === 'kl' || x.t === 'jsd' || (x.t === 'H' && x.b)) {
      const b = x.t === 'H' ? x.b as Expr : x.b;
      const measure = (d: Expr) => d.t === 'dens' || (d.t === 'normal' && !d.at);
      if (!measure(x.a) || !measure(b)) {
        out.push('a divergence between things that are not distributions');
        continue;
      }
      const va = over(x.a);
      const vb = over(b);
      if (va && vb && va.join(',') !== vb.join(',')) out.push(`a divergence between a distribution over ${va.join(', ')} and one over ${vb.join(', ')}`);
    } else if (x.t === 'E') {
      const vars = x.vars.map(varName);
      const m = over(x.measure);
      if (m && vars.length > 0 && vars.slice().sort().join(',') !== m.join(',')) out.push(`an expectation over ${vars.join(', ')} under a distribution over ${m.join(', ')}`);
      if (x.measure.t !== 'dens' && !(x.measure.t === 'normal' && !x.measure.at)) out.push('an expectation under something that is not a distribution');
      const bodyVars = vars.length > 0 ? vars : (m ?? []);
      // A run x_{1:T} is used by any of its variables, or by another run of the same letter.
      const runBases = x.vars.filter((v) => v.t === 'range').map((v) => (v as { base: string }).base);
      const usesRun = runBases.some((b) => [...nodes(x.body)].some((y) => (y.t === 'idx' || y.t === 'range') && y.base === b));
      if (!x.constant && !usesRun && bodyVars.length > 0 && !bodyVars.some((v) => depends(x.body, v))) out.push(`an expectation over ${bodyVars.join(', ')} of something that does not depend on it`);
    } else if (x.t === 'int') {
      const vars = x.vars.map(varName);
      if (!vars.some((v) => depends(x.body, v))) out.push(`an integral over ${vars.join(', ')} of something that does not depend on it`);
    } else if (x.t === 'sum' || x.t === 'prod') {
      if (!depends(x.body, x.v)) out.push(`a ${x.t} over ${x.v} of something that does not depend on it`);
    }
  }
  return out;
}

/** Problems of every statement of a step. */
export function stepVariableProblems(stmts: readonly Stmt[], depends: Depends = mentions): string[] {
  return stmts.flatMap((s) => s.parts.flatMap((p) => variableProblems(p, depends)));
}
