package teleinfo.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;

/** A real MQTT client (Paho) subscribed to a filter, recording every message it receives. */
public final class MqttRecorder implements AutoCloseable {
    public record Received(String topic, String payload, boolean retained) {
    }

    private final MqttClient client;
    private final List<Received> messages = new CopyOnWriteArrayList<>();
    private final Map<String, String> latest = new ConcurrentHashMap<>();

    public MqttRecorder(String brokerUrl, String filter) throws MqttException {
        client = new MqttClient(brokerUrl, "recorder-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(false);
        client.connect(o);
        // subscribe(String, int, IMqttMessageListener) recurses forever in Paho 1.2.5: the array form works
        client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
                new IMqttMessageListener[] {this::record});
    }

    private void record(String topic, MqttMessage m) {
        String payload = new String(m.getPayload(), StandardCharsets.UTF_8);
        messages.add(new Received(topic, payload, m.isRetained()));
        latest.put(topic, payload);
    }

    public void publish(String topic, String payload, boolean retained) throws MqttException {
        client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    public List<Received> messages() {
        return new ArrayList<>(messages);
    }

    public String latest(String topic) {
        return latest.get(topic);
    }

    public void clear() {
        messages.clear();
        latest.clear();
    }

    /** Waits until a received message matches; fails the test after {@code seconds}. */
    public Received await(Predicate<Received> condition, int seconds, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (Received r : messages) {
                if (condition.test(r)) {
                    return r;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("no MQTT message " + what + " within " + seconds + " s; received " + messages);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker may already be gone
        }
    }
}
