// A formula is recognized once per document version, whichever of the hover, the CodeLens and the
// Explain command asks first: they share DocumentFormulas' cards. Run inside the real extension host
// with the real providers, given a DocumentFormulas whose recognizer counts its calls.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { recognize, type ClassifyOptions } from '../../src/core/recognize';
import { FormulaCodeLensProvider } from '../../src/host/codeLens';
import { DocumentFormulas } from '../../src/host/documentFormulas';
import { FormulaHoverProvider } from '../../src/host/hover';
import { MacroSources } from '../../src/host/macroSources';
import { explainRequest } from '../../src/host/panels/explainPanel';
import { RenderService } from '../../src/host/render/renderService';

const KL = String.raw`D_{KL}(q_\phi(z|x)\,\|\,p(z))`;
const ELBO = String.raw`\log p(x) \ge \mathbb{E}_{q(z|x)}[\log p(x|z)] - D_{KL}(q(z|x)\|p(z))`;
const NOTE = `# Notes\n\nThe prior term:\n\n$$${KL}$$\n\nThe bound:\n\n$$${ELBO}$$\n`;

describe('Recognition once per document version', function () {
  this.timeout(30_000);
  const calls = new Map<string, number>();
  const counting = (latex: string, options: ClassifyOptions) => {
    calls.set(latex, (calls.get(latex) ?? 0) + 1);
    return recognize(latex, options);
  };
  const formulas = new DocumentFormulas({ recognize: counting });
  const macroSources = new MacroSources(formulas);
  const lenses = new FormulaCodeLensProvider(formulas);
  let renderer: RenderService;
  const token = new vscode.CancellationTokenSource().token;

  before(() => {
    const extension = vscode.extensions.getExtension('genmath.genmath');
    assert.ok(extension, 'GenMath is not loaded');
    renderer = new RenderService({ workerPath: path.join(extension.extensionPath, 'dist', 'workers', 'mathjax.js'), budgetMs: 10_000 });
  });
  after(() => {
    renderer.dispose();
    lenses.dispose();
    macroSources.dispose();
    formulas.dispose();
  });

  it('recognizes each display formula once for the CodeLens, the hover and Explain together, and again after an edit', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: NOTE });
    const hover = new FormulaHoverProvider(formulas, renderer, macroSources);
    const kl = formulas.at(doc, NOTE.indexOf('q_'));
    assert.ok(kl, 'the KL formula is not found');

    const shown = lenses.provideCodeLenses(doc, token).map((l) => l.command?.title ?? '');
    assert.ok(shown.some((t) => t.startsWith('KL divergence')), `lenses: ${shown.join(' | ')}`);
    const result = await hover.provideHover(doc, doc.positionAt(NOTE.indexOf('q_')), token);
    assert.ok(result, 'no hover over the KL formula');
    const request = explainRequest(formulas, doc, kl);
    assert.equal(request[5]?.kind, 'kl');
    lenses.provideCodeLenses(doc, token);
    assert.deepEqual([...calls.values()], [1, 1], `recognized: ${JSON.stringify([...calls])}`);

    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), 'Edited. ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    lenses.provideCodeLenses(doc, token);
    await hover.provideHover(doc, doc.positionAt(NOTE.indexOf('q_') + 8), token);
    assert.deepEqual([...calls.values()], [2, 2], `recognized after the edit: ${JSON.stringify([...calls])}`);
  });
});
