#!/usr/bin/env bash
# Stop the daemons started by start-rgw.sh in $RGW_BASE (by PID file only, never by name).
#   RGW_BASE         state dir (default ${TMPDIR:-/tmp}/s3-backup-rgw)
#   RGW_STOP_GRACE   seconds to wait after SIGTERM before SIGKILL (default 10; radosgw ignores
#                    SIGTERM for a long time, so it usually ends up SIGKILLed). 0 = SIGKILL all daemons
#                    at once (fine for memstore data that is thrown away anyway).
#   WIPE=1           also delete $RGW_BASE
set -uo pipefail
BASE="${RGW_BASE:-${TMPDIR:-/tmp}/s3-backup-rgw}"
GRACE="${RGW_STOP_GRACE:-10}"

# pid of a still-running daemon from its pid file (checks the command name: pids get reused)
daemon_pid() {
  local f="$BASE/run/$1.pid" pid comm
  [ -f "$f" ] || return 1
  pid=$(cat "$f")
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  case "$comm" in radosgw|ceph-osd|ceph-mon) echo "$pid" ;; *) rm -f "$f"; return 1 ;; esac
}
wait_gone() { # pid, tenths of a second
  for _ in $(seq 1 "$2"); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.1; done
  ! kill -0 "$1" 2>/dev/null
}

if [ "$GRACE" = 0 ]; then
  pids=()
  for name in client.rgw osd.0 mon.a; do
    pid=$(daemon_pid "$name") || continue
    echo "killing $name (pid $pid)"
    kill -KILL "$pid" 2>/dev/null && pids+=("$pid")
  done
  for pid in "${pids[@]}"; do wait_gone "$pid" 50 || echo "  pid $pid still there" >&2; done
else
  # stop in reverse order of start: rgw, osd, mon
  for name in client.rgw osd.0 mon.a; do
    pid=$(daemon_pid "$name") || continue
    echo "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null
    if ! wait_gone "$pid" $(( GRACE * 10 )); then
      echo "  SIGKILL $pid"
      kill -KILL "$pid" 2>/dev/null
      wait_gone "$pid" 50 || echo "  pid $pid still there" >&2
    fi
  done
fi
rm -f "$BASE"/run/*.pid "$BASE/ready"
if [ "${WIPE:-0}" = 1 ]; then rm -rf "$BASE"; echo "wiped $BASE"; fi
exit 0
