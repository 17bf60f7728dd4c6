import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sanitizeSvg } from '../../../src/host/render/sanitizeSvg';
import { texToSvg, type RenderRequest } from '../../../src/host/render/texToSvg';

function request(tex: string, extra: Partial<RenderRequest> = {}): RenderRequest {
  return { tex, display: true, macros: {}, color: '#123456', exPixels: 8, ...extra };
}

/** Everything an image in a hover must never carry: links, styles, ids, classes, url(), handlers. */
const FORBIDDEN = /\bhref=|\bstyle=|\bid=|\bclass=|url\(|\son\w+=|javascript:|<a[\s>]|<use|<script|<foreignObject|<image/i;

/** Every element and attribute name of an SVG string, to check it against the allow-list independently. */
function names(svg: string): { elements: Set<string>; attributes: Set<string> } {
  const elements = new Set<string>();
  const attributes = new Set<string>();
  for (const m of svg.matchAll(/<([A-Za-z][\w:.-]*)((?:\s+[^\s=>]+="[^"]*")*)\s*\/?>/g)) {
    elements.add(m[1]);
    for (const a of m[2].matchAll(/\s([^\s=]+)="/g)) attributes.add(a[1]);
  }
  return { elements, attributes };
}

describe('Sanitizing the SVG MathJax makes', () => {
  it('keeps a drawing as it is: paths, groups, sizes and the colour', () => {
    const svg = '<svg color="#123456" xmlns="http://www.w3.org/2000/svg" width="11" height="9" role="img" focusable="false" viewBox="0 -442 572 453"><g stroke="currentColor" fill="currentColor" stroke-width="0" transform="scale(1,-1)"><path d="M52 289Q59 331 106 386Z"></path></g></svg>';
    assert.equal(sanitizeSvg(svg), svg);
  });

  it('drops links, styles, ids, classes, handlers and url() paint, and unwraps a link around a token', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><a href="javascript:alert(1)"><g id="x" class="c" style="color:red" fill="url(javascript:alert(1))" stroke="url(#p)" onclick="x()"><path d="M0 0Z" xlink:href="#y"></path></g></a></svg>';
    assert.equal(sanitizeSvg(svg), '<svg xmlns="http://www.w3.org/2000/svg"><g><path d="M0 0Z"></path></g></svg>');
  });

  it('sees through entities: &#117;rl( is url( and is dropped', () => {
    assert.equal(sanitizeSvg('<svg><g fill="&#117;rl(javascript:x)"></g></svg>'), '<svg><g></g></svg>');
    assert.equal(sanitizeSvg('<svg><g fill="r&#101;d"></g></svg>'), '<svg><g fill="r&#101;d"></g></svg>');
  });

  it('drops elements outside the allow-list with everything inside them', () => {
    const svg = '<svg><script>alert(1)</script><foreignObject><div>x</div></foreignObject><defs><path id="a" d="M0 0"></path></defs><use xlink:href="#a"></use><image href="http://x/y.png"></image><text x="1">ok</text></svg>';
    assert.equal(sanitizeSvg(svg), '<svg><text x="1">ok</text></svg>');
  });

  it('refuses markup it cannot read rather than guess: comments, CDATA, unquoted values, two roots, unbalanced tags', () => {
    for (const svg of ['<svg><!-- x --></svg>', '<svg><![CDATA[x]]></svg>', '<svg><g fill=red></g></svg>', '<svg></svg><svg></svg>', '<svg><g></svg>', '<g></g>', 'text<svg></svg>']) {
      assert.equal(sanitizeSvg(svg), undefined, svg);
    }
  });
});

describe('Hostile formulas rendered for a hover', () => {
  it('refuses \\mmlToken attributes that make links, styles or ids, written or from a document macro', () => {
    for (const [tex, macros] of [
      ['\\mmlToken{mi}[href="javascript:alert(1)"]{x}', {}],
      ['\\mmlToken{mi}[style="color:red"]{x}', {}],
      ['\\mmlToken{mi}[id="x"]{x}', {}],
      ['\\mmlToken{mi}[class="c"]{x}', {}],
      ['\\bad{x}', { bad: ['\\mmlToken{mi}[href="javascript:alert(1)"]{#1}', 1] as [string, number] }],
    ] as const) {
      const r = texToSvg(request(tex, { macros }));
      if (r.ok) assert.doesNotMatch(r.svg, FORBIDDEN, tex);
      else assert.match(r.error, /not allowed|Undefined control sequence/, tex);
    }
  });

  it('keeps the macros the base package builds with \\mmlToken (\\bmod, \\pmod, \\varliminf)', () => {
    const r = texToSvg(request('a \\bmod b \\equiv c \\pmod{n}, \\varliminf_{n} x_n'));
    assert.ok(r.ok, r.ok ? '' : r.error);
  });

  it('draws \\color{url(...)} without the url: the glyph keeps the text colour', () => {
    const r = texToSvg(request('\\color{url(javascript:alert(1))}{x} + \\color{red}{y}'));
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.doesNotMatch(r.svg, FORBIDDEN);
    assert.match(r.svg, /fill="red"/);
  });

  it('answers a NUL or a lone surrogate with its own message, not a MathJax TypeError', () => {
    const nul = texToSvg(request('x\u0000y'));
    assert.ok(!nul.ok && /NUL character \(U\+0000/.test(nul.error), JSON.stringify(nul));
    for (const tex of ['x\ud800y', 'x\udfffy', 'x\ud835']) {
      const r = texToSvg(request(tex));
      assert.ok(!r.ok && /lone UTF-16 surrogate U\+D[89A-F]/.test(r.error), JSON.stringify(r));
    }
    assert.ok(texToSvg(request('\\mathcal{L} = 𝑥')).ok, 'a well-formed surrogate pair is text');
  });

  it('renders every formula of the dev corpus with only allow-listed elements and attributes', function () {
    this.timeout(60_000);
    const corpus = readFileSync(resolve(process.cwd(), '../shared/corpus/formulas-dev.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { latex: string });
    const allowed = new Set(['svg', 'g', 'path', 'rect', 'line', 'polyline', 'polygon', 'circle', 'ellipse', 'text', 'title']);
    let rendered = 0;
    for (const { latex } of corpus) {
      const r = texToSvg(request(latex.replace(/^\$+|\$+$/g, '')));
      if (!r.ok) continue;
      rendered++;
      assert.doesNotMatch(r.svg, FORBIDDEN, latex);
      const { elements, attributes } = names(r.svg);
      for (const e of elements) assert.ok(allowed.has(e), `<${e}> in ${latex}`);
      for (const a of attributes) assert.ok(!/^(on|data-|xlink|xml:)/.test(a), `${a} in ${latex}`);
    }
    assert.ok(rendered > 150, `only ${rendered} rendered`);
  });
});
