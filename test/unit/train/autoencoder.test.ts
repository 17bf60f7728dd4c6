import * as assert from 'node:assert/strict';
import { CliError, type CliIO } from '../../../src/cli/io';
import { autoencoderTask } from '../../../src/cli/train/autoencoder';
import { createAutoencoderTrainer, DEFAULT_AUTOENCODER_CONFIG, resolveAutoencoderConfig } from '../../../src/core/train/autoencoder';

function bits(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function fakeIO(tty = false): { io: CliIO; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), readStdin: async () => '', stderrIsTTY: tty }, out, err };
}

describe('the autoencoder trainer', () => {
  it('cuts the reconstruction error of the default arc at least tenfold through a 1-D bottleneck', () => {
    const t = createAutoencoderTrainer({ seed: 1 });
    assert.equal(t.config.dataset, 'arc');
    t.step(DEFAULT_AUTOENCODER_CONFIG.steps);
    const s = t.snapshot();
    assert.equal(s.diverged, null);
    assert.ok(s.loss <= s.initialLoss / 10, `initial ${s.initialLoss}, final ${s.loss}`);
    // Not only below the start but below the data's spread: the code really carries the position on the arc.
    assert.ok(s.loss <= s.varianceLoss / 10, `final ${s.loss}, variance ${s.varianceLoss}`);
    assert.equal(s.loss, t.loss());
  });

  it('gives the same run, bit for bit, for the same seed, and a different one for another seed', () => {
    const run = (seed: number) => {
      const t = createAutoencoderTrainer({ seed, steps: 100 });
      t.step(100);
      return t.snapshot();
    };
    const a = run(5);
    const b = run(5);
    for (const key of ['inputs', 'codes', 'reconstructions', 'curve'] as const) assert.ok(bits(a[key]).equals(bits(b[key])), key);
    assert.deepEqual(a.history, b.history);
    assert.notEqual(run(6).loss, a.loss);
  });

  it('snapshots inputs against reconstructions, 1-D codes, the learnt curve and the loss history', () => {
    const t = createAutoencoderTrainer({ dataset: 'line', steps: 50 });
    t.step(50);
    const s = t.snapshot();
    const n = s.config.dataSize;
    assert.equal(s.inputs.length, 2 * n);
    assert.equal(s.reconstructions.length, 2 * n);
    assert.equal(s.codes.length, n);
    assert.equal(s.curve.length % 2, 0);
    assert.equal(s.history[0].step, 0);
    assert.equal(s.history[0].loss, s.initialLoss);
    assert.equal(s.history[s.history.length - 1].step, 50);
    assert.ok([...s.inputs, ...s.codes, ...s.reconstructions, ...s.curve, ...s.history.map((h) => h.loss)].every(Number.isFinite));
  });

  it('rejects settings it cannot honour, naming them', () => {
    assert.throws(() => resolveAutoencoderConfig({ dataset: 'bimodal' as never }), /unknown data set/);
    assert.throws(() => resolveAutoencoderConfig({ hidden: [0] }), /hidden/);
    assert.throws(() => resolveAutoencoderConfig({ learningRate: -1 }), /learningRate/);
  });
});

describe('genmath train autoencoder', () => {
  it('prints one JSON object with the initial and final loss, steps and seconds', async () => {
    const { io, out, err } = fakeIO();
    assert.equal(await autoencoderTask.run(['--steps', '200', '--seed', '2', '--json'], io), 0, err.join(''));
    assert.deepEqual(err, []);
    const lines = out.join('').trim().split('\n');
    assert.equal(lines.length, 1);
    const j = JSON.parse(lines[0]);
    for (const key of ['initialLoss', 'finalLoss', 'steps', 'seconds']) assert.ok(key in j, key);
    assert.equal(j.steps, 200);
    assert.ok(j.finalLoss < j.initialLoss);
  });

  it('draws a progress bar on stderr only when it is a terminal', async () => {
    const { io, err } = fakeIO(true);
    assert.equal(await autoencoderTask.run(['--steps=10', '--dataset', 'moons'], io), 0);
    assert.match(err.join(''), /\[#{30}\] 10\/10 steps\n$/);
  });

  it('answers bad flags with a usage error, exit code 2', async () => {
    for (const args of [['--steps', '-1'], ['--dataset', 'cats'], ['--latent', '2'], ['--seed'], ['--json=1']]) {
      const { io, out } = fakeIO();
      await assert.rejects(autoencoderTask.run(args, io), (e: unknown) => e instanceof CliError && e.exitCode === 2, args.join(' '));
      assert.deepEqual(out, []);
    }
  });
});
