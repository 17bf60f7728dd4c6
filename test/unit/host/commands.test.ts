/** The command table (src/host/commands.ts) and package.json say the same, and links run only commands that exist. */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FORMULA_KINDS, kindFacts } from '../../../src/core/kinds';
import { COMMANDS, HOVER_COMMANDS, toyCommand, type CommandKey, type CommandSpec } from '../../../src/host/commands';
import { demoFor, explainLink, wholeFormulaLink } from '../../../src/host/demos';

interface MenuItem { readonly command?: string; readonly submenu?: string; readonly when?: string }
interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string; readonly title: string; readonly category: string; readonly icon?: string }[];
    readonly menus: Readonly<Record<string, readonly MenuItem[]>>;
    readonly keybindings: readonly { readonly command: string }[];
  };
}

const manifestText = readFileSync(path.resolve(process.cwd(), 'package.json'), 'utf8');
const manifest = JSON.parse(manifestText) as Manifest;
const table = Object.values(COMMANDS as Readonly<Record<CommandKey, CommandSpec>>);

describe('the command table', () => {
  it('contributes exactly its commands, with their titles and icons, in one GenMath category', () => {
    const contributed = manifest.contributes.commands.map((c) => ({ id: c.command, title: c.title, icon: c.icon, category: c.category }));
    assert.deepEqual(contributed, table.map((c) => ({ id: c.id, title: c.title, icon: c.icon, category: 'GenMath' })));
  });

  it('names camelCase verbs under genmath., each once', () => {
    for (const c of table) assert.match(c.id, /^genmath\.[a-z][A-Za-z]+$/);
    assert.equal(new Set(table.map((c) => c.id)).size, table.length);
  });

  it('lists each command in exactly the menus the table gives it', () => {
    const menus = manifest.contributes.menus;
    for (const [menu, items] of Object.entries(menus)) {
      if (menu === 'commandPalette') continue;
      const listed = items.flatMap((i) => (i.command ? [i.command] : [])).sort();
      const expected = table.filter((c) => (c.menus as readonly string[]).includes(menu)).map((c) => c.id).sort();
      assert.deepEqual(listed, expected, `menu ${menu}`);
    }
    for (const c of table) for (const menu of c.menus) assert.ok(menus[menu], `${c.id}: no menu ${menu} in package.json`);
  });

  it('hides from the palette exactly the commands the table gives a condition', () => {
    const palette = manifest.contributes.menus.commandPalette ?? [];
    const hidden = palette.map((i) => [i.command, i.when]).sort();
    const expected = table.filter((c) => c.paletteWhen).map((c) => [c.id, c.paletteWhen]).sort();
    assert.deepEqual(hidden, expected);
  });

  it('is the only source of the ids that keybindings and walkthrough links run', () => {
    const ids = new Set(table.map((c) => c.id));
    for (const k of manifest.contributes.keybindings) assert.ok(ids.has(k.command), `keybinding for ${k.command}`);
    const linked = [...manifestText.matchAll(/command:(genmath\.[A-Za-z]+)/g)].map((m) => m[1]);
    assert.ok(linked.length > 0);
    for (const id of linked) assert.ok(ids.has(id), `walkthrough link to ${id}`);
  });

  it('lets a hover run every link it can hold, and no command that edits the note', () => {
    const links = [explainLink('file:///n.md', 0), wholeFormulaLink('file:///n.md', 0)];
    for (const kind of FORMULA_KINDS) {
      const demo = demoFor({ kind, roles: {} });
      assert.equal(demo !== undefined, kindFacts(kind).demo !== null, kind);
      if (demo) links.push(demo);
    }
    for (const link of links) assert.ok(HOVER_COMMANDS.includes(link.command), `${link.command} is not allowed in hovers`);
    assert.ok(!HOVER_COMMANDS.includes(COMMANDS.convertPastedMath.id), 'a hover link must not edit the note');
    assert.equal(toyCommand('klfit'), COMMANDS.fitKlForwardReverse.id);
  });
});
