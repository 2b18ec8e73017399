package teleinfo.server;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.storage.Database;
import teleinfo.storage.MigrationLock;

/**
 * Applies the schema migrations, and keeps trying (route {@code database-migration}) while the database is unreachable
 * or another instance is migrating, so that a server started before its database, or beside other instances, comes up
 * by itself. Until then the store answers 503.
 *
 * <p>Any number of instances may start at once, on one server or on every node of a Galera cluster: one migrates
 * under the {@link MigrationLock}, the others find the lock taken and try again later, when Flyway finds the schema
 * up to date (and validates it). A migration that failed or was interrupted (MySQL and MariaDB cannot roll DDL back,
 * so Flyway records it as failed) is repaired under the lock — its record removed — and run again: every migration
 * is written to be re-runnable ({@code IF NOT EXISTS}, {@code IF EXISTS}).
 */
public final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    /** V1 as first released, before its CREATE TABLEs became re-runnable: databases made then record this checksum. */
    static final int V1_FIRST_CHECKSUM = 169_613_065;
    private static final int LEASE_SECONDS = 30;
    private final DataSource dataSource;
    private final MigrationLock lock;
    private volatile boolean done;
    private String lastFailure;

    public SchemaMigration(DataSource dataSource) {
        this.dataSource = dataSource;
        this.lock = new MigrationLock(dataSource, LEASE_SECONDS);
    }

    public boolean isDone() {
        return done;
    }

    public boolean isPending() {
        return !done;
    }

    /** One attempt; a failure is logged once per distinct reason and retried by the caller later. */
    public synchronized void migrateIfPending() {
        if (done) {
            return;
        }
        try {
            if (lock.runExclusively(this::migrate)) {
                done = true;
                LOG.info("database schema is up to date");
            } else {
                logOnce("another instance is migrating the schema");
            }
        } catch (SQLException | RuntimeException e) {
            logOnce(rootMessage(e));
        }
    }

    private void migrate() {
        Flyway flyway = Database.flyway(dataSource);
        boolean repair = false;
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() == MigrationState.FAILED) {
                LOG.warn("migration {} ({}) failed or was interrupted earlier: running it again", m.getVersion(),
                        m.getDescription());
                repair = true;
            } else if (m.isApplied() && "1".equals(String.valueOf(m.getVersion()))
                    && Integer.valueOf(V1_FIRST_CHECKSUM).equals(m.getAppliedChecksum()) && !m.isChecksumMatching()) {
                repair = true; // the same tables, now written IF NOT EXISTS: record the new checksum
            }
        }
        if (repair) {
            flyway.repair();
        }
        flyway.migrate();
    }

    private void logOnce(String reason) {
        if (!reason.equals(lastFailure)) {
            LOG.warn("database schema not migrated yet (retrying): {}", reason);
            lastFailure = reason;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
