// Scores a new corpus batch once, at first sight: the recognizer of this checkout, before anyone
// reads the batch's misses, on labelled files nobody used to write rules. Writes
// test/fixtures/recognize/first-sight-BATCH.tsv (which scripts/corpus-report.mjs reads) and prints
// the batch's accuracy without and with context and its headline-kind F1.
//   node scripts/first-sight.mjs BATCH SNAPSHOT FILE.jsonl...
// Run it before the batch's rows are read for rules; never rerun it after tuning (the figure would
// stop being a first-sight one). The per-row answers go to first-sight-answers-BATCH.json beside
// it, so the headline F1 can be recomputed without rerunning an older recognizer.
import { writeFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { CORPUS_DIR as DIR, headlineF1, loadSource, readJsonl } from './corpus-shared.mjs';

const [batch, snapshot, ...files] = process.argv.slice(2);
if (!batch || !snapshot || !files.length) {
  process.stderr.write('usage: node scripts/first-sight.mjs BATCH SNAPSHOT FILE.jsonl...\n');
  process.exit(2);
}
const tsv = join(DIR, `first-sight-${batch}.tsv`);
if (existsSync(tsv)) {
  process.stderr.write(`first-sight: ${tsv} exists; a batch is scored at first sight once\n`);
  process.exit(2);
}
const { classify, classifyUncalibrated } = await loadSource('src/core/recognize/classify.ts');

const lines = ['file\tsource\tn\tfirst_sight_correct\tfirst_sight_accuracy\tsnapshot\tfirst_sight_correct_with_context'];
const answers = [];
let n = 0; let right = 0; let rightCtx = 0;
for (const file of files) {
  const rows = readJsonl(file);
  let ok = 0; let okCtx = 0;
  for (const r of rows) {
    const card = classify(r.latex);
    const kind = card.kind;
    const carded = classify(r.latex, { context: r.context });
    const withContext = carded.kind;
    if (kind === r.kind) ok++;
    if (withContext === r.kind) okCtx++;
    // The confidences too, so the calibration's promises can be checked on rows it never saw.
    // `raw` is the detector's own confidence, which names the rule that answered: the calibration
    // caps each rule at what its answers kept here (scripts/calibrate.mjs).
    answers.push({ id: r.id, gold: r.kind, kind, raw: classifyUncalibrated(r.latex).confidence, confidence: card.confidence, withContext, confidenceWithContext: carded.confidence });
  }
  lines.push([basename(file), rows[0]?.source ?? '', rows.length, ok, (ok / rows.length).toFixed(3), snapshot, okCtx].join('\t'));
  n += rows.length; right += ok; rightCtx += okCtx;
}
writeFileSync(tsv, lines.join('\n') + '\n');
writeFileSync(join(DIR, `first-sight-answers-${batch}.json`), '[\n' + answers.map((a) => JSON.stringify(a)).join(',\n') + '\n]\n');
const f1 = headlineF1(answers.map((a) => ({ gold: a.gold, kind: a.kind })));
const f1Ctx = headlineF1(answers.map((a) => ({ gold: a.gold, kind: a.withContext })));
console.log(`batch ${batch} (${snapshot}): ${right}/${n} = ${(right / n).toFixed(3)} first sight, ${(rightCtx / n).toFixed(3)} with context`);
console.log(`headline F1, pooled over mle, kl, elbo, minimax: ${f1.pooled.toFixed(3)} (${f1Ctx.pooled.toFixed(3)} with context); ` +
  Object.entries(f1.perKind).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', '));
