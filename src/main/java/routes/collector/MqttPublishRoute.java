package routes.collector;

import java.nio.charset.StandardCharsets;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;

import teleinfo.collector.CollectorConfiguration;
import teleinfo.collector.MqttConnection;
import teleinfo.mqtt.MqttOutbox;
import teleinfo.mqtt.Publication;

/**
 * MQTT (when TELEINFO_MQTT_URL is set): every {@code collector.mqtt.interval}, the live state of each meter that sent
 * a frame since the last round (retained) and its latest closed reading. Runs on its own timer thread: the frames and
 * the readings only leave a reference in the {@link MqttOutbox}, so a slow or absent broker never delays the line, the
 * spool or the upload. While the broker is away nothing is sent and nothing piles up (latest values only).
 */
public class MqttPublishRoute extends RouteBuilder {
    /** Exchange property: the {@link Publication} being sent. */
    static final String PUBLICATION = "TeleinfoMqttPublication";

    @Override
    public void configure() {
        MqttOutbox outbox = getContext().getRegistry().lookupByNameAndType("mqttOutbox", MqttOutbox.class);
        if (outbox == null) {
            return;
        }
        MqttConnection connection = getContext().getRegistry()
                .lookupByNameAndType("mqttConnection", MqttConnection.class);

        from("timer:mqtt-state?period={{collector.mqtt.interval}}&delay=1000")
            .routeId("mqtt-state")
            .filter(e -> connection.connected())
            .process(e -> e.getMessage().setBody(outbox.stateAndReadings()))
            .doTry()
                .split(body()).stopOnException()
                    .to("direct:mqtt-publish")
                .endDoTry()
            .doCatch(Exception.class)
                // the connection logs the outage once; what was not sent goes in the next round (latest values)
                .log(LoggingLevel.DEBUG, "MQTT publication failed: ${exception.message}")
            .end();

        from("direct:mqtt-publish")
            .routeId("mqtt-publish")
            .errorHandler(noErrorHandler())
            .process(e -> {
                Publication p = e.getMessage().getBody(Publication.class);
                e.setProperty(PUBLICATION, p);
                e.getMessage().setHeader(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC, p.topic());
                e.getMessage().setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_RETAINED, p.retained());
                e.getMessage().setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_QOS, p.qos());
                e.getMessage().setBody(p.payload().getBytes(StandardCharsets.UTF_8));
            })
            // the shared client, connected (and reconnected) by MqttConnection, not by the endpoint
            .to("paho-mqtt5:{{collector.mqtt.topic}}?client=#" + CollectorConfiguration.MQTT_CLIENT)
            .process(e -> outbox.published(e.getProperty(PUBLICATION, Publication.class)));
    }
}
