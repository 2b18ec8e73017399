package teleinfo.server;

import static org.assertj.core.api.Assertions.assertThat;
import static teleinfo.server.TestReadings.historic;
import static teleinfo.server.TestReadings.rows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import teleinfo.storage.Database;
import teleinfo.testsupport.TestDatabase;
import teleinfo.testsupport.TestDatabases;

/**
 * Instances starting at once, and migrations that failed or were interrupted, on a real MariaDB (or the server of
 * TELEINFO_TEST_JDBC_URL) and H2. The same race on a Galera cluster, where Flyway's own lock does not hold, is in
 * GaleraClusterIT.
 */
class SchemaMigrationTest {
    private final List<HikariDataSource> pools = new ArrayList<>();

    @AfterEach
    void close() {
        pools.forEach(HikariDataSource::close);
    }

    private HikariDataSource pool(String url) {
        HikariDataSource ds = Database.pool(url, null, null, 3);
        pools.add(ds);
        return ds;
    }

    @Test
    void sixInstancesStartingAtOnceAllEndMigratedWithEachMigrationAppliedOnce() throws Exception {
        String url = TestDatabases.newMariaDbDatabase();
        int instances = 6;
        ExecutorService threads = Executors.newFixedThreadPool(instances);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> done = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            SchemaMigration migration = new SchemaMigration(pool(url));
            done.add(threads.submit(() -> {
                start.await();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!migration.isDone() && System.nanoTime() < deadline) {
                    migration.migrateIfPending(); // what the database-migration route does, here without the wait
                    Thread.sleep(50);
                }
                return migration.isDone();
            }));
        }
        start.countDown();
        for (Future<Boolean> f : done) {
            assertThat(f.get(90, TimeUnit.SECONDS)).isTrue();
        }
        threads.shutdown();
        assertThat(history(pools.get(0))).containsExactly("1 true", "2 true", "3 true", "4 true", "5 true");
        assertStores(pools.get(0));
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMigrationRecordedAsFailedIsRunAgainWithoutAManualStep(TestDatabase database) throws Exception {
        HikariDataSource ds = pool(database.newDatabaseUrl());
        Database.migrate(ds);
        // what a second instance leaves on MariaDB after "Table 'meter' already exists": V1 recorded as failed (DDL
        // cannot be rolled back there), and every later start refuses to migrate
        execute(ds, "UPDATE flyway_schema_history SET success = FALSE WHERE version = '1'",
                "DELETE FROM flyway_schema_history WHERE version IN ('2', '3', '4', '5')");
        SchemaMigration migration = new SchemaMigration(ds);
        migration.migrateIfPending();
        assertThat(migration.isDone()).isTrue();
        assertThat(history(ds)).containsExactly("1 true", "2 true", "3 true", "4 true", "5 true");
        assertStores(ds);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMigrationInterruptedHalfwayIsCompletedAtTheNextStart(TestDatabase database) throws Exception {
        HikariDataSource ds = pool(database.newDatabaseUrl());
        Database.migrate(ds);
        // killed in the middle of V1 on a fresh database: some tables made, nothing recorded
        execute(ds, "DROP TABLE reading_hour", "DROP TABLE flyway_schema_history");
        SchemaMigration migration = new SchemaMigration(ds);
        migration.migrateIfPending();
        assertThat(migration.isDone()).isTrue();
        assertStores(ds);
    }

    @Test
    void aDatabaseMigratedWithTheFirstV1IsAcceptedAsItIs() throws Exception {
        HikariDataSource ds = pool(TestDatabases.newH2Database());
        Database.migrate(ds);
        execute(ds, "UPDATE flyway_schema_history SET checksum = " + SchemaMigration.V1_FIRST_CHECKSUM
                + " WHERE version = '1'");
        SchemaMigration migration = new SchemaMigration(ds);
        migration.migrateIfPending();
        assertThat(migration.isDone()).isTrue();
    }

    @Test
    void aLockHeldByALiveInstanceIsWaitedForAndOneWhoseLeaseRanOutIsTakenOver() throws Exception {
        HikariDataSource ds = pool(TestDatabases.newMariaDbDatabase());
        new SchemaMigration(ds).migrateIfPending(); // makes the lock table
        execute(ds, "DELETE FROM flyway_schema_history WHERE version IN ('2', '3', '4', '5')",
                "INSERT INTO migration_lock (id, owner, expires) VALUES (1, 'another', UNIX_TIMESTAMP() + 60)");
        SchemaMigration migration = new SchemaMigration(ds);
        migration.migrateIfPending();
        assertThat(migration.isDone()).as("waits while another instance holds the lock").isFalse();
        // that instance died: its lease runs out
        execute(ds, "UPDATE migration_lock SET expires = UNIX_TIMESTAMP() - 1");
        migration.migrateIfPending();
        assertThat(migration.isDone()).isTrue();
        assertThat(history(ds)).containsExactly("1 true", "2 true", "3 true", "4 true", "5 true");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM migration_lock")) {
            rs.next();
            assertThat(rs.getInt(1)).as("released").isZero();
        }
    }

    private static void assertStores(HikariDataSource ds) {
        assertThat(new ReadingStore(ds).store(rows(historic("021528603314", 0)))).isEqualTo(new StoreResult(1, 0));
    }

    private static void execute(HikariDataSource ds, String... statements) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** "version success" of each row of Flyway's history, in order. */
    private static List<String> history(HikariDataSource ds) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, success FROM flyway_schema_history "
                        + "WHERE version > '0' ORDER BY installed_rank")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getBoolean(2));
            }
        }
        return rows;
    }
}
