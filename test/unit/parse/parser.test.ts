import * as assert from 'node:assert/strict';
import { parseMath } from '../../../src/core/parse/parser';
import type { MathNode } from '../../../src/core/parse/tree';
import { appAt, tex } from '../../../src/core/recognize/query';

const line = (latex: string): MathNode[] => parseMath(latex).lines[0] ?? [];

describe('parse: LaTeX math to a tree', () => {
  it('reads a density with a conditioning bar as an application', () => {
    const seq = line(String.raw`p_\theta(x \mid z)`);
    const a = appAt(seq, 0);
    assert.ok(a);
    assert.equal(tex([a.fn]), String.raw`p_{\theta}`);
    assert.deepEqual(a.main.map(tex), ['x']);
    assert.deepEqual(a.cond.map(tex), ['z']);
  });

  it('splits a KL at its double bar whatever spelling of the bar', () => {
    for (const bar of ['\\|', '||', '\\Vert', '\\parallel', '∥', '\\,\\|\\,']) {
      const seq = line(String.raw`D_{\mathrm{KL}}(q(z|x) ${bar} p(z))`);
      const a = appAt(seq, 0);
      assert.ok(a, bar);
      assert.equal(a.parts.length, 2, bar);
      assert.equal(tex(a.parts[1]), 'p(z)');
    }
  });

  it('merges spelled operators: argmax, min/max written as letters, \\operatorname*', () => {
    for (const s of [String.raw`\arg\max_\theta`, String.raw`\operatorname*{argmax}_\theta`, String.raw`\underset{\theta}{\arg\max}`, String.raw`\mathop{\mathrm{argmax}}_{\theta}`, String.raw`\text{arg } \underset{\theta}{\text{max}}`]) {
      const seq = line(s);
      assert.equal(seq[0].type, 'op', s);
      assert.equal(seq[0].name, 'argmax', s);
      assert.equal(tex(seq[0].sub ?? []), '\\theta', s);
    }
    const bare = line('min_D max_G V');
    assert.deepEqual(bare.slice(0, 2).map((n) => n.name), ['min', 'max']);
  });

  it('drops spacing, sizes and colours and keeps \\left...\\right as groups', () => {
    const seq = line(String.raw`\color{cyan}{p_\theta}\Big(x\Big) \; \left[ \log \bigl( 1 - D \bigr) \right]`);
    assert.equal(tex(seq), String.raw`p_{\theta}(x)[\log(1-D)]`);
  });

  it('splits aligned rows into lines and ignores alignment marks', () => {
    const p = parseMath(String.raw`\begin{aligned} a &= b \\ c &= d \end{aligned}`);
    assert.deepEqual(p.lines.map(tex), ['a=b', 'c=d']);
  });

  it('survives unbalanced input', () => {
    for (const s of ['p(x', 'p(x))', '{{x', 'x}}', '\\left( x', 'x \\right)', '\\frac{a', '[0, 1)', '\\begin{aligned']) {
      assert.doesNotThrow(() => parseMath(s), s);
    }
    assert.equal(tex(line('p(x')), 'p(x)');
  });

  it('reads Unicode operators inside LaTeX (a pasted minus sign)', () => {
    assert.equal(tex(line('H(X,Y) = −E[\\log p]')), 'H(X,Y)=-\\mathbb{E}[\\log p]'.replace('\\mathbb{E}', 'E'));
  });
});

describe('parse: a paper-defined macro with two braced arguments', () => {
  it('reads `\\kl{p}{q}` as a KL applied to p and q, split as by `\\|`', () => {
    const a = appAt(line(String.raw`\kl{q(z \mid x)}{p(z)}`), 0);
    assert.ok(a);
    assert.equal(a.fn.type, 'op');
    assert.equal(a.fn.name, 'KL');
    assert.deepEqual(a.parts.map(tex), ['q(z|x)', 'p(z)']);
  });
  it('lists the two arguments of an unknown macro as `f(a, b)`', () => {
    const a = appAt(line(String.raw`\mydist{a}{b} + 1`), 0);
    assert.ok(a);
    assert.deepEqual(a.main.map(tex), ['a', 'b']);
  });
  it('leaves the letters kl of a double index alone', () => {
    const seq = line(String.raw`\sum_{kl} w_{kl}`);
    assert.ok(!seq.some((n) => n.type === 'op' && n.name === 'KL'));
  });
});

describe('parse: a density macro names its letter and subscript', () => {
  it('reads `\\pdata`, `\\ptheta` and `\\qphi` as p_{data}, p_\\theta and q_\\phi', () => {
    assert.equal(tex(line(String.raw`\pdata(x)`)), tex(line(String.raw`p_{data}(x)`)));
    assert.equal(tex(line(String.raw`\ptheta(x)`)), tex(line(String.raw`p_{\theta}(x)`)));
    assert.equal(tex(line(String.raw`\qphi(z)`)), tex(line(String.raw`q_{\phi}(z)`)));
  });
  it('leaves other words alone', () => {
    assert.notEqual(tex(line(String.raw`\pairs`)), 'p_{airs}');
  });
});
