/** The explain worker: builds the Explain panel's content (recognize, derive with KaTeX, evaluate) off the host's thread. */
import { parentPort } from 'node:worker_threads';
import { isFormulaCard } from '../../shared/explainProtocol';
import { isRecord } from '../../shared/is';
import { explainContent } from '../../host/explain/content';

parentPort?.on('message', (message: unknown) => {
  if (!isRecord(message) || typeof message.id !== 'number' || typeof message.tex !== 'string' || typeof message.display !== 'boolean' || typeof message.where !== 'string') return;
  try {
    // An older or malformed message without words around the formula (or after it) is explained from the math alone.
    const context = typeof message.context === 'string' ? message.context.slice(0, 2000) : '';
    const after = typeof message.after === 'string' ? message.after.slice(0, 2000) : '';
    // The host's card, when it sent a well-formed one, so the formula is recognized once (a bad one is ignored).
    const card = isFormulaCard(message.card) ? message.card : undefined;
    parentPort?.postMessage({ id: message.id, content: explainContent(message.tex, message.display, message.where, context, after, card) });
  } catch (err) {
    parentPort?.postMessage({ id: message.id, error: err instanceof Error ? err.message : String(err) });
  }
});
