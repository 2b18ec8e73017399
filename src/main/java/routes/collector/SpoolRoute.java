package routes.collector;

import io.micrometer.core.instrument.Counter;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.ops.AppMetrics;

import teleinfo.collector.CollectorBeans;
import teleinfo.collector.CollectorSettings;
import teleinfo.collector.MinuteAggregate;
import teleinfo.collector.Spool;

/** A closed minute becomes a reading, written durably to the spool before anything tries to send it. */
public class SpoolRoute extends RouteBuilder {

    @Override
    public void configure() {
        Spool spool = CollectorBeans.spool(getContext(), CollectorSettings.from(getContext()));

        Counter spooled = AppMetrics.counter(getContext(), "teleinfo.readings.spooled", "readings written to the spool");

        from("direct:minute-closed")
            .routeId("minute-to-spool")
            .startupOrder(10)
            // runs on the aggregator's thread: its own error handler, a few attempts if the disk hiccups
            .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(500)
                    .retryAttemptedLogLevel(LoggingLevel.WARN))
            .process(e -> e.getMessage().setBody(e.getMessage().getBody(MinuteAggregate.class).toReading()))
            .filter(body().isNotNull())
                .bean(spool, "write")
                .process(e -> spooled.increment())
                .log(LoggingLevel.DEBUG, "spooled ${body}");
    }
}
