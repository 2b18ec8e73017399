package teleinfo.server;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import teleinfo.server.ReadingHourUpsert.HourTotals;
import teleinfo.storage.SqlErrors;
import teleinfo.storage.SqlFiles;

/**
 * The hourly roll-up ({@code reading_hour}), kept up to date in two steps so that an ingestion request writes one row
 * for it, not one per (meter, hour) of its readings:
 * <ol>
 * <li>{@link #queue}: in the request's transaction, what the new readings add to each (meter, hour) goes into one row
 * of {@code reading_hour_pending} (V5), encoded;</li>
 * <li>{@link #foldPending}: the pending rows, many requests' worth, are merged per (meter, hour) and added to
 * {@code reading_hour} by one upsert ({@link ReadingHourUpsert}), and deleted, in one transaction. Run every few
 * seconds by the route {@code roll-up-fold} and before every read of the chart's API, so that no answer misses a
 * stored reading.</li>
 * </ol>
 * Exactly once: a pending row is deleted in the transaction that adds it, and deleted first: a second folder (another
 * instance, on this server or another Galera node) that read the same row deletes nothing (it waited for the first
 * one's commit) or fails certification, and rolls back. The additions commute (sums, min/max, the period of the
 * latest reading), so folds in any order give what a rebuild from {@code reading} gives.
 *
 * <p>Measured reason (docs/SCALING.md): in batches of 10,000 meters x one minute, the per-request upsert of 10,000
 * roll-up rows held ingestion at 66-75 % of the raw insert rate; queued and folded, the store reaches 86-97 % of it
 * (80-91 % over HTTP).
 */
public final class HourRollUp {
    private static final Logger LOG = LoggerFactory.getLogger(HourRollUp.class);
    private static final String QUEUE = SqlFiles.statement("ingest-queue-reading-hour.sql");
    private static final String NEWEST = SqlFiles.statement("roll-up-fold-newest.sql");
    private static final String LIST = SqlFiles.statement("roll-up-fold-list.sql");
    private static final String TOTALS = SqlFiles.statement("roll-up-fold-totals.sql");
    private static final String DELETE = SqlFiles.statement("roll-up-fold-delete.sql");
    /**
     * At most this many pending rows (the LIMIT of roll-up-fold-list.sql), and (beyond the first row) this many
     * (meter, hour) in all, per fold transaction: ~100 bytes of heap each once decoded.
     */
    private static final int ROWS_PER_FOLD = 1000;
    private static final int HOURS_PER_FOLD = 50_000;
    private static final int CONFLICT_ATTEMPTS = 8;

    private final DataSource dataSource;
    private final ReadingHourUpsert upsert = new ReadingHourUpsert();
    /** The folders of this process take turns (the database settles it between processes). */
    private final ReentrantLock folding = new ReentrantLock();
    private volatile boolean failing;

    public HourRollUp(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Queues what the new readings (sorted by meter, then time) add to the roll-up, in the caller's transaction. */
    static void queue(Connection c, List<ReadingRow> sorted) throws SQLException {
        List<HourTotals> hours = ReadingHourUpsert.totals(sorted);
        try (PreparedStatement ps = c.prepareStatement(QUEUE)) {
            ps.setInt(1, hours.size());
            ps.setBytes(2, encode(hours));
            ps.executeUpdate();
        }
    }

    /**
     * Folds every row queued when it starts into {@code reading_hour} (not those queued meanwhile: a reader must not
     * chase a steady stream of ingestion); returns how many were folded. A failure is thrown
     * ({@link DatabaseUnavailableException} for conflicts that outlast the retries): a reader then answers 503.
     */
    public int foldPending() throws SQLException {
        folding.lock();
        try {
            long newest = newest();
            if (newest < 0) {
                return 0;
            }
            int folded = 0;
            while (true) {
                Fold fold = foldSomeWithRetries(newest);
                folded += fold.rows;
                if (!fold.more) {
                    return folded;
                }
            }
        } finally {
            folding.unlock();
        }
    }

    /** The timer's fold: a failure is logged (once until the next success), not thrown; the next tick tries again. */
    public void foldQuietly() {
        try {
            int folded = foldPending();
            if (failing) {
                failing = false;
                LOG.info("roll-up fold working again ({} pending rows folded)", folded);
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.warn("roll-up fold failed, retried at the next tick: {}", e.getMessage());
            }
        }
    }

    /** What one fold transaction did: rows folded, and whether more may be pending. */
    private record Fold(int rows, boolean more) {
    }

    /** The id of the newest queued row, -1 when none. */
    private long newest() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(NEWEST)) {
            rs.next();
            long id = rs.getLong(1);
            return rs.wasNull() ? -1 : id;
        }
    }

    private Fold foldSomeWithRetries(long newest) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                Fold fold = foldSome(newest);
                if (fold != null) {
                    return fold;
                }
                if (attempt == CONFLICT_ATTEMPTS) {
                    throw new DatabaseUnavailableException("database busy, retry later", null);
                }
                backOff(attempt); // another folder took some of the same rows: read again
            } catch (SQLException e) {
                if (!SqlErrors.isConflict(e) || attempt == CONFLICT_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("retrying a conflicting fold ({})", e.getMessage());
                backOff(attempt);
            }
        }
    }

    /** One transaction: null when another folder took some of the rows first (nothing done; read again). */
    private Fold foldSome(long newest) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                List<Long> ids = new ArrayList<>();
                boolean more;
                try (PreparedStatement list = c.prepareStatement(LIST)) {
                    list.setLong(1, newest);
                    try (ResultSet rs = list.executeQuery()) {
                        int rows = 0;
                        long hours = 0;
                        while (rs.next()) {
                            rows++;
                            hours += rs.getInt(2);
                            if (ids.isEmpty() || hours <= HOURS_PER_FOLD) {
                                ids.add(rs.getLong(1));
                            }
                        }
                        more = rows == ROWS_PER_FOLD || ids.size() < rows;
                    }
                }
                if (ids.isEmpty()) {
                    c.rollback();
                    return new Fold(0, false);
                }
                String in = "?" + ", ?".repeat(ids.size() - 1);
                Map<String, HourTotals> merged = new TreeMap<>();
                try (PreparedStatement ps = c.prepareStatement(TOTALS.replace("IDS", in))) {
                    bind(ps, ids);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            for (HourTotals h : decode(rs.getBytes(1))) {
                                merged.merge(h.meter + '\u0000' + h.hour, h, (a, b) -> {
                                    a.merge(b);
                                    return a;
                                });
                            }
                        }
                    }
                }
                // deleted before the roll-up is written: a concurrent folder of the same rows waits here for this
                // transaction, then deletes fewer than it read and starts again
                try (PreparedStatement ps = c.prepareStatement(DELETE.replace("IDS", in))) {
                    bind(ps, ids);
                    if (ps.executeUpdate() != ids.size()) {
                        c.rollback();
                        return null;
                    }
                }
                List<HourTotals> hours = new ArrayList<>(merged.values());
                // key order, as the store writes readings: concurrent folds lock rows in the same order
                hours.sort(Comparator.comparing((HourTotals h) -> h.meter).thenComparingLong(h -> h.hour));
                upsert.upsertTotals(c, hours);
                c.commit();
                return new Fold(ids.size(), more);
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone; the server rolls back
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException ignored) {
                    // a broken connection: the pool discards it
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, List<Long> ids) throws SQLException {
        for (int i = 0; i < ids.size(); i++) {
            ps.setLong(i + 1, ids.get(i));
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(Math.min(400, 5L << attempt)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted, retry later", e);
        }
    }

    static byte[] encode(List<HourTotals> hours) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(hours.size() * 80 + 8);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(hours.size());
            for (HourTotals h : hours) {
                h.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<HourTotals> decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int n = in.readInt();
            List<HourTotals> hours = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                hours.add(HourTotals.read(in));
            }
            return hours;
        } catch (IOException e) {
            throw new UncheckedIOException("a pending roll-up row does not decode", e);
        }
    }
}
