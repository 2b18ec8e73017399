#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (scripts/test-packages.txt) when they are missing,
# with sudo when not run as root. Used by the README's test line and by .ci/run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t wanted < <(sed -e 's/#.*//' -e 's/[[:space:]]//g' "$here/test-packages.txt" | grep -v '^$')

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && { echo "test packages: all present (${wanted[*]})"; exit 0; }

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "test packages: installing ${missing[*]}"
# One index that cannot be read (seen: a foreign-architecture security index with a size mismatch) must not stop
# the run when the packages we need resolve from the others: the install below is what has to succeed.
$sudo apt-get update -q || echo "apt-get update reported an error; trying the install with the indexes that were read" >&2
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
