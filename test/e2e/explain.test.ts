// "Explain Formula" as a person uses it in a real VS Code (code-server): the cursor in a KL
// formula, the command from the palette, the panel beside the editor with the derivation
// rendered by KaTeX; then the hover's "Explain ▸" link on another formula.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import {
  type Workbench, canvasPixels, clickHoverLinkOfDisplayFormula, goTo, middleOf, openFile, readWorkspaceFile, runCommand, runSettings, screenshotsDir, webviewFrame, useWorkbench,
} from './workbench';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const INLINE_KL = String.raw`$D_{KL}(q_\phi(z|x)\,\|\,p(z))$`;

/** The Explain panel's frame, once its heading names the expected kind. */
function explainFrame(wb: Workbench, heading: RegExp): Promise<Frame> {
  return webviewFrame(wb.page, '.explain-header h1', (text) => heading.test(text));
}

describe('Explaining a formula in a real VS Code', function () {
  this.timeout(120_000);
  const settings = runSettings();
  let wb: Workbench;
  const workbench = useWorkbench('notes.md');
  before(() => {
    wb = workbench();
  });

  it('opens from the palette with the cursor in a KL formula and shows the derivation in KaTeX', async () => {
    const page = wb.page;
    const text = readWorkspaceFile(settings.workspace, 'notes.md');
    await goTo(page, middleOf(text, INLINE_KL));
    await runCommand(page, 'GenMath: Explain Formula');

    const frame = await explainFrame(wb, /KL divergence/);
    await frame.locator('.steps .katex').first().waitFor({ state: 'visible', timeout: 20_000 });
    const formulas = await frame.locator('.katex').count();
    assert.ok(formulas >= 4, `only ${formulas} KaTeX formulas in the panel`);
    assert.equal(await frame.locator('.katex-error').count(), 0, 'a formula failed to render');
    // A screen reader names the formula by its spoken reading, as the hover's image alt text does.
    const main = frame.locator('.main-formula .katex').first();
    assert.equal(await main.getAttribute('role'), 'math');
    assert.equal(await main.getAttribute('aria-label'), 'the KL divergence of q phi of z given x from p of z');
    assert.ok((await frame.locator('.steps .step').count()) >= 4, 'fewer than four derivation steps');

    // The toy instance: two Gaussians whose KL updates as a slider moves.
    const value = frame.locator('#toy-value');
    await value.waitFor({ state: 'visible', timeout: 10_000 });
    const before = await value.textContent();
    const plot = () => canvasPixels(frame, '#toy-plot');
    const plotBefore = await plot();
    const slider = frame.locator('.sliders input[type="range"]').first();
    await slider.focus();
    for (let i = 0; i < 10; i++) await slider.press('ArrowRight');
    assert.notEqual(await value.textContent(), before, 'the toy value did not change when a slider moved');
    assert.notEqual(await plot(), plotBefore, 'the densities were not redrawn');

    await page.screenshot({ path: path.join(screenshotsDir(), 'explain.png') });
  });

  it('explains a beta-VAE loss with beta in its steps and marks the steps it checked numerically', async () => {
    const page = wb.page;
    await openFile(page, 'beta-vae.md');
    const text = readWorkspaceFile(settings.workspace, 'beta-vae.md');
    await goTo(page, middleOf(text, String.raw`+ \beta\, D_{KL}`));
    await runCommand(page, 'GenMath: Explain Formula');
    const frame = await webviewFrame(page, '.steps', (t) => /β/.test(t) && /checked numerically/.test(t), 30_000);
    const steps = frame.locator('.steps .step');
    const count = await steps.count();
    assert.ok(count >= 5, `only ${count} steps`);
    // β is used after the opening line (the note's own formula), not only quoted in it.
    const later = await Promise.all(Array.from({ length: count - 1 }, (_, i) => steps.nth(i + 1).locator('.formula').textContent()));
    assert.ok(later.some((t) => (t ?? '').includes('β')), 'no step after the opening writes β');
    const marks = frame.locator('.steps .mark.checked-numerically');
    assert.ok((await marks.count()) >= 3, 'fewer than three steps marked as checked numerically');
    assert.match((await marks.first().textContent()) ?? '', /checked numerically/);
    assert.equal(await frame.locator('.katex-error').count(), 0, 'a formula failed to render');
    const shots = screenshotsDir();
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'explain-beta-vae.png') });
  });

  it("opens the same panel from the hover's Explain link, on the hovered formula", async () => {
    const page = wb.page;
    // With the panel following the cursor, moving into the formula would switch it by itself:
    // turn that off, so that only the link can have done it.
    const vscodeDir = path.join(settings.workspace, '.vscode');
    fs.mkdirSync(vscodeDir, { recursive: true });
    fs.writeFileSync(path.join(vscodeDir, 'settings.json'), JSON.stringify({ 'genmath.panel.followCursor': false }));
    await sleep(1500);
    await clickHoverLinkOfDisplayFormula(page, settings.workspace, 'notes.md', 'Explain');
    const frame = await explainFrame(wb, /evidence lower bound/i);
    assert.equal(await frame.locator('.katex-error').count(), 0);
    assert.ok((await frame.locator('.steps .step').count()) >= 4);
  });
});
