/** The toy-training worker: one per toy panel, ended when the panel closes. */
import { parentPort, workerData } from 'node:worker_threads';
import { isToyCommand, isToyName, isToySettings } from '../../shared/toyProtocol';
import { ToyRunner } from '../training/toyRunner';
import { TOYS } from '../training/toys';

const data = (workerData ?? {}) as { toy?: unknown; settings?: unknown };
const model = isToyName(data.toy) ? TOYS[data.toy] : undefined;
if (!model || !isToyName(data.toy)) {
  parentPort?.postMessage({ type: 'error', message: `no toy named ${String(data.toy)}` });
} else {
  const runner = new ToyRunner(data.toy, model, (event) => parentPort?.postMessage(event), isToySettings(data.settings) ? data.settings : {});
  parentPort?.on('message', (message: unknown) => {
    if (message === 'dispose') {
      runner.dispose();
      parentPort?.close();
      return;
    }
    if (isToyCommand(message)) runner.handle(message);
  });
}
