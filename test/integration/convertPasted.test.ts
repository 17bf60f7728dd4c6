// "Convert Pasted Math to LaTeX" as VS Code itself runs it, inside the real extension host (run by
// test/index.ts): the command on the seed article's min-max block, its undo, the quick fix and the
// CodeLens that offer it, and a block it cannot read left alone.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

const COMMAND = 'genmath.convertPastedMath';
const MINIMAX = String.raw`$$\min_G \max_D \mathbb{E}_{x\sim p_{data}}[\log D(x)] + \mathbb{E}_{z\sim p(z)}[\log(1 - D(G(z)))]$$`;

/** The seed article, from the shared corpus next to the repository (out/test/integration -> ../shared). */
const SEED = fs.readFileSync(path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'pasted', 'seed-article.txt'), 'utf8');

/** Where the min-max block of the seed starts and ends: its visual copy's first tokens, its linear text's last line. */
const BLOCK_START = SEED.indexOf('min\n\n𝐺\n\nmax');
const BLOCK_END = SEED.indexOf('[log(1−D(G(z)))]') + '[log(1−D(G(z)))]'.length;

/** The seed with the min-max block converted: what the note must hold after the command. */
const CONVERTED = SEED.slice(0, BLOCK_START) + MINIMAX + SEED.slice(BLOCK_END);

/** Waits until `test` holds or `timeoutMs` passes (the extension activates a moment after a document opens). */
async function until(test: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await test()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A new untitled markdown note holding `content`, shown in an editor. */
async function openNote(content: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  return vscode.window.showTextDocument(doc);
}

describe('Converting pasted math inside VS Code', function () {
  this.timeout(30_000);

  before(async function () {
    assert.ok(BLOCK_START > 0 && BLOCK_END > BLOCK_START, 'the seed article has no min-max block');
    const extension = vscode.extensions.getExtension('genmath.genmath');
    assert.ok(extension, 'GenMath (genmath.genmath) is not loaded');
    await extension.activate();
  });

  afterEach(async function () {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('contributes the command to the palette', async function () {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(COMMAND), `${COMMAND} is not registered`);
  });

  it('replaces the min-max block under the cursor with $$...$$ in one edit that undo takes back', async function () {
    const editor = await openNote(SEED);
    const inside = editor.document.positionAt(SEED.indexOf('𝐷', BLOCK_START));
    editor.selection = new vscode.Selection(inside, inside);
    await vscode.commands.executeCommand(COMMAND);
    assert.ok(await until(() => editor.document.getText() !== SEED), 'the command changed nothing');
    assert.equal(editor.document.getText(), CONVERTED);

    await vscode.commands.executeCommand('undo');
    assert.ok(await until(() => editor.document.getText() === SEED), 'one undo did not restore the pasted block');
  });

  it('offers the conversion as a quick fix and as a refactoring over the block', async function () {
    const editor = await openNote(SEED);
    const doc = editor.document;
    const range = new vscode.Range(doc.positionAt(BLOCK_START + 2), doc.positionAt(BLOCK_START + 2));
    const quickFixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
    const fix = quickFixes?.find((a) => a.title === 'Convert to LaTeX');
    assert.ok(fix, `no quick fix; got ${JSON.stringify(quickFixes?.map((a) => a.title))}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.ok(fix.edit, 'the quick fix carries no edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), CONVERTED);

    const refactorings = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.RefactorRewrite.value);
    assert.ok(!refactorings?.some((a) => a.title === 'Convert to LaTeX'), 'a converted block is still offered');
  });

  it('shows a "Convert to LaTeX" CodeLens above each pasted display formula of the seed', async function () {
    const editor = await openNote(SEED);
    const doc = editor.document;
    let lenses: vscode.CodeLens[] = [];
    await until(async () => {
      lenses = ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [])
        .filter((l) => l.command?.title === 'Convert to LaTeX');
      return lenses.length > 0;
    });
    const lines = lenses.map((l) => l.range.start.line);
    assert.ok(lines.includes(doc.positionAt(BLOCK_START).line), `no lens on the min-max block's first line; lenses on ${JSON.stringify(lines)}`);
    // The MLE, the marginal, the KL, the min-max, the gradient step, and P(x), P(x,y): seven blocks.
    assert.equal(lenses.length, 7);
    const lens = lenses.find((l) => l.range.start.line === doc.positionAt(BLOCK_START).line);
    await vscode.commands.executeCommand(lens!.command!.command, ...(lens!.command!.arguments ?? []));
    assert.ok(await until(() => doc.getText() === CONVERTED), 'the CodeLens did not convert the block');
  });

  it('leaves a visual copy it cannot read whole as it is', async function () {
    const unreadable = 'Gradient descent:\n\n\nπœƒ\n\n=\n\nπœƒ\n\nπœ‚\n\n𝐿\n\n(\n\nπœƒ\n\n)\n\n\nThat is all.\n';
    const editor = await openNote(unreadable);
    const inside = editor.document.positionAt(unreadable.indexOf('πœ‚'));
    editor.selection = new vscode.Selection(inside, inside);
    await vscode.commands.executeCommand(COMMAND);
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(editor.document.getText(), unreadable);
  });
});
