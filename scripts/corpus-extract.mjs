// Candidate rows for the labelled corpus: every formula GenMath's finder sees in one document,
// with its delimiter and the prose before it, and no label. A reader labels them by hand before
// the recognizer is run on them (test/fixtures/recognize/README.md); this script never classifies.
//   node scripts/corpus-extract.mjs FILE SOURCE ID-PREFIX [markdown|latex] > candidates.jsonl
// FILE may be a notebook (.ipynb): its markdown cells are read as one document.
import { readFileSync } from 'node:fs';
import { loadSource } from './corpus-shared.mjs';

const [file, source, prefix, language = 'markdown'] = process.argv.slice(2);
if (!file || !source || !prefix) {
  process.stderr.write('usage: node scripts/corpus-extract.mjs FILE SOURCE ID-PREFIX [markdown|latex]\n');
  process.exit(2);
}
const { findFormulas } = await loadSource('src/core/find/index.ts');

let text = readFileSync(file, 'utf8');
if (file.endsWith('.ipynb')) {
  const nb = JSON.parse(text);
  text = nb.cells.filter((c) => c.cell_type === 'markdown').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n\n');
}
const DELIMITER = { dollar: 'inline', 'display-dollar': 'display', paren: 'inline', bracket: 'display', environment: 'env', fence: 'display', liquid: 'display', unicode: 'unicode' };
/** A lone symbol ($x$, $\theta_t$, $\mathbf{z}$) says nothing about a kind: the corpus leaves them out. */
const LONE_SYMBOL = /^\\?[A-Za-z]+('|\^\*|_\{?[A-Za-z0-9\\]+\}?)?$/;
const LONE_DECORATED = /^(\\mathbf|\\boldsymbol|\\mathcal|\\bm|\\hat|\\tilde|\\bar)\{?\\?[A-Za-z]+\}?(_\{?[A-Za-z0-9\\]+\}?)?$/;
const seen = new Set();
let i = 0;
for (const f of findFormulas(text, language).formulas) {
  const body = f.tex.trim();
  if (body.length < 4 || LONE_SYMBOL.test(body) || LONE_DECORATED.test(body) || seen.has(f.source)) continue;
  seen.add(f.source);
  i++;
  const context = text.slice(Math.max(0, f.start - 300), f.start).replace(/^\S*\s/, '').trim();
  const delimiter = f.delimiter === 'display-dollar' && !f.display ? 'inline' : DELIMITER[f.delimiter];
  process.stdout.write(JSON.stringify({ id: `${prefix}-${String(i).padStart(3, '0')}`, source, delimiter, latex: f.source, context }) + '\n');
}
