package teleinfo.mqtt;

import java.net.URI;
import java.time.Duration;

/**
 * Where and how the collector publishes to an MQTT broker (off when {@code TELEINFO_MQTT_URL} is not set).
 *
 * @param url             {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param user            null when the broker takes anonymous clients
 * @param password        never logged; null without a user
 * @param clientId        unique per broker (two clients with one id throw each other off)
 * @param topic           base of the state, reading and availability topics
 * @param discoveryPrefix Home Assistant's discovery prefix; null = no discovery
 * @param interval        how often the live state is published
 * @param reconnectMax    cap of the reconnection back-off (first wait one second, doubled each time)
 */
public record MqttSettings(URI url, String user, String password, String clientId, String topic,
        String discoveryPrefix, Duration interval, Duration reconnectMax) {

    public MqttTopics topics() {
        return new MqttTopics(topic, discoveryPrefix);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "MqttSettings[url=" + url + ", user=" + user + ", clientId=" + clientId + ", topic=" + topic
                + ", discoveryPrefix=" + discoveryPrefix + ", interval=" + interval + "]";
    }
}
