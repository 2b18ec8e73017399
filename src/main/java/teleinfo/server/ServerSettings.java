package teleinfo.server;

import java.nio.file.Path;
import java.util.Optional;

import org.apache.camel.spi.PropertiesComponent;

import teleinfo.cli.UsageException;

/**
 * The server's settings, from application.properties where each one is overridable by an environment variable
 * (see the "server" section there and docs/SERVER.md). A bad value is a {@link UsageException} naming the setting.
 *
 * @param dbUrl null: the embedded H2 database under dataDir
 */
public record ServerSettings(
        String dbUrl,
        String dbUser,
        String dbPassword,
        String tokens,
        Path dataDir,
        long maxBodyBytes,
        int maxBatch,
        int dbPoolSize,
        long idleTimeoutMillis,
        long headerTimeoutMillis,
        long minBytesPerSecond) {

    public static ServerSettings from(PropertiesComponent properties) {
        String tokens = text(properties, "server.token");
        if (tokens == null || tokens.replace(",", "").isBlank()) {
            throw new UsageException("TELEINFO_TOKENS (server.token) is empty: set at least one collector token");
        }
        String dataDir = text(properties, "data.dir");
        number(properties, "http.port", 1, 65535, 8080); // checked here, not left to Jetty: one clear line
        return new ServerSettings(
                text(properties, "db.url"),
                text(properties, "db.user"),
                text(properties, "db.password"),
                tokens,
                Path.of(dataDir == null ? "data" : dataDir),
                number(properties, "server.maxBodyBytes", 1024, Long.MAX_VALUE, 16L * 1024 * 1024),
                (int) number(properties, "server.maxBatch", 1, 100_000, 10_000),
                (int) number(properties, "db.poolSize", 1, 1000, 8),
                number(properties, "server.idleTimeoutMillis", 1000, 3_600_000, 30_000),
                number(properties, "server.headerTimeoutMillis", 1000, 3_600_000, 10_000),
                number(properties, "server.minBytesPerSecond", 0, 1_000_000_000, 1024));
    }

    /** The JDBC URL actually used: the configured one or the embedded H2 file database. */
    public String jdbcUrl() {
        return dbUrl != null ? dbUrl : teleinfo.storage.Database.embeddedUrl(dataDir);
    }

    private static String text(PropertiesComponent properties, String key) {
        Optional<String> value = properties.resolveProperty(key);
        return value.map(String::strip).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static long number(PropertiesComponent properties, String key, long min, long max, long fallback) {
        String value = text(properties, key);
        if (value == null) {
            return fallback;
        }
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException(key + " must be a whole number between " + min + " and " + max + ", not '"
                    + value + "'");
        }
    }

    @Override
    public String toString() {
        // never the tokens nor the password
        return "ServerSettings[db=" + (dbUrl == null ? "embedded H2 under " + dataDir : "external") + ", maxBodyBytes="
                + maxBodyBytes + ", maxBatch=" + maxBatch + "]";
    }
}
