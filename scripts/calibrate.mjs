// Measures how often each recognizer rule is right on the labelled corpus and writes
// src/core/recognize/calibrationTable.ts, which turns a detector's raw confidence into a
// calibrated one (src/core/recognize/calibration.ts).
//   node scripts/calibrate.mjs            write the table and print the reliability
//   node scripts/calibrate.mjs --check    print only (leave-one-source-out figures included)
// Cells are (kind, raw confidence). A cell's calibrated confidence is the Wilson lower bound
// (z = 2) of its accuracy, shrunk toward its kind's accuracy, so that a small lucky cell cannot
// claim 0.99. Rerun after any change to the detectors; the corpus test checks the result.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, CORPUS_DIR as dir, loadSource, readFirstSightAnswers, readJsonl } from './corpus-shared.mjs';

const check = process.argv.includes('--check');
const { classifyUncalibrated } = await loadSource('src/core/recognize/classify.ts');

const rows = [];
for (const f of readdirSync(dir).filter((n) => n.endsWith('.jsonl')).sort()) {
  for (const r of readJsonl(join(dir, f))) rows.push({ ...r, file: f });
}
for (const r of rows) { const c = classifyUncalibrated(r.latex); r.got = c.kind; r.raw = c.confidence; r.ok = c.kind === r.kind; }

const Z = 2;
const wilsonLow = (k, n) => { if (n === 0) return 0; const p = k / n; const z2 = Z * Z; return (p + z2 / (2 * n) - Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n); };
/**
 * The promises the bands make (issue 10): of answers at 0.9 or more, 97% right; at 0.7 or more, 90%.
 * A lower bound can sit above 0.9 for a rule right 94% of the time on many formulas: such a rule is
 * kept under the band it cannot keep, with room for the words around a formula to raise it by
 * their +0.04 (evidence.ts) without crossing into the band.
 */
const BANDS = [[0.9, 0.97], [0.7, 0.9]];
const CONTEXT_ROOM = 0.05;
function banded(value, accuracy) {
  let v = value;
  for (const [floor, needs] of BANDS) if (v >= floor - CONTEXT_ROOM && accuracy < needs) v = Math.min(v, floor - CONTEXT_ROOM);
  return v;
}
/**
 * What each kind's answers were worth on documents nobody had read: every batch scored at first
 * sight (scripts/first-sight.mjs keeps each row's answer) says how often an answer of that kind was
 * right before rules were written for its document. The corpus rate of a rule is measured on rows
 * the rules were tuned on, so it flatters; a kind's calibrated confidence is capped at the lower
 * bound of its first-sight precision, so "0.8" is a rate unseen notes kept, not only the corpus.
 */
const firstSight = new Map();
/** The same per rule: kind and raw confidence, as the snapshot that answered gave them. */
const firstSightCells = new Map();
for (const answers of readFirstSightAnswers(dir).values()) {
  for (const a of answers) {
    const k = firstSight.get(a.kind) ?? { ok: 0, n: 0 };
    k.n++; if (a.kind === a.gold) k.ok++;
    firstSight.set(a.kind, k);
    if (a.raw === undefined) continue;
    const key = `${a.kind} ${a.raw}`;
    const c = firstSightCells.get(key) ?? { ok: 0, n: 0 };
    c.n++; if (a.kind === a.gold) c.ok++;
    firstSightCells.set(key, c);
  }
}
// A kind answered fewer than ten times at first sight has too little record of its own: it gets the
// record of all kinds' answers together (a `none` answer is not a claim, so it is left out of it).
const pooled = [...firstSight].filter(([kind]) => kind !== 'none').reduce((a, [, k]) => ({ ok: a.ok + k.ok, n: a.n + k.n }), { ok: 0, n: 0 });
// A rule with ten first-sight answers or more is capped by its own record (a canonical form may
// earn more than its kind's looser rules); one with fewer by its kind's, or by all kinds'.
const firstSightCap = (kind, raw) => {
  const cell = raw === undefined ? undefined : firstSightCells.get(`${kind} ${raw}`);
  const own = firstSight.get(kind);
  const k = cell && cell.n >= 10 ? cell : own && own.n >= 10 ? own : pooled;
  return k.n > 0 ? banded(wilsonLow(k.ok, k.n), k.ok / k.n) : 1;
};

/** The table from a set of rows. */
function fit(data) {
  const kinds = new Map();
  for (const r of data) {
    const k = kinds.get(r.got) ?? { ok: 0, n: 0, cells: new Map() };
    k.ok += r.ok; k.n++;
    const c = k.cells.get(r.raw) ?? { ok: 0, n: 0, files: new Set() }; c.ok += r.ok; c.n++; c.files.add(r.file); k.cells.set(r.raw, c);
    kinds.set(r.got, k);
  }
  const table = {};
  for (const [kind, k] of kinds) {
    const overall = wilsonLow(k.ok, k.n);
    // Shrink each cell toward its kind with two pseudo-answers at the kind's rate.
    // A rule seen in fewer than three documents says more about those documents than about the
    // rule: its answers get the kind's rate, whatever its own record.
    const cells = [...k.cells].map(([raw, c]) => {
      const trusted = c.files.size >= 3;
      const low = trusted ? wilsonLow(c.ok + 2 * (k.ok / k.n), c.n + 2) : overall;
      const point = trusted ? (c.ok + 2 * (k.ok / k.n)) / (c.n + 2) : k.ok / k.n;
      return [raw, Math.round(Math.min(banded(Math.min(0.99, low), point), firstSightCap(kind, raw)) * 1000) / 1000];
    }).sort((a, b) => a[0] - b[0]);
    table[kind] = { overall: Math.round(Math.min(banded(overall, k.ok / k.n), firstSightCap(kind)) * 1000) / 1000, cells };
  }
  return table;
}
function lookup(table, kind, raw) {
  if (raw < 0.5) return raw;
  const t = table[kind];
  if (!t) return raw;
  let best; let bestRaw = -1;
  for (const [r, c] of t.cells) if (r <= raw + 1e-9 && r > bestRaw) { bestRaw = r; best = c; }
  return best ?? Math.min(raw, t.overall);
}
function reliability(scored) {
  const lines = [];
  for (const lo of [0.9, 0.8, 0.7, 0.5, 0]) {
    const s = scored.filter((x) => x.conf >= lo);
    const ok = s.filter((x) => x.ok).length;
    lines.push(`  confidence >= ${lo.toFixed(1)}: ${ok}/${s.length} right = ${s.length ? (ok / s.length).toFixed(3) : '-'}`);
  }
  return lines.join('\n');
}
console.log('first-sight precision per answered kind (the cap on its confidence):');
for (const [kind, k] of [...firstSight].sort()) console.log(`  ${kind}: ${k.ok}/${k.n} = ${(k.ok / k.n).toFixed(3)}, cap ${firstSightCap(kind).toFixed(3)}`);
console.log('rules with ten first-sight answers or more:');
for (const [key, c] of [...firstSightCells].sort()) if (c.n >= 10 && !key.startsWith('none')) console.log(`  ${key}: ${c.ok}/${c.n} = ${(c.ok / c.n).toFixed(3)}, cap ${firstSightCap(...key.split(' ').map((x, i) => (i ? Number(x) : x))).toFixed(3)}`);
const table = fit(rows);
console.log('in-sample reliability (the table applied to the corpus it was fitted on):');
console.log(reliability(rows.map((r) => ({ ok: r.ok, conf: lookup(table, r.got, r.raw) }))));
// Leave one source file out: fit on the rest, score the file left out. The honest figure.
const loso = [];
for (const f of new Set(rows.map((r) => r.file))) {
  const t = fit(rows.filter((r) => r.file !== f));
  for (const r of rows.filter((x) => x.file === f)) loso.push({ ok: r.ok, conf: lookup(t, r.got, r.raw) });
}
console.log('leave-one-source-out reliability:');
console.log(reliability(loso));
if (!check) {
  const body = JSON.stringify(table, null, 0).replace(/\],\[/g, '], [');
  writeFileSync(join(ROOT, 'src/core/recognize/calibrationTable.ts'),
    `// Written by scripts/calibrate.mjs from ${rows.length} labelled formulas in test/fixtures/recognize; do not edit by hand.\n` +
    `import type { FormulaKind } from './types';\n\n` +
    `/** Per kind: the calibrated confidence of each raw confidence seen in the corpus, and of the kind overall. */\n` +
    `export const CALIBRATION: Readonly<Partial<Record<FormulaKind, { readonly overall: number; readonly cells: readonly (readonly [number, number])[] }>>> = ${body};\n`);
  console.log('wrote src/core/recognize/calibrationTable.ts');
}
