/**
 * A test run leaves the checkout as it found it: the e2e tests save their pictures into a
 * git-ignored folder, and only `npm run screenshots` writes the README's images in media/.
 * Both README commands start from a fresh clone: `npm start` installs node_modules as `npm test` does.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { screenshotsDir } from '../../e2e/workbench';

const ROOT = process.cwd();

/** True when git ignores `file` (a path relative to the repository). */
function ignored(file: string): boolean {
  return spawnSync('git', ['check-ignore', '-q', file], { cwd: ROOT }).status === 0;
}

describe('What a test run writes', function () {
  it('saves e2e screenshots in a git-ignored folder unless GENMATH_SCREENSHOTS says otherwise', function () {
    const saved = process.env.GENMATH_SCREENSHOTS;
    delete process.env.GENMATH_SCREENSHOTS;
    try {
      const dir = path.relative(ROOT, screenshotsDir());
      assert.ok(!dir.startsWith('media'), `screenshots go to ${dir}`);
      assert.ok(ignored(path.join(dir, 'hover.png')), `${dir} is not ignored by git`);
    } finally {
      if (saved !== undefined) process.env.GENMATH_SCREENSHOTS = saved;
    }
  });

  it('has no e2e test that names media/ itself: the README images are written only through screenshotsDir()', function () {
    const dir = path.join(ROOT, 'test', 'e2e');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      // Code only: a comment may well say where `npm run screenshots` writes.
      const code = readFileSync(path.join(dir, file), 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*\*)/.test(l)).join('\n');
      assert.doesNotMatch(code, /['"`]media['"`/]/, `${file} writes into media/`);
    }
  });

  it('refreshes the README images only through `npm run screenshots`, which points the e2e tests at media/screenshots', function () {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    assert.match(pkg.scripts.screenshots, /test-vscode\.mjs .*--screenshots/);
    const driver = readFileSync(path.join(ROOT, 'scripts', 'test-vscode.mjs'), 'utf8');
    assert.match(driver, /GENMATH_SCREENSHOTS: SCREENSHOTS/);
    assert.ok(!ignored('media/screenshots/hover.png'), 'the README images must stay tracked');
  });
});

describe('The README commands on a fresh clone', function () {
  it('installs node_modules in `npm start` and `npm test` through the same script, before anything needs them', function () {
    for (const script of ['start.sh', 'test.sh']) {
      const lines = readFileSync(path.join(ROOT, 'scripts', script), 'utf8').split('\n').filter((l) => !l.trim().startsWith('#'));
      const install = lines.findIndex((l) => /bash scripts\/ensure-node-modules\.sh/.test(l));
      const firstNpm = lines.findIndex((l) => /\bnpm run\b|^\s*(exec\s+)?node\s/.test(l));
      assert.ok(install >= 0, `${script} does not run scripts/ensure-node-modules.sh`);
      assert.ok(firstNpm < 0 || install < firstNpm, `${script} runs npm or node before installing node_modules`);
    }
  });

  it('installs when node_modules cannot give esbuild, and only then', function () {
    const text = readFileSync(path.join(ROOT, 'scripts', 'ensure-node-modules.sh'), 'utf8');
    assert.match(text, /require\.resolve\("esbuild"\)/);
    assert.match(text, /npm ci/);
  });
});

describe('The command palette', function () {
  it('lists Explain Formula always: no menu condition hides it when no note is open', function () {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[]; menus?: { commandPalette?: { command: string; when?: string }[] } } };
    assert.ok(pkg.contributes.commands.some((c) => c.command === 'genmath.explainFormula'));
    const entry = pkg.contributes.menus?.commandPalette?.find((m) => m.command === 'genmath.explainFormula');
    assert.ok(!entry || entry.when === undefined || entry.when === 'true', `hidden unless ${entry?.when}`);
  });
});
