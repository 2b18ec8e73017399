#!/usr/bin/env bash
# Installs the built Debian package on this machine as a user would, checks what it installed, runs the collector the
# way its systemd unit does, then removes and purges it. Needs root (re-runs itself with sudo -n otherwise).
# Called by src/test/java/teleinfo/deb/DebianPackageIT.java; refuses to run where rpi-teleinfo is already installed
# (the purge at the end deletes /var/lib/teleinfo and /etc/teleinfo).
#
# Usage: scripts/package-test.sh target/rpi-teleinfo_<version>_all.deb CAPTURE.bin
# Prints "install to running: N ms": how long dpkg -i took plus how long the collector, started as its unit starts it,
# took to its first decoded frame (the checks in between are not counted).
set -euo pipefail
[ "$(id -u)" -eq 0 ] || exec sudo -n "$0" "$@"
deb=$(realpath "$1")
capture=$(realpath "$2")

# one package test at a time on this machine (several work trees may run the suite at once)
exec 9>/tmp/rpi-teleinfo-package-test.lock
flock -w 600 9

fail() { echo "package test: FAILED: $*" >&2; exit 1; }
if dpkg-query -W -f='${Status}' rpi-teleinfo 2>/dev/null | grep -qv 'not-installed'; then
  fail "rpi-teleinfo is already installed here (dpkg status: $(dpkg-query -W -f='${Status}' rpi-teleinfo)); not touching it"
fi
for d in /etc/teleinfo /var/lib/teleinfo; do [ ! -e "$d" ] || fail "$d exists (a manual install?); not touching it"; done

# a service user this test creates is deleted at the end, so that every run tests its creation
user_existed=no
getent passwd teleinfo >/dev/null && user_existed=yes
work=$(mktemp -d)
collector=""
cleanup() {
  [ -z "$collector" ] || kill "$collector" 2>/dev/null || true
  wait 2>/dev/null || true
  if dpkg-query -W -f='${Status}' rpi-teleinfo 2>/dev/null | grep -qv 'not-installed'; then
    dpkg --purge rpi-teleinfo >/dev/null 2>&1 || true
  fi
  if [ "$user_existed" = no ] && getent passwd teleinfo >/dev/null; then
    userdel teleinfo 2>/dev/null || true
    groupdel teleinfo 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# dpkg waits for no one: another apt/dpkg run on this machine holds the lock for a while at most
dpkg_retry() {
  for _ in $(seq 60); do
    if "$@" 2>"$work/dpkg.err"; then return 0; fi
    grep -q 'lock' "$work/dpkg.err" || { cat "$work/dpkg.err" >&2; return 1; }
    sleep 2
  done
  cat "$work/dpkg.err" >&2; return 1
}

check_stat() { # path expected "owner:group mode"
  local got; got=$(stat -c '%U:%G %a' "$1")
  [ "$got" = "$2" ] || fail "$1 is $got, expected $2"
  echo "ok: $1 $got"
}

install_ns=$(date +%s%N)
echo "== dpkg -i $(basename "$deb")"
if ! dpkg_retry dpkg -i "$deb"; then
  echo "== apt-get install -f (dependencies)"
  DEBIAN_FRONTEND=noninteractive apt-get install -f -y -q --no-install-recommends -o DPkg::Lock::Timeout=120
fi
install_ms=$(( ($(date +%s%N) - install_ns) / 1000000 ))
dpkg-query -W -f='${Status}\n' rpi-teleinfo | grep -qx 'install ok installed' || fail "not installed"

echo "== files, owners, modes"
[ "$(command -v rpi-teleinfo)" = /usr/bin/rpi-teleinfo ] || fail "rpi-teleinfo is not on the PATH"
check_stat /usr/bin/rpi-teleinfo "root:root 755"
check_stat /usr/share/rpi-teleinfo/rpi-teleinfo.jar "root:root 644"
check_stat /lib/systemd/system/teleinfo-collector.service "root:root 644"
check_stat /lib/systemd/system/teleinfo-server.service "root:root 644"
check_stat /etc/teleinfo/collector.env "root:teleinfo 640"
check_stat /etc/teleinfo/server.env "root:teleinfo 640"
check_stat /var/lib/teleinfo "teleinfo:teleinfo 750"
conffiles=$(dpkg-query -W -f='${Conffiles}' rpi-teleinfo)
for f in /etc/teleinfo/collector.env /etc/teleinfo/server.env; do
  grep -q " $f " <<<"$conffiles" || fail "$f is not a conffile"
done
echo "ok: conffiles /etc/teleinfo/collector.env /etc/teleinfo/server.env"

echo "== the service user"
[ "$user_existed" = no ] || echo "note: user teleinfo existed before the install: its creation is not tested by this run"
IFS=: read -r _ _ uid _ _ home shell < <(getent passwd teleinfo) || fail "no user teleinfo"
[ "$uid" -lt 1000 ] || fail "teleinfo is not a system user (uid $uid)"
[ "$home" = /var/lib/teleinfo ] || fail "teleinfo's home is $home"
case "$shell" in */nologin|*/false) ;; *) fail "teleinfo can log in (shell $shell)" ;; esac
id -nG teleinfo | tr ' ' '\n' | grep -qx dialout || fail "teleinfo is not in group dialout ($(id -nG teleinfo))"
echo "ok: teleinfo uid $uid, home $home, shell $shell, groups $(id -nG teleinfo)"

echo "== units installed, not enabled"
for u in teleinfo-collector teleinfo-server; do
  [ ! -e "/etc/systemd/system/multi-user.target.wants/$u.service" ] || fail "$u is enabled"
done
if command -v systemd-analyze >/dev/null; then
  # it exits 0 on an unknown key or a value it cannot parse ("ignoring"): any word from it is a failure
  verify=$(systemd-analyze verify /lib/systemd/system/teleinfo-collector.service \
    /lib/systemd/system/teleinfo-server.service 2>&1) || fail "systemd-analyze verify: $verify"
  [ -z "$verify" ] || fail "systemd-analyze verify: $verify"
  echo "ok: systemd-analyze verify (no warning)"
else
  echo "systemd-analyze not on this machine: unit syntax not verified"
fi

echo "== rpi-teleinfo decode (as the service user)"
cp "$capture" "$work/capture.bin"; chmod 644 "$work/capture.bin"; chmod 755 "$work"
frames=$(runuser -u teleinfo -- rpi-teleinfo decode "$work/capture.bin" 2>"$work/decode.err" | grep -c '"groups"') \
  || fail "decode printed no frame: $(cat "$work/decode.err")"
echo "ok: $frames frames decoded"
set +e; rpi-teleinfo decode "$work/missing.bin" 2>/dev/null; status=$?; set -e
[ "$status" -eq 2 ] || fail "decode of a missing file exited $status, expected 2"

echo "== the collector, started as teleinfo-collector.service starts it"
# the one file a user edits: the meter (here the built-in simulator) and the server
sed -i -e 's|^TELEINFO_PORT=.*|TELEINFO_PORT=simulator|' -e 's|^TELEINFO_SERVER_URL=.*|TELEINFO_SERVER_URL=http://127.0.0.1:9/api/readings|' \
  /etc/teleinfo/collector.env
unit_env=()
while IFS= read -r line; do
  line=${line#Environment=}; line=${line#\"}; unit_env+=("${line%\"}")
done < <(grep '^Environment=' /lib/systemd/system/teleinfo-collector.service)
mapfile -t file_env < <(grep -E '^[A-Z_]+=' /etc/teleinfo/collector.env)
exec_start=$(sed -n 's/^ExecStart=//p' /lib/systemd/system/teleinfo-collector.service)
start_ns=$(date +%s%N)
# shellcheck disable=SC2086
(cd /var/lib/teleinfo && exec runuser -u teleinfo -- env -i PATH=/usr/bin:/bin "${unit_env[@]}" "${file_env[@]}" $exec_start) \
  >"$work/collector.log" 2>&1 &
collector=$!
for _ in $(seq 600); do
  grep -q 'first frame decoded' "$work/collector.log" && break
  kill -0 "$collector" 2>/dev/null || { cat "$work/collector.log" >&2; fail "the collector stopped"; }
  sleep 0.05
done
grep -q 'first frame decoded' "$work/collector.log" || { cat "$work/collector.log" >&2; fail "no frame in 30 s"; }
start_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "install to running: $((install_ms + start_ms)) ms (dpkg -i $install_ms ms + collector start to first decoded frame $start_ms ms)"
kill "$collector"; wait "$collector" 2>/dev/null || true; collector=""
check_stat /var/lib/teleinfo/spool "teleinfo:teleinfo 755"

echo "== installing again (as an upgrade does) keeps the edited settings, their owner and mode"
dpkg_retry dpkg -i "$deb" </dev/null >/dev/null
grep -q '^TELEINFO_PORT=simulator' /etc/teleinfo/collector.env || fail "the edited collector.env was replaced"
check_stat /etc/teleinfo/collector.env "root:teleinfo 640"
check_stat /var/lib/teleinfo/spool "teleinfo:teleinfo 755"

echo "== remove keeps data and settings"
dpkg_retry dpkg --remove rpi-teleinfo
[ ! -e /usr/bin/rpi-teleinfo ] || fail "/usr/bin/rpi-teleinfo is still there after remove"
[ -d /var/lib/teleinfo/spool ] || fail "remove deleted the data"
grep -q '^TELEINFO_PORT=simulator' /etc/teleinfo/collector.env || fail "remove lost the edited settings"
echo "ok: /var/lib/teleinfo and the edited /etc/teleinfo/collector.env kept"

echo "== purge deletes them"
dpkg_retry dpkg --purge rpi-teleinfo
for p in /var/lib/teleinfo /etc/teleinfo; do [ ! -e "$p" ] || fail "$p is still there after purge"; done
dpkg-statoverride --list /etc/teleinfo/collector.env >/dev/null && fail "a stat override is left"
echo "ok: /var/lib/teleinfo and /etc/teleinfo gone (the package keeps the system user, as Debian does; this test deletes it)"
echo "package test: passed"
