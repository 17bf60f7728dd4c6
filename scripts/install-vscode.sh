#!/usr/bin/env bash
# Installs what the real-VS-Code tests and `npm start` need, once:
#   - Debian packages: libkrb5-dev (build dependency of code-server's kerberos module),
#     ripgrep (VS Code's search; code-server's postinstall cannot download its own) and
#     chromium (the browser Playwright drives; Playwright cannot download one here).
#   - code-server 4.100.3 (= VS Code 1.100.3, the newest that runs on Node 20) into
#     .vscode-test/code-server-4.100.3/, following shared/real-vscode.md: its postinstall
#     downloads from GitHub and fails, so it is installed with scripts off and its steps
#     are done by hand.
# Idempotent: a marker file written at the very end makes a second run return at once,
# and an interrupted run starts the code-server part again from a clean folder.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT="$PWD"
V="${CODE_SERVER_VERSION:-4.100.3}"
D="$ROOT/.vscode-test/code-server-$V"
MARKER="$D/.genmath-installed"

log() { printf '[install-vscode] %s\n' "$*"; }

# --- Debian packages --------------------------------------------------------------
# make, g++ and python3 build the native modules (argon2, kerberos, node-pty, ...) from
# source when their prebuilt downloads fail; they are already there on most images.
PKGS=(libkrb5-dev ripgrep chromium make g++ python3)
missing=()
for p in "${PKGS[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    if command -v sudo >/dev/null; then SUDO=(sudo); else
      log "need root (or sudo) to install: ${missing[*]}"; exit 1
    fi
  fi
  log "installing Debian packages: ${missing[*]}"
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"  # with recommends: Chromium's fonts
fi

# --- code-server ------------------------------------------------------------------
if [[ -f "$MARKER" && -x "$D/node_modules/.bin/code-server" ]]; then
  log "code-server $V already installed in ${D#"$ROOT"/}"
  exit 0
fi

log "installing code-server $V into ${D#"$ROOT"/} (a few minutes, about 320 MB)"
start=$SECONDS
rm -rf "$D"
mkdir -p "$D"
cd "$D"
echo '{"name":"cs","private":true}' > package.json

NPM_QUIET=(--no-audit --no-fund --loglevel=error)
npm install "${NPM_QUIET[@]}" --ignore-scripts "code-server@$V"
# argon2's prebuilt download fails here; rebuilding builds it from source.
npm rebuild "${NPM_QUIET[@]}" argon2

cd node_modules/code-server/lib/vscode
npm install "${NPM_QUIET[@]}" --omit=dev --ignore-scripts
# node-pty's post-install calls `npx node-gyp`, which must not stop to ask.
npm_config_yes=true npm rebuild "${NPM_QUIET[@]}" kerberos @parcel/watcher @vscode/spdlog native-watchdog node-pty
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
ln -sfn node_modules node_modules.asar
(cd extensions && npm install "${NPM_QUIET[@]}" --omit=dev --ignore-scripts)

cd "$D"
# An empty config file keeps code-server from writing a default one into ~/.config.
"$D/node_modules/.bin/code-server" --config /dev/null --version
date -u +%FT%TZ > "$MARKER"
log "done in $((SECONDS - start)) s"
