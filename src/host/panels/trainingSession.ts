/**
 * One training worker and its lifecycle: started for a panel, ended with it. Imports neither
 * `vscode` nor the core trainers (they load in the worker), so the host stays light and tests can
 * open and close sessions in plain Node.
 */
import { workerResourceLimits } from '../limits';
import { Worker } from 'node:worker_threads';
import { isToyEvent, type ToyCommand, type ToyEvent } from '../../shared/toyProtocol';

/** A worker's events and the commands it takes; the guard checks each event before it is passed on. */
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

  /** Ends the worker: a polite request first, then termination, so no thread is left behind. */
  dispose(): Promise<number> {
    if (!this.#ended) {
      this.#ended = true;
      this.#worker.postMessage('dispose');
      const timer = setTimeout(() => void this.#worker.terminate(), 200);
      void this.exited.then(() => clearTimeout(timer));
    }
    return this.exited;
  }
}
