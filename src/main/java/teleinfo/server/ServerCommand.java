package teleinfo.server;

import java.util.Map;

import org.apache.camel.main.Main;

import teleinfo.cli.UsageException;

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
        Main main = newMain(overrides);
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            RuntimeException failure = usageOr(e);
            if (failure instanceof UsageException) {
                throw failure;
            }
            System.err.println("rpi-teleinfo: server failed: " + e.getMessage());
            return 1;
        }
    }

    /** A Camel Main for the server role; overrides (tests) take precedence over application.properties. */
    public static Main newMain(Map<String, String> overrides) {
        Main main = new Main();
        main.configure().addConfiguration(new ServerConfiguration());
        main.configure().withName("teleinfo-server");
        // the scan of package "routes" finds every role's RouteBuilders; the pattern keeps this role's
        main.configure().withBasePackageScan("routes");
        main.configure().withJavaRoutesIncludePattern("routes/server/*,routes/web/*,routes/ops/*");
        overrides.forEach(main::addOverrideProperty);
        return main;
    }

    /** A UsageException raised while Camel starts (bad setting) is reported as such (exit 2). */
    static RuntimeException usageOr(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UsageException usage) {
                return usage;
            }
        }
        return e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
}
