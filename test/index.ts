// The in-host test runner: VS Code loads this module (extensionTestsPath) inside the real
// extension host and calls `run()`. Two drivers use it:
//   - scripts/test-vscode.mjs, through code-server's web workbench (`payload` in the URL);
//   - test/electron.ts, through @vscode/test-electron on a machine that can download VS Code.
// Neither can read the host's console, so mocha's results go to a JSON file:
//   - the path in GENMATH_TEST_RESULTS when the host has it (test-electron passes it with
//     extensionTestsEnv; code-server's extension host inherits the server's environment);
//   - otherwise `.genmath-test-results.json` in the first workspace folder.
// GENMATH_TEST_GREP, when set, runs only the tests whose titles match it.
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';

/** The file name used when no path comes through the environment. */
export const RESULTS_FILE_NAME = '.genmath-test-results.json';

/** Where this run's results go. */
export function resultsPath(): string {
  const fromEnv = process.env.GENMATH_TEST_RESULTS;
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    throw new Error('GENMATH_TEST_RESULTS is not set and there is no local workspace folder to write results into');
  }
  return path.join(folder.uri.fsPath, RESULTS_FILE_NAME);
}

/** Every `*.test.js` file below `dir`, sorted so runs are repeatable. */
function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .sort()
    .map((f) => path.join(dir, f));
}

/**
 * Runs the integration tests (`out/test/integration/**\/*.test.js`) with mocha and writes
 * mocha's JSON report. Rejects when a test fails, which is how @vscode/test-electron learns
 * the outcome; the results file is complete (written, then renamed) before that.
 */
export async function run(): Promise<void> {
  // mocha is a dev dependency loaded from the repository at run time, not bundled.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Mocha = require('mocha') as typeof import('mocha');
  const output = resultsPath();
  const partial = `${output}.partial`;
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.rmSync(output, { force: true });

  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 30_000,
    reporter: 'json',
    reporterOptions: { output: partial },
    ...(process.env.GENMATH_TEST_GREP ? { grep: process.env.GENMATH_TEST_GREP } : {}),
  });
  const files = testFiles(path.resolve(__dirname, 'integration'));
  for (const f of files) mocha.addFile(f);

  let failures: number;
  try {
    if (files.length === 0) throw new Error(`no tests in ${path.resolve(__dirname, 'integration')}`);
    failures = await new Promise<number>((resolve) => mocha.run(resolve));
    fs.renameSync(partial, output);
  } catch (e) {
    // A test file that does not load never reaches the reporter: report it in the same shape.
    const err = e instanceof Error ? e : new Error(String(e));
    const report = {
      stats: { suites: 0, tests: 1, passes: 0, pending: 0, failures: 1 },
      tests: [],
      passes: [],
      pending: [],
      failures: [{ title: 'loading the in-host tests', fullTitle: 'loading the in-host tests', err: { message: err.message, stack: err.stack } }],
    };
    fs.writeFileSync(partial, JSON.stringify(report, null, 2));
    fs.renameSync(partial, output);
    throw err;
  }
  if (failures > 0) throw new Error(`${failures} in-host test(s) failed; see ${output}`);
}
