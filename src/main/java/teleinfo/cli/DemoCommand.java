package teleinfo.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;

import teleinfo.demo.DemoConfiguration;
import teleinfo.simulator.MeterSimulator;

/**
 * {@code demo}: the whole system in one process on one machine, nothing installed but Java. A simulated Linky feeds
 * the collector routes, which spool and upload to the server routes over real HTTP on localhost, which store in the
 * embedded H2 database; the chart is at http://localhost:8080/. A few days of history are made up at the first start
 * (through the same spool and upload), and the simulated meter carries on from the stored readings at the next.
 * Settings: TELEINFO_HTTP_PORT (default 8080) and TELEINFO_DATA_DIR (default ./data: database and spool); the rest
 * is wired in application-demo.properties.
 */
public final class DemoCommand {
    static final String USAGE = "usage: rpi-teleinfo demo (settings: TELEINFO_HTTP_PORT, default 8080; "
            + "TELEINFO_DATA_DIR, default ./data)";

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
        // the collector's token for the server in the same process, made for this run
        String token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.token", token);
        properties.put("collector.server.token", token);
        properties.putAll(overrides);
        Main main = RoleMain.create("demo", properties);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport support) {
                PropertiesComponent settings = support.getCamelContext().getPropertiesComponent();
                MeterSimulator meter = support.getCamelContext().getRegistry()
                        .lookupByNameAndType(DemoConfiguration.METER_BEAN, MeterSimulator.class);
                System.out.println();
                System.out.println("rpi-teleinfo demo is running: open http://localhost:"
                        + settings.resolveProperty("http.port").orElseThrow().strip() + "/");
                System.out.println("  simulated Linky " + meter.config().meterId() + " (standard mode, HP/HC), with "
                        + DemoConfiguration.TEMPO_METER + " (historic, Tempo) and " + DemoConfiguration.PRODUCER_METER
                        + " (three-phase, solar), data in "
                        + Path.of(settings.resolveProperty("data.dir").orElseThrow().strip()).toAbsolutePath()
                        + "; Ctrl-C stops it, the next start carries on");
                System.out.println();
            }
        });
        return RoleMain.run("demo", main);
    }
}
