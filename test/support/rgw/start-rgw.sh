#!/usr/bin/env bash
# Minimal single-node Ceph (1 mon, 1 memstore osd, no mgr) + radosgw (beast): a real S3 server for
# the integration tests. Project copy of the ceph-rgw reference setup (see README "Integration tests").
#
# Everything lives under $RGW_BASE. No systemd, no root needed (daemons run as the invoking user).
# Idempotent: if a healthy instance is already running in $RGW_BASE it exits 0; otherwise it stops any
# leftovers in $RGW_BASE, wipes it and bootstraps a fresh cluster. On failure it stops what it started.
#
# Environment (all optional):
#   RGW_BASE      state dir                     default ${TMPDIR:-/tmp}/s3-backup-rgw
#   RGW_PORT      S3 endpoint port (127.0.0.1)  default 7480
#   MON_PORT      ceph-mon port                 default 13300
#   OSD_PORT_MIN / OSD_PORT_MAX                 ms bind port range (Ceph default 6800-7300; the OSD
#                                               takes the first free ports in it, so parallel clusters coexist)
#   OSD_STORE     memstore | bluestore          default memstore
#   RGW_LC_DEBUG_INTERVAL                       1 lifecycle "day" = N seconds, default 10
#   RGW_ACCESS_KEY / RGW_SECRET_KEY             keys of user "tester"
#
# Packages are NOT installed here: run `bash .ci/install-deps.sh` once (needs root).
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
BASE="${RGW_BASE:-${TMPDIR:-/tmp}/s3-backup-rgw}"
RGW_PORT="${RGW_PORT:-7480}"
MON_PORT="${MON_PORT:-13300}"
OSD_PORT_MIN="${OSD_PORT_MIN:-6800}"
OSD_PORT_MAX="${OSD_PORT_MAX:-7300}"
OSD_STORE="${OSD_STORE:-memstore}"          # memstore | bluestore (file-backed)
ACCESS_KEY="${RGW_ACCESS_KEY:-AKIAIOSFODNN7EXAMPLE}"
SECRET_KEY="${RGW_SECRET_KEY:-wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}"
OTHER_ACCESS_KEY="OTHERACCESSKEY000001"
OTHER_SECRET_KEY="othersecretkey0000000000000000000000001"
LC_DEBUG_INTERVAL="${RGW_LC_DEBUG_INTERVAL:-10}" # 1 lifecycle "day" = N seconds
export CEPH_CONF="$BASE/ceph.conf"
export RGW_BASE="$BASE"

log() { printf '[start-rgw %(%H:%M:%S)T] %s\n' -1 "$*"; }
T0=$(date +%s%N)

# ---------------------------------------------------------------- 0. packages (never installed here)
for cmd in radosgw ceph-mon ceph-osd radosgw-admin ceph ceph-authtool monmaptool curl; do
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo 'Ceph RGW is not installed: run `bash .ci/install-deps.sh` (needs root) — see README' >&2
    exit 3
  fi
done

# ---------------------------------------------------------------- 1. already up?
if [ -f "$BASE/ready" ] && curl -fsS -o /dev/null "http://127.0.0.1:$RGW_PORT/" 2>/dev/null; then
  log "already running on http://127.0.0.1:$RGW_PORT"
  exit 0
fi
"$HERE/stop-rgw.sh" >/dev/null 2>&1 || true
for p in "$RGW_PORT" "$MON_PORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p already in use" >&2; exit 1; fi
done
rm -rf "$BASE"
mkdir -p "$BASE"/{run,log,mon.a,osd.0,rgw}

on_error() {
  local rc=$?
  echo "start-rgw failed (exit $rc); logs in $BASE/log. Last lines:" >&2
  for f in "$BASE"/log/*.log; do
    [ -s "$f" ] || continue
    echo "--- $f" >&2
    tail -n 5 "$f" >&2 || true
  done
  "$HERE/stop-rgw.sh" >/dev/null 2>&1 || true
  exit "$rc"
}
trap on_error ERR

# ---------------------------------------------------------------- 2. config
FSID=$(cat /proc/sys/kernel/random/uuid)
cat >"$CEPH_CONF" <<EOF
[global]
fsid = $FSID
mon host = v2:127.0.0.1:$MON_PORT
public addr = 127.0.0.1
ms bind port min = $OSD_PORT_MIN
ms bind port max = $OSD_PORT_MAX
run dir = $BASE/run
pid file = $BASE/run/\$name.pid
admin socket = $BASE/run/\$name.asok
log file = $BASE/log/\$name.log
keyring = $BASE/keyring
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
ms bind msgr1 = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
osd crush chooseleaf type = 0
err to stderr = false
log to stderr = false
crash dir = $BASE/crash
debug ms = 0

[mon]
mon data = $BASE/mon.\$id
mon cluster log file = $BASE/log/cluster.log
mon data avail warn = 1
mon data avail crit = 0
auth allow insecure global id reclaim = false
# each mon update otherwise waits ~1s (pool create, app enable ...): speeds bootstrap ~3x
paxos propose interval = 0.05
paxos min wait = 0.001

[osd]
osd data = $BASE/osd.\$id
osd objectstore = $OSD_STORE
memstore device bytes = 4G
bluestore block path = $BASE/osd.\$id/block.img
bluestore block create = true
bluestore block size = 10G
bluestore fsck on mount = false
bluestore cache autotune = false
bluestore cache size = 128M
osd memory target = 939524096
osd op num shards = 1
osd op num threads per shard = 2

[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT
rgw data = $BASE/rgw
rgw thread pool size = 64
rgw lc debug interval = $LC_DEBUG_INTERVAL
rgw crypt require ssl = false
# no `rgw crypt default encryption key`: with it every object is encrypted and Ceph 16 refuses to copy
# encrypted objects (501 NotImplemented), which would hide the ordinary server-side copy path
rgw crypt s3 kms backend = testing
rgw crypt s3 kms encryption keys = testkey-1=$(head -c32 /dev/urandom | base64)
rgw enable ops log = false
rgw dns name = localhost
EOF

# ---------------------------------------------------------------- 3. keys + mon
log "bootstrapping mon on :$MON_PORT (fsid $FSID, base $BASE)"
KR="$BASE/keyring"
ceph-authtool --create-keyring "$KR" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool "$KR" --gen-key -n client.admin \
  --cap mon 'allow *' --cap osd 'allow *' --cap mgr 'allow *' --cap mds 'allow *' >/dev/null
ceph-authtool "$KR" --gen-key -n osd.0 \
  --cap mon 'allow profile osd' --cap mgr 'allow profile osd' --cap osd 'allow *' >/dev/null
ceph-authtool "$KR" --gen-key -n client.rgw \
  --cap mon 'allow rw' --cap osd 'allow rwx' --cap mgr 'allow rw' >/dev/null
monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_PORT]" "$BASE/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$BASE/monmap" --keyring "$KR"
ceph-mon -i a
timeout 60 bash -c 'until ceph --connect-timeout 2 mon stat >/dev/null 2>&1; do sleep 0.3; done'

# ---------------------------------------------------------------- 4. osd
log "creating osd.0 ($OSD_STORE)"
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
OSD_ID=$(ceph osd new "$OSD_UUID")
[ "$OSD_ID" = 0 ] || { echo "unexpected osd id $OSD_ID" >&2; exit 1; }
ceph-osd -i 0 --mkfs --osd-uuid "$OSD_UUID" >"$BASE/log/osd-mkfs.log" 2>&1
ceph-osd -i 0
timeout 120 bash -c 'until ceph osd dump 2>/dev/null | grep -q "^osd.0 up"; do sleep 0.3; done'

# ---------------------------------------------------------------- 5. rgw
log "starting radosgw on 127.0.0.1:$RGW_PORT"
radosgw -n client.rgw
timeout 180 bash -c "until curl -fsS -o /dev/null http://127.0.0.1:$RGW_PORT/ 2>/dev/null; do sleep 0.3; done"

log "creating S3 users"
radosgw-admin -n client.admin user create --uid=tester --display-name="Test User" \
  --access-key="$ACCESS_KEY" --secret-key="$SECRET_KEY" >/dev/null
# a second user with its own keys (owns nothing -> AccessDenied on tester's buckets)
radosgw-admin -n client.admin user create --uid=other --display-name="Other User" \
  --access-key="$OTHER_ACCESS_KEY" --secret-key="$OTHER_SECRET_KEY" >/dev/null

trap - ERR
touch "$BASE/ready"
T1=$(date +%s%N)
log "ready: http://127.0.0.1:$RGW_PORT access=$ACCESS_KEY (bootstrap $(( (T1 - T0) / 1000000 )) ms)"
