/**
 * Hover latency on the extension host's side, from a formula under the pointer to the hover's markdown:
 * - hover-first: the very first hover (render worker start-up and MathJax load included), against an
 *   empty worker's round trip (the floor of any worker-based design). Target: at most 150 ms.
 * - hover-warm-p50 / -p95: hovers on a note that has been open for 2 s, with render-ahead on (its
 *   formulas rendered in the worker's idle time, as the extension does), against the same hovers
 *   without render-ahead (each a cache miss). Target: p95 under 5 ms.
 * - hover-miss-p50 / -p95: cache misses once MathJax is warm, against MathJax called in-process on the
 *   same formulas (what a worker-less design would cost, without its freezing risk).
 * - hover-host-block: the longest synchronous stretch on the host's thread per hover (finding the
 *   formulas of a note and building the markdown), against the 50 ms a task may take.
 * - render-ahead-host-block: the synchronous host work of one render-ahead pass over that note
 *   (finding its formulas, picking the visible ones, building their requests, queueing them).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { findFormulas } from '../src/core/find';
import { Random } from '../src/core/train/random';
import { formulasInRanges } from '../src/host/render/aheadSelection';
import { RENDER_AHEAD_MAX_FORMULAS } from '../src/host/limits';
import { formulaMarkdown } from '../src/host/hoverMarkdown';
import { RenderService } from '../src/host/render/renderService';
import { texToSvg, type RenderRequest } from '../src/host/render/texToSvg';
import { quantile, report } from './stats';

const workerPath = path.resolve('dist/workers/mathjax.js');

function request(tex: string, display: boolean): RenderRequest {
  return { tex, display, macros: {}, color: '#cccccc', exPixels: 8.75 };
}

/** Every formula of the example notes, each made distinct so that no render is a cache hit. */
function exampleFormulas(copies: number): RenderRequest[] {
  const found = readdirSync('examples').flatMap((name) => {
    const text = readFileSync(path.join('examples', name), 'utf8');
    return findFormulas(text, name.endsWith('.tex') ? 'latex' : 'markdown').formulas;
  });
  const out: RenderRequest[] = [];
  for (let c = 0; c < copies; c++) for (const f of found) out.push(request(`${f.tex}+${c}`, f.display));
  return out;
}

async function emptyWorkerRoundTrip(): Promise<number> {
  const t0 = performance.now();
  const w = new Worker("require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m))", { eval: true });
  await new Promise((resolve) => {
    w.once('message', resolve);
    w.postMessage(1);
  });
  const ms = performance.now() - t0;
  await w.terminate();
  return ms;
}

async function main(): Promise<void> {
  // A window's first hover, as the extension starts its worker: from V8's code cache once an earlier
  // window made one (hover-first), and with no cache at all, the very first hover after installing
  // (hover-first-nocache). The cache is made by one start before the measured ones.
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'genmath-bench-cache-'));
  const first = async (codeCacheDir: string | undefined): Promise<number> => {
    const service = new RenderService({ workerPath, budgetMs: 30_000, ...(codeCacheDir ? { codeCacheDir } : {}) });
    const t0 = performance.now();
    const r = await service.render(request('D_{KL}(q_\\phi(z|x)\\,\\|\\,p(z))', false));
    formulaMarkdown('x', r);
    const ms = performance.now() - t0;
    // Long enough for a start without a cache to write one.
    if (codeCacheDir && service.codeCache !== 'used') await new Promise((resolve) => setTimeout(resolve, 3000));
    service.dispose();
    return ms;
  };
  await first(cacheDir);
  const firsts: number[] = [];
  const uncached: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < 5; i++) {
    firsts.push(await first(cacheDir));
    uncached.push(await first(undefined));
    floors.push(await emptyWorkerRoundTrip());
  }
  rmSync(cacheDir, { recursive: true, force: true });
  report('hover-first', quantile(firsts, 0.5), quantile(floors, 0.5), 'ms', `median of 5 cold starts from the code cache; max ${Math.max(...firsts).toFixed(0)} ms; target < 150 ms`);
  report('hover-first-nocache', quantile(uncached, 0.5), quantile(floors, 0.5), 'ms', `median of 5 cold starts without a code cache (the first hover after installing); max ${Math.max(...uncached).toFixed(0)} ms`);

  const formulas = exampleFormulas(8);
  const service = new RenderService({ workerPath, budgetMs: 30_000, cacheSize: 10_000 });
  await service.render(request('x', false));
  const ours: number[] = [];
  for (const req of formulas) {
    const t0 = performance.now();
    formulaMarkdown(req.tex, await service.render(req));
    ours.push(performance.now() - t0);
  }
  service.dispose();
  texToSvg(request('x', false));
  const inProcess: number[] = [];
  for (const req of formulas) {
    const t0 = performance.now();
    formulaMarkdown(req.tex, texToSvg({ ...req, tex: `${req.tex}+b` }));
    inProcess.push(performance.now() - t0);
  }
  report('hover-miss-p50', quantile(ours, 0.5), quantile(inProcess, 0.5), 'ms', `${formulas.length} cache misses`);
  report('hover-miss-p95', quantile(ours, 0.95), quantile(inProcess, 0.95), 'ms', 'cache misses, MathJax on the hover\'s path');

  await renderAheadHovers();

  // The host's own synchronous work: finding the formulas of the largest example note (once per
  // document version) plus building one hover's markdown from a rendered SVG.
  const note = readdirSync('examples').map((n) => readFileSync(path.join('examples', n), 'utf8')).sort((a, b) => b.length - a.length)[0];
  const svg = texToSvg(request('\\min_G \\max_D V(D,G)', true));
  const blocks: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t0 = performance.now();
    findFormulas(note + ' '.repeat(i), 'markdown');
    formulaMarkdown('x', svg);
    blocks.push(performance.now() - t0);
  }
  report('hover-host-block', Math.max(...blocks), 50, 'ms', 'longest synchronous host task per hover vs the 50 ms limit');
}

/**
 * A note open for 2 s with render-ahead on, then a hover on each of its formulas in a shuffled
 * order; against the same hovers on a copy of the note (distinct formulas) without render-ahead.
 * The note is every example note in one, as a long study note would be.
 */
async function renderAheadHovers(): Promise<void> {
  const text = readdirSync('examples').filter((n) => n.endsWith('.md')).map((n) => readFileSync(path.join('examples', n), 'utf8')).join('\n\n');
  const service = new RenderService({ workerPath, budgetMs: 30_000, cacheSize: 10_000 });
  await service.render(request('x', false));

  const passes: number[] = [];
  let ahead: RenderRequest[] = [];
  for (let i = 0; i < 20; i++) {
    const t0 = performance.now();
    const { formulas } = findFormulas(text + ' '.repeat(i), 'markdown');
    // The whole note is on screen or within the margin, as for a note of this size.
    ahead = formulasInRanges(formulas, [{ start: 0, end: text.length }], RENDER_AHEAD_MAX_FORMULAS).map((f) => request(f.tex, f.display));
    service.renderAhead(ahead);
    passes.push(performance.now() - t0);
  }
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const readyAfter2s = ahead.filter((r) => service.cached(r) !== undefined).length;

  const order = shuffled(ahead, 7);
  const warm: number[] = [];
  for (const req of order) {
    const t0 = performance.now();
    formulaMarkdown(req.tex, await service.render(req));
    warm.push(performance.now() - t0);
  }
  const cold: number[] = [];
  for (const req of order) {
    const t0 = performance.now();
    formulaMarkdown(req.tex, await service.render({ ...req, tex: `${req.tex}\,` }));
    cold.push(performance.now() - t0);
  }
  service.dispose();
  const note = `${order.length} formulas, ${readyAfter2s} rendered ahead within 2 s`;
  report('hover-warm-p50', quantile(warm, 0.5), quantile(cold, 0.5), 'ms', `render-ahead on vs off; ${note}`);
  report('hover-warm-p95', quantile(warm, 0.95), quantile(cold, 0.95), 'ms', `render-ahead on vs off; target < 5 ms; max ${Math.max(...warm).toFixed(1)} ms`);
  report('render-ahead-host-block', Math.max(...passes), 50, 'ms', 'longest synchronous host work of a render-ahead pass vs the 50 ms limit');
}

/** A copy of `xs` in a seeded random order, the same on every run. */
function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const random = new Random(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

void main();
