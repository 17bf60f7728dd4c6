/**
 * The last gate between MathJax and a hover: every SVG is rebuilt from an allow-list of elements
 * and attributes, each attribute value checked against the form it must have.
 *
 * Formulas are hostile input, and leaving out MathJax's link, style and id packages is not enough
 * on its own: `\mmlToken{mi}[href="javascript:..."]{x}` and `\color{url(...)}` reach the SVG through
 * the base and color packages. Whatever MathJax produced, what leaves here has no link (`href`,
 * `xlink:href`), no `style`, `id` or `class`, no `url(...)`, no event handler and no element
 * outside the drawing primitives MathJax uses. It is plain string work on MathJax's own
 * serialization, so it needs no DOM and runs in the render worker as it would anywhere else.
 *
 * Fails closed: markup it cannot read (a comment, a CDATA section, an attribute without quotes)
 * is not guessed at; the whole SVG is refused.
 */

/** How an attribute's value must look, by attribute name. */
type ValueCheck = (value: string) => boolean;

const NUMBER = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const isLength: ValueCheck = (v) => new RegExp(`^${NUMBER}(?:px|ex|em|%)?$`).test(v);
const isNumber: ValueCheck = (v) => new RegExp(`^${NUMBER}$`).test(v);
const isNumberList: ValueCheck = (v) => new RegExp(`^(?:${NUMBER}|[\\s,])*$`).test(v);
/** Path data: commands and numbers only. */
const isPathData: ValueCheck = (v) => /^[MmLlHhVvCcSsQqTtAaZz\d\s.,eE+-]*$/.test(v);
/** A colour: `#rgb`/`#rrggbb(aa)`, a colour name (letters only, so never `url(...)`), or `rgb(...)`/`rgba(...)` of numbers. */
const isColor: ValueCheck = (v) =>
  /^#[0-9a-fA-F]{3,8}$/.test(v) || /^[a-zA-Z]{1,32}$/.test(v) || new RegExp(`^rgba?\\(\\s*${NUMBER}%?(?:\\s*,\\s*${NUMBER}%?){2,3}\\s*\\)$`).test(v);
/** Transforms: translate, scale, rotate, matrix, skew of numbers. */
const isTransform: ValueCheck = (v) => new RegExp(`^(?:\\s*(?:translate|scale|rotate|matrix|skewX|skewY)\\((?:${NUMBER}|[\\s,])*\\)\\s*,?)*$`).test(v);
const oneOf = (...allowed: string[]): ValueCheck => (v) => allowed.includes(v);

/** Presentation attributes any kept element may carry. */
const PAINT: Readonly<Record<string, ValueCheck>> = {
  fill: isColor,
  stroke: isColor,
  'stroke-width': isLength,
  'stroke-dasharray': isNumberList,
  'stroke-linecap': oneOf('butt', 'round', 'square'),
  'stroke-linejoin': oneOf('miter', 'round', 'bevel'),
  opacity: isNumber,
  'fill-opacity': isNumber,
  'stroke-opacity': isNumber,
  transform: isTransform,
};

/** The elements kept, each with the attributes it may keep besides {@link PAINT}. */
const ELEMENTS: Readonly<Record<string, Readonly<Record<string, ValueCheck>>>> = {
  svg: {
    xmlns: oneOf('http://www.w3.org/2000/svg'),
    width: isLength,
    height: isLength,
    viewBox: isNumberList,
    role: oneOf('img'),
    focusable: oneOf('false'),
    color: isColor,
    preserveAspectRatio: (v) => /^[a-zA-Z\s]*$/.test(v),
    // Nested <svg> elements place a table and its equation labels.
    x: isLength,
    y: isLength,
  },
  g: {},
  path: { d: isPathData },
  rect: { x: isLength, y: isLength, width: isLength, height: isLength, rx: isLength, ry: isLength },
  line: { x1: isLength, y1: isLength, x2: isLength, y2: isLength },
  polyline: { points: isNumberList },
  polygon: { points: isNumberList },
  circle: { cx: isLength, cy: isLength, r: isLength },
  ellipse: { cx: isLength, cy: isLength, rx: isLength, ry: isLength },
  text: {
    x: isLength,
    y: isLength,
    'font-family': (v) => /^[\w\s,-]*$/.test(v),
    'font-size': isLength,
    'font-style': oneOf('normal', 'italic', 'oblique'),
    'font-weight': (v) => /^(?:normal|bold|bolder|lighter|\d{3})$/.test(v),
    'text-anchor': oneOf('start', 'middle', 'end'),
  },
  title: {},
};

/** Elements whose content stays while the element itself goes (MathJax wraps a linked token in `<a>`). */
const UNWRAPPED = new Set(['a']);
/** Elements whose text content is drawn; text anywhere else is dropped. */
const WITH_TEXT = new Set(['text', 'title']);

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>/y;
const ATTRIBUTE = /\s+([A-Za-z_:][\w:.-]*)="([^"<]*)"/g;
const TEXT = /[^<]+/y;

/**
 * Decodes the entities MathJax's serializer writes, so that a value is checked as an SVG reader
 * will see it (`&#117;rl(` is `url(`); an `&` that starts no entity makes the value unreadable.
 */
function decoded(value: string): string | undefined {
  if (/&(?!(?:amp|lt|gt|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/.test(value)) return undefined;
  return value.replace(/&(amp|lt|gt|quot|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (_, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    const code = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
  });
}

/** The attributes of a kept element that pass the allow-list, serialized again. */
function keptAttributes(name: string, raw: string): string {
  const allowed = ELEMENTS[name];
  let out = '';
  for (const m of raw.matchAll(ATTRIBUTE)) {
    const [, attr, value] = m;
    const check = Object.prototype.hasOwnProperty.call(allowed, attr) ? allowed[attr] : Object.prototype.hasOwnProperty.call(PAINT, attr) ? PAINT[attr] : undefined;
    const plain = decoded(value);
    if (!check || plain === undefined || !check(plain.trim())) continue;
    out += ` ${attr}="${value}"`;
  }
  return out;
}

/** What happened to an open element: kept (written out), unwrapped (content only) or dropped (with its content). */
type Fate = 'kept' | 'unwrapped' | 'dropped';

/**
 * The SVG rebuilt from the allow-list, or undefined when it is not markup this function can read
 * (then nothing of it may be shown). The root must be one `<svg>` element.
 */
export function sanitizeSvg(svg: string): string | undefined {
  const open: { name: string; fate: Fate }[] = [];
  let out = '';
  let pos = 0;
  let dropping = 0;
  let roots = 0;
  while (pos < svg.length) {
    TAG.lastIndex = pos;
    const tag = TAG.exec(svg);
    if (!tag) {
      TEXT.lastIndex = pos;
      const text = TEXT.exec(svg);
      if (!text) return undefined;
      pos = TEXT.lastIndex;
      const parent = open[open.length - 1];
      if (open.length === 0 && text[0].trim() !== '') return undefined;
      if (dropping === 0 && parent && WITH_TEXT.has(parent.name) && parent.fate === 'kept') out += text[0];
      continue;
    }
    pos = TAG.lastIndex;
    const [, closing, rawName, attrs, selfClosing] = tag;
    const name = rawName.toLowerCase() === 'svg' ? 'svg' : rawName;
    if (closing) {
      const top = open.pop();
      if (!top || top.name !== name) return undefined;
      if (top.fate === 'dropped') dropping--;
      else if (top.fate === 'kept' && dropping === 0) out += `</${name}>`;
      continue;
    }
    if (open.length === 0 && ++roots > 1) return undefined;
    if (open.length === 0 && name !== 'svg') return undefined;
    const fate: Fate = dropping > 0 ? 'dropped' : Object.prototype.hasOwnProperty.call(ELEMENTS, name) ? 'kept' : UNWRAPPED.has(name) ? 'unwrapped' : 'dropped';
    if (fate === 'kept') out += `<${name}${keptAttributes(name, attrs)}${selfClosing ? '/' : ''}>`;
    if (selfClosing) continue;
    if (fate === 'dropped') dropping++;
    open.push({ name, fate });
  }
  if (open.length > 0 || roots !== 1) return undefined;
  return out;
}
