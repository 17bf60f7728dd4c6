// Runs GenMath in a real VS Code: code-server 4.100.3 (= VS Code 1.100.3), installed by
// scripts/install-vscode.sh into .vscode-test/. Used by `npm start` (scripts/start.sh) and
// `npm run test:vscode` (scripts/test-vscode.mjs); see shared/real-vscode.md for why it is
// code-server and not a downloaded VS Code.
//
// Every run gets its own folder `.vscode-test/run-*` (user data, extensions, logs, a
// workspace copy), so runs never share state and a run can be inspected after it fails.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync, openSync, closeSync, cpSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The code-server release that runs on Node 20 (VS Code 1.100.3). */
export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION ?? '4.100.3';

/** Where scripts/install-vscode.sh puts code-server. */
export const CODE_SERVER_DIR = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);

/** The code-server executable (a Node script with a shebang). */
export const CODE_SERVER_BIN = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');

/** Settings that keep a trust dialog and the welcome page from covering the editor. */
export const BASE_SETTINGS = Object.freeze({
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  // The example and test workspaces live inside this repository: without this, VS Code offers to
  // open the repository in a notification that covers the panels (and the screenshots).
  'git.openRepositoryInParentFolders': 'never',
});

/** Runs scripts/install-vscode.sh (quick when everything is installed already). */
export function ensureInstalled() {
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'install-vscode.sh')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`scripts/install-vscode.sh failed (exit ${r.status ?? r.signal})`);
}

/**
 * Creates a run folder with `user-data/`, `extensions/` and `logs/` inside, and returns
 * their paths: a fresh `.vscode-test/run-<name>-XXXXXX`, or with `reuse` the same
 * `.vscode-test/run-<name>` every time (so `npm start` keeps a person's layout and state).
 * @param {string} [name] a word that says what the run is for (`test`, `start`)
 * @param {{ reuse?: boolean }} [options]
 */
export function makeRunDir(name = 'run', { reuse = false } = {}) {
  mkdirSync(join(ROOT, '.vscode-test'), { recursive: true });
  const dir = reuse ? join(ROOT, '.vscode-test', `run-${name}`) : mkdtempSync(join(ROOT, '.vscode-test', `run-${name}-`));
  const paths = {
    dir,
    userDataDir: join(dir, 'user-data'),
    extensionsDir: join(dir, 'extensions'),
    logsDir: join(dir, 'logs'),
  };
  for (const p of [paths.userDataDir, paths.extensionsDir, paths.logsDir]) mkdirSync(p, { recursive: true });
  return paths;
}

/**
 * Copies a folder (a test fixture) into the run folder, so tests may change it freely.
 * @param {string} from folder to copy
 * @param {string} runDir the run folder from {@link makeRunDir}
 * @returns {string} the copy's absolute path
 */
export function copyWorkspace(from, runDir) {
  const to = join(runDir, 'workspace');
  cpSync(from, to, { recursive: true });
  return to;
}

/**
 * Writes `USERDATA/User/settings.json`: {@link BASE_SETTINGS} plus `extra`.
 * @param {string} userDataDir
 * @param {Record<string, unknown>} [extra]
 */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'settings.json');
  writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...extra }, null, 2) + '\n');
  return file;
}

/** The config file code-server reads; an empty one keeps `~/.config/code-server` out of it. */
function configFile(runDir) {
  const file = join(runDir, 'config.yaml');
  if (!existsSync(file)) writeFileSync(file, '');
  return file;
}

/**
 * Installs a `.vsix` into an extensions folder the way a user does
 * (`code-server --extensions-dir EXT --install-extension FILE`).
 * @param {{ vsix: string, extensionsDir: string, userDataDir?: string }} options
 */
export function installExtension({ vsix, extensionsDir, userDataDir }) {
  if (!existsSync(CODE_SERVER_BIN)) throw new Error(`code-server is not installed: run scripts/install-vscode.sh`);
  if (!existsSync(vsix)) throw new Error(`no such .vsix: ${vsix}`);
  const args = ['--config', '/dev/null', '--extensions-dir', extensionsDir];
  if (userDataDir) args.push('--user-data-dir', userDataDir);
  args.push('--install-extension', resolve(vsix), '--force');
  const r = spawnSync(CODE_SERVER_BIN, args, { encoding: 'utf8', timeout: 120_000, env: quietEnv() });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
  if (r.status !== 0 || !/successfully installed/i.test(out)) {
    throw new Error(`installing ${vsix} failed (exit ${r.status ?? r.signal}):\n${out}`);
  }
  return out;
}

/** An environment without the variables that would make code-server think it runs inside VS Code. */
function quietEnv(extra = {}) {
  const env = { ...process.env, ...extra };
  for (const k of Object.keys(env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE') delete env[k];
  }
  return env;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (srv.address());
      srv.close(() => resolvePort(port));
    });
  });
}

/** True when nothing listens on `port` at 127.0.0.1. */
export function portIsFree(port) {
  return new Promise((resolveFree) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolveFree(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolveFree(true)));
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits until code-server answers on `/healthz`.
 * @param {string} url the server's base URL
 * @param {{ timeoutMs?: number, isDead?: () => string | undefined }} [options]
 */
export async function waitForServer(url, { timeoutMs = 60_000, isDead } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dead = isDead?.();
    if (dead) throw new Error(`code-server exited before it answered: ${dead}`);
    try {
      const res = await fetch(new URL('/healthz', url), { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = String(e?.cause?.code ?? e?.message ?? e);
    }
    await sleep(200);
  }
  throw new Error(`code-server did not answer at ${url} within ${timeoutMs / 1000} s (${last})`);
}

/** Servers started by this process, stopped when it exits, however it exits. */
const running = new Set();
let exitHooksInstalled = false;
function installExitHooks() {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => { for (const s of running) s.killNow(); });
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, () => {
      for (const s of running) s.killNow();
      process.exit(128 + ({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1 })[sig]);
    });
  }
}

/**
 * Starts code-server, waits until it answers, and returns a handle to it.
 * It runs in its own process group, so `stop()` ends it with everything it started
 * (extension host, file watcher, pty host).
 *
 * @param {object} options
 * @param {string} options.folder the workspace folder to open
 * @param {string} options.userDataDir
 * @param {string} options.extensionsDir
 * @param {string} [options.runDir] where its config and log go (default: the parent of userDataDir)
 * @param {number} [options.port] default: a free port
 * @param {Record<string, string>} [options.env] extra environment; the extension host inherits it
 * @param {boolean} [options.inheritOutput] show its output on this terminal instead of only in the log
 * @param {number} [options.timeoutMs] how long to wait for it to answer
 */
export async function startServer(options) {
  const { folder, userDataDir, extensionsDir } = options;
  const runDir = options.runDir ?? dirname(userDataDir);
  const port = options.port ?? (await freePort());
  if (!existsSync(CODE_SERVER_BIN)) throw new Error(`code-server is not installed: run scripts/install-vscode.sh`);
  if (!(await portIsFree(port))) throw new Error(`port ${port} is in use on 127.0.0.1`);

  const logFile = join(runDir, 'code-server.log');
  const args = [
    '--config', configFile(runDir),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    resolve(folder),
  ];
  const logFd = openSync(logFile, 'a');
  const child = spawn(CODE_SERVER_BIN, args, {
    cwd: runDir,
    detached: true, // its own process group, killed as a whole
    stdio: ['ignore', options.inheritOutput ? 'inherit' : logFd, options.inheritOutput ? 'inherit' : logFd],
    env: quietEnv(options.env),
  });
  closeSync(logFd);

  let exited;
  child.on('exit', (code, signal) => { exited = `exit ${code ?? signal}`; });

  const url = `http://127.0.0.1:${port}`;
  const pgid = child.pid;

  const killNow = () => {
    if (exited && !groupAlive(pgid)) return;
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
  };

  const server = {
    url,
    port,
    pid: child.pid,
    folder: resolve(folder),
    logFile,
    /** The address a person opens: the workbench with the folder. */
    workbenchUrl(query = {}) {
      const params = new URLSearchParams({ folder: resolve(folder), ...query });
      return `${url}/?${params}`;
    },
    /** A path on this machine as the web workbench names it (`vscode-remote://HOST:PORT/abs/path`). */
    remoteUri(path) {
      return `vscode-remote://127.0.0.1:${port}${resolve(path)}`;
    },
    /** True while the server process runs. */
    get alive() { return !exited; },
    /** Stops the server and every process it started; resolves when they are gone. */
    async stop() {
      running.delete(server);
      if (!groupAlive(pgid)) return;
      try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
      for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
      if (groupAlive(pgid)) {
        try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
        for (let i = 0; i < 20 && groupAlive(pgid); i++) await sleep(100);
      }
    },
    killNow,
  };
  running.add(server);
  installExitHooks();

  try {
    await waitForServer(url, { timeoutMs: options.timeoutMs ?? 60_000, isDead: () => exited });
  } catch (e) {
    await server.stop();
    throw new Error(`${e.message}\n(see ${logFile})`);
  }
  return server;
}

/** True while any process of the group `pgid` is alive. */
export function groupAlive(pgid) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}
