// Math pasted from a web page, as a person meets it in a real VS Code (code-server): the seed
// article saved as a markdown note, the cursor put in its GAN min-max block (a MathJax visual copy
// and its linear text, 100 lines), "GenMath: Convert Pasted Math to LaTeX" run from the palette;
// the note then holds `$$\min_G \max_D ...$$` in the block's place and nothing else changed, and the
// hover over it shows the formula rendered and names the GAN min-max game.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  type Workbench, hoverImageAt, middleOf, goTo, positionAt, readWorkspaceFile, runCommand, runSettings, useWorkbench,
  screenshotsDir,
} from './workbench';

const NOTE = 'pasted-article.md';
const MINIMAX = String.raw`$$\min_G \max_D \mathbb{E}_{x\sim p_{data}}[\log D(x)] + \mathbb{E}_{z\sim p(z)}[\log(1 - D(G(z)))]$$`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('Converting pasted math in a real VS Code', function () {
  this.timeout(120_000);
  const settings = runSettings();
  const seedPath = path.resolve(settings.repoRoot, '..', 'shared', 'corpus', 'pasted', 'seed-article.txt');
  const seed = fs.readFileSync(seedPath, 'utf8');
  const blockStart = seed.indexOf('min\n\n𝐺\n\nmax');
  const blockEnd = seed.indexOf('[log(1−D(G(z)))]') + '[log(1−D(G(z)))]'.length;

  // The note is written before the workbench opens, so Quick Open finds it.
  before(() => {
    assert.ok(blockStart > 0 && blockEnd > blockStart, 'the seed article has no min-max block');
    fs.writeFileSync(path.join(settings.workspace, NOTE), seed);
  });
  let wb: Workbench;
  const workbench = useWorkbench(NOTE);
  before(() => {
    wb = workbench();
  });

  it('shows the whole pasted block rendered on hover, from anywhere in it', async function () {
    // The linear text's `data` line, 80 lines below the block's first token.
    const { image, text: seen, tries } = await hoverImageAt(wb.page, positionAt(seed, seed.indexOf('\ndata\n', blockStart) + 2));
    assert.ok(image, `no formula image over the pasted min-max block after ${tries} tries; last hover: ${JSON.stringify(seen)}`);
    // The hover's text as it was when its image showed: read again later, the hover may have closed.
    assert.match(seen, /GAN min-max game/);
  });

  it('replaces the min-max block with $$\\min_G \\max_D ...$$ and changes nothing else', async function () {
    const page = wb.page;
    // The cursor on the block's `max` line, in the middle of the visual copy.
    await goTo(page, positionAt(seed, seed.indexOf('max', blockStart) + 1));
    await runCommand(page, 'GenMath: Convert Pasted Math to LaTeX');
    const expected = seed.slice(0, blockStart) + MINIMAX + seed.slice(blockEnd);
    // Saved to disk, the note can be compared whole.
    const deadline = Date.now() + 20_000;
    let text = '';
    while (Date.now() < deadline) {
      await page.keyboard.press('Control+S');
      await sleep(500);
      text = readWorkspaceFile(settings.workspace, NOTE);
      if (text !== seed) break;
    }
    assert.ok(text.includes(MINIMAX), `the note does not hold ${MINIMAX}`);
    assert.equal(text, expected, 'something besides the min-max block changed');
  });

  it('shows the converted formula rendered on hover, named as the GAN min-max game', async function () {
    const text = readWorkspaceFile(settings.workspace, NOTE);
    const { image, text: seen, tries } = await hoverImageAt(wb.page, middleOf(text, MINIMAX));
    assert.ok(image, `no formula image in the hover over ${MINIMAX} after ${tries} tries; last hover: ${JSON.stringify(seen)}`);
    assert.match(seen, /GAN min-max game/, `the hover does not name the game: ${JSON.stringify(seen)}`);
    // The README shows this: the converted note with the hover open.
    const shot = path.join(screenshotsDir(), 'pasted-converted.png');
    fs.mkdirSync(path.dirname(shot), { recursive: true });
    await wb.page.screenshot({ path: shot });
    await goTo(wb.page, { line: 1, column: 1 });
  });
});
