// "Explain Formula" is always in the command palette: with no note open it still runs, says to put
// the cursor in a formula and offers an example note, in which the cursor lands in a formula that
// the command then explains.
import * as assert from 'assert';
import { type Workbench, runCommand, useWorkbench, webviewFrame } from './workbench';

describe('Explain Formula without a formula under the cursor, in a real VS Code', function () {
  this.timeout(120_000);
  let wb: Workbench;
  const workbench = useWorkbench();
  before(() => {
    wb = workbench();
  });

  it('is listed with no note open, says to put the cursor in a formula, and opens an example note on request', async () => {
    const page = wb.page;
    await runCommand(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    assert.equal(await page.locator('.tabs-container .tab').count(), 0, 'an editor is still open');

    try {
      // runCommand waits for the palette's focused row to be this command: a missing command would
      // leave a "similar command" there instead, and this would time out.
      await runCommand(page, 'GenMath: Explain Formula');
      const toast = page.locator('.notification-toast', { hasText: 'Put the cursor in a formula' });
      await toast.waitFor({ state: 'visible', timeout: 20_000 });
      await toast.locator('.monaco-button', { hasText: 'Open an Example Note' }).click();

      await page.locator('.tabs-container .tab.active', { hasText: 'Untitled' }).waitFor({ state: 'visible', timeout: 10_000 });
      await page.locator('.editor-instance .view-lines', { hasText: 'Maximum likelihood' }).first().waitFor({ state: 'visible', timeout: 10_000 });

      // The cursor is in the example's first display formula: the command now explains it.
      await runCommand(page, 'GenMath: Explain Formula');
      const frame = await webviewFrame(page, '.explain-header h1', (text) => /likelihood/i.test(text));
      assert.ok((await frame.locator('.steps .step').count()) >= 2, 'no derivation steps for the example formula');
    } finally {
      // The example is an unsaved note: closed without saving, so that no later window restores
      // it (or asks whether to save it).
      const untitled = page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first();
      if ((await untitled.count()) > 0) {
        await untitled.click();
        await runCommand(page, 'View: Revert and Close Editor');
        await untitled.waitFor({ state: 'detached', timeout: 10_000 });
      }
      await runCommand(page, 'View: Close All Editors');
    }
  });
});
