// Equation references and macro settings as VS Code itself calls the providers, inside the real
// extension host (run by test/index.ts). The workspace is a copy of test/fixtures/workspace; the
// notes used here are in its refs/ folder.
import * as assert from 'assert';
import * as vscode from 'vscode';

const SVG_IMAGE = 'data:image/svg+xml;base64,';

/** The markdown of every hover VS Code collects at `position`, from all providers. */
async function hoverMarkdown(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
}

/** Asks for hovers until one holds `needle` and a formula image, or `timeoutMs` passes. */
async function waitForHover(uri: vscode.Uri, position: vscode.Position, needle: string, timeoutMs = 10_000): Promise<{ hover?: string; seen: string[] }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await hoverMarkdown(uri, position);
    const hover = seen.find((m) => m.includes(SVG_IMAGE) && m.includes(needle));
    if (hover || Date.now() > deadline) return { hover, seen };
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A position inside the first occurrence of `needle`, `into` characters in. */
function inside(doc: vscode.TextDocument, needle: string, into = 2): vscode.Position {
  const start = doc.getText().indexOf(needle);
  assert.ok(start >= 0, `the fixture does not contain ${needle}`);
  return doc.positionAt(start + into);
}

describe('Equation references and macro settings inside VS Code', function () {
  this.timeout(30_000);

  let folder: vscode.Uri;

  before(async function () {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the tests need the fixture workspace open');
    folder = vscode.Uri.joinPath(workspace.uri, 'refs');
    const extension = vscode.extensions.getExtension('genmath.genmath');
    assert.ok(extension, 'GenMath (genmath.genmath) is not loaded');
    await extension.activate();
  });

  it('shows the labelled formula and its number when hovering \\eqref in a markdown note', async function () {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'elbo-note.md'));
    const { hover, seen } = await waitForHover(doc.uri, inside(doc, '\\eqref{eq:elbo}', 9), 'Equation **\\(1\\)**');
    assert.ok(hover, `no reference hover with the image and (1); hovers: ${JSON.stringify(seen).slice(0, 600)}`);
    assert.match(hover, /Evidence lower bound/i, 'the hover names the formula\'s kind');
    assert.match(hover, /command:genmath\.explainFormula/, 'the hover links to Explain');
    const second = await waitForHover(doc.uri, inside(doc, '\\eqref{eq:elbo-joint}', 9), 'Equation **\\(2\\)**');
    assert.ok(second.hover, `no hover with (2) over the second reference; hovers: ${JSON.stringify(second.seen).slice(0, 600)}`);
  });

  it('shows the formula and number of a label in another file of a LaTeX project, with the root\'s macros', async function () {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'main.tex'));
    const { hover, seen } = await waitForHover(doc.uri, inside(doc, '\\ref{eq:gan}', 6), 'Equation **\\(2\\)**');
    assert.ok(hover, `no reference hover with the image and (2); hovers: ${JSON.stringify(seen).slice(0, 600)}`);
    assert.match(hover, /gan\.tex/, 'the hover says which file the equation is in');
    assert.doesNotMatch(hover, /Undefined control sequence/, '\\data, defined in main.tex, renders in gan.tex\'s equation');
  });

  it('says how a \\cref prints, with the cleveref options of the root\'s preamble', async function () {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'main.tex'));
    const { hover, seen } = await waitForHover(doc.uri, inside(doc, '\\cref{eq:mle}', 7), 'Equation **\\(1\\)**');
    assert.ok(hover, `no reference hover with (1) over \\cref; hovers: ${JSON.stringify(seen).slice(0, 600)}`);
    // `noabbrev` in main.tex: "equation (1)", where cleveref's default would print "eq. (1)".
    assert.match(hover, /cited here as “equation \\\(1\\\)”/);
  });

  it('goes to the \\label of a reference in another file', async function () {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'main.tex'));
    const links = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, inside(doc, '\\ref{eq:gan}', 6))) ?? [];
    const targets = links.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetRange } : { uri: l.uri, range: l.range }));
    const gan = targets.find((t) => t.uri.path.endsWith('/refs/gan.tex'));
    assert.ok(gan, `no definition in gan.tex: ${JSON.stringify(targets)}`);
    const target = await vscode.workspace.openTextDocument(gan.uri);
    assert.equal(target.getText(gan.range), '\\label{eq:gan}');
  });

  it('renders a macro defined only in markdown.math.macros', async function () {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'elbo-note.md'));
    const config = vscode.workspace.getConfiguration('markdown.math');
    const before = config.inspect('macros')?.globalValue;
    const at = inside(doc, '$\\Gen(z)$', 3);
    const undefinedFirst = await hoverMarkdown(doc.uri, at);
    assert.ok(!undefinedFirst.some((m) => m.includes(SVG_IMAGE)), `\\Gen rendered before any setting defined it: ${undefinedFirst.join('\n').slice(0, 300)}`);
    await config.update('macros', { '\\Gen': 'G_\\theta' }, vscode.ConfigurationTarget.Global);
    try {
      const { hover, seen } = await waitForHover(doc.uri, at, '');
      assert.ok(hover, `no image once markdown.math.macros defines \\Gen; hovers: ${JSON.stringify(seen).slice(0, 600)}`);
    } finally {
      await config.update('macros', before, vscode.ConfigurationTarget.Global);
    }
  });

  it('renders a macro from a genmath.macroFiles file', async function () {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'elbo-note.md'));
    const config = vscode.workspace.getConfiguration('genmath');
    const at = inside(doc, '$\\Prior(z)$', 3);
    const undefinedFirst = await hoverMarkdown(doc.uri, at);
    assert.ok(!undefinedFirst.some((m) => m.includes(SVG_IMAGE)), `\\Prior rendered before the macro file was named: ${undefinedFirst.join('\n').slice(0, 300)}`);
    await config.update('macroFiles', ['refs/notation.sty'], vscode.ConfigurationTarget.Workspace);
    try {
      const { hover, seen } = await waitForHover(doc.uri, at, '');
      assert.ok(hover, `no image once genmath.macroFiles names notation.sty; hovers: ${JSON.stringify(seen).slice(0, 600)}`);
    } finally {
      await config.update('macroFiles', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it("renders a macro of a notebook's first markdown cell in its third", async function () {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'Notation: $\\newcommand{\\Enc}{q_\\phi}$ is the encoder.', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'x = 1', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'The encoder $\\Enc(z|x)$ maps a sample to a code.', 'markdown'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    const cell = notebook.cellAt(2).document;
    const { hover, seen } = await waitForHover(cell.uri, inside(cell, '$\\Enc(z|x)$', 3), '');
    assert.ok(hover, `no image for \\Enc in the third cell; hovers: ${JSON.stringify(seen).slice(0, 600)}`);
    const alone = await vscode.workspace.openNotebookDocument('jupyter-notebook', new vscode.NotebookData([data.cells[2]]));
    const aloneCell = alone.cellAt(0).document;
    const without = await hoverMarkdown(aloneCell.uri, inside(aloneCell, '$\\Enc(z|x)$', 3));
    assert.ok(!without.some((m) => m.includes(SVG_IMAGE)), 'the cell rendered \\Enc without the cell that defines it');
  });

  it('numbers the equations of a notebook across its markdown cells', async function () {
    const data = new vscode.NotebookData([
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '$$ \\theta^* = \\arg\\max_\\theta \\log p_\\theta(x) \\label{eq:first} $$', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '$$ D_{KL}(q \\| p) = \\mathbb{E}_q[\\log q - \\log p] \\label{eq:kl} $$', 'markdown'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Code, 'x = 1', 'python'),
      new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'By \\eqref{eq:kl}, the divergence is never negative.', 'markdown'),
    ]);
    const notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
    const cell = notebook.cellAt(3).document;
    const { hover, seen } = await waitForHover(cell.uri, inside(cell, '\\eqref{eq:kl}', 9), 'Equation **\\(2\\)**');
    assert.ok(hover, `no hover with the KL formula numbered (2); hovers: ${JSON.stringify(seen).slice(0, 600)}`);
    const links = (await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', cell.uri, inside(cell, '\\eqref{eq:kl}', 9))) ?? [];
    const target = links.map((l) => ('targetUri' in l ? l.targetUri : l.uri))[0];
    assert.equal(target?.toString(), notebook.cellAt(1).document.uri.toString(), 'Go to Definition lands in the second cell');
  });
});

