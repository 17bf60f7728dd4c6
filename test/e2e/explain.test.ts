// "Explain Formula" as a person uses it in a real VS Code (code-server): the cursor in a KL
// formula, the command from the palette, the panel beside the editor with the derivation
// rendered by KaTeX; then the hover's "Explain ▸" link on another formula.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from 'playwright-core';
import {
  type Workbench, canvasPixels, clickHoverLinkOfDisplayFormula, goTo, middleOf, openFile, readWorkspaceFile, runCommand, runSettings, screenshotsDir, webviewFrame, useWorkbench, moreScreenshotsDir } from './workbench';

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
    await page.screenshot({ path: path.join(moreScreenshotsDir(), 'explain-beta-vae.png') });
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

  it("typesets a formula written with the note's own macro, as the hover renders it", async () => {
    const page = wb.page;
    await openFile(page, 'speech.md');
    const text = readWorkspaceFile(settings.workspace, 'speech.md');
    await goTo(page, middleOf(text, String.raw`\datadensity(x) \geq 0`));
    await runCommand(page, 'GenMath: Explain Formula');
    const frame = await webviewFrame(page, '.explain-header', (t) => /speech\.md/.test(t), 30_000);
    const main = frame.locator('.main-formula .katex').first();
    await main.waitFor({ state: 'visible', timeout: 20_000 });
    // Without the note's macros KaTeX shows `\datadensity` in red as an undefined control sequence.
    assert.equal(await frame.locator('.katex-error').count(), 0, 'a formula failed to render');
    assert.match((await main.textContent()) ?? '', /data/, 'p_data is not typeset from the macro');
  });
});

/** The little of the browser's DOM these checks use (the tests compile without the DOM's types). */
interface DomElement {
  readonly clientWidth: number;
  readonly clientHeight: number;
  readonly scrollWidth: number;
  readonly tagName: string;
  readonly className: unknown;
  readonly textContent: string | null;
  readonly style: { readonly fontSize: string };
  readonly classList: { contains(name: string): boolean };
  closest(selector: string): DomElement | null;
  getBoundingClientRect(): { readonly left: number; readonly right: number; readonly top: number };
  cloneNode(deep: boolean): DomElement;
  querySelectorAll(selector: string): Iterable<DomElement> & { forEach(f: (e: DomElement & { remove(): void }) => void): void };
}
interface BrowserWindow {
  readonly document: { readonly fonts: { readonly ready: Promise<unknown> }; readonly documentElement: DomElement; readonly body: DomElement; querySelector(selector: string): DomElement | null };
  requestAnimationFrame(f: () => void): number;
  getComputedStyle(e: DomElement): { readonly color: string; readonly backgroundColor: string };
}

/** What `selector`'s elements say, without KaTeX's hidden MathML copy (which spells the TeX). */
function shownTexts(frame: Frame, selector: string): Promise<string[]> {
  return frame.locator(selector).evaluateAll((els) => els.map((e) => {
    const copy = (e as unknown as DomElement).cloneNode(true);
    copy.querySelectorAll('.katex-mathml').forEach((m) => m.remove());
    // KaTeX puts a zero-width space after a subscript; a reader sees none.
    return (copy.textContent ?? '').replace(/\u200b/g, '').replace(/\s+/g, ' ').trim();
  }));
}

/**
 * Every element under `selector` whose content is wider than its box (cut, or scrolled sideways).
 * Inside a formula only KaTeX's own boxes (`.katex-display`, `.katex`, `.katex-html`) count: the
 * glyph boxes within may overhang each other by a pixel by design, and the MathML copy for screen
 * readers is a 1-pixel clipped box on purpose.
 */
function overflowing(frame: Frame, selector: string): Promise<string[]> {
  return frame.locator(selector).evaluateAll((roots) => {
    const out: string[] = [];
    for (const root of roots) {
      const r = root as unknown as DomElement;
      for (const h of [r, ...r.querySelectorAll('*')]) {
        if (h.closest('.katex-mathml') || (h.closest('.katex-html') && !h.classList.contains('katex-html'))) continue;
        if (h.clientWidth > 0 && h.scrollWidth > h.clientWidth + 1) out.push(`${h.tagName.toLowerCase()}.${String(h.className)}: ${h.scrollWidth} > ${h.clientWidth}`);
      }
    }
    return out;
  });
}

/** The panel's width and height, and whether its page scrolls sideways. */
function panelSize(frame: Frame): Promise<{ width: number; height: number; pageScrollsSideways: boolean }> {
  return frame.evaluate(() => {
    const d = (globalThis as unknown as BrowserWindow).document.documentElement;
    return { width: d.clientWidth, height: d.clientHeight, pageScrollsSideways: d.scrollWidth > d.clientWidth + 1 };
  });
}

/** Waits for KaTeX's fonts and the refit that follows them (two animation frames). */
async function settled(frame: Frame): Promise<void> {
  await frame.evaluate(() => {
    const w = globalThis as unknown as BrowserWindow;
    return w.document.fonts.ready.then(() => new Promise<void>((r) => w.requestAnimationFrame(() => w.requestAnimationFrame(r))));
  });
  await sleep(200);
}

/** Merges `values` into the workspace's settings (VS Code applies them live). */
function setWorkspaceSettings(workspace: string, values: Record<string, unknown>): void {
  const dir = path.join(workspace, '.vscode');
  const file = path.join(dir, 'settings.json');
  fs.mkdirSync(dir, { recursive: true });
  const now = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) delete now[k];
    else now[k] = v;
  }
  fs.writeFileSync(file, JSON.stringify(now, null, 2));
}

/** The WCAG contrast ratio of two CSS `rgb(...)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string): number => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('The Explain panel at a glance, beside its note', function () {
  this.timeout(180_000);
  const settings = runSettings();
  const workbench = useWorkbench('explain-layout.md');
  let wb: Workbench;
  before(async () => {
    wb = workbench();
    await wb.page.setViewportSize({ width: 1400, height: 900 });
  });
  after(() => {
    setWorkspaceSettings(settings.workspace, { 'workbench.colorTheme': undefined });
  });

  it("fits an align's long lines inside the panel at 1400×900, without the align's own equation numbers", async () => {
    const page = wb.page;
    const text = readWorkspaceFile(settings.workspace, 'explain-layout.md');
    await goTo(page, middleOf(text, String.raw`\log p_\theta(x) &= \log \int`));
    await runCommand(page, 'GenMath: Explain Formula');
    const frame = await explainFrame(wb, /evidence lower bound/i);
    await frame.locator('.steps .step .katex').first().waitFor({ state: 'visible', timeout: 20_000 });
    await settled(frame);
    const size = await panelSize(frame);
    assert.ok(size.width > 400 && size.width < 800, `the panel beside the note is ${size.width} px wide`);
    assert.ok((await frame.locator('.steps .step').count()) >= 4);
    assert.deepEqual(await overflowing(frame, '#app'), [], `cut or scrolled in a ${size.width} px panel`);
    assert.equal(size.pageScrollsSideways, false, 'the panel scrolls sideways');
    // The note's `align` would number its rows (1)-(4); in the panel they are not equations of anything.
    assert.equal(await frame.locator('.eqn-num').count(), 0, "the align's equation numbers are shown");
    // The test is not vacuous: the widest lines were too wide as KaTeX lays them out, and were fitted.
    const fitted = await frame.locator('.fit-math').evaluateAll((els) => (els as unknown as DomElement[]).filter((e) => e.classList.contains('math-broken') || e.style.fontSize !== '').length);
    assert.ok(fitted >= 1, 'no formula needed fitting: the fixture no longer has a line too wide for the panel');
    await page.screenshot({ path: path.join(moreScreenshotsDir(), 'explain-fit-1400x900.png') });

    // Twelve rows, the widest wider than the panel: fitted too.
    await openFile(page, 'long-derivation.md');
    const long = readWorkspaceFile(settings.workspace, 'long-derivation.md');
    await goTo(page, middleOf(long, String.raw`&\geq \mathbb{E}_{z \sim q_\phi(z \mid x)}`));
    await runCommand(page, 'GenMath: Explain Formula');
    const longFrame = await webviewFrame(page, '.explain-header .link', (t) => /long-derivation\.md/.test(t), 30_000);
    await longFrame.locator('.main-formula .katex').first().waitFor({ state: 'visible', timeout: 20_000 });
    await settled(longFrame);
    assert.deepEqual(await overflowing(longFrame, '#app'), [], 'the long derivation is cut or scrolled');
    assert.equal((await panelSize(longFrame)).pageScrollsSideways, false);
    const longFitted = await longFrame.locator('.main-formula').evaluate((e) => (e as unknown as DomElement).classList.contains('math-broken') || (e as unknown as DomElement).style.fontSize !== '');
    assert.ok(longFitted, 'the long derivation fits without fitting: the fixture no longer tests it');
    await page.screenshot({ path: path.join(moreScreenshotsDir(), 'explain-long-derivation-1400x900.png') });
  });

  it("labels a toy's sliders in words with the symbol typeset, and says its results without TeX source", async () => {
    const page = wb.page;
    // The ELBO's toy: its sliders and the posterior it names.
    await openFile(page, 'explain-layout.md');
    const text = readWorkspaceFile(settings.workspace, 'explain-layout.md');
    await goTo(page, middleOf(text, String.raw`\log p_\theta(x) &= \log \int`));
    await runCommand(page, 'GenMath: Explain Formula');
    const frame = await webviewFrame(page, '.explain-header .link', (t) => /explain-layout\.md/.test(t), 30_000);
    await frame.locator('.sliders .param').first().waitFor({ state: 'visible', timeout: 20_000 });
    const labels = await shownTexts(frame, '.sliders .param');
    assert.ok(labels.length >= 4, `only ${labels.length} sliders`);
    for (const l of labels) {
      assert.match(l, /[a-z]{3,} /, `a slider label without words: ${JSON.stringify(l)}`);
      assert.doesNotMatch(l, /\\|_\{|\^\{/, `TeX source in a slider label: ${JSON.stringify(l)}`);
    }
    assert.ok(labels.includes('standard deviation sq of q(z)'), JSON.stringify(labels));
    assert.equal(await frame.locator('.sliders .param .katex').count(), await frame.locator('.sliders .param').count() + 2, 'every label typesets its symbol (and the q(z) two of them belong to)');
    const toyText = (await shownTexts(frame, '.toy')).join(' ');
    assert.doesNotMatch(toyText, /\\[A-Za-z]|_\{|\d\s*e\s*[−-]\s*\d/, `TeX source or a programmer's number in the toy: ${toyText}`);
    assert.match(toyText, /zero when q is the posterior N\(0\.75, 0\.70712\)/);
    await frame.locator('.toy').scrollIntoViewIfNeeded();
    // The plot's bitmap is drawn for the box it is shown in: one drawn before the canvas was laid
    // out is stretched into it (squashed numbers, the x axis cut off).
    const plotSize = () => frame.locator('#toy-plot').evaluate((e) => {
      const c = e as unknown as { width: number; height: number; clientWidth: number; clientHeight: number };
      const r = (globalThis as unknown as { devicePixelRatio?: number }).devicePixelRatio || 1;
      return `${c.width}x${c.height} for ${Math.round(c.clientWidth * r)}x${Math.round(c.clientHeight * r)}`;
    });
    let size = await plotSize();
    for (let i = 0; i < 20 && !/^(\d+x\d+) for \1$/.test(size); i++) { await page.waitForTimeout(250); size = await plotSize(); }
    assert.match(size, /^(\d+x\d+) for \1$/, `the toy plot's bitmap does not fit its box: ${size}`);
    await page.screenshot({ path: path.join(moreScreenshotsDir(), 'explain-toy-elbo.png') });

    // The KL of the same note: its labels name the note's own q_φ(z|x).
    await goTo(page, middleOf(text, String.raw`D_{KL}(q_\phi(z|x)`));
    await runCommand(page, 'GenMath: Explain Formula');
    const kl = await explainFrame(wb, /KL divergence/);
    await kl.locator('.sliders .param').first().waitFor({ state: 'visible', timeout: 20_000 });
    const klLabels = await shownTexts(kl, '.sliders .param');
    assert.match(klLabels[0], /^mean μ1 of q\S+\(z∣x\)$/, JSON.stringify(klLabels));
    assert.match(klLabels[1], /^standard deviation σ1 of q\S+\(z∣x\)$/, JSON.stringify(klLabels));
    const klText = (await shownTexts(kl, '.toy, .summary')).join(' ');
    assert.doesNotMatch(klText, /\\[A-Za-z]|_\{/, `TeX source in the KL panel: ${klText}`);
    await settled(kl);
    assert.deepEqual(await overflowing(kl, '#app'), []);
    await kl.locator('.toy').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(moreScreenshotsDir(), 'explain-toy-kl.png') });
  });

  it('shows its header and first steps unclipped in a 700×850 column, in light, dark and high-contrast themes', async () => {
    const page = wb.page;
    // The editor beside the panel takes half of what the activity bar leaves without the side bar.
    await page.setViewportSize({ width: 1450, height: 960 });
    await page.keyboard.press('Escape');
    await runCommand(page, 'View: Close Primary Side Bar');
    const text = readWorkspaceFile(settings.workspace, 'explain-layout.md');
    await goTo(page, middleOf(text, String.raw`\log p_\theta(x) &= \log \int`));
    await runCommand(page, 'GenMath: Explain Formula');
    let frame = await explainFrame(wb, /evidence lower bound/i);
    await settled(frame);
    const size = await panelSize(frame);
    assert.ok(Math.abs(size.width - 700) <= 40 && Math.abs(size.height - 850) <= 60, `the panel is ${size.width}×${size.height}, not about 700×850`);
    const backgrounds = new Set<string>();
    for (const [theme, name] of [['Default Light Modern', 'light'], ['Default Dark Modern', 'dark'], ['Default High Contrast', 'high-contrast']] as const) {
      setWorkspaceSettings(settings.workspace, { 'workbench.colorTheme': theme });
      // The theme is applied when the webview's background changes to one not seen yet.
      const deadline = Date.now() + 15_000;
      let colors = { fg: '', bg: '', math: '' };
      do {
        await sleep(300);
        frame = await explainFrame(wb, /evidence lower bound/i);
        colors = await frame.evaluate(() => {
          const w = globalThis as unknown as BrowserWindow;
          const body = w.getComputedStyle(w.document.body);
          return { fg: body.color, bg: body.backgroundColor, math: w.getComputedStyle(w.document.querySelector('.steps .katex') ?? w.document.body).color };
        });
      } while (backgrounds.has(colors.bg) && Date.now() < deadline);
      assert.ok(!backgrounds.has(colors.bg), `${name}: the panel's background did not change`);
      backgrounds.add(colors.bg);
      await settled(frame);
      assert.ok(contrast(colors.fg, colors.bg) >= 4.5, `${name}: text ${colors.fg} on ${colors.bg}`);
      assert.equal(colors.math, colors.fg, `${name}: the formulas are not in the theme's text colour`);
      // The header and the first steps are on screen, whole.
      const width = (await panelSize(frame)).width;
      // Where the header and the first two steps are in the panel's own viewport.
      const boxes = await frame.locator('.explain-header h1, .explain-header #export, .main-formula, .steps .step:nth-child(-n+2)').evaluateAll((els) => (els as unknown as DomElement[]).map((e) => {
        const r = e.getBoundingClientRect();
        return { what: `${e.tagName.toLowerCase()}.${String(e.className)}`, left: r.left, right: r.right, top: r.top };
      }));
      assert.equal(boxes.length, 5, JSON.stringify(boxes));
      for (const b of boxes) assert.ok(b.left >= 0 && b.right <= width + 1, `${name}: ${b.what} is cut at the panel's edge (${b.left}-${b.right} in ${width} px)`);
      assert.deepEqual(await overflowing(frame, '.explain-header, .main-formula, .steps'), [], name);
      assert.ok(boxes[3].top < size.height, `${name}: the first step is below the fold (${boxes[3].top} in ${size.height} px)`);
      await page.screenshot({ path: path.join(moreScreenshotsDir(), `explain-700x850-${name}.png`) });
    }
  });
});
