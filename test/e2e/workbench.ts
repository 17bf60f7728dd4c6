// Helpers that drive the real VS Code workbench (code-server) in Debian's Chromium through
// playwright-core. scripts/test-vscode.mjs starts the server and passes its address here
// through environment variables; see shared/real-vscode.md for why it is done this way.
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';

/** A place in a document, 1-based as VS Code's "Go to Line" takes it. */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Flags that let Debian's Chromium run headless as root without a GPU or network extras. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The selector of a formula image in a hover: the extension's SVG as a data URI. */
export const HOVER_SVG = '.monaco-hover-content img[src^="data:image/svg+xml;base64,"]';

/** An environment variable the test driver must have set. */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these tests through \`npm run test:vscode\``);
  return value;
}

/** The settings of this run, from scripts/test-vscode.mjs. */
export function runSettings(): { serverUrl: string; workspace: string; repoRoot: string; artifactsDir: string } {
  const repoRoot = process.env.GENMATH_REPO_ROOT ?? process.cwd();
  return {
    serverUrl: requireEnv('GENMATH_SERVER_URL'),
    workspace: requireEnv('GENMATH_WORKSPACE'),
    repoRoot,
    artifactsDir: process.env.GENMATH_ARTIFACTS ?? path.join(repoRoot, 'test-results'),
  };
}

/**
 * Where the tests save the pictures the README shows. A test run never writes tracked files:
 * by default they go to `test-results/screenshots/` (git-ignored); `npm run screenshots` points
 * GENMATH_SCREENSHOTS at `media/screenshots/` to refresh the README's images on purpose.
 * The folder exists when this returns.
 */
export function screenshotsDir(): string {
  const repoRoot = process.env.GENMATH_REPO_ROOT ?? process.cwd();
  const dir = process.env.GENMATH_SCREENSHOTS ? path.resolve(repoRoot, process.env.GENMATH_SCREENSHOTS) : path.join(repoRoot, 'test-results', 'screenshots');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Where the screenshots the README does not show go (`more/` under screenshotsDir): the .vsix
 * packages only the README's images, and keeps under 3 MB.
 */
export function moreScreenshotsDir(): string {
  const dir = path.join(screenshotsDir(), 'more');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Starts Debian's Chromium, headless. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.GENMATH_CHROMIUM ?? '/usr/bin/chromium',
    args: [...CHROMIUM_ARGS],
    headless: true,
  });
}

/** A workbench page and everything its console said, for a failure report. */
export interface Workbench {
  readonly page: Page;
  readonly consoleLines: string[];
}

/**
 * Opens the workbench on `folder` and waits until it is drawn.
 * @param query extra query parameters (for example `payload`)
 */
export async function openWorkbench(browser: Browser, serverUrl: string, folder: string, query: Record<string, string> = {}): Promise<Workbench> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
  const url = new URL(serverUrl);
  url.searchParams.set('folder', folder);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  await page.goto(url.toString());
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  // The explorer shows the folder's files once the workbench has restored its layout.
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout: 30_000 });
  return { page, consoleLines };
}

/**
 * The hooks every e2e suite needs: Chromium and the workbench opened (and `file` in it) before the
 * tests, a screenshot and the page's console saved for each failed test, the browser closed after.
 * Returns the suite's workbench, to be read once the hooks have run.
 */
export function useWorkbench(file?: string): () => Workbench {
  const settings = runSettings();
  let browser: Browser | undefined;
  let wb: Workbench | undefined;
  before(async function () {
    browser = await launchBrowser();
    wb = await openWorkbench(browser, settings.serverUrl, settings.workspace);
    if (file) await openFile(wb.page, file);
  });
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !wb) return;
    const shot = await saveFailure(wb, settings.artifactsDir, this.currentTest.title);
    console.log(`      screenshot: ${shot}\n      console: ${shot.replace(/\.png$/, '.console.txt')}`);
  });
  after(async function () {
    await browser?.close();
  });
  return () => {
    if (!wb) throw new Error('the workbench is not open: useWorkbench() registers its hooks in a describe()');
    return wb;
  };
}

/** Opens `name` with Quick Open (Control+P) and waits until its tab is the active one. */
async function quickOpen(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(name);
  // Quick Open filters a moment after typing: until then the focused row is still the most
  // recently opened file, and Enter would open that one.
  await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: name }).waitFor({ state: 'visible', timeout: 30_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 10_000 });
}

/** Opens a file of the workspace with Quick Open (Control+P) and waits for its tab and text. */
export async function openFile(page: Page, name: string): Promise<void> {
  await quickOpen(page, name);
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ state: 'visible', timeout: 10_000 });
}

/** Puts the cursor at `at` with "Go to Line/Column" (Control+G) and waits until the status bar says so. */
export async function goTo(page: Page, at: LineColumn): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  // Control+G pressed while a quick pick (the file just opened with Control+P) is still closing
  // opens nothing: wait a moment and try again, up to three times.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+G');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`:${at.line}:${at.column}`, { timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(500);
    }
  }
  await page.keyboard.press('Enter');
  await page
    .locator('.statusbar-item', { hasText: `Ln ${at.line}, Col ${at.column}` })
    .first()
    .waitFor({ state: 'visible', timeout: 10_000 });
}

/** Shows the hover at the cursor (Control+K Control+I, "Show or Focus Hover"). */
export async function showHoverAtCursor(page: Page): Promise<void> {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
}

/** Closes a hover or any quick input that is open. */
export async function dismiss(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

/** What {@link hoverImageAt} saw. */
export interface HoverResult {
  /** The formula image, when one appeared. */
  readonly image: Locator | undefined;
  /** The text of the last visible hover (empty when none showed), for a failure message. */
  readonly text: string;
  /** How many times the hover was asked for. */
  readonly tries: number;
}

/**
 * Puts the cursor at `at` and shows the hover there, once a second, until a formula image
 * appears or `timeoutMs` passes. The retry is needed because the extension activates a
 * moment after the first markdown file opens, and a hover asked for before that is empty.
 */
export async function hoverImageAt(page: Page, at: LineColumn, timeoutMs = 20_000): Promise<HoverResult> {
  await goTo(page, at);
  return hoverUntilImage(page, timeoutMs, true);
}

/**
 * Asks for the hover at the cursor about once a second until its formula image shows (the
 * extension activates a moment after a note opens, and a hover asked for before shows nothing),
 * dismissing the empty hover between tries when `dismissBetween`.
 */
async function hoverUntilImage(page: Page, timeoutMs: number, dismissBetween: boolean): Promise<HoverResult> {
  const image = page.locator(`${HOVER_SVG}:visible`).first();
  const deadline = Date.now() + timeoutMs;
  let text = '';
  let tries = 0;
  do {
    tries++;
    await showHoverAtCursor(page);
    try {
      await image.waitFor({ state: 'visible', timeout: 1_000 });
      // The image can show a moment before the hover's text is laid out: wait for the text too.
      let shown = await visibleHoverText(page);
      for (let k = 0; k < 20 && !shown; k++) {
        await page.waitForTimeout(100);
        shown = await visibleHoverText(page);
      }
      // A hover that closed again before its text could be read (a light bulb appearing beside it)
      // is asked for once more.
      if (shown) return { image, text: shown, tries };
      throw new Error('the hover closed before its text could be read');
    } catch {
      text = (await visibleHoverText(page)) || text;
      if (dismissBetween) await dismiss(page);
    }
  } while (Date.now() < deadline);
  return { image: undefined, text, tries };
}

/**
 * Clicks the link named `name` in the hover of the first display formula ($$...$$) of a workspace
 * file, asking for the hover again until the link is there (the extension may still be activating).
 */
export async function clickHoverLinkOfDisplayFormula(page: Page, workspace: string, file: string, name: string): Promise<void> {
  await page.locator('.tabs-container .tab', { hasText: file }).first().click();
  const text = readWorkspaceFile(workspace, file);
  const display = /\$\$[\s\S]+?\$\$/.exec(text)![0];
  await goTo(page, middleOf(text, display));
  const link = page.locator('.monaco-hover-content a', { hasText: name }).first();
  const deadline = Date.now() + 20_000;
  for (;;) {
    await showHoverAtCursor(page);
    // Attached is enough: a tall hover scrolls, and the click scrolls the link into view.
    if (await link.waitFor({ state: 'attached', timeout: 2000 }).then(() => true, () => false)) break;
    if (Date.now() > deadline) throw new Error(`no ${name} link in the hover of the display formula of ${file}`);
    await dismiss(page);
  }
  await link.click();
}

/** The text of the hover on screen, if any. */
export async function visibleHoverText(page: Page): Promise<string> {
  return (await page.locator('.monaco-hover-content:visible').allInnerTexts()).join('\n').trim();
}

/** The text of a file of the workspace copy. */
export function readWorkspaceFile(workspace: string, name: string): string {
  return fs.readFileSync(path.join(workspace, name), 'utf8');
}

/**
 * Where the middle of `needle` is in `text`, 1-based for "Go to Line/Column".
 * Throws when `needle` is not in `text`, so a changed fixture fails loudly.
 */
export function middleOf(text: string, needle: string): LineColumn {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  return positionAt(text, start + Math.floor(needle.length / 2));
}

/** The 1-based line and column of a UTF-16 offset. */
export function positionAt(text: string, offset: number): LineColumn {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

/** Saves a screenshot of the page (and its console) under `dir`, named after a test. */
export async function saveFailure(wb: Workbench, dir: string, title: string): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const base = path.join(dir, title.replace(/[^\w.-]+/g, '-').slice(0, 80));
  await wb.page.screenshot({ path: `${base}.png` }).catch(() => undefined);
  fs.writeFileSync(`${base}.console.txt`, wb.consoleLines.join('\n') + '\n');
  return `${base}.png`;
}

/** Runs a command by its title from the command palette (Control+Shift+P), as a person does. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const shortTitle = title.replace(/^.*: /, '');
  // A webview or a notification that takes the focus just then closes the palette between its
  // opening and the typing: open it again, up to three times, rather than fail on a race.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 5_000 });
      await page.locator('.quick-input-widget .monaco-list-row.focused', { hasText: shortTitle }).waitFor({ state: 'visible', timeout: 20_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/**
 * The frame of a webview panel that holds `selector` (VS Code nests webview content in
 * iframes), optionally one whose `selector` text passes `test`; waits up to `timeoutMs`.
 */
export async function webviewFrame(page: Page, selector: string, test: (text: string) => boolean = () => true, timeoutMs = 30_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = frame.locator(selector);
      if ((await found.count().catch(() => 0)) > 0 && test((await found.first().textContent().catch(() => '')) ?? '')) return frame;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no webview with ${selector} appeared`);
}

/** The pixels of a canvas in a frame, as a data URL, to compare two moments. */
export function canvasPixels(frame: Frame, selector: string): Promise<string> {
  return frame.locator(selector).evaluate((c) => (c as unknown as { toDataURL(): string }).toDataURL());
}

/** Opens a notebook of the workspace with Quick Open and waits until the status bar counts its cells. */
export async function openNotebook(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Escape');
  await quickOpen(page, name);
  await page.locator('.statusbar-item', { hasText: /Cell \d+ of \d+/ }).first().waitFor({ state: 'visible', timeout: 20_000 });
}

/** The 0-based index of the focused cell of the notebook on screen, from the status bar's "Cell N of M". */
async function focusedCell(page: Page): Promise<number> {
  const text = await page.locator('.statusbar-item', { hasText: /Cell \d+ of \d+/ }).first().innerText();
  return Number(/Cell (\d+) of/.exec(text)![1]) - 1;
}

/**
 * Shows the hover at `offset` (UTF-16 code units, no characters outside the BMP before it) of the
 * notebook's cell `cell`, as a person does with the keyboard: out of the cell being edited, Up/Down
 * to the cell, Enter to edit it, Control+Home and Right to the place, then "Show or Focus Hover";
 * again once a second until a formula image appears or `timeoutMs` passes.
 */
export async function hoverInNotebookCell(page: Page, cell: number, offset: number, timeoutMs = 20_000): Promise<HoverResult> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  for (let tries = 0; tries < 3; tries++) {
    const now = await focusedCell(page);
    if (now === cell) break;
    const key = now < cell ? 'ArrowDown' : 'ArrowUp';
    for (let i = 0; i < Math.abs(cell - now); i++) await page.keyboard.press(key);
  }
  if ((await focusedCell(page)) !== cell) throw new Error(`could not move the notebook's focus to cell ${cell + 1}`);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < offset; i++) await page.keyboard.press('ArrowRight');
  // No dismissing between tries here: Escape would leave the cell's editor.
  return hoverUntilImage(page, timeoutMs, false);
}

/**
 * Closes a panel's editor tab (its worker ends with it, so the next toy does not share the two cores
 * with this one). A panel's tab, not an untitled note whose first line holds the same words (the
 * example notes that earlier tests open start with "# Maximum likelihood").
 */
export async function closePanelTab(page: Page, label: string): Promise<void> {
  const tab = page.locator('.tabs-container .tab', { hasText: label }).filter({ hasNotText: 'Untitled' }).first();
  await tab.hover();
  await tab.locator('.tab-actions .action-label').first().click();
  await tab.waitFor({ state: 'detached', timeout: 10_000 });
}
