package teleinfo.collector;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.util.TimeUtils;

import teleinfo.cli.UsageException;
import teleinfo.mqtt.MqttSettings;
import teleinfo.protocol.TicMode;

/**
 * The collector's settings, read from the {@code collector.*} keys of application.properties (each one defaults to
 * an environment variable, see docs/COLLECTOR.md) once, by {@link CollectorConfiguration}, before any route is built:
 * a missing or invalid value gives one {@link UsageException} naming the key and its variable. Parsing writes
 * nothing (the spool directory is made by CollectorConfiguration). {@code serverUrl} and {@code token} are null when
 * the collector only publishes to MQTT; {@code mqtt} is null when it does not.
 */
public record CollectorSettings(
        String port,
        String mode,
        URI serverUrl,
        boolean allowInsecureHttp,
        String token,
        Path spoolDir,
        Duration connectTimeout,
        Duration responseTimeout,
        int batchSize,
        Duration retryInitial,
        Duration retryMax,
        double plausibilityMargin,
        int healthPort,
        MqttSettings mqtt) {

    public static CollectorSettings from(CamelContext context) {
        Function<String, Optional<String>> lookup = key -> context.getPropertiesComponent().resolveProperty(key);
        return parse(lookup);
    }

    static CollectorSettings parse(Function<String, Optional<String>> lookup) {
        Reader r = new Reader(lookup);
        String port = r.required("collector.port", "TELEINFO_PORT");
        String mode = r.required("collector.mode", "TELEINFO_MODE");
        if (!mode.equals("auto") && TicMode.parseOrNull(mode) == null) {
            throw r.invalid("collector.mode", "TELEINFO_MODE", mode, "auto, historic or standard");
        }
        MqttSettings mqtt = mqtt(r);
        // without a server the collector only publishes to MQTT (the teleinfo2mqtt use); without either it is useless
        URI serverUrl = null;
        String token = null;
        boolean allowInsecureHttp = false;
        if (mqtt == null || r.optional("collector.server.url").isPresent()) {
            String url = r.required("collector.server.url", "TELEINFO_SERVER_URL");
            try {
                serverUrl = new URI(url);
            } catch (URISyntaxException e) {
                throw r.invalid("collector.server.url", "TELEINFO_SERVER_URL", url, "an http:// or https:// URL");
            }
            if (!("http".equals(serverUrl.getScheme()) || "https".equals(serverUrl.getScheme()))
                    || serverUrl.getHost() == null || serverUrl.getRawQuery() != null
                    || serverUrl.getUserInfo() != null) {
                throw r.invalid("collector.server.url", "TELEINFO_SERVER_URL", url,
                        "an http:// or https:// URL with a host, no query and no credentials");
            }
            allowInsecureHttp = r.bool("collector.server.allowInsecureHttp", "TELEINFO_ALLOW_INSECURE_HTTP");
            if ("http".equals(serverUrl.getScheme()) && !allowInsecureHttp) {
                refuseClearTextToPublicAddress(r, url, serverUrl.getHost());
            }
            token = r.required("collector.server.token", "TELEINFO_TOKEN");
            if (!token.matches("[\\x21-\\x7E]+")) {
                throw new UsageException("setting collector.server.token (TELEINFO_TOKEN) must be printable ASCII "
                        + "without spaces");
            }
        }
        Path spoolDir = Path.of(r.required("collector.spool.dir", "TELEINFO_SPOOL_DIR"));
        Duration connect = r.duration("collector.upload.connectTimeout", "TELEINFO_CONNECT_TIMEOUT");
        Duration response = r.duration("collector.upload.responseTimeout", "TELEINFO_RESPONSE_TIMEOUT");
        int batch = r.integer("collector.upload.batchSize", "TELEINFO_BATCH_SIZE", 1, 5000);
        Duration retryInitial = r.duration("collector.upload.retryInitial", "TELEINFO_RETRY_INITIAL");
        Duration retryMax = r.duration("collector.upload.retryMax", "TELEINFO_RETRY_MAX");
        r.duration("collector.upload.interval", "TELEINFO_UPLOAD_INTERVAL");
        r.duration("collector.minute.timeout", "TELEINFO_MINUTE_TIMEOUT");
        r.duration("collector.tic.noFrameTimeout", "TELEINFO_NO_FRAME_TIMEOUT");
        r.duration("collector.tic.autoSwitchAfter", "TELEINFO_AUTO_SWITCH_AFTER");
        r.duration("collector.tic.reopenDelay", "TELEINFO_REOPEN_DELAY");
        r.duration("collector.tic.maxReopenDelay", "TELEINFO_MAX_REOPEN_DELAY");
        String lenient = r.required("collector.tic.lenient", "TELEINFO_LENIENT");
        if (!lenient.equals("true") && !lenient.equals("false")) {
            throw r.invalid("collector.tic.lenient", "TELEINFO_LENIENT", lenient, "true or false");
        }
        String margin = r.required("collector.plausibility.margin", "TELEINFO_PLAUSIBILITY_MARGIN");
        double plausibilityMargin;
        try {
            plausibilityMargin = Double.parseDouble(margin);
        } catch (NumberFormatException e) {
            plausibilityMargin = 0;
        }
        if (!(plausibilityMargin >= 1 && plausibilityMargin <= 10)) {
            throw r.invalid("collector.plausibility.margin", "TELEINFO_PLAUSIBILITY_MARGIN", margin,
                    "a number from 1 to 10");
        }
        int healthPort = r.integer("collector.health.port", "TELEINFO_HEALTH_PORT", 0, 65535);
        r.required("collector.health.host", "TELEINFO_HEALTH_HOST");
        return new CollectorSettings(port, mode, serverUrl, allowInsecureHttp, token, spoolDir, connect, response,
                batch, retryInitial, retryMax, plausibilityMargin, healthPort, mqtt);
    }

    /** True when readings are uploaded to a server (TELEINFO_SERVER_URL set). */
    public boolean http() {
        return serverUrl != null;
    }

    /** Null when MQTT is off (TELEINFO_MQTT_URL not set). */
    private static MqttSettings mqtt(Reader r) {
        Optional<String> url = r.optional("collector.mqtt.url");
        if (url.isEmpty()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(url.get());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri != null && uri.getRawUserInfo() != null) {
            // the value is not repeated: it holds a password
            throw new UsageException("invalid setting collector.mqtt.url (TELEINFO_MQTT_URL): no user or password in "
                    + "the URL, set TELEINFO_MQTT_USER and TELEINFO_MQTT_PASSWORD");
        }
        if (uri == null || !("tcp".equals(uri.getScheme()) || "ssl".equals(uri.getScheme())) || uri.getHost() == null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
                || uri.getRawQuery() != null) {
            throw r.invalid("collector.mqtt.url", "TELEINFO_MQTT_URL", url.get(),
                    "tcp://host:port or ssl://host:port (user and password go in TELEINFO_MQTT_USER and "
                            + "TELEINFO_MQTT_PASSWORD)");
        }
        String user = r.optional("collector.mqtt.user").orElse(null);
        String password = r.optional("collector.mqtt.password").orElse(null);
        if (password != null && user == null) {
            throw new UsageException("setting collector.mqtt.password (TELEINFO_MQTT_PASSWORD) needs "
                    + "collector.mqtt.user (TELEINFO_MQTT_USER)");
        }
        String topic = r.required("collector.mqtt.topic", "TELEINFO_MQTT_TOPIC");
        if (!validTopic(topic)) {
            throw r.invalid("collector.mqtt.topic", "TELEINFO_MQTT_TOPIC", topic,
                    "a topic without wildcards (+ #), spaces or a leading or trailing /");
        }
        // empty: no Home Assistant discovery
        String prefix = r.optional("collector.mqtt.discoveryPrefix").orElse(null);
        if (prefix != null && !validTopic(prefix)) {
            throw r.invalid("collector.mqtt.discoveryPrefix", "TELEINFO_HA_DISCOVERY_PREFIX", prefix,
                    "a topic without wildcards (+ #), spaces or a leading or trailing /, or empty for no discovery");
        }
        Duration interval = r.duration("collector.mqtt.interval", "TELEINFO_MQTT_INTERVAL");
        Duration reconnectMax = r.duration("collector.mqtt.reconnectMax", "TELEINFO_MQTT_RECONNECT_MAX");
        String clientId = r.optional("collector.mqtt.clientId").orElse("rpi-teleinfo-" + topic.replace('/', '-'));
        if (!clientId.matches("[0-9A-Za-z_.-]{1,64}")) {
            throw r.invalid("collector.mqtt.clientId", "TELEINFO_MQTT_CLIENT_ID", clientId,
                    "1 to 64 letters, digits, '-', '_' or '.'");
        }
        return new MqttSettings(uri, user, password, clientId, topic, prefix, interval, reconnectMax);
    }

    private static boolean validTopic(String topic) {
        return topic.matches("[^+#\\s]+") && !topic.startsWith("/") && !topic.endsWith("/") && !topic.contains("//");
    }

    /**
     * The token must not travel in clear beyond this machine and its private network. A literal address is decided
     * now; a name by the addresses it resolves to now, or, when it cannot be resolved yet (the network is not up at
     * boot), by {@link ClearTextDestination.PrivateOnly} at each connection: the collector must start and spool
     * readings even then.
     */
    private static void refuseClearTextToPublicAddress(Reader r, String url, String host) {
        List<InetAddress> outside;
        try {
            outside = ClearTextDestination.publicAddresses(host);
        } catch (UnknownHostException e) {
            return;
        }
        if (!outside.isEmpty()) {
            throw r.invalid("collector.server.url", "TELEINFO_SERVER_URL", url, "https://, or http:// to this machine "
                    + "or a private network: the token would travel in clear to " + outside.get(0).getHostAddress()
                    + " (set TELEINFO_ALLOW_INSECURE_HTTP=true to allow it)");
        }
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "CollectorSettings[port=" + port + ", mode=" + mode + ", serverUrl=" + serverUrl + ", spoolDir="
                + spoolDir + ", batchSize=" + batchSize + ", mqtt=" + mqtt + "]";
    }

    private record Reader(Function<String, Optional<String>> lookup) {
        /** Empty when unset, blank or an {@code {{env:NAME}}} placeholder whose variable is not set. */
        Optional<String> optional(String key) {
            try {
                return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        String required(String key, String env) {
            Optional<String> value;
            try {
                value = lookup.apply(key);
            } catch (IllegalArgumentException e) {
                // an {{env:NAME}} placeholder without default whose variable is not set
                throw new UsageException("missing setting " + key + ": set the environment variable " + env);
            }
            if (value.isEmpty() || value.get().isBlank()) {
                throw new UsageException("missing setting " + key + ": set the environment variable " + env);
            }
            return value.get().trim();
        }

        Duration duration(String key, String env) {
            String text = required(key, env);
            long millis;
            try {
                millis = TimeUtils.toMilliSeconds(text);
            } catch (RuntimeException e) {
                millis = -1;
            }
            if (millis <= 0) {
                throw invalid(key, env, text, "a positive duration such as 500, 10s, 5m (plain numbers are ms)");
            }
            return Duration.ofMillis(millis);
        }

        boolean bool(String key, String env) {
            String text = required(key, env);
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw invalid(key, env, text, "true or false");
        }

        int integer(String key, String env, int min, int max) {
            String text = required(key, env);
            try {
                int v = Integer.parseInt(text);
                if (v >= min && v <= max) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(key, env, text, "a whole number from " + min + " to " + max);
        }

        UsageException invalid(String key, String env, String value, String expected) {
            return new UsageException("invalid setting " + key + " (" + env + ") = '" + value + "': expected "
                    + expected);
        }
    }
}
