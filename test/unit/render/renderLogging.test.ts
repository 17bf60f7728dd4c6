import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { RenderService } from '../../../src/host/render/renderService';
import type { RenderRequest } from '../../../src/host/render/texToSvg';
import { excerpt, type Logger } from '../../../src/shared/logger';

const workerPath = path.resolve('dist/workers/mathjax.js');

function request(tex: string): RenderRequest {
  return { tex, display: true, macros: {}, color: '#000000', exPixels: 8 };
}

/** A logger that keeps its lines, as the "GenMath" output channel would show them. */
function recorder(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => void lines.push(`info ${m}`), warn: (m) => void lines.push(`warn ${m}`), error: (m) => void lines.push(`error ${m}`) };
}

describe('the render service\'s log', function () {
  this.timeout(60_000);
  let service: RenderService;
  afterEach(() => service?.dispose());

  it('says once that it gave up on a formula, with the start of its TeX, and nothing for formulas that render', async () => {
    const log = recorder();
    service = new RenderService({ workerPath, budgetMs: 300, logger: log });
    assert.ok((await service.render(request('a^2+b^2=c^2'))).ok);
    assert.equal(log.lines.length, 0, 'a formula that renders is not logged');
    const hostile = 'x+'.repeat(50_000) + 'y';
    assert.equal((await service.render(request(hostile))).ok, false);
    await service.render(request(hostile));
    assert.equal(log.lines.length, 1, log.lines.join('\n'));
    assert.match(log.lines[0], /^warn Gave up rendering a formula after 0\.3 s: x\+x\+/);
    // The line stays short whatever the formula's size.
    assert.ok(log.lines[0].length < 140);
  });

  it('says that the renderer did not start when its start-up runs out of time', async () => {
    const log = recorder();
    service = new RenderService({ workerPath, budgetMs: 20_000, startupMs: 1, logger: log });
    const r = await service.render(request('y^2'));
    assert.equal(r.ok, false);
    assert.equal(log.lines.length, 1);
    assert.match(log.lines[0], /^error The formula renderer \(MathJax\) did not start within 0 s/);
  });
});

describe('a log line\'s excerpt of a formula', () => {
  it('keeps a short formula whole, joins its lines, and cuts a long one with an ellipsis', () => {
    assert.equal(excerpt('a\n  + b'), 'a + b');
    assert.equal(excerpt('y'.repeat(200), 10), `${'y'.repeat(9)}…`);
  });
});
