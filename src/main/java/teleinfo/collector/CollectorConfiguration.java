package teleinfo.collector;

import java.nio.file.Files;
import java.time.Clock;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;

import teleinfo.cli.UsageException;
import teleinfo.mqtt.MqttOutbox;
import teleinfo.protocol.TicMode;
import teleinfo.simulator.MeterSimulator;
import teleinfo.simulator.SimulatedMeterLine;
import teleinfo.ops.AppMetrics;

/**
 * The beans of the collector routes (routes/collector), bound once from {@link CollectorSettings} (parsed once,
 * here): {@code collectorSettings}, {@code spool} and its health check {@code spoolHealth}, {@code ticMetrics},
 * {@code frameSorter}, the TIC line {@code simulator} when the port is {@code simulator}; with a server, {@code spoolUploader} and the HTTP component of the server URL's scheme; with
 * MQTT, {@code mqttOutbox}, {@code liveStateTap}, {@code mqttConnection} (a service started and stopped with the
 * context) and its Paho client {@value #MQTT_CLIENT}.
 */
public final class CollectorConfiguration implements CamelConfiguration {
    /** The Paho client of the {@code paho-mqtt5:} endpoints ({@code client=#teleinfoMqttClient}). */
    public static final String MQTT_CLIENT = "teleinfoMqttClient";
    /** In the spool directory: the Home Assistant entities announced, remembered across restarts. */
    static final String ANNOUNCED_FILE = ".mqtt-entities";
    /** The port (and the name of the {@link teleinfo.component.TicLine} bean) of the built-in meter simulator. */
    public static final String SIMULATOR = "simulator";
    /** Frames implausible this many times in a row become the new reference (see PlausibilityCheck). */
    private static final int REBASE_AFTER = 10;

    @Override
    public void configure(CamelContext context) throws Exception {
        CollectorSettings settings = CollectorSettings.from(context);
        try {
            Files.createDirectories(settings.spoolDir());
        } catch (Exception e) {
            throw invalidSpoolDir(settings, "a directory that can be created (" + e.getMessage() + ")");
        }
        if (!Files.isWritable(settings.spoolDir())) {
            throw invalidSpoolDir(settings, "a writable directory");
        }
        Spool spool = new Spool(settings.spoolDir());
        var registry = context.getRegistry();
        registry.bind("collectorSettings", settings);
        registry.bind("spool", spool);
        // found in the registry by Camel's health check registry, like every HealthCheck bean
        registry.bind("spoolHealth", new SpoolHealthCheck(spool));
        registry.bind("ticMetrics", new TicMetrics(context));
        if (settings.port().equals(SIMULATOR)) {
            registry.bind(SIMULATOR, simulatedMeter(context));
        }
        registry.bind("frameSorter", new FrameSorter(new PlausibilityCheck(settings.plausibilityMargin(), REBASE_AFTER)));
        if (settings.http()) {
            registry.bind("spoolUploader", new SpoolUploader(spool, settings.batchSize(),
                    new RetryBackoff(settings.retryInitial(), settings.retryMax(), Clock.systemUTC()),
                    AppMetrics.counter(context, "teleinfo.readings.uploaded", "readings the server answered 2xx for"),
                    AppMetrics.counter(context, "teleinfo.readings.rejected", "readings the server refused (4xx)")));
            bindUploadComponent(context, settings);
        }
        if (settings.mqtt() != null) {
            // the latest values waiting for the broker, and the connection that sends them
            MqttOutbox outbox = new MqttOutbox(settings.mqtt().topics(), settings.spoolDir().resolve(ANNOUNCED_FILE));
            MqttConnection connection = new MqttConnection(context, settings.mqtt(), outbox);
            registry.bind("mqttOutbox", outbox);
            registry.bind("liveStateTap", new LiveStateTap(outbox));
            registry.bind("mqttConnection", connection);
            registry.bind(MQTT_CLIENT, connection.client());
            context.addService(connection, true, true);
        }
    }

    /** {@code collector.port = simulator}: a simulated meter of the mode, phases and speed the settings give. */
    private static SimulatedMeterLine simulatedMeter(CamelContext context) {
        var properties = context.getPropertiesComponent();
        String mode = properties.resolveProperty("collector.simulator.mode").orElse("").strip();
        String phases = properties.resolveProperty("collector.simulator.phases").orElse("").strip();
        String speed = properties.resolveProperty("collector.tic.speed").orElse("").strip();
        TicMode simulated = TicMode.parseOrNull(mode);
        if (simulated == null) {
            throw new UsageException("invalid setting collector.simulator.mode (TELEINFO_SIMULATOR_MODE) = '" + mode
                    + "': expected historic or standard");
        }
        if (!phases.equals("1") && !phases.equals("3")) {
            throw new UsageException("invalid setting collector.simulator.phases (TELEINFO_SIMULATOR_PHASES) = '"
                    + phases + "': expected 1 or 3");
        }
        if (!speed.matches("\\d{1,5}(\\.\\d+)?") || !(Double.parseDouble(speed) > 0)) {
            throw new UsageException("invalid setting collector.tic.speed (TELEINFO_SPEED) = '" + speed
                    + "': expected a number above 0");
        }
        return new SimulatedMeterLine(new MeterSimulator(MeterSimulator.Config.defaults(simulated, phases.equals("3"))),
                Double.parseDouble(speed));
    }

    /**
     * The component of the URL's scheme (http, or https for TLS), without cookies, and without TLS for http; plain
     * http only to a private address unless allowed.
     */
    private static void bindUploadComponent(CamelContext context, CollectorSettings settings) {
        String scheme = settings.serverUrl().getScheme();
        if (context.hasComponent(scheme) == null) {
            context.addComponent(scheme, new UploadHttpComponent("https".equalsIgnoreCase(scheme),
                    settings.allowInsecureHttp()));
        }
        HttpComponent http = context.getComponent(scheme, HttpComponent.class);
        http.setConnectTimeout(settings.connectTimeout().toMillis());
        http.setConnectionRequestTimeout(settings.connectTimeout().toMillis());
        http.setResponseTimeout(settings.responseTimeout().toMillis());
        http.setSoTimeout(settings.responseTimeout().toMillis());
        // retries are ours (SpoolUploader's back-off): the client's own would hold the route on a 503
        http.setAutomaticRetriesDisabled(true);
        // a redirect must not carry the bearer token to another host
        http.setRedirectHandlingDisabled(true);
    }

    private static UsageException invalidSpoolDir(CollectorSettings settings, String expected) {
        return new UsageException("invalid setting collector.spool.dir (TELEINFO_SPOOL_DIR) = '" + settings.spoolDir()
                + "': expected " + expected);
    }
}
