package teleinfo.collector;

import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;


import routes.collector.HomeAssistantDiscoveryRoute;
import routes.collector.MqttPublishRoute;
import routes.collector.SpoolRoute;
import routes.collector.TicFramesRoute;
import routes.collector.UploadRoute;
import routes.ops.OperationsRoute;

import teleinfo.cli.UsageException;

/**
 * {@code collector}: reads the meter, spools one reading per minute and uploads them, until stopped (SIGTERM).
 * Settings come from application.properties and the environment (docs/COLLECTOR.md); they are checked before
 * Camel starts, so that a missing or wrong one is reported as one line.
 */
public final class CollectorCommand {
    /**
     * The RouteBuilders of src/main/java/routes/collector, listed rather than found by classpath scanning: scanning
     * the fat jar took 1.7 s of a start that must reach the first frame in 3 s.
     */
    static final List<Class<? extends RouteBuilder>> ROUTES =
            List.of(TicFramesRoute.class, SpoolRoute.class, UploadRoute.class, MqttPublishRoute.class,
                    HomeAssistantDiscoveryRoute.class, OperationsRoute.class);

    private CollectorCommand() {
    }

    public static int run(String[] args) {
        if (args.length > 0) {
            throw new UsageException("collector takes no arguments: its settings are environment variables "
                    + "(TELEINFO_PORT, TELEINFO_SERVER_URL, TELEINFO_TOKEN, ...)");
        }
        return runCamel(new Properties(), main -> { });
    }

    /** Checks the settings, then runs the collector routes until Camel Main stops; {@code overrides} win. */
    static int runCamel(Properties overrides, Consumer<Main> customise) {
        CollectorSettings settings = CollectorSettings.load(overrides);
        Main main = new Main();
        // /health and /metrics on the collector's own small port, when one is set
        main.addOverrideProperty("ops.port", String.valueOf(settings.healthPort()));
        main.addOverrideProperty("ops.host", "{{collector.health.host}}");
        main.configure().withRoutesBuilderClasses(
                ROUTES.stream().map(Class::getName).collect(Collectors.joining(",")));
        main.configure().withName("teleinfo-collector");
        main.configure().withShutdownTimeout(10);
        overrides.forEach((k, v) -> main.addOverrideProperty((String) k, (String) v));
        customise.accept(main);
        try {
            main.run();
        } catch (Exception e) {
            System.err.println("rpi-teleinfo: collector failed: " + e.getMessage());
            return 1;
        }
        return main.getExitCode();
    }
}
