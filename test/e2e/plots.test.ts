// The toy panels' plots as a person reads them, in a real VS Code (code-server): a chart's legend
// holds numbers before anything is hovered, terms never show a typeset "e − 5", and the plots are
// photographed in the light, dark and high-contrast themes for a person to look at.
import * as assert from 'assert';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { type Workbench, runCommand, webviewFrame, useWorkbench, closePanelTab, moreScreenshotsDir } from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A screenshot of the panel right of its tab, in a window tall enough to show its plots. */
async function shoot(wb: Workbench, tab: string, name: string): Promise<void> {
  await wb.page.setViewportSize({ width: 1600, height: 1250 });
  await sleep(1500);
  const box = await wb.page.locator('.tabs-container .tab', { hasText: tab }).first().boundingBox();
  const x = Math.max(0, Math.floor((box?.x ?? 800) - 2));
  await wb.page.screenshot({ path: path.join(moreScreenshotsDir(), `${name}.png`), clip: { x, y: 0, width: 1600 - x, height: 1250 } });
  await wb.page.setViewportSize({ width: 1280, height: 720 });
}


/** Picks a colour theme by name (its own key chord: in the palette "Color Theme" also finds the marketplace's). */
async function setTheme(wb: Workbench, name: string): Promise<void> {
  await wb.page.keyboard.press('Escape');
  await wb.page.keyboard.press('Control+K');
  await wb.page.keyboard.press('Control+T');
  const input = wb.page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await wb.page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Modern' }).first().waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  await wb.page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
  await wb.page.keyboard.press('Enter');
  await sleep(1000);
}

/** Opens a toy, lets it run a moment, then pauses it. */
async function openToy(wb: Workbench, command: string, title: string): Promise<Frame> {
  await runCommand(wb.page, command);
  const frame = await webviewFrame(wb.page, '#footer', (text) => text.startsWith(title), 60_000);
  await frame.locator('#footer', { hasText: /step [1-9]\d/ }).waitFor({ timeout: 30_000 });
  return frame;
}

describe('The toy plots in a real VS Code: live legends, plain numbers, light, dark and high-contrast themes', function () {
  this.timeout(240_000);
  let wb: Workbench;
  const workbench = useWorkbench('notes.md');
  before(() => {
    wb = workbench();
  });

  it('shows each curve’s latest value in the chart legend before anything is hovered, and the hovered step’s under the cursor', async () => {
    const frame = await openToy(wb, 'GenMath: Train Toy VAE', 'Toy VAE');
    await wb.page.mouse.move(5, 5);
    await frame.locator('button#step').click();
    await frame.locator('button#play', { hasText: 'Play' }).waitFor({ timeout: 20_000 });
    const values = await frame.locator('#series .u-legend .u-value').allTextContents();
    assert.ok(values.length >= 2, 'no legend values');
    // uPlot alone shows "--" here until the chart is hovered.
    for (const v of values) assert.match(v, /^-?\d/, `legend value "${v}" is not a number`);
    const footerStep = Number(/step (\d+)/.exec((await frame.locator('#footer').textContent()) ?? '')![1]);
    assert.ok(Math.abs(Number(values[0]) - footerStep) <= footerStep * 0.02 + 1, `legend step ${values[0]} vs footer step ${footerStep}`);
    // Over the chart's left edge the legend shows an early step instead.
    const over = await frame.locator('#series .u-over').boundingBox();
    assert.ok(over);
    await frame.locator('#series .u-over').hover({ position: { x: 2, y: over.height / 2 } });
    await frame.locator('#series .u-legend .u-value').first().filter({ hasNotText: values[0] }).waitFor({ timeout: 5_000 });
    assert.ok(Number(await frame.locator('#series .u-legend .u-value').first().textContent()) < Number(values[0]));
    await wb.page.mouse.move(5, 5);
    // The terms are typeset by KaTeX: a small number reads 6.681 × 10⁻⁵, never "6.681e − 5".
    const terms = (await frame.locator('#terms').textContent()) ?? '';
    assert.doesNotMatch(terms, /\de\s*[−-]\s*\d/);
    await closePanelTab(wb.page, 'Toy VAE');
  });

  it('draws the likelihood surface and the gradient paths in the light, dark and high-contrast themes', async () => {
    // The test window starts in VS Code's default light theme.
    try {
      for (const [theme, name] of [['light', ''], ['dark', 'Dark Modern'], ['high-contrast', 'Dark High Contrast']]) {
        if (name) await setTheme(wb, name);
        await openToy(wb, 'GenMath: Fit by Maximum Likelihood', 'Fit by maximum likelihood');
        await shoot(wb, 'Maximum likelihood', `plots-mle-${theme}`);
        await closePanelTab(wb.page, 'Maximum likelihood');
        await openToy(wb, 'GenMath: Gradient Descent Explorer', 'Gradient Descent Explorer');
        await shoot(wb, 'Gradient descent', `plots-gd-${theme}`);
        await closePanelTab(wb.page, 'Gradient descent');
      }
    } finally {
      await setTheme(wb, 'Light Modern');
    }
  });
});
