/**
 * The extension host's limits, in one place: how long MathJax may take, how much of a note is
 * rendered ahead, and how long a slice of host work may run before it yields.
 */

/** How long MathJax may spend on one formula before the hover gives up on it. */
export const RENDER_BUDGET_MS = 3000;

/** Rendered formulas kept in memory (hovers and render-ahead share it). */
export const RENDER_CACHE_SIZE = 1000;

/**
 * At most this many formulas of the visible part of the open notes are rendered ahead per pass,
 * nearest the top of each visible range first: a screen holds far fewer.
 */
export const RENDER_AHEAD_MAX_FORMULAS = 300;

/** Lines above and below the visible range that are rendered ahead too (a small scroll stays warm). */
export const RENDER_AHEAD_MARGIN_LINES = 40;

/** How long after a note opens, scrolls or changes the render-ahead pass waits (typing goes on meanwhile). */
export const RENDER_AHEAD_DELAY_MS = 250;

/**
 * The longest stretch of host-thread work a render-ahead pass does before it yields to the event
 * loop, well under the 50 ms any task on the extension host may take.
 */
export const HOST_SLICE_MS = 15;

/**
 * Notes longer than this (in UTF-16 characters) are not rendered ahead: finding their formulas
 * at once, unasked, could hold the host's thread past a slice (the hover still works there).
 */
export const RENDER_AHEAD_MAX_DOCUMENT_CHARS = 400_000;

/**
 * Documents whose formulas (and the cards of those recognized) are kept; beyond this the least
 * recently used is dropped (and found again when next asked for). A closed document is dropped at once.
 */
export const FORMULA_CACHE_MAX_DOCUMENTS = 32;

/** At most this many `genmath.macroFiles` are read per workspace folder. */
export const MACRO_FILES_MAX = 20;

/** A macro file larger than this is not a file of `\newcommand`s: it is skipped. */
export const MACRO_FILE_MAX_BYTES = 1_000_000;

/** At most this many files of a LaTeX project are read to resolve an equation reference. */
export const PROJECT_FILES_MAX = 50;

/** A project file larger than this is skipped when resolving references (its labels are not found). */
export const PROJECT_FILE_MAX_BYTES = 2_000_000;

/**
 * The heap each kind of worker thread may grow to before Node ends it (`resourceLimits`), so a
 * request that slipped past every range check (a huge batch, a runaway formula) costs one worker,
 * never the editor's memory. Each is several times what the worker needs at its largest settings:
 * a GAN of four 256-wide layers at batch 1,024 holds under 100 MB; MathJax with its fonts and a
 * full cache about 150 MB. It is a backstop, not the guard: Node ends a worker that grows past it
 * step by step, but one single allocation larger than what is left aborts the whole process, so
 * the range checks on every setting (the toys' control descriptors) are what keep requests small.
 */
export const WORKER_HEAP_MB = { training: 768, render: 1024, explain: 512 } as const;

/** `resourceLimits` for a worker of that kind. */
export function workerResourceLimits(kind: keyof typeof WORKER_HEAP_MB): { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } {
  return { maxOldGenerationSizeMb: WORKER_HEAP_MB[kind], maxYoungGenerationSizeMb: 64 };
}
