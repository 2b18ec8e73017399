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
        Instant meter = meterTime(frame);
        return meter != null ? meter : received;
    }

    /** The meter's DATE as an exact instant; null when absent, without season, or from a degraded clock. */
    public static Instant meterTime(TicFrame frame) {
        String date = frame.horodates().get(TicLabel.DATE);
        if (date == null) {
            return null;
        }
        Horodate h = Horodate.parse(date);
        return h.clockDegraded() ? null : h.instant();
    }

    /** Start of the clock minute that contains {@code t}. */
    public static Instant minuteOf(Instant t) {
        return t.truncatedTo(ChronoUnit.MINUTES);
    }
}
