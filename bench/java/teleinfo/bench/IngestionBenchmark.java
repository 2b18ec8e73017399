package teleinfo.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.main.Main;

import teleinfo.server.ReadingRow;
import teleinfo.server.ReadingStore;
import teleinfo.server.ReadingValidator;
import teleinfo.server.ServerCommand;
import teleinfo.storage.Database;

/**
 * Load benchmark of the ingestion, against a MySQL/MariaDB server on loopback (default 127.0.0.1:3306, root), each
 * phase on a fresh database (created, then dropped):
 * <ol>
 * <li>raw: the batched JDBC INSERT of the same readings, same batches, same concurrency (the ceiling);</li>
 * <li>http: the server role in this JVM (Camel, Jetty, validation, duplicate lookup, roll-ups, meter table) fed
 * batches over HTTP by concurrent clients;</li>
 * <li>single: one reading per POST at a fixed rate (open loop: latency counted from the scheduled send time).</li>
 * </ol>
 * Bounded: a fixed number of readings and requests. Options: {@code --server jdbc:mysql://127.0.0.1:3306/
 * --params user=root --readings 200000 --batch 10000 --meters 1000 --clients 2 --rate 100 --seconds 30}.
 */
public final class IngestionBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-token";

    private final String server;
    private final String params;
    private final int readings;
    private final int batch;
    private final int meters;
    private final int clients;
    private final int rate;
    private final int seconds;
    private final long baseT;

    private IngestionBenchmark(Map<String, String> o) {
        server = o.getOrDefault("server", "jdbc:mysql://127.0.0.1:3306/");
        params = o.getOrDefault("params", "user=root");
        readings = Integer.parseInt(o.getOrDefault("readings", "200000"));
        batch = Integer.parseInt(o.getOrDefault("batch", "10000"));
        meters = Integer.parseInt(o.getOrDefault("meters", "1000"));
        clients = Integer.parseInt(o.getOrDefault("clients", "2"));
        rate = Integer.parseInt(o.getOrDefault("rate", "100"));
        seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        // readings start 30 days ago, on an hour
        baseT = (Instant.now().getEpochSecond() / 3600 - 24 * 30) * 3600;
    }

    public static void main(String[] args) throws Exception {
        Class.forName("com.mysql.cj.jdbc.Driver"); // the fat jar's service file lists H2's driver only
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new IngestionBenchmark(options).run();
        System.exit(0);
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, load average %s; database %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), server);
        System.out.printf("workload: %d readings in batches of %d (%d meters x %d minutes each), %d concurrent clients%n",
                readings, batch, Math.min(meters, batch), batch / Math.min(meters, batch), clients);
        int batches = readings / batch;
        int warmup = Math.max(2, batches / 10);
        List<ArrayNode> bodies = new ArrayList<>();
        for (int b = 0; b < warmup + batches; b++) {
            bodies.add(batchJson(b, b < warmup ? "9" : "1"));
        }
        double raw = raw(bodies, warmup);
        double http = http(bodies, warmup);
        System.out.printf("%nRESULT raw JDBC batched insert: %,.0f readings/s%n", raw);
        System.out.printf("RESULT HTTP ingestion in batches: %,.0f readings/s = %.0f %% of raw%n", http, 100 * http / raw);
    }

    /** Batch b: meters x minutes, continuing in time from batch to batch. */
    private ArrayNode batchJson(int b, String meterPrefix) {
        int perBatch = Math.min(meters, batch);
        int minutes = batch / perBatch;
        ArrayNode a = JSON.createArrayNode();
        for (int k = 0; k < batch; k++) {
            int meter = k % perBatch;
            int minute = b * minutes + k / perBatch;
            a.add(reading(meterPrefix + String.format("%011d", meter), baseT + minute * 60L, minute));
        }
        return a;
    }

    private static ObjectNode reading(String meter, long t, int minute) {
        ObjectNode r = JSON.createObjectNode();
        r.put("meter", meter);
        r.put("time", Instant.ofEpochSecond(t).toString());
        r.put("mode", "historic");
        r.put("option", "HC..");
        r.put("period", minute % 120 < 60 ? "HP" : "HC");
        r.put("periodRaw", minute % 120 < 60 ? "HP.." : "HC..");
        ObjectNode power = r.putObject("power");
        power.put("avg", 812);
        power.put("min", 430);
        power.put("max", 2950);
        r.putArray("current").add(4);
        r.putArray("voltage");
        ObjectNode registers = r.putObject("registers");
        registers.put("HCHC", 12_345_678L + minute);
        registers.put("HCHP", 2_345_678L + minute);
        r.put("frames", 41);
        r.put("rejected", 0);
        return r;
    }

    private String createDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(server + "?" + params); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return server + name + "?" + params;
    }

    private void dropDatabase(String name) throws Exception {
        try (Connection c = DriverManager.getConnection(server + "?" + params); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
        }
    }

    private double raw(List<ArrayNode> bodies, int warmup) throws Exception {
        String name = "bench_raw_" + System.currentTimeMillis();
        ReadingValidator validator = new ReadingValidator(Clock.fixed(Instant.now(), ZoneOffset.UTC));
        List<List<ReadingRow>> rows = new ArrayList<>();
        for (ArrayNode body : bodies) {
            rows.add(validator.validate(body, Integer.MAX_VALUE));
        }
        try (HikariDataSource ds = Database.pool(createDatabase(name), null, null, clients)) {
            Database.migrate(ds);
            runBatches(warmup, i -> insertRaw(ds, rows.get(i)));
            long start = System.nanoTime();
            runBatches(rows.size() - warmup, i -> insertRaw(ds, rows.get(warmup + i)));
            double rate = (double) (rows.size() - warmup) * batch / ((System.nanoTime() - start) / 1e9);
            System.out.printf("(a) raw JDBC: %d batches of %d, %d threads: %,.0f readings/s%n", rows.size() - warmup,
                    batch, clients, rate);
            return rate;
        } finally {
            dropDatabase(name);
        }
    }

    private static void insertRaw(HikariDataSource ds, List<ReadingRow> rows) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            ReadingStore.insertReadings(c, rows);
            c.commit();
            c.setAutoCommit(true);
        }
    }

    private double http(List<ArrayNode> bodies, int warmup) throws Exception {
        String name = "bench_http_" + System.currentTimeMillis();
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> p = new HashMap<>();
        p.put("http.host", "127.0.0.1");
        p.put("http.port", String.valueOf(port));
        p.put("db.url", createDatabase(name));
        p.put("db.poolSize", String.valueOf(clients + 2));
        p.put("server.token", TOKEN);
        p.put("server.maxBodyBytes", String.valueOf(64 * 1024 * 1024));
        Main main = ServerCommand.newMain(p);
        main.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/readings");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<byte[]> payloads = new ArrayList<>();
            for (ArrayNode body : bodies) {
                payloads.add(JSON.writeValueAsBytes(body));
            }
            runBatches(warmup, i -> post(client, uri, payloads.get(i), batch));
            long start = System.nanoTime();
            runBatches(payloads.size() - warmup, i -> post(client, uri, payloads.get(warmup + i), batch));
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = (double) (payloads.size() - warmup) * batch / seconds;
            System.out.printf("(b) HTTP batches: %d POSTs of %d readings (%.1f MB each), %d clients: %,.0f readings/s%n",
                    payloads.size() - warmup, batch, payloads.get(warmup).length / 1e6, clients, rate);
            single(client, uri);
            return rate;
        } finally {
            main.stop();
            dropDatabase(name);
        }
    }

    /** One reading per POST, at a fixed rate; each request is a new meter's reading of the minute. */
    private void single(HttpClient client, URI uri) throws Exception {
        long t = baseT + 60L * 24 * 60 * 10;
        for (int i = 0; i < 200; i++) { // warm-up
            post(client, uri, JSON.writeValueAsBytes(reading("8" + String.format("%011d", i), t, 0)), 1);
        }
        int n = rate * seconds;
        List<byte[]> payloads = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            payloads.add(JSON.writeValueAsBytes(reading("7" + String.format("%011d", i), t, 0)));
        }
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        List<CompletableFuture<?>> pending = new ArrayList<>(n);
        long periodNanos = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long scheduled = start + i * periodNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            pending.add(client.sendAsync(request(uri, payloads.get(i)), HttpResponse.BodyHandlers.ofString())
                    .thenAccept(r -> {
                        latencies.add(System.nanoTime() - scheduled);
                        if (r.statusCode() != 200 || !r.body().contains("\"stored\":1")) {
                            failures.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(pending.toArray(new CompletableFuture[0])).get(120, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("(c) single-reading POSTs: %d at %d/s (achieved %.1f/s), failures %d: latency p50 %.1f ms,"
                        + " p90 %.1f ms, p99 %.1f ms, max %.1f ms%n", n, rate, n / elapsed, failures.get(),
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[sorted.length - 1] / 1e6);
        System.out.printf("RESULT single-reading p99: %.1f ms%n", percentile(sorted, 99));
    }

    private static double percentile(long[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static HttpRequest request(URI uri, byte[] body) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static void post(HttpClient client, URI uri, byte[] body, int expected) throws Exception {
        HttpResponse<String> r = client.send(request(uri, body), HttpResponse.BodyHandlers.ofString(
                StandardCharsets.UTF_8));
        if (r.statusCode() != 200 || !r.body().equals("{\"stored\":" + expected + ",\"duplicates\":0}")) {
            throw new IllegalStateException("unexpected answer " + r.statusCode() + " " + r.body());
        }
    }

    private interface BatchTask {
        void run(int index) throws Exception;
    }

    /** Runs tasks 0..count-1 on the client threads, each taking the next index. */
    private void runBatches(int count, BatchTask task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> done = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            done.add(pool.submit(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    task.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static String loadAverage() {
        try {
            return Arrays.toString(java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg"))
                    .split(" ", 4)).replaceAll(",[^,]*]$", "]");
        } catch (Exception e) {
            return "?";
        }
    }
}
