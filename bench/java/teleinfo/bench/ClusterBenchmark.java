package teleinfo.bench;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import teleinfo.galera.GaleraCluster;

/**
 * Load driver for the scale-out figures (docs/SCALING.md), all real processes on this machine: a three-node Galera
 * cluster and one plain MariaDB server with the same settings (both started here on free ports, data under
 * target/cluster-bench), server instances from the packaged jar.
 * <ol>
 * <li>throughput: the same load — batches of new readings from 4 concurrent clients — sent to one instance on the plain
 * server, then to two instances on the cluster (each on its own node, 2 clients each); alternated in rounds so that
 * other load on the machine weighs on both;</li>
 * <li>failover: a small batch every 100 ms to an instance whose URL lists every node (failover) and to one whose URL
 * names node 1 only; node 1 is killed, and restarted 15 s later: how long each answers 503.</li>
 * </ol>
 * Bounded: a fixed number of readings, a fixed failover window. Options: {@code --readings 40000 --batch 2000
 * --rounds 2 --down 15}. Run: {@code mvn -Pbench package -DskipTests} then {@code java -cp target/rpi-teleinfo.jar
 * teleinfo.bench.ClusterBenchmark}.
 */
public final class ClusterBenchmark {
    private static final String TOKEN = "bench-token";
    private static final int CLIENTS = 4;
    private final int readings;
    private final int batch;
    private final int rounds;
    private final int downSeconds;
    private final long baseT = (Instant.now().getEpochSecond() / 3600 - 24 * 20) * 3600;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path work = Path.of("target", "cluster-bench").toAbsolutePath();
    private final List<Process> servers = new ArrayList<>();
    private int prefix = 10;

    private ClusterBenchmark(Map<String, String> o) {
        readings = Integer.parseInt(o.getOrDefault("readings", "40000"));
        batch = Integer.parseInt(o.getOrDefault("batch", "2000"));
        rounds = Integer.parseInt(o.getOrDefault("rounds", "2"));
        downSeconds = Integer.parseInt(o.getOrDefault("down", "15"));
    }

    public static void main(String[] args) throws Exception {
        Class.forName("com.mysql.cj.jdbc.Driver"); // the fat jar's service file lists H2's driver only
        new ClusterBenchmark(IngestionBenchmark.options(args)).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage());
        try (GaleraCluster cluster = new GaleraCluster(work.resolve("cluster"), 3);
                GaleraCluster single = GaleraCluster.standalone(work.resolve("single"))) {
            cluster.start();
            single.start();
            create(cluster.url(1, ""));
            create(single.url(1, ""));
            int one = startServer("one", single.url(1, "teleinfo"));
            int a = startServer("a", cluster.failoverUrl(1, "teleinfo"));
            int b = startServer("b", cluster.failoverUrl(2, "teleinfo"));
            int pinned = startServer("pinned", cluster.url(1, "teleinfo"));
            for (int port : List.of(one, a, b, pinned)) {
                awaitServing(port);
            }
            warmUp(one, a, b);
            List<Double> ratios = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                double singleRate = load(List.of(one));
                double clusterRate = load(List.of(a, b));
                ratios.add(clusterRate / singleRate);
                System.out.printf("round %d: one instance on one server %,.0f readings/s; two instances on the "
                        + "three-node cluster %,.0f readings/s = %.0f %% (load average %s)%n", round, singleRate,
                        clusterRate, 100 * clusterRate / singleRate, loadAverage());
            }
            ratios.sort(null);
            int n = ratios.size();
            double median = n % 2 == 1 ? ratios.get(n / 2) : (ratios.get(n / 2 - 1) + ratios.get(n / 2)) / 2;
            System.out.printf("RESULT cluster/single median %.0f %%%n", 100 * median);
            failover(cluster, a, pinned);
        } finally {
            for (Process p : servers) {
                p.destroy();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** Sends `readings` new readings in batches from 4 clients spread over the instances; readings/s. */
    private double load(List<Integer> ports) throws Exception {
        int meters = Math.max(1, batch / 10);
        List<String> bodies = new ArrayList<>();
        String meterPrefix = String.valueOf(prefix++);
        for (int b = 0; b < readings / batch; b++) {
            bodies.add(batchJson(meterPrefix, meters, b * 10, 10));
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < CLIENTS; c++) {
            int port = ports.get(c % ports.size());
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < bodies.size(); ) {
                    int status = post(port, bodies.get(i));
                    if (status != 200) {
                        throw new IllegalStateException("answer " + status + " from port " + port);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        return (double) bodies.size() * batch / ((System.nanoTime() - start) / 1e9);
    }

    private void warmUp(int... ports) throws Exception {
        for (int port : ports) {
            for (int i = 0; i < 5; i++) {
                post(port, batchJson("9" + port, Math.max(1, batch / 10), i * 10, 10));
            }
        }
    }

    /** Node 1 dies under a steady trickle to the failover instance and to the one pinned to node 1. */
    private void failover(GaleraCluster cluster, int failoverPort, int pinnedPort) throws Exception {
        Map<String, ConcurrentLinkedQueue<long[]>> answers = new HashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> probes = new ArrayList<>();
        long origin = System.nanoTime();
        for (Map.Entry<String, Integer> e : Map.of("failover (every node listed)", failoverPort,
                "pinned to the killed node", pinnedPort).entrySet()) {
            ConcurrentLinkedQueue<long[]> log = new ConcurrentLinkedQueue<>();
            answers.put(e.getKey(), log);
            String meterPrefix = String.valueOf(prefix++);
            Thread t = new Thread(() -> {
                int minute = 0;
                while (running.get()) {
                    long sent = System.nanoTime();
                    int status;
                    try {
                        status = post(e.getValue(), batchJson(meterPrefix, 10, minute++, 1));
                    } catch (Exception failed) {
                        status = -1;
                    }
                    log.add(new long[] {(sent - origin) / 1_000_000, status, (System.nanoTime() - sent) / 1_000_000});
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            });
            t.start();
            probes.add(t);
        }
        Thread.sleep(3000);
        long killedAt = (System.nanoTime() - origin) / 1_000_000;
        cluster.kill(1);
        Thread.sleep(downSeconds * 1000L);
        long restartedAt = (System.nanoTime() - origin) / 1_000_000;
        cluster.restart(1);
        cluster.awaitReady(1);
        long readyAt = (System.nanoTime() - origin) / 1_000_000;
        Thread.sleep(5000);
        running.set(false);
        for (Thread t : probes) {
            t.join();
        }
        System.out.printf("failover: node 1 killed at %.1f s, restarted at %.1f s, synced again at %.1f s "
                + "(load average %s)%n", killedAt / 1e3, restartedAt / 1e3, readyAt / 1e3, loadAverage());
        for (Map.Entry<String, ConcurrentLinkedQueue<long[]>> e : answers.entrySet()) {
            long first503 = -1;
            long last503 = -1;
            long slowest = 0;
            Map<Long, Integer> counts = new HashMap<>();
            for (long[] a : e.getValue()) {
                counts.merge(a[1], 1, Integer::sum);
                if (a[1] != 200) {
                    first503 = first503 < 0 ? a[0] : first503;
                    last503 = a[0] + a[2];
                }
                if (a[0] >= killedAt) {
                    slowest = Math.max(slowest, a[2]);
                }
            }
            System.out.printf("RESULT %s: answers %s; 503 (or no answer) for %.1f s; slowest answer after the kill "
                    + "%.1f s%n", e.getKey(), counts, first503 < 0 ? 0 : (last503 - first503) / 1e3, slowest / 1e3);
        }
    }

    private String batchJson(String meterPrefix, int meters, int firstMinute, int minutes) {
        StringBuilder json = new StringBuilder("[");
        for (int m = 0; m < minutes; m++) {
            for (int k = 0; k < meters; k++) {
                int minute = firstMinute + m;
                long t = baseT + minute * 60L;
                json.append(json.length() == 1 ? "" : ",").append("{\"meter\":\"")
                        .append(meterPrefix).append(String.format("%0" + (12 - meterPrefix.length()) + "d", k))
                        .append("\",\"time\":\"").append(Instant.ofEpochSecond(t))
                        .append("\",\"mode\":\"historic\",\"option\":\"HC..\",\"period\":\"HP\",\"periodRaw\":\"HP..\","
                                + "\"power\":{\"avg\":812,\"min\":430,\"max\":2950},\"current\":[4],\"voltage\":[],"
                                + "\"registers\":{\"HCHC\":").append(12_345_678L + minute)
                        .append(",\"HCHP\":").append(2_345_678L + minute).append("},\"frames\":41,\"rejected\":0}");
            }
        }
        return json.append(']').toString();
    }

    private int post(int port, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/readings"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int startServer(String name, String dbUrl) throws Exception {
        Path dir = Files.createDirectories(work.resolve("server-" + name));
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String jar = new File(ClusterBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getAbsolutePath();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddb.migrationRetryMillis=500", "-jar", jar, "server")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
        pb.environment().put("TELEINFO_TOKENS", TOKEN);
        pb.environment().put("TELEINFO_HTTP_PORT", String.valueOf(port));
        pb.environment().put("TELEINFO_DB_URL", dbUrl);
        pb.environment().put("TELEINFO_DATA_DIR", dir.toString());
        servers.add(pb.start());
        return port;
    }

    private void awaitServing(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            try {
                if (post(port, batchJson("99", 1, 0, 1)) == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server on port " + port + " not serving within 120 s");
    }

    private static void create(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE teleinfo");
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ", 4)[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
