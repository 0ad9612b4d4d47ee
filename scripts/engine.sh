#!/usr/bin/env bash
# Docker Engine for the imagegate tests, demo and benchmark.
#
#   bash scripts/engine.sh start   reuse an engine that answers, else start a private dockerd
#   bash scripts/engine.sh stop    stop the private dockerd, only if this script started it
#                                  (with IMAGEGATE_ENGINE_OWNER=PID: only if started for PID)
#   bash scripts/engine.sh env     print `export DOCKER_HOST=...` for the engine to use
#   bash scripts/engine.sh status  say which engine would be used
#
# `start` prints shell assignments on stdout (everything else goes to stderr):
#   DOCKER_HOST=unix:///...
#   IMAGEGATE_ENGINE_STARTED=1   (1: this call started/adopted the private engine, so
#                                 the caller should run `stop` when done; 0: reused)
#
# Reuse order: $DOCKER_HOST if it answers `docker version`, then
# unix:///var/run/docker.sock, then the private engine. Set IMAGEGATE_PRIVATE_ENGINE=1
# to always use the private engine (ignores the user's engine).
#
# The private engine keeps all its state under <repo>/.imagegate-services/engine/
# (data root, exec root, log, pid file, owner marker). Its socket lives there too,
# unless the path is too long for a unix socket; then under /tmp/imagegate-<hash>/.
# The state dir is deleted on `stop`.
#
# Environment:
#   IMAGEGATE_ENGINE_TIMEOUT   seconds to wait for dockerd to answer (default 60)
#   IMAGEGATE_ENGINE_OWNER     pid of the process the engine is started for (default:
#                              the caller's pid). If that process is gone, a later
#                              `start` adopts the engine (reports STARTED=1).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
services="$repo/.imagegate-services"
state="$services/engine"
data_root="$state/data"
pidfile="$state/docker.pid"
logfile="$state/dockerd.log"
owner_file="$state/owner"        # exists <=> this script started the running engine
timeout_s="${IMAGEGATE_ENGINE_TIMEOUT:-60}"

hash="$(printf '%s' "$repo" | sha256sum | cut -c1-10)"
# Unix socket paths are limited to 108 bytes (including NUL). containerd puts
# sockets below the exec root too (.../containerd/containerd.sock.ttrpc), so
# keep both short.
if ((${#state} <= 60)); then
  run_dir="$state/run"
else
  run_dir="/tmp/imagegate-$hash"
fi
exec_root="$run_dir/exec"
sock="$run_dir/docker.sock"
private_host="unix://$sock"
default_host="unix:///var/run/docker.sock"

log() { printf 'engine: %s\n' "$*" >&2; }
die() { log "$*"; exit 1; }

have_docker_cli() { command -v docker >/dev/null 2>&1; }

# engine at $1 answers `docker version` (server part included)
answers() {
  DOCKER_HOST="$1" DOCKER_CONTEXT='' timeout 15 docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

# pid is alive and its command line mentions our data root (i.e. it is our dockerd)
is_our_dockerd() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  local cmd
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  [[ "$cmd" == *dockerd* && "$cmd" == *"--data-root $data_root"* ]]
}

dockerd_pid() {
  local pid=""
  [[ -s "$pidfile" ]] && pid="$(cat "$pidfile" 2>/dev/null || true)"
  if ! is_our_dockerd "$pid" && [[ -s "$state/dockerd.launch-pid" ]]; then
    pid="$(cat "$state/dockerd.launch-pid" 2>/dev/null || true)"
  fi
  if is_our_dockerd "$pid"; then printf '%s\n' "$pid"; fi
}

# pid_alive, kill_wait, mounts_under, unmount_all_under
source "$here/lib/processes-and-mounts.sh"

# a supervised containerd that survived its dockerd (dockerd was SIGKILLed)
kill_leftover_containerd() {
  local f pid cmd
  for f in "$exec_root/containerd/containerd.pid"; do
    [[ -s "$f" ]] || continue
    pid="$(cat "$f" 2>/dev/null || true)"
    pid_alive "$pid" || continue
    cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
    if [[ "$cmd" == *containerd* && "$cmd" == *"$exec_root"* ]]; then
      log "stopping leftover containerd (pid $pid)"
      kill_wait "$pid" 10 || true
    fi
  done
  # also anything else still running with our exec root in its command line
  # (containerd-shim processes of containers that were running)
  local p
  for p in /proc/[0-9]*; do
    pid="${p#/proc/}"
    [[ -r "$p/cmdline" ]] || continue
    cmd="$(tr '\0' ' ' <"$p/cmdline" 2>/dev/null || true)"
    if [[ "$cmd" == *"$exec_root/"* && "$cmd" == *containerd* ]]; then
      log "stopping leftover $(basename "${cmd%% *}") (pid $pid)"
      kill_wait "$pid" 5 || true
    fi
  done
}

# Stop our dockerd (if running) and remove all private state.
teardown_private() {
  local pid
  pid="$(dockerd_pid)"
  if [[ -n "$pid" ]]; then
    log "stopping private dockerd (pid $pid)"
    kill_wait "$pid" 30 || true
  fi
  kill_leftover_containerd
  unmount_all_under "$data_root" "$exec_root" "$run_dir" "$state" || {
    die "leaving $state in place because of remaining mounts"
  }
  rm -rf --one-file-system "$state" 2>/dev/null || rm -rf --one-file-system "$state"
  if [[ "$run_dir" != "$state/run" ]]; then rm -rf --one-file-system "$run_dir"; fi
  return 0
}

lock() {
  mkdir -p "$services"
  exec 9>"$services/engine.lock"
  if command -v flock >/dev/null 2>&1; then
    flock -w 120 9 || die "could not lock $services/engine.lock"
  fi
}

owner_alive() {
  local o
  [[ -s "$owner_file" ]] || return 1
  o="$(cat "$owner_file" 2>/dev/null || true)"
  pid_alive "$o"
}

cmd_start() {
  have_docker_cli || die "no docker CLI on PATH (run: bash scripts/ensure-packages.sh)"
  local owner="${IMAGEGATE_ENGINE_OWNER:-$PPID}"

  if [[ "${IMAGEGATE_PRIVATE_ENGINE:-}" != 1 ]]; then
    if [[ -n "${DOCKER_HOST:-}" && "$DOCKER_HOST" != "$private_host" ]]; then
      if answers "$DOCKER_HOST"; then
        log "reusing the engine at DOCKER_HOST=$DOCKER_HOST"
        printf 'DOCKER_HOST=%q\nIMAGEGATE_ENGINE_STARTED=0\n' "$DOCKER_HOST"
        return 0
      fi
      log "DOCKER_HOST=$DOCKER_HOST does not answer; using a private engine instead"
    elif [[ -z "${DOCKER_HOST:-}" ]] && answers "$default_host"; then
      log "reusing the engine at $default_host"
      printf 'DOCKER_HOST=%q\nIMAGEGATE_ENGINE_STARTED=0\n' "$default_host"
      return 0
    fi
  fi

  lock

  # Our private engine is already running?
  local pid
  pid="$(dockerd_pid)"
  if [[ -n "$pid" ]] && answers "$private_host"; then
    if owner_alive && [[ "$(cat "$owner_file")" != "$owner" ]]; then
      log "reusing the private engine (pid $pid) started for pid $(cat "$owner_file")"
      printf 'DOCKER_HOST=%q\nIMAGEGATE_ENGINE_STARTED=0\n' "$private_host"
    else
      log "adopting the private engine (pid $pid) left by an earlier run"
      printf '%s\n' "$owner" >"$owner_file"
      printf 'DOCKER_HOST=%q\nIMAGEGATE_ENGINE_STARTED=1\n' "$private_host"
    fi
    return 0
  fi

  # Anything left from a crashed run (stale pid file, socket, mounts, dockerd
  # that no longer answers, orphaned containerd): clean it all up.
  if [[ -e "$state" || -e "$run_dir" ]]; then
    log "cleaning up state from an earlier run"
    teardown_private
  fi

  if [[ "$(id -u)" != 0 ]]; then
    die "no Docker Engine answers and a private dockerd needs root. Start Docker or set DOCKER_HOST."
  fi
  command -v dockerd >/dev/null 2>&1 || die "dockerd not found (run: bash scripts/ensure-packages.sh)"

  mkdir -p "$data_root" "$exec_root" "$run_dir"
  chmod 700 "$state" "$run_dir"
  local args=(
    --data-root "$data_root"
    --exec-root "$exec_root"
    -H "$private_host"
    --pidfile "$pidfile"
    --storage-driver=vfs
    --bridge=none --iptables=false --ip6tables=false
    --containerd-namespace "imagegate-$hash"
    --containerd-plugins-namespace "imagegate-$hash-plugins"
  )
  # If a system containerd runs (/run/containerd/containerd.sock), dockerd 20.10
  # would use it; the namespaces above keep our objects apart from a system dockerd's.
  log "starting private dockerd (state in $state, socket $sock)"
  {
    printf '=== %s dockerd %s\n' "$(date -u +%FT%TZ)" "${args[*]}"
  } >"$logfile"
  printf '%s\n' "$owner" >"$owner_file"
  # setsid: own session, so Ctrl-C in the terminal does not hit dockerd; the
  # caller stops it in order. All fds redirected so no pipe is held open.
  setsid dockerd "${args[@]}" </dev/null >>"$logfile" 2>&1 9>&- &
  local launch_pid=$!
  printf '%s\n' "$launch_pid" >"$state/dockerd.launch-pid"

  local deadline=$((SECONDS + timeout_s))
  until answers "$private_host"; do
    if ! pid_alive "$launch_pid" && [[ -z "$(dockerd_pid)" ]]; then
      log "dockerd exited during startup; last lines of $logfile:"
      tail -n 40 "$logfile" >&2 || true
      teardown_private >/dev/null 2>&1 || true
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      log "dockerd did not answer within ${timeout_s}s; last lines of $logfile:"
      tail -n 40 "$logfile" >&2 || true
      teardown_private || true
      exit 1
    fi
    sleep 0.3
  done
  log "private dockerd is up (pid $(dockerd_pid), $(DOCKER_HOST="$private_host" docker version --format 'Engine {{.Server.Version}}, API {{.Server.APIVersion}}' 2>/dev/null))"
  printf 'DOCKER_HOST=%q\nIMAGEGATE_ENGINE_STARTED=1\n' "$private_host"
}

cmd_stop() {
  lock
  # IMAGEGATE_ENGINE_OWNER set: stop only an engine started/adopted for that pid
  # (with-test-services uses this, so it never stops an engine it merely reused).
  if [[ -n "${IMAGEGATE_ENGINE_OWNER:-}" ]]; then
    local o=""
    [[ -s "$owner_file" ]] && o="$(cat "$owner_file" 2>/dev/null || true)"
    if [[ "$o" != "$IMAGEGATE_ENGINE_OWNER" ]]; then
      log "not stopping: the private engine (if any) was not started for pid $IMAGEGATE_ENGINE_OWNER"
      return 0
    fi
  fi
  if [[ ! -e "$owner_file" ]]; then
    if [[ -n "$(dockerd_pid)" ]]; then
      log "a private dockerd runs but has no owner marker; stopping it anyway (it is ours: same data root)"
    else
      # nothing of ours runs; still clean leftovers of a crashed run
      if [[ -e "$state" || -e "$run_dir" ]]; then
        log "removing leftover private engine state"
        teardown_private
      else
        log "no private engine to stop (an engine not started by this script is left alone)"
      fi
      return 0
    fi
  fi
  teardown_private
  log "private engine stopped and its state removed"
}

cmd_env() {
  if [[ -n "$(dockerd_pid)" ]] && answers "$private_host"; then
    printf 'export DOCKER_HOST=%q\n' "$private_host"
  elif [[ -n "${DOCKER_HOST:-}" ]] && answers "$DOCKER_HOST"; then
    printf 'export DOCKER_HOST=%q\n' "$DOCKER_HOST"
  elif answers "$default_host"; then
    printf 'export DOCKER_HOST=%q\n' "$default_host"
  else
    log "no engine answers; run: bash scripts/engine.sh start"
    exit 1
  fi
}

cmd_status() {
  local pid
  pid="$(dockerd_pid)"
  if [[ -n "$pid" ]]; then
    if answers "$private_host"; then
      echo "private dockerd running (pid $pid, DOCKER_HOST=$private_host, owner $(cat "$owner_file" 2>/dev/null || echo none))"
    else
      echo "private dockerd pid $pid exists but does not answer at $private_host"
    fi
  else
    echo "no private dockerd running"
  fi
  for h in "${DOCKER_HOST:-}" "$default_host"; do
    [[ -n "$h" && "$h" != "$private_host" ]] || continue
    if answers "$h"; then echo "engine answers at $h"; else echo "no engine at $h"; fi
  done
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  env) cmd_env ;;
  status) cmd_status ;;
  *)
    echo "usage: $0 start|stop|env|status" >&2
    exit 2
    ;;
esac
