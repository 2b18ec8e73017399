package teleinfo.collector;

import org.apache.camel.CamelContext;

import teleinfo.mqtt.MqttOutbox;

/** The objects the collector routes share, kept in the Camel registry so that every route uses the same one. */
public final class CollectorBeans {
    static final String SPOOL = "teleinfoSpool";
    static final String MQTT_OUTBOX = "teleinfoMqttOutbox";
    /** The Paho client of the {@code paho-mqtt5:} endpoints ({@code client=#teleinfoMqttClient}). */
    public static final String MQTT_CLIENT = "teleinfoMqttClient";
    static final String MQTT_CONNECTION = "teleinfoMqttConnection";

    private CollectorBeans() {
    }

    public static synchronized Spool spool(CamelContext context, CollectorSettings settings) {
        Spool spool = context.getRegistry().lookupByNameAndType(SPOOL, Spool.class);
        if (spool == null) {
            spool = new Spool(settings.spoolDir());
            context.getRegistry().bind(SPOOL, spool);
            SpoolHealthCheck health = new SpoolHealthCheck(spool);
            health.setCamelContext(context);
            org.apache.camel.health.HealthCheckRegistry.get(context).register(health);
        }
        return spool;
    }

    /**
     * The latest values waiting for the broker, and the connection that sends them (started and stopped with the
     * context); null when MQTT is off.
     */
    public static synchronized MqttOutbox mqttOutbox(CamelContext context, CollectorSettings settings) {
        if (settings.mqtt() == null) {
            return null;
        }
        MqttOutbox outbox = context.getRegistry().lookupByNameAndType(MQTT_OUTBOX, MqttOutbox.class);
        if (outbox == null) {
            outbox = new MqttOutbox(settings.mqtt().topics());
            context.getRegistry().bind(MQTT_OUTBOX, outbox);
            MqttConnection connection = new MqttConnection(context, settings.mqtt(), outbox);
            context.getRegistry().bind(MQTT_CLIENT, connection.client());
            context.getRegistry().bind(MQTT_CONNECTION, connection);
            try {
                context.addService(connection, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("MQTT connection: " + e.getMessage(), e);
            }
        }
        return outbox;
    }

    /** The connection of {@link #mqttOutbox}; null when MQTT is off. */
    public static synchronized MqttConnection mqttConnection(CamelContext context, CollectorSettings settings) {
        return mqttOutbox(context, settings) == null ? null
                : context.getRegistry().lookupByNameAndType(MQTT_CONNECTION, MqttConnection.class);
    }
}
