/**
 * Scores the labelled corpus (test/fixtures/recognize: 2,600+ formulas from 100+ public documents)
 * and checks the calibration of the confidence against it. Every file the first-sight tables name
 * must be there: a missing corpus file fails, never skips.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FORMULA_KINDS, classify, type FormulaKind } from '../../../src/core/recognize';
import { classifyUncalibrated } from '../../../src/core/recognize/classify';

const DIR = resolve(process.cwd(), 'test/fixtures/recognize');

interface Row {
  readonly id: string;
  readonly source: string;
  readonly kind: FormulaKind;
  readonly latex: string;
  readonly context?: string;
  readonly file: string;
}

/** Every labelled row, and the files the first-sight tables say must exist. */
function load(): { rows: Row[]; listed: string[] } {
  assert.ok(existsSync(DIR), `the corpus folder ${DIR} is missing`);
  const listed = ['formulas-dev.jsonl'];
  for (const tsv of readdirSync(DIR).filter((f) => /^first-sight-.*\.tsv$/.test(f))) {
    for (const line of readFileSync(join(DIR, tsv), 'utf8').split('\n').slice(1)) if (line.trim()) listed.push(line.split('\t')[0]);
  }
  const rows: Row[] = [];
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(join(DIR, file), 'utf8').split('\n')) if (line.trim()) rows.push({ ...(JSON.parse(line) as Omit<Row, 'file'>), file });
  }
  return { rows, listed };
}

/**
 * The accuracy below which the corpus test fails: issue 10's 0.95, with the words around each
 * formula (as the hover reads it). It is reached on rows the rules were tuned on; on a document
 * nobody had read it is about 0.85-0.88 (first-sight-*.tsv, the README's table).
 */
const MIN_ACCURACY = 0.95;

describe('recognize: the labelled corpus', function () {
  this.timeout(60000);
  const { rows, listed } = load();

  it('has every file its first-sight tables name, at least 1,000 formulas and 40 documents', () => {
    for (const f of listed) assert.ok(existsSync(join(DIR, f)), `corpus file ${f} is missing`);
    assert.ok(rows.length >= 1000, `${rows.length} formulas`);
    assert.ok(new Set(rows.map((r) => r.source)).size >= 40, 'fewer than 40 documents');
    for (const r of rows) assert.ok(FORMULA_KINDS.includes(r.kind), `${r.id}: unknown kind ${r.kind}`);
  });

  it(`labels at least ${MIN_ACCURACY} of the corpus right, and the dev set it was first written on at least 0.97`, () => {
    const tp = new Map<string, number>();
    const fp = new Map<string, number>();
    const fn = new Map<string, number>();
    const inc = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };
    let right = 0;
    let devRight = 0;
    let devN = 0;
    for (const r of rows) {
      const got = classify(r.latex, { context: r.context }).kind;
      if (r.file === 'formulas-dev.jsonl') { devN++; if (got === r.kind) devRight++; }
      if (got === r.kind) { right++; inc(tp, r.kind); } else { inc(fp, got); inc(fn, r.kind); }
    }
    const lines = ['kind             n   precision  recall'];
    for (const k of FORMULA_KINDS) {
      const t = tp.get(k) ?? 0;
      const n = t + (fn.get(k) ?? 0);
      const p = t + (fp.get(k) ?? 0) === 0 ? 1 : t / (t + (fp.get(k) ?? 0));
      lines.push(`${k.padEnd(15)} ${String(n).padStart(4)}  ${p.toFixed(3).padStart(9)}  ${(n ? t / n : 1).toFixed(3).padStart(6)}`);
    }
    console.log(`\n${lines.join('\n')}\naccuracy ${(right / rows.length).toFixed(3)} on ${rows.length}\n`);
    assert.ok(right / rows.length >= MIN_ACCURACY, `accuracy ${(right / rows.length).toFixed(3)}`);
    assert.ok(devRight / devN >= 0.97, `dev accuracy ${(devRight / devN).toFixed(3)}`);
  });

  it('gives confidences that keep their word: >= 0.9 right at least 97% of the time, >= 0.7 at least 90%', () => {
    const band = (lo: number): { right: number; n: number } => {
      let right = 0;
      let n = 0;
      for (const r of rows) {
        const c = classify(r.latex, { context: r.context });
        if (c.confidence < lo) continue;
        n++;
        if (c.kind === r.kind) right++;
      }
      return { right, n };
    };
    const high = band(0.9);
    const mid = band(0.7);
    console.log(`\nconfidence >= 0.9: ${high.right}/${high.n}; >= 0.7: ${mid.right}/${mid.n}\n`);
    // No answer may reach 0.9 (none does while every kind's first-sight record is below 97%); any that does keeps the promise.
    assert.ok(high.n === 0 || high.right / high.n >= 0.97, `>= 0.9 band: ${high.right}/${high.n}`);
    assert.ok(mid.n > 0 && mid.right / mid.n >= 0.9, `>= 0.7 band: ${mid.right}/${mid.n}`);
  });

  it('promises no rule more than its answers kept on the batches scored at first sight', () => {
    // The lower bound (Wilson, z = 2) of the first-sight precision of each rule (kind and raw
    // confidence) with ten answers or more, else of its kind: a calibrated confidence above it
    // promises more than notes nobody had read showed (scripts/calibrate.mjs caps at it).
    const byKind = new Map<string, { ok: number; n: number }>();
    const byRule = new Map<string, { ok: number; n: number }>();
    const count = (m: Map<string, { ok: number; n: number }>, key: string, ok: boolean): void => {
      const k = m.get(key) ?? { ok: 0, n: 0 };
      k.n++; if (ok) k.ok++;
      m.set(key, k);
    };
    for (const f of readdirSync(DIR).filter((n) => /^first-sight-answers-.*\.json$/.test(n))) {
      for (const a of JSON.parse(readFileSync(join(DIR, f), 'utf8')) as { kind: string; gold: string; raw?: number }[]) {
        count(byKind, a.kind, a.kind === a.gold);
        if (a.raw !== undefined) count(byRule, `${a.kind} ${a.raw}`, a.kind === a.gold);
      }
    }
    assert.ok(byKind.size > 0, 'no first-sight answers in the corpus folder');
    const wilsonLow = (k: number, n: number): number => { const p = k / n; return (p + 2 / n - 2 * Math.sqrt((p * (1 - p)) / n + 1 / (n * n))) / (1 + 4 / n); };
    for (const r of rows) {
      const c = classify(r.latex);
      if (c.kind === 'none') continue;
      const rule = byRule.get(`${c.kind} ${classifyUncalibrated(r.latex).confidence}`);
      const record = rule && rule.n >= 10 ? rule : byKind.get(c.kind);
      if (!record || record.n < 10) continue;
      const bound = wilsonLow(record.ok, record.n);
      assert.ok(c.confidence <= bound + 0.0005 /* the table rounds to 3 decimals */, `${r.id}: ${c.kind} at ${c.confidence}, first-sight bound ${bound.toFixed(3)} (${record.ok}/${record.n})`);
    }
  });
});
