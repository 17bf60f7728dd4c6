#!/usr/bin/env bash
# `npm start`: build GenMath, install the .vsix into the cached code-server (VS Code 1.100.3)
# and serve examples/ at http://127.0.0.1:${PORT:-8080}. Stays in the foreground; Ctrl+C stops
# the server and everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

# A fresh clone has no node_modules: install them first, as `npm test` does.
bash scripts/ensure-node-modules.sh
bash scripts/install-vscode.sh
npm run --silent package
exec node --input-type=module -e '
import { ROOT, makeRunDir, installExtension, writeUserSettings, startServer } from "./scripts/vscode-server.mjs";
import { join } from "node:path";

const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`PORT must be a port number, not ${process.env.PORT}`);
const folder = join(ROOT, "examples");
const paths = makeRunDir("start", { reuse: true });
installExtension({ vsix: join(ROOT, "genmath.vsix"), extensionsDir: paths.extensionsDir });
writeUserSettings(paths.userDataDir);
const server = await startServer({ folder, port, userDataDir: paths.userDataDir, extensionsDir: paths.extensionsDir, runDir: paths.dir });
console.log(`GenMath is running: open ${server.url}/?folder=${folder}`);
console.log(`(code-server log: ${server.logFile}; Ctrl+C to stop)`);
// Stay in the foreground until Ctrl+C (handled in vscode-server.mjs) or until the server dies.
await new Promise((resolve) => { const t = setInterval(() => { if (!server.alive) { clearInterval(t); resolve(); } }, 500); });
console.error(`code-server exited; see ${server.logFile}`);
process.exit(1);
'
