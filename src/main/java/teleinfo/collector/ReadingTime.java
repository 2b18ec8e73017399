package teleinfo.collector;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import teleinfo.protocol.Horodate;
import teleinfo.protocol.TicFrame;
import teleinfo.protocol.TicLabel;

/**
 * When a frame was measured. Standard mode: the meter's DATE horodate, whose season letter gives the exact UTC offset
 * (so the summer/winter changes need no time-zone guess). Historic mode, or a meter clock in degraded mode: the
 * instant the frame was received, a UTC instant from the host clock.
 */
public final class ReadingTime {
    private ReadingTime() {
    }

    public static Instant of(TicFrame frame, Instant received) {
        String date = frame.horodates().get(TicLabel.DATE);
        if (date != null) {
            Horodate h = Horodate.parse(date);
            Instant meter = h.instant();
            if (meter != null && !h.clockDegraded()) {
                return meter;
            }
        }
        return received;
    }

    /** Start of the clock minute that contains {@code t}. */
    public static Instant minuteOf(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }
}
