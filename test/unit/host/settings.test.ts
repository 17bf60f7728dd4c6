/** The settings table (src/host/config/settings.ts) is package.json's, and the only way settings are read. */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SETTINGS, checkedSetting, type SettingKey } from '../../../src/host/config/settings';

interface Property { readonly type: string; readonly default: unknown; readonly minimum?: number; readonly maximum?: number }
const root = process.cwd();
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, Property> } } };

/** Every TypeScript file under `dir`, as [path relative to the repository, text]. */
function sources(dir: string): [string, string][] {
  return (readdirSync(path.join(root, dir), { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => [path.join(dir, f), readFileSync(path.join(root, dir, f), 'utf8')]);
}

const CONFIG_DIR = path.join('src', 'host', 'config');

describe('the settings table', () => {
  it('holds every genmath setting package.json contributes, with its type, default and range', () => {
    const contributed = Object.fromEntries(Object.entries(manifest.contributes.configuration.properties).map(([name, p]) => {
      assert.match(name, /^genmath\./);
      return [name.slice('genmath.'.length), { type: p.type, default: p.default, ...(p.minimum !== undefined ? { minimum: p.minimum, maximum: p.maximum } : {}) }];
    }));
    assert.deepEqual(SETTINGS, contributed);
  });

  it('is read through src/host/config alone: no other file of the extension or the panel calls getConfiguration', () => {
    const readers = [...sources('src'), ...sources('webview-ui/src')]
      .filter(([file, text]) => !file.startsWith(CONFIG_DIR) && /\b(getConfiguration|affectsConfiguration)\b/.test(text))
      .map(([file]) => file);
    assert.deepEqual(readers, []);
  });

  it('has every setting read by some feature (no setting package.json offers does nothing)', () => {
    const text = sources('src').filter(([file]) => !file.startsWith(CONFIG_DIR)).map(([, t]) => t).join('\n');
    for (const key of Object.keys(SETTINGS) as SettingKey[]) {
      assert.ok(text.includes(`setting('${key}'`), `genmath.${key} is never read`);
    }
  });

  it('keeps a number in package.json\'s range and a value of the wrong type at its default', () => {
    assert.equal(checkedSetting('hover.scale', 10), 4);
    assert.equal(checkedSetting('hover.scale', 0.1), 0.5);
    assert.equal(checkedSetting('hover.scale', 2), 2);
    assert.equal(checkedSetting('hover.scale', Number.NaN), 1.25);
    assert.equal(checkedSetting('hover.scale', '3'), 1.25);
    assert.equal(checkedSetting('hover.scale', undefined), 1.25);
    assert.equal(checkedSetting('hover.enabled', false), false);
    assert.equal(checkedSetting('hover.enabled', 'no'), true);
    assert.deepEqual(checkedSetting('macros', undefined), {});
    assert.deepEqual(checkedSetting('macroFiles', ['a.sty']), ['a.sty']);
  });
});
