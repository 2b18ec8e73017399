package teleinfo.mqtt;

/** One MQTT message to send; an empty retained payload deletes the retained message of its topic. */
public record Publication(String topic, String payload, boolean retained, int qos) {
}
