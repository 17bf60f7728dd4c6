import * as assert from 'node:assert/strict';
import { classifyCommand } from '../../../src/cli/classify';
import type { CliIO } from '../../../src/cli/io';

function fakeIO(stdin: string): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin, stderrIsTTY: false }, out, err };
}

describe('cli: genmath classify, one bad record among good ones', () => {
  it('answers a record whose id is nested 5,000 deep with its own error line, and goes on with the batch', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const stdin = ['{"id":1,"latex":"D_{KL}(q\\\\|p)"}', `{"id":${deep},"latex":"x"}`, '{"id":3,"latex":"\\\\log p(x)"}'].join('\n');
    const { io, out, err } = fakeIO(stdin);
    assert.equal(await classifyCommand.run([], io), 1);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 3);
    assert.deepEqual(lines.map((l) => l.id), [1, null, 3]);
    assert.equal(lines[0].kind, 'kl');
    assert.equal(lines[1].kind, 'none');
    assert.match(lines[1].error, /cannot be written back/);
    assert.match(err.join(''), /line 2: /);
    assert.doesNotMatch(err.join(''), /line [13]:/);
  });

  it('answers a latex nested 100,000 deep and a 1 MB line without stopping the batch', async () => {
    const stdin = [
      JSON.stringify({ id: 'deep', latex: '{'.repeat(100_000) + 'x' + '}'.repeat(100_000) }),
      JSON.stringify({ id: 'long', latex: 'x+'.repeat(500_000) }),
      JSON.stringify({ id: 'ok', latex: 'D_{KL}(q\\|p)' }),
    ].join('\n');
    const { io, out } = fakeIO(stdin);
    await classifyCommand.run([], io);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), ['deep', 'long', 'ok']);
    assert.equal(lines[2].kind, 'kl');
  });

  it('says in its help what a bad line yields', () => {
    assert.match(classifyCommand.usage, /bad line -> \{id, kind: "none".*error\}/s);
  });
});
