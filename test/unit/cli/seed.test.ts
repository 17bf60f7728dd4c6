import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

async function run(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => stdin, stderrIsTTY: false };
  const code = await main(args, io);
  return { code, out, err };
}

describe('--seed on the commands that draw no random numbers', () => {
  const note = join(mkdtempSync(join(tmpdir(), 'genmath-seed-')), 'note.md');
  writeFileSync(note, 'The KL term $D_{KL}(q\\|p)$ and $$\\theta \\leftarrow \\theta - \\eta \\nabla L$$\n');

  it('is accepted by scan, classify and explain, in either form, and changes nothing', async () => {
    const line = '{"id": 1, "latex": "D_{KL}(q\\\\|p)"}\n';
    const cases: [string[], string[], string][] = [
      [['scan', note], ['scan', '--seed', '7', note], ''],
      [['classify'], ['classify', '--seed=-3'], line],
      [['explain', 'D_{KL}(q\\|p)'], ['explain', 'D_{KL}(q\\|p)', '--seed', '12'], ''],
    ];
    for (const [plain, seeded, stdin] of cases) {
      const a = await run(plain, stdin);
      const b = await run(seeded, stdin);
      assert.equal(a.code, 0, a.err);
      assert.equal(b.code, 0, b.err);
      assert.ok(a.out.length > 0);
      assert.equal(b.out, a.out, seeded.join(' '));
    }
  });

  it('must still be a whole number', async () => {
    for (const args of [['scan', note, '--seed'], ['classify', '--seed', 'abc'], ['explain', '--seed=1.5', 'x']]) {
      const r = await run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /--seed needs a whole number/);
      assert.equal(r.out, '');
    }
  });

  it('is explained in their help', async () => {
    for (const command of ['scan', 'classify', 'explain']) {
      const r = await run([command, '--help']);
      assert.equal(r.code, 0);
      assert.match(r.out, /draws no random numbers.*--seed S is accepted/s, command);
    }
  });
});
