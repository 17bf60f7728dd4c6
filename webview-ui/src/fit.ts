/**
 * Display math that fits the panel's width. A derivation line is often wider than a panel beside
 * a note (550-700 px): shown as KaTeX lays it out it would be cut at the panel's edge or need a
 * horizontal scroll. So a formula too wide is first scaled down a little; when that would make it
 * too small to read, it is typeset line by line instead (the rows of its alignment, each allowed
 * to break after a relation or an operator, as TeX breaks inline math), and a single piece that
 * still cannot fit is scaled down to the width. Formulas are fitted again when the panel's width
 * changes and once KaTeX's fonts have loaded (widths measured before are wrong).
 */
import { displayLines, unnumbered } from '../../src/core/text/displayTex';
import { el } from './dom';
import { renderMath } from './math';

/** Below this scale a formula is broken into lines rather than shrunk further: smaller is hard to read. */
const MIN_SCALE = 0.8;

/** The fitted formulas on screen, with their TeX, to fit again when the width changes. */
const fitted = new Map<HTMLElement, string>();
let lastWidth = -1;
let pending = 0;

/** Whether `e`'s content is wider than its box (half a pixel of rounding allowed). */
function overflows(e: HTMLElement): boolean {
  return e.scrollWidth > e.clientWidth + 0.5;
}

/**
 * Scales `e`'s font down until its content fits its width, but not below `min`; returns whether
 * it fits. KaTeX sizes everything in em, so the font size scales the whole formula.
 */
function shrink(e: HTMLElement, min: number): boolean {
  let scale = 1;
  // Each pass scales by the measured ratio; rounding of glyph widths can need a second pass.
  for (let pass = 0; pass < 6 && overflows(e); pass++) {
    scale *= (e.clientWidth / e.scrollWidth) * 0.99;
    if (scale < min) {
      e.style.fontSize = '';
      return false;
    }
    e.style.fontSize = `${(scale * 100).toFixed(1)}%`;
  }
  return !overflows(e);
}

/** Typesets `tex` into `container` as display math as wide as the container allows. */
function fit(container: HTMLElement, tex: string): void {
  const shown = unnumbered(tex);
  container.style.fontSize = '';
  container.classList.remove('math-broken');
  renderMath(container, shown, true);
  // A hidden panel has no width yet: it is fitted when it gets one.
  if (container.clientWidth === 0 || !overflows(container)) return;
  if (shrink(container, MIN_SCALE)) return;
  container.textContent = '';
  container.classList.add('math-broken');
  for (const line of displayLines(shown)) {
    const row = el('div', { class: 'math-line' });
    container.append(row);
    renderMath(row, `\\displaystyle ${line}`, false);
    if (overflows(row)) shrink(row, 0);
  }
}

function refitAll(): void {
  pending = 0;
  for (const [container, tex] of fitted) {
    if (!container.isConnected) fitted.delete(container);
    else fit(container, tex);
  }
}

function scheduleRefit(): void {
  if (!pending) pending = requestAnimationFrame(refitAll);
}

/**
 * Renders `tex` as display math into `container`, scaled or broken into lines to fit its width
 * once it is on screen ({@link fitAll}), and keeps it fitted as the panel is resized. The TeX is
 * shown without its own equation numbers.
 */
export function renderDisplayMath(container: HTMLElement, tex: string): void {
  container.classList.add('fit-math');
  fitted.set(container, tex);
  fit(container, tex);
}

/** Fits every formula on screen now: call after a view's elements are in the document (a detached one has no width). */
export function fitAll(): void {
  if (pending) cancelAnimationFrame(pending);
  refitAll();
}

/** Forgets the formulas of a view that is being replaced. */
export function clearFitted(): void {
  fitted.clear();
}

/** Starts fitting again on width changes and font loads; call once per view. */
export function watchFit(root: HTMLElement): void {
  new ResizeObserver(() => {
    // Only the width matters; a height change (content added below) needs no new layout.
    if (root.clientWidth === lastWidth) return;
    lastWidth = root.clientWidth;
    scheduleRefit();
  }).observe(root);
  void document.fonts?.ready.then(scheduleRefit);
  document.fonts?.addEventListener('loadingdone', scheduleRefit);
}
