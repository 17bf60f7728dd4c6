/**
 * A formula's spoken reading in the render worker: our own (src/core/speech), and where that does
 * not cover the formula (a matrix, an unknown macro, a stray symbol) MathJax's speech rule engine
 * reading the formula's MathML. The engine is 360 KB of code and 570 KB of rules, ~300 ms to set
 * up: it loads only when a formula first needs it, so the worker's start (and the first hover over
 * a formula our tree reads) never waits for it; the first formula that needs it waits once.
 */
import { createRequire } from 'node:module';
import { SPOKEN_LIMIT, speakTex } from '../../core/speech/speak';
import { texToMathml, type Macros } from './texToSvg';

type Engine = typeof import('speech-rule-engine');

let engine: Engine | undefined;
let loading: Promise<void> | undefined;
/** Where the engine is: its script (a bundle of its own) and its rule files (`en.json`, `base.json`). */
let place: { readonly script: string; readonly rules: string } | undefined;

/** Says where the engine's script and rules are; without this the engine is never loaded. */
export function setSpeechEngine(where: { readonly script: string; readonly rules: string }): void {
  place = where;
}

/** Loads and sets up the engine once; a failure leaves our own reading in use, silently (it is a fallback). */
export function loadSpeechEngine(): Promise<void> {
  if (loading || place === undefined) return loading ?? Promise.resolve();
  const { script, rules } = place;
  loading = (async () => {
    // Read at the engine's import, before `setupEngine` can say otherwise.
    process.env.SRE_JSON_PATH = rules;
    // Required at run time from its own file, never bundled into the render worker (see esbuild.mjs).
    const sre = createRequire(__filename)(script) as Engine;
    await sre.setupEngine({ locale: 'en', domain: 'clearspeak', modality: 'speech', json: rules });
    await sre.engineReady();
    engine = sre;
  })().catch(() => undefined);
  return loading;
}

/** True once the engine answers. */
export function speechEngineReady(): boolean {
  return engine !== undefined;
}

/** The engine's reading, tidied and bounded, or undefined when it has none. */
function engineReading(tex: string, macros: Macros, display: boolean): string | undefined {
  if (!engine) return undefined;
  const mathml = texToMathml(tex, macros, display);
  if (mathml === undefined) return undefined;
  try {
    const text = engine.toSpeech(mathml).replace(/\s+/g, ' ').trim();
    if (text === '' || /[\\{}]/.test(text)) return undefined;
    return text.length > SPOKEN_LIMIT ? `${text.slice(0, text.lastIndexOf(' ', SPOKEN_LIMIT - 12))}, and more` : text;
  } catch {
    return undefined;
  }
}

/**
 * The reading for a formula's alt text: ours when our tree covers the formula, else the engine's,
 * loading it first if need be (waiting at most `waitMs`, so a render stays inside its budget; a
 * formula whose wait runs out keeps our reading, and the load goes on for the formulas after it).
 */
export async function speakFormula(tex: string, macros: Macros, display: boolean, waitMs: number): Promise<string> {
  const own = speakTex(tex);
  if (own.complete) return own.text;
  if (!engine) {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); });
    await Promise.race([loadSpeechEngine(), waited]);
    clearTimeout(timer);
  }
  return engineReading(tex, macros, display) ?? own.text;
}
