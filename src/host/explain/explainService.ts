/**
 * Asks the explain worker for a formula's panel content, with a time limit. Imports neither
 * `vscode` nor the explain code itself, so the host stays light and tests can drive it in Node.
 */
import { workerResourceLimits } from '../limits';
import { Worker } from 'node:worker_threads';
import type { FormulaCard } from '../../core/recognize/types';
import type { ExplainContent } from '../../shared/explainProtocol';
import { isRecord } from '../../shared/is';
import { excerpt, SILENT_LOGGER, type Logger } from '../../shared/logger';

export class ExplainService {
  #worker: Worker | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (r: ExplainContent | string) => void; timer: NodeJS.Timeout }>();

  constructor(private readonly workerPath: string, private readonly budgetMs = 10_000, private readonly logger: Logger = SILENT_LOGGER) {}

  /**
   * The content, or a one-line reason why there is none; never rejects. `context` is the prose
   * around the formula (`DocumentFormulas.contextOf`), the evidence the hover weighs too; `after`
   * is the note's text right after the formula, where values for its symbols may be given; `card`
   * is what the host already recognized it as (the worker then does not recognize it again).
   */
  explain(tex: string, display: boolean, where: string, context = '', after = '', card?: FormulaCard): Promise<ExplainContent | string> {
    const worker = this.#ensureWorker();
    const id = this.#nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        // A formula that takes this long is hostile; end the worker, the next Explain starts another.
        this.logger.warn(`Gave up explaining ${excerpt(tex)} after ${this.budgetMs / 1000} s; the explain worker restarts on the next Explain.`);
        this.#stop(`explaining this formula took longer than ${this.budgetMs / 1000} s`);
      }, this.budgetMs);
      this.#pending.set(id, { resolve, timer });
      worker.postMessage({ id, tex, display, where, context, after, ...(card ? { card } : {}) });
    });
  }

  dispose(): void {
    this.#stop('GenMath was shut down');
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.workerPath, { resourceLimits: workerResourceLimits('explain') });
    worker.on('message', (m: unknown) => {
      if (!isRecord(m) || typeof m.id !== 'number') return;
      const pending = this.#pending.get(m.id);
      if (!pending) return;
      this.#pending.delete(m.id);
      clearTimeout(pending.timer);
      if (isRecord(m.content)) {
        pending.resolve(m.content as unknown as ExplainContent);
      } else {
        this.logger.error(`The explain worker could not explain a formula: ${String(m.error)}`);
        pending.resolve(`could not explain this formula: ${String(m.error)}`);
      }
    });
    worker.on('error', (err) => {
      this.logger.error(`The explain worker failed: ${err.stack ?? err.message}`);
      this.#stop(`the explainer failed: ${err.message}`);
    });
    worker.unref();
    this.#worker = worker;
    return worker;
  }

  #stop(reason: string): void {
    void this.#worker?.terminate();
    this.#worker = undefined;
    for (const p of this.#pending.values()) {
      clearTimeout(p.timer);
      p.resolve(reason);
    }
    this.#pending.clear();
  }
}
