package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static teleinfo.server.TestReadings.array;
import static teleinfo.server.TestReadings.historic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabases;
import teleinfo.web.ReadingHourRebuild;

/**
 * The server's database connections are killed (KILL CONNECTION, as a failing node or a DBA would) in the middle of
 * storing batches, on a real MariaDB: every request answers 200 or 503 with Retry-After — never 500 — and what was
 * answered 200 is stored whole, exactly once, with roll-ups equal to a rebuild.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ConnectionKilledTest {
    private static final int BATCHES = 8;
    private static final int BATCH = 3_000;

    @Test
    void connectionsKilledInTheMiddleOfBatchesAnswer200Or503NeverA500() throws Exception {
        String url = TestDatabases.newMariaDbDatabase();
        String database = url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
        List<ArrayNode> batches = new ArrayList<>();
        for (int b = 0; b < BATCHES; b++) {
            List<ObjectNode> readings = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                readings.add(historic(String.format("6%05d%06d", b, i % 300), i / 300));
            }
            batches.add(array(readings));
        }
        Map<Integer, Integer> statuses = new TreeMap<>();
        AtomicInteger kills = new AtomicInteger();
        AtomicBoolean killing = new AtomicBoolean(true);
        try (TestServer server = new TestServer(url)) {
            Thread killer = new Thread(() -> killBusyConnections(url, database, killing, kills), "killer");
            killer.start();
            try {
                for (ArrayNode batch : batches) {
                    TestServer.Answer a = server.post(batch);
                    statuses.merge(a.status(), 1, Integer::sum);
                    assertThat(a.status()).as(a.body()).isIn(200, 503);
                    if (a.status() == 503) {
                        assertThat(a.header("Retry-After")).isEqualTo("10");
                    }
                }
            } finally {
                killing.set(false);
                killer.join();
            }
            System.out.printf("connections killed: %d; answers %s%n", kills.get(), statuses);
            assertThat(kills.get()).as("connections were killed in the middle of requests").isPositive();
            // the client sends again what was not acknowledged; everything ends stored once
            for (ArrayNode batch : batches) {
                assertThat(server.post(batch).status()).isEqualTo(200);
            }
        }
        try (HikariDataSource ds = Database.pool(url, null, null, 1)) {
            assertThat(scalar(ds, "SELECT COUNT(*) FROM reading")).isEqualTo((long) BATCHES * BATCH);
            new HourRollUp(ds).foldPending(); // what the server's timer had not folded yet
            long hours = scalar(ds, "SELECT COUNT(*) FROM reading_hour");
            long checksum = scalar(ds, "SELECT SUM(n * 7 + power_sum + power_max + e_hchc) FROM reading_hour");
            ReadingHourRebuild.run(ds);
            assertThat(scalar(ds, "SELECT COUNT(*) FROM reading_hour")).isEqualTo(hours);
            assertThat(scalar(ds, "SELECT SUM(n * 7 + power_sum + power_max + e_hchc) FROM reading_hour"))
                    .as("roll-ups equal a rebuild").isEqualTo(checksum);
        }
    }

    /** Kills every connection of the server that is running a statement on its database, until told to stop. */
    private static void killBusyConnections(String url, String database, AtomicBoolean killing, AtomicInteger kills) {
        try (Connection admin = DriverManager.getConnection(url); Statement kill = admin.createStatement();
                PreparedStatement busy = admin.prepareStatement("SELECT id FROM information_schema.processlist "
                        + "WHERE db = ? AND command = 'Query' AND id <> CONNECTION_ID()")) {
            busy.setString(1, database);
            while (killing.get()) {
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = busy.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                for (long id : ids) {
                    try {
                        kill.execute("KILL CONNECTION " + id);
                        kills.incrementAndGet();
                    } catch (java.sql.SQLException gone) {
                        // finished meanwhile
                    }
                }
                Thread.sleep(ids.isEmpty() ? 1 : 50);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long scalar(HikariDataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
