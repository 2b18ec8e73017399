package teleinfo.web;

import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** The length of an energy bucket, in the calendar of a time zone (a day lasts 23, 24 or 25 hours). */
public enum EnergyStep {
    HOUR, DAY, MONTH;

    public static EnergyStep parse(String text) {
        try {
            return valueOf(text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("'step' must be hour, day or month");
        }
    }

    /** The start of the bucket holding the given time. */
    public ZonedDateTime floor(ZonedDateTime time) {
        switch (this) {
            case HOUR: return time.truncatedTo(ChronoUnit.HOURS);
            case DAY: return time.toLocalDate().atStartOfDay(time.getZone());
            default: return time.toLocalDate().withDayOfMonth(1).atStartOfDay(time.getZone());
        }
    }

    public ZonedDateTime next(ZonedDateTime start) {
        switch (this) {
            case HOUR: return start.plusHours(1);
            case DAY: return start.toLocalDate().plusDays(1).atStartOfDay(start.getZone());
            default: return start.toLocalDate().plusMonths(1).atStartOfDay(start.getZone());
        }
    }
}
