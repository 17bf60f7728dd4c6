import * as assert from 'node:assert/strict';
import type { CliIO } from '../../../src/cli/io';
import { gdTask } from '../../../src/cli/train/gd';
import { exploreGd, gdPath, GD_DEFAULTS } from '../../../src/core/train/gdExplorer';

function fakeIO(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t), readStdin: async () => '', stderrIsTTY: false };
  return io;
}

const L = GD_DEFAULTS.quadratic.largeEigenvalue;

function norms(points: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < points.length; i += 2) out.push(Math.hypot(points[i], points[i + 1]));
  return out;
}

describe('Gradient descent explorer', () => {
  it('converges with plain GD at η = 1.9/L on the quadratic, and says η < 2/L', () => {
    const p = gdPath({ learningRate: 1.9 / L, steps: 200 }, 'sgd');
    assert.equal(p.diverged, false);
    const n = norms(p.points);
    assert.ok(n[n.length - 1] < 1e-3 * n[0], `‖θ‖ ${n[0]} -> ${n[n.length - 1]}`);
    assert.match(p.message, /< 2\/L/);
  });

  it('diverges with plain GD at η = 2.1/L: the norm grows, it says η > 2/L, and stays finite', () => {
    const p = gdPath({ learningRate: 2.1 / L, steps: 200 }, 'sgd');
    assert.equal(p.diverged, true);
    const n = norms(p.points);
    assert.ok(n[n.length - 1] > 100 * n[0], `‖θ‖ ${n[0]} -> ${n[n.length - 1]}`);
    assert.match(p.message, /diverged/);
    assert.match(p.message, /> 2\/L/);
    assert.ok(p.points.every(Number.isFinite) && p.values.every(Number.isFinite));
  });

  it('stops a blown-up path before it leaves the finite numbers', () => {
    for (const optimizer of ['sgd', 'momentum'] as const) {
      const p = gdPath({ learningRate: 50, steps: 10_000 }, optimizer);
      assert.equal(p.diverged, true);
      assert.ok(p.steps < 100);
      assert.ok(p.divergedAt !== null);
      assert.ok(p.points.every(Number.isFinite) && p.values.every(Number.isFinite));
      assert.equal(p.points.length, 2 * (p.steps + 1));
    }
  });

  it('runs all three optimizers on Rosenbrock with finite paths and a contour grid', () => {
    const s = exploreGd({ function: 'rosenbrock' });
    assert.equal(s.stepSizeLimit, null);
    assert.deepEqual(s.minimum, [1, 1]);
    assert.equal(s.surface.values.length, s.surface.width * s.surface.height);
    for (const p of Object.values(s.paths)) {
      assert.equal(p.diverged, false, p.message);
      assert.ok(p.final.f < p.values[0]);
      assert.ok(p.points.every(Number.isFinite));
    }
    assert.ok(s.paths.momentum.final.f < 1e-3, 'momentum follows the valley to the minimum');
  });

  it('reports 2/L on the quadratic and a contour grid that frames the start', () => {
    const s = exploreGd();
    assert.equal(s.stepSizeLimit, 2 / L);
    const [x, y] = s.config.start;
    assert.ok(s.surface.xMin < x && x < s.surface.xMax && s.surface.yMin < y && y < s.surface.yMax);
  });
});

describe('genmath train gd', () => {
  it('prints the run as one JSON object with 2/L and a message', async () => {
    const io = fakeIO();
    // Diverged, so exit 1 (issue 13: it used to exit 0), with the reason on stderr.
    assert.equal(await gdTask.run(['--lr', String(2.1 / L), '--steps', '100', '--json'], io), 1);
    const j = JSON.parse(io.out);
    assert.deepEqual(Object.keys(j), ['function', 'optimizer', 'lr', 'steps', 'diverged', 'final', 'stepSizeLimit', 'message']);
    assert.equal(j.diverged, true);
    assert.equal(j.stepSizeLimit, 0.2);
    assert.equal(j.final.theta.length, 2);
    assert.match(io.err, /diverged/);
  });

  it('leaves out 2/L on Rosenbrock', async () => {
    const io = fakeIO();
    assert.equal(await gdTask.run(['--function', 'rosenbrock', '--optimizer', 'adam', '--steps', '50', '--json'], io), 0);
    const j = JSON.parse(io.out);
    assert.equal('stepSizeLimit' in j, false);
    assert.equal(j.optimizer, 'adam');
  });

  it('answers bad flags with exit code 2', async () => {
    for (const args of [['--lr', '0'], ['--lr', 'fast'], ['--optimizer', 'lbfgs'], ['--function', 'himmelblau'], ['--steps', '1.5']]) {
      await assert.rejects(gdTask.run(args, fakeIO()), (err: unknown) => (err as { exitCode?: number }).exitCode === 2, args.join(' '));
    }
  });
});
