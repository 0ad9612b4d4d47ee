#!/usr/bin/env bash
# Install the Debian packages the imagegate tests, demo and benchmark need,
# but only the ones that are missing. Safe to run repeatedly: when everything is
# present it does nothing (no apt-get update, no network).
#
#   bash scripts/ensure-packages.sh            # the default set (below)
#   bash scripts/ensure-packages.sh pkg ...    # only these packages
#
# Environment:
#   IMAGEGATE_SKIP_PACKAGES=1   do nothing (you manage the tools yourself)
#
# When not root and something is missing it prints the apt-get command to run
# and exits 1.
set -euo pipefail

log() { printf 'ensure-packages: %s\n' "$*" >&2; }

if [[ "${IMAGEGATE_SKIP_PACKAGES:-}" == 1 ]]; then
  log "IMAGEGATE_SKIP_PACKAGES=1, not checking packages"
  exit 0
fi

# package is installed according to dpkg
pkg_installed() {
  [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" == installed ]]
}

# The Docker Engine: we need a docker CLI, plus dockerd unless some engine
# already answers (a user's own Docker, e.g. docker-ce, must not be replaced by
# docker.io: the two packages conflict).
need_docker_io() {
  pkg_installed docker.io && return 1
  command -v dockerd >/dev/null 2>&1 && command -v docker >/dev/null 2>&1 && return 1
  if command -v docker >/dev/null 2>&1; then
    local host="${DOCKER_HOST:-unix:///var/run/docker.sock}"
    DOCKER_HOST="$host" timeout 10 docker version >/dev/null 2>&1 && return 1
  fi
  return 0
}

missing=()
if (($# > 0)); then
  for p in "$@"; do
    if [[ "$p" == docker.io ]]; then
      need_docker_io && missing+=("$p")
    else
      pkg_installed "$p" || missing+=("$p")
    fi
  done
else
  # docker.io       - dockerd 20.10 + docker CLI, for the private test engine
  # busybox-static  - /bin/busybox, the only "base image" the tests and examples use
  # time            - /usr/bin/time -v for the benchmark's peak RSS
  # docker-registry, skopeo - a real registry on loopback and the tool that pushes to it
  # apache2-utils   - htpasswd (bcrypt) for the registry that requires a login
  # podman          - its Docker-compatible API socket, read as DOCKER_HOST
  # debootstrap     - builds the benchmark's Debian base image
  # zstd            - compresses the zstd layers of the hostile-archive tests
  # bzip2, xz-utils - make the .bz2 and .xz archives the archive-secret tests put in images
  # chromium        - the real browser the HTML report's tests open (driven by playwright-core)
  # openssl         - a throwaway TLS certificate for the HTTPS registry of the redirect test
  need_docker_io && missing+=(docker.io)
  for p in busybox-static time docker-registry skopeo debootstrap apache2-utils podman zstd bzip2 xz-utils chromium openssl; do
    pkg_installed "$p" || missing+=("$p")
  done
fi

if ((${#missing[@]} == 0)); then
  exit 0
fi

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  log "this is not a Debian/Ubuntu system; please install the equivalents of: ${missing[*]}"
  exit 1
fi

if [[ "$(id -u)" != 0 ]]; then
  log "missing Debian packages: ${missing[*]}"
  log "install them with:"
  log "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
  exit 1
fi

log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive

# Never let the package scripts start services (docker.io would start a system
# dockerd, docker-registry a registry on :5000). Only add a policy if there is none.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\n# temporary, added by imagegate scripts/ensure-packages.sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  added_policy=1
fi
cleanup() { if ((added_policy)); then rm -f "$policy"; fi; }
trap cleanup EXIT

apt_opts=(-q -o Dpkg::Use-Pty=0 -o APT::Color=0)
apt-get "${apt_opts[@]}" update -qq >/dev/null || {
  log "apt-get update failed; retrying once with output"
  apt-get "${apt_opts[@]}" update
}
apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${missing[@]}" >/tmp/imagegate-apt-install.log 2>&1 || {
  log "apt-get install failed; last lines of the log:"
  tail -n 40 /tmp/imagegate-apt-install.log >&2
  exit 1
}
rm -f /tmp/imagegate-apt-install.log
log "installed: ${missing[*]}"
