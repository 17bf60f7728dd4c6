import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../../src/cli/io';
import { MAX_SCAN_FILE_BYTES } from '../../../src/cli/limits';
import { readTextFile } from '../../../src/cli/readText';
import { scanCommand } from '../../../src/cli/scan';

function fakeIO(): { io: CliIO; out: string[]; err: string[]; drains: () => number } {
  const out: string[] = [];
  const err: string[] = [];
  let drains = 0;
  const io: CliIO = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => '',
    stderrIsTTY: false,
    drained: async () => { drains++; },
  };
  return { io, out, err, drains: () => drains };
}

describe('cli: genmath scan, files that are not notes', function () {
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'genmath-scan-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('skips a binary file (a NUL byte) with one line naming it and why, and scans the others', async () => {
    const bin = path.join(dir, 'a.out');
    writeFileSync(bin, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x24, 0x78, 0x24, 0x0a]));
    const note = path.join(dir, 'note.md');
    writeFileSync(note, 'The loss is $\\log p(x)$.\n');
    const { io, out, err } = fakeIO();
    assert.equal(await scanCommand.run([bin, note], io), 0);
    assert.equal(err.length, 1);
    assert.match(err[0], new RegExp(`^genmath scan: skipped ${bin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: binary: it has a NUL byte \\(at byte 6\\)`));
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.file), [note]);
  });

  it('skips random bytes without NULs as mostly not text, instead of finding junk formulas in them', async () => {
    const junk = path.join(dir, 'random.bin');
    let seed = 7;
    const bytes = Buffer.alloc(50_000, 0).map(() => { seed = (seed * 1103515245 + 12345) >>> 0; return 1 + (seed >>> 24) % 255; });
    writeFileSync(junk, bytes);
    const { io, out, err } = fakeIO();
    assert.equal(await scanCommand.run([junk], io), 0);
    assert.equal(out.join(''), '');
    assert.match(err.join(''), /skipped .*random\.bin: binary: \d+% of its first 49 KB is not UTF-8 text/);
  });

  it('says why /dev/zero cannot be read, with the limit, and does not read it', async () => {
    const { io, err } = fakeIO();
    const before = process.memoryUsage().rss;
    assert.equal(await scanCommand.run(['/dev/zero'], io), 1);
    assert.match(err.join(''), /^genmath scan: cannot read \/dev\/zero: a character device, not a regular file \(scan reads regular files of up to 128 MB\)\n$/);
    assert.ok(process.memoryUsage().rss - before < 50 * 1024 * 1024);
  });

  it('says a file is too large, with its size and the limit, reading no more than the limit', async () => {
    const big = path.join(dir, 'big.md');
    writeFileSync(big, 'x'.repeat(3000));
    const r = await readTextFile(big, 2048);
    assert.deepEqual(r, { kind: 'unreadable', reason: 'too large: 3 KB, and scan reads files up to 2 KB' });
    assert.ok(MAX_SCAN_FILE_BYTES >= 64 * 1024 * 1024);
  });

  it('names a missing file and a folder, goes on with the rest and exits 1', async () => {
    const note = path.join(dir, 'ok.md');
    writeFileSync(note, '$$D_{KL}(q\\|p)$$\n');
    const { io, out, err } = fakeIO();
    assert.equal(await scanCommand.run([path.join(dir, 'missing.md'), dir, note], io), 1);
    assert.match(err.join(''), /cannot read .*missing\.md: no such file\n/);
    assert.match(err.join(''), /cannot read .*: a folder, not a regular file/);
    assert.equal(out.join('').trim().split('\n').length, 1);
  });

  it('writes its output in pieces as it goes, waiting for stdout to drain, never as one string', async () => {
    const note = path.join(dir, 'many.md');
    writeFileSync(note, Array.from({ length: 5000 }, (_, i) => `Line ${i} has $x_{${i}} + \\log p(x)$ in it.`).join('\n'));
    const { io, out, drains } = fakeIO();
    assert.equal(await scanCommand.run([note], io), 0);
    const text = out.join('');
    assert.equal(text.trim().split('\n').length, 5000);
    assert.ok(out.length >= 5, `${out.length} writes`);
    assert.ok(Math.max(...out.map((o) => o.length)) < 80 * 1024, 'a write larger than a piece');
    assert.ok(drains() >= out.length - 1, `${drains()} waits for ${out.length} writes`);
    assert.ok(out.every((o) => o.endsWith('\n')), 'a piece ends inside a line');
  });
});
