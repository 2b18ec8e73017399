package routes.server;

import org.apache.camel.builder.RouteBuilder;

/** Retries the schema migration until it succeeds when the database was unreachable at start. */
public class DatabaseMigrationRoute extends RouteBuilder {
    @Override
    public void configure() {
        from("timer:database-migration?delay={{db.migrationRetryMillis}}&period={{db.migrationRetryMillis}}")
                .routeId("database-migration")
                .filter(method("schemaMigration", "isPending"))
                .bean("schemaMigration", "migrateIfPending");
    }
}
