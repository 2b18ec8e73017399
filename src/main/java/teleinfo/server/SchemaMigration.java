package teleinfo.server;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.storage.Database;

/**
 * Applies the schema migrations, and keeps trying when the database is unreachable at start (route
 * {@code database-migration}), so that a server started before its database comes up by itself. Until then the
 * store answers 503.
 */
public final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    private final DataSource dataSource;
    private volatile boolean done;
    private String lastFailure;

    public SchemaMigration(DataSource dataSource) {
        this.dataSource = dataSource;
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
            Database.migrate(dataSource);
            done = true;
            LOG.info("database schema is up to date");
        } catch (RuntimeException e) {
            String reason = rootMessage(e);
            if (!reason.equals(lastFailure)) {
                LOG.warn("database schema not migrated yet (retrying): {}", reason);
                lastFailure = reason;
            }
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
