/**
 * Explain latency as the panel sees it: from the request to the worker to the content (card,
 * checked derivation, evaluation) back on the host, on a warm worker, over the variant fixture
 * (test/fixtures/explain/variants.jsonl, one formula per variant). Baseline: the same worker's
 * round trip for a formula with nothing to derive, the floor of any worker-based design.
 * Target (issue 11): the derivation shown within 300 ms of the command.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ExplainService } from '../src/host/explain/explainService';
import { quantile, report } from './stats';

const workerPath = path.resolve('dist/workers/explain.js');

async function main(): Promise<void> {
  const formulas = readFileSync('test/fixtures/explain/variants.jsonl', 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { latex: string }).latex);
  const service = new ExplainService(workerPath, 30_000);
  let steps = 0;
  const time = async (tex: string): Promise<number> => {
    const t0 = performance.now();
    const c = await service.explain(tex, true, 'bench.md, line 1');
    if (typeof c === 'string') throw new Error(`explain failed on ${tex}: ${c}`);
    steps += c.steps.length;
    return performance.now() - t0;
  };
  // Warm: the worker started, KaTeX loaded and each formula's code paths compiled once.
  for (const f of formulas) await time(f);
  const ours: number[] = [];
  const floor: number[] = [];
  steps = 0;
  for (let round = 0; round < 3; round++) {
    for (const f of formulas) {
      // Distinct TeX each time (a trailing thin space), so nothing can be served from a cache.
      ours.push(await time(`${f}${'\\,'.repeat(round + 1)}`));
      floor.push(await time(`x${'\\,'.repeat(round + 1)}`));
    }
  }
  service.dispose();
  // The measured explanations must be the real ones: several checked steps each on average.
  if (steps / ours.length < 4) throw new Error(`only ${(steps / ours.length).toFixed(1)} steps per explanation: the bench is not measuring derivations`);
  report('explain-warm-p50', quantile(ours, 0.5), quantile(floor, 0.5), 'ms', `${formulas.length} variant formulas x 3; target < 300 ms`);
  report('explain-warm-p95', quantile(ours, 0.95), quantile(floor, 0.95), 'ms', 'target < 300 ms');
  report('explain-warm-max', Math.max(...ours), Math.max(...floor), 'ms', 'target < 300 ms');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
