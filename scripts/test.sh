#!/usr/bin/env bash
# `npm test`: every check, in the order that fails fastest. Passes on a fresh machine:
# it installs node_modules (when missing), the Debian packages and code-server it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
step() { printf '\n=== [npm test %4d s] %s\n' "$((SECONDS - started))" "$*"; }

if [[ ! -d node_modules ]]; then
  step "npm ci (node_modules is missing)"
  npm ci --no-audit --no-fund
fi

step "install code-server and Debian packages (scripts/install-vscode.sh)"
bash scripts/install-vscode.sh

step "lint"
npm run --silent lint

step "type check"
npm run --silent typecheck

step "unit tests (also builds the in-host and e2e tests into out/)"
npm run --silent test:unit

step "package genmath.vsix"
npm run --silent package

step "tests in a real VS Code (code-server 4.100.3 + Chromium)"
npm run --silent test:vscode -- --no-build

step "all passed in $((SECONDS - started)) s"
