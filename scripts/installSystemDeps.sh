#!/usr/bin/env bash
# Installs the Debian packages the test rig needs: a Docker engine, a registry, busybox for the
# test image, htpasswd (apache2-utils) for the authenticated registry, docker-compose for interop tests, Podman and sshd for the other engines, and what
# code-server and Playwright need.
set -euo pipefail
packages=(docker.io busybox-static docker-registry docker-compose libkrb5-dev ripgrep chromium podman openssh-server openssh-client openssl iproute2 curl apache2-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages present"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]}; install them as root: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "installing ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
