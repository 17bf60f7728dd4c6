// Recognition as a person sees it in a real VS Code (code-server): hovers shown with the keyboard
// over formulas of the recognize-notes fixtures in every format (markdown, LaTeX with preamble
// macros, a notebook's markdown cells, pasted Unicode math), and the kind each hover's first line
// names. The in-host test (test/integration/recognize-notes.test.ts) hovers every point of the
// manifest; this one drives real hovers over a sample of them, at least two per format.
import * as assert from 'assert';
import * as path from 'path';
import { NOTES_FOLDER, REQUIRED_SHARE, documentText, kindNamed, loadManifest, offsetOf, tally, type HoverPoint, type PointResult } from '../recognizeNotes';
import type { FormulaKind } from '../../src/core/recognize';
import { type Workbench, hoverImageAt, hoverInNotebookCell, openFile, openNotebook, runSettings, useWorkbench } from './workbench';

/** Which points are hovered: in each note, the first point of each of these kinds. */
const SAMPLE: Readonly<Record<string, readonly FormulaKind[]>> = {
  'lecture-notes.md': ['kl', 'elbo', 'gradient_step'],
  'lecture.tex': ['kl', 'elbo', 'minimax'],
  'vae-tutorial.ipynb': ['elbo', 'entropy'],
  'pasted-from-a-blog.md': ['kl', 'gradient_step'],
};

describe('Recognized kinds in notes of every format, as real hovers show them', function () {
  this.timeout(150_000);
  const settings = runSettings();
  let wb: Workbench;
  const workbench = useWorkbench();
  before(() => {
    wb = workbench();
  });

  it(`names the labelled kind in the first line of ${REQUIRED_SHARE * 100}% of the sampled hovers or more`, async function () {
    const folder = path.join(settings.repoRoot, NOTES_FOLDER);
    const { files, points } = loadManifest(folder);
    const sample: HoverPoint[] = Object.entries(SAMPLE).flatMap(([file, kinds]) => kinds.map((kind) => {
      const point = points.find((p) => p.file === file && p.kind === kind);
      if (!point) throw new Error(`the manifest has no ${kind} point in ${file}`);
      return point;
    }));
    assert.ok(new Set(sample.map((p) => files[p.file])).size === 4 && sample.length >= 8);

    const results: PointResult[] = [];
    let open = '';
    for (const point of sample) {
      let shown;
      if (point.cell !== undefined) {
        if (open !== point.file) await openNotebook(wb.page, point.file);
        shown = await hoverInNotebookCell(wb.page, point.cell, offsetOf(documentText(folder, point), point.line, point.column));
      } else {
        if (open !== point.file) await openFile(wb.page, point.file);
        shown = await hoverImageAt(wb.page, { line: point.line, column: point.column });
      }
      open = point.file;
      results.push({ point, named: shown.image ? kindNamed(shown.text, true) : 'none', firstLine: shown.text.split('\n', 1)[0] });
    }
    const t = tally(results);
    // Printed whether it passes or not: each miss is a formula the recognizer gets wrong in a real hover.
    console.log(`      real hovers: ${t.right}/${t.total} name their labelled kind${t.misses.length > 0 ? `; misses:\n        ${t.misses.join('\n        ')}` : ''}`);
    assert.ok(t.share >= REQUIRED_SHARE, `${t.right} of ${t.total} real hovers name their labelled kind; misses:\n${t.misses.join('\n')}`);
  });
});
