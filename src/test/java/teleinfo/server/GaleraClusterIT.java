package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static teleinfo.server.TestReadings.historic;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import teleinfo.galera.GaleraCluster;
import teleinfo.storage.Database;
import teleinfo.web.ReadingHourRebuild;

/**
 * Scale-out on a real three-node MariaDB Galera cluster (Debian's mariadbd + galera-4, started here on free ports, data
 * under target/): server instances starting at once on different nodes migrate the schema once; two packaged-jar
 * instances, each on its own node with the others as failover, take overlapping concurrent batches (every reading sent
 * to both) while one node is killed and restarted: every request is answered 200 or 503, every reading is stored
 * exactly once on every node, and the roll-ups equal a rebuild.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GaleraClusterIT {
    private static final String TOKEN = "cluster-token";
    private static final int METERS = 40;
    private static final int MINUTES = 240;
    private static final int BATCH_METERS = 10;
    private static final int BATCH_MINUTES = 30;
    private static final String PROBE_METER = "500000000000";
    private GaleraCluster cluster;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = new GaleraCluster(Path.of("target", "galera-it-" + ProcessHandle.current().pid()), 3);
        cluster.start(); // closed by stopCluster() also when it fails
    }

    @AfterAll
    void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void instancesStartingAtOnceOnDifferentNodesApplyEachMigrationOnce() throws Exception {
        for (int round = 0; round < 5; round++) {
            String database = "race" + round;
            execute(cluster.url(1, ""), "CREATE DATABASE " + database);
            List<HikariDataSource> pools = new ArrayList<>();
            ExecutorService threads = Executors.newFixedThreadPool(cluster.size());
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> migrated = new ArrayList<>();
                for (int node = 1; node <= cluster.size(); node++) {
                    HikariDataSource pool = Database.pool(cluster.url(node, database), null, null, 2);
                    pools.add(pool);
                    SchemaMigration migration = new SchemaMigration(pool);
                    migrated.add(threads.submit(() -> {
                        start.await();
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (!migration.isDone() && System.nanoTime() < deadline) {
                            migration.migrateIfPending(); // what the database-migration route repeats
                            Thread.sleep(100);
                        }
                        return migration.isDone();
                    }));
                }
                start.countDown();
                for (Future<Boolean> f : migrated) {
                    assertThat(f.get(90, TimeUnit.SECONDS)).as("round %d: every instance ends migrated", round)
                            .isTrue();
                }
            } finally {
                threads.shutdownNow();
                pools.forEach(HikariDataSource::close);
            }
            for (int node = 1; node <= cluster.size(); node++) {
                assertThat(rows(cluster.url(node, database), "SELECT version, success FROM flyway_schema_history "
                        + "WHERE version > '0' ORDER BY installed_rank"))
                        .as("round %d, node %d", round, node)
                        .containsExactly(List.of("1", "1"), List.of("2", "1"), List.of("3", "1"),
                                List.of("4", "1"), List.of("5", "1"));
            }
        }
    }

    @Test
    void twoInstancesUnderOverlappingLoadWithANodeKilledStoreEveryReadingOnceOnEveryNode() throws Exception {
        execute(cluster.url(1, ""), "CREATE DATABASE teleinfo");
        Path work = Files.createDirectories(Path.of("target", "galera-it-servers-" + ProcessHandle.current().pid()));
        // instance a on node 1, instance b on node 2, each with the other nodes as failover; started at once
        Instance a = new Instance(work.resolve("a"), cluster.failoverUrl(1, "teleinfo"));
        Instance b = new Instance(work.resolve("b"), cluster.failoverUrl(2, "teleinfo"));
        try {
            a.start();
            b.start();
            a.awaitServing();
            b.awaitServing();

            List<ArrayNode> batches = overlappingBatches();
            Set<String> expected = new TreeSet<>();
            batches.forEach(batch -> batch.forEach(r -> expected.add(r.get("meter").asText() + "@"
                    + r.get("time").asText())));
            expected.add(PROBE_METER + "@" + java.time.Instant.ofEpochSecond(TestReadings.BASE_T));
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger answered = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            // two clients per instance; a takes the batches in order, b in reverse, so that they meet and collide
            for (Instance instance : List.of(a, b)) {
                AtomicInteger next = new AtomicInteger();
                for (int c = 0; c < 2; c++) {
                    done.add(clients.submit(() -> {
                        for (int i; (i = next.getAndIncrement()) < batches.size(); ) {
                            int index = instance == a ? i : batches.size() - 1 - i;
                            instance.postUntilStored(batches.get(index), statuses);
                            answered.incrementAndGet();
                        }
                        return null;
                    }));
                }
            }
            // node 1 dies once a fifth of the batches are answered, and comes back 3 s later, while the load goes on
            while (answered.get() < batches.size() * 2 / 5 && !done.stream().allMatch(Future::isDone)) {
                Thread.sleep(20);
            }
            cluster.kill(1);
            int answeredAtKill = answered.get();
            Thread.sleep(3000);
            cluster.restart(1);
            for (Future<?> f : done) {
                f.get(150, TimeUnit.SECONDS);
            }
            clients.shutdown();
            cluster.awaitReady(1);
            cluster.awaitClusterSize(3);

            System.out.printf("cluster load: %d batches of up to %d readings to each instance; answers %s; node 1 "
                    + "killed after %d answers%n", batches.size(), batches.get(0).size(), statuses, answeredAtKill);
            assertThat(statuses.keySet()).as("every request answered 200 or 503").isSubsetOf(200, 503);
            assertThat(answeredAtKill).as("the node died in the middle of the run").isLessThan(2 * batches.size());

            // what the instances' timers had not folded into the roll-up yet (they folded the rest during the run,
            // two instances on two nodes at once)
            try (HikariDataSource pool = Database.pool(cluster.url(1, "teleinfo"), null, null, 1)) {
                new HourRollUp(pool).foldPending();
            }
            List<List<String>> firstNodeHours = null;
            for (int node = 1; node <= 3; node++) {
                String url = cluster.url(node, "teleinfo") + "&sessionVariables=wsrep_sync_wait=1";
                Set<String> stored = new TreeSet<>();
                for (List<String> r : rows(url, "SELECT meter, t FROM reading")) {
                    stored.add(r.get(0) + "@" + java.time.Instant.ofEpochSecond(Long.parseLong(r.get(1))));
                }
                assertThat(stored).as("node %d holds every reading once", node).isEqualTo(expected);
                assertThat(rows(url, "SELECT COUNT(*) FROM reading").get(0).get(0))
                        .isEqualTo(String.valueOf(expected.size()));
                List<List<String>> hours = rows(url, "SELECT * FROM reading_hour ORDER BY meter, t");
                if (firstNodeHours == null) {
                    firstNodeHours = hours;
                } else {
                    assertThat(hours).as("node %d has the same roll-ups as node 1", node).isEqualTo(firstNodeHours);
                }
            }
            String url2 = cluster.url(2, "teleinfo");
            try (HikariDataSource pool = Database.pool(url2, null, null, 1)) {
                ReadingHourRebuild.run(pool);
            }
            assertThat(rows(url2 + "&sessionVariables=wsrep_sync_wait=1",
                    "SELECT * FROM reading_hour ORDER BY meter, t")).as("roll-ups equal a rebuild")
                    .isEqualTo(firstNodeHours);
        } finally {
            a.stop();
            b.stop();
        }
    }

    /** Batches of 10 meters x 30 minutes, each overlapping the next by half its minutes. */
    private static List<ArrayNode> overlappingBatches() {
        List<ArrayNode> batches = new ArrayList<>();
        for (int firstMeter = 0; firstMeter < METERS; firstMeter += BATCH_METERS) {
            for (int firstMinute = 0; firstMinute < MINUTES; firstMinute += BATCH_MINUTES / 2) {
                ArrayNode batch = JsonNodeFactory.instance.arrayNode();
                for (int m = firstMeter; m < firstMeter + BATCH_METERS; m++) {
                    for (int t = firstMinute; t < Math.min(MINUTES, firstMinute + BATCH_MINUTES); t++) {
                        batch.add(historic(String.format("5000000%05d", m), t));
                    }
                }
                batches.add(batch);
            }
        }
        return batches;
    }

    /** A packaged-jar server instance. */
    private static final class Instance {
        private final Path dir;
        private final String dbUrl;
        private final int port = teleinfo.testsupport.FreePort.find();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private Process process;

        Instance(Path dir, String dbUrl) {
            this.dir = dir;
            this.dbUrl = dbUrl;
        }

        void start() throws Exception {
            Files.createDirectories(dir);
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Ddb.migrationRetryMillis=500", "-jar", new File("target/rpi-teleinfo.jar").getAbsolutePath(),
                    "server")
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("server.log").toFile());
            pb.environment().put("TELEINFO_TOKENS", TOKEN);
            pb.environment().put("TELEINFO_HTTP_PORT", String.valueOf(port));
            pb.environment().put("TELEINFO_DB_URL", dbUrl);
            pb.environment().put("TELEINFO_DATA_DIR", dir.toString());
            process = pb.start();
        }

        HttpResponse<String> post(ArrayNode body) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/readings"))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }

        /** Serving once the schema is migrated: an empty-handed probe would be refused, so a probe reading is sent. */
        void awaitServing() throws Exception {
            ArrayNode probe = JsonNodeFactory.instance.arrayNode().add(historic(PROBE_METER, 0));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline && process.isAlive()) {
                try {
                    if (post(probe).statusCode() == 200) {
                        return;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("instance not serving: " + Files.readString(dir.resolve("server.log")));
        }

        /** Sends until 200, as a collector does (it waits Retry-After; here 100 ms), counting every status. */
        void postUntilStored(ArrayNode batch, Map<Integer, AtomicInteger> statuses) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                int status = post(batch).statusCode();
                statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                if (status != 503 || System.nanoTime() > deadline) {
                    return;
                }
                Thread.sleep(100);
            }
        }

        void stop() throws Exception {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    private static void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<List<String>> rows(String url, String sql) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
