// "Train Toy GAN" as a person uses it: from the command palette of a real VS Code (code-server),
// the panel opens beside the editor and its plots move while it learns; pause stops them.
import * as assert from 'assert';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import { type Workbench, canvasPixels, runCommand, screenshotsDir, webviewFrame, useWorkbench } from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The scatter canvas's pixels, to compare two moments. */
function canvasLook(frame: Frame): Promise<string> {
  return canvasPixels(frame, 'canvas#scatter');
}

describe('Training a toy GAN in a real VS Code', function () {
  this.timeout(120_000);
  let wb: Workbench;
  const workbench = useWorkbench('notes.md');
  before(() => {
    wb = workbench();
  });

  it('opens from the command palette and its plots change while it learns, and stop when paused', async () => {
    const page = wb.page;
    await runCommand(page, 'GenMath: Train Toy GAN');
    const frame = await webviewFrame(page, 'canvas#scatter');
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
    await page.screenshot({ path: path.join(screenshotsDir(), 'gan.png') });
  });
});
