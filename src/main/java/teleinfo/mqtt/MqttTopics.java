package teleinfo.mqtt;

/**
 * The topics of one collector: {@code <topic>/status} (availability, retained), {@code <topic>/<meter>/state} (live
 * state, retained), {@code <topic>/<meter>/reading} (closed minutes) and the Home Assistant discovery configs
 * {@code <prefix>/<component>/teleinfo_<meter>/<key>/config}.
 */
public record MqttTopics(String base, String discoveryPrefix) {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public String availability() {
        return base + "/status";
    }

    public String state(String meter) {
        return base + "/" + meter + "/state";
    }

    public String reading(String meter) {
        return base + "/" + meter + "/reading";
    }

    public boolean discovery() {
        return discoveryPrefix != null;
    }

    /** Where Home Assistant announces itself ({@code online} when it starts). */
    public String birth() {
        return discoveryPrefix + "/status";
    }

    public String config(String component, String meter, String key) {
        return discoveryPrefix + "/" + component + "/" + HomeAssistantDiscovery.nodeId(meter) + "/" + key + "/config";
    }
}
