// A long derivation in a real VS Code: its whole image passes VS Code's hover limit, so the hover
// shows the row under the cursor (numbered in its block) and a link to the whole formula, never a
// hover without a formula in it.
import * as assert from 'assert';
import { type Workbench, dismiss, hoverImageAt, middleOf, openFile, readWorkspaceFile, runSettings, useWorkbench } from './workbench';

const FILE = 'long-derivation.md';

describe('Hovering a 12-line aligned derivation in a real VS Code', function () {
  this.timeout(120_000);
  const settings = runSettings();
  let wb: Workbench;
  const workbench = useWorkbench();
  before(() => {
    wb = workbench();
  });

  it('shows the last row as an image, says which row it is, and links to the whole formula', async () => {
    const text = readWorkspaceFile(settings.workspace, FILE);
    await openFile(wb.page, FILE);
    const lastRow = middleOf(text, '\\mathcal{L}(\\theta, \\phi; x)');
    // The hover's text is read the moment its image shows (hoverImageAt): a hover can close
    // before a later look, so a try whose text came too late is asked for again.
    let seen = '';
    let measured = false;
    for (const until = Date.now() + 40_000; Date.now() < until;) {
      const { image, text: hover, tries } = await hoverImageAt(wb.page, lastRow, 20_000);
      assert.ok(image, `no image in the hover of the last row after ${tries} tries; last hover: ${JSON.stringify(hover)}`);
      seen = hover;
      if (/Row \d+ of \d+/.test(seen)) {
        // The hover can close between reading its text and measuring its image: then ask again.
        const box = await image.boundingBox({ timeout: 2_000 }).catch(() => null);
        if (box) {
          assert.ok(box.width > 20 && box.height > 5, `the row's image is ${JSON.stringify(box)}`);
          measured = true;
          break;
        }
      }
      await dismiss(wb.page);
    }
    assert.ok(measured, 'the row\'s image was never measured in the hover');
    assert.match(seen, /Row 12 of 12 of this block/);
    assert.match(seen, /Show the whole formula in the Explain panel/);
  });
});
