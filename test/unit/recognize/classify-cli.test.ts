import * as assert from 'node:assert/strict';
import { classifyCommand } from '../../../src/cli/classify';
import type { CliIO } from '../../../src/cli/io';

function fakeIO(stdin: string): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin, stderrIsTTY: false }, out, err };
}

describe('cli: genmath classify', () => {
  it('answers each JSON line with its id, kind, confidence and roles, in order', async () => {
    const { io, out, err } = fakeIO('{"id":1,"latex":"$D_{KL}(q\\\\|p)$"}\n{"id":"b","latex":"θ=θ−η∇L(θ)"}\n');
    assert.equal(await classifyCommand.run([], io), 0);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.id, l.kind]), [[1, 'kl'], ['b', 'gradient_step']]);
    assert.equal(lines[0].roles.first, 'q');
    assert.ok(typeof lines[0].confidence === 'number');
    assert.equal(err.length, 0);
  });

  it('names the line of a malformed record on stderr, keeps the order and exits non-zero', async () => {
    const { io, out, err } = fakeIO('{"id":1,"latex":"x"}\nnot json\n\n{"id":3}\n{"id":4,"latex":"\\\\log p(x)"}');
    assert.equal(await classifyCommand.run([], io), 1);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), [1, null, 3, 4]);
    assert.equal(lines[1].error, 'not valid JSON');
    assert.match(err.join(''), /line 2: not valid JSON/);
    assert.match(err.join(''), /line 4: no "latex" string/);
  });
});
