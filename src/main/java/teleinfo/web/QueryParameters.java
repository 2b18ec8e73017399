package teleinfo.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * The parameters of a query string, read from the raw string (not from the Camel headers, where HTTP headers of the
 * same name would mix in). Every malformed or missing value raises a {@link BadRequestException}.
 */
public final class QueryParameters {
    private final Map<String, String> values = new HashMap<>();

    private QueryParameters() {
    }

    public static QueryParameters parse(String rawQuery) {
        QueryParameters parameters = new QueryParameters();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (parameters.values.putIfAbsent(name, value) != null) {
                    throw new BadRequestException("parameter '" + name + "' is given twice");
                }
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("malformed query string");
            }
        }
        return parameters;
    }

    public String optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw new BadRequestException("missing parameter '" + name + "'");
        }
        return value;
    }

    public int integer(String name, int defaultValue, int min, int max) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new BadRequestException("'" + name + "' must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequestException("'" + name + "' must be an integer");
        }
    }

    public ZoneId zone(String name, ZoneId defaultZone) {
        String value = optional(name);
        if (value == null) {
            return defaultZone;
        }
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new BadRequestException("unknown time zone '" + value + "'");
        }
    }

    /** An optional time (as {@link #time}), or the default when absent. */
    public Instant optionalTime(String name, ZoneId zone, Instant defaultValue) {
        return optional(name) == null ? defaultValue : time(name, zone);
    }

    /**
     * A required time: epoch milliseconds, an ISO-8601 instant or date-time with offset ({@code 2026-11-29T21:00:00Z}),
     * a local date-time or a date ({@code 2026-11-29}, its start) in the given zone.
     */
    public Instant time(String name, ZoneId zone) {
        String value = required(name);
        if (value.chars().allMatch(Character::isDigit) && value.length() <= 15) {
            return Instant.ofEpochMilli(Long.parseLong(value));
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(value).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notDate) {
                    throw new BadRequestException("'" + name + "' must be epoch milliseconds or an ISO-8601 time, not '"
                            + value + "'");
                }
            }
        }
    }

    /** The range [from, to) of the parameters {@code from} and {@code to}: to after from, at most maxDays long. */
    public TimeRange range(ZoneId zone, long maxDays) {
        Instant from = time("from", zone);
        Instant to = time("to", zone);
        if (!to.isAfter(from)) {
            throw new BadRequestException("'to' must be after 'from'");
        }
        if (to.getEpochSecond() - from.getEpochSecond() > maxDays * 86_400L) {
            throw new BadRequestException("the range may not be longer than " + maxDays + " days");
        }
        return new TimeRange(from.getEpochSecond(), to.getEpochSecond() + (to.getNano() > 0 ? 1 : 0));
    }

    /** A meter identifier as the meter sends it: 1 to 16 letters or digits. */
    public String meter() {
        String meter = required("meter");
        if (meter.length() > 16 || !meter.chars().allMatch(Character::isLetterOrDigit)) {
            throw new BadRequestException("'meter' must be 1 to 16 letters or digits");
        }
        return meter;
    }
}
