// The hover provider as VS Code itself calls it, inside the real extension host
// (run by test/index.ts). The workspace is a copy of test/fixtures/workspace.
import * as assert from 'assert';
import * as vscode from 'vscode';

const SVG_IMAGE = 'data:image/svg+xml;base64,';
const INLINE = String.raw`$D_{KL}(q_\phi(z|x)\,\|\,p(z))$`;

/** The markdown of every hover VS Code collects at `position`, from all providers. */
async function hoverMarkdown(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

/**
 * Asks for hovers at `position` until one holds a formula image or `timeoutMs` passes:
 * the extension activates a moment after the document opens.
 * @returns the hover with the image, or else the last hovers seen (for the failure message)
 */
async function waitForFormulaHover(uri: vscode.Uri, position: vscode.Position, timeoutMs = 10_000): Promise<{ image?: string; seen: string[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await hoverMarkdown(uri, position);
    const image = seen.find((m) => m.includes(SVG_IMAGE));
    if (image || Date.now() > deadline) return { image, seen };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The middle of the first occurrence of `needle` in the document. */
function middleOf(doc: vscode.TextDocument, needle: string): vscode.Position {
  const start = doc.getText().indexOf(needle);
  assert.ok(start >= 0, `the fixture does not contain ${needle}`);
  return doc.positionAt(start + Math.floor(needle.length / 2));
}

describe('The hover inside VS Code', function () {
  this.timeout(30_000);

  let doc: vscode.TextDocument;

  before(async function () {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the tests need the fixture workspace open');
    doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'notes.md'));
    await vscode.window.showTextDocument(doc);
    // Opening a markdown file activates GenMath; waiting for it here keeps the "no formula"
    // test below from passing only because the extension was not active yet.
    const extension = vscode.extensions.getExtension('genmath.genmath');
    assert.ok(extension, 'GenMath (genmath.genmath) is not loaded');
    await extension.activate();
  });

  it('runs in VS Code 1.100 or later', function () {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major > 1 || minor >= 100, `VS Code ${vscode.version}`);
  });

  it('renders an inline formula as an SVG image', async function () {
    const { image, seen } = await waitForFormulaHover(doc.uri, middleOf(doc, INLINE));
    assert.ok(image, `no hover with ${SVG_IMAGE} at the middle of ${INLINE}; hovers: ${JSON.stringify(seen).slice(0, 500)}`);
  });

  it('shows no formula over a currency amount', async function () {
    const markdown = await hoverMarkdown(doc.uri, middleOf(doc, 'costs $20 to $30'));
    assert.ok(!markdown.some((m) => m.includes(SVG_IMAGE)), `a formula image over "$20 to $30": ${markdown.join('\n').slice(0, 200)}`);
  });

  it("renders a formula in a notebook's markdown cell", async function () {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'The prior term $D_{KL}(q_\\phi(z|x)\\|p(z))$ of the ELBO.', 'markdown'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    const cell = notebook.cellAt(0).document;
    assert.equal(cell.languageId, 'markdown');
    const { image, seen } = await waitForFormulaHover(cell.uri, middleOf(cell, 'q_\\phi'));
    assert.ok(image, `no formula image in the notebook cell; hovers: ${JSON.stringify(seen).slice(0, 300)}`);
  });
});
