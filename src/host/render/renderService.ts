/**
 * Renders formulas to SVG in a worker thread, one at a time, each within a time budget, with a cache.
 *
 * Imports neither `vscode` nor MathJax: the host stays light (MathJax loads in the worker on the
 * first hover), and benchmarks and tests can drive this class in plain Node.
 *
 * The budget is for MathJax's work on one formula, so it starts when that formula is handed to a
 * worker that is ready; the worker's start-up (loading MathJax, slow on a busy machine) has its
 * own, larger allowance. A formula that exceeds its budget ends the worker (the only way to stop
 * MathJax mid-render) and its verdict is cached; formulas queued behind it go to a fresh worker.
 *
 * Two queues: hovers first, then formulas rendered ahead (`renderAhead`, the visible formulas of
 * an open note, in the worker's idle time) so that a later hover is a cache hit. A hover for a
 * formula still waiting in the ahead queue moves it to the front.
 */
import { workerResourceLimits } from '../limits';
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isCodeCacheReport, isRenderReply, isWorkerReady, type CodeCacheUse } from './renderMessages';
import { excerpt, SILENT_LOGGER, type Logger } from '../../shared/logger';
import type { RenderRequest, RenderResult } from './texToSvg';

/** Options of the service. */
export interface RenderServiceOptions {
  /** Path of the built worker script (`dist/workers/mathjax.js`). */
  readonly workerPath: string;
  /** How long MathJax may spend on one formula before the hover gives up on it. */
  readonly budgetMs: number;
  /** How long a new worker may take to load MathJax (default 30 s). */
  readonly startupMs?: number;
  /** How many rendered formulas to keep (default 500). */
  readonly cacheSize?: number;
  /**
   * A folder for V8's code cache of the worker script (the extension's global storage). With it
   * the worker starts through `cachedLoader.js`, beside the worker script, and a window's first
   * hover skips most of compiling MathJax; without it the worker script starts plainly.
   */
  readonly codeCacheDir?: string;
  /** Where give-ups and worker failures are said (the "GenMath" output channel); silent without one. */
  readonly logger?: Logger;
  /** Called on every render a hover asks for (the walkthrough's "hover a formula" step is done by it). */
  readonly onHoverRender?: () => void;
}

interface Job {
  readonly id: number;
  readonly key: string;
  readonly req: RenderRequest;
  readonly resolve: (r: RenderResult) => void;
}

/** Whether a render was asked for by a hover (served first) or ahead of one. */
type Lane = 'hover' | 'ahead';

/** A render result the service made up itself: the budget ran out or the worker failed. */
function failure(error: string): RenderResult {
  return { ok: false, error, droppedMacros: [] };
}

export class RenderService {
  readonly #options: RenderServiceOptions;
  #worker: Worker | undefined;
  #ready = false;
  #startupTimer: NodeJS.Timeout | undefined;
  #nextId = 1;
  readonly #queue: Job[] = [];
  /** Renders asked for ahead of a hover, served when no hover waits. */
  readonly #ahead: Job[] = [];
  #busy: { job: Job; timer: NodeJS.Timeout } | undefined;
  /** Renders asked for and not yet answered, so a repeated hover waits for the same one. */
  readonly #inFlight = new Map<string, Promise<RenderResult>>();
  /** Insertion-ordered, so the first key is the least recently used. */
  readonly #cache = new Map<string, RenderResult>();
  #codeCache: CodeCacheUse | undefined;

  constructor(options: RenderServiceOptions) {
    this.#options = options;
  }

  get #log(): Logger {
    return this.#options.logger ?? SILENT_LOGGER;
  }

  /** The cached result for a request, if any, without starting the worker. */
  cached(req: RenderRequest): RenderResult | undefined {
    const key = cacheKey(req);
    const hit = this.#cache.get(key);
    if (hit) {
      this.#cache.delete(key);
      this.#cache.set(key, hit);
    }
    return hit;
  }

  /** How the last worker's start-up used the code cache (undefined without one): for benchmarks and tests. */
  get codeCache(): CodeCacheUse | undefined {
    return this.#codeCache;
  }

  /** Renders a formula for a hover, before any formula rendered ahead; never rejects. */
  render(req: RenderRequest): Promise<RenderResult> {
    this.#options.onHoverRender?.();
    const hit = this.cached(req);
    if (hit) return Promise.resolve(hit);
    const key = cacheKey(req);
    const flying = this.#inFlight.get(key);
    if (flying) {
      // Waiting in the ahead queue: a hover wants it now.
      const i = this.#ahead.findIndex((j) => j.key === key);
      if (i >= 0) this.#queue.push(...this.#ahead.splice(i, 1));
      return flying;
    }
    return this.#enqueue(req, key, 'hover');
  }

  /**
   * Renders these formulas when no hover waits, so that hovering them later is a cache hit.
   * Replaces the formulas an earlier call asked for and the worker has not started (the note
   * scrolled or changed); those already cached or in flight are not asked for again.
   */
  renderAhead(reqs: readonly RenderRequest[]): void {
    const keys = new Set<string>();
    const wanted: { req: RenderRequest; key: string }[] = [];
    for (const req of reqs) {
      const key = cacheKey(req);
      if (keys.has(key)) continue;
      keys.add(key);
      wanted.push({ req, key });
    }
    for (const job of this.#ahead.splice(0)) {
      if (keys.has(job.key)) this.#ahead.push(job);
      else this.#answer(job, failure('no longer wanted'), false);
    }
    for (const { req, key } of wanted) {
      if (this.#cache.has(key) || this.#inFlight.has(key)) continue;
      void this.#enqueue(req, key, 'ahead');
    }
  }

  /** How many renders wait (hovers and ahead): for benchmarks and tests. */
  get pending(): number {
    return this.#queue.length + this.#ahead.length + (this.#busy ? 1 : 0);
  }

  #enqueue(req: RenderRequest, key: string, lane: Lane): Promise<RenderResult> {
    const promise = new Promise<RenderResult>((resolve) => {
      (lane === 'hover' ? this.#queue : this.#ahead).push({ id: this.#nextId++, key, req, resolve });
    });
    this.#inFlight.set(key, promise);
    this.#ensureWorker();
    this.#pump();
    return promise;
  }

  /** Stops the worker; renders not yet answered are answered with an error. */
  dispose(): void {
    this.#stopWorker();
    for (const job of [...this.#queue.splice(0), ...this.#ahead.splice(0)]) this.#answer(job, failure('GenMath was shut down'), false);
  }

  #answer(job: Job, result: RenderResult, cache: boolean): void {
    this.#inFlight.delete(job.key);
    if (cache) {
      this.#cache.set(job.key, result);
      const limit = this.#options.cacheSize ?? 500;
      while (this.#cache.size > limit) this.#cache.delete(this.#cache.keys().next().value as string);
    }
    job.resolve(result);
  }

  /** Hands the next formula to the worker once it is ready and idle. */
  #pump(): void {
    if (!this.#worker || !this.#ready || this.#busy) return;
    const job = this.#queue.shift() ?? this.#ahead.shift();
    if (!job) return;
    const timer = setTimeout(() => {
      const seconds = (this.#options.budgetMs / 1000).toFixed(1);
      this.#busy = undefined;
      // Said once per formula: the give-up is cached, so hovering it again does not repeat the line.
      this.#log.warn(`Gave up rendering a formula after ${seconds} s: ${excerpt(job.req.tex)}`);
      this.#answer(job, failure(`gave up: rendering took longer than ${seconds} s`), true);
      this.#stopWorker();
      if (this.#queue.length + this.#ahead.length > 0) this.#ensureWorker();
    }, this.#options.budgetMs);
    this.#busy = { job, timer };
    this.#worker.postMessage({ id: job.id, request: job.req });
  }

  #ensureWorker(): void {
    if (this.#worker) return;
    const worker = this.#startWorker();
    this.#ready = false;
    this.#startupTimer = setTimeout(() => {
      const seconds = ((this.#options.startupMs ?? 30_000) / 1000).toFixed(0);
      this.#stopWorker();
      this.#log.error(`The formula renderer (MathJax) did not start within ${seconds} s; hovers show the TeX source until it does.`);
      for (const job of [...this.#queue.splice(0), ...this.#ahead.splice(0)]) this.#answer(job, failure(`the renderer did not start within ${seconds} s`), false);
    }, this.#options.startupMs ?? 30_000);
    worker.on('message', (message: unknown) => {
      if (worker !== this.#worker) return;
      if (isCodeCacheReport(message)) {
        this.#codeCache = message.codeCache;
        return;
      }
      if (isWorkerReady(message)) {
        clearTimeout(this.#startupTimer);
        this.#ready = true;
        this.#pump();
        return;
      }
      if (!isRenderReply(message) || this.#busy?.job.id !== message.id) return;
      const { job, timer } = this.#busy;
      clearTimeout(timer);
      this.#busy = undefined;
      // A reading made while the speech engine was still loading is answered but not kept: the next
      // render of the formula gets the engine's reading.
      this.#answer(job, message.result, message.result.speechPending !== true);
      this.#pump();
    });
    worker.on('error', (err) => {
      if (worker !== this.#worker) return;
      // A crash is not the formula's fault: answer it without caching, and go on with a fresh worker.
      const busy = this.#busy;
      if (busy) clearTimeout(busy.timer);
      this.#busy = undefined;
      this.#stopWorker();
      this.#log.error(`The formula renderer failed (${err.message}); a fresh one starts with the next formula.`);
      if (busy) this.#answer(busy.job, failure(`the renderer failed: ${err.message}`), false);
      if (this.#queue.length + this.#ahead.length > 0) this.#ensureWorker();
    });
    worker.unref();
    this.#worker = worker;
  }

  #startWorker(): Worker {
    const { workerPath, codeCacheDir } = this.#options;
    if (!codeCacheDir) return new Worker(workerPath, { resourceLimits: workerResourceLimits('render') });
    let cache: string;
    try {
      // Named for the script's size and time and V8's version: a new build or VS Code gets a new cache.
      const stat = statSync(workerPath);
      cache = path.join(codeCacheDir, `${path.basename(workerPath, '.js')}-${stat.size}-${Math.round(stat.mtimeMs)}-v8-${process.versions.v8}.cache`);
    } catch {
      return new Worker(workerPath, { resourceLimits: workerResourceLimits('render') });
    }
    return new Worker(path.join(path.dirname(workerPath), 'cachedLoader.js'), { workerData: { script: workerPath, cache }, resourceLimits: workerResourceLimits('render') });
  }

  #stopWorker(): void {
    clearTimeout(this.#startupTimer);
    if (this.#busy) clearTimeout(this.#busy.timer);
    const busy = this.#busy;
    this.#busy = undefined;
    if (busy) this.#answer(busy.job, failure('GenMath was shut down'), false);
    void this.#worker?.terminate();
    this.#worker = undefined;
    this.#ready = false;
  }
}

function cacheKey(req: RenderRequest): string {
  return `${req.display ? 'D' : 'I'}${req.color}|${req.exPixels}|${JSON.stringify(req.macros)}|${req.tex}`;
}
