#!/usr/bin/env bash
# npm run bench (after the build): runs every benchmark in bench/ against the test engine, printing one
# Markdown row per benchmark, and rewrites BENCHMARKS.md on a full run. Starts the throwaway test engine
# when none answers (installing it as root if needed). BERTH_TEST_DOCKER_HOST points it elsewhere.
# Quick local runs: BERTH_BENCH_IDLE_SECONDS, BERTH_BENCH_REPETITIONS, BERTH_BENCH_WARMUPS, BERTH_BENCH_ONLY=listing,idle.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${BERTH_TEST_DOCKER_HOST:-}" ] && ! bash scripts/testEngine.sh ping 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ]; then
    command -v dockerd >/dev/null || bash scripts/installSystemDeps.sh
    bash scripts/testEngine.sh start
  else
    echo "No test engine is running. Start one as root with 'sudo npm run engine:start'." >&2
    exit 1
  fi
fi

# The engines section needs the SSH endpoint (and the other extra engines) too.
if [ -z "${BERTH_TEST_DOCKER_HOST:-}" ] && [ "$(id -u)" -eq 0 ]; then
  bash scripts/extraEngines.sh ping 2>/dev/null || bash scripts/extraEngines.sh start
fi

[ -f out/bench/runBenchmarks.js ] || { echo "out/bench/runBenchmarks.js is missing: run 'npm run compile-tests' first" >&2; exit 1; }
exec node out/bench/runBenchmarks.js
