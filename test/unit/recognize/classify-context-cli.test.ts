// The words around a formula on the command line: `genmath classify` takes them per JSON line,
// `genmath scan` takes them from the file the way the hover does (sentenceAround).
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyCommand } from '../../../src/cli/classify';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { scanCommand } from '../../../src/cli/scan';
import { findFormulas } from '../../../src/core/find';
import { sentenceAround } from '../../../src/core/find/sentence';
import { classify } from '../../../src/core/recognize';

function fakeIO(stdin = ''): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin, stderrIsTTY: false }, out, err };
}

/** Formulas whose kind the words around them may confirm or question. */
const CASES: readonly { latex: string; context: string }[] = [
  { latex: String.raw`\theta \leftarrow \theta - \epsilon \hat g`, context: 'The update rule of stochastic gradient descent is' },
  { latex: String.raw`L = \mathbb{E}[f_w(x)] - \mathbb{E}[f_w(g(z))]`, context: "The critic's loss is" },
  { latex: String.raw`p(z|x) = \frac{p(x|z)p(z)}{p(x)}`, context: "By Bayes' rule," },
  { latex: String.raw`p(x) = \prod_i p(x_i | x_{<i})`, context: 'An autoregressive model factorises the joint as' },
  { latex: String.raw`D_{KL}(q\|p)`, context: 'the entropy of a fair coin' },
];

describe('cli: genmath classify with the words around a formula', () => {
  it('answers each line as the recognizer does when given the same context', async () => {
    const stdin = CASES.map((c, i) => JSON.stringify({ id: i, latex: c.latex, context: c.context })).join('\n');
    const { io, out, err } = fakeIO(stdin);
    assert.equal(await classifyCommand.run([], io), 0);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, CASES.length);
    CASES.forEach((c, i) => {
      const expected = classify(c.latex, { context: c.context });
      assert.deepEqual(lines[i], { id: i, kind: expected.kind, confidence: expected.confidence, roles: expected.roles }, c.latex);
    });
    assert.equal(err.length, 0);
  });

  it('classifies a line without context (or with a null one) from the math alone', async () => {
    const stdin = CASES.map((c, i) => JSON.stringify(i % 2 === 0 ? { id: i, latex: c.latex } : { id: i, latex: c.latex, context: null })).join('\n');
    const { io, out } = fakeIO(stdin);
    assert.equal(await classifyCommand.run([], io), 0);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    CASES.forEach((c, i) => {
      const expected = classify(c.latex);
      assert.deepEqual([lines[i].kind, lines[i].confidence], [expected.kind, expected.confidence], c.latex);
    });
  });

  it('rejects a context that is not a string on that line only', async () => {
    const { io, out, err } = fakeIO('{"id":1,"latex":"D_{KL}(q\\\\|p)","context":["KL"]}\n{"id":2,"latex":"D_{KL}(q\\\\|p)","context":"the KL"}\n');
    assert.equal(await classifyCommand.run([], io), 1);
    const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => [l.id, l.kind]), [[1, 'none'], [2, 'kl']]);
    assert.equal(lines[0].error, '"context" is not a string');
    assert.match(err.join(''), /line 1: "context" is not a string/);
  });

  it('documents the context field in its help', async () => {
    const { io, out } = fakeIO();
    assert.equal(await main(['classify', '--help'], io), 0);
    assert.match(out.join(''), /\{id, latex, context\?\}/);
    const top = fakeIO();
    await main(['--help'], top.io);
    assert.match(top.out.join(''), /context: the words around the formula/);
  });
});

describe('cli: genmath scan with the words around each formula', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'genmath-scan-context-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const files: Record<string, string> = {
    'note.md': "## The critic\n\nThe critic's loss is\n\n$$L = \\mathbb{E}[f_w(x)] - \\mathbb{E}[f_w(g(z))]$$\n\nBy Bayes' rule, $p(z|x) = p(x|z)p(z)/p(x)$ holds.\n",
    'paper.tex': "\\newcommand{\\E}{\\mathbb{E}}\n\\begin{document}\n\\section{Updates}\nThe update rule is\n\\begin{equation}\n\\theta \\leftarrow \\theta - \\epsilon \\hat g\n\\end{equation}\n\\end{document}\n",
  };

  for (const [name, text] of Object.entries(files)) {
    it(`classifies each formula of ${name} with sentenceAround's words, as the hover does`, async () => {
      const file = join(dir, name);
      writeFileSync(file, text);
      const { io, out } = fakeIO();
      assert.equal(await scanCommand.run([file], io), 0);
      const lines = out.join('').trim().split('\n').map((l) => JSON.parse(l));
      const language = name.endsWith('.tex') ? 'latex' : 'markdown';
      const { formulas } = findFormulas(text, language);
      assert.equal(lines.length, formulas.length);
      formulas.forEach((f, i) => {
        const context = sentenceAround(text, f.start, f.end, { language, formulas });
        assert.ok(context.length > 0, `no words around ${f.source}`);
        assert.equal(lines[i].kind, classify(f.source, { context }).kind, f.source);
      });
    });
  }
});
