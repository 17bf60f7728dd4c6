/**
 * The render worker: MathJax runs here, off the extension host's thread, so a slow or hostile
 * formula can never freeze VS Code. The host kills this worker when a render exceeds its budget.
 */
import { parentPort } from 'node:worker_threads';
import { texToSvg } from '../render/texToSvg';
import { isRenderJob, type RenderReply } from '../render/renderMessages';

parentPort?.on('message', (message: unknown) => {
  if (!isRenderJob(message)) return;
  let reply: RenderReply;
  try {
    reply = { id: message.id, result: texToSvg(message.request) };
  } catch (err) {
    reply = { id: message.id, result: { ok: false, error: err instanceof Error ? err.message : String(err), droppedMacros: [] } };
  }
  parentPort?.postMessage(reply);
});

// MathJax builds its TeX parser on first use: do that now, so that from "ready" on a formula's
// budget is spent on that formula alone.
texToSvg({ tex: 'x', display: false, macros: {}, color: 'black', exPixels: 8 });
parentPort?.postMessage({ ready: true });
