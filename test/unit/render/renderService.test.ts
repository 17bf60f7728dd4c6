import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { RenderService } from '../../../src/host/render/renderService';
import type { RenderRequest } from '../../../src/host/render/texToSvg';

// The worker is the built one, as the extension runs it (`npm run test:unit` builds it first).
const workerPath = path.resolve('dist/workers/mathjax.js');

function request(tex: string): RenderRequest {
  return { tex, display: true, macros: {}, color: '#000000', exPixels: 8 };
}

describe('the render service', function () {
  this.timeout(60_000);
  let service: RenderService;
  afterEach(() => service?.dispose());

  it('renders in a worker and caches the result', async () => {
    service = new RenderService({ workerPath, budgetMs: 20_000 });
    assert.equal(service.cached(request('a^2+b^2=c^2')), undefined);
    const r = await service.render(request('a^2+b^2=c^2'));
    assert.ok(r.ok);
    assert.equal(service.cached(request('a^2+b^2=c^2')), r);
  });

  it('gives up on a formula that exceeds its budget, and renders the next one in a fresh worker', async () => {
    service = new RenderService({ workerPath, budgetMs: 300 });
    const hostile = 'x+'.repeat(50_000) + 'y'; // 100 KB; MathJax needs minutes for it.
    const started = Date.now();
    const r = await service.render(request(hostile));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error.startsWith('gave up'), !r.ok ? r.error : '');
    assert.ok(Date.now() - started < 10_000);
    // The give-up is remembered, so hovering the same formula again does not cost the budget again.
    assert.deepEqual(service.cached(request(hostile)), r);
    const slowBudget = new RenderService({ workerPath, budgetMs: 20_000 });
    const after = await slowBudget.render(request('y^2'));
    slowBudget.dispose();
    assert.ok(after.ok);
  });

  it('answers pending renders when it is disposed', async () => {
    service = new RenderService({ workerPath, budgetMs: 20_000 });
    const pending = service.render(request('\\int_0^1 x\\,dx'));
    service.dispose();
    const r = await pending;
    assert.equal(r.ok, false);
  });
});
