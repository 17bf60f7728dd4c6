import * as assert from 'node:assert/strict';
import { Adam, createOptimizer, Momentum, Sgd } from '../../../src/core/train/optimizers';
import { Random } from '../../../src/core/train/random';

describe('optimizers', () => {
  it('SGD steps against the gradient by the learning rate', () => {
    const p = Float64Array.from([1, 2]);
    new Sgd(0.1).step(p, Float64Array.from([1, -2]));
    assert.deepEqual([...p], [0.9, 2.2]);
  });

  it('momentum accumulates velocity: v = μv + g', () => {
    const p = Float64Array.from([0]);
    const m = new Momentum(1, 1, 0.5);
    m.step(p, Float64Array.from([1]));
    m.step(p, Float64Array.from([1]));
    assert.deepEqual([...p], [-(1 + 1.5)]);
  });

  it('Adam’s first step moves every parameter by the learning rate against the gradient’s sign', () => {
    const p = Float64Array.from([0, 0, 0]);
    new Adam(3, 0.01).step(p, Float64Array.from([3, -0.002, 50]));
    for (const [i, s] of [-1, 1, -1].entries()) assert.ok(Math.abs(p[i] - s * 0.01) < 1e-7, `${p[i]}`);
  });

  it('throws on a gradient of the wrong length', () => {
    for (const o of [createOptimizer('sgd', 2, { learningRate: 1 }), createOptimizer('momentum', 2, { learningRate: 1 }), createOptimizer('adam', 2, { learningRate: 1 })]) {
      assert.throws(() => o.step(new Float64Array(2), new Float64Array(3)), /shape mismatch/);
    }
  });
});

describe('the seeded random generator', () => {
  it('repeats its stream for the same seed and differs for another', () => {
    const a = new Random(9);
    const b = new Random(9);
    const c = new Random(10);
    const sa = Array.from({ length: 5 }, () => a.normal());
    assert.deepEqual(sa, Array.from({ length: 5 }, () => b.normal()));
    assert.notDeepEqual(sa, Array.from({ length: 5 }, () => c.normal()));
  });

  it('draws uniforms in [0, 1) and normals with mean 0 and variance 1', () => {
    const r = new Random(1);
    let s = 0;
    let s2 = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) {
      const u = r.next();
      assert.ok(u >= 0 && u < 1);
      const z = r.normal();
      s += z;
      s2 += z * z;
    }
    assert.ok(Math.abs(s / n) < 0.03);
    assert.ok(Math.abs(s2 / n - 1) < 0.04);
  });
});
