// Recognition as a person meets it: every hover point of the recognize-notes fixtures (course notes
// in markdown, LaTeX with a preamble of macros, a Jupyter notebook's markdown cells and pasted
// Unicode math) hovered through VS Code's own hover command inside the real extension host, and
// the kind the hover's first line names compared with the manifest's label.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { NOTES_FOLDER, REQUIRED_SHARE, kindNamed, loadManifest, tally, type HoverPoint, type PointResult } from '../recognizeNotes';

const SVG_IMAGE = 'data:image/svg+xml;base64,';

/** GenMath's hover at a place, as markdown ('' when there is none). */
async function genmathHover(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const contents = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
  // Other extensions may hover the same place; GenMath's hover is the one with the formula image.
  return contents.find((m) => m.includes(SVG_IMAGE)) ?? contents.find((m) => m.startsWith('**')) ?? '';
}

describe('Recognized kinds in notes of every format, hovered in VS Code', function () {
  this.timeout(120_000);

  let folder: string;
  const documents = new Map<string, vscode.TextDocument>();

  /** The document a point is in: the note, or the notebook's markdown cell. */
  async function documentOf(point: HoverPoint): Promise<vscode.TextDocument> {
    const key = `${point.file}#${point.cell ?? ''}`;
    const known = documents.get(key);
    if (known) return known;
    const uri = vscode.Uri.file(path.join(folder, point.file));
    let doc: vscode.TextDocument;
    if (point.cell !== undefined) {
      const notebook = await vscode.workspace.openNotebookDocument(uri);
      doc = notebook.cellAt(point.cell).document;
      assert.equal(doc.languageId, 'markdown', `${point.file} cell ${point.cell} is not a markdown cell`);
    } else {
      doc = await vscode.workspace.openTextDocument(uri);
    }
    documents.set(key, doc);
    return doc;
  }

  before(async function () {
    const extension = vscode.extensions.getExtension('genmath.genmath');
    assert.ok(extension, 'GenMath (genmath.genmath) is not loaded');
    await extension.activate();
    folder = path.join(extension.extensionUri.fsPath, NOTES_FOLDER);
  });

  it(`names the labelled kind at ${REQUIRED_SHARE * 100}% of the hover points or more`, async function () {
    const { points } = loadManifest(folder);
    const results: PointResult[] = [];
    for (const [i, point] of points.entries()) {
      const doc = await documentOf(point);
      const position = new vscode.Position(point.line - 1, point.column - 1);
      let hover = await genmathHover(doc.uri, position);
      // The first hover may come before the hover provider has rendered anything: ask again for a while.
      for (let t = 0; i === 0 && hover === '' && t < 40; t++) {
        await new Promise((r) => setTimeout(r, 250));
        hover = await genmathHover(doc.uri, position);
      }
      results.push({ point, named: kindNamed(hover), firstLine: hover.split('\n', 1)[0].replace(/\(data:image[^)]*\)/, '(image)') });
    }
    const t = tally(results);
    // The figure and every miss go into the title, which the test driver prints whether it passes or not.
    if (this.test) this.test.title += `: ${t.right}/${t.total} right${t.misses.length > 0 ? `; misses:\n        ${t.misses.join('\n        ')}` : ''}`;
    assert.ok(t.share >= REQUIRED_SHARE, `${t.right} of ${t.total} hover points name their labelled kind; misses:\n${t.misses.join('\n')}`);
  });
});
