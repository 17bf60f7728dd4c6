// The .vsix a user installs (the one this run installed into code-server): it ships no source
// map whatever build came before `npm run package` (scripts/test-vscode.mjs and npm test both make
// a development build, with maps, before packaging), and it carries every image the README shows,
// since the Extensions view renders the README from the installed folder.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { requireEnv } from './workbench';

/** The names of a zip file's entries, read from its central directory (no dependency). */
export function zipEntries(zip: Buffer): string[] {
  // The end-of-central-directory record is in the last 64 KB + 22 bytes (its comment is at most 64 KB).
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

describe('The packaged .vsix', function () {
  const vsix = requireEnv('GENMATH_VSIX');
  const repoRoot = process.env.GENMATH_REPO_ROOT ?? process.cwd();
  const entries = zipEntries(fs.readFileSync(vsix));
  const files = entries.filter((e) => e.startsWith('extension/')).map((e) => e.slice('extension/'.length));

  it('ships the extension, its workers and its webview, and no source map, after a development build', function () {
    // Only meaningful if a development build (which writes maps) came first, as in test:vscode and npm test.
    assert.ok(fs.existsSync(path.join(repoRoot, 'out', 'test')), 'no development build before packaging');
    // examples/01-maximum-likelihood.md is the note Explain Formula offers (src/host/explain/exampleNote.ts).
    for (const f of ['package.json', 'dist/extension.js', 'dist/cli.js', 'dist/workers/mathjax.js', 'dist/webview/webview.js', 'examples/01-maximum-likelihood.md']) {
      assert.ok(files.includes(f), `${f} is missing from ${vsix}`);
    }
    const maps = files.filter((f) => f.endsWith('.map'));
    assert.deepEqual(maps, [], `source maps in ${vsix}`);
    assert.ok(!files.some((f) => /^(src|test|out|webview-ui|node_modules|\.vscode-test)\//.test(f)), 'sources or tests in the .vsix');
  });

  it('carries every image the README shows, at the path the README gives', function () {
    const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]).filter((src) => !/^[a-z]+:/i.test(src));
    assert.ok(images.length >= 3, `only ${images.length} images in the README`);
    for (const src of images) assert.ok(files.includes(src.replace(/^\.\//, '')), `the README shows ${src}, which the .vsix does not carry`);
  });
});
