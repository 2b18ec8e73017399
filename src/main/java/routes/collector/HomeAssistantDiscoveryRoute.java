package routes.collector;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.collector.MqttConnection;
import teleinfo.mqtt.MqttOutbox;

/**
 * Home Assistant discovery (when MQTT is on and the discovery prefix is not empty): the retained configs of a meter's
 * entities when it is first seen or its set of entities changes (stale ones removed by an empty retained config), and
 * every config again after each (re)connection and when Home Assistant's birth message arrives. Looked at every second
 * so that a birth or a reconnection is answered at once; a round that fails is sent again whole.
 */
public class HomeAssistantDiscoveryRoute extends RouteBuilder {
    static final String ROUND = "TeleinfoDiscoveryRound";

    @Override
    public void configure() {
        MqttOutbox outbox = getContext().getRegistry().lookupByNameAndType("mqttOutbox", MqttOutbox.class);
        if (outbox == null || !outbox.topics().discovery()) {
            return;
        }
        MqttConnection connection = getContext().getRegistry()
                .lookupByNameAndType("mqttConnection", MqttConnection.class);

        from("timer:ha-discovery?period=1000&delay=500")
            .routeId("ha-discovery")
            .filter(e -> connection.connected())
            .process(e -> {
                MqttOutbox.DiscoveryRound round = outbox.discovery();
                e.setProperty(ROUND, round);
                e.getMessage().setBody(round.publications());
            })
            .filter(e -> !e.getProperty(ROUND, MqttOutbox.DiscoveryRound.class).publications().isEmpty())
            .doTry()
                .split(body()).stopOnException()
                    .to("direct:mqtt-publish")
                .endDoTry()
                .process(e -> outbox.announced(e.getProperty(ROUND, MqttOutbox.DiscoveryRound.class)))
                .log(LoggingLevel.DEBUG, "Home Assistant discovery: ${exchangeProperty." + ROUND
                        + ".publications.size} configs sent")
            .doCatch(Exception.class)
                .process(e -> outbox.requestDiscovery())
                .log(LoggingLevel.DEBUG, "Home Assistant discovery failed, sent again next round: "
                        + "${exception.message}")
            .end();
    }
}
