/**
 * The render worker: MathJax runs here, off the extension host's thread, so a slow or hostile
 * formula can never freeze VS Code. The host kills this worker when a render exceeds its budget.
 */
import { parentPort } from 'node:worker_threads';
import * as path from 'node:path';
import { evaluate } from '../../core/evaluate';
import { texToSvg, type HoverValue } from '../../host/render/texToSvg';
import { isRenderJob, type RenderReply } from '../../host/render/renderMessages';
import { setSpeechEngine, speakFormula } from '../../host/render/texToSpeech';

// The speech rule engine's own bundle and its English rules, beside this bundle (see esbuild.mjs).
setSpeechEngine({ script: path.join(__dirname, 'speechRuleEngine.js'), rules: path.join(__dirname, 'mathmaps') });

/**
 * The formula's value, if it has concrete numbers. Evaluated here, not on the extension host:
 * a Monte Carlo estimate or a long \sum can take tens of milliseconds, too long for the host's
 * thread. Fewer samples than the panel uses, as a hover is a glance.
 */
function valueOf(tex: string): HoverValue | undefined {
  const outcome = evaluate(tex, { samples: 5000, timeBudgetMs: 100 });
  if (!outcome.ok) return undefined;
  const e = outcome.evaluation;
  return { value: e.value, method: e.method, ...(e.standardError !== undefined ? { standardError: e.standardError } : {}) };
}

parentPort?.on('message', (message: unknown) => {
  if (!isRenderJob(message)) return;
  let reply: RenderReply;
  try {
    const r = message.request;
    const speech = speakFormula(r.tex, r.macros, r.display);
    reply = { id: message.id, result: { ...texToSvg(r), value: valueOf(r.tex), speech: speech.text, ...(speech.pending ? { speechPending: true } : {}) } };
  } catch (err) {
    reply = { id: message.id, result: { ok: false, error: err instanceof Error ? err.message : String(err), droppedMacros: [] } };
  }
  parentPort?.postMessage(reply);
});

// MathJax builds its TeX parser on first use: do that now, so that from "ready" on a formula's
// budget is spent on that formula alone.
texToSvg({ tex: 'x', display: false, macros: {}, color: 'black', exPixels: 8 });
parentPort?.postMessage({ ready: true });
