/**
 * TeX -> standalone SVG with MathJax 3 (mathjax-full), for hovers.
 *
 * This module is heavy (MathJax is ~1.5 MB of code and ~70 ms to start), so the extension host never
 * imports it: it runs inside the render worker (`src/worker/threads/mathjax.ts`), and in benchmarks.
 * It imports neither `vscode` nor the DOM: MathJax's lite adaptor builds the SVG as a string.
 */
import { mathjax } from 'mathjax-full/js/mathjax.js';
import { TeX } from 'mathjax-full/js/input/tex.js';
import { SVG } from 'mathjax-full/js/output/svg.js';
import { liteAdaptor, type LiteAdaptor } from 'mathjax-full/js/adaptors/liteAdaptor.js';
import { RegisterHTMLHandler } from 'mathjax-full/js/handlers/html.js';
import { STATE } from 'mathjax-full/js/core/MathItem.js';
import { SerializedMmlVisitor } from 'mathjax-full/js/core/MmlTree/SerializedMmlVisitor.js';
import type { MmlNode } from 'mathjax-full/js/core/MmlTree/MmlNode.js';
import { AllPackages } from 'mathjax-full/js/input/tex/AllPackages.js';
import type { MathDocument } from 'mathjax-full/js/core/MathDocument.js';
import ParseUtil from 'mathjax-full/js/input/tex/ParseUtil.js';
import TexError from 'mathjax-full/js/input/tex/TexError.js';
import { brokenTextProblem } from '../../core/text/controls';
import { sanitizeSvg } from './sanitizeSvg';

/** Packages left out because formulas are hostile input: they make links, styles, ids or load code. */
const UNSAFE_PACKAGES = new Set(['html', 'action', 'bbox', 'enclose', 'unicode', 'require', 'autoload', 'setoptions']);
/** Left out so that an error is reported (and shown in the hover) rather than drawn in red. */
const ERROR_HIDING_PACKAGES = new Set(['noerrors', 'noundefined']);
const PACKAGES = AllPackages.filter((p) => !UNSAFE_PACKAGES.has(p) && !ERROR_HIDING_PACKAGES.has(p));

/**
 * The attributes `\mmlToken{kind}[attributes]{text}` may set. The base package needs the macro
 * (`\bmod`, `\pmod` and `\varliminf` are made with it, setting spacing), but it also accepts
 * `href`, `style`, `id`, `class` and colours, which would make links, styles and ids: those are
 * refused with a TeX error, as a formula that uses them is not one a hover should draw.
 */
const MML_TOKEN_ATTRIBUTES = new Set(['lspace', 'rspace', 'form', 'fence', 'separator', 'stretchy', 'symmetric', 'largeop', 'movablelimits', 'accent', 'mathvariant', 'minsize', 'maxsize', 'width', 'height', 'depth']);
// MathJax calls this hook for every attribute \mmlToken sets; it is a module-level function it
// looks up at call time, the one place every \mmlToken (written or from a macro) goes through.
(ParseUtil as unknown as { MmlFilterAttribute: (parser: unknown, name: string, value: string) => string }).MmlFilterAttribute = (_parser, name, value) => {
  if (!MML_TOKEN_ATTRIBUTES.has(name)) throw new TexError('GenMathRefusedAttribute', 'The attribute %1 of \\mmlToken is not allowed (no links, styles or ids)', name);
  return value;
};

/** MathJax's TeX macros option: name without backslash -> body, or [body, argument count]. */
export type Macros = Readonly<Record<string, string | [string, number]>>;

/**
 * Commands of everyday LaTeX packages that MathJax lacks, defined unless a document defines its own:
 * `\bm` (the bm package, which most preambles of bold-vector macros build on) is `\boldsymbol`.
 */
const BASE_MACROS: Macros = { bm: ['\\boldsymbol{#1}', 1] };

/** What to render. */
export interface RenderRequest {
  readonly tex: string;
  readonly display: boolean;
  readonly macros: Macros;
  /** CSS colour baked into the SVG: an `<img>` does not inherit `currentColor`. */
  readonly color: string;
  /** Pixels per `ex`; MathJax sizes its SVG in ex, which an `<img>` would resolve against a default font. */
  readonly exPixels: number;
}

/** The formula's value when it has concrete numbers, computed beside the SVG in the render worker. */
export interface HoverValue {
  readonly value: number;
  readonly method: string;
  readonly standardError?: number;
}

/** The result: an SVG, or MathJax's own error message; and the formula's value and spoken reading where it has them. */
/** The formula read aloud (the image's alt text), and whether a better reading is still loading. */
export interface SpokenReading {
  readonly speech?: string;
  /** True while the speech engine that would read this formula better is loading: the result is not to be cached. */
  readonly speechPending?: boolean;
}

export type RenderResult =
  | ({ readonly ok: true; readonly svg: string; readonly width: number; readonly height: number; readonly droppedMacros: readonly string[]; readonly value?: HoverValue } & SpokenReading)
  | ({ readonly ok: false; readonly error: string; readonly droppedMacros: readonly string[]; readonly value?: HoverValue } & SpokenReading);

let adaptor: LiteAdaptor | undefined;

/** One MathJax document per macro set: macros are a TeX input option, fixed when the document is made. */
const documents = new Map<string, { doc: MathDocument<unknown, unknown, unknown>; errors: string[] }>();
const MAX_DOCUMENTS = 16;

function documentFor(macros: Macros): { doc: MathDocument<unknown, unknown, unknown>; errors: string[] } {
  const key = JSON.stringify(macros);
  let entry = documents.get(key);
  if (entry) return entry;
  if (!adaptor) {
    adaptor = liteAdaptor();
    RegisterHTMLHandler(adaptor);
  }
  const errors: string[] = [];
  const tex = new TeX({
    packages: PACKAGES,
    macros: { ...BASE_MACROS, ...macros },
    // Bounds for hostile formulas: a recursive macro stops after this many expansions.
    maxMacros: 500,
    maxBuffer: 20 * 1024,
    formatError: (jax: TeX<unknown, unknown, unknown>, err: { message: string }) => {
      errors.push(err.message);
      return jax.formatError(err as never);
    },
  });
  // No font cache: each glyph is drawn where it stands, so the SVG needs no ids and no
  // `xlink:href` references (sanitizeSvg keeps neither), and is self-contained for an <img>.
  const svg = new SVG({ fontCache: 'none' });
  const doc = mathjax.document('', { InputJax: tex, OutputJax: svg });
  entry = { doc, errors };
  if (documents.size >= MAX_DOCUMENTS) documents.delete(documents.keys().next().value as string);
  documents.set(key, entry);
  return entry;
}

/** Renders once with a macro set; returns the SVG string or the first TeX error. */
function renderWith(req: RenderRequest, macros: Macros): { svg?: string; error?: string } {
  const { doc, errors } = documentFor(macros);
  errors.length = 0;
  let node: unknown;
  try {
    node = doc.convert(req.tex, { display: req.display, em: req.exPixels * 2, ex: req.exPixels, containerWidth: 80 * req.exPixels * 2 });
  } catch (err) {
    // MathJax throws (rather than formatting) on a few internal failures, e.g. stack overflow on deep nesting.
    const message = err instanceof RangeError ? 'formula nested too deeply to render' : err instanceof Error ? err.message : String(err);
    return { error: message };
  }
  if (errors.length > 0) return { error: errors[0] };
  return { svg: adaptor!.innerHTML(node as never) };
}

/**
 * Which of the given macros render; a broken one (recursive, unbalanced) is dropped. Each is tried
 * with the whole set defined, since preambles build macros on each other (`\pdata` on `\data`); a
 * broken macro only breaks the formulas that expand it, so it cannot make another one look broken.
 */
const macroVerdicts = new Map<string, boolean>();
const MAX_VERDICTS = 10_000;
function workingMacros(macros: Macros): { kept: Macros; dropped: string[] } {
  const kept: Record<string, string | [string, number]> = {};
  const dropped: string[] = [];
  const set = JSON.stringify(macros);
  for (const [name, def] of Object.entries(macros)) {
    const verdictKey = `${name}\u0000${set}`;
    let ok = macroVerdicts.get(verdictKey);
    if (ok === undefined) {
      const args = Array.isArray(def) ? '{x}'.repeat(Math.min(def[1], 9)) : '';
      const probe = renderWith({ tex: `\\${name}${args}`, display: false, macros: {}, color: 'black', exPixels: 8 }, macros);
      if (macroVerdicts.size >= MAX_VERDICTS) macroVerdicts.clear();
      ok = probe.svg !== undefined;
      macroVerdicts.set(verdictKey, ok);
    }
    if (ok) kept[name] = def;
    else dropped.push(name);
  }
  return { kept, dropped };
}

/** Converts MathJax's ex-sized `width`/`height` to pixels, and bakes the colour in. */
function finishSvg(svg: string, color: string, exPixels: number): { svg: string; width: number; height: number } {
  let width = 0;
  let height = 0;
  const open = svg.slice(0, svg.indexOf('>') + 1);
  const sized = open
    .replace(/ width="([\d.]+)ex"/, (_, w: string) => ` width="${(width = Math.ceil(parseFloat(w) * exPixels))}"`)
    .replace(/ height="([\d.]+)ex"/, (_, h: string) => ` height="${(height = Math.ceil(parseFloat(h) * exPixels))}"`)
    .replace(/ style="[^"]*"/, '')
    // `currentColor` inside the SVG resolves to this colour, since the <img> cannot pass its own down.
    .replace('<svg ', `<svg color="${color}" `);
  return { svg: sized + svg.slice(open.length), width, height };
}

/**
 * Renders a formula to a standalone SVG. Never throws: a TeX error comes back as MathJax's message.
 * Macros that break rendering on their own are dropped (and named), so one bad `\newcommand` in a
 * document does not break every formula in it.
 */
export function texToSvg(req: RenderRequest): RenderResult {
  // Broken text makes MathJax fail with an internal TypeError: say what is wrong instead.
  const broken = brokenTextProblem(req.tex);
  if (broken) return { ok: false, error: broken, droppedMacros: [] };
  const { kept, dropped } = workingMacros(req.macros);
  const { svg, error } = renderWith(req, kept);
  if (svg === undefined) return { ok: false, error: error ?? 'MathJax rendered nothing', droppedMacros: dropped };
  const finished = finishSvg(svg, req.color, req.exPixels);
  const clean = sanitizeSvg(finished.svg);
  if (clean === undefined) return { ok: false, error: 'the rendered image was not plain SVG, so it is not shown', droppedMacros: dropped };
  return { ok: true, ...finished, svg: clean, droppedMacros: dropped };
}

let mmlVisitor: SerializedMmlVisitor | undefined;

/**
 * The formula as MathML, through the same TeX input (packages, macros, limits) as its image: what the
 * speech rule engine reads where our own tree does not cover a formula. Undefined on a TeX error.
 */
export function texToMathml(tex: string, macros: Macros, display: boolean): string | undefined {
  if (brokenTextProblem(tex)) return undefined;
  const { doc, errors } = documentFor(workingMacros(macros).kept);
  errors.length = 0;
  try {
    const node = doc.convert(tex, { display, end: STATE.CONVERT }) as MmlNode;
    if (errors.length > 0) return undefined;
    mmlVisitor ??= new SerializedMmlVisitor();
    return mmlVisitor.visitTree(node);
  } catch {
    return undefined;
  }
}
