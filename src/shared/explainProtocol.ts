/**
 * The messages of the Explain panel, host <-> webview (house style 1-3): one union per direction,
 * and guards for everything that arrives from the webview.
 */
import { isFormulaKind } from '../core/kinds';
import type { FormulaCard, FormulaKind } from '../core/recognize/types';
import { isFiniteNumber, isRecord } from './is';

/** Everything the panel shows for one formula. Plain data: it crosses postMessage. */
export interface ExplainContent {
  /** The formula as TeX to render, and whether it is display math. */
  readonly tex: string;
  readonly display: boolean;
  readonly kind: FormulaKind;
  readonly title: string;
  readonly confidence: number;
  readonly summary: string;
  /** The summary with the formula's own symbols in `$...$` for KaTeX (src/core/text/prose.ts); the panel shows this one. */
  readonly summaryTex?: string;
  readonly roles: Readonly<Record<string, string>>;
  /** Each symbol with its meaning; `meaningTex` has the meaning's math in `$...$` for KaTeX. */
  readonly glossary: readonly { readonly symbol: string; readonly meaning: string; readonly meaningTex?: string }[];
  /**
   * The derivation: `latex` and `why` always; how the step was checked (`numerically`,
   * `definition`, `assumption`, `as written`, ...), its rule, the assumption it makes and whether
   * it is an illustrative example, when known.
   */
  readonly steps: readonly { readonly latex: string; readonly why: string; readonly checked?: string; readonly rule?: string; readonly assumption?: string; readonly example?: boolean }[];
  /** The variant the derivation was built for (`elbo/beta`), when one was detected. */
  readonly variant?: string;
  /** A number when the formula has concrete values, or why it has none. */
  readonly evaluation: { readonly value: number; readonly method: string; readonly detail: string; readonly standardError?: number; readonly samples?: number } | { readonly error: string } | null;
  /** Where the formula is, for the heading ("notes.md, line 12"). */
  readonly where: string;
}

/** Host -> webview. */
export type ExplainEvent =
  /** `macros`: the note's macros in KaTeX's form (`\\name` -> body), so the panel typesets what the hover does. */
  | { readonly type: 'content'; readonly content: ExplainContent; readonly location: { readonly uri: string; readonly offset: number }; readonly macros?: Readonly<Record<string, string>> }
  | { readonly type: 'empty'; readonly message: string };

/** Webview -> host. */
export type ExplainCommand =
  | { readonly type: 'ready' }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'export' }
  | { readonly type: 'reveal' };

/** At most this many macros reach the panel, each body at most MAX_MACRO_BODY long (KaTeX also bounds expansion). */
export const MAX_PANEL_MACROS = 500;
export const MAX_MACRO_BODY = 10_000;

/**
 * A note's macro table (MathJax's form: name without backslash -> body or [body, argument count])
 * in KaTeX's form, bounded: KaTeX reads the arguments from the body's #1..#9.
 */
export function katexMacros(table: Readonly<Record<string, string | readonly [string, number]>>): Record<string, string> {
  const out: Record<string, string> = {};
  let n = 0;
  for (const [name, def] of Object.entries(table)) {
    const body = typeof def === 'string' ? def : def[0];
    if (!/^[A-Za-z]+$/.test(name) || typeof body !== 'string' || body.length > MAX_MACRO_BODY) continue;
    if (++n > MAX_PANEL_MACROS) break;
    out[`\\${name}`] = body;
  }
  return out;
}

/** Checks macros that arrive in a message: the shape `katexMacros` makes, within its bounds. */
export function isPanelMacros(v: unknown): v is Record<string, string> {
  if (!isRecord(v)) return false;
  const entries = Object.entries(v);
  return entries.length <= MAX_PANEL_MACROS && entries.every(([k, body]) => /^\\[A-Za-z]+$/.test(k) && typeof body === 'string' && body.length <= MAX_MACRO_BODY);
}

/** Longest text the panel may ask the host to copy: a derivation step is far shorter. */
export const MAX_COPY_LENGTH = 100_000;

/** Checks a message from the Explain webview; anything else is dropped by the caller. */
export function isExplainCommand(v: unknown): v is ExplainCommand {
  if (!isRecord(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'export':
    case 'reveal':
      return true;
    case 'copy':
      return typeof v.text === 'string' && v.text.length <= MAX_COPY_LENGTH;
    default:
      return false;
  }
}

/** Checks where an Explain request points: a document and an offset in it (from a hover or CodeLens link). */
export function isFormulaLocation(v: unknown): v is { readonly uri: string; readonly offset: number } {
  return isRecord(v) && typeof v.uri === 'string' && v.uri.length < 4096 && isFiniteNumber(v.offset) && v.offset >= 0;
}

/**
 * Checks a formula card the host sends the explain worker (recognized once, on the host, with the
 * words around the formula): the worker explains that card rather than recognizing the formula again.
 */
export function isFormulaCard(v: unknown): v is FormulaCard {
  if (!isRecord(v) || !isFormulaKind(v.kind) || !isFiniteNumber(v.confidence) || v.confidence < 0 || v.confidence > 1) return false;
  if (typeof v.title !== 'string' || typeof v.tex !== 'string' || !isRecord(v.roles) || !Array.isArray(v.glossary)) return false;
  return Object.values(v.roles).every((r) => typeof r === 'string') && v.glossary.every((g) => isRecord(g) && typeof g.symbol === 'string' && typeof g.meaning === 'string');
}
