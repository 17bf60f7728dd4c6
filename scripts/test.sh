#!/usr/bin/env bash
# `npm test`: every check, in the order that fails fastest. Passes on a fresh machine:
# it installs node_modules (when missing), the Debian packages and code-server it needs.
set -euo pipefail
cd "$(dirname "$0")/.."

started=$SECONDS
# Tests write only ignored files (test-results/, out/, .vscode-test/): compared at the end.
checkout_before=$(git status --porcelain 2>/dev/null || true)
step() { printf '\n=== [npm test %4d s] %s\n' "$((SECONDS - started))" "$*"; }

step "node_modules (npm ci when missing: scripts/ensure-node-modules.sh)"
bash scripts/ensure-node-modules.sh

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

step "the README's first command on a fresh clone (scripts/check-fresh-clone.mjs)"
npm run --silent test:fresh-clone

step "the checkout is unchanged (tests write only ignored files; \`npm run screenshots\` refreshes media/)"
checkout_after=$(git status --porcelain 2>/dev/null || true)
if [[ "$checkout_before" != "$checkout_after" ]]; then
  echo "npm test changed the checkout:"
  diff <(echo "$checkout_before") <(echo "$checkout_after") || true
  exit 1
fi

step "all passed in $((SECONDS - started)) s"
