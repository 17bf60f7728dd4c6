/** The training worker: one per GAN panel, ended when the panel closes. */
import { parentPort, workerData } from 'node:worker_threads';
import { isGanCommand } from '../../shared/ganProtocol';
import { GanRunner } from '../training/ganRunner';

const runner = new GanRunner((event) => parentPort?.postMessage(event), (workerData ?? {}) as object);
parentPort?.on('message', (message: unknown) => {
  if (message === 'dispose') {
    runner.dispose();
    parentPort?.close();
    return;
  }
  if (isGanCommand(message)) runner.handle(message);
});
