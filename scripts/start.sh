#!/usr/bin/env bash
# `npm start`: builds Berth and opens it in VS Code as an extension under development.
# Desktop VS Code when there is one (and a display); otherwise code-server, served on
# 127.0.0.1:${BERTH_PORT:-8080} until Ctrl-C, with its own settings under .vscode-test/berth-dev/.
# When no Docker engine answers where Berth looks and this machine can run the throwaway test
# engine (Linux, root, dockerd), it starts that engine, points the instance at it through
# DOCKER_HOST and opens samples/hello, so a first run shows Berth at work.
#   BERTH_PORT=8080            port for code-server
#   BERTH_WORKSPACE=dir        folder to open (default: this repository, or samples/hello on the test engine)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

[ -d node_modules ] || npm install
npm run build

has_display() {
  case "$(uname -s)" in
    Linux) [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] ;;
    *) true ;;
  esac
}

desktop=false
if command -v code >/dev/null 2>&1 && has_display; then desktop=true; fi
state="$root/.vscode-test/berth-dev"
if $desktop; then
  case "$(uname -s)" in
    Darwin) user_settings="$HOME/Library/Application Support/Code/User/settings.json" ;;
    *) user_settings="${XDG_CONFIG_HOME:-$HOME/.config}/Code/User/settings.json" ;;
  esac
else
  user_settings="$state/user-data/User/settings.json"
fi

# The engine Berth will use: the same resolution as the extension (berth.dockerHost, DOCKER_HOST,
# docker context, default socket), then a ping.
probe_rc=0
probe=$(node scripts/probeEngine.mjs "$user_settings") || probe_rc=$?
endpoint=${probe%%$'\t'*}
endpoint_source=${probe##*$'\t'}
default_workspace="$root"
can_run_test_engine() {
  [ "$(uname -s)" = Linux ] && [ "$(id -u)" -eq 0 ] && command -v dockerd >/dev/null 2>&1
}
if [ "$probe_rc" -eq 0 ]; then
  engine_note="Docker engine: $endpoint (from $endpoint_source)."
elif [ "$probe_rc" -eq 2 ]; then
  engine_note="The Docker endpoint is not valid: $endpoint
Fix DOCKER_HOST, the docker context or the berth.dockerHost setting; Berth's views say the same."
elif [ "$probe_rc" -ne 1 ]; then
  engine_note="Could not check which Docker engine Berth will use (scripts/probeEngine.mjs exited with $probe_rc)."
elif [ "$endpoint_source" = setting ]; then
  # An explicit berth.dockerHost wins over DOCKER_HOST, so starting the test engine would not help.
  engine_note="No Docker engine answers at $endpoint, the berth.dockerHost setting in $user_settings.
Start that engine, or change or clear the setting; Berth's views say what went wrong."
elif can_run_test_engine && bash scripts/testEngine.sh start; then
  DOCKER_HOST=$(bash scripts/testEngine.sh env)
  export DOCKER_HOST=${DOCKER_HOST#DOCKER_HOST=}
  default_workspace="$root/samples/hello"
  engine_note="No Docker engine answered at $endpoint (from $endpoint_source), so this started Berth's
throwaway TEST engine at $DOCKER_HOST and opened samples/hello, a small compose project
for it (see its README.md). 'npm run engine:stop' stops the test engine.
To use your own engine: start it and run 'npm start' again, or set berth.dockerHost to its address."
else
  engine_note="No Docker engine answered at $endpoint (from $endpoint_source); Berth's views will say so.
Start your engine (or, on Linux as root, 'npm run engine:start' for the test engine and
DOCKER_HOST=unix:///tmp/berth-engine/docker.sock), then run 'npm start' again."
fi

workspace=$(cd "${BERTH_WORKSPACE:-$default_workspace}" && pwd)

if $desktop; then
  printf '\n%s\n' "$engine_note"
  [ "$default_workspace" = "$root" ] || echo "(A VS Code that was already running keeps its own environment: if Berth shows another engine, set berth.dockerHost to $DOCKER_HOST.)"
  exec code --extensionDevelopmentPath="$root" "$workspace"
fi

bash scripts/installCodeServer.sh
entry="$root/.vscode-test/code-server/node_modules/code-server/out/node/entry.js"
port=${BERTH_PORT:-8080}
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

$engine_note
Rebuild with 'npm run build' (or 'npm run watch') and reload the window to pick up changes.
Ctrl-C stops code-server.

EOF
wait "$server"
