package teleinfo.server;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import teleinfo.storage.SqlFiles;

/**
 * Stores validated readings idempotently, with the hourly roll-up and the meter table, in one transaction: a request
 * is stored whole or not at all.
 *
 * <p>Exact counts without relying on driver-specific update counts of batched {@code INSERT IGNORE}: the readings
 * are inserted with a plain batched {@code INSERT}, which fails as a whole on a duplicate key; then (rolled back)
 * the readings already present are looked up (primary key), only the absent ones are inserted, and the roll-ups are
 * built from exactly those. Should a concurrent request store one of them in between, the {@code INSERT} fails on the
 * key and the whole transaction is retried (it then finds it present). Rows are written in key order so that
 * concurrent requests lock in the same order.
 */
public final class ReadingStore {
    private static final Logger LOG = LoggerFactory.getLogger(ReadingStore.class);
    private static final int LOOKUP_CHUNK = 1000;
    private static final int ATTEMPTS = 4;

    private final DataSource dataSource;
    private final BooleanSupplier schemaReady;
    private final String existingSql = SqlFiles.statement("ingest-existing-readings.sql");
    private static final String INSERT_READING_SQL = SqlFiles.statement("ingest-insert-reading.sql");
    private final String upsertHourSql = SqlFiles.statement("ingest-upsert-reading-hour.sql");
    private final String upsertMeterSql = SqlFiles.statement("ingest-upsert-meter.sql");

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
        for (int attempt = 1; ; attempt++) {
            try {
                int stored = storeOnce(sorted);
                return new StoreResult(stored, readings.size() - stored);
            } catch (SQLException e) {
                if (isUnavailable(e)) {
                    throw new DatabaseUnavailableException("database unavailable, retry later", e);
                }
                if (isRetryable(e) && attempt < ATTEMPTS) {
                    LOG.debug("retrying a conflicting store of {} readings ({})", sorted.size(), e.getMessage());
                    continue;
                }
                if (isRetryable(e)) {
                    throw new DatabaseUnavailableException("database busy, retry later", e);
                }
                throw new IllegalStateException("storing " + sorted.size() + " readings failed", e);
            }
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
                    upsertHours(c, fresh);
                    upsertMeters(c, fresh);
                }
                c.commit();
                return fresh.size();
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            } finally {
                restoreAutoCommit(c);
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
            if (!isDuplicateKey(e)) {
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
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** One roll-up row per (meter, hour) of the new readings; rows are sorted, so each group is contiguous. */
    private void upsertHours(Connection c, List<ReadingRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(upsertHourSql)) {
            int i = 0;
            while (i < rows.size()) {
                ReadingRow first = rows.get(i);
                long hour = first.hour();
                int n = 0;
                long powerSum = 0;
                int powerMin = Integer.MAX_VALUE;
                int powerMax = Integer.MIN_VALUE;
                ReadingRow latest = first;
                long[] registers = new long[Registers.COUNT];
                Arrays.fill(registers, ReadingRow.NO_VALUE);
                for (; i < rows.size() && rows.get(i).meter().equals(first.meter()) && rows.get(i).hour() == hour; i++) {
                    ReadingRow r = rows.get(i);
                    n++;
                    powerSum += r.powerAvg();
                    powerMin = Math.min(powerMin, r.powerMin());
                    powerMax = Math.max(powerMax, r.powerMax());
                    latest = r; // ascending t
                    for (int k = 0; k < Registers.COUNT; k++) {
                        registers[k] = Math.max(registers[k], r.registers()[k]);
                    }
                }
                int p = 1;
                ps.setString(p++, first.meter());
                ps.setLong(p++, hour);
                ps.setInt(p++, n);
                ps.setLong(p++, powerSum);
                ps.setInt(p++, powerMin);
                ps.setInt(p++, powerMax);
                ps.setString(p++, latest.period());
                for (long e : registers) {
                    setRegister(ps, p++, e);
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void upsertMeters(Connection c, List<ReadingRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(upsertMeterSql)) {
            int i = 0;
            while (i < rows.size()) {
                ReadingRow first = rows.get(i);
                ReadingRow last = first;
                for (; i < rows.size() && rows.get(i).meter().equals(first.meter()); i++) {
                    last = rows.get(i);
                }
                ps.setString(1, first.meter());
                ps.setString(2, last.mode());
                ps.setLong(3, first.t());
                ps.setLong(4, last.t());
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

    /** The database cannot be reached: no connection, connection lost, or the pool timed out waiting for one. */
    static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException s && s.getSQLState() != null && s.getSQLState().startsWith("08")) {
                return true;
            }
            if (t.getClass().getName().endsWith("CommunicationsException")) {
                return true;
            }
        }
        return false;
    }

    /** A concurrent request got in the way: duplicate key on a reading found absent, deadlock, lock wait timeout. */
    static boolean isRetryable(SQLException e) {
        if (isDuplicateKey(e)) {
            return true;
        }
        for (SQLException s : chain(e)) {
            int code = s.getErrorCode();
            if (code == 1213 || "40001".equals(s.getSQLState()) // deadlock
                    || code == 1205) { // lock wait timeout
                return true;
            }
        }
        return false;
    }

    static boolean isDuplicateKey(SQLException e) {
        for (SQLException s : chain(e)) {
            if (s.getErrorCode() == 1062 || "23505".equals(s.getSQLState())) { // MySQL/MariaDB, H2
                return true;
            }
        }
        return false;
    }

    /** The exception, its causes and the next exceptions of a batch. */
    private static List<SQLException> chain(SQLException e) {
        List<SQLException> all = new ArrayList<>();
        Set<Throwable> seen = new HashSet<>();
        List<Throwable> todo = new ArrayList<>(List.of(e));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException s) {
                all.add(s);
                todo.add(s.getNextException());
            }
            todo.add(t.getCause());
        }
        return all;
    }

    private record Key(String meter, long t) {
    }
}
