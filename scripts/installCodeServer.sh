#!/usr/bin/env bash
# Installs code-server (VS Code 1.100.3 with a web client) into .vscode-test/code-server,
# the real extension host for the integration suite on machines without desktop VS Code.
# 4.100.3 is the newest release that runs on Node 20.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.vscode-test/code-server"
version=4.100.3
bin="$dir/node_modules/code-server/out/node/entry.js"

if [ -f "$dir/.installed-$version" ] && [ -f "$bin" ]; then
  echo "code-server $version already installed in $dir"
  exit 0
fi

# @vscode/ripgrep's postinstall downloads a binary; the network here only reaches registries.
# Seed its cache with Debian's rg so the download is skipped.
tmp=${TMPDIR:-/tmp}
cache="$tmp/vscode-ripgrep-cache-1.15.11"
tarball="$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -f "$tarball" ]; then
  command -v rg >/dev/null || { echo "ripgrep is missing: run scripts/installSystemDeps.sh" >&2; exit 1; }
  mkdir -p "$cache"
  stage=$(mktemp -d)
  cp "$(command -v rg)" "$stage/rg"
  tar -C "$stage" -czf "$tarball" rg
  rm -rf "$stage"
fi

mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{"name":"berth-code-server","private":true}' > package.json
npm_config_yes=true npm install --no-audit --no-fund --unsafe-perm "code-server@$version"

# npm 11 may skip install scripts; code-server's postinstall builds its native modules.
if [ ! -f node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node ]; then
  echo "running code-server's postinstall (builds native modules, a few minutes)"
  (cd node_modules/code-server && npm_config_user_agent="npm/11 node/v20 linux x64" npm_config_unsafe_perm=true npm_config_yes=true sh ./postinstall.sh)
fi
touch "$dir/.installed-$version"
echo "code-server $version installed in $dir"
