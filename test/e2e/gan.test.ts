// "Train Toy GAN" as a person uses it: from the command palette of a real VS Code (code-server),
// the toy panel of the GAN opens beside the editor and its plots move while it learns; pause stops
// them. Then GAN Lab's tools at 1400 x 900 with the panel beside a note: everything at a glance,
// Step D, the arrows, drawn data, and Copy experiment with its link.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, Page } from 'playwright-core';
import type { ToyFrame } from '../../src/shared/toyProtocol';
import {
  type Workbench, canvasPixels, runCommand, runSettings, screenshotsDir, webviewFrame, useWorkbench, moreScreenshotsDir, readWorkspaceFile,
} from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The main plot's pixels, to compare two moments. */
function canvasLook(frame: Frame): Promise<string> {
  return canvasPixels(frame, 'canvas#plane');
}

/** The GAN panel's frame (its footer names the toy). */
function ganFrame(page: Page): Promise<Frame> {
  return webviewFrame(page, '#footer', (t) => t.startsWith('Toy GAN'), 60_000);
}

/**
 * Keeps, inside the webview, the toy frames it receives from now on (the test reads what the panel
 * was sent, as the panel draws it); nothing of this is in the extension.
 */
async function recordFrames(frame: Frame): Promise<void> {
  // Page code as text: the tests' TypeScript has no DOM types.
  await frame.evaluate(`(() => {
    if (window.__frames) return;
    window.__frames = [];
    window.addEventListener('message', (e) => { if (e.data && e.data.type === 'frame') window.__frames.push(e.data.frame); });
  })()`);
}

/** The latest frame the webview received. */
async function latest(frame: Frame): Promise<ToyFrame> {
  return frame.evaluate('window.__frames[window.__frames.length - 1]') as Promise<ToyFrame>;
}

const fakeOf = (f: ToyFrame) => f.planes[0].points.find((p) => p.color === 'fake')!.xy;

async function closeGanTab(page: Page): Promise<void> {
  const tab = page.locator('.tabs-container .tab', { hasText: 'Toy GAN' }).first();
  if ((await tab.count()) === 0) return;
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await tab.waitFor({ state: 'detached', timeout: 10_000 });
}

describe('Training a toy GAN in a real VS Code', function () {
  this.timeout(180_000);
  let wb: Workbench;
  const workbench = useWorkbench('notes.md');
  before(() => {
    wb = workbench();
  });

  it('opens from the command palette and its plots change while it learns, and stop when paused', async () => {
    const page = wb.page;
    await runCommand(page, 'GenMath: Train Toy GAN');
    const frame = await ganFrame(page);
    // The formula being trained is rendered with KaTeX at the top.
    await frame.locator('.formula .katex').first().waitFor({ state: 'visible', timeout: 20_000 });
    await frame.locator('#footer', { hasText: /step [1-9]/ }).waitFor({ timeout: 30_000 });
    const first = await canvasLook(frame);
    await sleep(3000);
    const second = await canvasLook(frame);
    assert.notEqual(second, first, 'the scatter did not change in 3 s of training');
    assert.equal(await frame.locator('.katex-error').count(), 0);

    // Pause (the button is keyboard reachable; a click is what most people do).
    await frame.locator('button#play').click();
    await frame.locator('button#play', { hasText: 'Play' }).waitFor({ timeout: 10_000 });
    await sleep(500);
    const paused = await canvasLook(frame);
    const pausedStep = await frame.locator('#footer').textContent();
    await sleep(2000);
    assert.equal(await canvasLook(frame), paused, 'the scatter changed while paused');
    assert.equal(await frame.locator('#footer').textContent(), pausedStep);

    // A picture for the README: play again for a moment so the plots have something to show.
    await frame.locator('button#play').click();
    await sleep(4000);
    await page.screenshot({ path: path.join(moreScreenshotsDir(), 'gan.png') });
  });

  it('at 1400 x 900 beside a note shows the whole formula, the plot and both charts without scrolling', async () => {
    const page = wb.page;
    await page.setViewportSize({ width: 1400, height: 900 });
    await sleep(1500);
    const frame = await ganFrame(page);
    await frame.locator('div#series-1 .uplot').waitFor({ state: 'visible', timeout: 30_000 });
    const layout = await frame.evaluate(`(() => {
      const header = document.getElementById('formula-header');
      const formula = document.querySelector('.formula');
      const box = (sel) => document.querySelector(sel).getBoundingClientRect();
      const inside = (r) => r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && r.width > 100 && r.height > 100;
      return {
        header: [header.scrollWidth, header.clientWidth], formula: [formula.scrollWidth, formula.clientWidth],
        plane: inside(box('canvas#plane')), losses: inside(box('div#series .uplot')), quality: inside(box('div#series-1 .uplot')),
        scrolled: document.scrollingElement.scrollTop, view: [window.innerWidth, window.innerHeight],
      };
    })()`) as { header: number[]; formula: number[]; plane: boolean; losses: boolean; quality: boolean; scrolled: number };
    assert.ok(layout.header[0] <= layout.header[1], `the header is clipped: ${JSON.stringify(layout)}`);
    assert.ok(layout.formula[0] <= layout.formula[1], `the formula is clipped: ${JSON.stringify(layout)}`);
    assert.equal(layout.scrolled, 0);
    assert.ok(layout.plane && layout.losses && layout.quality, `not all in view: ${JSON.stringify(layout)}`);
    await page.screenshot({ path: path.join(screenshotsDir(), 'gan-1400x900.png') });
  });

  it('refuses an out-of-range Batch typed into its field, names the range, and keeps training at the old value', async () => {
    const frame = await ganFrame(wb.page);
    await recordFrames(frame);
    const batch = frame.locator('#setting-batchSize');
    await batch.waitFor({ state: 'visible', timeout: 20_000 });
    // One step (and its frame) so that there is a frame to read, however far the run has got.
    await frame.locator('button#step').click();
    await frame.waitForFunction('window.__frames.length > 0', undefined, { timeout: 20_000 });
    const before = (await latest(frame)).settings.batchSize;
    await frame.locator('button#play').click();
    await frame.locator('button#play', { hasText: 'Pause' }).waitFor({ timeout: 20_000 });
    // What issue 13 found: 10,000,000 grew the worker to 10 GB in 25 s.
    await batch.fill('10000000');
    await batch.press('Enter');
    await batch.blur();
    await frame.locator('#error', { hasText: /batchSize must be from 2 to 1024, got 10000000/ }).waitFor({ timeout: 20_000 });
    await sleep(1500);
    const after = await latest(frame);
    assert.equal(after.settings.batchSize, before, 'the refused batch size was applied');
    assert.ok(after.step > 0);
    assert.equal(after.running, true, 'training stopped');
    // The field shows the value training goes on with, not the refused one.
    assert.equal(await batch.inputValue(), String(before));
  });

  it('Step D changes the heat map but not the samples, and the arrows layer draws', async () => {
    const page = wb.page;
    const frame = await ganFrame(page);
    await recordFrames(frame);
    await frame.locator('button#step').click();
    await frame.locator('button#play', { hasText: 'Play' }).waitFor({ timeout: 20_000 });
    await sleep(500);
    const before = await latest(frame);
    const pixelsBefore = await canvasLook(frame);
    await frame.locator('button#action-stepD').click();
    await frame.locator('#update', { hasText: /D alone/ }).waitFor({ timeout: 20_000 });
    await sleep(300);
    const after = await latest(frame);
    assert.equal(after.step, before.step);
    assert.deepEqual(fakeOf(after), fakeOf(before), 'Step D moved the samples');
    assert.notDeepEqual(after.planes[0].grid!.values, before.planes[0].grid!.values, 'Step D left D(x) as it was');
    assert.notEqual(await canvasLook(frame), pixelsBefore);
    // The arrows: one per generated sample drawn, non-zero, named in the legend.
    const arrows = after.planes[0].arrows![0].xyd;
    assert.ok(arrows.length >= 400);
    assert.ok(arrows.some((v, i) => i % 4 >= 2 && v !== 0));
    assert.match((await frame.locator('figure.plane .legend').first().textContent()) ?? '', /−∇ of G's loss/);
  });

  it('trains on 30 points drawn on the plot: the generated samples move towards them', async () => {
    const page = wb.page;
    const frame = await ganFrame(page);
    await recordFrames(frame);
    await frame.locator('button#draw').click();
    const canvas = frame.locator('canvas#plane');
    const box = (await canvas.boundingBox())!;
    // A small cloud in the upper right of the plot.
    for (let i = 0; i < 30; i++) {
      await canvas.click({ position: { x: box.width * (0.72 + 0.06 * Math.cos(i)), y: box.height * (0.25 + 0.06 * Math.sin(1.7 * i)) } });
    }
    assert.match((await frame.locator('#drawnCount').textContent()) ?? '', /^30 of/);
    await frame.locator('button#trainDrawn').click();
    await frame.locator('.plot-title', { hasText: /drawn data/i }).first().waitFor({ timeout: 20_000 });
    await sleep(500);
    const start = await latest(frame);
    const drawn = start.planes[0].points.find((p) => p.color === 'real')!.xy;
    let cx = 0, cy = 0;
    for (let i = 0; i < drawn.length; i += 2) { cx += drawn[i]; cy += drawn[i + 1]; }
    cx /= drawn.length / 2;
    cy /= drawn.length / 2;
    const distance = (f: ToyFrame) => {
      const xy = fakeOf(f);
      let s = 0;
      for (let i = 0; i < xy.length; i += 2) s += Math.hypot(xy[i] - cx, xy[i + 1] - cy);
      return s / (xy.length / 2);
    };
    if ((await frame.locator('button#play').textContent()) === 'Play') await frame.locator('button#play').click();
    await frame.locator('#speed').selectOption('20');
    const deadline = Date.now() + 60_000;
    let now = start;
    while (Date.now() < deadline) {
      await sleep(1000);
      now = await latest(frame);
      if (now.step >= start.step + 300 && distance(now) < 0.5 * distance(start)) break;
    }
    assert.ok(distance(now) < 0.5 * distance(start), `mean distance to the drawn points went ${distance(start)} -> ${distance(now)} in ${now.step - start.step} steps`);
    await page.screenshot({ path: path.join(moreScreenshotsDir(), 'gan-drawn.png') });
  });

  it('Copy experiment writes a genmath block into the note, and its link opens the panel with the same settings', async () => {
    const page = wb.page;
    const workspace = runSettings().workspace;
    const note = readWorkspaceFile(workspace, 'notes.md');
    let frame = await ganFrame(page);
    await recordFrames(frame);
    await frame.locator('#setting-seed').fill('7');
    await frame.locator('#setting-seed').press('Enter');
    await frame.locator('#setting-loss').selectOption('least-squares');
    for (const until = Date.now() + 20_000; Date.now() < until;) {
      const s = (await latest(frame)).settings;
      if (s.seed === 7 && s.loss === 'least-squares') break;
      await sleep(250);
    }
    assert.deepEqual([(await latest(frame)).settings.seed, (await latest(frame)).settings.loss], [7, 'least-squares']);
    assert.equal(await frame.locator('#error').textContent(), '');
    await frame.locator('button#copyExperiment').click();
    // The block lands in notes.md, beside the panel, with its CodeLens.
    const lens = page.locator('.codelens-decoration a', { hasText: 'Run this experiment' });
    await lens.first().waitFor({ state: 'visible', timeout: 20_000 });
    await closeGanTab(page);
    await lens.first().click();
    frame = await ganFrame(page);
    await frame.locator('#setting-loss').waitFor({ timeout: 20_000 });
    for (const until = Date.now() + 20_000; Date.now() < until && (await frame.locator('#setting-seed').inputValue()) !== '7';) await sleep(250);
    assert.equal(await frame.locator('#setting-seed').inputValue(), '7');
    assert.equal(await frame.locator('#setting-loss').inputValue(), 'least-squares');
    await page.screenshot({ path: path.join(moreScreenshotsDir(), 'gan-experiment.png') });
    await closeGanTab(page);
    // Leave the note as it was for the suites after this one (the block is saved with the note, so
    // the file is put back on disk and the editor reverted to it): the hover's README screenshot
    // shows this note.
    fs.writeFileSync(path.join(workspace, 'notes.md'), note);
    await runCommand(page, 'File: Revert File');
    for (const until = Date.now() + 10_000; Date.now() < until && (await page.locator('.codelens-decoration a', { hasText: 'Run this experiment' }).count()) > 0;) await sleep(250);
    assert.equal(await page.locator('.codelens-decoration a', { hasText: 'Run this experiment' }).count(), 0, 'the experiment block is still in the note');
  });
});
