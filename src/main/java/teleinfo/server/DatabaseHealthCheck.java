package teleinfo.server;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** The readings database in the health report: DOWN when no valid connection can be had within the pool's timeout. */
final class DatabaseHealthCheck extends AbstractHealthCheck {
    private final DataSource dataSource;
    private final SchemaMigration migration;

    DatabaseHealthCheck(DataSource dataSource, SchemaMigration migration) {
        super("teleinfo", "database");
        this.dataSource = dataSource;
        this.migration = migration;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(2)) {
                builder.message("the database connection is not valid").down();
                return;
            }
            builder.detail("schemaMigrated", migration.isDone());
            builder.up();
        } catch (SQLException e) {
            builder.message("database unreachable: " + e.getMessage()).down();
        }
    }
}
