package routes.collector;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.processor.aggregate.AggregateController;
import org.apache.camel.processor.aggregate.DefaultAggregateController;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.util.concurrent.SynchronousExecutorService;

import teleinfo.collector.FrameSorter;
import teleinfo.collector.MinuteAggregationStrategy;

/**
 * Frames from the meter, folded into one aggregate per meter per clock minute. A minute closes when the first
 * frame of the next one arrives, when the line stays quiet for {@code collector.minute.timeout}, or on shutdown.
 */
public class TicFramesRoute extends RouteBuilder {
    @Override
    public void configure() {
        // The minute in progress is closed as the context begins to stop, while every route still runs:
        // forceCompletionOnStop alone comes too late when other routes share the context (the demo), and the
        // minute would be lost.
        AggregateController minuteController = new DefaultAggregateController();
        getContext().getManagementStrategy().addEventNotifier(new SimpleEventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    minuteController.forceCompletionOfAllGroups();
                }
            }
        });

        boolean mqtt = getContext().getRegistry().lookupByName("liveStateTap") != null;

        RouteDefinition frames = from("tic:{{collector.port}}?mode={{collector.mode}}"
                + "&lenient={{collector.tic.lenient}}"
                + "&noFrameTimeout={{collector.tic.noFrameTimeout}}"
                + "&autoSwitchAfter={{collector.tic.autoSwitchAfter}}"
                + "&stateFile={{collector.tic.stateFile}}"
                + "&reopenDelay={{collector.tic.reopenDelay}}"
                + "&maxReopenDelay={{collector.tic.maxReopenDelay}}")
            .routeId("tic-frames")
            // started last, stopped first: the minute it forces closed on shutdown still reaches the spool
            .startupOrder(30)
            .process("ticMetrics")
            .process("frameSorter");
        if (mqtt) {
            frames.process("liveStateTap");
        }
        frames
            .filter(header(FrameSorter.MINUTE_KEY).isNotNull())
            .aggregate(header(FrameSorter.MINUTE_KEY), new MinuteAggregationStrategy())
                .aggregateController(minuteController)
                .completionOnNewCorrelationGroup()
                .completionTimeout("{{collector.minute.timeout}}")
                .forceCompletionOnStop()
                // closed minutes are sent on the completing thread: with the default pool, the minute forced closed
                // on shutdown would be sent after this route's processors had stopped, and be lost
                .executorService(new SynchronousExecutorService())
                .to("direct:minute-closed");
    }
}
