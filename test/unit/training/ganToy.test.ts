/**
 * The GAN as a toy: its frame, the tools GAN Lab has (Step D / Step G, the arrows, drawn data), and
 * histories sent as their new points only.
 */
import * as assert from 'node:assert/strict';
import { createGanTrainer } from '../../../src/core/train/gan';
import { GAN_DEFAULT_SETTINGS } from '../../../src/shared/ganSettings';
import { planeSvg } from '../../../src/shared/planeSvg';
import type { ToyEvent, ToyFrame } from '../../../src/shared/toyProtocol';
import { ToyRunner } from '../../../src/worker/toyRunner';
import { ganToy } from '../../../src/worker/toys/gan';

const fakeOf = (f: Pick<ToyFrame, 'planes'>) => f.planes[0].points.find((p) => p.color === 'fake')!.xy;

function runner(settings = {}): { r: ToyRunner; frames: ToyFrame[]; errors: string[] } {
  const frames: ToyFrame[] = [];
  const errors: string[] = [];
  const r = new ToyRunner('gan', ganToy, (e: ToyEvent) => (e.type === 'frame' ? frames.push(e.frame) : errors.push(e.message)), settings);
  return { r, frames, errors };
}

describe('the GAN as a toy', function () {
  this.timeout(120_000);

  it('draws D(x) labelled by what it holds, real points, generated points, G’s manifold and the arrows on one plane', () => {
    const s = ganToy.create(GAN_DEFAULT_SETTINGS);
    s.step(20);
    const v = s.view();
    const p = v.planes[0];
    assert.equal(p.grid!.kind, 'probability');
    assert.equal(p.grid!.label, 'D(x) = P(real)');
    assert.ok(p.grid!.values.every((x) => x >= 0 && x <= 1));
    assert.deepEqual(p.points.map((c) => c.color).sort(), ['fake', 'real']);
    assert.ok(p.lines.length >= 16 && p.lines.every((l) => l.xy.length >= 4));
    assert.equal(p.arrows!.length, 1);
    assert.ok(p.arrows![0].xyd.length >= 4 * 100);
    assert.deepEqual(v.series.map((x) => x.lines.map((l) => l.label)), [['loss D', 'loss G'], ['modes covered', 'high quality', 'JSD / log 2']]);
    const ls = ganToy.create({ ...GAN_DEFAULT_SETTINGS, loss: 'least-squares' }).view().planes[0].grid!;
    assert.equal(ls.kind, 'score');
    assert.match(ls.label!, /least-squares/);
  });

  it('Step D changes the heat map and not the samples; Step G moves the samples and counts a step', () => {
    const s = ganToy.create(GAN_DEFAULT_SETTINGS);
    s.step(30);
    const before = s.view();
    s.action!('stepD');
    const afterD = s.view();
    assert.equal(s.stepCount, 30);
    assert.deepEqual(fakeOf(afterD), fakeOf(before));
    assert.notDeepEqual(afterD.planes[0].grid!.values, before.planes[0].grid!.values);
    assert.match(s.lastUpdate!(), /D alone/);
    s.action!('stepG');
    const afterG = s.view();
    assert.equal(s.stepCount, 31);
    assert.notDeepEqual(fakeOf(afterG), fakeOf(afterD));
    assert.deepEqual(afterG.planes[0].grid!.values, afterD.planes[0].grid!.values);
  });

  it('points each arrow exactly along −∇ of G’s loss: the direction D(x) rises, by finite differences of D', () => {
    const t = createGanTrainer({ dataset: 'gaussian', seed: 2 });
    t.step(40);
    const h = t.snapshot({ samples: 1, heatmap: 256, manifold: 2, metrics: false }).heatmap;
    const W = h.width;
    const dx = (h.bounds.xMax - h.bounds.xMin) / W;
    const dy = (h.bounds.yMax - h.bounds.yMin) / h.height;
    const cosines: number[] = [];
    for (const [r, c] of [[100, 100], [128, 90], [140, 160], [60, 200], [200, 60], [128, 128], [30, 30], [220, 220]]) {
      // D at a cell's centre is D of a pack of copies of that point, as the heat map computes it.
      const fd = [(h.values[r * W + c + 1] - h.values[r * W + c - 1]) / (2 * dx), (h.values[(r + 1) * W + c] - h.values[(r - 1) * W + c]) / (2 * dy)];
      const x = h.bounds.xMin + (c + 0.5) * dx;
      const y = h.bounds.yMin + (r + 0.5) * dy;
      const pts = Array.from({ length: t.config.pack }, () => [x, y]).flat();
      const a = t.descent(pts);
      let ax = 0, ay = 0;
      for (let i = 0; i < t.config.pack; i++) { ax += a[4 * i + 2]; ay += a[4 * i + 3]; }
      if (Math.hypot(...fd) < 1e-6) continue;
      cosines.push((ax * fd[0] + ay * fd[1]) / (Math.hypot(ax, ay) * Math.hypot(fd[0], fd[1])));
    }
    assert.ok(cosines.length >= 5);
    cosines.sort((p, q) => p - q);
    // The non-saturating G raises D: −∇ of its loss is parallel to ∇σ(D). D is piecewise linear, so a cell's difference may cross a kink.
    assert.ok(cosines[Math.floor(cosines.length / 2)] > 0.99, cosines.join(', '));
    assert.ok(cosines[0] > 0.8, cosines.join(', '));
  });

  it('trains on drawn data: the generated samples move towards 30 drawn points', () => {
    const drawn: number[] = [];
    for (let i = 0; i < 30; i++) drawn.push(1.5 + 0.3 * Math.cos(i), -1 + 0.3 * Math.sin(i * 1.7));
    const { r, frames, errors } = runner();
    r.handle({ type: 'ready' });
    r.handle({ type: 'data', points: drawn });
    assert.deepEqual(errors, []);
    const distance = (f: ToyFrame) => {
      const xy = fakeOf(f);
      let sum = 0;
      for (let i = 0; i < xy.length; i += 2) sum += Math.hypot(xy[i] - 1.5, xy[i + 1] + 1);
      return sum / (xy.length / 2);
    };
    const start = frames[frames.length - 1];
    assert.equal(start.settings.dataset, 'drawn');
    assert.equal(start.planes[0].points.find((p) => p.color === 'real')!.label, 'drawn data');
    for (let i = 0; i < 300; i++) r.handle({ type: 'step' });
    const end = frames[frames.length - 1];
    r.dispose();
    assert.ok(distance(end) < 0.5 * distance(start), `${distance(start)} -> ${distance(end)}`);
  });

  it('sends a history’s new points only, and all of it after a restart or a reload', () => {
    const { r, frames } = runner();
    r.handle({ type: 'ready' });
    for (let i = 0; i < 3; i++) r.handle({ type: 'step' });
    const losses = frames.map((f) => f.series[0]);
    assert.equal(losses[0].append, undefined);
    assert.deepEqual(losses.slice(1).map((s) => [s.append, s.x]), [[true, [1]], [true, [2]], [true, [3]]]);
    // A learning rate changes the run in place: the history goes on.
    r.handle({ type: 'settings', settings: { learningRateG: 0.002 } });
    r.handle({ type: 'step' });
    assert.deepEqual(frames[frames.length - 1].series[0].x, [4]);
    assert.equal(frames[frames.length - 1].step, 4);
    // A new seed starts again: the whole (empty) history replaces the panel's.
    r.handle({ type: 'settings', settings: { seed: 9 } });
    assert.equal(frames[frames.length - 1].series[0].append, undefined);
    assert.equal(frames[frames.length - 1].step, 0);
    r.handle({ type: 'step' });
    r.handle({ type: 'ready' });
    assert.equal(frames[frames.length - 1].series[0].append, undefined);
    assert.deepEqual(frames[frames.length - 1].series[0].x, [1]);
    r.dispose();
  });

  it('refuses a setting outside its control’s range and an action it does not have, and keeps the run', () => {
    const { r, frames, errors } = runner();
    r.handle({ type: 'ready' });
    r.handle({ type: 'settings', settings: { dSteps: 11 } });
    assert.match(errors[0], /dSteps must be from 1 to 10, got 11/);
    assert.equal(frames[frames.length - 1].settings.dSteps, GAN_DEFAULT_SETTINGS.dSteps);
    const n = frames.length;
    r.handle({ type: 'action', id: 'explode' });
    assert.equal(frames.length, n);
    r.dispose();
  });

  it('in slow motion steps once a second and says what the step updated', async () => {
    const { r, frames } = runner();
    r.handle({ type: 'ready' });
    r.handle({ type: 'slow', on: true });
    r.handle({ type: 'play' });
    await new Promise((done) => setTimeout(done, 2300));
    r.handle({ type: 'pause' });
    r.dispose();
    const last = frames[frames.length - 1];
    // Steps at 0, 1 and 2 s: three, not the hundreds a normal speed makes in 2 s.
    assert.ok(last.step >= 2 && last.step <= 3, `step ${last.step}`);
    assert.ok(frames.some((f) => f.slow && f.running));
    assert.match(last.update ?? '', /^Step \d+: D took 1 step, then G one\. D's loss is now -?\d/);
  });

  it('applies a preset as settings: Plain GAN turns the stabilizers off and keeps the data set', () => {
    const { r, frames } = runner({ dataset: 'grid25' });
    r.handle({ type: 'ready' });
    r.handle({ type: 'action', id: 'plain' });
    const s = frames[frames.length - 1].settings;
    assert.deepEqual([s.dataset, s.pack, s.emaDecay, s.lrDecay, s.learningRateD], ['grid25', 1, 0, 'none', s.learningRateG]);
    r.handle({ type: 'action', id: 'defaults' });
    assert.deepEqual({ ...frames[frames.length - 1].settings }, { ...GAN_DEFAULT_SETTINGS, dataset: 'grid25' });
    r.dispose();
  });

  it('exports its plane as a standalone SVG with every layer', () => {
    const s = ganToy.create(GAN_DEFAULT_SETTINGS);
    s.step(5);
    const svg = planeSvg(s.view().planes[0]);
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.ok((svg.match(/<rect /g) ?? []).length > 48 * 48);
    assert.ok((svg.match(/<circle /g) ?? []).length >= 1024);
    assert.ok((svg.match(/<line /g) ?? []).length >= 100);
    assert.match(svg, /D\(x\) = P\(real\)/);
  });
});
