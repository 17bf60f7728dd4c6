/** A training that diverged is a failure on the command line, for every task (exit 1, the reason on stderr). */
import * as assert from 'node:assert/strict';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => '', stderrIsTTY: false };
  const code = await main(argv, io);
  return { code, out: out.join(''), err: err.join('') };
}

describe('cli: a diverged training exits 1', () => {
  it('train gd --lr 10 says it diverged on stderr and exits 1; at a stable rate it exits 0', async () => {
    const bad = await run(['train', 'gd', '--lr', '10', '--json']);
    assert.equal(bad.code, 1);
    assert.equal(JSON.parse(bad.out).diverged, true);
    assert.match(bad.err, /diverged.*learning rate is too high/);
    const good = await run(['train', 'gd', '--lr', '0.1', '--json']);
    assert.equal(good.code, 0, good.err);
    assert.equal(JSON.parse(good.out).diverged, false);
  });
});
