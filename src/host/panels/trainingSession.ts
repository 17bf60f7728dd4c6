/**
 * One training worker and its lifecycle: started for a panel, ended with it. Imports neither
 * `vscode` nor the core trainers (they load in the worker), so the host stays light and tests can
 * open and close sessions in plain Node.
 */
import { workerResourceLimits } from '../limits';
import { Worker } from 'node:worker_threads';
import { isToyEvent, type ToyCommand, type ToyEvent } from '../../shared/toyProtocol';

/** A worker's events and the commands it takes; the guard checks each event before it is passed on. */
/** How long a worker has to end itself after 'dispose' before it is terminated. */
const TERMINATE_AFTER_MS = 2000;

export class TrainingSession<Command = ToyCommand, Event extends { type: string } = ToyEvent> {
  readonly #worker: Worker;
  #ended = false;
  /** Resolves when the worker's thread has exited. */
  readonly exited: Promise<number>;

  constructor(
    workerPath: string,
    onEvent: (event: Event) => void,
    config: object = {},
    isEvent: (v: unknown) => v is Event = isToyEvent as unknown as (v: unknown) => v is Event,
  ) {
    this.#worker = new Worker(workerPath, { workerData: config, resourceLimits: workerResourceLimits('training') });
    this.#worker.on('message', (message: unknown) => {
      // A worker is ours, but a malformed message is still dropped rather than passed on.
      if (!this.#ended && isEvent(message)) onEvent(message);
    });
    this.#worker.on('error', (err) => {
      if (!this.#ended) onEvent({ type: 'error', message: `the training stopped: ${err.message}` } as unknown as Event);
    });
    this.exited = new Promise((resolve) => this.#worker.once('exit', resolve));
  }

  get ended(): boolean {
    return this.#ended;
  }

  send(command: Command): void {
    if (!this.#ended) this.#worker.postMessage(command);
  }

  /**
   * Ends the worker: a polite request first, then termination, so no thread is left behind. The
   * worker answers the request between bursts (30 ms), so termination is the rare last resort: it
   * is given 2 s, because Node 20 can abort the whole process when a worker is terminated while V8
   * is still optimizing its code on a background thread (NodePlatform::ForIsolate assertion, seen
   * once in a unit run on a loaded machine with the old 200 ms).
   */
  dispose(): Promise<number> {
    if (!this.#ended) {
      this.#ended = true;
      this.#worker.postMessage('dispose');
      const timer = setTimeout(() => void this.#worker.terminate(), TERMINATE_AFTER_MS);
      void this.exited.then(() => clearTimeout(timer));
    }
    return this.exited;
  }
}
