#!/usr/bin/env bash
# Installs the locked dependencies (`npm ci`) when node_modules is missing or cannot provide the
# build tools, as on a fresh clone. Sourced by scripts/start.sh and scripts/test.sh, so that
# `npm start` and `npm test` both work as the first command a newcomer runs.
#
# A node_modules that resolves esbuild and vsce is left alone: it may be a link to another
# checkout's folder, which `npm ci` would empty and rebuild.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [[ -d node_modules ]] && node -e 'require.resolve("esbuild"); require.resolve("@vscode/vsce/package.json")' 2>/dev/null; then
  exit 0
fi
echo "[genmath] node_modules is missing or incomplete: npm ci (once, about a minute)"
npm ci --no-audit --no-fund
