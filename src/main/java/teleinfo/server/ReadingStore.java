package teleinfo.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import teleinfo.storage.SqlErrors;
import teleinfo.storage.SqlFiles;

/**
 * Stores validated readings idempotently, with what they add to the hourly roll-up ({@link HourRollUp#queue}: one row
 * per request, folded into {@code reading_hour} later, before any read), in one transaction: a request is stored whole
 * or not at all. (What the chart lists per meter is derived from the roll-up, {@code web-meter-list.sql}: no meter row
 * written per reading.)
 *
 * <p>Exact counts without relying on driver-specific update counts of batched {@code INSERT IGNORE}: the readings
 * are inserted with a plain batched {@code INSERT}, which fails as a whole on a duplicate key; then (rolled back)
 * the readings already present are looked up (primary key), only the absent ones are inserted, and the roll-ups are
 * queued from exactly those. Should a concurrent request store one of them in between, the {@code INSERT} fails on the
 * key and the whole transaction is retried (it then finds it present). Rows are written in key order so that
 * concurrent requests lock in the same order.
 *
 * <p>Failures: a conflict with a concurrent request (duplicate key, deadlock 1213 — also how a Galera certification
 * failure is reported —, lock wait timeout) is retried after a jittered exponential back-off, so that clients
 * colliding on the same rows spread out instead of colliding again in step. A connection that died in the middle
 * (node down, connection killed) is retried, up to twice, on a fresh connection, which a multi-host URL takes to another
 * node.
 * Whatever the database answers after that is a {@link DatabaseUnavailableException} (503 + Retry-After): never a 500,
 * since the readings were validated before and the client must send them again.
 */
public final class ReadingStore {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingStore.class);
    private static final int LOOKUP_CHUNK = 1000;
    /** Conflicts: attempts in all, and the back-off before attempt n is random in [0, min(cap, base * 2^n)). */
    private static final int CONFLICT_ATTEMPTS = 8;
    private static final int BACKOFF_BASE_MILLIS = 5;
    private static final int BACKOFF_CAP_MILLIS = 400;
    /** A lost connection is tried again twice, on other connections of the pool (the first may be as dead). */
    private static final int CONNECTION_ATTEMPTS = 3;

    private final DataSource dataSource;
    private final BooleanSupplier schemaReady;
    private volatile Boolean embeddedH2;
    private final String existingSql = SqlFiles.statement("ingest-existing-readings.sql");
    private static final String INSERT_READING_SQL = SqlFiles.statement("ingest-insert-reading.sql");

    public ReadingStore(DataSource dataSource, BooleanSupplier schemaReady) {
        this.dataSource = dataSource;
        this.schemaReady = schemaReady;
    }

    public ReadingStore(DataSource dataSource) {
        this(dataSource, () -> true);
    }

    public StoreResult store(List<ReadingRow> readings) {
        if (!schemaReady.getAsBoolean()) {
            throw new DatabaseUnavailableException("database not ready, retry later", null);
        }
        // first occurrence of a (meter, t) wins; repeats within the request count as duplicates
        Map<Key, ReadingRow> unique = new LinkedHashMap<>();
        for (ReadingRow r : readings) {
            unique.putIfAbsent(new Key(r.meter(), r.t()), r);
        }
        List<ReadingRow> sorted = new ArrayList<>(unique.values());
        sorted.sort(Comparator.comparing(ReadingRow::meter).thenComparingLong(ReadingRow::t));
        int conflicts = 0;
        int lostConnections = 0;
        while (true) {
            try {
                int stored = storeOnce(sorted);
                return new StoreResult(stored, readings.size() - stored);
            } catch (SQLException e) {
                if (SqlErrors.isConflict(e)) {
                    if (++conflicts < CONFLICT_ATTEMPTS) {
                        LOG.debug("retrying a conflicting store of {} readings ({})", sorted.size(), e.getMessage());
                        backOff(conflicts);
                        continue;
                    }
                    throw new DatabaseUnavailableException("database busy, retry later", e);
                }
                if (SqlErrors.isConnectionLoss(e) && ++lostConnections < CONNECTION_ATTEMPTS) {
                    LOG.debug("retrying a store of {} readings on another connection ({})", sorted.size(),
                            e.getMessage());
                    continue;
                }
                throw new DatabaseUnavailableException("database unavailable, retry later", e);
            }
        }
    }

    private static void backOff(int conflicts) {
        long bound = Math.min(BACKOFF_CAP_MILLIS, (long) BACKOFF_BASE_MILLIS << conflicts);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted, retry later", e);
        }
    }

    private int storeOnce(List<ReadingRow> sorted) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                List<ReadingRow> fresh = insertAllOrNothing(c, sorted);
                if (fresh == null) {
                    Set<Key> existing = existing(c, sorted);
                    fresh = new ArrayList<>(sorted.size() - existing.size());
                    for (ReadingRow r : sorted) {
                        if (!existing.contains(new Key(r.meter(), r.t()))) {
                            fresh.add(r);
                        }
                    }
                    if (!fresh.isEmpty()) {
                        insertReadings(c, fresh);
                    }
                }
                if (!fresh.isEmpty()) {
                    HourRollUp.queue(c, fresh);
                }
                c.commit();
                if (!fresh.isEmpty()) {
                    forceToDisk(c);
                }
                return fresh.size();
            } catch (SQLException e) {
                rollbackQuietly(c);
                throw lostConnection(c, e) ? new SQLRecoverableException("connection lost: " + e.getMessage(),
                        "08006", e) : e;
            } catch (RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                restoreAutoCommit(c);
            }
        }
    }

    /**
     * Embedded H2 only: a commit reaches the file only when H2's background writer next runs (up to a second later),
     * and is never fsynced, so a kill -9 right after the 200 lost readings the client had deleted. {@code CHECKPOINT
     * SYNC} writes the pending changes and forces them to the device before the answer. MySQL/MariaDB need nothing:
     * InnoDB flushes its log at each commit (innodb_flush_log_at_trx_commit=1, the default).
     */
    private void forceToDisk(Connection c) throws SQLException {
        Boolean h2 = embeddedH2;
        if (h2 == null) {
            h2 = embeddedH2 = "H2".equals(c.getMetaData().getDatabaseProductName());
        }
        if (h2) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }

    /**
     * The usual case first: every reading is new, so insert them all without looking up. Null when one was already
     * there (the insert is rolled back and the caller looks up which).
     */
    private static List<ReadingRow> insertAllOrNothing(Connection c, List<ReadingRow> sorted) throws SQLException {
        try {
            insertReadings(c, sorted);
            return sorted;
        } catch (SQLException e) {
            if (!SqlErrors.isDuplicateKey(e)) {
                throw e;
            }
            c.rollback();
            return null;
        }
    }

    private Set<Key> existing(Connection c, List<ReadingRow> sorted) throws SQLException {
        Set<Key> found = new HashSet<>();
        for (int from = 0; from < sorted.size(); from += LOOKUP_CHUNK) {
            List<ReadingRow> chunk = sorted.subList(from, Math.min(sorted.size(), from + LOOKUP_CHUNK));
            String sql = existingSql.replace("KEYS", "(?, ?)" + ", (?, ?)".repeat(chunk.size() - 1));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int p = 1;
                for (ReadingRow r : chunk) {
                    ps.setString(p++, r.meter());
                    ps.setLong(p++, r.t());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Key(rs.getString(1), rs.getLong(2)));
                    }
                }
            }
        }
        return found;
    }

    /**
     * The plain batched INSERT of readings (no lookup, no roll-up): the store's inner step, and the raw ceiling the
     * load benchmark (bench/) compares the whole ingestion with.
     */
    public static void insertReadings(Connection c, List<ReadingRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_READING_SQL)) {
            for (ReadingRow r : rows) {
                int p = 1;
                ps.setString(p++, r.meter());
                ps.setLong(p++, r.t());
                ps.setString(p++, r.mode());
                setText(ps, p++, r.option());
                ps.setString(p++, r.period());
                setText(ps, p++, r.periodRaw());
                ps.setInt(p++, r.powerAvg());
                ps.setInt(p++, r.powerMin());
                ps.setInt(p++, r.powerMax());
                setInt(ps, p++, r.injectionAvg());
                setInt(ps, p++, r.injectionMin());
                setInt(ps, p++, r.injectionMax());
                for (int i = 0; i < 3; i++) {
                    setInt(ps, p++, r.current()[i]);
                }
                for (int i = 0; i < 3; i++) {
                    setInt(ps, p++, r.voltage() == null ? null : r.voltage()[i]);
                }
                ps.setInt(p++, r.frames());
                ps.setInt(p++, r.rejected());
                for (long e : r.registers()) {
                    setRegister(ps, p++, e);
                }
                ReadingRow.Details d = r.details();
                for (int i = 0; i < 3; i++) {
                    setInt(ps, p++, d.phasePower() == null ? null : d.phasePower()[i]);
                }
                setInt(ps, p++, d.subscribedVa());
                setText(ps, p++, d.status());
                setText(ps, p++, d.tomorrow());
                setInt(ps, p++, d.overload() ? 1 : null);
                setInt(ps, p++, d.peakNotice() ? 1 : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setText(PreparedStatement ps, int p, String value) throws SQLException {
        if (value == null) {
            ps.setNull(p, Types.VARCHAR);
        } else {
            ps.setString(p, value);
        }
    }

    private static void setInt(PreparedStatement ps, int p, Integer value) throws SQLException {
        if (value == null) {
            ps.setNull(p, Types.INTEGER);
        } else {
            ps.setInt(p, value);
        }
    }

    private static void setRegister(PreparedStatement ps, int p, long value) throws SQLException {
        if (value == ReadingRow.NO_VALUE) {
            ps.setNull(p, Types.BIGINT);
        } else {
            ps.setLong(p, value);
        }
    }

    /**
     * Whether a failure left the connection dead. Connector/J does not always say so in the exception: a connection
     * killed during {@code executeBatch} surfaces as "No operations allowed after statement closed" (SQLState S1009).
     * A dead connection is evicted from the pool at once rather than handed out again, and the others renewed.
     */
    private boolean lostConnection(Connection c, SQLException e) {
        if (SqlErrors.isConflict(e)) {
            return false;
        }
        boolean dead;
        try {
            dead = c.isClosed() || !c.isValid(1);
        } catch (SQLException checkFailed) {
            dead = true;
        }
        if (dead && dataSource instanceof HikariDataSource pool) {
            pool.evictConnection(c);
            // the pool's other connections most likely went to the same node: renew them too (idle ones now, busy
            // ones when returned), so that the retry gets a fresh connection, to the next node of a multi-host URL
            if (pool.getHikariPoolMXBean() != null) {
                pool.getHikariPoolMXBean().softEvictConnections();
            }
        }
        return dead;
    }

    private static void restoreAutoCommit(Connection c) {
        try {
            c.setAutoCommit(true);
        } catch (SQLException ignored) {
            // a broken connection: the pool discards it, and the failure that matters is already on its way
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server rolls the transaction back
        }
    }

    private record Key(String meter, long t) {
    }
}
