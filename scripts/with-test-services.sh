#!/usr/bin/env bash
# Run a command with the services the imagegate tests need:
#
#   bash scripts/with-test-services.sh CMD [ARGS...]
#
# 1. installs missing Debian packages (scripts/ensure-packages.sh),
# 2. reuses a Docker Engine that answers or starts a private one (scripts/engine.sh),
# 3. exports DOCKER_HOST and runs CMD,
# 4. always stops the engine if (and only if) step 2 started it - on normal exit,
#    on failure, on Ctrl-C (INT), TERM and HUP,
# and exits with CMD's exit code (128+N if it was ended by signal N).
#
# With IMAGEGATE_TRIXIE_ENGINES=1 (set by `npm test`) it also starts the two Engine 26.1
# instances of scripts/trixie-engines.sh (classic overlay2 store and containerd image store),
# exports IMAGEGATE_ENGINE26_OVERLAY2_HOST, IMAGEGATE_ENGINE26_CONTAINERD_HOST and
# IMAGEGATE_TRIXIE_ROOT to CMD, and stops them the same way as the engine of step 2. They start
# in the background, while CMD runs (a fresh clone builds their chroot first, about a minute,
# which then overlaps the unit tests): IMAGEGATE_TRIXIE_STATUS names a file that holds the exit
# code of that start once it is over (test/e2e/support/engines.ts waits for it).
#
# CMD runs in the background (so the traps run at once); without a terminal it
# gets its own process group. On INT/TERM/HUP the signal is forwarded to CMD and
# everything below it, escalating (INT: TERM after 5 s) to KILL if it does not
# exit within IMAGEGATE_KILL_GRACE seconds (default 15). The engine is stopped
# after CMD is gone. DOCKER_BUILDKIT=0 is exported too (legacy builder, see
# test/e2e/support/images.ts).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"

if (($# == 0)); then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

log() { printf 'with-test-services: %s\n' "$*" >&2; }

bash "$here/ensure-packages.sh" || exit $?

engine_started=0
trixie_started=0
trixie_bg=""
trixie_status=""
child=""
stopping=0
own_pgrp=0

# engine_started: 1 = engine.sh start launched/adopted the private engine for us
# (or may have, if it was interrupted). engine.sh stop with our pid as owner
# only stops an engine started for us, so a "maybe" is safe.
stop_engine() {
  if [[ -n "$trixie_bg" ]]; then
    # a start still going on in the background (building the chroot, starting dockerd): nobody
    # needs it any more, so end it and all below it; stop then cleans up what it left
    if kill -0 "$trixie_bg" 2>/dev/null; then
      log "ending the unfinished start of the trixie engines"
      # shellcheck disable=SC2046
      kill -TERM "$trixie_bg" $(descendants "$trixie_bg") 2>/dev/null || true
    fi
    wait "$trixie_bg" 2>/dev/null || true
    trixie_bg=""
  fi
  # the start may have been interrupted half way: stop cleans up whatever it left, and (owner
  # check) never touches engines another run started
  if ((trixie_started)); then
    trixie_started=0
    IMAGEGATE_ENGINE_OWNER=$$ bash "$here/trixie-engines.sh" stop || log "stopping the trixie engines failed"
    rm -f "$trixie_status"
  fi
  if ((engine_started)); then
    engine_started=0
    IMAGEGATE_ENGINE_OWNER=$$ bash "$here/engine.sh" stop || log "stopping the engine failed"
  fi
}

# all descendants of a pid (one scan of /proc, no procps needed)
descendants() {
  local f line rest pid i=0
  local -a fields queue=("$1")
  local -A kids=()
  for f in /proc/[0-9]*/stat; do
    read -r line <"$f" 2>/dev/null || continue
    rest="${line##*) }" # fields after "pid (comm) ": state ppid ...
    read -r -a fields <<<"$rest"
    pid="${f#/proc/}"
    kids[${fields[1]:-0}]+="${pid%/stat} "
  done
  while ((i < ${#queue[@]})); do
    for pid in ${kids[${queue[i]}]:-}; do
      printf '%s\n' "$pid"
      queue+=("$pid")
    done
    i=$((i + 1))
  done
}

# send a signal to CMD and everything below it
signal_tree() {
  local sig="$1" pids
  [[ -n "$child" ]] || return 0
  pids="$(descendants "$child")"
  if ((own_pgrp)); then kill -s "$sig" -- "-$child" 2>/dev/null || true; fi
  # shellcheck disable=SC2086
  kill -s "$sig" "$child" $pids 2>/dev/null || true
}

tree_alive() {
  [[ -n "$child" ]] || return 1
  kill -0 "$child" 2>/dev/null && return 0
  ((own_pgrp)) && kill -0 -- "-$child" 2>/dev/null && return 0
  return 1
}

wait_tree() {
  local secs="$1" i
  for ((i = 0; i < secs * 10; i++)); do
    tree_alive || return 0
    sleep 0.1
  done
  return 1
}

# forward a signal to CMD, escalate to TERM and KILL if it does not go away
stop_child() {
  local sig="$1" grace="${IMAGEGATE_KILL_GRACE:-15}"
  tree_alive || return 0
  signal_tree "$sig"
  wait_tree "$([[ "$sig" == TERM ]] && echo "$grace" || echo 5)" && return 0
  if [[ "$sig" != TERM ]]; then
    log "command still running after SIG$sig, sending TERM"
    signal_tree TERM
    wait_tree "$grace" && return 0
  fi
  log "command still running, sending KILL"
  signal_tree KILL
  wait_tree 5 || true
}

on_signal() {
  local sig="$1" code="$2"
  ((stopping)) && return
  stopping=1
  log "got SIG$sig, stopping"
  stop_child "$sig"
  stop_engine
  exit "$code"
}

# Everything below runs from one function so bash has parsed the whole script
# before CMD starts (editing this file while it runs cannot derail it).
main() {
  trap stop_engine EXIT
  trap 'on_signal INT 130' INT
  trap 'on_signal TERM 143' TERM
  trap 'on_signal HUP 129' HUP

  # engine.sh start prints DOCKER_HOST=... and IMAGEGATE_ENGINE_STARTED=0|1
  engine_started=1 # until we know better (see stop_engine)
  engine_out="$(IMAGEGATE_ENGINE_OWNER=$$ bash "$here/engine.sh" start)" || {
    rc=$?
    log "could not get a Docker Engine"
    exit "$rc"
  }
  DOCKER_HOST="" IMAGEGATE_ENGINE_STARTED=0
  eval "$engine_out"
  engine_started="$IMAGEGATE_ENGINE_STARTED"
  export DOCKER_HOST
  unset IMAGEGATE_ENGINE_STARTED
  if [[ "${IMAGEGATE_TRIXIE_ENGINES:-}" == 1 ]]; then
    eval "$(bash "$here/trixie-engines.sh" env)"
    trixie_status="$(mktemp "${TMPDIR:-/tmp}/imagegate-trixie-status.XXXXXX")"
    : >"$trixie_status"
    trixie_started=1 # stop only stops engines started for us (owner check)
    (
      rc=0
      IMAGEGATE_ENGINE_OWNER=$$ bash "$here/trixie-engines.sh" start >/dev/null || rc=$?
      printf '%s\n' "$rc" >"$trixie_status.tmp" && mv "$trixie_status.tmp" "$trixie_status"
    ) &
    trixie_bg=$!
    export IMAGEGATE_ENGINE26_OVERLAY2_HOST IMAGEGATE_ENGINE26_CONTAINERD_HOST IMAGEGATE_TRIXIE_ROOT
    export IMAGEGATE_TRIXIE_STATUS="$trixie_status"
  fi
  # The legacy builder is what works with Engine 20.10 and a docker CLI without
  # buildx (see test/e2e/support/images.ts).
  export DOCKER_BUILDKIT=0

  # Run CMD in the background so that `wait` can be interrupted by our traps
  # (bash runs traps only after a foreground command finishes). Without a
  # terminal, CMD gets its own process group (set -m) so the whole tree can be
  # signalled at once. With a terminal on stdin it stays in the terminal's
  # foreground group, so Ctrl-C reaches it directly and it can use the tty.
  own_pgrp=0
  if [[ -t 0 ]]; then
    "$@" <&0 &
    child=$!
  else
    own_pgrp=1
    set -m
    "$@" <&0 &
    child=$!
    set +m
  fi

  rc=0
  while :; do
    wait "$child"
    rc=$?
    # wait returns >128 when a trapped signal interrupted it; the trap exits, so
    # getting here means CMD really finished (or was stopped, which we continue).
    if ! kill -0 "$child" 2>/dev/null; then break; fi
  done
  child=""
  stop_engine
  exit "$rc"
}

main "$@"
exit $?
