#!/usr/bin/env bash
# How fast the collector notices a dead line and recovers, on the packaged jar with real processes:
#
#   feeder (python3: samples/linky-standard-1p.bin in a loop, paced at 9600 baud 7E1 like a meter)
#     -> socat pty pair (killing socat is pulling the USB adapter: the device path goes away)
#     -> collector (java -jar $JAR collector, GET /health on a local port) -> a small local HTTP server
#
# Each round: unplug (socat and feeder killed) -> time until the "tic" health check is DOWN; the adapter stays away
# AWAY seconds; replug (socat started again, the feeder right after it) -> time from the device path being back to the
# next decoded frame (the collector's frame counter in /metrics; this includes waiting up to one frame time, ~1 s, for
# the first complete frame on the line). Then a silence (feeder killed, socat kept) -> time until DOWN; the line stays
# silent SILENT seconds (longer than noFrameTimeout: the port is reopened meanwhile) -> feeder again -> time until the
# next decoded frame. /health and /metrics are polled every 50 ms.
#
# Builds nothing: run `mvn -o -q package -DskipTests` first. Needs socat, python3 and curl.
# Usage: bench/collector-replug.sh                     (ROUNDS=3 AWAY=20 SILENT=12)
#        JAR=/path/to/other/rpi-teleinfo.jar bench/collector-replug.sh   to compare with another build
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-target/rpi-teleinfo.jar}
ROUNDS=${ROUNDS:-3}
AWAY=${AWAY:-20}
SILENT=${SILENT:-12}
WAIT_MAX=${WAIT_MAX:-60}
PORT=${PORT:-18790}
HEALTH_PORT=${HEALTH_PORT:-18791}
SAMPLE=samples/linky-standard-1p.bin

[ -f "$JAR" ] || { echo "missing $JAR: run mvn -o -q package -DskipTests first" >&2; exit 2; }
work=$(mktemp -d)
pids=()
socat_pid=""
feeder_pid=""
cleanup() {
    for p in "${pids[@]}" $socat_pid $feeder_pid; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

python3 - "$PORT" >/dev/null 2>&1 <<'PY' &
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers['Content-Length']))
        self.send_response(200); self.send_header('Content-Type', 'application/json'); self.end_headers()
        self.wfile.write(b'{"stored":1,"duplicates":0}')
    def log_message(self, *a):
        pass
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
pids+=($!)

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

plug() {
    socat pty,raw,echo=0,link="$work/ttyMETER" pty,raw,echo=0,link="$work/ttyPI" 2>/dev/null &
    socat_pid=$!
    for _ in $(seq 100); do [ -e "$work/ttyPI" ] && [ -e "$work/ttyMETER" ] && break; sleep 0.01; done
    back_ms=$(now_ms)
    feed
}

# the capture in a loop, one frame at a time at the pace of a 9600-baud line (10 bits per character)
feed() {
    python3 - "$SAMPLE" "$work/ttyMETER" 2>/dev/null <<'PY' &
import re, sys, time
frames = re.findall(rb'\x02[^\x02\x03]*\x03', open(sys.argv[1], 'rb').read())
with open(sys.argv[2], 'wb', buffering=0) as line:
    while True:
        for f in frames:
            line.write(f)
            time.sleep(len(f) * 10 / 9600)
PY
    feeder_pid=$!
}

unplug() {
    kill "$feeder_pid" "$socat_pid" 2>/dev/null || true
    wait "$feeder_pid" "$socat_pid" 2>/dev/null || true
    feeder_pid=""; socat_pid=""
}

silence() {
    kill "$feeder_pid" 2>/dev/null || true
    wait "$feeder_pid" 2>/dev/null || true
    feeder_pid=""
}

tic_state() {
    curl -s -m 1 "http://127.0.0.1:$HEALTH_PORT/health" | grep -o '"tic":{"state":"[A-Z]*"' | grep -o '[A-Z]*"$' \
        | tr -d '"' || true
}

# complete frames decoded so far (the collector's teleinfo_tic_frames_total counter)
frames() {
    curl -s -m 1 "http://127.0.0.1:$HEALTH_PORT/metrics" | awk '/^teleinfo_tic_frames_total/ { print int($2) }' || true
}

# milliseconds from $1 until the frame counter exceeds $2, or ">N s" after WAIT_MAX seconds
wait_for_frame() {
    local from=$1 before=$2 deadline=$(( $1 + WAIT_MAX * 1000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        if [ "$(frames)" -gt "$before" ]; then echo $(( $(now_ms) - from )); return; fi
        sleep 0.05
    done
    echo ">${WAIT_MAX}s"
}

# milliseconds from $1 until the tic check is $2, or ">N s" when it is not after $3 seconds (default WAIT_MAX)
wait_for() {
    local from=$1 state=$2 max=${3:-$WAIT_MAX}
    local deadline=$(( from + max * 1000 ))
    while [ "$(now_ms)" -lt "$deadline" ]; do
        if [ "$(tic_state)" = "$state" ]; then echo $(( $(now_ms) - from )); return; fi
        sleep 0.05
    done
    echo ">${max}s"
}

# sleeps until $2 seconds after the instant $1 (ms)
sleep_until() {
    local rest=$(( $1 + $2 * 1000 - $(now_ms) ))
    if [ "$rest" -gt 0 ]; then sleep "$(awk -v r="$rest" 'BEGIN { print r / 1000 }')"; fi
}

plug
TELEINFO_PORT="$work/ttyPI" TELEINFO_MODE=standard TELEINFO_SERVER_URL="http://127.0.0.1:$PORT/api/readings" \
TELEINFO_TOKEN=bench TELEINFO_SPOOL_DIR="$work/spool" TELEINFO_HEALTH_PORT=$HEALTH_PORT \
    java -Xmx32m -XX:+UseSerialGC -jar "$JAR" collector >"$work/collector.log" 2>&1 &
cpid=$!
pids+=($cpid)
first=$(wait_for "$(now_ms)" UP)
[ "${first:0:1}" = ">" ] && { echo "the collector never decoded a frame:"; cat "$work/collector.log"; exit 1; }

echo "jar: $JAR; load: $(uptime | sed 's/.*load average: //')"
echo "round  unplug->DOWN  replug->frame  silence->DOWN  frames-again->frame   (ms)"
for round in $(seq "$ROUNDS"); do
    t=$(now_ms); unplug
    down=$(wait_for "$t" DOWN "$AWAY")
    sleep_until "$t" "$AWAY"
    before=$(frames)
    plug
    up=$(wait_for_frame "$back_ms" "$before")
    t=$(now_ms); silence
    sdown=$(wait_for "$t" DOWN "$SILENT")
    sleep_until "$t" "$SILENT"
    before=$(frames)
    t=$(now_ms); feed
    sup=$(wait_for_frame "$t" "$before")
    printf "%5d  %12s  %13s  %13s  %19s\n" "$round" "$down" "$up" "$sdown" "$sup"
done
echo "load after: $(uptime | sed 's/.*load average: //')"
