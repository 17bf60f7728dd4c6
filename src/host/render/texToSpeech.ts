/**
 * A formula's spoken reading in the render worker: our own (src/core/speech), and where that does
 * not cover the formula (a matrix, an unknown macro, a stray symbol) MathJax's speech rule engine
 * reading the formula's MathML. The engine is 400 KB of code and 570 KB of rules, ~300 ms to set
 * up: it loads only when a formula first needs it, after that formula's reply, so neither the
 * worker's start nor any render waits for it.
 */
import { createRequire } from 'node:module';
import { SPOKEN_LIMIT, speakTex } from '../../core/speech/speak';
import { texToMathml, type Macros } from './texToSvg';

type Engine = typeof import('speech-rule-engine');

let engine: Engine | undefined;
let loading: Promise<void> | undefined;
/** True when loading the engine failed: our reading is then final. */
let failed = false;
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
  })().catch(() => {
    failed = true;
  });
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

/** A formula's reading, and whether a better one is on its way (the engine is loading). */
export interface FormulaSpeech {
  readonly text: string;
  /** True when our reading does not cover the formula and the engine is still loading: do not keep this reading. */
  readonly pending: boolean;
}

/**
 * The reading for a formula's alt text: ours when our tree covers the formula, else the engine's once
 * it is loaded. Never waits: a formula that needs the engine before it has loaded gets our reading,
 * marked pending, and starts the load after this reply (so it does not count against this render's
 * budget); the render service does not cache a pending reading, so the next hover gets the engine's.
 */
export function speakFormula(tex: string, macros: Macros, display: boolean): FormulaSpeech {
  const own = speakTex(tex);
  if (own.complete) return { text: own.text, pending: false };
  if (engine) return { text: engineReading(tex, macros, display) ?? own.text, pending: false };
  if (failed || place === undefined) return { text: own.text, pending: false };
  if (!loading) setImmediate(() => void loadSpeechEngine());
  return { text: own.text, pending: true };
}
