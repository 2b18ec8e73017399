package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import teleinfo.storage.Database;
import teleinfo.testsupport.FreePort;
import teleinfo.testsupport.TestDatabases;

/**
 * kill -9 of the packaged server in the middle of the upload of a backlog (a load driver posting batches as a
 * collector does, each batch sent again until it is acknowledged), on each supported database: after the restart every
 * acknowledged reading is there, and once the rest is sent every reading is stored exactly once (the hourly roll-up
 * counts each one once).
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerCrashIT {
    private static final String TOKEN = "crash-token";
    private static final String METER = "500000000001";
    private static final int BATCHES = 30;
    private static final int BATCH_SIZE = 200;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void embeddedH2KeepsEveryAcknowledgedReading(@TempDir Path dir) throws Exception {
        uploadKillRestart(dir, Map.of("TELEINFO_DATA_DIR", dir.resolve("data").toString()),
                Database.embeddedUrl(dir.resolve("data")));
    }

    @Test
    void mariaDbKeepsEveryAcknowledgedReading(@TempDir Path dir) throws Exception {
        String url = TestDatabases.newMariaDbDatabase();
        uploadKillRestart(dir, Map.of("TELEINFO_DB_URL", url), url);
    }

    private void uploadKillRestart(Path dir, Map<String, String> database, String jdbcUrl) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(database);
        env.put("TELEINFO_TOKENS", TOKEN);
        int port = FreePort.find();
        List<String> batches = batches();
        int killAfter = ThreadLocalRandom.current().nextInt(3, 15);
        int acknowledged = 0;
        try (ServerProcess server = ServerProcess.start(dir, port, env)) {
            // posted back to back; killed the instant the answer to batch number killAfter is in
            while (acknowledged < killAfter) {
                HttpResponse<String> answer = post(port, batches.get(acknowledged));
                assertThat(answer.statusCode()).as(() -> answer.body() + "\n" + log(dir)).isEqualTo(200);
                acknowledged++;
            }
            server.kill();
        }
        try (ServerProcess server = ServerProcess.start(dir, port, env)) {
            // every batch acknowledged before the kill is there: sent again, it is all duplicates
            for (int b = 0; b < acknowledged; b++) {
                assertThat(post(port, batches.get(b)).body()).as("batch %d of %d acknowledged before kill -9", b,
                        acknowledged).isEqualTo("{\"stored\":0,\"duplicates\":" + BATCH_SIZE + "}");
            }
            for (int b = acknowledged; b < BATCHES; b++) {
                HttpResponse<String> answer = post(port, batches.get(b));
                assertThat(answer.statusCode()).as(() -> answer.body() + "\n" + log(dir)).isEqualTo(200);
            }
            assertThat(server.stop(20)).as("stops on SIGTERM").isTrue();
        }
        // what the restarted server had not folded into the roll-up yet (the rows the killed one queued, it did)
        try (HikariDataSource pool = Database.pool(jdbcUrl, null, null, 1)) {
            new HourRollUp(pool).foldPending();
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            assertThat(count(s, "SELECT COUNT(*) FROM reading WHERE meter = '" + METER + "'"))
                    .isEqualTo(BATCHES * BATCH_SIZE);
            assertThat(count(s, "SELECT SUM(n) FROM reading_hour WHERE meter = '" + METER + "'"))
                    .as("each reading counted once in the roll-up").isEqualTo(BATCHES * BATCH_SIZE);
        }
        assertThat(Files.readString(dir.resolve("server.log"))).doesNotContain(TOKEN);
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("server.log"));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private HttpResponse<String> post(int port, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/readings"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> batches() {
        // a backlog of the past week, minute after minute
        long start = java.time.Instant.now().minus(Duration.ofDays(7)).getEpochSecond() / 60 * 60;
        List<String> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<ObjectNode> batch = new ArrayList<>();
            for (int i = 0; i < BATCH_SIZE; i++) {
                int minute = b * BATCH_SIZE + i;
                batch.add(TestReadings.historic(METER, minute)
                        .put("time", java.time.Instant.ofEpochSecond(start + minute * 60L).toString()));
            }
            batches.add(TestReadings.array(batch).toString());
        }
        return batches;
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
