/**
 * The part of MathJax's speech rule engine (speech-rule-engine 4, which ships no type declarations)
 * that the render worker uses: set up once, then MathML in, spoken English out.
 */
declare module 'speech-rule-engine' {
  export function setupEngine(options: { locale?: string; domain?: string; modality?: string; style?: string; json?: string }): Promise<void>;
  export function engineReady(): Promise<unknown>;
  export function toSpeech(mathml: string): string;
}
