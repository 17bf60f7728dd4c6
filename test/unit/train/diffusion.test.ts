import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../../src/cli/io';
import { diffusionTask } from '../../../src/cli/train/diffusion';
import { createDiffusionTrainer, DEFAULT_DIFFUSION_CONFIG, resolveDiffusionConfig, sampleForward, type DiffusionConfig } from '../../../src/core/train/diffusion';
import { Random } from '../../../src/core/train/random';
import { COSINE_OFFSET, makeSchedule, MAX_BETA } from '../../../src/core/train/schedules';

/** A small, fast config for the behavioural tests (the quality test uses the real defaults). */
const SMALL: Partial<DiffusionConfig> = { hidden: [32, 32], batchSize: 64, timesteps: 20, steps: 300 };

function bits(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

async function run(args: string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => '', stderrIsTTY: tty };
  const code = await diffusionTask.run(args, io);
  return { code, out, err };
}

describe('the noise schedules', () => {
  for (const name of ['linear', 'cosine'] as const) {
    for (const T of [1, 10, 50, 1000]) {
      it(`give a ${name} ᾱ_t with T = ${T} that starts at 1, lies in (0, 1) and strictly decreases`, () => {
        const s = makeSchedule(name, T);
        assert.equal(s.alphaBar.length, T + 1);
        assert.equal(s.alphaBar[0], 1);
        for (let t = 1; t <= T; t++) {
          assert.ok(s.alphaBar[t] > 0 && s.alphaBar[t] < 1, `ᾱ_${t} = ${s.alphaBar[t]}`);
          assert.ok(s.alphaBar[t] < s.alphaBar[t - 1], `ᾱ_${t} < ᾱ_${t - 1}`);
          assert.ok(s.beta[t] > 0 && s.beta[t] <= MAX_BETA);
          assert.ok(Math.abs(s.alphaBar[t] - s.alphaBar[t - 1] * (1 - s.beta[t])) < 1e-15);
        }
      });
    }
  }

  it('gives the cosine schedule its closed form f(t)/f(0), near 1 at t = 1 and near 0 at t = T', () => {
    const T = 100;
    const s = makeSchedule('cosine', T);
    const f = (t: number) => Math.cos(((t / T + COSINE_OFFSET) / (1 + COSINE_OFFSET)) * (Math.PI / 2)) ** 2;
    // Below T - 1 no β is clipped, so ᾱ_t is exactly the ratio of the cosines.
    for (const t of [1, 10, 50, 90]) assert.ok(Math.abs(s.alphaBar[t] - f(t) / f(0)) < 1e-12, `t = ${t}`);
    assert.ok(s.alphaBar[1] > 0.999);
    assert.ok(s.alphaBar[T] < 1e-6);
  });

  it('gives the linear schedule DDPM\'s ends, scaled by 1000 / T', () => {
    const s = makeSchedule('linear', 1000);
    assert.ok(Math.abs(s.beta[1] - 1e-4) < 1e-15);
    assert.ok(Math.abs(s.beta[1000] - 0.02) < 1e-15);
    const short = makeSchedule('linear', 100);
    assert.ok(Math.abs(short.beta[100] - 0.2) < 1e-12);
    assert.ok(short.alphaBar[100] < 1e-3, 'a short chain still ends near pure noise');
  });

  it('refuses a bad number of steps or an unknown name', () => {
    assert.throws(() => makeSchedule('cosine', 0), RangeError);
    assert.throws(() => makeSchedule('cosine', 2.5), RangeError);
    assert.throws(() => makeSchedule('quadratic' as 'cosine', 10), /unknown schedule 'quadratic'/);
  });
});

describe('the forward process q(x_t | x_0)', () => {
  it('has mean √ᾱ_t x_0 and variance 1 − ᾱ_t, within a few standard errors', () => {
    const s = makeSchedule('cosine', 50);
    const rng = new Random(7);
    const n = 20000;
    for (const t of [1, 10, 25, 50]) {
      for (const x0v of [-1.5, 0.3, 2]) {
        const x = sampleForward(s, new Float64Array(n).fill(x0v), t, rng);
        let mean = 0;
        for (const v of x) mean += v;
        mean /= n;
        let variance = 0;
        for (const v of x) variance += (v - mean) ** 2;
        variance /= n - 1;
        const want = 1 - s.alphaBar[t];
        // Standard errors of a Gaussian's sample mean and variance: σ/√n and σ²√(2/(n−1)).
        assert.ok(Math.abs(mean - Math.sqrt(s.alphaBar[t]) * x0v) < 4 * Math.sqrt(want / n), `mean at t = ${t}, x0 = ${x0v}: ${mean}`);
        assert.ok(Math.abs(variance - want) < 4 * want * Math.sqrt(2 / (n - 1)), `variance at t = ${t}: ${variance} vs ${want}`);
      }
    }
  });

  it('returns x_0 itself at t = 0 and refuses a t outside [0, T]', () => {
    const s = makeSchedule('linear', 10);
    const x0 = Float64Array.of(1, -2, 3);
    assert.deepEqual([...sampleForward(s, x0, 0, new Random(1))], [1, -2, 3]);
    assert.throws(() => sampleForward(s, x0, 11, new Random(1)), RangeError);
    assert.throws(() => sampleForward(s, x0, -1, new Random(1)), RangeError);
  });
});

describe('the diffusion trainer', () => {
  it('lowers the ε-prediction loss as it trains', () => {
    const tr = createDiffusionTrainer({ ...SMALL, seed: 3 });
    tr.step(300);
    const { loss } = tr.snapshot({ samples: 8, historyPoints: 10 }).history;
    assert.equal(loss.length, 10);
    // The first bucket averages the first 30 steps; an untrained ε̂ scores about 1 or more.
    assert.ok(loss[9] < 0.75 * loss[0], `loss went from ${loss[0]} to ${loss[9]}`);
  });

  it('gives the same samples, bit for bit, for the same seed, and others for another seed', () => {
    const a = createDiffusionTrainer({ ...SMALL, seed: 42 });
    const b = createDiffusionTrainer({ ...SMALL, seed: 42 });
    const c = createDiffusionTrainer({ ...SMALL, seed: 43 });
    for (const tr of [a, b, c]) tr.step(40);
    assert.ok(bits(a.sample(200)).equals(bits(b.sample(200))));
    assert.ok(bits(a.snapshot().reverse[0].points).equals(bits(b.snapshot().reverse[0].points)));
    assert.ok(!bits(a.sample(200)).equals(bits(c.sample(200))));
  });

  it('does not change its course when sampled or snapshotted', () => {
    const a = createDiffusionTrainer({ ...SMALL, seed: 5 });
    const b = createDiffusionTrainer({ ...SMALL, seed: 5 });
    a.step(10);
    a.sample(50);
    a.snapshot({ samples: 20 });
    a.step(10);
    b.step(20);
    assert.ok(bits(a.sample(100)).equals(bits(b.sample(100))));
  });

  it('snapshots the schedule, the forward chain from data to noise and the reverse chain from noise to data', () => {
    const tr = createDiffusionTrainer({ ...SMALL, seed: 1 });
    tr.step(5);
    const s = tr.snapshot({ samples: 64, frames: 5 });
    assert.equal(s.step, 5);
    assert.equal(s.alphaBar.length, SMALL.timesteps! + 1);
    assert.deepEqual(s.forward.map((f) => f.t), [0, 5, 10, 15, 20]);
    assert.deepEqual(s.reverse.map((f) => f.t), [20, 15, 10, 5, 0]);
    for (const f of [...s.forward, ...s.reverse]) {
      assert.equal(f.points.length, 128);
      assert.ok(f.points.every(Number.isFinite));
    }
    assert.ok(bits(s.forward[0].points).equals(bits(s.real)), 'the forward chain starts at the real points');
    assert.equal(s.history.loss.length, 5);
    assert.ok(s.loss !== null && Number.isFinite(s.loss));
    assert.equal(s.diverged, null);
  });

  it('samples 1-D data sets as points on the x axis', () => {
    const tr = createDiffusionTrainer({ ...SMALL, dataset: 'bimodal', seed: 1 });
    tr.step(5);
    const p = tr.sample(10);
    assert.equal(p.length, 20);
    for (let i = 0; i < 10; i++) assert.equal(p[2 * i + 1], 0);
  });

  it('refuses a bad config with a message that names the setting', () => {
    assert.throws(() => resolveDiffusionConfig({ timesteps: 0 }), /whole number of steps/);
    assert.throws(() => resolveDiffusionConfig({ batchSize: 0 }), /batchSize/);
    assert.throws(() => resolveDiffusionConfig({ emaDecay: 1 }), /emaDecay/);
    assert.throws(() => resolveDiffusionConfig({ xFrequencies: -1 }), /xFrequencies must be a whole number/);
    assert.throws(() => resolveDiffusionConfig({ timeSampling: 'cubic' as 'sqrt' }), /timeSampling must be 'uniform' or 'sqrt'/);
    assert.throws(() => resolveDiffusionConfig({ dataset: 'nope' as 'ring8' }), /unknown data set 'nope'/);
  });

  it(`covers all 8 of ring8's modes with at least 90% of the samples high quality, with the defaults (seed 1, ${DEFAULT_DIFFUSION_CONFIG.steps} steps)`, function () {
    this.timeout(180000);
    const tr = createDiffusionTrainer({ seed: 1 });
    assert.ok(tr.step(DEFAULT_DIFFUSION_CONFIG.steps));
    const m = tr.metrics();
    assert.equal(m.modesCovered, 8, `covered ${m.modesCovered} of 8 modes`);
    assert.ok(m.highQualityRatio >= 0.9, `high-quality ratio ${m.highQualityRatio}`);
  });
});

describe('genmath train diffusion', () => {
  it('prints one JSON object with steps, timing, the final loss and the mode metrics', async () => {
    const r = await run(['--steps', '20', '--seed', '3', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '', 'no progress bar when stderr is not a terminal');
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 1);
    const j = JSON.parse(lines[0]);
    assert.deepEqual(Object.keys(j), ['steps', 'seconds', 'cpuSeconds', 'stepsPerSecond', 'finalLoss', 'metrics']);
    assert.equal(j.steps, 20);
    // The sampling for the metrics costs CPU too, so it is never zero.
    assert.ok(j.cpuSeconds > 0 && j.cpuSeconds < 60, `cpuSeconds ${j.cpuSeconds}`);
    assert.ok(Number.isFinite(j.finalLoss));
    assert.deepEqual(Object.keys(j.metrics), ['modesCovered', 'modesTotal', 'highQualityRatio']);
    assert.equal(j.metrics.modesTotal, 8);
  });

  it('leaves the metrics out on a data set without modes, and draws progress only on a terminal', async () => {
    const r = await run(['--steps=4', '--dataset', 'moons', '--schedule', 'linear', '--json'], true);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /\[#{30}\] 4\/4 steps\n$/);
    const j = JSON.parse(r.out);
    assert.equal(j.metrics, undefined);
  });

  it('writes 2,500 samples as [x, y] pairs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'genmath-diffusion-'));
    const file = join(dir, 's.json');
    const r = await run(['--steps', '3', '--samples', file]);
    assert.equal(r.code, 0, r.err);
    const samples = JSON.parse(readFileSync(file, 'utf8')) as number[][];
    assert.equal(samples.length, 2500);
    assert.ok(samples.every((p) => p.length === 2 && p.every(Number.isFinite)));
    assert.match(r.out, /ring8 \(cosine schedule/);
  });

  it('answers bad flags with a usage error, exit code 2', async () => {
    for (const args of [['--schedule', 'quadratic'], ['--dataset', 'nope'], ['--steps', '-1'], ['--steps', 'ten'], ['--steps'], ['--samples'], ['--seed', 'x'], ['--json=1'], ['--frobnicate']]) {
      await assert.rejects(diffusionTask.run(args, { stdout: () => undefined, stderr: () => undefined, readStdin: async () => '', stderrIsTTY: false }), (err: Error & { exitCode?: number }) => {
        assert.equal(err.exitCode, 2, `${args.join(' ')}: ${err.message}`);
        assert.match(err.message, /usage: genmath train diffusion/);
        return true;
      });
    }
  });
});
