package teleinfo.collector;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

import teleinfo.component.TicHeaders;
import teleinfo.protocol.TicFrame;

/**
 * Before the aggregator: gives each frame its time, its minute and meter (the correlation key), and the verdict of
 * the plausibility check. Runs on the single reader thread of the line.
 */
public final class FrameSorter implements Processor {
    /** Correlation key of the minute aggregator: {@code <meter> <minute>}. */
    public static final String MINUTE_KEY = "TeleinfoMinute";
    /** Why the frame was refused; absent when it was accepted. */
    public static final String IMPLAUSIBLE = "TeleinfoImplausible";
    public static final String METER = "TeleinfoMeter";
    public static final String MINUTE = "TeleinfoMinuteStart";

    private final PlausibilityCheck plausibility;

    public FrameSorter(PlausibilityCheck plausibility) {
        this.plausibility = plausibility;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        TicFrame frame = exchange.getMessage().getMandatoryBody(TicFrame.class);
        Instant received = exchange.getMessage().getHeader(TicHeaders.RECEIVED_AT, Instant.class);
        Instant time = ReadingTime.of(frame, received != null ? received : Instant.now());
        Instant minute = ReadingTime.minuteOf(time);
        String meter = frame.meterId();
        exchange.getMessage().setHeader(METER, meter);
        exchange.getMessage().setHeader(MINUTE, minute);
        exchange.getMessage().setHeader(MINUTE_KEY, meter + " " + minute);
        if (meter != null) {
            String reason = plausibility.check(meter, frame, time);
            if (reason != null) {
                exchange.getMessage().setHeader(IMPLAUSIBLE, reason);
            }
        }
    }
}
