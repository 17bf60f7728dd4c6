// The labelled corpus's report: per source, how many formulas, the first-sight accuracy (the
// recognizer as it was before anyone read that source, from first-sight-*.tsv) and the accuracy
// now, with and without the words around each formula.
//   node scripts/corpus-report.mjs            print the markdown table
//   node scripts/corpus-report.mjs --write    also rewrite the table in test/fixtures/recognize/README.md
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS_DIR as DIR, headlineF1, loadSource, readFirstSightAnswers, readJsonl } from './corpus-shared.mjs';

const { classify } = await loadSource('src/core/recognize/index.ts');

const firstSight = new Map();
const batches = [];
for (const f of readdirSync(DIR).filter((n) => /^first-sight-.*\.tsv$/.test(n)).sort()) {
  const batch = f.replace(/^first-sight-|\.tsv$/g, '');
  batches.push(batch);
  for (const line of readFileSync(join(DIR, f), 'utf8').split('\n').slice(1)) {
    const [file, , n, correct, , snapshot] = line.split('\t');
    if (file) firstSight.set(file, { batch, n: Number(n), correct: Number(correct), snapshot });
  }
}
const rows = [];
const totals = new Map();
/** Every row's answer now, for the headline F1 per batch. */
const answersByBatch = [];
/** First-sight answers, where first-sight.mjs kept them (batch G on). */
const firstSightAnswers = readFirstSightAnswers(DIR);
const batchOfFile = new Map();
for (const file of readdirSync(DIR).filter((n) => n.endsWith('.jsonl')).sort()) {
  const data = readJsonl(join(DIR, file));
  let now = 0; let ctx = 0;
  for (const r of data) {
    const kind = classify(r.latex).kind;
    answersByBatch.push({ file, gold: r.kind, kind });
    if (kind === r.kind) now++;
    if (classify(r.latex, { context: r.context }).kind === r.kind) ctx++;
  }
  const fs = firstSight.get(file);
  const batch = fs?.batch ?? (file === 'formulas-dev.jsonl' ? 'dev' : '?');
  batchOfFile.set(file, batch);
  rows.push({ file, source: file === 'formulas-dev.jsonl' ? `formulas-dev.jsonl (${new Set(data.map((r) => r.source)).size} documents)` : data[0]?.source ?? '', n: data.length, fs, now, ctx, batch });
  const t = totals.get(batch) ?? { n: 0, fsn: 0, fsc: 0, now: 0, ctx: 0 };
  t.n += data.length; t.now += now; t.ctx += ctx; if (fs) { t.fsn += fs.n; t.fsc += fs.correct; }
  totals.set(batch, t);
}
const pct = (a, b) => (b ? (a / b).toFixed(3) : '-');
const lines = ['| batch | source | n | first sight | snapshot | now | now, with context |', '|---|---|---|---|---|---|---|'];
for (const r of rows.sort((a, b) => a.batch.localeCompare(b.batch) || a.file.localeCompare(b.file))) {
  lines.push(`| ${r.batch} | ${r.source.replace(/\|/g, '\\|')} | ${r.n} | ${r.fs ? pct(r.fs.correct, r.fs.n) : '(rules written on it)'} | ${r.fs?.snapshot ?? ''} | ${pct(r.now, r.n)} | ${pct(r.ctx, r.n)} |`);
}
const f1 = (answers) => { const m = headlineF1(answers).pooled; return Number.isNaN(m) ? '-' : m.toFixed(3); };
lines.push('', '| batch | n | first sight | first sight, headline F1 | now | now, with context | now, headline F1 |', '|---|---|---|---|---|---|---|');
let all = { n: 0, now: 0, ctx: 0 };
for (const b of [...totals.keys()].sort()) {
  const t = totals.get(b);
  const fsAnswers = firstSightAnswers.get(b);
  lines.push(`| ${b} | ${t.n} | ${t.fsn ? pct(t.fsc, t.fsn) : '-'} | ${fsAnswers ? f1(fsAnswers) : '-'} | ${pct(t.now, t.n)} | ${pct(t.ctx, t.n)} | ${f1(answersByBatch.filter((a) => batchOfFile.get(a.file) === b))} |`);
  all = { n: all.n + t.n, now: all.now + t.now, ctx: all.ctx + t.ctx };
}
lines.push(`| all | ${all.n} | | | ${pct(all.now, all.n)} | ${pct(all.ctx, all.n)} | ${f1(answersByBatch)} |`);
const table = lines.join('\n');
console.log(table);
if (process.argv.includes('--write')) {
  const readme = join(DIR, 'README.md');
  const text = readFileSync(readme, 'utf8');
  const start = text.indexOf('<!-- report -->');
  const end = text.indexOf('<!-- /report -->');
  if (start < 0 || end < 0) throw new Error('README.md has no <!-- report --> ... <!-- /report --> block');
  writeFileSync(readme, text.slice(0, start) + '<!-- report -->\n' + table + '\n' + text.slice(end));
}
