// What the corpus scripts (corpus-extract, first-sight, corpus-report, calibrate) share: GenMath's
// own source loaded as they run it, the labelled rows and first-sight answers read from the corpus
// folder, and the figures they report.
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync, mkdtempSync } from 'node:fs';
import { join, resolve, dirname, basename } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS_DIR = join(ROOT, 'test/fixtures/recognize');

/** A module of src/ bundled as it stands in this checkout and loaded, so a script runs the code the tests do. */
export async function loadSource(entry) {
  const out = join(mkdtempSync(join(tmpdir(), 'genmath-corpus-')), `${basename(entry, '.ts')}.cjs`);
  await esbuild.build({ entryPoints: [join(ROOT, entry)], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'warning' });
  return createRequire(import.meta.url)(out);
}

/** The rows of a JSON Lines file. */
export function readJsonl(path) {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** The first-sight answers first-sight.mjs kept (batch G on), by batch. */
export function readFirstSightAnswers(dir = CORPUS_DIR) {
  const byBatch = new Map();
  for (const f of readdirSync(dir).filter((n) => /^first-sight-answers-.*\.json$/.test(n)).sort()) {
    byBatch.set(f.replace(/^first-sight-answers-|\.json$/g, ''), JSON.parse(readFileSync(join(dir, f), 'utf8')));
  }
  return byBatch;
}

// The issue judges recognition by accuracy and by the F1 of the headline kinds (the four a course
// on generative models is built on), so every script computes it the same way here.
export const HEADLINE_KINDS = ['mle', 'kl', 'elbo', 'minimax'];

/** Per headline kind F1 of {gold, kind} answers, and the pooled (micro) F1 of the four: one F1
 * over all their true positives, false alarms and misses. The pooled figure is the headline one: a
 * mean of per-kind F1 swings to 0 on a small batch with one false alarm of a kind it never holds. */
export function headlineF1(answers) {
  const perKind = {};
  let TP = 0; let FP = 0; let FN = 0;
  for (const k of HEADLINE_KINDS) {
    let tp = 0; let fp = 0; let fn = 0;
    for (const a of answers) {
      if (a.kind === k && a.gold === k) tp++;
      else if (a.kind === k) fp++;
      else if (a.gold === k) fn++;
    }
    if (tp + fp + fn > 0) perKind[k] = (2 * tp) / (2 * tp + fp + fn);
    TP += tp; FP += fp; FN += fn;
  }
  return { perKind, pooled: TP + FP + FN > 0 ? (2 * TP) / (2 * TP + FP + FN) : NaN };
}
