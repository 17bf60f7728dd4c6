/**
 * The Explain panel: the formula (KaTeX), what it is, its symbols, the derivation step by step,
 * its value, and a toy instance whose sliders recompute live. The toy's math is the core's own
 * (`src/core/evaluate/toy.ts`, DOM-free), bundled here so a slider never waits for the host.
 */
import type { ToyInstance, ToyResult } from '../../src/core/evaluate/toy';
import { explainedKindsText, isFormulaKind, toyInstanceFor } from '../../src/core/kinds';
import { GUESS_BELOW, kindHeading } from '../../src/core/recognize/titles';
import { proseParts } from '../../src/core/text/prose';
import { isPanelMacros, type ExplainCommand, type ExplainContent, type ExplainEvent } from '../../src/shared/explainProtocol';
import type { ToyColor, ToyPlane } from '../../src/shared/toyProtocol';
import { el } from './dom';
import { clearFitted, fitAll, renderDisplayMath, watchFit } from './fit';
import { formatNumber as formatWith } from './format';
import { renderMath, setMacros } from './math';
import { drawPlane, fillPlaneLegend } from './plane';
import { onThemeChange, palette } from './theme';
import { vscode } from './vscodeApi';

function post(command: ExplainCommand): void {
  vscode.postMessage(command);
}

/**
 * Appends prose to `parent`: its words as text, its `$...$` symbols typeset inline by KaTeX
 * (src/core/text/prose.ts), so a label keeps its spaces and no TeX source shows.
 */
function appendProse(parent: HTMLElement, text: string): HTMLElement {
  for (const part of proseParts(text)) {
    if (part.math) {
      const span = el('span', { class: 'inline-math' });
      renderMath(span, part.text, false);
      parent.append(span);
    } else {
      parent.append(document.createTextNode(part.text));
    }
  }
  return parent;
}

/** A sentence that may hold inline `$...$` math. */
function sentence(text: string): HTMLElement {
  return appendProse(el('p', { class: 'why' }), text);
}

/** Values of the Explain panel get a digit more than the toys' live values: they are read, not watched. */
const formatNumber = (x: number): string => formatWith(x, 6);

/** Draws the toy's curves (densities, paths) as lines on one plot with axes, and its legend. */
function drawCurves(canvas: HTMLCanvasElement, legend: HTMLElement, result: ToyResult): void {
  const roles: ToyColor[] = ['real', 'fake', 'high', 'third'];
  let xMin = Infinity, xMax = -Infinity, yMin = 0, yMax = -Infinity;
  for (const c of result.curves) {
    for (const x of c.x) { if (x < xMin) xMin = x; if (x > xMax) xMax = x; }
    for (const y of c.y) { if (y < yMin) yMin = y; if (y > yMax) yMax = y; }
  }
  if (!(xMax > xMin) || !(yMax > yMin)) return;
  const plane: ToyPlane = {
    title: '',
    bounds: { xMin, xMax, yMin, yMax: yMax + 0.05 * (yMax - yMin) },
    points: [],
    lines: result.curves.map((c, k) => ({ label: c.label, color: roles[k % roles.length], xy: c.x.flatMap((x, i) => [x, c.y[i]]) })),
  };
  const colors = palette();
  drawPlane(canvas, plane, colors, { fill: true });
  fillPlaneLegend(legend, plane, colors);
  // The plane's legend writes labels as text; a toy's labels are prose whose symbols are typeset.
  // A legend left unchanged by fillPlaneLegend keeps the typeset labels it already has.
  for (const item of legend.querySelectorAll<HTMLElement>('.legend-item')) {
    const label = item.lastChild;
    if (label && label.nodeType === Node.TEXT_NODE && label.textContent?.includes('$')) {
      label.remove();
      appendProse(item, ` ${label.textContent}`);
    }
  }
}

/** The toy instance section: sliders, the live value, and the curves. */
function toySection(toy: ToyInstance): HTMLElement {
  const section = el('section', { class: 'toy', 'aria-label': 'toy instance' });
  section.append(appendProse(el('h2', {}, 'Toy instance: '), toy.title));
  const formula = el('div', { class: 'toy-formula formula' });
  renderDisplayMath(formula, toy.latex);
  const controls = el('div', { class: 'sliders' });
  const value = el('div', { class: 'toy-value', id: 'toy-value', role: 'status' });
  const canvas = el('canvas', { id: 'toy-plot', width: '480', height: '200', 'aria-label': 'the toy instance plotted' });
  const legend = el('div', { class: 'legend' });
  section.append(formula, controls, value, canvas, legend);
  const values: Record<string, number> = {};
  let last: ToyResult | undefined;
  const update = () => {
    const result = toy.compute(values);
    last = result;
    // The text states the value itself ("KL(p ‖ q) = 0.1277 nats"), in words and typeset symbols.
    value.textContent = '';
    appendProse(value, result.text);
    drawCurves(canvas, legend, result);
  };
  // The first draw happens before the section is in the page, when the canvas has no size yet: a
  // bitmap drawn then is stretched into the laid-out box (squashed, faint numbers, the x axis cut
  // off). So the curves are drawn again once the canvas has its size, whenever that size changes,
  // and when the theme changes its colours.
  let drawnSize = '';
  new ResizeObserver(() => {
    const size = `${canvas.clientWidth}x${canvas.clientHeight}`;
    if (size === drawnSize || !canvas.clientWidth) return;
    drawnSize = size;
    if (last) drawCurves(canvas, legend, last);
  }).observe(canvas);
  const themeWatch = onThemeChange(() => {
    // A view replaced by the next formula's lets go of the page.
    if (!canvas.isConnected) { themeWatch.disconnect(); return; }
    if (last) drawCurves(canvas, legend, last);
  });
  for (const p of toy.parameters) {
    values[p.name] = p.value;
    const id = `toy-${p.name}`;
    const label = el('label', { for: id });
    const name = appendProse(el('span', { class: 'param' }), p.label);
    const input = el('input', { id, type: 'range', min: String(p.min), max: String(p.max), step: String(p.step), value: String(p.value) });
    const shown = el('output', { for: id }, formatNumber(p.value));
    input.addEventListener('input', () => {
      values[p.name] = Number(input.value);
      shown.textContent = formatNumber(values[p.name]);
      update();
    });
    label.append(name, input, shown);
    controls.append(label);
  }
  update();
  return section;
}

/** What the panel says about how a step was checked, and a tooltip that says what that means. */
const CHECK_MARKS: Readonly<Record<string, { text: string; title: string }>> = {
  numerically: { text: '✓ checked numerically', title: 'GenMath evaluated both sides on random toy instances (seeded) and they agree' },
  definition: { text: 'definition', title: 'This step defines a name; there is nothing to check' },
  assumption: { text: 'assumption', title: 'This step states an assumption; the steps after it are checked under it' },
  'as written': { text: 'as the note writes it', title: "The note's own formula" },
  'not checked': { text: 'not checked', title: 'GenMath has no toy instance to check this step on' },
  'fails numerically': { text: '⚠ fails a numeric check', title: 'On a toy instance the two sides of this line differ' },
};

/** The line above a step: how it was checked, the rule, and whether it is an example. */
function stepMeta(s: ExplainContent['steps'][number]): HTMLElement {
  const meta = el('div', { class: 'step-meta' });
  const mark = s.checked ? CHECK_MARKS[s.checked] : undefined;
  if (mark) meta.append(el('span', { class: `mark checked-${s.checked?.replace(/\s+/g, '-')}`, title: mark.title }, mark.text));
  if (s.example) meta.append(el('span', { class: 'mark example', title: 'An illustrative example, tied back to the formula in its sentence' }, 'example'));
  if (s.rule) meta.append(appendProse(el('span', { class: 'rule' }), s.rule));
  return meta;
}

/** Mounts the Explain view into `root`. */
export function mountExplain(root: HTMLElement): void {
  function show(content: ExplainContent): void {
    root.textContent = '';
    clearFitted();
    const header = el('header', { class: 'explain-header' });
    // Worded as the hover words it: below GUESS_BELOW a guess says so, with its confidence.
    const title = el('h1', {}, content.kind === 'none' ? 'Formula' : kindHeading(content));
    if (content.kind !== 'none' && content.confidence < GUESS_BELOW) title.append(el('small', {}, ` (a guess: confidence ${content.confidence.toFixed(2)})`));
    const where = el('button', { class: 'link', id: 'reveal', title: 'Show the formula in its note' }, content.where);
    where.addEventListener('click', () => post({ type: 'reveal' }));
    const exportButton = el('button', { id: 'export', title: 'Open the derivation as a new markdown note' }, 'Export as Markdown');
    exportButton.addEventListener('click', () => post({ type: 'export' }));
    header.append(title, where, exportButton);

    const formula = el('div', { class: 'formula main-formula' });
    renderDisplayMath(formula, content.tex);
    root.append(header, formula);
    const summary = content.summaryTex ?? content.summary;
    if (summary) root.append(appendProse(el('p', { class: 'summary' }), `${summary[0].toUpperCase()}${summary.slice(1)}.`));

    if (content.evaluation && 'value' in content.evaluation) {
      const e = content.evaluation;
      const se = e.standardError !== undefined ? ` ± ${formatNumber(e.standardError)} (standard error, ${e.samples ?? '?'} samples)` : '';
      root.append(appendProse(el('p', { class: 'evaluation', id: 'evaluation' }), `= ${formatNumber(e.value)}${se} — ${e.detail}`));
    }

    if (content.glossary.length > 0) {
      const list = el('dl', { class: 'glossary', 'aria-label': 'symbols' });
      for (const g of content.glossary) {
        const dt = el('dt');
        renderMath(dt, g.symbol, false);
        // The meaning's own math (`$q_{\phi}(z \mid x)$`) is rendered, not shown as source.
        const dd = el('dd');
        dd.append(...sentence(g.meaningTex ?? g.meaning).childNodes);
        list.append(dt, dd);
      }
      root.append(el('h2', {}, 'Symbols'), list);
    }

    if (content.steps.length > 0) {
      root.append(el('h2', {}, 'Derivation'));
      const steps = el('ol', { class: 'steps' });
      content.steps.forEach((s, i) => {
        const item = el('li', { class: 'step' });
        const math = el('div', { class: 'formula' });
        renderDisplayMath(math, s.latex);
        const copy = el('button', { class: 'copy', title: 'Copy this step as LaTeX', 'aria-label': `Copy step ${i + 1} as LaTeX` }, 'Copy LaTeX');
        copy.addEventListener('click', () => post({ type: 'copy', text: s.latex }));
        item.append(stepMeta(s), sentence(s.why));
        if (s.assumption) item.append(sentence(`Assuming ${s.assumption}.`));
        item.append(math, copy);
        steps.append(item);
      });
      root.append(steps);
    } else if (content.kind === 'none') {
      root.append(el('p', { class: 'muted' }, `GenMath does not recognize this formula as one of the kinds it explains (${explainedKindsText()}).`));
    }

    const toy = toyInstanceFor(content.kind, content.roles);
    if (toy) root.append(toySection(toy));
    fitAll();
  }

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = event.data as ExplainEvent;
    if (typeof message !== 'object' || message === null) return;
    if (message.type === 'content' && typeof message.content === 'object' && message.content !== null && isFormulaKind(message.content.kind)) {
      // Remembered so that a window reload re-opens the same formula (the serializer reads it).
      vscode.setState({ uri: message.location.uri, offset: message.location.offset });
      // Typeset with the note's macros, as the hover renders them; malformed ones are dropped whole.
      setMacros(isPanelMacros(message.macros) ? message.macros : {});
      show(message.content);
    } else if (message.type === 'empty' && typeof message.message === 'string') {
      root.textContent = '';
      root.append(el('p', { class: 'muted' }, message.message));
    }
  });
  watchFit(root);
  post({ type: 'ready' });
}
