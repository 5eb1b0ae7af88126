#!/usr/bin/env bash
# npm test: unit tests (pure logic) and engine tests (a real Docker engine).
# Builds first, and starts the throwaway test engine when none answers (installing it as root if needed).
# BERTH_SKIP_ENGINE=1 reports the engine tests as skipped; BERTH_TEST_DOCKER_HOST points them elsewhere.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent build >/dev/null
npx tsc -p tsconfig.json

if [ "${BERTH_SKIP_ENGINE:-}" != "1" ] && [ -z "${BERTH_TEST_DOCKER_HOST:-}" ]; then
  if ! bash scripts/testEngine.sh ping 2>/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
      bash scripts/installSystemDeps.sh
      bash scripts/testEngine.sh start
    else
      echo "No test engine is running. Start one as root with 'sudo npm run engine:start'," >&2
      echo "or run 'BERTH_SKIP_ENGINE=1 npm test' to skip the engine tests." >&2
      exit 1
    fi
  fi
fi

# The TLS engine, the SSH endpoint and Podman: started as root when they do not answer; the tests
# for them fail, saying how to start them, where they cannot be.
if [ "${BERTH_SKIP_ENGINE:-}" != "1" ] && [ -z "${BERTH_TEST_DOCKER_HOST:-}" ] && [ "$(id -u)" -eq 0 ]; then
  bash scripts/extraEngines.sh ping 2>/dev/null || { bash scripts/installSystemDeps.sh && bash scripts/extraEngines.sh start; }
fi

node scripts/runNodeTests.mjs out/test/unit out/test/engine
