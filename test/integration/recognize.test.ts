// What a formula is, as the hover and the CodeLens say it inside the real extension host, on the
// example notes that ship with the repository (the extension's own folder here).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { guessedName } from '../../src/core/recognize/titles';
import type { FormulaKind } from '../../src/core/recognize';
import { escapeMarkdown } from '../../src/host/hoverMarkdown';

const SVG_IMAGE = 'data:image/svg+xml;base64,';

async function hoverText(uri: vscode.Uri, position: vscode.Position, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).find((m) => m.includes(SVG_IMAGE));
    if (text || Date.now() > deadline) return text ?? '';
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function open(name: string): Promise<vscode.TextDocument> {
  const extension = vscode.extensions.getExtension('genmath.genmath');
  assert.ok(extension, 'GenMath is not loaded');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(extension.extensionUri, 'examples', name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function middleOf(doc: vscode.TextDocument, needle: string): vscode.Position {
  const start = doc.getText().indexOf(needle);
  assert.ok(start >= 0, `${doc.fileName} does not contain ${needle}`);
  return doc.positionAt(start + Math.floor(needle.length / 2));
}

const CASES: { file: string; needle: string; kind: FormulaKind; title: string; symbols: string[] }[] = [
  { file: '01-maximum-likelihood.md', needle: String.raw`\hat\theta = \arg\max_\theta \frac{1}{n}`, kind: 'mle', title: 'Maximum likelihood', symbols: ['θ'] },
  { file: '02-vae-and-elbo.md', needle: String.raw`D_{KL}(q_\phi(z|x)\,\|\,p_\theta(z|x))`, kind: 'kl', title: 'KL divergence', symbols: ['q_φ(z|x)', 'p_θ(z|x)'] },
  { file: '02-vae-and-elbo.md', needle: String.raw`&\geq \mathbb{E}_{q_\phi(z|x)}`, kind: 'elbo', title: 'Evidence lower bound (ELBO)', symbols: ['q_φ(z|x)'] },
  { file: '03-gans.md', needle: String.raw`\min_G \max_D V(D, G)`, kind: 'minimax', title: 'GAN min-max game', symbols: ['G', 'D'] },
];

describe('Recognized formulas in the example notes', function () {
  this.timeout(60_000);

  for (const c of CASES) {
    it(`names the ${c.title} in ${c.file}, with its symbols, next to the image`, async () => {
      const doc = await open(c.file);
      const text = await hoverText(doc.uri, middleOf(doc, c.needle));
      assert.ok(text.includes(SVG_IMAGE), `no formula image; hover: ${text.slice(0, 300)}`);
      // The kind's name, or "Looks like ..." with its confidence where its rule's answers were
      // right less than nine times in ten on notes nobody had read (the calibration's promise).
      const sure = text.startsWith(`**${escapeMarkdown(c.title)}**`);
      const guess = text.startsWith(`**${escapeMarkdown(`Looks like ${guessedName(c.kind, c.title)}`)}**`) && /_\(a guess: confidence 0\.\d\d\)_/.test(text.split('\n')[0]);
      assert.ok(sure || guess, `hover does not lead with ${c.title}: ${text.slice(0, 200)}`);
      for (const s of c.symbols) assert.ok(text.includes(`\`${s}\``), `glossary does not name ${s}: ${text.slice(text.indexOf(')\n\n'), text.indexOf(')\n\n') + 400)}`);
    });
  }

  it('links the min-max game to Train Toy GAN, and that command exists', async () => {
    const doc = await open('03-gans.md');
    const text = await hoverText(doc.uri, middleOf(doc, String.raw`\min_G \max_D V(D, G)`));
    assert.match(text, /\[Run demo ▸\]\(command:genmath\.trainToyGan\?/);
    assert.ok((await vscode.commands.getCommands(true)).includes('genmath.trainToyGan'));
  });

  it('puts a CodeLens naming the kind above a display formula, which explains it', async () => {
    const doc = await open('03-gans.md');
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri)) ?? [];
    const titles = lenses.map((l) => l.command?.title);
    assert.ok(titles.includes('GAN min-max game · Explain'), `lenses: ${titles.join(', ')}`);
    assert.ok(titles.includes('Run demo ▸'));
    const explain = lenses.find((l) => l.command?.title === 'GAN min-max game · Explain')!;
    assert.equal(explain.command?.command, 'genmath.explainFormula');
  });

  it('shows the value of a formula with numbers in the hover', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'The KL is $D_{KL}(\\mathcal{N}(0,1)\\|\\mathcal{N}(2,1))$ here.\n' });
    await vscode.window.showTextDocument(doc);
    const text = await hoverText(doc.uri, middleOf(doc, 'mathcal{N}(0,1)'));
    assert.match(text, /= 2 \\\(closed form\\\)/, text.slice(0, 400));
  });

  it('opens the Explain panel on the formula a link names', async () => {
    const doc = await open('02-vae-and-elbo.md');
    const offset = doc.getText().indexOf(String.raw`D_{KL}(q_\phi(z|x)\,\|\,p_\theta(z|x))`);
    await vscode.commands.executeCommand('genmath.explainFormula', { uri: doc.uri.toString(), offset });
    const tabLabels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    const deadline = Date.now() + 15_000;
    while (!tabLabels().includes('Explain: KL divergence') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(tabLabels().includes('Explain: KL divergence'), `tabs: ${tabLabels().join(', ')}`);
    // Ask the command palette's command again with a bad argument: it must not throw.
    await vscode.commands.executeCommand('genmath.explainFormula', { uri: 42, offset: 'x' });
  });

  it("opens a toy from a demo link's arguments, and takes odd ones without throwing", async () => {
    const doc = await open('02-vae-and-elbo.md');
    const elbo = await hoverText(doc.uri, middleOf(doc, String.raw`&\geq \mathbb{E}_{q_\phi(z|x)}`));
    // The hover's link carries the kind's settings and the note's own formula.
    // The encoded arguments keep the formula's parentheses and hold no white space; the link's title follows them.
    const encoded = /\[Run demo ▸\]\(command:genmath\.trainToyVae\?(\S+) "Run demo"\)/.exec(elbo)?.[1];
    assert.ok(encoded, elbo.slice(elbo.indexOf('Run demo'), elbo.indexOf('Run demo') + 600));
    const args = JSON.parse(decodeURIComponent(encoded)) as unknown[];
    assert.deepEqual(args[0], { dataset: 'lineargauss' });
    assert.match((args[1] as { tex: string }).tex, /D_\{KL\}/);
    await vscode.commands.executeCommand('genmath.trainToyVae', ...args);
    const tabLabels = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.map((t) => t.label));
    const deadline = Date.now() + 15_000;
    while (!tabLabels().includes('Toy VAE') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(tabLabels().includes('Toy VAE'), `tabs: ${tabLabels().join(', ')}`);
    // A hand-made link is untrusted input: wrong types, a formula far too long, a prototype key.
    for (const bad of [[42, { tex: 7 }], [{ dataset: 'x'.repeat(1000) }, { tex: 'x'.repeat(100_000), name: 'n' }], [JSON.parse('{"__proto__": {"a": 1}}'), null]]) {
      await vscode.commands.executeCommand('genmath.trainToyVae', ...bad);
      await vscode.commands.executeCommand('genmath.trainToyGan', ...bad);
    }
    // The ext host learns of new tabs a moment after they open.
    const panelTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => ['Toy VAE', 'Toy GAN'].includes(t.label)));
    for (const until = Date.now() + 15_000; panelTabs().length < 2 && Date.now() < until;) await new Promise((r) => setTimeout(r, 200));
    await new Promise((r) => setTimeout(r, 500));
    const panels = panelTabs();
    const where = vscode.window.tabGroups.all.map((g) => `[${g.viewColumn}: ${g.tabs.map((t) => t.label).join(', ')}]`).join(' ');
    assert.equal(panels.length, 2, `a bad argument opened another panel: ${where}`);
    await vscode.window.tabGroups.close(panels);
  });
});
