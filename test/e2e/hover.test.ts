// The hover as a person sees it: the packaged .vsix installed in a real VS Code (code-server
// 1.100.3), the workbench in Chromium, the cursor put in the middle of a formula and the
// hover shown there. Started by scripts/test-vscode.mjs, which sets the environment.
import * as assert from 'assert';
import * as path from 'path';
import {
  HOVER_SVG,
  dismiss,
  type Workbench,
  goTo,
  hoverImageAt,
  middleOf,
  openFile,
  readWorkspaceFile,
  runSettings,
  screenshotsDir,
  showHoverAtCursor,
  visibleHoverText, useWorkbench,
} from './workbench';

const INLINE = String.raw`$D_{KL}(q_\phi(z|x)\,\|\,p(z))$`;

/** The first `$$...$$` block of the note, delimiters included. */
function displayFormula(text: string): string {
  const match = /\$\$[\s\S]+?\$\$/.exec(text);
  if (!match || !match[0].includes('\n')) throw new Error('notes.md has no multi-line $$...$$ formula');
  return match[0];
}

/** The first align environment of the paper. */
function alignEnvironment(text: string): string {
  const match = /\\begin\{align\}[\s\S]+?\\end\{align\}/.exec(text);
  if (!match) throw new Error('paper.tex has no align environment');
  return match[0];
}

describe('Hovering formulas in a real VS Code', function () {
  this.timeout(90_000);

  const settings = runSettings();
  let wb: Workbench;
  const workbench = useWorkbench();
  before(() => {
    wb = workbench();
  });

  it('shows an inline formula of a markdown note as an SVG image', async function () {
    const text = readWorkspaceFile(settings.workspace, 'notes.md');
    await openFile(wb.page, 'notes.md');
    const { image, text: seen, tries } = await hoverImageAt(wb.page, middleOf(text, INLINE));
    assert.ok(image, `no formula image in the hover at the middle of ${INLINE} after ${tries} tries; last hover: ${JSON.stringify(seen)}`);

    // The README shows this hover: the editor part down to a little below the hover,
    // so the formula stays legible at the README's width.
    const shot = path.join(screenshotsDir(), 'hover.png');
    const editor = await wb.page.locator('.part.editor').boundingBox();
    const hover = await image.boundingBox();
    const clip = editor && hover
      ? { x: editor.x, y: editor.y, width: editor.width, height: Math.min(editor.height, hover.y + hover.height + 260 - editor.y) }
      : undefined;
    await wb.page.screenshot({ path: shot, clip });
  });

  it('gives the formula image an alt text that reads the formula aloud, not its TeX', async function () {
    const text = readWorkspaceFile(settings.workspace, 'notes.md');
    await openFile(wb.page, 'notes.md');
    const { image, text: seen, tries } = await hoverImageAt(wb.page, middleOf(text, INLINE));
    assert.ok(image, `no formula image in the hover at the middle of ${INLINE} after ${tries} tries; last hover: ${JSON.stringify(seen)}`);
    // What a screen reader speaks for the image: the KL in its order, the conditional's bar as "given".
    assert.equal(await image.getAttribute('alt'), 'the KL divergence of q phi of z given x from p of z');
  });

  it('reads a formula with a note\'s own macro, which our reader does not know, with MathJax\'s speech engine from the installed .vsix', async function () {
    const text = readWorkspaceFile(settings.workspace, 'speech.md');
    await openFile(wb.page, 'speech.md');
    // A formula of no known kind has a hover with the image alone, no text: wait for the image itself.
    // The first hovers may carry our own reading while the engine loads (that reading is not cached),
    // so hover until the engine's reading is there.
    const expected = 'p sub data of x is greater than or equal to 0';
    await goTo(wb.page, middleOf(text, String.raw`\datadensity(x) \geq 0`));
    const image = wb.page.locator(`${HOVER_SVG}:visible`).first();
    let alt: string | null = null;
    for (let tries = 0; tries < 20 && alt !== expected; tries++) {
      await dismiss(wb.page);
      await showHoverAtCursor(wb.page);
      await image.waitFor({ state: 'visible', timeout: 1_000 }).catch(() => undefined);
      if (await image.isVisible()) alt = await image.getAttribute('alt');
    }
    // The engine reads the macro's expansion (p_{\text{data}}), where our reader only knows its name
    // (a name no book convention explains; `\pdata` the parser reads as p_data itself).
    assert.equal(alt, expected);
  });

  it('shows a multi-line display formula as an SVG image', async function () {
    const text = readWorkspaceFile(settings.workspace, 'notes.md');
    await openFile(wb.page, 'notes.md');
    const { image, text: seen, tries } = await hoverImageAt(wb.page, middleOf(text, displayFormula(text)));
    assert.ok(image, `no formula image in the hover at the middle of the $$...$$ block after ${tries} tries; last hover: ${JSON.stringify(seen)}`);
  });

  it('shows a LaTeX align environment that uses a preamble macro as an SVG image', async function () {
    const text = readWorkspaceFile(settings.workspace, 'paper.tex');
    await openFile(wb.page, 'paper.tex');
    const { image, text: seen, tries } = await hoverImageAt(wb.page, middleOf(text, alignEnvironment(text)));
    assert.ok(image, `no formula image in the hover at the middle of the align environment after ${tries} tries; last hover: ${JSON.stringify(seen)}`);
  });

  it('shows no formula over a currency amount', async function () {
    // Runs after the formulas above have shown, so the extension is active by now and an
    // empty hover means "not math", not "not activated yet".
    const text = readWorkspaceFile(settings.workspace, 'notes.md');
    await openFile(wb.page, 'notes.md');
    await goTo(wb.page, middleOf(text, 'costs $20 to $30'));
    await showHoverAtCursor(wb.page);
    await wb.page.waitForTimeout(2_000);
    // A hidden hover keeps its last content in the DOM: only a visible image counts.
    const images = await wb.page.locator(`${HOVER_SVG}:visible`).count();
    assert.strictEqual(images, 0, `a formula image appeared over "$20 to $30"; hover: ${JSON.stringify(await visibleHoverText(wb.page))}`);
  });
});
