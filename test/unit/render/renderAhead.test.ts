import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { findFormulas } from '../../../src/core/find';
import { formulasInRanges } from '../../../src/host/render/aheadSelection';
import { RenderService } from '../../../src/host/render/renderService';
import type { RenderRequest } from '../../../src/host/render/texToSvg';

const workerPath = path.resolve('dist/workers/mathjax.js');

function request(tex: string): RenderRequest {
  return { tex, display: true, macros: {}, color: '#000000', exPixels: 8 };
}

describe('which formulas are rendered ahead', () => {
  const text = Array.from({ length: 100 }, (_, i) => `Line ${i}: $x_{${i}}$ and $y_{${i}}$.`).join('\n');
  const { formulas } = findFormulas(text, 'markdown');

  it('takes the formulas that overlap the visible ranges, each once, at most the maximum', () => {
    const lineStart = (n: number) => text.split('\n').slice(0, n).join('\n').length + (n > 0 ? 1 : 0);
    const picked = formulasInRanges(formulas, [{ start: lineStart(10), end: lineStart(12) }, { start: lineStart(11), end: lineStart(13) }], 100);
    assert.deepEqual(picked.map((f) => f.tex), ['x_{10}', 'y_{10}', 'x_{11}', 'y_{11}', 'x_{12}', 'y_{12}']);
    assert.equal(formulasInRanges(formulas, [{ start: 0, end: text.length }], 7).length, 7);
    assert.deepEqual(formulasInRanges(formulas, [], 10), []);
  });

  it('includes a formula that starts before the range and ends in it', () => {
    const f = formulas[5];
    assert.deepEqual(formulasInRanges(formulas, [{ start: f.start + 1, end: f.start + 2 }], 10), [f]);
  });
});

describe('the render service with render-ahead', function () {
  this.timeout(60_000);
  let service: RenderService;
  afterEach(() => service?.dispose());

  it('renders formulas ahead into the cache, so a later hover is a cache hit', async () => {
    service = new RenderService({ workerPath, budgetMs: 20_000 });
    const reqs = ['a_1', 'b_2', '\\sum_{i=1}^n i'].map(request);
    service.renderAhead(reqs);
    for (const until = Date.now() + 30_000; service.pending > 0 && Date.now() < until;) await new Promise((r) => setTimeout(r, 50));
    for (const req of reqs) assert.ok(service.cached(req)?.ok, `${req.tex} is not in the cache`);
    const t0 = performance.now();
    await service.render(reqs[2]);
    assert.ok(performance.now() - t0 < 5, 'a hover after render-ahead waited');
  });

  it('serves a hover before the formulas waiting to be rendered ahead', async () => {
    service = new RenderService({ workerPath, budgetMs: 20_000 });
    const done: string[] = [];
    await service.render(request('warm'));
    service.renderAhead(Array.from({ length: 30 }, (_, i) => request(`\\frac{${i}}{${i + 1}} + \\int_0^{${i}} x\\,dx`)));
    const hover = service.render(request('h^2')).then(() => done.push('hover'));
    await hover;
    assert.ok(service.pending >= 20, `only ${service.pending} renders ahead still waiting: the hover was not served first`);
    assert.deepEqual(done, ['hover']);
  });

  it('moves a formula waiting ahead to the front when it is hovered, and drops ahead renders no longer wanted', async () => {
    service = new RenderService({ workerPath, budgetMs: 20_000 });
    await service.render(request('warm'));
    const many = Array.from({ length: 40 }, (_, i) => request(`\\sqrt{${i}} + \\prod_{k=1}^{${i}} k`));
    service.renderAhead(many);
    const last = many[many.length - 1];
    await service.render(last);
    assert.ok(service.pending > 10, 'the hovered formula waited for the others');
    service.renderAhead([request('only this')]);
    assert.ok(service.pending <= 2, `${service.pending} still waiting after the note changed`);
    assert.equal(service.cached(many[30]), undefined);
  });
});
