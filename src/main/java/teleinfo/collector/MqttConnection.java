package teleinfo.collector;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.mqtt.MqttOutbox;
import teleinfo.mqtt.MqttSettings;
import teleinfo.mqtt.MqttTopics;

/**
 * The collector's one MQTT connection, shared by the {@code paho-mqtt5:} endpoints (option {@code client}).
 *
 * <p>Connecting is done here, not by the endpoints: camel-paho-mqtt5's producer and consumer connect in their
 * {@code doStart()} and throw when the broker is unreachable, which would stop the collector from starting with the
 * broker down; and Paho's own automatic reconnect only begins after a first successful connection. So one loop does
 * both: connect on a background thread, and after a failure or a lost connection try again after 1 s, doubled up to
 * {@code reconnectMax}. A broker outage is logged once and its end once.
 *
 * <p>On each connection: the last will ({@code offline}, retained, on the availability topic) is registered,
 * {@code online} is published retained, Home Assistant's status topic is subscribed to (its {@code online} birth
 * message asks for every discovery config again), and every discovery config is sent again.
 */
public final class MqttConnection extends ServiceSupport implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    /** Longest a publication may block the publishing route when the broker stops answering. */
    static final long TIME_TO_WAIT_MS = 5_000;

    private final CamelContext context;
    private final MqttSettings settings;
    private final MqttTopics topics;
    private final MqttOutbox outbox;
    private final RetryBackoff backoff;
    private MqttClient client;
    private ScheduledExecutorService executor;
    private volatile boolean failing;
    private final AtomicBoolean attemptScheduled = new AtomicBoolean();

    public MqttConnection(CamelContext context, MqttSettings settings, MqttOutbox outbox) {
        this.context = context;
        this.settings = settings;
        this.topics = settings.topics();
        this.outbox = outbox;
        this.backoff = new RetryBackoff(Duration.ofSeconds(1), settings.reconnectMax(), Clock.systemUTC());
    }

    /** The client the endpoints publish with (never connected by them). */
    public synchronized MqttClient client() {
        if (client == null) {
            try {
                client = new MqttClient(settings.url().toString(), settings.clientId(), new MemoryPersistence());
            } catch (MqttException e) {
                throw new IllegalStateException("MQTT client for " + settings.url() + ": " + e.getMessage(), e);
            }
            client.setTimeToWait(TIME_TO_WAIT_MS);
            client.setCallback(this);
        }
        return client;
    }

    public boolean connected() {
        return client != null && client.isConnected();
    }

    @Override
    protected void doStart() {
        client();
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "mqtt-connect");
        executor.execute(this::connect);
    }

    @Override
    protected void doStop() throws MqttException {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
        }
        if (client != null && client.isConnected()) {
            try {
                // a clean DISCONNECT does not fire the last will: say offline ourselves
                client.publish(topics.availability(), MqttTopics.OFFLINE.getBytes(StandardCharsets.UTF_8), 1, true);
                client.disconnect(1000);
            } catch (MqttException e) {
                LOG.debug("MQTT: no clean goodbye ({}); the broker sends the last will", e.getMessage());
            }
        }
        if (client != null) {
            client.close(true);
        }
    }

    private void connect() {
        attemptScheduled.set(false);
        if (!isRunAllowed() || client.isConnected()) {
            return;
        }
        try {
            client.connect(options());
            if (topics.discovery()) {
                client.subscribe(topics.birth(), 1);
            }
            client.publish(topics.availability(), MqttTopics.ONLINE.getBytes(StandardCharsets.UTF_8), 1, true);
            outbox.requestDiscovery();
            backoff.success();
            if (failing) {
                LOG.info("MQTT broker {} reachable again, publishing", settings.url());
            } else {
                LOG.info("MQTT connected to {} as {}", settings.url(), settings.clientId());
            }
            failing = false;
        } catch (MqttException | RuntimeException e) {
            Duration wait = backoff.failure(null);
            if (!failing) {
                LOG.warn("MQTT broker {} unreachable ({}); the collector carries on and retries, up to every {} s",
                        settings.url(), reason(e), settings.reconnectMax().toSeconds());
            }
            failing = true;
            if (client.isConnected()) {
                try {
                    client.disconnect(1000);
                } catch (MqttException ignored) {
                    // the next attempt starts from a closed connection anyway
                }
            }
            schedule(wait);
        }
    }

    private void schedule(Duration wait) {
        // a failed attempt and the lost-connection callback may both ask: one attempt is enough
        if (isRunAllowed() && executor != null && !executor.isShutdown()
                && attemptScheduled.compareAndSet(false, true)) {
            executor.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(false);
        o.setConnectionTimeout(10);
        o.setKeepAliveInterval(30);
        if (settings.user() != null) {
            o.setUserName(settings.user());
            if (settings.password() != null) {
                o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
            }
        }
        MqttMessage will = new MqttMessage(MqttTopics.OFFLINE.getBytes(StandardCharsets.UTF_8));
        will.setQos(1);
        will.setRetained(true);
        o.setWill(topics.availability(), will);
        return o;
    }

    private static String reason(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return e.getMessage() + (cause != e ? ": " + cause.getMessage() : "");
    }

    // ---- Paho callbacks (Paho's thread: nothing blocking here)

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (!isRunAllowed()) {
            return;
        }
        Duration wait = backoff.failure(null);
        if (!failing) {
            LOG.warn("MQTT connection to {} lost ({}); reconnecting", settings.url(),
                    response.getException() != null ? reason(response.getException()) : response.getReasonString());
        }
        failing = true;
        schedule(wait);
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (topics.discovery() && topic.equals(topics.birth())
                && MqttTopics.ONLINE.equals(new String(message.getPayload(), StandardCharsets.UTF_8))) {
            LOG.info("Home Assistant came online: sending the discovery configs again");
            outbox.requestDiscovery();
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        LOG.debug("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // publications are synchronous
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        // handled in connect(), on our own thread
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }
}
