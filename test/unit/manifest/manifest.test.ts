// The manifest as the Marketplace and VS Code read it: categories from VS Code's list, the
// walkthrough's links and images present in the .vsix, menus and keybindings limited to the
// notes GenMath reads and naming only commands it contributes.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const commands = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));

/** VS Code 1.100's allowed categories (its extension manifest schema). */
const ALLOWED_CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps', 'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing', 'Themes', 'Visualization'];

/** Whether `.vscodeignore`'s allow-list (`**` then `!pattern` lines) lets `file` into the .vsix. */
function shipped(file: string): boolean {
  const allow = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim());
  return allow.some((pattern) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`).test(file));
}

describe('the manifest', () => {
  it('is publishable: not private, with categories VS Code allows, Machine Learning and Notebooks among them, and a gallery banner', () => {
    assert.equal(manifest.private, undefined);
    for (const c of manifest.categories) assert.ok(ALLOWED_CATEGORIES.includes(c), c);
    for (const c of ['Machine Learning', 'Notebooks', 'Education', 'Visualization']) assert.ok(manifest.categories.includes(c), c);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
  });

  it('has walkthrough steps whose images and example notes ship in the .vsix and whose links name contributed commands', () => {
    const [walkthrough] = contributes.walkthroughs;
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(path.join(ROOT, step.media.image)) && shipped(step.media.image), step.media.image);
      assert.ok(step.media.altText.length > 20, `step ${step.id} needs alt text`);
      for (const [, command, args] of step.description.matchAll(/\(command:([\w.]+)(?:\?([^)]*))?\)/g)) {
        assert.ok(commands.has(command), `${step.id}: ${command}`);
        if (command === 'genmath.openExampleNote') {
          const [note] = JSON.parse(decodeURIComponent(args)) as string[];
          const file = `examples/${note}`;
          assert.ok(existsSync(path.join(ROOT, file)) && shipped(file), file);
        }
      }
      for (const event of step.completionEvents) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        if (command) assert.ok(commands.has(command), `${step.id}: ${event}`);
      }
    }
  });

  it('shows menu entries and the keybinding only in markdown and LaTeX, for contributed commands', () => {
    const when = 'editorLangId =~ /^(markdown|latex|tex)$/';
    for (const place of ['editor/context', 'editor/title']) {
      for (const entry of contributes.menus[place]) assert.equal(entry.when, when, `${place}: ${entry.command ?? entry.submenu}`);
    }
    for (const entry of contributes.menus['genmath.demos']) assert.ok(commands.has(entry.command), entry.command);
    const [binding] = contributes.keybindings;
    assert.equal(binding.command, 'genmath.explainFormula');
    assert.equal(binding.when, `editorTextFocus && ${when}`);
    assert.deepEqual([binding.key, binding.mac], ['ctrl+alt+e', 'cmd+alt+e']);
  });
});
