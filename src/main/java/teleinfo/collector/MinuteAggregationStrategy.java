package teleinfo.collector;

import java.time.Instant;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import teleinfo.protocol.TicFrame;

/** Folds the frames of one meter-minute into a {@link MinuteAggregate}, the body of the aggregated exchange. */
public final class MinuteAggregationStrategy implements AggregationStrategy {
    private static final Logger LOG = LoggerFactory.getLogger(MinuteAggregationStrategy.class);

    @Override
    public Exchange aggregate(Exchange oldExchange, Exchange newExchange) {
        TicFrame frame = newExchange.getMessage().getBody(TicFrame.class);
        Exchange into = oldExchange != null ? oldExchange : newExchange;
        MinuteAggregate minute;
        if (oldExchange == null) {
            minute = new MinuteAggregate(newExchange.getMessage().getHeader(FrameSorter.METER, String.class),
                    newExchange.getMessage().getHeader(FrameSorter.MINUTE, Instant.class));
        } else {
            minute = oldExchange.getMessage().getBody(MinuteAggregate.class);
        }
        String implausible = newExchange.getMessage().getHeader(FrameSorter.IMPLAUSIBLE, String.class);
        if (implausible != null) {
            LOG.warn("frame of meter {} rejected: {}", minute.meter(), implausible);
            minute.reject(1);
        } else {
            minute.accept(frame);
        }
        into.getMessage().setBody(minute);
        return into;
    }
}
