#!/usr/bin/env bash
# Stop the daemons started by start-rgw.sh in $RGW_BASE (by PID file only, never by name).
#   RGW_BASE         state dir (default ${TMPDIR:-/tmp}/s3-backup-rgw)
#   RGW_STOP_GRACE   seconds to wait after SIGTERM before SIGKILL (default 10; radosgw ignores
#                    SIGTERM for ~120 s, so it usually ends up SIGKILLed)
#   WIPE=1           also delete $RGW_BASE
set -uo pipefail
BASE="${RGW_BASE:-${TMPDIR:-/tmp}/s3-backup-rgw}"
GRACE="${RGW_STOP_GRACE:-10}"
# stop in reverse order of start: rgw, osd, mon
for name in client.rgw osd.0 mon.a; do
  f="$BASE/run/$name.pid"
  [ -f "$f" ] || continue
  pid=$(cat "$f")
  comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
  case "$comm" in
    radosgw|ceph-osd|ceph-mon)
      echo "stopping $name (pid $pid, $comm)"
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 $(( GRACE * 5 ))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      if kill -0 "$pid" 2>/dev/null; then
        echo "  SIGKILL $pid"
        kill -KILL "$pid"
        for _ in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      fi
      ;;
  esac
  rm -f "$f"
done
rm -f "$BASE/ready"
if [ "${WIPE:-0}" = 1 ]; then rm -rf "$BASE"; echo "wiped $BASE"; fi
exit 0
