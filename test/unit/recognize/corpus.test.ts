/**
 * Scores the whole labeled dev corpus (../shared/corpus/formulas-dev.jsonl) and fails when
 * any kind's precision or recall is below 0.90. Prints the per-kind table.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FORMULA_KINDS, classify, type FormulaKind } from '../../../src/core/recognize';

const CORPUS = resolve(process.cwd(), '../shared/corpus/formulas-dev.jsonl');

interface Row {
  readonly id: string;
  readonly kind: FormulaKind;
  readonly latex: string;
}

describe('recognize: the dev corpus', function () {
  const run = existsSync(CORPUS) ? it : it.skip;
  run('reaches precision and recall of at least 0.90 for every kind', () => {
    const rows: Row[] = readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Row);
    const tp = new Map<string, number>();
    const fp = new Map<string, number>();
    const fn = new Map<string, number>();
    const inc = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };
    const misses: string[] = [];
    for (const r of rows) {
      const got = classify(r.latex).kind;
      if (got === r.kind) inc(tp, r.kind);
      else { inc(fp, got); inc(fn, r.kind); misses.push(`${r.id}: want ${r.kind}, got ${got}`); }
    }
    const lines = ['kind            n    precision  recall'];
    const failing: string[] = [];
    for (const k of FORMULA_KINDS) {
      const t = tp.get(k) ?? 0;
      const n = t + (fn.get(k) ?? 0);
      if (n === 0) continue;
      const precision = t + (fp.get(k) ?? 0) === 0 ? 1 : t / (t + (fp.get(k) ?? 0));
      const recall = t / n;
      lines.push(`${k.padEnd(15)} ${String(n).padStart(3)}  ${precision.toFixed(3).padStart(9)}  ${recall.toFixed(3).padStart(6)}`);
      if (precision < 0.9 || recall < 0.9) failing.push(k);
    }
    console.log('\n' + lines.join('\n') + (misses.length ? '\nmisses:\n  ' + misses.join('\n  ') : '') + '\n');
    assert.deepEqual(failing, [], `kinds below 0.90: ${failing.join(', ')}`);
  });
});
