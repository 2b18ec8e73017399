package teleinfo.collector;

import java.time.Duration;
import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.Processor;

import teleinfo.component.TicHeaders;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicMode;

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
    private String lastMeter;
    private Instant lastMeterTime;
    private Instant receivedAtLastMeterTime;

    public FrameSorter(PlausibilityCheck plausibility) {
        this.plausibility = plausibility;
    }

    @Override
    public void process(Exchange exchange) throws InvalidPayloadException {
        TicFrame frame = exchange.getMessage().getMandatoryBody(TicFrame.class);
        Instant received = exchange.getMessage().getHeader(TicHeaders.RECEIVED_AT, Instant.class);
        if (received == null) {
            received = Instant.now();
        }
        String meter = frame.meterId() != null ? frame.meterId() : lastMeter;
        if (meter == null) {
            return; // nothing to attribute the frame to yet: no correlation key, the route drops it
        }
        lastMeter = meter;
        Instant time = time(frame, received);
        Instant minute = ReadingTime.minuteOf(time);
        exchange.getMessage().setHeader(METER, meter);
        exchange.getMessage().setHeader(MINUTE, minute);
        exchange.getMessage().setHeader(MINUTE_KEY, meter + " " + minute);
        String reason = plausibility.check(meter, frame, time);
        if (reason != null) {
            exchange.getMessage().setHeader(IMPLAUSIBLE, reason);
        }
    }

    /**
     * A standard-mode frame whose DATE group was refused is placed on the meter's clock extrapolated from the last
     * DATE, not on the host clock: a host clock a minute off would close the minute early and reopen it.
     */
    private Instant time(TicFrame frame, Instant received) {
        Instant meterTime = ReadingTime.meterTime(frame);
        if (meterTime != null) {
            lastMeterTime = meterTime;
            receivedAtLastMeterTime = received;
            return meterTime;
        }
        if (frame.mode() == TicMode.STANDARD && lastMeterTime != null) {
            return lastMeterTime.plus(Duration.between(receivedAtLastMeterTime, received));
        }
        return received;
    }
}
