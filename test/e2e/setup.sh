#!/usr/bin/env bash
# Installs what the end-to-end tests need, outside the repository: Debian packages (Chromium to drive
# the workbench, Neovim for the second LSP client, compilers for code-server's native modules) and
# code-server 4.100.3 (= VS Code 1.100.3, the last code-server that runs on Node 20).
#   E2E_ROOT    where code-server goes (default /tmp/perflens-e2e); safe to run again, skips what is there
#   SKIP_APT=1  do not touch Debian packages (they are installed already)
# playwright-core (no browser download) and @vscode/vsce come from the repository's own devDependencies.
set -euo pipefail
ROOT="${E2E_ROOT:-/tmp/perflens-e2e}"
CS_VERSION=4.100.3
mkdir -p "$ROOT/tmp" "$ROOT/cs"
# Keep npm's temp files and the ripgrep download cache inside $ROOT.
export TMPDIR="$ROOT/tmp"
# node-pty's postinstall runs `npx node-gyp`, which must not stop to ask.
export npm_config_yes=true
started=$(date +%s)

need_apt=0
for bin in chromium nvim rg make python3; do command -v "$bin" >/dev/null || need_apt=1; done
if [ "${SKIP_APT:-0}" != 1 ] && [ "$need_apt" = 1 ]; then
  echo "[setup] apt: build-essential python3 libkrb5-dev ripgrep chromium neovim"
  apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq build-essential python3 libkrb5-dev ripgrep chromium neovim >/dev/null
fi

CS_BIN="$ROOT/cs/node_modules/.bin/code-server"
if [ ! -x "$CS_BIN" ]; then
  # code-server's dependency @vscode/ripgrep downloads rg from GitHub in its postinstall, which is
  # unreachable here: put Debian's rg into the cache that postinstall looks in first.
  cd "$ROOT/tmp"
  npm pack --loglevel=error "code-server@$CS_VERSION" >/dev/null
  tar -xzf "code-server-$CS_VERSION.tgz" package/lib/vscode/npm-shrinkwrap.json
  rg_version=$(node -p 'require("./package/lib/vscode/npm-shrinkwrap.json").packages["node_modules/@vscode/ripgrep"].version')
  npm pack --loglevel=error "@vscode/ripgrep@$rg_version" >/dev/null
  tar -xzf "vscode-ripgrep-$rg_version.tgz" package/lib/postinstall.js
  rg_tag=$(sed -n "s/^const VERSION = '\(.*\)';/\1/p" package/lib/postinstall.js)
  mkdir -p rg-bin "vscode-ripgrep-cache-$rg_version"
  cp "$(command -v rg)" rg-bin/rg
  tar -czf "vscode-ripgrep-cache-$rg_version/ripgrep-$rg_tag-x86_64-unknown-linux-musl.tar.gz" -C rg-bin rg
  echo "[setup] seeded @vscode/ripgrep $rg_version ($rg_tag) with Debian's rg"

  cd "$ROOT/cs"
  [ -f package.json ] || npm init -y >/dev/null
  # As root, code-server's postinstall refuses to run without --unsafe-perm.
  echo "[setup] npm install code-server@$CS_VERSION (builds native modules, a few minutes)"
  npm install --no-audit --no-fund --unsafe-perm "code-server@$CS_VERSION" >"$ROOT/npm-install.log" 2>&1 \
    || { tail -40 "$ROOT/npm-install.log"; exit 1; }
fi

"$CS_BIN" --version --config "$ROOT/tmp/config.yaml" | tail -1
echo "[setup] done in $(( $(date +%s) - started )) s, $(du -sh "$ROOT" | cut -f1) in $ROOT"
