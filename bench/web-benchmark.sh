#!/bin/sh
# Web benchmark: one year of minute readings in MariaDB, then /api/power, /api/energy and the page in Chromium.
# Needs a MySQL/MariaDB server (TELEINFO_BENCH_JDBC_URL, default jdbc:mysql://127.0.0.1:3306/?user=root) and the
# Debian packages chromium and chromium-driver. Creates, then drops, a database teleinfo_bench_<millis>.
set -e
cd "$(dirname "$0")/.."
mvn -o -B -q -Pbench compile exec:java -Dexec.mainClass=teleinfo.bench.WebBenchmark -Dexec.cleanupDaemonThreads=false \
  -Dlogback.configurationFile=bench/logback-bench.xml
