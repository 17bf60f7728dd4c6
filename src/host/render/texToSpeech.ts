/**
 * A formula's spoken reading in the render worker: our own (src/core/speech), and where that does
 * not cover the formula (a matrix, an unknown macro, a stray symbol) MathJax's speech rule engine
 * reading the formula's MathML. The engine is 360 KB of code and 570 KB of rules, ~300 ms to set
 * up: it loads only when a formula first needs it, after that formula has had our reading, so
 * neither the worker's start nor a hover waits for it.
 */
import { SPOKEN_LIMIT, speakTex } from '../../core/speech/speak';
import { texToMathml, type Macros } from './texToSvg';

type Engine = typeof import('speech-rule-engine');

let engine: Engine | undefined;
let loading: Promise<void> | undefined;
/** Where the engine's rule files are: `mathmaps/` beside the worker's bundle (esbuild.mjs copies them). */
let rulesDir: string | undefined;

/** Sets the folder of the engine's `en.json` and `base.json`; without one the engine is never loaded. */
export function setSpeechRules(dir: string): void {
  rulesDir = dir;
}

/** Loads and sets up the engine once; a failure leaves our own reading in use, silently (it is a fallback). */
export function loadSpeechEngine(): Promise<void> {
  if (loading || rulesDir === undefined) return loading ?? Promise.resolve();
  const dir = rulesDir;
  loading = (async () => {
    // Read at the engine's import, before `setupEngine` can say otherwise.
    process.env.SRE_JSON_PATH = dir;
    const sre = await import('speech-rule-engine');
    await sre.setupEngine({ locale: 'en', domain: 'clearspeak', modality: 'speech', json: dir });
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
 * The reading for a formula's alt text: ours when our tree covers the formula, else the engine's
 * when it is loaded (starting its load otherwise, for the formulas after this one), else ours.
 */
export function speakFormula(tex: string, macros: Macros, display: boolean): string {
  const own = speakTex(tex);
  if (own.complete) return own.text;
  if (!engine) {
    void loadSpeechEngine();
    return own.text;
  }
  return engineReading(tex, macros, display) ?? own.text;
}
