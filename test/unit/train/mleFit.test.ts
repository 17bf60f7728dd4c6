import * as assert from 'node:assert/strict';
import type { CliIO } from '../../../src/cli/io';
import { mleTask } from '../../../src/cli/train/mle';
import { createMleFitter, emStep, gaussianClosedForm, mixtureLogLikelihood, resolveMleConfig, type MixtureParams } from '../../../src/core/train/mleFit';

/** A CliIO that collects what a task writes. */
function fakeIO(tty = false): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    readStdin: async () => '',
    stderrIsTTY: tty,
  };
  return io;
}

describe('Fit by maximum likelihood', () => {
  it('ascends to the closed-form Gaussian optimum (sample mean, biased std) within 1e-3 in 300 steps, on several seeds', () => {
    for (const seed of [1, 2, 3]) {
      const fitter = createMleFitter({ model: 'gaussian', method: 'gradient', seed });
      assert.equal(fitter.step(300), true);
      const s = fitter.snapshot();
      assert.equal(s.closedFormKind, 'exact');
      assert.ok(Math.abs(s.estimate.means[0] - s.closedForm.means[0]) < 1e-3, `seed ${seed}: μ ${s.estimate.means[0]} vs ${s.closedForm.means[0]}`);
      assert.ok(Math.abs(s.estimate.sigmas[0] - s.closedForm.sigmas[0]) < 1e-3, `seed ${seed}: σ ${s.estimate.sigmas[0]} vs ${s.closedForm.sigmas[0]}`);
      const cf = gaussianClosedForm(s.data);
      assert.equal(s.closedForm.means[0], cf.mu);
      assert.equal(s.closedForm.sigmas[0], cf.sigma);
    }
  });

  it('computes the closed form with the biased standard deviation', () => {
    const cf = gaussianClosedForm([1, 2, 3, 4]);
    assert.equal(cf.mu, 2.5);
    assert.ok(Math.abs(cf.sigma - Math.sqrt(1.25)) < 1e-15);
  });

  it('never lowers the log-likelihood with EM on a mixture, and ends at the converged reference', () => {
    const fitter = createMleFitter({ model: 'mixture', method: 'em', seed: 4 });
    fitter.step(200);
    const s = fitter.snapshot({ surface: false });
    assert.equal(s.history.length, 201);
    for (let i = 1; i < s.history.length; i++) {
      assert.ok(s.history[i].logLikelihood >= s.history[i - 1].logLikelihood - 1e-12, `step ${i}: ${s.history[i - 1].logLikelihood} -> ${s.history[i].logLikelihood}`);
    }
    assert.equal(s.closedFormKind, 'em-converged');
    assert.ok(Math.abs(s.logLikelihood - s.closedFormLogLikelihood) < 1e-6);
    assert.ok(s.estimate.means[0] < s.estimate.means[1], 'components sorted by mean');
  });

  it('keeps EM monotone from a poor start on data it was not made for', () => {
    const data = [-3, -2.9, -2.5, 0, 0.1, 0.2, 4, 4.5, 5, 5.2, 5.3];
    let p: MixtureParams = { weights: [0.2, 0.3, 0.5], means: [5, 5.1, 5.2], sigmas: [0.1, 1, 3] };
    let ll = mixtureLogLikelihood(data, p);
    for (let i = 0; i < 100; i++) {
      p = emStep(Float64Array.from(data), p);
      const next = mixtureLogLikelihood(data, p);
      assert.ok(next >= ll - 1e-12, `iteration ${i}: ${ll} -> ${next}`);
      ll = next;
    }
  });

  it('fits a mixture by gradient ascent close to the EM optimum, recovering the generating components', () => {
    const fitter = createMleFitter({ model: 'mixture', method: 'gradient', seed: 1 });
    fitter.step(300);
    const s = fitter.snapshot();
    assert.equal(s.diverged, null);
    for (let k = 0; k < 2; k++) {
      assert.ok(Math.abs(s.estimate.means[k] - s.closedForm.means[k]) < 1e-3);
      assert.ok(Math.abs(s.estimate.sigmas[k] - s.closedForm.sigmas[k]) < 1e-3);
      assert.ok(Math.abs(s.estimate.weights[k] - s.closedForm.weights[k]) < 1e-3);
    }
    assert.ok(Math.abs(s.estimate.means[0] - -2) < 0.2 && Math.abs(s.estimate.means[1] - 1.5) < 0.2);
  });

  it('gives a surface over (μ, σ) whose grid maximum lies next to the closed-form optimum, and a finite path from the start', () => {
    const fitter = createMleFitter({ seed: 2 });
    fitter.step(100);
    const s = fitter.snapshot();
    const g = s.surface!;
    assert.deepEqual([g.xLabel, g.yLabel], ['μ', 'σ']);
    assert.equal(g.values.length, g.width * g.height);
    let best = 0;
    for (let i = 1; i < g.values.length; i++) if (g.values[i] > g.values[best]) best = i;
    const mu = g.xMin + ((g.xMax - g.xMin) * (best % g.width)) / (g.width - 1);
    const sigma = g.yMin + ((g.yMax - g.yMin) * Math.floor(best / g.width)) / (g.height - 1);
    assert.ok(Math.abs(mu - s.optimum[0]) <= (g.xMax - g.xMin) / (g.width - 1));
    assert.ok(Math.abs(sigma - s.optimum[1]) <= (g.yMax - g.yMin) / (g.height - 1));
    assert.equal(s.path.length, 2 * 101);
    assert.ok(s.path.every(Number.isFinite));
    assert.ok(Math.abs(s.optimum[0] - s.closedForm.means[0]) < 1e-12);
  });

  it('gives the same numbers for the same seed, and other data for another', () => {
    const run = (seed: number) => {
      const f = createMleFitter({ seed, model: 'mixture' });
      f.step(20);
      return f.snapshot({ surface: false }).estimate;
    };
    assert.deepEqual(run(7), run(7));
    assert.notDeepEqual(run(7), run(8));
  });

  it('names a bad setting', () => {
    assert.throws(() => resolveMleConfig({ components: 0 }), /components/);
    assert.throws(() => resolveMleConfig({ data: [1] }), /data/);
    assert.throws(() => resolveMleConfig({ learningRate: -1 }), /learningRate/);
  });
});

describe('genmath train mle', () => {
  it('prints estimate and closedForm with the same keys, agreeing to 1e-3 for a Gaussian', async () => {
    const io = fakeIO();
    const code = await mleTask.run(['--steps', '300', '--seed', '3', '--json'], io);
    assert.equal(code, 0, io.err);
    assert.equal(io.err, '', 'no progress bar when stderr is not a terminal');
    const j = JSON.parse(io.out);
    assert.deepEqual(Object.keys(j.estimate), ['mu', 'sigma']);
    assert.deepEqual(Object.keys(j.closedForm), ['mu', 'sigma']);
    assert.ok(Math.abs(j.estimate.mu - j.closedForm.mu) < 1e-3);
    assert.ok(Math.abs(j.estimate.sigma - j.closedForm.sigma) < 1e-3);
    assert.equal(j.steps, 300);
  });

  it('prints weights, means and sigmas for a mixture fitted by EM, with a progress bar on a terminal', async () => {
    const io = fakeIO(true);
    const code = await mleTask.run(['--model=mixture', '--method', 'em', '--steps', '50', '--json'], io);
    assert.equal(code, 0);
    const j = JSON.parse(io.out);
    for (const key of ['estimate', 'closedForm']) assert.deepEqual(Object.keys(j[key]), ['weights', 'means', 'sigmas']);
    assert.equal(j.closedFormKind, 'em-converged');
    assert.match(io.err, /\[#{30}\] 50\/50 steps\n$/);
  });

  it('answers bad flags with exit code 2', async () => {
    for (const args of [['--model', 'cauchy'], ['--method', 'newton'], ['--steps', '-1'], ['--steps'], ['--json=yes'], ['--frobnicate']]) {
      await assert.rejects(mleTask.run(args, fakeIO()), (err: unknown) => (err as { exitCode?: number }).exitCode === 2, args.join(' '));
    }
  });
});
