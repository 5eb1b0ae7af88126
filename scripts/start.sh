#!/usr/bin/env bash
# `npm start`: builds Berth and opens it in VS Code as an extension under development.
# Desktop VS Code when there is one (and a display); otherwise code-server, served on
# 127.0.0.1:${BERTH_PORT:-8080} until Ctrl-C, with its own settings under .vscode-test/berth-dev/.
#   BERTH_PORT=8080            port for code-server
#   BERTH_WORKSPACE=dir        folder to open (default: this repository)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

[ -d node_modules ] || npm install
npm run build

workspace=$(cd "${BERTH_WORKSPACE:-$root}" && pwd)

has_display() {
  case "$(uname -s)" in
    Linux) [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] ;;
    *) true ;;
  esac
}

if command -v code >/dev/null 2>&1 && has_display; then
  exec code --extensionDevelopmentPath="$root" "$workspace"
fi

bash scripts/installCodeServer.sh
entry="$root/.vscode-test/code-server/node_modules/code-server/out/node/entry.js"
port=${BERTH_PORT:-8080}
state="$root/.vscode-test/berth-dev"
mkdir -p "$state/user-data/User" "$state/extensions"

# First run only: afterwards the settings are the user's to change.
settings="$state/user-data/User/settings.json"
if [ ! -f "$settings" ]; then
  cat > "$settings" <<'JSON'
{
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true
}
JSON
fi
# Without --config code-server writes one, with a password, into ~/.config.
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$state/code-server.yaml"

# The extension loads as under development (like F5), through the workbench URL's payload.
url=$(node -e '
  const [port, folder, ext] = process.argv.slice(1);
  const payload = [["extensionDevelopmentPath", `vscode-remote://127.0.0.1:${port}${ext}`]];
  console.log(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
' "$port" "$workspace" "$root")

# Job control puts code-server in its own process group, so Ctrl-C can stop it together with the
# extension host and file watchers it forks.
set -m
node "$entry" \
  --config "$state/code-server.yaml" \
  --auth none \
  --bind-addr "127.0.0.1:$port" \
  --disable-telemetry \
  --disable-update-check \
  --disable-getting-started-override \
  --extensions-dir "$state/extensions" \
  --user-data-dir "$state/user-data" \
  "$workspace" &
server=$!
trap 'kill -TERM -- "-$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; exit 0' INT TERM

# Print the URL once the server answers, so it is the last thing on screen before the logs.
for _ in $(seq 1 120); do
  if ! kill -0 "$server" 2>/dev/null; then
    wait "$server" || true
    echo "code-server did not start (is port $port free? set BERTH_PORT to use another)" >&2
    exit 1
  fi
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$port/healthz"; then
    break
  fi
  sleep 0.5
done

cat <<EOF

Berth is running in code-server (VS Code in the browser). Open:

  $url

Docker engine: the berth.dockerHost setting, else DOCKER_HOST, else the current docker context,
else the platform's default socket.
Rebuild with 'npm run build' (or 'npm run watch') and reload the window to pick up changes.
Ctrl-C stops code-server.

EOF
wait "$server"
