package teleinfo.storage;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lock that holds across every server instance and every node of a Galera cluster, so that one instance at a time
 * migrates the schema. Flyway's own lock ({@code GET_LOCK} on MySQL/MariaDB) is held by one server only: Galera does
 * not replicate it, so two instances on two nodes would both run the same migration. What Galera does order
 * cluster-wide is a committed row write: the lock is a row under a primary key, with a lease (database clock) that the
 * holder extends while it works and that another instance may take over once it runs out (a holder that died).
 */
public final class MigrationLock {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationLock.class);
    private static final String CREATE = SqlFiles.statement("migration-lock-create.sql");
    private static final String ACQUIRE = SqlFiles.statement("migration-lock-acquire.sql");
    private static final String TAKE_OVER = SqlFiles.statement("migration-lock-take-over.sql");
    private static final String RENEW = SqlFiles.statement("migration-lock-renew.sql");
    private static final String RELEASE = SqlFiles.statement("migration-lock-release.sql");

    private final DataSource dataSource;
    private final int leaseSeconds;
    private final String owner;
    private boolean tableMade;

    public MigrationLock(DataSource dataSource, int leaseSeconds) {
        this.dataSource = dataSource;
        this.leaseSeconds = leaseSeconds;
        String process = ManagementFactory.getRuntimeMXBean().getName(); // pid@host
        this.owner = process.substring(0, Math.min(80, process.length())) + "/"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Runs the task holding the lock, and returns true; returns false at once, without running it, when another
     * instance holds the lock. The lease is extended every third of its length while the task runs.
     */
    public boolean runExclusively(Runnable task) throws SQLException {
        if (!tryAcquire()) {
            return false;
        }
        ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "migration-lock-renewal");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, leaseSeconds * 1000L / 3);
        renewal.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
        try {
            task.run();
            return true;
        } finally {
            renewal.shutdownNow();
            release();
        }
    }

    private boolean tryAcquire() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            if (!tableMade) {
                try (Statement s = c.createStatement()) {
                    s.execute(CREATE);
                }
                tableMade = true;
            }
            try {
                return update(c, ACQUIRE, owner, leaseSeconds) == 1;
            } catch (SQLException e) {
                if (!SqlErrors.isConflict(e)) {
                    throw e;
                }
            }
            try {
                if (update(c, TAKE_OVER, owner, leaseSeconds) == 1) {
                    LOG.warn("took over the schema migration lock from an instance whose lease ran out");
                    return true;
                }
                return false;
            } catch (SQLException e) {
                if (SqlErrors.isConflict(e)) {
                    return false;
                }
                throw e;
            }
        }
    }

    private void renew() {
        try (Connection c = dataSource.getConnection()) {
            if (update(c, RENEW, leaseSeconds, owner) != 1) {
                LOG.warn("the schema migration lock was lost while migrating");
            }
        } catch (SQLException e) {
            LOG.warn("could not extend the schema migration lock: {}", e.getMessage());
        }
    }

    private void release() {
        try (Connection c = dataSource.getConnection()) {
            update(c, RELEASE, owner);
        } catch (SQLException e) {
            LOG.warn("could not release the schema migration lock (it expires in {} s): {}", leaseSeconds,
                    e.getMessage());
        }
    }

    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }
}
