import * as assert from 'node:assert/strict';
import { Activations, type ActivationName } from '../../../src/core/train/activations';
import { Losses } from '../../../src/core/train/losses';
import { Mlp } from '../../../src/core/train/nn';
import { Random } from '../../../src/core/train/random';
import { assertClose, numericGradient } from './gradcheck';

const NAMES: ActivationName[] = ['relu', 'leakyRelu', 'tanh', 'sigmoid', 'linear'];
// Points away from the kink at 0, where ReLU's derivative does not exist.
const POINTS = [-2.3, -0.7, -0.11, 0.13, 0.6, 1.9];

/** sum_r,o c[r,o] * out[r,o]: a loss whose gradient with respect to the output is c. */
function weightedSum(out: Float64Array, c: Float64Array): number {
  let s = 0;
  for (let i = 0; i < out.length; i++) s += out[i] * c[i];
  return s;
}

describe('activations', () => {
  for (const name of NAMES) {
    it(`${name}: der is the derivative of output and der2 the derivative of der`, () => {
      const a = Activations[name];
      const h = 1e-6;
      for (const x of POINTS) {
        assertClose([a.der(x)], [(a.output(x + h) - a.output(x - h)) / (2 * h)], 1e-6, `${name}'(${x})`);
        assertClose([a.der2(x)], [(a.der(x + h) - a.der(x - h)) / (2 * h)], 1e-6, `${name}''(${x})`);
      }
    });

    it(`${name}: the batch loops agree with output and der`, () => {
      const a = Activations[name];
      const pre = Float64Array.from(POINTS);
      const out = new Float64Array(pre.length);
      a.forward(pre, out, pre.length);
      const grad = new Float64Array(pre.length).fill(3);
      a.backward(pre, out, grad, pre.length);
      const d = new Float64Array(pre.length);
      a.derivative(pre, out, d, pre.length);
      POINTS.forEach((x, i) => {
        assert.ok(Math.abs(out[i] - a.output(x)) < 1e-15);
        assert.ok(Math.abs(grad[i] - 3 * a.der(x)) < 1e-12);
        assert.ok(Math.abs(d[i] - a.der(x)) < 1e-12);
      });
    });
  }
});

describe('losses', () => {
  for (const loss of Object.values(Losses)) {
    for (const y of [0, 1]) {
      it(`${loss.name} with target ${y}: der is the derivative of output, and the batch form is their mean`, () => {
        const h = 1e-6;
        const z = Float64Array.from([-40, -3.1, -0.4, 0, 0.2, 2.7, 35]);
        for (const x of z) assertClose([loss.der(x, y)], [(loss.output(x + h, y) - loss.output(x - h, y)) / (2 * h)], 1e-6, `${loss.name}'(${x})`);
        const grad = new Float64Array(z.length);
        const mean = loss.batch(z, y, grad, z.length, -2);
        const expected = (-2 * z.reduce((s, x) => s + loss.output(x, y), 0)) / z.length;
        assert.ok(Math.abs(mean - expected) < 1e-9, `${mean} vs ${expected}`);
        z.forEach((x, i) => assert.ok(Math.abs(grad[i] - (-2 * loss.der(x, y)) / z.length) < 1e-12));
      });
    }
  }

  it('bceWithLogits stays finite for logits of ±1000', () => {
    for (const z of [-1000, 1000]) for (const y of [0, 1]) assert.ok(Number.isFinite(Losses.bceWithLogits.output(z, y)));
  });
});

describe('Mlp', () => {
  for (const name of NAMES) {
    it(`backprop through ${name} layers matches finite differences for weights, biases and inputs`, () => {
      const rng = new Random(7);
      const net = new Mlp([3, 5, 4, 2], [name, name, 'linear'], rng);
      for (let i = 0; i < net.params.length; i++) net.params[i] += 0.1 * rng.normal();
      const batch = 3;
      const x = rng.fillNormal(new Float64Array(batch * 3));
      const c = rng.fillNormal(new Float64Array(batch * 2));
      net.zeroGrad();
      net.forward(x, batch);
      const dx = new Float64Array(net.backward(c, batch, true)!);
      const analytic = new Float64Array(net.grads);
      const f = () => weightedSum(net.forward(x, batch), c);
      assertClose(analytic, numericGradient(f, net.params), 1e-5, 'dW');
      assertClose(dx, numericGradient(f, x), 1e-5, 'dx');
    });

    it(`the gradient penalty through ${name} layers matches finite differences, for targets 1 and 0`, () => {
      for (const target of [1, 0]) {
        const rng = new Random(11);
        const net = new Mlp([4, 6, 5, 1], [name, name, 'linear'], rng);
        const batch = 5;
        const x = rng.fillNormal(new Float64Array(batch * 4));
        net.zeroGrad();
        const p = net.gradientPenalty(x, batch, 2.5, target);
        const analytic = new Float64Array(net.grads);
        const f = () => net.gradientPenalty(x, batch, 2.5, target);
        assert.ok(Math.abs(f() - p) < 1e-12);
        assertClose(analytic, numericGradient(f, net.params), 1e-5, `dP/dW (target ${target})`);
      }
    });
  }

  it('the gradient penalty reuses a forward pass on the same points and gives the same result', () => {
    const net = new Mlp([2, 8, 1], ['tanh', 'linear'], new Random(3));
    const x = new Random(4).fillNormal(new Float64Array(2 * 6));
    net.zeroGrad();
    const a = net.gradientPenalty(x, 6, 1);
    const ga = new Float64Array(net.grads);
    net.zeroGrad();
    net.forward(x, 6);
    const b = net.gradientPenalty(x, 6, 1, 1, true);
    assert.equal(a, b);
    assert.deepEqual(net.grads, ga);
  });

  it('a network with a sigmoid output backpropagates through it', () => {
    const rng = new Random(5);
    const net = new Mlp([2, 3, 1], ['tanh', 'sigmoid'], rng);
    const x = rng.fillNormal(new Float64Array(4));
    const c = Float64Array.from([1, -2]);
    net.zeroGrad();
    net.forward(x, 2);
    net.backward(c, 2);
    assertClose(net.grads, numericGradient(() => weightedSum(net.forward(x, 2), c), net.params), 1e-6);
  });

  it('odd batch sizes and odd widths take the kernels’ remainder paths correctly', () => {
    const rng = new Random(9);
    const net = new Mlp([3, 7, 5, 3], ['leakyRelu', 'tanh', 'linear'], rng);
    const batch = 5;
    const x = rng.fillNormal(new Float64Array(batch * 3));
    const c = rng.fillNormal(new Float64Array(batch * 3));
    net.zeroGrad();
    net.forward(x, batch);
    const dx = new Float64Array(net.backward(c, batch, true)!);
    const f = () => weightedSum(net.forward(x, batch), c);
    assertClose(net.grads, numericGradient(f, net.params), 1e-5);
    assertClose(dx, numericGradient(f, x), 1e-5);
  });

  it('backward without parameter gradients leaves grads alone and still returns the input gradient', () => {
    const net = new Mlp([2, 4, 1], ['relu', 'linear'], new Random(2));
    const x = Float64Array.from([0.3, -0.2, 1.1, 0.4]);
    net.zeroGrad();
    net.forward(x, 2);
    const dx = net.backward(Float64Array.from([1, 1]), 2, true, false);
    assert.ok(dx && dx.length === 4);
    assert.ok(net.grads.every((g) => g === 0));
  });

  it('shape checks throw: wrong input length, wrong gradient length, bad sizes, backward before forward', () => {
    const net = new Mlp([2, 4, 1], ['relu', 'linear'], new Random(1));
    assert.throws(() => net.forward(new Float64Array(5), 2), /expected 2 x 2 = 4 numbers, got 5/);
    assert.throws(() => net.forward(new Float64Array(0), 0), /batch size must be a positive integer/);
    assert.throws(() => net.backward(new Float64Array(3), 3), /no forward pass/);
    net.forward(new Float64Array(4), 2);
    assert.throws(() => net.backward(new Float64Array(3), 2), /expected 2 x 1 = 2 numbers, got 3/);
    assert.throws(() => new Mlp([2], ['relu'], new Random(1)), /at least an input and an output/);
    assert.throws(() => new Mlp([2, 0, 1], ['relu', 'linear'], new Random(1)), /positive integers/);
    assert.throws(() => new Mlp([2, 3, 3, 1], ['relu', 'relu', 'relu', 'linear'], new Random(1)), /expected 3 activations/);
    assert.throws(() => new Mlp([2, 3, 2], ['relu', 'linear'], new Random(1)).gradientPenalty(new Float64Array(4), 2, 1), /one output/);
  });
});
