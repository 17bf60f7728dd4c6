// `npm run test:vscode`: GenMath in a real VS Code (code-server 4.100.3 = VS Code 1.100.3).
//
//   1. builds the .vsix (`npm run package`) and the tests (`node esbuild.mjs --tests`),
//      unless --no-build is given (scripts/test.sh has just built both);
//   2. installs genmath.vsix into a fresh extensions folder and starts code-server on a
//      copy of test/fixtures/workspace/ (with test/fixtures/recognize-notes/ copied into it as
//      recognize-notes/), all under .vscode-test/run-test-*;
//   3. runs the Playwright tests (out/test/e2e/*.test.js) in a separate mocha process that
//      drives Debian's Chromium: GENMATH_SERVER_URL, GENMATH_WORKSPACE, GENMATH_REPO_ROOT and
//      GENMATH_ARTIFACTS tell them where things are;
//   4. runs the in-host suite (out/test/index.js -> out/test/integration/**) by opening the
//      workbench with a `payload` that names the extension development and tests paths,
//      then waits for the JSON results test/index.ts writes.
// Exits non-zero when anything fails. The run folder is removed after a passing run and
// kept (with screenshots and logs) after a failing one.
//
// The e2e tests save the README's pictures into test-results/screenshots/ (git-ignored), so a
// test run never changes tracked files; `--screenshots` (`npm run screenshots`) saves them into
// media/screenshots/ instead, to refresh the README's images on purpose.
//
//   node scripts/test-vscode.mjs [--no-build] [--e2e-only | --host-only] [--grep PATTERN] [--screenshots]
//   GENMATH_VSIX=path.vsix         test another package (default: genmath.vsix)
//   GENMATH_EXTENSION_DIR=folder   extension development path of the in-host suite (default: the repo)
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ROOT, copyWorkspace, ensureInstalled, installExtension, makeRunDir, startServer, writeUserSettings,
} from './vscode-server.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv);
const grepAt = argv.indexOf('--grep');
const GREP = grepAt >= 0 ? argv[grepAt + 1] : undefined;
const BUILD = !args.has('--no-build');
const E2E = !args.has('--host-only');
const HOST = !args.has('--e2e-only');
const SCREENSHOTS = args.has('--screenshots') ? join(ROOT, 'media', 'screenshots') : join(ROOT, 'test-results', 'screenshots');
const VSIX = resolve(ROOT, process.env.GENMATH_VSIX ?? 'genmath.vsix');
const EXTENSION_DIR = resolve(ROOT, process.env.GENMATH_EXTENSION_DIR ?? '.');
const E2E_TIMEOUT_MS = 600_000;
const HOST_TIMEOUT_MS = 120_000;
const RESULTS_FILE_NAME = '.genmath-test-results.json'; // test/index.ts's fallback, in the workspace

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[test:vscode ${elapsed()}] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, cmdArgs) {
  say(`$ ${cmd} ${cmdArgs.join(' ')}`);
  const r = spawnSync(cmd, cmdArgs, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status ?? r.signal})`);
}

/** Runs mocha over the e2e tests in its own process; resolves with its exit code. */
function runE2e(env) {
  const dir = join(ROOT, 'out', 'test', 'e2e');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort().map((f) => join(dir, f)) : [];
  if (files.length === 0) throw new Error(`no e2e tests in ${dir}: run \`node esbuild.mjs --tests\``);
  const mochaArgs = [join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'), '--no-config', '--no-package', '--reporter', 'spec', '--timeout', '60000', ...(GREP ? ['--grep', GREP] : []), ...files];
  return new Promise((resolveCode) => {
    const child = spawn(process.execPath, mochaArgs, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, ...env } });
    const timer = setTimeout(() => {
      console.error(`e2e tests still running after ${E2E_TIMEOUT_MS / 1000} s: stopping them`);
      child.kill('SIGKILL');
    }, E2E_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolveCode(code ?? (signal ? 1 : 0));
    });
  });
}

/** Prints mocha's JSON report the way its spec reporter would summarize it. */
function printReport(report) {
  // `tests` lists every test in the order it ran; a failed one has a non-empty `err`.
  const failed = new Set((report.failures ?? []).map((t) => t.fullTitle));
  const pending = new Set((report.pending ?? []).map((t) => t.fullTitle));
  let n = 0;
  for (const t of report.tests ?? []) {
    if (failed.has(t.fullTitle)) console.log(`    ${++n}) ${t.fullTitle}`);
    else if (pending.has(t.fullTitle)) console.log(`    - ${t.fullTitle}`);
    else console.log(`    ✔ ${t.fullTitle} (${t.duration ?? 0} ms)`);
  }
  if (!report.tests?.length) (report.failures ?? []).forEach((t) => console.log(`    ${++n}) ${t.fullTitle}`));
  const s = report.stats ?? {};
  console.log(`\n  ${s.passes ?? 0} passing${s.duration !== undefined ? ` (${s.duration} ms)` : ''}`);
  if (s.pending) console.log(`  ${s.pending} pending`);
  if (s.failures) console.log(`  ${s.failures} failing`);
  report.failures?.forEach((t, i) => {
    console.log(`\n  ${i + 1}) ${t.fullTitle}:\n     ${(t.err?.stack ?? t.err?.message ?? JSON.stringify(t.err)).split('\n').join('\n     ')}`);
  });
}

/**
 * Opens the workbench with the extension development and tests paths in its `payload`,
 * so the in-host suite runs inside the real extension host, and waits for its results.
 * @returns true when every test passed
 */
async function runInHost(server, workspace, runDir) {
  const { chromium } = await import('playwright-core');
  const envResults = join(runDir, 'results.json');
  const workspaceResults = join(workspace, RESULTS_FILE_NAME);
  const payload = JSON.stringify([
    ['extensionDevelopmentPath', server.remoteUri(EXTENSION_DIR)],
    ['extensionTestsPath', server.remoteUri(join(ROOT, 'out', 'test', 'index.js'))],
  ]);
  const url = server.workbenchUrl({ payload });
  say(`in-host suite: ${url}`);

  const browser = await chromium.launch({
    executablePath: process.env.GENMATH_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const consoleLines = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`[pageerror] ${e.message}`));
    await page.goto(url);
    const deadline = Date.now() + HOST_TIMEOUT_MS;
    let found;
    while (!found && Date.now() < deadline) {
      found = [envResults, workspaceResults].find((f) => existsSync(f));
      if (!found) await sleep(250);
    }
    if (!found) {
      const artifacts = join(runDir, 'artifacts');
      mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: join(artifacts, 'in-host-timeout.png') }).catch(() => undefined);
      console.log(`  The in-host suite wrote no results within ${HOST_TIMEOUT_MS / 1000} s.`);
      console.log(`  screenshot: ${join(artifacts, 'in-host-timeout.png')}`);
      console.log(`  browser console (last 40 lines):\n    ${consoleLines.slice(-40).join('\n    ')}`);
      return false;
    }
    say(`results in ${found === envResults ? 'GENMATH_TEST_RESULTS (the extension host inherited the environment)' : 'the workspace (fallback)'}`);
    const report = JSON.parse(readFileSync(found, 'utf8'));
    printReport(report);
    const ok = (report.stats?.failures ?? 1) === 0 && (report.stats?.passes ?? 0) > 0;
    if (!ok) console.log(`  browser console (last 40 lines):\n    ${consoleLines.slice(-40).join('\n    ')}`);
    return ok;
  } finally {
    await browser.close();
  }
}

async function main() {
  ensureInstalled();
  if (BUILD) {
    run('node', ['esbuild.mjs', '--tests']);
    run('npm', ['run', '--silent', 'package']);
  }
  if (!existsSync(VSIX)) throw new Error(`no ${VSIX}: run \`npm run package\``);
  if (HOST && !existsSync(join(ROOT, 'out', 'test', 'index.js'))) throw new Error('no out/test/index.js: run `node esbuild.mjs --tests`');

  const paths = makeRunDir('test');
  const workspace = copyWorkspace(join(ROOT, 'test', 'fixtures', 'workspace'), paths.dir);
  // The notes of every format that the recognition test hovers (test/e2e/recognize-notes.test.ts).
  cpSync(join(ROOT, 'test', 'fixtures', 'recognize-notes'), join(workspace, 'recognize-notes'), { recursive: true });
  say(`run folder ${paths.dir}`);
  installExtension({ vsix: VSIX, extensionsDir: paths.extensionsDir });
  say(`installed ${VSIX}`);
  writeUserSettings(paths.userDataDir);

  const server = await startServer({
    folder: workspace,
    userDataDir: paths.userDataDir,
    extensionsDir: paths.extensionsDir,
    runDir: paths.dir,
    // The extension host inherits code-server's environment: this is how test/index.ts learns
    // where to write its results (and which tests to run).
    env: { GENMATH_TEST_RESULTS: join(paths.dir, 'results.json'), ...(GREP ? { GENMATH_TEST_GREP: GREP } : {}) },
  });
  say(`code-server ${server.url} (pid ${server.pid}, log ${server.logFile})`);

  const failed = [];
  try {
    if (E2E) {
      console.log('\n== Playwright: the workbench in Chromium ==');
      const code = await runE2e({
        GENMATH_SERVER_URL: server.url,
        GENMATH_WORKSPACE: workspace,
        GENMATH_REPO_ROOT: ROOT,
        GENMATH_ARTIFACTS: join(paths.dir, 'artifacts'),
        GENMATH_SCREENSHOTS: SCREENSHOTS,
        GENMATH_VSIX: VSIX,
      });
      if (code !== 0) failed.push('e2e');
    }
    if (HOST) {
      console.log('\n== In the extension host (extensionTestsPath) ==');
      if (!(await runInHost(server, workspace, paths.dir))) failed.push('in-host');
    }
  } finally {
    await server.stop();
  }

  if (failed.length > 0) {
    say(`FAILED: ${failed.join(', ')}; kept ${paths.dir} (code-server.log, artifacts/, user-data/logs/)`);
    return 1;
  }
  rmSync(paths.dir, { recursive: true, force: true });
  if (E2E) say(`screenshots in ${SCREENSHOTS}`);
  say('all passed');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[test:vscode] ${e?.message ?? e}`);
    process.exit(1);
  },
);
