#!/usr/bin/env bash
# Footprint of the collector alone, fed a real-time 9600-baud standard-mode stream.
#
#   socat pty pair  <-  `rpi-teleinfo simulate --mode standard` (a second JVM, not measured)
#   collector (java $JAVA_OPTS -jar target/rpi-teleinfo.jar collector) reads the other end and uploads to a small
#   local HTTP server (python3) on 127.0.0.1.
#
# Measures: time from launching the collector JVM to its "first frame decoded" log line; resident memory (VmRSS,
# sampled every 5 s, and the peak VmHWM) from /proc/PID/status; CPU as (utime+stime) from /proc/PID/stat over
# MEASURE seconds after WARMUP seconds.
#
# Builds nothing: run `mvn -o -q package -DskipTests` first. Needs socat and python3.
# Usage: bench/collector-footprint.sh            (WARMUP=30 MEASURE=120 by default)
#        NMT=1 bench/collector-footprint.sh      also prints where the JVM's memory goes (Native Memory Tracking; it
#                                                costs ~1.5 MB itself, so compare RSS figures without it)
#        MQTT=1 bench/collector-footprint.sh     MQTT and HTTP both on: a Mosquitto of its own on a free port (Debian
#                                                package mosquitto), Home Assistant discovery, live state every 10 s,
#                                                and a mosquitto_sub counting what arrives
set -euo pipefail

cd "$(dirname "$0")/.."
JAR=${JAR:-target/rpi-teleinfo.jar}
WARMUP=${WARMUP:-30}
MEASURE=${MEASURE:-120}
# The flags of deploy/teleinfo-collector.service (the Debian package's unit), read from it so they cannot drift
JAVA_OPTS=${JAVA_OPTS:-$(sed -n 's/^Environment="TELEINFO_JAVA_OPTS=\(.*\)"$/\1/p' deploy/teleinfo-collector.service)}
[ -n "$JAVA_OPTS" ] || { echo "no TELEINFO_JAVA_OPTS in deploy/teleinfo-collector.service" >&2; exit 2; }
# fewer glibc malloc arenas: a few MB less resident memory for a JVM with a handful of threads
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
[ -n "${NMT:-}" ] && JAVA_OPTS="$JAVA_OPTS -XX:NativeMemoryTracking=summary"
PORT=${PORT:-18780}

[ -f "$JAR" ] || { echo "missing $JAR: run mvn -o -q package -DskipTests first" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

if [ -n "${MQTT:-}" ]; then
    MQTT_PORT=${MQTT_PORT:-18783}
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$MQTT_PORT" >"$work/mosquitto.conf"
    mosquitto -c "$work/mosquitto.conf" >"$work/mosquitto.log" 2>&1 &
    pids+=($!)
    sleep 0.5
    mosquitto_sub -p "$MQTT_PORT" -h 127.0.0.1 -t '#' -v >"$work/mqtt.log" 2>&1 &
    pids+=($!)
    export TELEINFO_MQTT_URL="tcp://127.0.0.1:$MQTT_PORT"
fi

python3 - "$PORT" >"$work/server.log" 2>&1 <<'PY' &
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers['Content-Length']))
        self.send_response(200); self.send_header('Content-Type', 'application/json'); self.end_headers()
        self.wfile.write(b'{"stored":1,"duplicates":0}')
    def log_message(self, *a):
        sys.stderr.write("POST\n")
http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()
PY
pids+=($!)

socat pty,raw,echo=0,link="$work/ttyMETER" pty,raw,echo=0,link="$work/ttyPI" 2>/dev/null &
pids+=($!)
for _ in $(seq 50); do [ -e "$work/ttyPI" ] && [ -e "$work/ttyMETER" ] && break; sleep 0.1; done

java -Xmx32m -XX:+UseSerialGC -jar "$JAR" simulate --mode standard "$work/ttyMETER" &
pids+=($!)
sleep 2

start_ns=$(date +%s%N)
TELEINFO_PORT="$work/ttyPI" TELEINFO_MODE=standard TELEINFO_SERVER_URL="http://127.0.0.1:$PORT/api/readings" \
TELEINFO_TOKEN=bench TELEINFO_SPOOL_DIR="$work/spool" \
    java $JAVA_OPTS -jar "$JAR" collector >"$work/collector.log" 2>&1 &
cpid=$!
pids+=($cpid)

first_ms=""
for _ in $(seq 400); do
    if grep -q "first frame decoded" "$work/collector.log"; then
        first_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
        break
    fi
    kill -0 "$cpid" 2>/dev/null || { cat "$work/collector.log"; exit 1; }
    sleep 0.025
done

rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$cpid/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$cpid/status"; }
ticks() { awk '{print $14 + $15}' "/proc/$cpid/stat"; }

sleep "$WARMUP"
hz=$(getconf CLK_TCK)
t0=$(ticks); n0=$(date +%s%N)
max_rss=0
end=$(( $(date +%s) + MEASURE ))
while [ "$(date +%s)" -lt "$end" ]; do
    r=$(rss_kb); [ "$r" -gt "$max_rss" ] && max_rss=$r
    sleep 5
done
t1=$(ticks); n1=$(date +%s%N)
if [ -n "${NMT:-}" ]; then
    jcmd "$cpid" VM.native_memory summary | grep -E '^(Total|-)'
    jcmd "$cpid" GC.heap_info
fi
cpu=$(awk -v t="$((t1 - t0))" -v hz="$hz" -v ns="$((n1 - n0))" 'BEGIN { printf "%.2f", 100 * (t / hz) / (ns / 1e9) }')

uploads=$(grep -c POST "$work/server.log" || true)
echo "java: $(java -version 2>&1 | head -1)"
echo "JAVA_OPTS: $JAVA_OPTS (MALLOC_ARENA_MAX=$MALLOC_ARENA_MAX)"
echo "start to first decoded frame: ${first_ms:-none} ms"
echo "RSS steady state: max $((max_rss / 1024)) MB over ${MEASURE} s (after ${WARMUP} s warm-up), peak VmHWM $(( $(hwm_kb) / 1024 )) MB"
echo "CPU: ${cpu} % of one core over ${MEASURE} s"
echo "uploads accepted by the local server: $uploads"
if [ -n "${MQTT:-}" ]; then
    echo "MQTT messages received: $(grep -c '/state ' "$work/mqtt.log" || true) states, $(grep -c '/reading ' "$work/mqtt.log" || true) readings, $(grep -c '/config ' "$work/mqtt.log" || true) discovery configs"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
