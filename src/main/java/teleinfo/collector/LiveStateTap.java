package teleinfo.collector;

import java.time.Instant;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import teleinfo.component.TicHeaders;
import teleinfo.mqtt.MqttOutbox;
import teleinfo.protocol.TicFrame;

/**
 * After {@link FrameSorter}, on the line's reader thread: hands a frame that passed the decoder and the plausibility
 * check to the MQTT outbox. It only stores a reference (no I/O, no lock held for long), so the broker can never slow
 * the line or the minute readings down.
 */
public final class LiveStateTap implements Processor {
    private final MqttOutbox outbox;

    public LiveStateTap(MqttOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void process(Exchange exchange) {
        String meter = exchange.getMessage().getHeader(FrameSorter.METER, String.class);
        if (meter == null || exchange.getMessage().getHeader(FrameSorter.IMPLAUSIBLE) != null) {
            return;
        }
        TicFrame frame = exchange.getMessage().getBody(TicFrame.class);
        Instant received = exchange.getMessage().getHeader(TicHeaders.RECEIVED_AT, Instant.class);
        outbox.offerFrame(meter, frame, ReadingTime.of(frame, received != null ? received : Instant.now()));
    }
}
