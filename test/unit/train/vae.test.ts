import * as assert from 'node:assert/strict';
import { CliError, type CliIO } from '../../../src/cli/io';
import { vaeTask } from '../../../src/cli/train/vae';
import { LINEAR_GAUSSIAN } from '../../../src/core/train/linearGaussian';
import { createVaeTrainer, DEFAULT_VAE_CONFIG, resolveVaeConfig, type VaeConfig, type VaeSnapshot } from '../../../src/core/train/vae';
import { assertClose, numericGradient } from './gradcheck';

function bits(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function fakeIO(tty = false): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => '', stderrIsTTY: tty }, out, err };
}

function finiteEverywhere(s: VaeSnapshot): boolean {
  const nums = [s.elbo, s.reconstruction, s.kl, s.noiseStd, ...s.data, ...s.latent, ...s.latentStd, ...s.reconstructions, ...s.samples, ...s.history.map((h) => h.elbo)];
  return nums.every(Number.isFinite);
}

/** Checks the hand-derived gradient of the negative ELBO against central differences. */
function checkGradient(config: Partial<VaeConfig>, warmup: number): void {
  const t = createVaeTrainer(config);
  // A few steps first, so the check is not at the initialization's special point.
  t.step(warmup);
  const { grads } = t.objective();
  const params = t.parameters();
  params.forEach((p, i) => assertClose(grads[i], numericGradient(() => t.objective().loss, p, 1e-6), 1e-5, `gradient of block ${i}`));
}

describe('the VAE trainer', () => {
  it('closes the gap to the exact log-likelihood on lineargauss to within 0.05 nats per point', () => {
    for (const latentDim of [1, 2] as const) {
      const t = createVaeTrainer({ seed: 1, latentDim });
      t.step(DEFAULT_VAE_CONFIG.steps);
      const s = t.snapshot();
      assert.equal(s.exact, true);
      assert.ok(s.logLikelihood !== null && s.maxLogLikelihood !== null);
      const gap = s.logLikelihood - s.elbo;
      assert.ok(gap >= -1e-9 && gap <= 0.05, `latent ${latentDim}: gap log p(x) - ELBO = ${gap}`);
      // The model family holds the truth, so the ELBO also reaches the data's maximum likelihood.
      const toMax = s.maxLogLikelihood - s.elbo;
      assert.ok(toMax >= -1e-9 && toMax <= 0.05, `latent ${latentDim}: max log-likelihood - ELBO = ${toMax}`);
    }
  });

  it('never lets the exact ELBO exceed log p(x) at any recorded step', () => {
    for (const config of [{ seed: 1 }, { seed: 7, latentDim: 2 as const }, { seed: 3, encoderHidden: [8], learningRate: 0.02 }]) {
      const t = createVaeTrainer(config);
      t.step(600);
      const history = t.snapshot().history;
      assert.equal(history[0].step, 0);
      assert.ok(history.length > 100);
      for (const h of history) {
        assert.ok(h.logLikelihood !== null);
        assert.ok(h.elbo <= h.logLikelihood + 1e-9, `step ${h.step}: ELBO ${h.elbo} > log p(x) ${h.logLikelihood}`);
        // The terms the panel plots over steps are the ELBO's own: it is their difference.
        assert.ok(Math.abs(h.reconstruction - h.kl - h.elbo) < 1e-9 && h.kl >= -1e-12, `step ${h.step}: terms ${h.reconstruction}, ${h.kl}`);
      }
    }
  });

  it('computes an ELBO equal to log p(x) and to the true likelihood when the model is the truth and q the exact posterior', () => {
    const t = createVaeTrainer({ seed: 5 });
    const [enc, dec, logVar] = t.parameters();
    const { w, b, noiseStd } = LINEAR_GAUSSIAN;
    const s2 = noiseStd * noiseStd;
    // p(z|x) = N(Σ Wᵀ(x - b) / σ², Σ) with Σ = 1 / (1 + WᵀW / σ²).
    const post = 1 / (1 + (w[0] * w[0] + w[1] * w[1]) / s2);
    // Encoder: rows [μ; log σ²] of W_0 ([2][2]), then the biases.
    enc.set([(post * w[0]) / s2, (post * w[1]) / s2, 0, 0, (-post * (w[0] * b[0] + w[1] * b[1])) / s2, Math.log(post)]);
    // Decoder: A ([2][1]) then c.
    dec.set([w[0], w[1], b[0], b[1]]);
    logVar[0] = Math.log(s2);
    const s = t.snapshot();
    assert.ok(Math.abs(s.logLikelihood! - s.trueLogLikelihood!) < 1e-12);
    assert.ok(Math.abs(s.logLikelihood! - s.elbo) < 1e-10, `gap ${s.logLikelihood! - s.elbo}`);
    assert.ok(Math.abs(s.elbo - (s.reconstruction - s.kl)) < 1e-12);
  });

  it('has a hand-derived ELBO gradient that matches finite differences', () => {
    checkGradient({ seed: 2 }, 20);
    checkGradient({ seed: 2, latentDim: 2 }, 20);
    checkGradient({ seed: 4, encoderHidden: [5], dataSize: 64, batchSize: 64 }, 20);
    // Sampled mode: the objective uses a fixed ε, so the reparameterized gradient is exact too.
    checkGradient({ dataset: 'moons', seed: 3, latentDim: 2, encoderHidden: [6], decoderHidden: [6], dataSize: 32, batchSize: 32 }, 10);
  });

  it('gives the same run, bit for bit, for the same seed, and a different one for another seed', () => {
    const run = (seed: number, dataset: VaeConfig['dataset']) => {
      const t = createVaeTrainer({ seed, dataset, ...(dataset === 'lineargauss' ? {} : { encoderHidden: [16], decoderHidden: [16], dataSize: 128, batchSize: 32 }) });
      t.step(50);
      return t.snapshot();
    };
    for (const dataset of ['lineargauss', 'ring8'] as const) {
      const a = run(11, dataset);
      const b = run(11, dataset);
      for (const key of ['data', 'latent', 'latentStd', 'reconstructions', 'samples'] as const) assert.ok(bits(a[key]).equals(bits(b[key])), `${dataset} ${key}`);
      assert.deepEqual(a.history, b.history);
      assert.equal(a.elbo, b.elbo);
      assert.notEqual(run(12, dataset).elbo, a.elbo);
    }
  });

  it('reports a sampled ELBO and no log-likelihood off lineargauss, with every number finite', () => {
    const t = createVaeTrainer({ dataset: 'ring8', latentDim: 2, encoderHidden: [16], decoderHidden: [16], dataSize: 128, batchSize: 32 });
    assert.equal(t.config.learningRate, 5e-3, 'the MLP defaults apply to the sampled data sets');
    t.step(30);
    const s = t.snapshot();
    assert.equal(s.exact, false);
    assert.equal(s.logLikelihood, null);
    assert.equal(s.maxLogLikelihood, null);
    assert.ok(s.history.every((h) => h.logLikelihood === null));
    assert.equal(s.latent.length, 2 * 128);
    assert.equal(s.samples.length, 2 * 128);
    assert.ok(finiteEverywhere(s));
  });

  it('rejects settings it cannot honour, naming them', () => {
    assert.throws(() => resolveVaeConfig({ decoderHidden: [8] }), /affine/);
    assert.throws(() => resolveVaeConfig({ latentDim: 3 as never }), /latentDim/);
    assert.throws(() => resolveVaeConfig({ dataset: 'bimodal' as never }), /unknown data set/);
    assert.throws(() => resolveVaeConfig({ batchSize: 600 }), /batchSize/);
  });
});

describe('genmath train vae', () => {
  it('prints one JSON object with the exact ELBO, log p(x) and their history on lineargauss', async () => {
    const { io, out, err } = fakeIO();
    const code = await vaeTask.run(['--steps', '300', '--seed', '3', '--json'], io);
    assert.equal(code, 0, err.join(''));
    assert.deepEqual(err, [], 'no progress bar when stderr is not a terminal');
    const lines = out.join('').trim().split('\n');
    assert.equal(lines.length, 1);
    const j = JSON.parse(lines[0]);
    for (const key of ['elbo', 'logLikelihood', 'history', 'steps', 'seconds']) assert.ok(key in j, key);
    assert.equal(j.steps, 300);
    assert.ok(j.elbo <= j.logLikelihood);
    assert.ok(Array.isArray(j.history) && j.history.length > 1);
    assert.deepEqual(Object.keys(j.history[0]), ['step', 'elbo', 'logLikelihood']);
    assert.equal(j.history[j.history.length - 1].step, 300);
    assert.ok(j.history.every((h: { elbo: number; logLikelihood: number }) => h.elbo <= h.logLikelihood));
  });

  it('gives null log-likelihoods where they are not exact, and a progress bar on a terminal', async () => {
    const { io, out, err } = fakeIO(true);
    assert.equal(await vaeTask.run(['--dataset=moons', '--steps', '10', '--latent', '2', '--json'], io), 0);
    const j = JSON.parse(out.join(''));
    assert.equal(j.logLikelihood, null);
    assert.equal(j.history[0].logLikelihood, null);
    assert.match(err.join(''), /\[#{30}\] 10\/10 steps\n$/);
  });

  it('answers bad flags with a usage error, exit code 2', async () => {
    for (const args of [['--steps', 'ten'], ['--dataset', 'cats'], ['--latent', '3'], ['--frobnicate'], ['--seed'], ['--json=yes']]) {
      const { io, out } = fakeIO();
      await assert.rejects(vaeTask.run(args, io), (e: unknown) => e instanceof CliError && e.exitCode === 2 && !e.message.includes('\n'), args.join(' '));
      assert.deepEqual(out, []);
    }
  });
});
