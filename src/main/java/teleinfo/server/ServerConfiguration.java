package teleinfo.server;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.storage.Database;

/**
 * The beans of the server role, built from {@link ServerSettings} (parsed once, here): {@code dataSource} (the pool,
 * also used by the chart's routes), {@code schemaMigration}, {@code readingStore}, {@code hourRollUp} (the roll-up
 * queue's folder, also used by the chart's routes), {@code readingParser},
 * {@code ingestionRequestCheck}, the Jetty handlers {@code exactPaths}, {@code readingsGuard}, {@code slowClientLimits}
 * and {@code securityHeaders}, and the health check {@code databaseHealth}. The pool is closed when Camel stops.
 */
public final class ServerConfiguration implements CamelConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        ServerSettings settings = ServerSettings.from(context.getPropertiesComponent());
        LOG.info("starting with {}", settings);
        if (settings.dbUrl() == null) {
            java.nio.file.Files.createDirectories(settings.dataDir().resolve("db"));
        }
        HikariDataSource dataSource = Database.pool(settings.jdbcUrl(), settings.dbUser(), settings.dbPassword(),
                settings.dbPoolSize());
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                dataSource.close();
            }
        }, true, true);
        SchemaMigration migration = new SchemaMigration(dataSource);
        migration.migrateIfPending();
        var registry = context.getRegistry();
        registry.bind("dataSource", dataSource);
        registry.bind("schemaMigration", migration);
        registry.bind("readingStore", new ReadingStore(dataSource, migration::isDone));
        registry.bind("hourRollUp", new HourRollUp(dataSource));
        registry.bind("readingParser", new ReadingParser(new ReadingValidator(), settings.maxBatch(),
                settings.maxBodyBytes()));
        // found in the registry by Camel's health check registry, like every HealthCheck bean
        registry.bind("databaseHealth", new DatabaseHealthCheck(dataSource, migration));
        IngestionRequestCheck requestCheck = new IngestionRequestCheck(TokenCheck.of(settings.tokens()),
                settings.maxBodyBytes());
        registry.bind("ingestionRequestCheck", requestCheck);
        registry.bind("readingsGuard", new ReadingsRequestGuard(requestCheck));
        registry.bind("exactPaths", new ExactPathHandler(context));
        registry.bind("slowClientLimits", new SlowClientLimits(settings.idleTimeoutMillis(),
                settings.headerTimeoutMillis(), settings.minBytesPerSecond()));
        registry.bind("securityHeaders", new SecurityHeaders());
    }
}
