#!/usr/bin/env bash
# A throwaway Docker engine and registry for the tests, apart from any engine the machine runs.
#   start   start dockerd and the registries (if not running), build and push the test image
#           (an anonymous registry; one with htpasswd authentication and tag deletes enabled; one with
#           token (Bearer) authentication through scripts/lib/tokenServer.mjs)
#   stop    stop both; the data folder stays for a fast next start
#   env     print the DOCKER_HOST the tests use
#   ping    exit 0 when engine, registry and test image are ready
set -euo pipefail
dir=${BERTH_ENGINE_DIR:-/tmp/berth-engine}
sock="$dir/docker.sock"
registry=${BERTH_TEST_REGISTRY:-127.0.0.1:5000}
# Fixed test credentials: the authenticated registry is loopback-only and holds test images only.
auth_registry=${BERTH_TEST_AUTH_REGISTRY:-127.0.0.1:5001}
auth_user=${BERTH_TEST_AUTH_USER:-berth}
auth_password=${BERTH_TEST_AUTH_PASSWORD:-berth-secret}
# A third registry with token (Bearer) auth, as Docker Hub and cloud registries do, and its token service.
token_registry=${BERTH_TEST_TOKEN_REGISTRY:-127.0.0.1:5002}
token_service=${BERTH_TEST_TOKEN_SERVICE:-127.0.0.1:5003}
image=berth-test/busybox:latest
export DOCKER_HOST="unix://$sock"
# shellcheck source=lib/engineRig.sh
source "$(dirname "$0")/lib/engineRig.sh"

ping() { curl -fsS --max-time 2 --unix-socket "$sock" http://engine/_ping >/dev/null 2>&1; }
registry_up() { curl -fsS --max-time 2 "http://$registry/v2/" >/dev/null 2>&1; }
# Up means it answers 401 without credentials and 200 with them.
auth_registry_up() {
  [ "$(curl -sS --max-time 2 -o /dev/null -w '%{http_code}' "http://$auth_registry/v2/" 2>/dev/null)" = 401 ] &&
    curl -fsS --max-time 2 -u "$auth_user:$auth_password" "http://$auth_registry/v2/" >/dev/null 2>&1
}

start_engine() {
  if ping; then return 0; fi
  command -v dockerd >/dev/null || { echo "dockerd is not installed: run 'bash scripts/installSystemDeps.sh' as root" >&2; exit 1; }
  [ "$(id -u)" -eq 0 ] || { echo "dockerd must start as root: sudo npm run engine:start" >&2; exit 1; }
  mkdir -p "$dir"
  rm -f "$sock" "$dir/docker.pid"
  nohup dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" >"$dir/dockerd.log" 2>&1 &
  wait_for dockerd ping "$dir/dockerd.log"
  echo "engine up at $DOCKER_HOST"
}

start_registry() {
  if registry_up; then return 0; fi
  mkdir -p "$dir/registry"
  cat >"$dir/registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $dir/registry
http:
  addr: $registry
log:
  level: warn
YML
  nohup docker-registry serve "$dir/registry.yml" >"$dir/registry.log" 2>&1 &
  echo $! >"$dir/registry.pid"
  wait_for registry registry_up "$dir/registry.log"
  echo "registry up at $registry"
}

start_auth_registry() {
  if auth_registry_up; then return 0; fi
  command -v htpasswd >/dev/null || { echo "htpasswd is missing: run 'bash scripts/installSystemDeps.sh' as root" >&2; exit 1; }
  mkdir -p "$dir/auth-registry"
  htpasswd -Bbn "$auth_user" "$auth_password" >"$dir/auth-registry.htpasswd"
  cat >"$dir/auth-registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $dir/auth-registry
  delete:
    enabled: true
http:
  addr: $auth_registry
auth:
  htpasswd:
    realm: berth-test
    path: $dir/auth-registry.htpasswd
log:
  level: warn
YML
  nohup docker-registry serve "$dir/auth-registry.yml" >"$dir/auth-registry.log" 2>&1 &
  echo $! >"$dir/auth-registry.pid"
  wait_for "authenticated registry" auth_registry_up "$dir/auth-registry.log"
  echo "authenticated registry up at $auth_registry (user $auth_user)"
}

# Up means it sends the Bearer challenge and the token service answers.
token_registry_up() {
  curl -sS --max-time 2 -o /dev/null -D - "http://$token_registry/v2/" 2>/dev/null | grep -qi '^www-authenticate: bearer' &&
    curl -fsS --max-time 2 -o /dev/null "http://$token_service/token?service=berth-test" 2>/dev/null
}

start_token_registry() {
  if token_registry_up; then return 0; fi
  mkdir -p "$dir/token-registry" "$dir/token"
  if [ ! -f "$dir/token/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj /CN=berth-test-token -keyout "$dir/token/key.pem" -out "$dir/token/cert.pem" 2>/dev/null
  fi
  if ! curl -fsS --max-time 2 -o /dev/null "http://$token_service/token?service=berth-test" 2>/dev/null; then
    nohup node "$(dirname "$0")/lib/tokenServer.mjs" "$token_service" "$dir/token/key.pem" "$dir/token/cert.pem" \
      "$auth_user" "$auth_password" berth-test-issuer >"$dir/token-service.log" 2>&1 &
    echo $! >"$dir/token-service.pid"
  fi
  # The registry may be up with only its token service gone (or the other way round): start what is missing.
  if curl -sS --max-time 2 -o /dev/null -D - "http://$token_registry/v2/" 2>/dev/null | grep -qi '^www-authenticate: bearer'; then
    wait_for "token service" token_registry_up "$dir/token-service.log"
    return 0
  fi
  cat >"$dir/token-registry.yml" <<YML
version: 0.1
storage:
  filesystem:
    rootdirectory: $dir/token-registry
  delete:
    enabled: true
http:
  addr: $token_registry
auth:
  token:
    realm: http://$token_service/token
    service: berth-test
    issuer: berth-test-issuer
    rootcertbundle: $dir/token/cert.pem
log:
  level: warn
YML
  nohup docker-registry serve "$dir/token-registry.yml" >"$dir/token-registry.log" 2>&1 &
  echo $! >"$dir/token-registry.pid"
  wait_for "token-auth registry" token_registry_up "$dir/token-registry.log"
  echo "token-auth registry up at $token_registry (token service $token_service)"
}

build_image() {
  if docker image inspect "$image" >/dev/null 2>&1 && docker image inspect "$registry/$image" >/dev/null 2>&1 \
    && curl -fsS "http://$registry/v2/berth-test/busybox/tags/list" 2>/dev/null | grep -q latest; then
    return 0
  fi
  local tarball
  tarball=$(mktemp)
  make_test_rootfs "$tarball"
  docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' "$tarball" "$image" >/dev/null
  rm -f "$tarball"
  docker tag "$image" "$registry/$image"
  docker push "$registry/$image" >/dev/null
  echo "test image $image built and pushed to $registry"
}

stop_all() {
  for pidfile in "$dir/registry.pid" "$dir/auth-registry.pid" "$dir/token-registry.pid" "$dir/token-service.pid" "$dir/docker.pid"; do
    if [ -f "$pidfile" ]; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
      rm -f "$pidfile"
    fi
  done
  for _ in $(seq 1 40); do ping || break; sleep 0.25; done
  echo "engine stopped"
}

case "${1:-start}" in
  start) start_engine; start_registry; start_auth_registry; start_token_registry; build_image ;;
  stop) stop_all ;;
  env) echo "DOCKER_HOST=$DOCKER_HOST" ;;
  ping) ping && registry_up && auth_registry_up && token_registry_up && docker image inspect "$image" >/dev/null 2>&1 ;;
  *) echo "usage: $0 start|stop|env|ping" >&2; exit 2 ;;
esac
