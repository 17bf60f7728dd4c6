// The other toy trainings as a person starts them: each from the command palette of a real VS Code
// (code-server), each opening a panel whose plot changes while it runs.
import * as assert from 'assert';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import {
  type Workbench, canvasPixels, clickHoverLinkOfDisplayFormula, runCommand, runSettings, screenshotsDir, webviewFrame, useWorkbench, closePanelTab } from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Each toy: its command, the title its panel's footer shows, its tab's label, and how many plane
 * plots and charts over steps it draws (the VAE's latent space and ELBO terms, diffusion's forward
 * process and schedules are the second ones).
 */
const TOYS: { command: string; title: string; tab: string; planes: number; charts: number }[] = [
  { command: 'GenMath: Train Toy VAE', title: 'Toy VAE', tab: 'Toy VAE', planes: 2, charts: 2 },
  { command: 'GenMath: Fit by Maximum Likelihood', title: 'Fit by maximum likelihood', tab: 'Maximum likelihood', planes: 1, charts: 1 },
  { command: 'GenMath: Train Autoencoder', title: 'Autoencoder', tab: 'Autoencoder', planes: 1, charts: 1 },
  { command: 'GenMath: Run Toy Diffusion', title: 'Toy diffusion', tab: 'Toy diffusion', planes: 2, charts: 2 },
  { command: 'GenMath: Fit KL: Forward vs Reverse', title: 'Fit KL: forward vs reverse', tab: 'KL: forward vs reverse', planes: 1, charts: 1 },
  { command: 'GenMath: Gradient Descent Explorer', title: 'Gradient Descent Explorer', tab: 'Gradient descent', planes: 1, charts: 1 },
];

/** The pixels of every plane plot of a panel. */
async function planePixels(frame: Frame, count: number): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(await canvasPixels(frame, i === 0 ? 'canvas#plane' : `canvas#plane-${i}`));
  return out;
}

/** A screenshot of a panel for the README, in a window tall enough to show its plots. */
async function panelScreenshot(wb: Workbench, tab: string): Promise<void> {
  const shots = screenshotsDir();
  await wb.page.setViewportSize({ width: 1600, height: 1250 });
  await sleep(1500);
  const box = await wb.page.locator('.tabs-container .tab', { hasText: tab }).first().boundingBox();
  const x = Math.max(0, Math.floor((box?.x ?? 800) - 2));
  await wb.page.screenshot({ path: path.join(shots, `${tab.toLowerCase().replace(/\W+/g, '-')}.png`), clip: { x, y: 0, width: 1600 - x, height: 1250 } });
  await wb.page.setViewportSize({ width: 1280, height: 720 });
}


describe('The other toy trainings in a real VS Code', function () {
  this.timeout(180_000);
  const settings = runSettings();
  let wb: Workbench;
  const workbench = useWorkbench('notes.md');
  before(() => {
    wb = workbench();
  });

  for (const toy of TOYS) {
    it(`"${toy.command}" opens a panel whose ${toy.planes > 1 ? 'plots change' : 'plot changes'} while it runs`, async () => {
      await runCommand(wb.page, toy.command);
      // Generous for a loaded machine: with two cores kept busy besides, the first frame came in 6-9 s.
      const frame = await webviewFrame(wb.page, '#footer', (text) => text.startsWith(toy.title), 60_000);
      await frame.locator('.formula .katex').first().waitFor({ state: 'visible', timeout: 20_000 });
      assert.equal(await frame.locator('.katex-error').count(), 0);
      // From step 0, paused, so that a quick toy cannot have finished before the first look. Step
      // pauses whatever the state (Play/Pause would race the panel's own autoplay).
      await frame.locator('button#step').click();
      await frame.locator('button#play', { hasText: 'Play' }).waitFor({ timeout: 20_000 });
      await frame.locator('button#reset').click();
      await frame.locator('#footer', { hasText: /step 0\b/ }).waitFor({ timeout: 10_000 });
      assert.equal(await frame.locator('canvas[id^="plane"]').count(), toy.planes);
      assert.equal(await frame.locator('div[id^="series"] .uplot').count(), toy.charts);
      const before = await planePixels(frame, toy.planes);
      await frame.locator('button#play').click();
      await frame.locator('#footer', { hasText: /step [1-9]/ }).waitFor({ timeout: 20_000 });
      // Each plot must change at some moment within a few seconds. One look is not enough: diffusion's
      // chains are a replay that passes through the same stage (pure noise) now and then.
      const changed = before.map(() => false);
      for (const deadline = Date.now() + 8000; changed.includes(false) && Date.now() < deadline;) {
        await sleep(400);
        (await planePixels(frame, toy.planes)).forEach((p, i) => { if (p !== before[i]) changed[i] = true; });
      }
      changed.forEach((c, i) => assert.ok(c, `plot ${i + 1} of ${toy.planes} did not change while it ran`));
      if (toy.planes > 1) await panelScreenshot(wb, toy.tab);
      await closePanelTab(wb.page, toy.tab);
    });
  }

  it('moves the learning rate by keyboard on the slider past 2/L, and the plain path is then said to diverge', async () => {
    await runCommand(wb.page, 'GenMath: Gradient Descent Explorer');
    const frame = await webviewFrame(wb.page, '#footer', (text) => text.startsWith('Gradient Descent Explorer'), 60_000);
    const slider = frame.locator('input[type="range"]#setting-learningRate');
    const shown = frame.locator('output[for="setting-learningRate"]');
    await slider.waitFor({ state: 'visible', timeout: 10_000 });
    assert.equal(await shown.textContent(), '0.1');
    await slider.focus();
    await slider.press('End');
    // The slider's top is 0.4 = 4/L: the worker reports the new η back, and the verdict changes.
    await frame.locator('#terms', { hasText: '0.4' }).waitFor({ timeout: 10_000 });
    assert.equal(await shown.textContent(), '0.4');
    // Whether the paths were still being drawn or had finished, the new ones are drawn to the same step.
    await frame.locator('#diagnostics', { hasText: /Plain gradient descent diverged/ }).waitFor({ timeout: 30_000 });
    await panelScreenshot(wb, 'Gradient descent');
    await closePanelTab(wb.page, 'Gradient descent');
  });

  it("opens the VAE from the ELBO's Run demo link, with the note's formula above the experiment", async () => {
    const page = wb.page;
    await clickHoverLinkOfDisplayFormula(page, settings.workspace, 'notes.md', 'Run demo');
    const frame = await webviewFrame(page, '#source', (t) => t.includes('From your note'), 60_000);
    assert.match((await frame.locator('#source').textContent()) ?? '', /Evidence lower bound/);
    await frame.locator('#source .katex').first().waitFor({ state: 'visible', timeout: 20_000 });
    assert.equal(await frame.locator('#source .katex-error').count(), 0);
    // The link asked for the data set with an exact log p(x): the panel says so.
    await frame.locator('#diagnostics', { hasText: 'lineargauss' }).waitFor({ timeout: 30_000 });
    await closePanelTab(wb.page, 'Toy VAE');
  });
});
