package teleinfo.storage;

import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

/**
 * Opens the readings database: the MySQL/MariaDB server named by a JDBC URL or, when none is given, an embedded H2
 * file database in MySQL mode under the data directory. The same SQL runs on both. Migrations ({@code sql/migrations})
 * are applied with Flyway.
 */
public final class Database {
    private Database() {
    }

    /**
     * The embedded H2 database stored under {@code dataDir/db}. DB_CLOSE_ON_EXIT=FALSE: H2's own JVM shutdown hook
     * would close the database while Camel still completes the requests in flight on SIGTERM ("The database is open
     * in exclusive mode"); it closes with the pool instead, once the routes have stopped.
     */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("db").resolve("teleinfo").toAbsolutePath()
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_ON_EXIT=FALSE";
    }

    /** True for the embedded H2 URLs (file or memory). */
    public static boolean isEmbedded(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /**
     * A connection pool on the given URL. It is created even when the database is unreachable: connections are then
     * attempted on each use (short timeout), so a server started before its database recovers by itself.
     */
    public static HikariDataSource pool(String jdbcUrl, String user, String password, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("teleinfo-db");
        config.setJdbcUrl(jdbcUrl);
        // named explicitly rather than left to DriverManager's service lookup: the pool fails at once, with the
        // driver's own message, when the URL's driver is missing from the class path
        if (jdbcUrl.startsWith("jdbc:mysql:")) {
            config.setDriverClassName("com.mysql.cj.jdbc.Driver");
        } else if (jdbcUrl.startsWith("jdbc:h2:")) {
            config.setDriverClassName("org.h2.Driver");
        }
        if (user != null && !user.isEmpty()) {
            config.setUsername(user);
        }
        if (password != null && !password.isEmpty()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(2, maxConnections));
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);
        if (jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:")) {
            // one multi-row INSERT per batch, server-side prepared statements cached
            config.addDataSourceProperty("rewriteBatchedStatements", "true");
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("useServerPrepStmts", "false");
            config.addDataSourceProperty("connectTimeout", "2000");
            config.addDataSourceProperty("socketTimeout", "30000");
            // with a list of hosts (jdbc:mysql://node1,node2,node3/teleinfo) a connection fails over to the next one
            // and stays writable there: every node of a Galera cluster takes writes (the driver's default is read-only)
            config.addDataSourceProperty("failOverReadOnly", "false");
        }
        return new HikariDataSource(config);
    }

    /**
     * Flyway on the migrations of {@code classpath:sql/migrations} and the Java ones ({@link V3__page_reading_details},
     * {@link V4__hour_latest_reading_time}). A schema without Flyway's history but with other
     * tables (the migration lock's, or those of a V1 interrupted before it was recorded) is baselined at version 0,
     * so every migration runs (they are re-runnable).
     */
    public static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:sql/migrations")
                .javaMigrations(new V3__page_reading_details(), new V4__hour_latest_reading_time())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load();
    }

    /** Applies the pending migrations (one process; a server instance goes through SchemaMigration). */
    public static void migrate(DataSource dataSource) {
        flyway(dataSource).migrate();
    }
}
