// The other toy trainings as a person starts them: each from the command palette of a real VS Code
// (code-server), each opening a panel whose plot changes while it runs.
import * as assert from 'assert';
import type { Browser } from 'playwright-core';
import { type Workbench, canvasPixels, launchBrowser, openFile, openWorkbench, runCommand, runSettings, saveFailure, webviewFrame } from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Each toy: its command, the title its panel's footer shows, and its tab's label. */
const TOYS: { command: string; title: string; tab: string }[] = [
  { command: 'GenMath: Train Toy VAE', title: 'Toy VAE', tab: 'Toy VAE' },
  { command: 'GenMath: Fit by Maximum Likelihood', title: 'Fit by maximum likelihood', tab: 'Maximum likelihood' },
  { command: 'GenMath: Train Autoencoder', title: 'Autoencoder', tab: 'Autoencoder' },
  { command: 'GenMath: Run Toy Diffusion', title: 'Toy diffusion', tab: 'Toy diffusion' },
  { command: 'GenMath: Fit KL: Forward vs Reverse', title: 'Fit KL: forward vs reverse', tab: 'KL: forward vs reverse' },
  { command: 'GenMath: Gradient Descent Explorer', title: 'Gradient Descent Explorer', tab: 'Gradient descent' },
];

describe('The other toy trainings in a real VS Code', function () {
  this.timeout(180_000);
  const settings = runSettings();
  let browser: Browser;
  let wb: Workbench;

  before(async function () {
    browser = await launchBrowser();
    wb = await openWorkbench(browser, settings.serverUrl, settings.workspace);
    await openFile(wb.page, 'notes.md');
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) console.log(`      screenshot: ${await saveFailure(wb, settings.artifactsDir, this.currentTest.title)}`);
  });

  after(async function () {
    await browser?.close();
  });

  for (const toy of TOYS) {
    it(`"${toy.command}" opens a panel whose plot changes while it runs`, async () => {
      await runCommand(wb.page, toy.command);
      // Generous: on a loaded machine the diffusion panel's first frame has taken up to 40 s here.
      const frame = await webviewFrame(wb.page, '#footer', (text) => text.startsWith(toy.title), 90_000);
      await frame.locator('.formula .katex').first().waitFor({ state: 'visible', timeout: 20_000 });
      assert.equal(await frame.locator('.katex-error').count(), 0);
      // From step 0, paused, so that a quick toy cannot have finished before the first look. Step
      // pauses whatever the state (Play/Pause would race the panel's own autoplay).
      await frame.locator('button#step').click();
      await frame.locator('button#play', { hasText: 'Play' }).waitFor({ timeout: 20_000 });
      await frame.locator('button#reset').click();
      await frame.locator('#footer', { hasText: /step 0\b/ }).waitFor({ timeout: 10_000 });
      const before = await canvasPixels(frame, 'canvas#plane');
      await frame.locator('button#play').click();
      await frame.locator('#footer', { hasText: /step [1-9]/ }).waitFor({ timeout: 20_000 });
      await sleep(1000);
      assert.notEqual(await canvasPixels(frame, 'canvas#plane'), before, 'the plot did not change while it ran');
      // Closing the panel ends its worker, so the next toy does not share the two cores with this one.
      const tab = wb.page.locator('.tabs-container .tab', { hasText: toy.tab }).first();
      await tab.hover();
      await tab.locator('.tab-actions .action-label').first().click();
      await tab.waitFor({ state: 'detached', timeout: 10_000 });
    });
  }
});
