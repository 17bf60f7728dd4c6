/** Small things a careless user or an attacker hits: bidi controls, refused counts, output paths, empty runs, the nonce. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { escapeBidi } from '../../../src/core/text/controls';
import { escapeMarkdown } from '../../../src/host/hoverMarkdown';
import { nonce } from '../../../src/host/panels/nonce';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', stderrIsTTY: false };
  const t0 = performance.now();
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join(''), ms: performance.now() - t0 };
}

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('cli: bidirectional controls are escaped wherever GenMath echoes text', () => {
  it('escapes them in JSON output, which still reads back as the same text', async () => {
    const r = await run(['explain', 'D_{KL}(q\u202e\\|p)']);
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.out, BIDI);
    assert.match(r.out, /\\u202e/);
    assert.ok(JSON.stringify(JSON.parse(r.out)).includes('\u202e'), 'the JSON no longer holds the character');
  });

  it('escapes them in messages on stderr', async () => {
    const r = await run(['scan', 'notes\u2067.md']);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.err, BIDI);
    assert.match(r.err, /notes\\u2067\.md: no such file/);
  });

  it('escapes them in a hover\'s text, and leaves other text alone', () => {
    assert.doesNotMatch(escapeMarkdown('a\u202eb'), BIDI);
    assert.equal(escapeBidi('θ = θ − η∇L'), 'θ = θ − η∇L');
  });
});

describe('cli: counts and paths are checked before any work', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'genmath-hostile-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses eval --samples 0 with the range, instead of quietly using 100', async () => {
    for (const n of ['0', '99', '1.5', '200001']) {
      const r = await run(['eval', '--samples', n, '\\mathbb{E}_{x\\sim\\mathcal N(0,1)}[e^x]']);
      assert.equal(r.code, 2, n);
      assert.match(r.err, /--samples must be a whole number from 100 to 200,000/);
      assert.equal(r.out, '');
    }
  });

  it('refuses a --samples or --svg path that cannot be written before training starts', async () => {
    for (const argv of [
      ['train', 'gan', '--steps', '100000', '--samples', path.join(dir, 'missing', 's.json')],
      ['train', 'gan', '--steps', '100000', '--svg', dir],
      ['train', 'diffusion', '--steps', '100000', '--samples', path.join(dir, 'missing', 's.json')],
    ]) {
      const r = await run(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.err, /cannot write there \((its folder .* does not exist|it is a folder)\)/);
      assert.ok(r.ms < 2000, `${argv.join(' ')} took ${r.ms.toFixed(0)} ms: it trained first`);
    }
    assert.ok(!existsSync(path.join(dir, 'missing')));
  });

  it('returns at once from train diffusion --steps 0, with no samples scored', async () => {
    const r = await run(['train', 'diffusion', '--steps', '0', '--json']);
    assert.equal(r.code, 0);
    assert.ok(r.ms < 1500, `took ${r.ms.toFixed(0)} ms`);
    const out = JSON.parse(r.out);
    assert.equal(out.steps, 0);
    assert.equal(out.metrics, undefined);
  });
});

describe('webview nonce', () => {
  it('comes from the cryptographic random source, not Math.random', () => {
    const random = Math.random;
    Math.random = () => 0.5;
    try {
      const seen = new Set(Array.from({ length: 1000 }, () => nonce()));
      assert.equal(seen.size, 1000);
    } finally {
      Math.random = random;
    }
    const n = nonce();
    assert.match(n, /^[A-Za-z0-9+/]{24}$/);
  });
});
