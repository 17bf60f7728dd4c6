// The first run as a person meets it in a real VS Code: the walkthrough opened from the Welcome
// page, its first step's button opening an example note, a hover there ticking that step, and
// Ctrl+Alt+E (the Explain Formula keybinding) opening the Explain panel on the formula.
import * as assert from 'assert';
import { type Workbench, HOVER_SVG, dismiss, runCommand, showHoverAtCursor, useWorkbench, webviewFrame } from './workbench';

const TITLE = 'Learn generative-model math with GenMath';

describe('The first run in a real VS Code', function () {
  this.timeout(120_000);
  let wb: Workbench;
  // Registered before useWorkbench's hooks, so that it runs while the browser is still open.
  after(async () => {
    // The example note is untitled: closed without saving, so no later window restores it.
    const page = wb.page;
    for (;;) {
      const untitled = page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first();
      if ((await untitled.count()) === 0) break;
      await untitled.click();
      await runCommand(page, 'View: Revert and Close Editor');
      await untitled.waitFor({ state: 'detached', timeout: 10_000 });
    }
    await runCommand(page, 'View: Close All Editors');
  });
  const workbench = useWorkbench();
  before(() => {
    wb = workbench();
  });

  it('opens the walkthrough from the Welcome page, and its first step opens a note whose hover ticks that step', async () => {
    const page = wb.page;
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const input = page.locator('.quick-input-widget input');
    await input.fill(TITLE);
    await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: TITLE }).waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Enter');
    const walkthrough = page.locator('.gettingStartedContainer');
    await walkthrough.getByText(TITLE).first().waitFor({ state: 'visible', timeout: 20_000 });
    for (const step of ['Hover a formula', 'Explain it', 'Run its demo', 'Train a toy GAN']) {
      assert.ok((await walkthrough.getByText(step, { exact: true }).count()) > 0, `no step "${step}"`);
    }
    const hoverStep = walkthrough.locator('.getting-started-step', { hasText: 'Hover a formula' });
    const ticked = hoverStep.locator('.codicon-getting-started-step-checked');
    assert.equal(await ticked.count(), 0, 'the hover step is done before any hover');

    await walkthrough.getByText('Open the maximum-likelihood note').first().click();
    await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor({ state: 'visible', timeout: 10_000 });
    await page.locator('.editor-instance .view-lines', { hasText: 'Maximum likelihood' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    // The cursor is already in the first display formula: show the hover there until its image is in.
    const image = page.locator(`${HOVER_SVG}:visible`).first();
    const deadline = Date.now() + 20_000;
    let shown = false;
    while (!shown && Date.now() < deadline) {
      await showHoverAtCursor(page);
      shown = await image.waitFor({ state: 'visible', timeout: 1_000 }).then(() => true, () => false);
      if (!shown) await dismiss(page);
    }
    assert.ok(shown, 'no formula image in the hover of the example note');
    await dismiss(page);

    await page.locator('.tabs-container .tab', { hasText: 'Walkthrough' }).first().click();
    await ticked.waitFor({ state: 'attached', timeout: 10_000 });
  });

  it('opens Explain on the formula under the cursor when Ctrl+Alt+E is pressed in the note', async () => {
    const page = wb.page;
    await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().click();
    await page.locator('.editor-instance .view-lines', { hasText: 'Maximum likelihood' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    // Clicking the tab gives the editor its focus back, with the cursor where it was (in the formula).
    await page.keyboard.press('Control+Alt+E');
    const frame = await webviewFrame(page, '.explain-header h1', (text) => /likelihood/i.test(text));
    assert.ok((await frame.locator('.steps .step').count()) >= 2, 'no derivation steps for the example formula');
  });
});
