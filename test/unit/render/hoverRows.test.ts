import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { wholeFormulaLink } from '../../../src/host/demos';
import { HOVER_MARKDOWN_LIMIT, formulaMarkdown, imageFits, rowMarkdown } from '../../../src/host/hoverMarkdown';
import { formulaRows, rowAt } from '../../../src/host/hoverRows';
import { texToSvg } from '../../../src/host/render/texToSvg';

const NOTE = readFileSync(path.join(process.cwd(), 'test', 'fixtures', 'workspace', 'long-derivation.md'), 'utf8');
const SOURCE = /\$\$[\s\S]*?\$\$/.exec(NOTE)![0];

describe('the rows of a multi-line formula', () => {
  it('splits a 12-line aligned derivation at its top-level \\\\, with offsets into the source', () => {
    const rows = formulaRows(SOURCE);
    assert.equal(rows.length, 12);
    assert.deepEqual(rows.map((r) => r.number), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    assert.match(SOURCE.slice(rows[0].start, rows[0].end), /^\s*\\log p_\\theta\(x\) &= \\log \\int/);
    assert.equal(SOURCE.slice(rows[11].start, rows[11].end).trim(), '&=: \\mathcal{L}(\\theta, \\phi; x)');
    assert.equal(rows[11].tex, '\\begin{aligned}&=: \\mathcal{L}(\\theta, \\phi; x)\\end{aligned}');
  });

  it('finds the row under an offset, and the nearest one on the delimiters', () => {
    const rows = formulaRows(SOURCE);
    const last = SOURCE.indexOf('\\mathcal{L}(\\theta, \\phi; x)');
    assert.equal(rowAt(rows, last)?.number, 12);
    assert.equal(rowAt(rows, 0)?.number, 1);
    assert.equal(rowAt(rows, SOURCE.length - 1)?.number, 12);
    assert.equal(rowAt(rows, SOURCE.indexOf('&\\geq'))?.number, 4);
  });

  it('keeps \\\\ inside braces and nested environments in their row, and drops labels, tags and spacing', () => {
    const rows = formulaRows('\\begin{align} a &= \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix} \\label{eq:a} \\\\[4pt] b &= {c \\\\ d} \\tag{2} \\\\ e &= f \\nonumber \\\\ \\end{align}');
    assert.deepEqual(rows.map((r) => r.tex), [
      '\\begin{aligned}a &= \\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}\\end{aligned}',
      '\\begin{aligned}b &= {c \\\\ d}\\end{aligned}',
      '\\begin{aligned}e &= f\\end{aligned}',
    ]);
  });

  it('has no rows to offer for a one-line formula, a non-row environment or an unclosed one', () => {
    assert.deepEqual(formulaRows('$$x = 1$$'), []);
    assert.deepEqual(formulaRows('$$\\begin{aligned} x &= 1 \\end{aligned}$$'), []);
    assert.deepEqual(formulaRows('$$\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}$$'), []);
    assert.deepEqual(formulaRows('$$\\begin{aligned} x \\\\ y $$'), []);
  });
});

describe('a hover for a derivation too large to show whole', function () {
  this.timeout(30_000);
  const request = (tex: string) => ({ tex, display: true, macros: {}, color: '#cccccc', exPixels: 8.75 });

  it('shows the row under the cursor as an image, its number in the block, and a link to the whole formula', () => {
    const whole = texToSvg(request(SOURCE.slice(2, -2)));
    assert.ok(whole.ok);
    assert.ok(!imageFits(whole), 'the fixture now fits in a hover: make it longer');
    assert.match(formulaMarkdown('x', whole), /too large to show in a hover/);
    const rows = formulaRows(SOURCE);
    for (const row of [rows[0], rows[11], rows[6]]) {
      const result = texToSvg(request(row.tex));
      assert.ok(result.ok && imageFits(result), `row ${row.number} does not fit`);
      const md = rowMarkdown(row, rows.length, result, wholeFormulaLink('file:///n.md', 10));
      assert.match(md, new RegExp(`^_Row ${row.number} of 12 of this block`));
      assert.match(md, /!\[[^\]]*\]\(data:image\/svg\+xml;base64,/);
      assert.match(md, /\[Show the whole formula in the Explain panel ▸\]\(command:genmath\.explainFormula\?/);
      assert.ok(md.length < HOVER_MARKDOWN_LIMIT - 10_000);
    }
  });
});
