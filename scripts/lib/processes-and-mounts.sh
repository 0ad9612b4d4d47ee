# Shared by scripts/engine.sh and scripts/trixie-engines.sh (sourced, not run): ending the daemons
# they start and the mounts those leave. The sourcing script defines log().

pid_alive() { [[ "$1" =~ ^[0-9]+$ ]] && kill -0 "$1" 2>/dev/null; }

# kill a pid: TERM, wait up to $2 seconds, then KILL; returns 1 if it is still alive after that
kill_wait() {
  local pid="$1" grace="${2:-20}" i
  pid_alive "$pid" || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  log "pid $pid did not exit after ${grace}s, sending KILL"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do
    pid_alive "$pid" || return 0
    sleep 0.1
  done
  log "pid $pid still alive after KILL"
  return 1
}

# mount points at or below any of the given directories, deepest first
mounts_under() {
  local d m
  awk '{print $2}' /proc/self/mounts | while IFS= read -r m; do
    m="$(printf '%b' "$m")" # decode \040 etc.
    for d in "$@"; do
      if [[ "$m" == "$d" || "$m" == "$d"/* ]]; then printf '%s\n' "$m"; break; fi
    done
  done | awk '{print length($0) "\t" $0}' | sort -rn | cut -f2-
}

# unmount everything at or below the given directories (lazily where busy); 1 if a mount remains
unmount_all_under() {
  local m left
  while IFS= read -r m; do
    [[ -n "$m" ]] || continue
    umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || log "could not unmount $m"
  done < <(mounts_under "$@")
  left="$(mounts_under "$@")"
  [[ -z "$left" ]] || { log "mounts remain: $left"; return 1; }
}
