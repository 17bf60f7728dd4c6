/**
 * Renders formulas to SVG in a worker thread, with a time budget and a cache.
 *
 * Imports neither `vscode` nor MathJax: the host stays light (MathJax loads in the worker on the
 * first hover), and benchmarks and tests can drive this class in plain Node.
 */
import { Worker } from 'node:worker_threads';
import { isRenderReply } from './renderMessages';
import type { RenderRequest, RenderResult } from './texToSvg';

/** Options of the service. */
export interface RenderServiceOptions {
  /** Path of the built worker script (`dist/workers/mathjax.js`). */
  readonly workerPath: string;
  /** How long one formula may take before the worker is stopped and the hover gives up. */
  readonly budgetMs: number;
  /** How many rendered formulas to keep. */
  readonly cacheSize?: number;
}

interface Pending {
  readonly req: RenderRequest;
  readonly resolve: (r: RenderResult) => void;
  readonly timer: NodeJS.Timeout;
}

/** A render result the service made up itself: the budget ran out or the worker failed. */
function failure(error: string): RenderResult {
  return { ok: false, error, droppedMacros: [] };
}

export class RenderService {
  readonly #options: RenderServiceOptions;
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  /** Insertion-ordered, so the first key is the least recently used. */
  readonly #cache = new Map<string, RenderResult>();

  constructor(options: RenderServiceOptions) {
    this.#options = options;
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

  /** Renders a formula; never rejects. A render that exceeds the budget stops the worker and says so. */
  render(req: RenderRequest): Promise<RenderResult> {
    const hit = this.cached(req);
    if (hit) return Promise.resolve(hit);
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise<RenderResult>((resolve) => {
      const timer = setTimeout(() => {
        const seconds = (this.#options.budgetMs / 1000).toFixed(1);
        const message = `gave up: rendering took longer than ${seconds} s`;
        // Only this formula is known to be too slow, so only its verdict is cached.
        this.#remember(req, failure(message));
        // The worker may be stuck inside MathJax; the only way out is to end it. Jobs queued behind
        // this one are answered too (not cached), and the next hover starts a fresh worker.
        this.#restart(message);
      }, this.#options.budgetMs);
      this.#pending.set(id, { timer, req, resolve });
      worker.postMessage({ id, request: req });
    });
  }

  /** Stops the worker; pending renders are answered with an error. */
  dispose(): void {
    this.#restart('GenMath was shut down');
  }

  #remember(req: RenderRequest, result: RenderResult): void {
    const limit = this.#options.cacheSize ?? 500;
    this.#cache.set(cacheKey(req), result);
    while (this.#cache.size > limit) this.#cache.delete(this.#cache.keys().next().value as string);
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.#options.workerPath);
    worker.on('message', (message: unknown) => {
      if (!isRenderReply(message)) return;
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      clearTimeout(pending.timer);
      this.#remember(pending.req, message.result);
      pending.resolve(message.result);
    });
    worker.on('error', (err) => this.#restart(`the renderer failed: ${err.message}`));
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #restart(reason: string): void {
    const worker = this.#worker;
    this.#worker = undefined;
    void worker?.terminate();
    for (const pending of this.#pending.values()) {
      clearTimeout(pending.timer);
      pending.resolve(failure(reason));
    }
    this.#pending.clear();
  }
}

function cacheKey(req: RenderRequest): string {
  return `${req.display ? 'D' : 'I'}${req.color}|${req.exPixels}|${JSON.stringify(req.macros)}|${req.tex}`;
}
