/**
 * The fuzz suite: seeded, bounded by count, it drives GenMath's public entry points with hostile
 * input (test/unit/fuzz/hostile.ts): the evaluator, every CLI command through main(), the render
 * worker through the RenderService and with raw messages, and the worker's message guards.
 * For every call: nothing is thrown out of the entry point, it returns within its bound, and the
 * test process (the render worker included) stays under MEMORY_CEILING_BYTES.
 * A failure names its seed and case, so `GENMATH_FUZZ_SEED=<seed>` replays it.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';
import { evaluate } from '../../../src/core/evaluate';
import { Random } from '../../../src/core/train/random';
import { isRenderJob, isRenderReply, isWorkerReady } from '../../../src/host/render/renderMessages';
import { RenderService } from '../../../src/host/render/renderService';
import type { Macros } from '../../../src/host/render/texToSvg';
import { MEMORY_CEILING_BYTES, SCALE, hostileArg, hostileFormula, hostileLine, hostileValue } from './hostile';

const SEED = Number(process.env.GENMATH_FUZZ_SEED ?? 20_250_101);
const workerPath = path.resolve('dist/workers/mathjax.js');
/** What no image in a hover may carry (see src/host/render/sanitizeSvg.ts). */
const FORBIDDEN_SVG = /\bhref=|\bstyle=|\bid=|\bclass=|url\(|\son\w+=|javascript:|<a[\s>]|<use|<script|<foreignObject/i;

function checkMemory(where: string): void {
  const rss = process.memoryUsage().rss;
  assert.ok(rss < MEMORY_CEILING_BYTES, `${where}: the process holds ${(rss / 2 ** 20).toFixed(0)} MB, over the ${(MEMORY_CEILING_BYTES / 2 ** 20).toFixed(0)} MB ceiling`);
}

/** Runs `f`, failing with the case's name if it throws or takes longer than `boundMs`. */
async function within<T>(boundMs: number, what: string, f: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  let result: T;
  try {
    result = await f();
  } catch (err) {
    assert.fail(`${what} threw: ${err instanceof Error ? err.stack : String(err)}`);
  }
  const ms = performance.now() - t0;
  assert.ok(ms <= boundMs, `${what} took ${ms.toFixed(0)} ms, over its ${boundMs} ms bound`);
  checkMemory(what);
  return result;
}

describe('fuzz: the evaluator', function () {
  this.timeout(120_000);

  it(`answers ${400 * SCALE} hostile formulas without throwing, each within 500 ms, with a finite value or a one-line error`, async () => {
    const random = new Random(SEED);
    for (let i = 0; i < 400 * SCALE; i++) {
      const tex = hostileFormula(random);
      const what = `evaluate #${i} (seed ${SEED}) ${JSON.stringify(tex.slice(0, 80))}`;
      const r = await within(500, what, () => evaluate(tex, { seed: random.int(100), samples: 100 + random.int(5000) }));
      if (r.ok) assert.ok(Number.isFinite(r.evaluation.value), `${what}: value ${r.evaluation.value}`);
      else assert.ok(r.error.length > 0 && !r.error.includes('\n'), `${what}: error ${JSON.stringify(r.error)}`);
    }
  });
});

describe('fuzz: the command line', function () {
  this.timeout(300_000);
  let dir: string;
  before(() => { dir = mkdtempSync(path.join(tmpdir(), 'genmath-fuzz-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** A command line and its stdin, of one of the commands, with hostile arguments. */
  function commandLine(random: Random, i: number): { argv: string[]; stdin: string } {
    switch (random.int(6)) {
      case 0: return { argv: ['classify'], stdin: Array.from({ length: 1 + random.int(5) }, () => hostileLine(random)).join(random.int(2) ? '\n' : '\r\n') };
      case 1: return { argv: ['eval', hostileFormula(random), ...(random.int(2) ? ['--samples', hostileArg(random)] : []), ...(random.int(3) === 0 ? ['--seed', hostileArg(random)] : [])], stdin: '' };
      case 2: return { argv: ['explain', hostileFormula(random)], stdin: '' };
      case 3: {
        const file = path.join(dir, `note-${i}${['.md', '.tex', '.bin', ''][random.int(4)]}`);
        const content = random.int(4) === 0
          ? Buffer.from(Array.from({ length: 1 + random.int(4096) }, () => random.int(256)))
          : Buffer.from(Array.from({ length: 1 + random.int(40) }, () => `$${hostileFormula(random)}$ and $$${hostileFormula(random)}$$`).join('\n'), 'utf8');
        writeFileSync(file, content);
        return { argv: ['scan', file, ...(random.int(4) === 0 ? [path.join(dir, 'missing.md'), dir] : [])], stdin: '' };
      }
      case 4: {
        // Trainings are run for a handful of steps at most: the step limits wait for the training rewrite.
        const task = ['gan', 'vae', 'mle', 'autoencoder', 'klfit', 'gd', 'diffusion'][random.int(7)];
        const steps = task === 'diffusion' ? ['0', hostileArg(random)][random.int(2)] : ['0', '1', '3', hostileArg(random)][random.int(4)];
        const flags = ['--steps', steps];
        if (random.int(2)) {
          const flag = ['--seed', '--dataset', '--loss', '--schedule', '--samples', '--svg', '--frobnicate'][random.int(7)];
          // Output files go to the temporary folder, never into the checkout.
          flags.push(flag, flag === '--samples' || flag === '--svg' ? path.join(dir, hostileArg(random).slice(0, 100)) : hostileArg(random));
        }
        if (random.int(2)) flags.push('--json');
        return { argv: ['train', task, ...flags], stdin: '' };
      }
      default: return { argv: [hostileArg(random), hostileArg(random)], stdin: '' };
    }
  }

  it(`runs ${250 * SCALE} hostile command lines: no exception escapes, exit codes 0-2, JSON lines that parse, each within 10 s`, async () => {
    const random = new Random(SEED + 1);
    for (let i = 0; i < 250 * SCALE; i++) {
      const { argv, stdin } = commandLine(random, i);
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIO = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), readStdin: async () => stdin, stderrIsTTY: false, drained: async () => undefined };
      const what = `genmath #${i} (seed ${SEED + 1}) ${JSON.stringify(argv.map((a) => a.slice(0, 40)))}`;
      const code = await within(10_000, what, () => main(argv, io));
      assert.ok([0, 1, 2].includes(code), `${what}: exit ${code}`);
      assert.doesNotMatch(err.join(''), /internal error/, `${what}: ${err.join('').slice(0, 300)}`);
      if (['classify', 'scan', 'eval', 'explain'].includes(argv[0]) || (argv[0] === 'train' && argv.includes('--json') && code === 0)) {
        for (const line of out.join('').split('\n').filter((l) => l !== '')) {
          assert.doesNotThrow(() => JSON.parse(line), `${what}: not a JSON line: ${line.slice(0, 200)}`);
        }
      }
    }
  });
});

describe('fuzz: the render worker', function () {
  this.timeout(600_000);

  it(`renders ${100 * SCALE} hostile formulas: each answered within its budget, images clean, the worker still working after`, async () => {
    const random = new Random(SEED + 2);
    const budgetMs = 1500;
    const service = new RenderService({ workerPath, budgetMs, startupMs: 30_000 });
    try {
      for (let i = 0; i < 100 * SCALE; i++) {
        const tex = hostileFormula(random);
        const macros: Macros = random.int(4) === 0 ? { m: hostileFormula(random).slice(0, 200), n: [hostileFormula(random).slice(0, 200), random.int(10)] as [string, number] } : {};
        const what = `render #${i} (seed ${SEED + 2}) ${JSON.stringify(tex.slice(0, 80))}`;
        // The budget, plus a fresh worker's start-up after one that ran out of it was ended.
        const r = await within(budgetMs + 15_000, what, () => service.render({ tex, display: random.int(2) === 0, macros, color: '#123456', exPixels: 8 }));
        if (r.ok) assert.doesNotMatch(r.svg, FORBIDDEN_SVG, what);
        else assert.ok(r.error.length > 0 && !r.error.includes('\n'), `${what}: ${JSON.stringify(r.error)}`);
      }
      const last = await service.render({ tex: 'e^{i\\pi} + 1 = 0', display: true, macros: {}, color: '#000000', exPixels: 8 });
      assert.ok(last.ok, 'the render worker does not render after the fuzzing');
    } finally {
      service.dispose();
    }
  });

  it(`ignores ${300 * SCALE} malformed messages, then still answers a job`, async () => {
    const random = new Random(SEED + 3);
    const worker = new Worker(workerPath);
    try {
      let failed: unknown;
      worker.on('error', (e) => { failed = e; });
      worker.on('exit', (code) => { failed ??= `exit ${code}`; });
      await new Promise<void>((resolve) => worker.on('message', (m: unknown) => { if (isWorkerReady(m)) resolve(); }));
      const replies: unknown[] = [];
      worker.on('message', (m: unknown) => replies.push(m));
      for (let i = 0; i < 300 * SCALE; i++) {
        const message = random.int(3) === 0
          ? { id: hostileValue(random), request: { tex: hostileValue(random), display: hostileValue(random), macros: hostileValue(random), color: hostileValue(random), exPixels: hostileValue(random) } }
          : hostileValue(random);
        // The guards decide; they must not throw on anything.
        await within(50, `guards on message #${i}`, () => { isRenderJob(message); isRenderReply(message); isWorkerReady(message); });
        worker.postMessage(message);
      }
      worker.postMessage({ id: 424242, request: { tex: 'x^2', display: false, macros: {}, color: '#000000', exPixels: 8 } });
      for (const until = Date.now() + 60_000; !replies.some((m) => isRenderReply(m) && m.id === 424242) && Date.now() < until && !failed;) {
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.equal(failed, undefined, `the worker failed: ${String(failed)}`);
      const reply = replies.find((m) => isRenderReply(m) && m.id === 424242);
      assert.ok(reply && isRenderReply(reply) && reply.result.ok, 'no answer to a good job after the malformed ones');
      for (const m of replies) {
        if (isRenderReply(m) && m.result.ok) assert.doesNotMatch(m.result.svg, FORBIDDEN_SVG);
      }
      checkMemory('after the malformed messages');
    } finally {
      await worker.terminate();
    }
  });
});
