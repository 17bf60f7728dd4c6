// Mojibake as pages make it: Windows-1253 with Windows-1252 for what 1253 leaves undefined,
// ISO-8859-7's readings of A0-FF, the bytes no table defines dropped.
import * as assert from 'node:assert/strict';
import { ambiguousMojibake, mojibakeAt, repairMojibake } from '../../../src/core/find/mojibake';
import { styledLetter } from '../../../src/core/find/mathAlphanumeric';
import { find } from './helpers';

describe('mojibake with lost bytes', () => {
  it('reads a math letter whose 9D byte was dropped (π‘₯ is 𝑥, πœƒ is 𝜃)', () => {
    assert.deepEqual(mojibakeAt('π‘₯', 0), { char: '𝑥', length: 3 });
    assert.deepEqual(mojibakeAt('πœƒ', 0), { char: '𝜃', length: 3 });
    assert.equal(repairMojibake('π‘ž(π‘§)'), '𝑞(𝑧)');
  });

  it('reads ISO-8859-7 continuation characters (α΅’ is the subscript ᵢ)', () => {
    assert.equal(repairMojibake('xα΅’'), 'xᵢ');
    assert.equal(ambiguousMojibake('xα΅’'), false);
  });

  it('gives every reading of a letter that lost two bytes, only where another copy can settle it', () => {
    assert.equal(mojibakeAt('π½', 0), undefined);
    const lossy = mojibakeAt('π½', 0, true);
    assert.ok(lossy?.alternatives);
    assert.deepEqual(lossy.alternatives.map((ch) => styledLetter(ch)?.letter), ['J', 'ξ']);
  });

  it('says a symbol that lost its last byte is ambiguous (βˆ is ∏ or ∝)', () => {
    const m = mojibakeAt('βˆ', 0);
    assert.deepEqual(m?.alternatives, ['∏', '∝']);
    assert.equal(ambiguousMojibake('L = βˆi p(xi)'), true);
  });

  it('offers a lone Greek lead as itself too (Ο is ρ that lost its 81, or Ο)', () => {
    assert.deepEqual(mojibakeAt('Ο)', 0, true)?.alternatives, ['ρ', 'Ο']);
    assert.equal(mojibakeAt('Ο)', 0), undefined);
  });

  it('never repairs Greek words, accented prose or a lone math letter', () => {
    for (const text of ['Ξ is xi', 'café naïve', 'ΠΡΟΣΟΧΗ', 'π·r²', '𝑥 + 𝑦']) assert.equal(repairMojibake(text), text);
  });

  it('does not report a formula whose lost byte nothing settles, and says so', () => {
    assert.deepEqual(find('The likelihood L(θ) = βˆi p(xi) of the data.'), []);
  });
});

describe('pasted math on hostile input', () => {
  it('stays fast on a hundred thousand lines of math letters', () => {
    const text = '𝑥\n\n'.repeat(100_000);
    const t = Date.now();
    find(text);
    assert.ok(Date.now() - t < 2000, `${Date.now() - t} ms`);
  });

  it('stays fast on long lines full of TeX commands and mojibake', () => {
    const line = 'ab\\alpha_{1} πœƒ βˆ '.repeat(100) + '\n';
    const text = line.repeat(200);
    const t = Date.now();
    find(text);
    assert.ok(Date.now() - t < 2000, `${Date.now() - t} ms`);
  });

  it('stays fast on a visual copy followed by thousands of linear-looking lines', () => {
    const text = '𝑥\n\n+\n\n𝑦\n\n' + 'x+y\n\n'.repeat(20_000);
    const t = Date.now();
    const fs = find(text);
    assert.ok(Date.now() - t < 2000, `${Date.now() - t} ms`);
    assert.equal(fs[0].tex, 'x + y');
  });
});
