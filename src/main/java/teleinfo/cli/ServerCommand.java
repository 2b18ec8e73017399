package teleinfo.cli;

import java.util.Map;

/**
 * {@code server}: the ingestion endpoint ({@code routes/server}) and the chart ({@code routes/web}) on one Jetty port,
 * storing readings in MySQL/MariaDB or, with no database configured, an embedded H2 file database. Settings come from
 * application.properties and the TELEINFO_* environment variables it names.
 */
public final class ServerCommand {
    static final String USAGE = "usage: rpi-teleinfo server (settings: TELEINFO_HTTP_PORT, TELEINFO_TOKENS, "
            + "TELEINFO_DB_URL, TELEINFO_DB_USER, TELEINFO_DB_PASSWORD, TELEINFO_DATA_DIR; see docs/SERVER.md)";

    private ServerCommand() {
    }

    public static int run(String[] args) {
        return run(args, Map.of());
    }

    static int run(String[] args, Map<String, String> overrides) {
        if (args.length > 0) {
            throw new UsageException(args[0].equals("--help") ? USAGE : "unexpected argument '" + args[0] + "'; " + USAGE);
        }
        return RoleMain.run("server", RoleMain.create("server", overrides));
    }
}
