/**
 * What the toy panels draw, checked on the toys themselves (no worker): the VAE's latent space and
 * ELBO terms, diffusion's forward process and schedules, the gradient descent explorer's sliders.
 */
import * as assert from 'node:assert/strict';
import type { ToyEvent, ToyFrame } from '../../../src/shared/toyProtocol';
import { ToyRunner } from '../../../src/worker/toyRunner';
import { diffusionToy } from '../../../src/worker/toys/diffusion';
import { gdToy } from '../../../src/worker/toys/gd';
import { vaeToy } from '../../../src/worker/toys/vae';

describe('the toy panels’ views', function () {
  this.timeout(60_000);

  it('VAE: a 1-D latent is drawn as q(z) beside the prior, a 2-D one as codes inside the prior’s circles', () => {
    const one = vaeToy.create({ dataset: 'lineargauss', latentDim: '1', seed: 1 });
    one.step(300);
    const latent1 = one.view().planes[1];
    assert.match(latent1.title, /latent/i);
    assert.deepEqual(latent1.lines.map((l) => l.label), ['prior p(z)', 'q(z)']);
    const [prior, q] = latent1.lines.map((l) => l.xy);
    // Both are densities on the same grid: positive, and different (the codes are not the prior).
    assert.equal(prior.length, q.length);
    assert.ok(q.some((v, i) => i % 2 === 1 && Math.abs(v - prior[i]) > 1e-3));
    // One code in the rug per data point.
    assert.equal(latent1.points[0].xy.length, one.view().planes[0].points[0].xy.length);

    const two = vaeToy.create({ dataset: 'ring8', latentDim: '2', seed: 1 });
    two.step(50);
    const latent2 = two.view().planes[1];
    assert.match(latent2.title, /N\(0, I\)/);
    // One code per data point, two coordinates each, and the prior's circles of radius 1 and 2.
    assert.equal(latent2.points[0].xy.length, two.view().planes[0].points[0].xy.length);
    const radius = (xy: readonly number[]) => Math.hypot(xy[0], xy[1]);
    assert.deepEqual(latent2.lines.map((l) => Math.round(radius(l.xy))), [1, 2]);
  });

  it('VAE: the terms chart is the ELBO’s own terms: reconstruction − KL = ELBO at every step', () => {
    const s = vaeToy.create({ dataset: 'lineargauss', seed: 2 });
    s.step(400);
    const [elboChart, termsChart] = s.view().series;
    assert.deepEqual(termsChart.x, elboChart.x);
    const elbo = elboChart.lines.find((l) => l.label === 'ELBO')!.y;
    const [rec, kl] = termsChart.lines.map((l) => l.y);
    assert.ok(termsChart.x.length > 10);
    elbo.forEach((e, i) => assert.ok(Math.abs(rec[i] - kl[i] - e) < 1e-3, `step ${termsChart.x[i]}: ${rec[i]} - ${kl[i]} != ${e}`));
    // The KL term moves while it learns: the chart is not a flat line.
    assert.ok(Math.max(...kl) - Math.min(...kl) > 1e-2);
  });

  it('VAE: a data set brings its own learning rate unless one is given with it', () => {
    const frames: ToyFrame[] = [];
    const runner = new ToyRunner('vae', vaeToy, (e: ToyEvent) => { if (e.type === 'frame') frames.push(e.frame); }, { dataset: 'ring8' });
    runner.handle({ type: 'ready' });
    assert.equal(frames[0].settings.learningRate, 5e-3);
    runner.handle({ type: 'settings', settings: { dataset: 'lineargauss' } });
    assert.equal(frames[frames.length - 1].settings.learningRate, 0.05);
    runner.handle({ type: 'settings', settings: { dataset: 'moons', learningRate: 0.01 } });
    assert.equal(frames[frames.length - 1].settings.learningRate, 0.01);
    runner.dispose();
  });

  it('diffusion: the forward plane noises the data as t rises, and the ᾱ_t chart compares both schedules', () => {
    const s = diffusionToy.create({ dataset: 'ring8', schedule: 'cosine', seed: 1 });
    s.step(5);
    const views = Array.from({ length: 45 }, () => s.view());
    const ts = views.map((v) => Number(/t = (\d+)/.exec(v.planes[0].title)![1]));
    assert.equal(ts[0], 0);
    assert.ok(Math.max(...ts) > 0 && ts.slice(1).some((t, i) => t > ts[i]), `forward t went ${ts.join(',')}`);
    // The same points followed through the chain: close to the data early on, unrelated to it at t = T.
    const correlation = (a: readonly number[], b: readonly number[]) => {
      const mean = (v: readonly number[]) => v.reduce((x, y) => x + y, 0) / v.length;
      const ma = mean(a), mb = mean(b);
      let ab = 0, aa = 0, bb = 0;
      a.forEach((x, i) => { ab += (x - ma) * (b[i] - mb); aa += (x - ma) ** 2; bb += (b[i] - mb) ** 2; });
      return ab / Math.sqrt(aa * bb);
    };
    const at = (t: number) => views[ts.indexOf(t)].planes[0].points.find((p) => p.label.startsWith('x_t'))!.xy;
    const sorted = [...new Set(ts)].sort((a, b) => a - b);
    assert.ok(correlation(at(0), at(sorted[1])) > 0.9, 'the first step already lost the data');
    assert.ok(Math.abs(correlation(at(0), at(sorted[sorted.length - 1]))) < 0.25, 'the last step still holds the data');

    // The loss shown is live, not the last snapshot's: it moves between two frames of one snapshot.
    // The header states the loss the trainer minimizes: t drawn with probability ∝ 1/√t by default.
    assert.match(views[0].formula, /p\(t\) \\propto 1\/\\sqrt\{t\}/);
    assert.equal(views[0].terms[0].tex, 'L');
    const loss = (v: (typeof views)[number]) => v.terms[0].value;
    const before = loss(s.view());
    s.step(3);
    assert.notEqual(loss(s.view()), before);

    const schedules = views[0].series[1];
    assert.deepEqual(schedules.lines.map((l) => l.label), ['ᾱ_t linear', 'ᾱ_t cosine (this run)']);
    const [linear, cosine] = schedules.lines.map((l) => l.y);
    const T = schedules.x.length - 1;
    assert.equal(linear[0], 1);
    assert.equal(cosine[0], 1);
    // Both fall to near 0 at T; at T/2 the cosine schedule keeps more signal than the linear one.
    assert.ok(linear[T] < 0.01 && cosine[T] < 0.01);
    assert.ok(cosine[Math.floor(T / 2)] > linear[Math.floor(T / 2)] + 0.1);
  });

  it('gradient descent: η is a log slider marked at 2/L, a new η keeps the step, a new function its own η', () => {
    const frames: ToyFrame[] = [];
    const runner = new ToyRunner('gd', gdToy, (e: ToyEvent) => { if (e.type === 'frame') frames.push(e.frame); });
    runner.handle({ type: 'ready' });
    const eta = frames[0].controls.find((c) => c.key === 'learningRate')!;
    assert.equal(eta.kind, 'range');
    assert.equal(eta.scale, 'log');
    assert.ok(eta.live);
    assert.equal(eta.mark?.value, 0.2);
    assert.ok(eta.min! < 0.2 && eta.max! > 0.2, 'the slider does not cross 2/L');

    for (let i = 0; i < 30; i++) runner.handle({ type: 'step' });
    const at = frames[frames.length - 1].step;
    assert.equal(at, 30);
    runner.handle({ type: 'settings', settings: { learningRate: 0.25 } });
    let last = frames[frames.length - 1];
    assert.equal(last.step, at, 'a new η started the paths over');
    assert.equal(last.settings.learningRate, 0.25);
    // Past 2/L the plain path runs away from the minimum.
    const plainPath = last.planes[0].lines.find((l) => l.label === 'plain')!.xy;
    assert.ok(Math.abs(plainPath[plainPath.length - 2]) > 4, `plain θ₁ = ${plainPath[plainPath.length - 2]}`);
    // ... and is drawn until it has clearly left the plot, not out to where it blew up (|θ| ~ 1e6).
    assert.ok(Math.abs(plainPath[plainPath.length - 2]) < 100, `plain θ₁ drawn to ${plainPath[plainPath.length - 2]}`);

    runner.handle({ type: 'settings', settings: { function: 'rosenbrock' } });
    last = frames[frames.length - 1];
    assert.equal(last.settings.learningRate, 1e-3, 'Rosenbrock kept the quadratic’s η');
    const etaR = last.controls.find((c) => c.key === 'learningRate')!;
    assert.ok(etaR.max! < 0.2 && etaR.mark === undefined);
    runner.dispose();
  });
});
