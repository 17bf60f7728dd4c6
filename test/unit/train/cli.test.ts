import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIO } from '../../../src/cli/io';
import { main } from '../../../src/cli/main';

async function run(args: string[], tty = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIO = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), readStdin: async () => '', stderrIsTTY: tty };
  const code = await main(args, io);
  return { code, out, err };
}

describe('genmath train', () => {
  it('prints one JSON object with steps, timing, divergence and metrics', async () => {
    const r = await run(['train', 'gan', '--steps', '30', '--seed', '3', '--json']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '', 'no progress bar when stderr is not a terminal');
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 1);
    const j = JSON.parse(lines[0]);
    assert.deepEqual(Object.keys(j), ['steps', 'seconds', 'cpuSeconds', 'stepsPerSecond', 'diverged', 'metrics']);
    assert.equal(j.steps, 30);
    // CPU time is measured, not copied from wall time: positive, and a few seconds at most for 30 steps.
    assert.ok(j.cpuSeconds > 0 && j.cpuSeconds < 30, `cpuSeconds ${j.cpuSeconds}`);
    assert.equal(j.diverged, false);
    assert.deepEqual(Object.keys(j.metrics), ['modesCovered', 'modesTotal', 'highQualityRatio', 'jsd']);
    assert.equal(j.metrics.modesTotal, 8);
  });

  it('draws a progress bar on stderr only when it is a terminal, leaving stdout to the JSON', async () => {
    const r = await run(['train', 'gan', '--steps', '10', '--json'], true);
    assert.equal(r.code, 0);
    assert.match(r.err, /\[#{30}\] 10\/10 steps\n$/);
    assert.doesNotThrow(() => JSON.parse(r.out));
  });

  it('writes 2,500 samples as [x, y] pairs and an SVG', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'genmath-train-'));
    const r = await run(['train', 'gan', '--steps=5', '--dataset', 'moons', '--loss', 'least-squares', '--samples', join(dir, 's.json'), '--svg', join(dir, 'p.svg')]);
    assert.equal(r.code, 0, r.err);
    const samples = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8')) as number[][];
    assert.equal(samples.length, 2500);
    assert.ok(samples.every((p) => p.length === 2 && p.every(Number.isFinite)));
    const svg = readFileSync(join(dir, 'p.svg'), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\n$/);
    assert.match(r.out, /moons/);
  });

  it('names the models it has when asked for one it has not, with exit code 2', async () => {
    for (const model of ['cyclegan', '--json']) {
      const r = await run(['train', model]);
      assert.equal(r.code, 2);
      assert.match(r.err, /^genmath train: .*\(have: gan, vae, mle, autoencoder, diffusion, klfit, gd/);
      assert.equal(r.err.trim().split('\n').length, 1);
    }
  });

  it('runs the other toy trainings by name', async () => {
    const r = await run(['train', 'klfit', '--json']);
    assert.equal(r.code, 0, r.err);
    const out = JSON.parse(r.out);
    // Forward KL fits the mixture's moments: mean 0, variance 0.5^2 + 2^2.
    assert.ok(Math.abs(out.forward.mu) < 1e-2 && Math.abs(out.forward.sigma - Math.sqrt(4.25)) < 1e-2);
  });

  it('answers bad flags with one line and exit code 2', async () => {
    for (const args of [['--steps', 'ten'], ['--steps', '-1'], ['--dataset', 'cats'], ['--loss', 'hinge'], ['--frobnicate'], ['--seed'], ['--svg'], ['--json=yes']]) {
      const r = await run(['train', 'gan', ...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.err.trim().split('\n').length, 1);
      assert.match(r.err, /usage: genmath train gan/);
      assert.equal(r.out, '');
    }
    assert.equal((await run(['train'])).code, 2);
  });
});
