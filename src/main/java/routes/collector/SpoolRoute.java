package routes.collector;

import io.micrometer.core.instrument.Counter;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.collector.CollectorSettings;
import teleinfo.collector.MinuteAggregate;
import teleinfo.collector.ReadingWriter;
import teleinfo.mqtt.MqttOutbox;
import teleinfo.ops.AppMetrics;
import teleinfo.reading.Reading;

/**
 * A closed minute becomes a reading, written durably to the spool before anything tries to send it, and handed to the
 * MQTT outbox when MQTT is on.
 */
public class SpoolRoute extends RouteBuilder {

    @Override
    public void configure() {
        CollectorSettings settings = getContext().getRegistry()
                .lookupByNameAndType("collectorSettings", CollectorSettings.class);
        MqttOutbox mqtt = getContext().getRegistry().lookupByNameAndType("mqttOutbox", MqttOutbox.class);
        Counter spooled = AppMetrics.counter(getContext(), "teleinfo.readings.spooled", "readings written to the spool");

        from("direct:minute-closed")
            .routeId("minute-to-spool")
            .startupOrder(10)
            // runs on the aggregator's thread: its own error handler, a few attempts if the disk hiccups
            .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(500)
                    .retryAttemptedLogLevel(LoggingLevel.WARN))
            .process(e -> e.getMessage().setBody(e.getMessage().getBody(MinuteAggregate.class).toReading()))
            .filter(body().isNotNull())
                // the latest reading for the broker: a reference stored in memory, never a wait on the broker
                .process(e -> {
                    if (mqtt != null) {
                        Reading r = e.getMessage().getBody(Reading.class);
                        mqtt.offerReading(r.meter(), ReadingWriter.json(r));
                    }
                })
                // without a server (MQTT only) nothing is spooled: nothing would ever drain it
                .filter(e -> settings.http())
                    .bean("spool", "write")
                    .process(e -> spooled.increment())
                    .log(LoggingLevel.DEBUG, "spooled ${body}");
    }
}
