#!/usr/bin/env bash
# The packaged collector on a Raspberry Pi's CPU, emulated: Debian's OpenJDK 17 for that architecture
# (scripts/arm-java-root.sh) under qemu-user, started by the package's rpi-teleinfo command with the JVM options of the
# package's teleinfo-collector.service, reading a socat pseudo-terminal fed by the simulated meter (a JVM of this
# machine), uploading to a small HTTP server on 127.0.0.1.
# Checks: the JVM starts with the unit's flags, jSerialComm's native for that architecture is the one mapped, frames
# are decoded, readings reach the server. Prints the figures (emulated, not a real Pi): start to first frame, RSS of
# the qemu process running the JVM, readings delivered.
#
# With a third argument CAPTURE, only checks that the JVM starts with the unit's flags and decodes CAPTURE with
# `rpi-teleinfo decode` (for armel's Zero VM, whose full run takes minutes under emulation).
#
# Usage: scripts/arm-collector-test.sh arm64|armhf|armel target/rpi-teleinfo_<version>_all.deb [CAPTURE]
set -euo pipefail
usage="usage: arm-collector-test.sh arm64|armhf|armel DEB [CAPTURE]"
arch=${1:?$usage}
deb=$(realpath "${2:?$usage}")
capture=${3:+$(realpath "$3")}
here=$(cd "$(dirname "$0")" && pwd)
# jSerialComm tries its Linux ARM natives in the order armv5, armv6hf, armv7hf, armv8_64, armv8_32 and keeps the first
# that the (emulated, so the architecture's own) dynamic loader accepts: armv6hf is the one every armhf Pi loads.
case "$arch" in
  arm64) qemu=qemu-aarch64-static; native=armv8_64 ;;
  armhf) qemu=qemu-arm-static; native=armv6hf ;;
  armel) qemu=qemu-arm-static; native=armv5 ;;
  *) echo "unknown architecture '$arch'" >&2; exit 2 ;;
esac
FIRST_FRAME_TIMEOUT=${FIRST_FRAME_TIMEOUT:-150}
READING_TIMEOUT=${READING_TIMEOUT:-90}
fail() { echo "arm test ($arch): FAILED: $*" >&2; exit 1; }
command -v "$qemu" >/dev/null || fail "$qemu missing (Debian package qemu-user-static, scripts/test-packages.txt)"

root=$(bash "$here/arm-java-root.sh" "$arch")
# Everything the emulated JVM writes or lists is on tmpfs: a 32-bit JVM under emulation cannot list directories on a
# 64-bit file system (EOVERFLOW, "Value too large for defined data type"); a real Pi does not have this problem.
work=$(mktemp -d /dev/shm/rpi-teleinfo-arm.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$work/pkg"
jar=$work/pkg/usr/share/rpi-teleinfo/rpi-teleinfo.jar
# JAVA_HOME for the package's launcher: its bin/java is the foreign JVM under qemu
mkdir -p "$work/jvm/bin"
printf '#!/bin/sh\nexec %s -L %s %s/java.home/bin/java "$@"\n' "$qemu" "$root" "$root" >"$work/jvm/bin/java"
chmod +x "$work/jvm/bin/java"
unit_env=()
while IFS= read -r line; do
  line=${line#Environment=}; line=${line#\"}; unit_env+=("${line%\"}")
done < <(grep '^Environment=' "$work/pkg/lib/systemd/system/teleinfo-collector.service")
printf '%s\n' "${unit_env[@]}" | grep -q '^TELEINFO_JAVA_OPTS=' || fail "no TELEINFO_JAVA_OPTS in the unit"
java_version=$("$work/jvm/bin/java" -version 2>&1 | tail -1)

if [ -n "$capture" ]; then
  start_ns=$(date +%s%N)
  env "${unit_env[@]}" JAVA_HOME="$work/jvm" TELEINFO_JAR="$jar" HOME="$work" \
    "$work/pkg/usr/bin/rpi-teleinfo" decode "$capture" >"$work/decode.out" 2>"$work/decode.err" \
    || { cat "$work/decode.err" >&2; fail "decode failed"; }
  frames=$(grep -c '"groups"' "$work/decode.out" || true)
  [ "$frames" -gt 0 ] || { cat "$work/decode.err" >&2; fail "decode printed no frame"; }
  echo "arm test ($arch): $java_version"
  echo "arm test ($arch): rpi-teleinfo decode with the unit's JVM flags: $frames frames in $(( ($(date +%s%N) - start_ns) / 1000000 )) ms (emulated)"
  echo "arm test ($arch): passed"
  exit 0
fi

python3 - "$work/port" >"$work/server.log" 2>&1 <<'PY' &
import http.server, json, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        readings = json.loads(self.rfile.read(int(self.headers['Content-Length'])))
        self.send_response(200); self.send_header('Content-Type', 'application/json'); self.end_headers()
        self.wfile.write(json.dumps({"stored": len(readings), "duplicates": 0}).encode())
        sys.stderr.write("READINGS %d\n" % len(readings)); sys.stderr.flush()
    def log_message(self, *a):
        pass
s = http.server.HTTPServer(('127.0.0.1', 0), H)
open(sys.argv[1], 'w').write(str(s.server_port))
s.serve_forever()
PY
pids+=($!)
socat pty,raw,echo=0,link="$work/ttyMETER" pty,raw,echo=0,link="$work/ttyPI" 2>/dev/null &
pids+=($!)
for _ in $(seq 100); do [ -e "$work/ttyPI" ] && [ -e "$work/ttyMETER" ] && [ -s "$work/port" ] && break; sleep 0.1; done
[ -e "$work/ttyPI" ] && [ -s "$work/port" ] || fail "socat or the HTTP server did not start"
# the meter: this machine's JVM, its clock 30 times faster than the wall clock so minutes (readings) close every 2 s
java -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$jar" simulate --mode standard --speed 30 "$work/ttyMETER" \
  >"$work/simulator.log" 2>&1 &
pids+=($!)

: >"$work/collector.log"
start_ns=$(date +%s%N)
env "${unit_env[@]}" JAVA_HOME="$work/jvm" TELEINFO_JAR="$jar" HOME="$work" \
  TELEINFO_JAVA_OPTS="$(printf '%s\n' "${unit_env[@]}" | sed -n 's/^TELEINFO_JAVA_OPTS=//p') -Djava.io.tmpdir=$work" \
  TELEINFO_PORT="$work/ttyPI" TELEINFO_MODE=standard TELEINFO_SERVER_URL="http://127.0.0.1:$(cat "$work/port")/api/readings" \
  TELEINFO_TOKEN=arm-test TELEINFO_SPOOL_DIR="$work/spool" TELEINFO_UPLOAD_INTERVAL=500 \
  "$work/pkg/usr/bin/rpi-teleinfo" collector >"$work/collector.log" 2>&1 &
collector=$!
pids+=($collector)

wait_for() { # PATTERN FILE SECONDS WHAT: until PATTERN is in FILE, while the collector runs
  local waited=0
  until grep -q "$1" "$2"; do
    kill -0 "$collector" 2>/dev/null || { cat "$work/collector.log" >&2; fail "the collector stopped"; }
    [ "$waited" -lt $(($3 * 10)) ] || { cat "$work/collector.log" >&2; fail "$4 in $3 s"; }
    sleep 0.1; waited=$((waited + 1))
  done
}
wait_for 'first frame decoded' "$work/collector.log" "$FIRST_FRAME_TIMEOUT" "no frame"
first_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

wait_for '^READINGS' "$work/server.log" "$READING_TIMEOUT" "no reading reached the server"
reading_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
# a few more readings: the pipeline keeps going, not only its first minute
sleep 10

# the qemu process running the JVM (the launcher exec'd into it)
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$collector/status")
hwm_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$collector/status")
# qemu's own share of it: its translated code, its malloc arenas, its binary and stack. The host kernel puts qemu's
# own mappings at the top of the address space (0x7f...) and its brk in [heap]; qemu puts the guest's (the JVM's,
# libjvm included) lower down (below 4 GB for a 32-bit guest, around 0x55_0000_0000 for a 64-bit one).
qemu_kb=$(awk '
  /^[0-9a-f]+-[0-9a-f]+ / { split($1, range, "-"); start = range[1]
    own = (length(start) >= 12 && substr(start, 1, 2) >= "7f") || $6 ~ /^\[(heap|stack|vdso|vvar|vsyscall)/ }
  /^Rss:/ && own { kb += $2 }
  END { print kb + 0 }' "/proc/$collector/smaps")
mapped=$(awk '/libjSerialComm/ {print $6}' "/proc/$collector/maps" | sort -u)
[ -n "$mapped" ] || fail "no libjSerialComm mapped in the JVM"
[ "$(wc -l <<<"$mapped")" -eq 1 ] || fail "several jSerialComm natives mapped: $mapped"
loaded=$(sha256sum "$mapped" | cut -d' ' -f1)
expected=$(unzip -p "$jar" "Linux/$native/libjSerialComm.so" | sha256sum | cut -d' ' -f1)
which=$(unzip -Z1 "$jar" 'Linux/*/libjSerialComm.so' | while read -r n; do
  if [ "$(unzip -p "$jar" "$n" | sha256sum | cut -d' ' -f1)" = "$loaded" ]; then echo "$n"; fi; done)
[ "$loaded" = "$expected" ] || fail "jSerialComm loaded ${which:-an unknown native}, expected Linux/$native"
readings=$(awk '/^READINGS/ {n += $2} END {print n + 0}' "$work/server.log")
posts=$(grep -c '^READINGS' "$work/server.log")
if grep -q 'ERROR' "$work/collector.log"; then cat "$work/collector.log" >&2; fail "errors in the collector's log"; fi

echo "arm test ($arch): $java_version"
echo "arm test ($arch): jSerialComm native loaded: Linux/$native/libjSerialComm.so"
echo "arm test ($arch): start to first frame: $first_ms ms; to first reading delivered: $reading_ms ms (emulated, not a real Pi)"
echo "arm test ($arch): RSS of the qemu process running the JVM: $((rss_kb / 1024)) MB (peak $((hwm_kb / 1024)) MB), of which qemu (translated code, its heap and binary) $((qemu_kb / 1024)) MB and the guest (the JVM) $(((rss_kb - qemu_kb) / 1024)) MB"
echo "arm test ($arch): readings delivered: $readings in $posts POSTs"
echo "arm test ($arch): passed"
