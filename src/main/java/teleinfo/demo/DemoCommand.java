package teleinfo.demo;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.zaxxer.hikari.HikariDataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import teleinfo.cli.UsageException;
import teleinfo.collector.CollectorSettings;
import teleinfo.protocol.TicMode;
import teleinfo.server.ServerCommand;
import teleinfo.server.ServerSettings;
import teleinfo.simulator.MeterSimulator;
import teleinfo.storage.Database;

/**
 * {@code demo}: the whole system in one process on one machine, nothing installed but Java. A simulated Linky feeds
 * the collector routes, which spool and upload to the server routes over real HTTP on localhost, which store in the
 * embedded H2 database; the chart is at http://localhost:8080/. A few days of history are made up at the first start
 * (through the same spool and upload), and the simulated meter carries on from the stored readings at the next.
 * Settings: TELEINFO_HTTP_PORT (default 8080) and TELEINFO_DATA_DIR (default ./data: database and spool).
 */
public final class DemoCommand {
    static final String USAGE = "usage: rpi-teleinfo demo (settings: TELEINFO_HTTP_PORT, default 8080; "
            + "TELEINFO_DATA_DIR, default ./data)";
    static final String METER_BEAN = "demoMeter";

    private DemoCommand() {
    }

    public static int run(String[] args) {
        if (args.length > 0) {
            throw new UsageException(args[0].equals("--help") ? USAGE : "unexpected argument '" + args[0] + "'; " + USAGE);
        }
        return run(Map.of());
    }

    /** Runs until stopped (Ctrl-C); {@code overrides} (tests) win over application.properties and the environment. */
    static int run(Map<String, String> overrides) {
        Map<String, String> properties = demoProperties(overrides);
        CollectorSettings.load(asProperties(properties));
        Path dataDir = Path.of(properties.get("data.dir"));
        int port = Integer.parseInt(properties.get("http.port"));

        MeterSimulator meter = new MeterSimulator(MeterSimulator.Config.defaults(TicMode.STANDARD, false));
        ServerSettings server = ServerSettings.from(propertiesOf(properties).getPropertiesComponent());
        try (HikariDataSource database = Database.pool(server.jdbcUrl(), server.dbUser(), server.dbPassword(), 2)) {
            Database.migrate(database);
            new DemoHistory(meter, Path.of(properties.get("collector.spool.dir"))).prepare(database);
        }

        Main main = ServerCommand.newMain(properties);
        main.configure().withJavaRoutesIncludePattern(
                "routes/collector/*,routes/server/*,routes/web/*,routes/ops/*");
        main.bind(METER_BEAN, meter);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport support) {
                System.out.println();
                System.out.println("rpi-teleinfo demo is running: open http://localhost:" + port + "/");
                System.out.println("  simulated Linky " + meter.config().meterId() + " (standard mode), data in "
                        + dataDir.toAbsolutePath() + "; Ctrl-C stops it, the next start carries on");
                System.out.println();
            }
        });
        try {
            main.run();
            return main.getExitCode();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof UsageException usage) {
                    throw usage;
                }
            }
            System.err.println("rpi-teleinfo: demo failed: " + e.getMessage());
            return 1;
        }
    }

    /**
     * The settings of every role wired for one machine: the collector reads the simulated meter and uploads to this
     * process's own endpoint with a token made for this run.
     */
    static Map<String, String> demoProperties(Map<String, String> overrides) {
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, String> p = new LinkedHashMap<>();
        String dataDir = resolve("data.dir", overrides).orElse("./data");
        String port = resolve("http.port", overrides).orElse("8080");
        try {
            int n = Integer.parseInt(port);
            if (n < 1 || n > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new UsageException("TELEINFO_HTTP_PORT (http.port) must be a port number 1-65535, not '" + port + "'");
        }
        p.put("data.dir", dataDir);
        p.put("http.port", port);
        p.put("server.token", token);
        p.put("collector.port", "simulator");
        p.put("collector.mode", "standard");
        p.put("collector.simulator.instance", "#" + METER_BEAN);
        p.put("collector.server.url", "http://127.0.0.1:" + port + "/api/readings");
        p.put("collector.server.token", token);
        p.put("collector.spool.dir", Path.of(dataDir, "spool").toString());
        p.put("collector.upload.interval", "2s");
        p.put("collector.upload.retryInitial", "2s");
        p.put("collector.upload.retryMax", "10s");
        p.put("ops.port", port);
        p.putAll(overrides);
        return p;
    }

    /** A context that is never started, whose properties resolve as Camel Main's will. */
    private static CamelContext propertiesOf(Map<String, String> overrides) {
        CamelContext context = new DefaultCamelContext(false);
        context.build();
        context.getPropertiesComponent().setLocation(CollectorSettings.PROPERTIES);
        context.getPropertiesComponent().setOverrideProperties(asProperties(overrides));
        return context;
    }

    /** A setting as Camel will resolve it (application.properties, then the environment variable it names). */
    private static Optional<String> resolve(String key, Map<String, String> overrides) {
        if (overrides.containsKey(key)) {
            return Optional.of(overrides.get(key));
        }
        return propertiesOf(Map.of()).getPropertiesComponent().resolveProperty(key).map(String::strip)
                .filter(v -> !v.isEmpty());
    }

    private static Properties asProperties(Map<String, String> map) {
        Properties p = new Properties();
        p.putAll(map);
        return p;
    }
}
