/** The toy-training worker: one per toy panel (the GAN's included), ended when the panel closes. */
import { parentPort, workerData } from 'node:worker_threads';
import { isDrawnPoints, isToyCommand, isToyName, isToySettings } from '../../shared/toyProtocol';
import { ToyRunner } from '../toyRunner';
import { TOYS } from '../toys';

const data = (workerData ?? {}) as { toy?: unknown; settings?: unknown; drawn?: unknown };
if (!isToyName(data.toy)) {
  parentPort?.postMessage({ type: 'error', message: `no toy named ${String(data.toy)}` });
} else {
  const runner = new ToyRunner(data.toy, TOYS[data.toy], (event) => parentPort?.postMessage(event), isToySettings(data.settings) ? data.settings : {}, isDrawnPoints(data.drawn) ? data.drawn : undefined);
  parentPort?.on('message', (message: unknown) => {
    if (message === 'dispose') {
      runner.dispose();
      parentPort?.close();
      return;
    }
    if (isToyCommand(message)) runner.handle(message);
  });
}
