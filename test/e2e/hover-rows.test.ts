// A long derivation in a real VS Code: its whole image passes VS Code's hover limit, so the hover
// shows the row under the cursor (numbered in its block) and a link to the whole formula, never a
// hover without a formula in it.
import * as assert from 'assert';
import { type Workbench, hoverImageAt, middleOf, openFile, readWorkspaceFile, runSettings, useWorkbench, visibleHoverText } from './workbench';

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
    const { image, text: seen, tries } = await hoverImageAt(wb.page, middleOf(text, '\\mathcal{L}(\\theta, \\phi; x)'), 30_000);
    assert.ok(image, `no image in the hover of the last row after ${tries} tries; last hover: ${JSON.stringify(seen)}`);
    const hover = await visibleHoverText(wb.page);
    assert.match(hover, /Row 12 of 12 of this block/);
    assert.match(hover, /Show the whole formula in the Explain panel/);
    const box = await image.boundingBox();
    assert.ok(box && box.width > 20 && box.height > 5, `the row's image is ${JSON.stringify(box)}`);
  });
});
