import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import katex from 'katex';
import { ExplainService } from '../../../src/host/explain/explainService';
import { contentMarkdown } from '../../../src/host/explain/markdown';
import type { ExplainContent } from '../../../src/shared/explainProtocol';
import { recognize, type FormulaCard } from '../../../src/core/recognize';

// The worker as the extension runs it (`npm run test:unit` builds it first).
const workerPath = path.resolve('dist/workers/explain.js');

describe('the Explain panel content, built in its worker', function () {
  this.timeout(30_000);
  let service: ExplainService;
  before(() => (service = new ExplainService(workerPath)));
  after(() => service.dispose());

  it('explains a KL divergence in its own symbols, with steps that KaTeX renders', async () => {
    const content = await service.explain('D_{KL}(q_\\phi(z|x)\\,\\|\\,p_\\theta(z))', false, 'notes.md, line 3');
    assert.notEqual(typeof content, 'string', String(content));
    const c = content as ExplainContent;
    assert.equal(c.kind, 'kl');
    assert.equal(c.where, 'notes.md, line 3');
    assert.ok(c.steps.length >= 4);
    assert.ok(c.steps.some((s) => /q_\{?\\phi/.test(s.latex)), 'no step uses q_phi');
    for (const s of c.steps) katex.renderToString(s.latex, { throwOnError: true, displayMode: true, strict: 'ignore' });
    assert.ok(c.evaluation && 'error' in c.evaluation, 'a symbolic KL has no value');
  });

  it('explains the card the host recognized rather than recognizing the formula again, and ignores a malformed one', async () => {
    const tex = 'D_{KL}(q_\\phi(z|x)\\,\\|\\,p_\\theta(z))';
    const card = { ...recognize(tex), confidence: 0.42 };
    const c = (await service.explain(tex, false, 'x', '', '', card)) as ExplainContent;
    assert.equal(c.confidence, 0.42);
    assert.equal(c.kind, 'kl');
    const bad = { ...card, kind: 'bogus' } as unknown as FormulaCard;
    const d = (await service.explain(tex, false, 'x', '', '', bad)) as ExplainContent;
    assert.equal(d.kind, 'kl');
    assert.notEqual(d.confidence, 0.42);
  });

  it('gives the value of a KL with concrete Gaussians', async () => {
    const c = (await service.explain('D_{KL}(\\mathcal{N}(0,1)\\|\\mathcal{N}(2,1))', false, 'x')) as ExplainContent;
    assert.ok(c.evaluation && 'value' in c.evaluation);
    assert.ok(Math.abs(c.evaluation.value - 2) < 1e-9, String(c.evaluation.value));
  });

  it('exports the derivation as a markdown note with display math', async () => {
    const c = (await service.explain('\\min_G \\max_D \\mathbb{E}_{x}[\\log D(x)] + \\mathbb{E}_{z}[\\log(1-D(G(z)))]', true, 'gans.md, line 5')) as ExplainContent;
    const md = contentMarkdown(c);
    assert.match(md, /^# GAN min-max game/);
    assert.equal((md.match(/^\$\$$/gm) ?? []).length, 2 * (c.steps.length + 1));
    assert.match(md, /## Derivation/);
  });

  it('says in the log, not only in the panel, when it gives up on a formula or its worker fails', async () => {
    const lines: string[] = [];
    const record = (level: string) => (m: string) => lines.push(`${level}: ${m}`);
    const slow = new ExplainService(workerPath, 1, { info: record('info'), warn: record('warn'), error: record('error') });
    try {
      const reason = await slow.explain('D_{KL}(q\\|p)', false, 'x');
      assert.match(String(reason), /took longer than/);
      assert.ok(lines.some((l) => /^warn: Gave up explaining D_\{KL\}/.test(l)), lines.join('\n'));
    } finally {
      slow.dispose();
    }
    const broken = new ExplainService(path.resolve('no/such/worker.js'), 10_000, { info: record('info'), warn: record('warn'), error: record('error') });
    try {
      assert.match(String(await broken.explain('x', false, 'x')), /the explainer failed/);
      assert.ok(lines.some((l) => /^error: The explain worker failed/.test(l)), lines.join('\n'));
    } finally {
      broken.dispose();
    }
  });
});
