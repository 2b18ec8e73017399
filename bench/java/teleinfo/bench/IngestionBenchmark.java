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

import teleinfo.server.HourRollUp;
import teleinfo.server.ReadingRow;
import teleinfo.server.ReadingStore;
import teleinfo.server.ReadingValidator;
import teleinfo.cli.RoleMain;
import teleinfo.storage.Database;

/**
 * Load benchmark of the ingestion, against a MySQL/MariaDB server on loopback (default 127.0.0.1:3306, root), each
 * phase on a fresh database (created, then dropped):
 * <ol>
 * <li>raw: the batched JDBC INSERT of the same readings, same batches, same concurrency (the ceiling);</li>
 * <li>http: the server role in this JVM (Camel, Jetty, validation, roll-ups) fed batches over HTTP by
 * concurrent clients, timed until the roll-up holds every reading (what the server's timer had not folded yet is
 * folded before the clock stops); raw and http alternate in rounds so that other load on the machine weighs on
 * both;</li>
 * <li>store: the same batches stored by {@link ReadingStore} in this JVM (no HTTP, no JSON), then folded: the
 * database's share of (b);</li>
 * <li>single: one reading per POST at a fixed rate (open loop: latency counted from the scheduled send time).</li>
 * </ol>
 * Bounded: a fixed number of readings and requests. Options: {@code --server jdbc:mysql://127.0.0.1:3306/
 * --params user=root --readings 100000 --rounds 3 --batch 10000 --meters 1000 --clients 2 --rate 100 --seconds 30
 * --fold-millis 2000}
 * ({@code readings} per round and phase).
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
    private final int rounds;
    private final long baseT;
    /** The server's roll-up fold period (ms); unset: the shipped default of application.properties. */
    private final String foldMillis;

    private IngestionBenchmark(Map<String, String> o) {
        server = o.getOrDefault("server", "jdbc:mysql://127.0.0.1:3306/");
        params = o.getOrDefault("params", "user=root");
        readings = Integer.parseInt(o.getOrDefault("readings", "100000"));
        batch = Integer.parseInt(o.getOrDefault("batch", "10000"));
        meters = Integer.parseInt(o.getOrDefault("meters", "1000"));
        clients = Integer.parseInt(o.getOrDefault("clients", "2"));
        rate = Integer.parseInt(o.getOrDefault("rate", "100"));
        seconds = Integer.parseInt(o.getOrDefault("seconds", "30"));
        rounds = Integer.parseInt(o.getOrDefault("rounds", "3"));
        foldMillis = o.get("fold-millis");
        // readings start on an hour, 30 days ago or earlier when the batches span more (one meter x many minutes):
        // readings in the future are refused
        int batches = readings / batch;
        long spanHours = (long) (Math.max(2, batches / 5) + rounds * batches) * (batch / Math.min(meters, batch)) / 60;
        baseT = (Instant.now().getEpochSecond() / 3600 - Math.max(24 * 30, spanHours + 24)) * 3600;
    }

    public static void main(String[] args) throws Exception {
        Class.forName("com.mysql.cj.jdbc.Driver"); // the fat jar's service file lists H2's driver only
        new IngestionBenchmark(options(args)).run();
        System.exit(0);
    }

    /** {@code --name value} pairs. */
    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }

    private void run() throws Exception {
        System.out.printf("machine: %d cores, load average %s; database %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), server);
        int perBatch = Math.min(meters, batch);
        System.out.printf("workload: %d readings per round in batches of %d (%d meters x %d minutes each), %d rounds,"
                + " %d concurrent clients%n", readings, batch, perBatch, batch / perBatch, rounds, clients);
        int batches = readings / batch;
        int warmup = Math.max(2, batches / 5);
        // the same readings for both; raw and HTTP alternate round by round, so that the load of other processes on
        // the machine weighs on both alike
        List<ArrayNode> bodies = new ArrayList<>();
        for (int b = 0; b < warmup + rounds * batches; b++) {
            bodies.add(batchJson(b, b < warmup ? "9" : "1"));
        }
        ReadingValidator validator = new ReadingValidator(Clock.fixed(Instant.now(), ZoneOffset.UTC));
        List<List<ReadingRow>> rows = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        for (ArrayNode body : bodies) {
            rows.add(validator.validate(body, Integer.MAX_VALUE));
            payloads.add(JSON.writeValueAsBytes(body));
        }
        bodies.clear();
        System.out.printf("request body: %.1f MB per batch of %d%n", payloads.get(0).length / 1e6, batch);

        String rawName = "bench_raw_" + System.currentTimeMillis();
        String httpName = "bench_http_" + System.currentTimeMillis();
        String storeName = "bench_store_" + System.currentTimeMillis();
        HikariDataSource raw = Database.pool(createDatabase(rawName), null, null, clients);
        HikariDataSource storeDb = Database.pool(createDatabase(storeName), null, null, clients);
        Main main = null;
        try {
            Database.migrate(raw);
            Database.migrate(storeDb);
            ReadingStore storeAlone = new ReadingStore(storeDb);
            HourRollUp storeAloneRollUp = new HourRollUp(storeDb);
            int port;
            try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Map<String, String> p = new HashMap<>();
            p.put("http.host", "127.0.0.1");
            p.put("http.port", String.valueOf(port));
            p.put("db.url", createDatabase(httpName));
            p.put("db.poolSize", String.valueOf(clients + 2));
            p.put("server.token", TOKEN);
            p.put("server.maxBodyBytes", String.valueOf(64 * 1024 * 1024));
            if (foldMillis != null) {
                p.put("server.rollUpFoldMillis", foldMillis);
            }
            main = RoleMain.create("server", p);
            main.start();
            URI uri = URI.create("http://127.0.0.1:" + port + "/api/readings");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

            runBatches(warmup, i -> insertRaw(raw, rows.get(i)));
            HourRollUp serverRollUp = main.lookup("hourRollUp", HourRollUp.class);
            runBatches(warmup, i -> post(client, uri, payloads.get(i), batch));
            serverRollUp.foldPending();
            runBatches(warmup, i -> storeAlone.store(rows.get(i)));
            storeAloneRollUp.foldPending();
            List<Double> storeRatios = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> rawRates = new ArrayList<>();
            List<Double> httpRates = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                int first = warmup + round * batches;
                long start = System.nanoTime();
                runBatches(batches, i -> insertRaw(raw, rows.get(first + i)));
                double rawRate = (double) batches * batch / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                runBatches(batches, i -> post(client, uri, payloads.get(first + i), batch));
                // until the roll-up holds them all: what the server's timer has not folded yet is folded here
                serverRollUp.foldPending();
                double httpRate = (double) batches * batch / ((System.nanoTime() - start) / 1e9);
                start = System.nanoTime();
                runBatches(batches, i -> storeAlone.store(rows.get(first + i)));
                storeAloneRollUp.foldPending();
                double storeRate = (double) batches * batch / ((System.nanoTime() - start) / 1e9);
                System.out.printf("round %d: (a) raw JDBC %,.0f readings/s, (b) HTTP %,.0f readings/s = %.0f %%,"
                        + " (a2) the store alone %,.0f readings/s = %.0f %% (load average %s)%n", round + 1, rawRate,
                        httpRate, 100 * httpRate / rawRate, storeRate, 100 * storeRate / rawRate, loadAverage());
                storeRatios.add(storeRate / rawRate);
                rawRates.add(rawRate);
                httpRates.add(httpRate);
                ratios.add(httpRate / rawRate);
            }
            System.gc(); // the batch phase's garbage is not the single requests' business
            storeOnly(main.lookup("readingStore", ReadingStore.class));
            single(client, uri);
            System.out.printf("RESULT (a) raw JDBC batched insert, median: %,.0f readings/s%n", median(rawRates));
            System.out.printf("RESULT (b) HTTP ingestion in batches, median: %,.0f readings/s; HTTP/raw median %.0f %%%n",
                    median(httpRates), 100 * median(ratios));
            System.out.printf("RESULT (a2) the store alone (no HTTP, no JSON), in batches: store/raw median %.0f %%%n",
                    100 * median(storeRatios));
        } finally {
            if (main != null) {
                main.stop();
            }
            raw.close();
            storeDb.close();
            dropDatabase(rawName);
            dropDatabase(storeName);
            dropDatabase(httpName);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
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

    private static void insertRaw(HikariDataSource ds, List<ReadingRow> rows) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            ReadingStore.insertReadings(c, rows);
            c.commit();
            c.setAutoCommit(true);
        }
    }

    /** The database part of a single-reading request alone: one transaction after the other, no HTTP. */
    private void storeOnly(ReadingStore store) throws Exception {
        ReadingValidator validator = new ReadingValidator();
        long t = baseT + 60L * 24 * 60 * 9;
        int n = 1000;
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            List<ReadingRow> one = validator.validate(reading("6" + String.format("%011d", i), t, 0), 1);
            long start = System.nanoTime();
            store.store(one);
            sorted[i] = System.nanoTime() - start;
        }
        Arrays.sort(sorted);
        System.out.printf("(c0) the store alone, %d single-reading transactions in a row: p50 %.1f ms, p99 %.1f ms%n",
                n, percentile(sorted, 50), percentile(sorted, 99));
    }

    /** One reading per POST, at a fixed rate; each request is a new meter's reading of the minute. */
    private void single(HttpClient client, URI uri) throws Exception {
        long t = baseT + 60L * 24 * 60 * 10;
        // warm-up of the per-request path (the batches ran it only a few times): JIT-compiled, as in a server that runs
        for (int i = 0; i < 5000; i++) {
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
