// The README's first command on a fresh clone, as a newcomer runs it (`npm test` runs this):
//
//   1. `git clone` this repository (its committed HEAD) into a temporary folder, beside a link
//      to ../shared (the corpus the tests read), with no node_modules and no build;
//   2. `PORT=<free port> npm start` there, in its own process group;
//   3. wait for its "GenMath is running: open URL" line, and fetch that page (HTTP 200);
//   4. stop the process group, and check that nothing it started still runs or listens.
//
// The start script must install node_modules itself (scripts/ensure-node-modules.sh): the check
// only lets npm prefer its local cache (`npm_config_prefer_offline`), which is what makes a
// second install take seconds on any machine. code-server (320 MB, minutes to install) is linked
// from this checkout's .vscode-test/ when it is there, as scripts/install-vscode.sh would leave
// it; without it the clone installs its own.
//
// Bounded: the whole check stops after CHECK_TIMEOUT_MS (GENMATH_CLONE_TIMEOUT_MS overrides it)
// and fails, leaving nothing running. The temporary folder is removed, unless the check failed
// and --keep is given.
//
//   node scripts/check-fresh-clone.mjs [--keep]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CODE_SERVER_VERSION, ROOT, freePort, groupAlive, portIsFree } from './vscode-server.mjs';

const CHECK_TIMEOUT_MS = Number(process.env.GENMATH_CLONE_TIMEOUT_MS ?? 8 * 60_000);
const KEEP = process.argv.includes('--keep');
const READY = /GenMath is running: open (\S+)/;

const started = Date.now();
const say = (msg) => console.log(`[fresh-clone ${((Date.now() - started) / 1000).toFixed(1)} s] ${msg}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));


/** Processes whose working folder or command line is inside `dir` (from /proc; empty elsewhere). */
function processesInside(dir) {
  if (!existsSync('/proc')) return [];
  const found = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      if (cwd.startsWith(dir) || cmd.includes(dir)) found.push(`${pid} ${cmd.slice(0, 160)}`);
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return found;
}

/** Ends the process group: SIGTERM (the start script stops code-server on it), then SIGKILL. */
async function stopGroup(pgid) {
  if (!groupAlive(pgid)) return;
  try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
  for (let i = 0; i < 100 && groupAlive(pgid); i++) await sleep(100);
  if (groupAlive(pgid)) {
    try { process.kill(-pgid, 'SIGKILL'); } catch { /* already gone */ }
    for (let i = 0; i < 50 && groupAlive(pgid); i++) await sleep(100);
  }
}

async function main() {
  const head = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
  const dirty = spawnSync('git', ['-C', ROOT, 'status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).stdout.trim();
  if (dirty) say('note: the clone has the committed HEAD only, without the changes not yet committed here');

  const base = mkdtempSync(join(tmpdir(), 'genmath-fresh-clone-'));
  const clone = join(base, 'genmath');
  let failed = true;
  let pgid;
  let port;
  try {
    const c = spawnSync('git', ['clone', '--quiet', '--no-hardlinks', ROOT, clone], { encoding: 'utf8' });
    if (c.status !== 0) throw new Error(`git clone failed: ${c.stderr}`);
    if (existsSync(resolve(ROOT, '..', 'shared'))) symlinkSync(resolve(ROOT, '..', 'shared'), join(base, 'shared'));
    const codeServer = join(ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
    if (existsSync(join(codeServer, '.genmath-installed'))) {
      mkdirSync(join(clone, '.vscode-test'), { recursive: true });
      symlinkSync(codeServer, join(clone, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`));
    }
    if (existsSync(join(clone, 'node_modules'))) throw new Error('the clone has a node_modules folder: it would not test a fresh clone');
    say(`cloned ${head} into ${clone} (no node_modules, no dist/)`);

    port = await freePort();
    say(`$ PORT=${port} npm start`);
    const child = spawn('npm', ['start'], {
      cwd: clone,
      detached: true, // its own process group, stopped as a whole
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(port), npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' },
    });
    pgid = child.pid;
    const output = [];
    let url;
    let exited;
    const onData = (chunk) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        output.push(line);
        const m = READY.exec(line);
        if (m && !url) url = m[1];
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => { exited = `exit ${code ?? signal}`; });

    const deadline = started + CHECK_TIMEOUT_MS;
    while (!url && !exited && Date.now() < deadline) await sleep(250);
    if (!url) {
      const why = exited ? `npm start ended (${exited})` : `no "GenMath is running" line within ${CHECK_TIMEOUT_MS / 1000} s`;
      throw new Error(`${why}; its last lines:\n  ${output.slice(-25).join('\n  ')}`);
    }
    say(`npm start says: ${output.find((l) => READY.test(l))}`);
    const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(1000, Math.min(30_000, deadline - Date.now()))) });
    const body = await res.text();
    if (res.status !== 200) throw new Error(`GET ${url} answered HTTP ${res.status}`);
    if (!/<html/i.test(body)) throw new Error(`GET ${url} answered 200 without an HTML page`);
    say(`GET ${url} -> HTTP ${res.status} (${body.length} bytes)`);
    failed = false;
  } finally {
    if (pgid !== undefined) await stopGroup(pgid);
    // code-server runs in a process group of its own, which the start script ends when it is
    // stopped; give it the moment that takes, then check that nothing is left.
    let left = processesInside(base);
    for (let i = 0; i < 50 && left.length > 0; i++) {
      await sleep(100);
      left = processesInside(base);
    }
    const portFree = port === undefined || (await portIsFree(port));
    if (left.length > 0 || !portFree) {
      failed = true;
      console.error(`[fresh-clone] still running after npm start was stopped:\n  ${left.join('\n  ')}${portFree ? '' : `\n  (port ${port} is still in use)`}`);
      // They are this check's own descendants: end them by id, so a failed check leaves nothing behind.
      for (const line of left) {
        try { process.kill(Number(line.split(' ')[0]), 'SIGKILL'); } catch { /* gone meanwhile */ }
      }
    } else if (pgid !== undefined) {
      say('stopped: no process of the clone is left, and the port is free');
    }
    if (failed && KEEP) say(`kept ${base}`);
    else rmSync(base, { recursive: true, force: true });
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[fresh-clone] FAILED: ${e?.message ?? e}`);
    process.exit(1);
  },
);
