#!/usr/bin/env bash
# Two Docker Engine 26.1 instances (Debian trixie's docker.io) for the tests, run from a cached
# Debian trixie chroot next to the bookworm engine of scripts/engine.sh:
#
#   overlay2    --storage-driver=overlay2, the classic image store
#   containerd  --storage-driver=overlayfs + the containerd-snapshotter feature: the containerd
#               image store (image ID = manifest or index digest, OCI layout exports, BuildKit
#               output with provenance attestations)
#
#   bash scripts/trixie-engines.sh build    build the chroot if it is not cached yet
#   bash scripts/trixie-engines.sh start    build if needed, mount, start both dockerds
#   bash scripts/trixie-engines.sh stop     stop both dockerds, unmount everything, remove their state
#   bash scripts/trixie-engines.sh status   say what runs
#   bash scripts/trixie-engines.sh env      print the addresses `start` prints, without starting
#                                           anything (they do not depend on the run)
#
# `start` prints shell assignments on stdout (everything else goes to stderr):
#   IMAGEGATE_ENGINE26_OVERLAY2_HOST=unix:///...
#   IMAGEGATE_ENGINE26_CONTAINERD_HOST=unix:///...
#   IMAGEGATE_TRIXIE_ROOT=/...        the chroot (run its docker CLI and buildx with `chroot`)
#   IMAGEGATE_TRIXIE_STARTED=1        1: this call started them, so the caller runs `stop`
#
# Why a chroot: the tests need the engine versions people run today beside bookworm's 20.10,
# and the only thing reachable here is Debian's mirror. The chroot's root must be a mount point
# (a bind mount of itself), or `docker load` fails with "remount /, flags: 0x84000: invalid
# argument". The sockets live under the chroot, so the engines answer from outside it.
#
# Cache: <repo>/.imagegate-services/trixie/root (debootstrap + apt-get install, 1-2 minutes once;
# rebuilt when the package list below changes). Engine state (data roots, exec roots, logs) lives
# under root/srv/imagegate/ while the engines run and is deleted on `stop`.
#
# Environment:
#   IMAGEGATE_ENGINE_TIMEOUT   seconds to wait for each dockerd to answer (default 60)
#   IMAGEGATE_ENGINE_OWNER     pid the engines are started for (default: the caller's pid)
#   IMAGEGATE_DEBIAN_MIRROR    Debian mirror (default http://deb.debian.org/debian)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
services="$repo/.imagegate-services"
base="$services/trixie"
root="$base/root"
mirror="${IMAGEGATE_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
packages=(docker.io containerd runc docker-cli docker-buildx ca-certificates)
chroot_key="trixie minbase ${packages[*]} $mirror"
timeout_s="${IMAGEGATE_ENGINE_TIMEOUT:-60}"
modes=(overlay2 containerd)

# Paths inside the chroot (the engines see these), and the state dir seen from outside.
inner_state=/srv/imagegate
state="$root$inner_state"
owner_file="$base/owner"
hash="$(printf '%s' "$repo" | sha256sum | cut -c1-10)"
# Unix socket paths are limited to 108 bytes: when the chroot path is long, reach the sockets
# through a short symlink in /tmp.
if ((${#state} <= 70)); then
  outer_run="$state/run"
  link=""
else
  link="/tmp/imagegate-$hash-trixie"
  outer_run="$link"
fi

log() { printf 'trixie-engines: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

host_of() { printf 'unix://%s/%s.sock' "$outer_run" "$1"; }

answers() {
  DOCKER_HOST="$1" DOCKER_CONTEXT='' timeout 15 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# pid_alive, kill_wait, mounts_under, unmount_all_under
source "$here/lib/processes-and-mounts.sh"

# a dockerd (or its containerd/shims) of ours: its command line names our inner state dir and its
# root is our chroot
ours() {
  local pid="$1" cmd rt
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *"$inner_state/"* ]] || return 1
  rt="$(readlink "/proc/$pid/root" 2>/dev/null || true)"
  [[ "$rt" == "$root" ]]
}

our_pids() {
  local p pid cmd
  for p in /proc/[0-9]*; do
    pid="${p#/proc/}"
    ours "$pid" || continue
    cmd="$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null || true)"
    if [[ "$1" == dockerd && "$cmd" != *dockerd* ]]; then continue; fi
    printf '%s\n' "$pid"
  done
}

teardown() {
  local pid pids
  pids="$(our_pids dockerd)"
  # TERM to both first, so they shut down side by side
  for pid in $pids; do
    log "stopping dockerd (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in $pids; do kill_wait "$pid" 30 || true; done
  # containerd and shims that outlived their dockerd
  for pid in $(our_pids any); do
    log "stopping leftover $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | cut -d' ' -f1) (pid $pid)"
    kill_wait "$pid" 10 || true
  done
  # under $base: also the /proc of a chroot build that was interrupted (root.tmp)
  unmount_all_under "$base" || die "leaving $base mounted because of remaining mounts"
  rm -rf --one-file-system "$state"
  [[ -z "$link" ]] || rm -f "$link"
  rm -f "$owner_file"
}

lock() {
  mkdir -p "$services"
  exec 9>"$services/trixie.lock"
  flock -w 300 9 || die "could not lock $services/trixie.lock"
}

cmd_build() {
  if [[ -s "$base/key" && "$(cat "$base/key")" == "$chroot_key" && -x "$root/usr/sbin/dockerd" ]]; then
    return 0
  fi
  [[ "$(id -u)" == 0 ]] || die "building the trixie chroot needs root"
  command -v debootstrap >/dev/null 2>&1 || die "debootstrap not found (run: bash scripts/ensure-packages.sh)"
  [[ -z "$(mounts_under "$base")" ]] || die "$base has mounts; run: bash scripts/trixie-engines.sh stop"
  local tmp="$base/root.tmp" t0=$SECONDS
  rm -rf --one-file-system "$tmp" "$root" "$base/key"
  mkdir -p "$base"
  log "debootstrap --variant=minbase trixie from $mirror (1-2 minutes, once)"
  if ! debootstrap --variant=minbase trixie "$tmp" "$mirror" >"$base/build.log" 2>&1; then
    tail -n 30 "$base/build.log" >&2
    [[ -f "$tmp/debootstrap/debootstrap.log" ]] && tail -n 30 "$tmp/debootstrap/debootstrap.log" >&2
    die "debootstrap failed (log: $base/build.log)"
  fi
  printf 'deb %s trixie main\n' "$mirror" >"$tmp/etc/apt/sources.list"
  cp /etc/resolv.conf "$tmp/etc/resolv.conf" 2>/dev/null || true
  # no service may start inside the chroot while packages install
  printf '#!/bin/sh\nexit 101\n' >"$tmp/usr/sbin/policy-rc.d"
  chmod 755 "$tmp/usr/sbin/policy-rc.d"
  mount -t proc proc "$tmp/proc"
  local rc=0
  chroot "$tmp" env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Use-Pty=0 update >>"$base/build.log" 2>&1 &&
    chroot "$tmp" env DEBIAN_FRONTEND=noninteractive apt-get -q -o Dpkg::Use-Pty=0 install -y --no-install-recommends "${packages[@]}" >>"$base/build.log" 2>&1 || rc=$?
  umount "$tmp/proc" || umount -l "$tmp/proc"
  if ((rc != 0)); then
    tail -n 30 "$base/build.log" >&2
    die "apt-get install in the chroot failed (log: $base/build.log)"
  fi
  chroot "$tmp" apt-get clean
  mv "$tmp" "$root"
  printf '%s\n' "$chroot_key" >"$base/key"
  log "trixie chroot ready in $((SECONDS - t0))s: $(chroot "$root" dockerd --version)"
}

start_dockerd() {
  local mode="$1" ns="imagegate-$hash-$1"
  local inner="$inner_state/$mode"
  local args=(
    --data-root "$inner/data"
    --exec-root "$inner_state/run/x-$mode"
    -H "unix://$inner_state/run/$mode.sock"
    --pidfile "$inner/dockerd.pid"
    --bridge=none --iptables=false --ip6tables=false
    --containerd-namespace "$ns"
    --containerd-plugins-namespace "$ns-plugins"
  )
  mkdir -p "$state/$mode/data" "$state/run"
  if [[ "$mode" == overlay2 ]]; then
    args+=(--storage-driver=overlay2 --config-file "$inner/daemon.json")
    printf '{}\n' >"$state/$mode/daemon.json"
  else
    # overlay2 with the snapshotter fails with "snapshotter not loaded": the containerd store
    # names its snapshotter overlayfs
    args+=(--storage-driver=overlayfs --config-file "$inner/daemon.json")
    printf '{"features":{"containerd-snapshotter":true}}\n' >"$state/$mode/daemon.json"
  fi
  printf '=== %s dockerd %s\n' "$(date -u +%FT%TZ)" "${args[*]}" >"$state/$mode/dockerd.log"
  # setsid: Ctrl-C in the terminal does not reach dockerd; the caller stops it in order.
  setsid chroot "$root" /usr/sbin/dockerd "${args[@]}" </dev/null >>"$state/$mode/dockerd.log" 2>&1 9>&- &
}

wait_answers() {
  local mode="$1" deadline=$((SECONDS + timeout_s))
  until answers "$(host_of "$mode")"; do
    if ((SECONDS >= deadline)); then
      log "dockerd ($mode) did not answer within ${timeout_s}s; last lines of its log:"
      tail -n 30 "$state/$mode/dockerd.log" >&2 || true
      return 1
    fi
    sleep 0.3
  done
  log "dockerd $mode is up: $(DOCKER_HOST="$(host_of "$mode")" docker version --format 'Engine {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null), $(DOCKER_HOST="$(host_of "$mode")" docker info --format 'driver {{.Driver}}' 2>/dev/null)"
}

print_env() {
  printf 'IMAGEGATE_ENGINE26_OVERLAY2_HOST=%q\n' "$(host_of overlay2)"
  printf 'IMAGEGATE_ENGINE26_CONTAINERD_HOST=%q\n' "$(host_of containerd)"
  printf 'IMAGEGATE_TRIXIE_ROOT=%q\n' "$root"
  printf 'IMAGEGATE_TRIXIE_STARTED=%s\n' "$1"
}

all_answer() {
  local mode
  for mode in "${modes[@]}"; do answers "$(host_of "$mode")" || return 1; done
}

cmd_start() {
  local owner="${IMAGEGATE_ENGINE_OWNER:-$PPID}"
  lock
  if [[ -n "$(our_pids dockerd)" ]] && all_answer; then
    local o=""
    [[ -s "$owner_file" ]] && o="$(cat "$owner_file")"
    if pid_alive "$o" && [[ "$o" != "$owner" ]]; then
      log "reusing the trixie engines started for pid $o"
      print_env 0
    else
      log "adopting the trixie engines left by an earlier run"
      printf '%s\n' "$owner" >"$owner_file"
      print_env 1
    fi
    return 0
  fi
  [[ "$(id -u)" == 0 ]] || die "the trixie engines need root"
  if [[ -n "$(our_pids any)" || -n "$(mounts_under "$base")" || -e "$state" ]]; then
    log "cleaning up an earlier run"
    teardown
  fi
  cmd_build
  printf '%s\n' "$owner" >"$owner_file"
  # the chroot's root must be a mount point (see the header); rslave: unmounting below it
  # never propagates back to the host's /proc, /sys or /dev
  mount --bind "$root" "$root"
  local d
  for d in proc sys dev; do
    mount --rbind "/$d" "$root/$d"
    mount --make-rslave "$root/$d"
  done
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  mkdir -p "$state/run"
  chmod 700 "$state"
  [[ -z "$link" ]] || ln -sfn "$state/run" "$link"
  local mode
  for mode in "${modes[@]}"; do start_dockerd "$mode"; done
  for mode in "${modes[@]}"; do
    wait_answers "$mode" || { teardown || true; exit 1; }
  done
  print_env 1
}

cmd_stop() {
  lock
  if [[ -n "${IMAGEGATE_ENGINE_OWNER:-}" ]]; then
    local o=""
    [[ -s "$owner_file" ]] && o="$(cat "$owner_file" 2>/dev/null || true)"
    if [[ -n "$o" && "$o" != "$IMAGEGATE_ENGINE_OWNER" ]]; then
      log "not stopping: the trixie engines were not started for pid $IMAGEGATE_ENGINE_OWNER"
      return 0
    fi
  fi
  teardown
  log "trixie engines stopped, chroot unmounted"
}

cmd_status() {
  local mode pid
  for mode in "${modes[@]}"; do
    if answers "$(host_of "$mode")"; then echo "$mode: answers at $(host_of "$mode")"; else echo "$mode: not running"; fi
  done
  pid="$(our_pids dockerd | tr '\n' ' ')"
  echo "dockerd pids: ${pid:-none}; mounts under the chroot: $(mounts_under "$root" | wc -l)"
}

case "${1:-}" in
  build) lock; cmd_build ;;
  env) print_env 0 | grep -v '^IMAGEGATE_TRIXIE_STARTED=' ;;
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 build|start|stop|status|env" >&2
    exit 2
    ;;
esac
