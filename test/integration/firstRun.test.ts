// The first run as VS Code itself sees it, inside the real extension host (run by test/index.ts):
// the walkthrough and what it points at, the Explain Formula keybinding as VS Code's own list of
// default keybindings holds it, that binding's command opening Explain, the editor menus, and the
// "GenMath" output channel.
import * as assert from 'assert';
import * as vscode from 'vscode';

const EXPLAIN = 'genmath.explainFormula';

interface Step {
  readonly id: string;
  readonly description: string;
  readonly completionEvents: readonly string[];
  readonly media: { readonly image?: string; readonly markdown?: string };
}

/** Waits until `test` holds or `timeoutMs` passes. */
async function until(test: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await test()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The `key` and `when` of every default keybinding (extensions' included) that runs `command`, or that `key` triggers. */
function bindings(text: string): { key: string; command: string; when?: string }[] {
  // The default keybindings document is JSON with comments; its entries hold no nested objects.
  const out: { key: string; command: string; when?: string }[] = [];
  for (const m of text.matchAll(/\{[^{}]*\}/g)) {
    const entry = m[0];
    const key = /"key":\s*"([^"]*)"/.exec(entry)?.[1];
    const command = /"command":\s*"([^"]*)"/.exec(entry)?.[1];
    const when = /"when":\s*"((?:[^"\\]|\\.)*)"/.exec(entry)?.[1];
    if (key && command) out.push({ key, command, ...(when ? { when } : {}) });
  }
  return out;
}

describe('The first run inside VS Code', function () {
  this.timeout(60_000);
  let extension: vscode.Extension<unknown>;

  before(async function () {
    const found = vscode.extensions.getExtension('genmath.genmath');
    assert.ok(found, 'GenMath (genmath.genmath) is not loaded');
    extension = found;
    await extension.activate();
  });

  after(async function () {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes a walkthrough whose steps show an image from the extension, link only to registered commands and complete on them', async function () {
    const walkthroughs = extension.packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.equal(walkthroughs.length, 1);
    const steps = walkthroughs[0].steps;
    assert.deepEqual(steps.map((s) => s.id), ['hover', 'explain', 'demo', 'gan']);
    const commands = new Set(await vscode.commands.getCommands(true));
    for (const step of steps) {
      const image = step.media.image;
      assert.ok(image, `step ${step.id} has no image`);
      // Throws when the image is not in the installed extension.
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(extension.extensionUri, image));
      for (const link of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(commands.has(link[1]), `step ${step.id} links to ${link[1]}, which is not registered`);
      assert.ok(step.completionEvents.length > 0, `step ${step.id} never completes`);
      for (const event of step.completionEvents) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(commands.has(command), `step ${step.id} waits for ${command}, which is not registered`);
        else assert.match(event, /^onContext:genmath\.walkthrough\.hovered$/);
      }
    }
  });

  it('opens an example note the walkthrough links to as an untitled copy, with the cursor in its first display formula', async function () {
    await vscode.commands.executeCommand('genmath.openExampleNote', '03-gans.md');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'no editor opened');
    assert.equal(editor.document.isUntitled, true);
    assert.equal(editor.document.languageId, 'markdown');
    assert.match(editor.document.getText(), /^# Generative adversarial networks/);
    const offset = editor.document.offsetAt(editor.selection.active);
    const text = editor.document.getText();
    const open = text.indexOf('$$\n\\min_G');
    assert.ok(offset > open && offset < text.indexOf('$$', open + 2), `the cursor is at ${offset}, not in the min-max display formula`);
  });

  it('binds Explain Formula to Ctrl+Alt+E (Cmd+Alt+E on a Mac) in markdown and LaTeX only, a key no default binding of VS Code uses', async function () {
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    assert.ok(await until(() => /"command":\s*"genmath\.explainFormula"/.test(vscode.window.activeTextEditor?.document.getText() ?? '')), 'the default keybindings do not list GenMath\'s');
    const all = bindings(vscode.window.activeTextEditor!.document.getText());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const ours = all.filter((b) => b.command === EXPLAIN);
    assert.equal(ours.length, 1, JSON.stringify(ours));
    const key = process.platform === 'darwin' ? 'cmd+alt+e' : 'ctrl+alt+e';
    assert.equal(ours[0].key, key);
    for (const lang of ['markdown', 'latex', 'tex']) assert.ok(ours[0].when?.includes(lang), ours[0].when);
    const others = all.filter((b) => b.key === key && b.command !== EXPLAIN);
    assert.deepEqual(others, [], `${key} is also bound to ${others.map((b) => b.command).join(', ')}`);
  });

  it('runs Explain Formula, the keybinding\'s command, on the formula under the cursor and opens the Explain panel', async function () {
    await vscode.commands.executeCommand('genmath.openExampleNote', '01-maximum-likelihood.md');
    await vscode.commands.executeCommand(EXPLAIN);
    const explainTab = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('genmath.explainPanel'));
    assert.ok(await until(() => explainTab() !== undefined), 'no Explain panel opened');
    assert.ok(await until(() => /^Explain: /.test(explainTab()?.label ?? '') && explainTab()!.label !== 'Explain: formula'), `the panel is titled ${explainTab()?.label}`);
  });

  it('offers Explain Formula and the demos in the editor\'s context menu and title bar of markdown and LaTeX only', function () {
    const menus = extension.packageJSON.contributes.menus as Record<string, { command?: string; submenu?: string; when?: string }[]>;
    for (const place of ['editor/context', 'editor/title']) {
      const entries = menus[place];
      assert.deepEqual(entries.map((e) => e.command ?? e.submenu), [EXPLAIN, 'genmath.demos'], place);
      for (const e of entries) assert.equal(e.when, 'editorLangId =~ /^(markdown|latex|tex)$/', place);
    }
    const demos = menus['genmath.demos'].map((e) => e.command);
    assert.ok(demos.includes('genmath.trainToyGan') && demos.length === 7, demos.join(', '));
  });

  it('creates the output channel "GenMath"', async function () {
    const commands = await vscode.commands.getCommands(true);
    const shows = commands.filter((c) => c.startsWith('workbench.action.output.show.') && c.includes('GenMath'));
    assert.equal(shows.length, 1, `output channels: ${commands.filter((c) => c.startsWith('workbench.action.output.show.')).join(', ')}`);
  });
});
