#!/usr/bin/env bash
# The other engines Berth is tested against, each throwaway and on loopback only:
#   tls     a second dockerd on tcp://127.0.0.1:2376 with mutual TLS (certificates made here with openssl),
#           its own data root, exec root, pid file and bridge, so it does not fight the first engine over docker0
#   ssh     sshd on 127.0.0.1:2222 with a generated key (in an ssh-agent), reaching the first engine through
#           ssh://root@127.0.0.1:2222 the way the docker CLI does (`docker system dial-stdio` on the far side)
#   podman  Podman's Docker-compatible service on a unix socket, with storage of its own
# Usage: extraEngines.sh start|stop|env|ping [tls] [ssh] [podman]   (no names: all three)
# `env` prints the variables the tests read (BERTH_TEST_TLS_HOST, BERTH_TEST_TLS_CERTS, BERTH_TEST_SSH_HOST,
# BERTH_TEST_SSH_AUTH_SOCK, BERTH_TEST_PODMAN_HOST). The first engine (scripts/testEngine.sh) must be up for ssh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib/engineRig.sh
source "$here/lib/engineRig.sh"

base=${BERTH_ENGINE_DIR:-/tmp/berth-engine}
first_sock="$base/docker.sock"
tls_dir="$base-tls"
ssh_dir="$base-ssh"
podman_dir="$base-podman"
tls_port=${BERTH_TEST_TLS_PORT:-2376}
ssh_port=${BERTH_TEST_SSH_PORT:-2222}
image=berth-test/busybox:latest
# The second engine's own bridge and subnet; docker0 stays the first engine's.
tls_bridge=berth-br1
tls_bip=172.30.251.1/24

need_root() { [ "$(id -u)" -eq 0 ] || { echo "$1 must start as root" >&2; exit 1; }; }

# --- TLS engine ------------------------------------------------------------------------------------
tls_docker() {
  docker --tlsverify --tlscacert "$tls_dir/certs/ca.pem" --tlscert "$tls_dir/certs/cert.pem" \
    --tlskey "$tls_dir/certs/key.pem" -H "tcp://127.0.0.1:$tls_port" "$@"
}
tls_ping() { tls_docker version >/dev/null 2>&1; }

make_certs() {
  local c="$tls_dir/certs"
  [ -f "$c/cert.pem" ] && [ -f "$c/server-cert.pem" ] && return 0
  mkdir -p "$c"
  (
    cd "$c"
    openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=berth test CA" -keyout ca-key.pem -out ca.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server-key.pem -out server.csr 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >server.ext
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 -extfile server.ext -out server-cert.pem 2>/dev/null
    openssl req -newkey rsa:2048 -nodes -subj "/CN=berth test client" -keyout key.pem -out client.csr 2>/dev/null
    printf 'extendedKeyUsage=clientAuth\n' >client.ext
    openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 30 -extfile client.ext -out cert.pem 2>/dev/null
    rm -f server.csr client.csr server.ext client.ext
    chmod 600 ./*key.pem
  )
}

start_tls() {
  if tls_ping; then return 0; fi
  need_root "the TLS engine"
  mkdir -p "$tls_dir"
  make_certs
  if ! ip link show "$tls_bridge" >/dev/null 2>&1; then
    ip link add "$tls_bridge" type bridge
    ip addr add "$tls_bip" dev "$tls_bridge"
    ip link set "$tls_bridge" up
  fi
  rm -f "$tls_dir/docker.pid"
  # No iptables: two daemons rewriting the same chains would undo each other's rules; published
  # ports still work on loopback through docker-proxy.
  nohup dockerd --host "tcp://127.0.0.1:$tls_port" --tlsverify \
    --tlscacert "$tls_dir/certs/ca.pem" --tlscert "$tls_dir/certs/server-cert.pem" --tlskey "$tls_dir/certs/server-key.pem" \
    --data-root "$tls_dir/data" --exec-root "$tls_dir/exec" --pidfile "$tls_dir/docker.pid" \
    --bridge "$tls_bridge" --iptables=false --ip-masq=false >"$tls_dir/dockerd.log" 2>&1 &
  wait_for "TLS dockerd" tls_ping "$tls_dir/dockerd.log"
  if ! tls_docker image inspect "$image" >/dev/null 2>&1; then
    local tarball
    tarball=$(mktemp)
    make_test_rootfs "$tarball"
    tls_docker import --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' "$tarball" "$image" >/dev/null
    rm -f "$tarball"
  fi
  echo "TLS engine up at tcp://127.0.0.1:$tls_port (certificates in $tls_dir/certs)"
}

stop_tls() {
  if [ -f "$tls_dir/docker.pid" ]; then kill "$(cat "$tls_dir/docker.pid")" 2>/dev/null || true; fi
  for _ in $(seq 1 40); do tls_ping || break; sleep 0.25; done
  rm -f "$tls_dir/docker.pid"
}

# --- SSH endpoint ----------------------------------------------------------------------------------
ssh_ping() {
  SSH_AUTH_SOCK="$ssh_dir/agent.sock" ssh -o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
    -o LogLevel=ERROR -p "$ssh_port" root@127.0.0.1 docker version >/dev/null 2>&1
}

start_ssh() {
  if [ -S "$ssh_dir/agent.sock" ] && ssh_ping; then return 0; fi
  need_root "sshd"
  command -v sshd >/dev/null || [ -x /usr/sbin/sshd ] || { echo "sshd is not installed: run 'bash scripts/installSystemDeps.sh'" >&2; exit 1; }
  [ -S "$first_sock" ] || { echo "the first engine is not running: bash scripts/testEngine.sh start" >&2; exit 1; }
  mkdir -p "$ssh_dir" /run/sshd
  chmod 700 "$ssh_dir"
  [ -f "$ssh_dir/host_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/host_key"
  [ -f "$ssh_dir/client_key" ] || ssh-keygen -q -t ed25519 -N '' -f "$ssh_dir/client_key" -C berth-test
  cp "$ssh_dir/client_key.pub" "$ssh_dir/authorized_keys"
  cat >"$ssh_dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $ssh_port
HostKey $ssh_dir/host_key
PidFile $ssh_dir/sshd.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
SetEnv DOCKER_HOST=unix://$first_sock
CONF
  if [ -f "$ssh_dir/sshd.pid" ]; then kill "$(cat "$ssh_dir/sshd.pid")" 2>/dev/null || true; fi
  /usr/sbin/sshd -f "$ssh_dir/sshd_config" -E "$ssh_dir/sshd.log"
  if [ -f "$ssh_dir/agent.pid" ]; then kill "$(cat "$ssh_dir/agent.pid")" 2>/dev/null || true; fi
  rm -f "$ssh_dir/agent.sock"
  ssh-agent -a "$ssh_dir/agent.sock" -s | sed -n 's/^SSH_AGENT_PID=\([0-9]*\).*/\1/p' >"$ssh_dir/agent.pid"
  SSH_AUTH_SOCK="$ssh_dir/agent.sock" ssh-add -q "$ssh_dir/client_key"
  ssh-keygen -q -R "[127.0.0.1]:$ssh_port" >/dev/null 2>&1 || true
  wait_for sshd ssh_ping "$ssh_dir/sshd.log"
  echo "SSH endpoint up at ssh://root@127.0.0.1:$ssh_port (key in the agent at $ssh_dir/agent.sock)"
}

stop_ssh() {
  for pidfile in "$ssh_dir/sshd.pid" "$ssh_dir/agent.pid"; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; rm -f "$pidfile"; fi
  done
  rm -f "$ssh_dir/agent.sock"
}

# --- Podman ----------------------------------------------------------------------------------------
podman_cmd() {
  CONTAINERS_CONF="$podman_dir/containers.conf" podman --root "$podman_dir/storage" --runroot "$podman_dir/run" "$@"
}
podman_ping() { curl -fsS --max-time 2 --unix-socket "$podman_dir/podman.sock" http://podman/_ping >/dev/null 2>&1; }

start_podman() {
  if podman_ping; then return 0; fi
  need_root "the Podman service"
  command -v podman >/dev/null || { echo "podman is not installed: run 'bash scripts/installSystemDeps.sh'" >&2; exit 1; }
  mkdir -p "$podman_dir"
  # Podman's default ulimits are above what these machines allow a container; its containers only
  # start with lower ones.
  cat >"$podman_dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
CONF
  rm -f "$podman_dir/podman.sock"
  CONTAINERS_CONF="$podman_dir/containers.conf" nohup podman --root "$podman_dir/storage" --runroot "$podman_dir/run" \
    system service --time=0 "unix://$podman_dir/podman.sock" >"$podman_dir/podman.log" 2>&1 &
  echo $! >"$podman_dir/podman.pid"
  wait_for "podman service" podman_ping "$podman_dir/podman.log"
  if ! podman_cmd image exists "$image"; then
    local tarball
    tarball=$(mktemp)
    make_test_rootfs "$tarball"
    podman_cmd import -q --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' "$tarball" "$image" >/dev/null
    rm -f "$tarball"
  fi
  echo "Podman service up at unix://$podman_dir/podman.sock"
}

stop_podman() {
  if [ -f "$podman_dir/podman.pid" ]; then kill "$(cat "$podman_dir/podman.pid")" 2>/dev/null || true; rm -f "$podman_dir/podman.pid"; fi
  for _ in $(seq 1 40); do podman_ping || break; sleep 0.25; done
}

print_env() {
  echo "BERTH_TEST_TLS_HOST=tcp://127.0.0.1:$tls_port"
  echo "BERTH_TEST_TLS_CERTS=$tls_dir/certs"
  echo "BERTH_TEST_SSH_HOST=ssh://root@127.0.0.1:$ssh_port"
  echo "BERTH_TEST_SSH_AUTH_SOCK=$ssh_dir/agent.sock"
  echo "BERTH_TEST_PODMAN_HOST=unix://$podman_dir/podman.sock"
}

action=${1:-start}
shift || true
which=("$@")
[ ${#which[@]} -gt 0 ] || which=(tls ssh podman)
case "$action" in
  start) for w in "${which[@]}"; do "start_$w"; done ;;
  stop) for w in "${which[@]}"; do "stop_$w"; done; echo "extra engines stopped" ;;
  ping) for w in "${which[@]}"; do "${w}_ping"; done ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env|ping [tls] [ssh] [podman]" >&2; exit 2 ;;
esac
