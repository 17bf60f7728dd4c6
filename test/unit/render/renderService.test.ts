import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RenderService } from '../../../src/host/render/renderService';
import type { RenderRequest, RenderResult } from '../../../src/host/render/texToSvg';

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

  it('keeps a reading made while the speech engine loads out of the cache, and caches the engine\'s reading', async () => {
    service = new RenderService({ workerPath, budgetMs: 20_000 });
    const matrix = request(String.raw`\begin{pmatrix} a & b \\ c & d \end{pmatrix}`);
    const first = await service.render(matrix);
    assert.ok(first.ok);
    assert.equal(first.speechPending, true);
    assert.equal(service.cached(matrix), undefined);
    let later: RenderResult = first;
    for (let i = 0; i < 100 && later.speechPending; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      later = await service.render(matrix);
    }
    assert.match(later.speech ?? '', /^the 2 by 2 matrix/);
    assert.equal(service.cached(matrix), later);
  });

  it('gives up on a formula that exceeds its budget, and remembers that it did', async () => {
    service = new RenderService({ workerPath, budgetMs: 300 });
    const hostile = 'x+'.repeat(50_000) + 'y'; // 100 KB; MathJax needs minutes for it.
    const started = Date.now();
    const r = await service.render(request(hostile));
    assert.equal(r.ok, false);
    assert.ok(!r.ok && r.error.startsWith('gave up'), !r.ok ? r.error : '');
    assert.ok(Date.now() - started < 10_000);
    // The give-up is remembered, so hovering the same formula again does not cost the budget again.
    assert.deepEqual(service.cached(request(hostile)), r);
  });

  it('renders the formulas queued behind a hopeless one in a fresh worker, and starts the budget only when MathJax is ready', async () => {
    // The worker's start-up (MathJax loading) is not charged to the formulas' budgets.
    service = new RenderService({ workerPath, budgetMs: 1500 });
    const hostile = service.render(request('x+'.repeat(50_000)));
    const next = service.render(request('y^2'));
    const again = service.render(request('y^2'));
    assert.equal(again, next, 'a repeated hover waits for the same render');
    assert.equal((await hostile).ok, false);
    const r = await next;
    assert.ok(r.ok, r.ok ? '' : r.error);
  });

  it('computes the value of a formula with numbers beside its image, off the host thread', async () => {
    service = new RenderService({ workerPath, budgetMs: 20_000 });
    const r = await service.render(request('D_{KL}(\\mathcal{N}(0,1)\\|\\mathcal{N}(2,1))'));
    assert.ok(r.ok);
    assert.equal(r.value?.method, 'closed form');
    assert.ok(Math.abs((r.value?.value ?? NaN) - 2) < 1e-12);
    const symbolic = await service.render(request('D_{KL}(q\\|p)'));
    assert.equal(symbolic.value, undefined);
  });

  it('answers pending renders when it is disposed', async () => {
    service = new RenderService({ workerPath, budgetMs: 20_000 });
    const pending = service.render(request('\\int_0^1 x\\,dx'));
    service.dispose();
    const r = await pending;
    assert.equal(r.ok, false);
  });

  it("starts MathJax from V8's code cache once a start has made one, and over a damaged one", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genmath-codecache-'));
    const cacheFiles = () => fs.readdirSync(dir).filter((f) => f.endsWith('.cache'));
    const start = async (tex: string) => {
      service = new RenderService({ workerPath, budgetMs: 20_000, codeCacheDir: dir });
      const r = await service.render(request(tex));
      assert.ok(r.ok && r.svg.startsWith('<svg'), JSON.stringify(r).slice(0, 200));
      return service.codeCache;
    };
    const written = async (test: (bytes: Buffer) => boolean) => {
      for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) {
        const [f] = cacheFiles();
        if (f && test(fs.readFileSync(path.join(dir, f)))) return;
      }
      assert.fail(`no cache was written in ${dir}: ${cacheFiles().join(', ')}`);
    };
    try {
      assert.equal(await start('a+b'), 'absent');
      await written((b) => b.length > 100_000);
      service.dispose();
      assert.equal(await start('c+d'), 'used');
      service.dispose();
      // A damaged file (a crash mid-write elsewhere, a disk error) is V8's to refuse, not ours to trust.
      fs.writeFileSync(path.join(dir, cacheFiles()[0]), Buffer.alloc(4096, 7));
      assert.equal(await start('e+f'), 'rejected');
      await written((b) => b.length > 100_000);
      assert.equal(fs.readdirSync(dir).length, 1, `left behind: ${fs.readdirSync(dir).join(', ')}`);
    } finally {
      service.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
