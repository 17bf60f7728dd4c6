// `npm run test:electron`: the in-host suite (test/index.ts) in a desktop VS Code that
// @vscode/test-electron downloads from Microsoft's update server. For machines that can
// reach it; where they cannot, `npm run test:vscode` runs the same suite in code-server.
//
//   GENMATH_VSCODE_VERSION  VS Code to download (default 1.100.3, what code-server 4.100.3 is;
//                           `stable` for the newest)
//
// Compiled to out/test/electron.js by `node esbuild.mjs --tests`; run from the repository root.
import * as fs from 'fs';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..', '..');
  fs.mkdirSync(path.join(root, '.vscode-test'), { recursive: true });
  const runDir = fs.mkdtempSync(path.join(root, '.vscode-test', 'run-electron-'));
  const workspace = path.join(runDir, 'workspace');
  fs.cpSync(path.join(root, 'test', 'fixtures', 'workspace'), workspace, { recursive: true });
  const results = path.join(runDir, 'results.json');

  let failed = false;
  try {
    await runTests({
      version: process.env.GENMATH_VSCODE_VERSION ?? '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'out', 'test', 'index.js'),
      extensionTestsEnv: { GENMATH_TEST_RESULTS: results },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir', path.join(runDir, 'user-data'),
        '--extensions-dir', path.join(runDir, 'extensions'),
      ],
    });
  } catch (e) {
    failed = true;
    console.error(`The in-host tests failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (fs.existsSync(results)) {
    const report = JSON.parse(fs.readFileSync(results, 'utf8')) as { stats: { passes: number; failures: number; pending: number } };
    console.log(`${report.stats.passes} passing, ${report.stats.failures} failing, ${report.stats.pending} pending (${results})`);
    failed ||= report.stats.failures > 0;
  } else {
    failed = true;
    console.error(`No results were written to ${results}.`);
  }
  // A passing run leaves nothing behind; a failing one keeps its logs for a look.
  if (!failed) fs.rmSync(runDir, { recursive: true, force: true });
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
